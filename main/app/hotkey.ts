/**
 * Claims the switcher's global hotkey with Electron's globalShortcut. A hotkey another app already
 * holds is reported (a notice in the window and a log line), never silently dead.
 */
import type { GlobalShortcut } from 'electron';
import type { Notice } from '../../shared/contract/contract';
import { chooseHotkey, describeHotkey, hotkeyClashNotice } from '../../shared/launch/hotkey';

export interface GlobalHotkeyOptions {
  /** The analyst's choice, if any; absent or invalid, the default is used. */
  readonly configured?: string | null;
  readonly platform: NodeJS.Platform;
  readonly onPress: () => void;
  /** Shows a notice in the window (core keeps it for windows opened later). */
  readonly notify: (notice: Notice) => void;
  readonly log: { info(message: string): void; warn(message: string): void };
}

export interface GlobalHotkey {
  /** The accelerator this app holds, or undefined when another app had it. */
  readonly accelerator: string | undefined;
  /** Gives it back to the system (on quit). */
  release(): void;
}

/** Call after `app` is ready (globalShortcut is unavailable before). */
export function claimGlobalHotkey(
  shortcuts: Pick<GlobalShortcut, 'register' | 'isRegistered' | 'unregister'>,
  options: GlobalHotkeyOptions,
): GlobalHotkey {
  const chosen = chooseHotkey(options.configured);
  if (chosen.notice) {
    options.log.warn(chosen.notice.message);
    options.notify(chosen.notice);
  }
  const accelerator = chosen.accelerator;
  let registered = false;
  try {
    // register() gives false when another app holds the combination; on some desktops it gives
    // true without holding it, which isRegistered() then shows.
    registered = shortcuts.register(accelerator, options.onPress) && shortcuts.isRegistered(accelerator);
  } catch (error) {
    options.log.warn(`The hotkey ${accelerator} could not be registered: ${String(error)}`);
  }
  if (!registered) {
    const notice = hotkeyClashNotice(accelerator, options.platform);
    options.log.warn(`${notice.title}: ${notice.message}`);
    options.notify(notice);
    return { accelerator: undefined, release: () => undefined };
  }
  options.log.info(`${describeHotkey(accelerator, options.platform)} opens the switcher.`);
  let held = true;
  return {
    accelerator,
    release: () => {
      if (!held) return;
      held = false;
      shortcuts.unregister(accelerator);
    },
  };
}
