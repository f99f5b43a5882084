/**
 * How a portal opens, chosen per partner account (with a per-launch override): in the default
 * browser; in a named browser profile (Edge or Chrome `--profile-directory`, or a private window) so
 * each partner identity keeps its own cookies; or in an app window on the account's own persistent
 * session partition (the desktop app only).
 */
import { z } from 'zod';

export const LAUNCH_MODES = ['defaultBrowser', 'browserProfile', 'appWindow'] as const;
export type LaunchModeId = (typeof LAUNCH_MODES)[number];

export const LAUNCH_MODE_LABELS: Readonly<Record<LaunchModeId, string>> = {
  defaultBrowser: 'Default browser',
  browserProfile: 'Browser profile',
  appWindow: 'Switchboard window (own sign-in per account)',
};

export const BROWSERS = ['edge', 'chrome'] as const;
export type BrowserId = (typeof BROWSERS)[number];
export const BROWSER_LABELS: Readonly<Record<BrowserId, string>> = {
  edge: 'Microsoft Edge',
  chrome: 'Google Chrome',
};

/**
 * A Chromium profile folder name as the browsers make them ("Default", "Profile 1") or as a user
 * names one: letters, digits, space, dot, dash, underscore; never a path.
 */
const PROFILE_DIRECTORY = /^(?!\.{1,2}$)(?!-)[A-Za-z0-9 ._-]{1,64}$/;

export const launchModeSchema = z
  .object({
    mode: z.enum(LAUNCH_MODES, { error: `The launch mode must be one of: ${LAUNCH_MODES.join(', ')}.` }),
    browser: z.enum(BROWSERS, { error: 'Choose Microsoft Edge or Google Chrome.' }).default('edge'),
    profileDirectory: z
      .string()
      .trim()
      .regex(
        PROFILE_DIRECTORY,
        'A profile folder name is like "Default" or "Profile 2" (letters, digits, spaces, . _ -). Find it in edge://version or chrome://version, "Profile path", last part.',
      )
      .nullable()
      .default(null),
    privateWindow: z.boolean().default(false),
  })
  .strict()
  .refine((m) => m.mode !== 'browserProfile' || m.privateWindow || m.profileDirectory !== null, {
    message:
      'For a browser profile, name the profile folder (for example "Profile 2") or choose a private window.',
    path: ['profileDirectory'],
  });
export type LaunchMode = z.output<typeof launchModeSchema>;

export const DEFAULT_LAUNCH_MODE: LaunchMode = {
  mode: 'defaultBrowser',
  browser: 'edge',
  profileDirectory: null,
  privateWindow: false,
};

export type LaunchPlatform = 'linux' | 'win32' | 'darwin';

export interface BrowserCommand {
  /** Executables to try, in order; the first that exists is run. */
  readonly candidates: ReadonlyArray<string>;
  /** Arguments before the URL. */
  readonly args: ReadonlyArray<string>;
  /** macOS: run through `open -na <app> --args ...` instead of the executable. */
  readonly macApp?: string;
}

/**
 * The command that opens `url` in the chosen browser profile. The URL is one argument of its own and
 * the profile folder comes only from the validated setting, so nothing from a portal can add a switch.
 */
export function browserCommand(
  mode: LaunchMode,
  platform: LaunchPlatform,
  env: Readonly<Record<string, string | undefined>> = {},
): BrowserCommand {
  const args = mode.privateWindow
    ? [mode.browser === 'edge' ? '--inprivate' : '--incognito']
    : [`--profile-directory=${mode.profileDirectory ?? 'Default'}`];
  if (platform === 'darwin') {
    const app = mode.browser === 'edge' ? 'Microsoft Edge' : 'Google Chrome';
    return { candidates: [`/Applications/${app}.app`], args, macApp: app };
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (r): r is string => !!r,
    );
    const rel =
      mode.browser === 'edge'
        ? 'Microsoft\\Edge\\Application\\msedge.exe'
        : 'Google\\Chrome\\Application\\chrome.exe';
    return { candidates: roots.map((r) => `${r}\\${rel}`), args };
  }
  const names =
    mode.browser === 'edge'
      ? ['microsoft-edge', 'microsoft-edge-stable']
      : ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser'];
  return {
    candidates: names.flatMap((n) => [`/usr/bin/${n}`, `/usr/local/bin/${n}`, `/snap/bin/${n}`]),
    args,
  };
}

/** The persistent session partition of an account's app windows: its own cookies, nothing shared. */
export function accountPartition(homeAccountIdHash: string): string {
  return `persist:switchboard-account-${homeAccountIdHash}`;
}

export function describeLaunchMode(mode: LaunchMode): string {
  switch (mode.mode) {
    case 'defaultBrowser':
      return 'the default browser';
    case 'browserProfile':
      return mode.privateWindow
        ? `a private ${BROWSER_LABELS[mode.browser]} window`
        : `${BROWSER_LABELS[mode.browser]}, profile "${mode.profileDirectory ?? 'Default'}"`;
    case 'appWindow':
      return 'a Switchboard window signed in as this account';
  }
}
