/**
 * Opens a launch the way its mode says: the default browser (the host's own opener), a named
 * browser profile or private window (the browser started with the URL as its own argument), or an
 * app window on the account's session partition (the desktop app only). Core has already checked
 * the URL against the cloud profile's portals before anything here runs.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import {
  browserCommand,
  BROWSER_LABELS,
  type LaunchMode,
  type LaunchPlatform,
} from '../../../shared/launch/launch-mode';
import { UserFacingError } from '../platform/errors';
import type { LaunchHow, Opener } from './opener';

/** Starts a program detached from Switchboard (the OS edge; tests pass a recorder). */
export type StartProgram = (command: string, args: ReadonlyArray<string>) => void;

const startDetached: StartProgram = (command, args) => {
  const child = spawn(command, [...args], { detached: true, stdio: 'ignore', shell: false });
  child.on('error', () => undefined);
  child.unref();
};

export interface ModeOpenerOptions {
  /** The default browser: Electron's shell.openExternal, or the browser host's page. */
  readonly base: Opener;
  readonly platform: LaunchPlatform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly exists?: (file: string) => boolean;
  readonly start?: StartProgram;
  /** Opens an app window on a session partition; absent where there are no app windows (browser host). */
  readonly appWindow?: (url: string, partition: string) => Promise<void>;
}

export function modeOpener(options: ModeOpenerOptions): Opener {
  const exists = options.exists ?? ((file: string) => fs.existsSync(file));
  const start = options.start ?? startDetached;
  const inProfile = (url: string, mode: LaunchMode): void => {
    const command = browserCommand(mode, options.platform, options.env ?? process.env);
    const found = command.candidates.find(exists);
    if (found === undefined) {
      throw new UserFacingError(
        'unavailable',
        `${BROWSER_LABELS[mode.browser]} was not found on this computer (looked in ${command.candidates.slice(0, 3).join(', ')}…). Install it, or choose another launch mode for this account in Accounts.`,
      );
    }
    if (command.macApp !== undefined)
      start('/usr/bin/open', ['-na', command.macApp, '--args', ...command.args, url]);
    else start(found, [...command.args, url]);
  };
  return {
    open: async (url: string, how?: LaunchHow) => {
      switch (how?.mode.mode ?? 'defaultBrowser') {
        case 'defaultBrowser':
          return options.base.open(url, how);
        case 'browserProfile':
          inProfile(url, (how as LaunchHow).mode);
          return { handled: true };
        case 'appWindow':
          if (!options.appWindow)
            throw new UserFacingError(
              'unavailable',
              'A Switchboard window needs the desktop app. Choose another launch mode.',
            );
          await options.appWindow(url, (how as LaunchHow).partition);
          return { handled: true };
      }
    },
  };
}
