/**
 * The global hotkey that shows the switcher from anywhere on the desktop: which Electron accelerator
 * strings we accept (https://www.electronjs.org/docs/latest/api/accelerator), how one is shown to
 * the analyst, and the notices when it cannot be used. Pure and shared: Settings checks the
 * analyst's choice with it before saving, and the desktop app registers what it accepts.
 */
import type { Notice } from '../contract/contract';

/** Ctrl+Alt+K (Cmd+Alt+K on macOS): Ctrl/Cmd+K opens the same switcher inside the window. */
export const DEFAULT_HOTKEY = 'CommandOrControl+Alt+K';

/** Longer input is not an accelerator ("CommandOrControl+Shift+Alt+Super+PageDown" is 44). */
const MAX_HOTKEY_LENGTH = 64;

/** The id of the notice about the hotkey: a newer one replaces the older. */
export const HOTKEY_NOTICE_ID = 'global-hotkey';

/** Electron's modifiers (aliases to their canonical spelling), in the order we write them. */
const MODIFIERS: ReadonlyArray<readonly [canonical: string, aliases: ReadonlyArray<string>]> = [
  ['CommandOrControl', ['commandorcontrol', 'cmdorctrl']],
  ['Command', ['command', 'cmd']],
  ['Control', ['control', 'ctrl']],
  ['Alt', ['alt', 'option']],
  ['AltGr', ['altgr']],
  ['Shift', ['shift']],
  ['Super', ['super', 'meta']],
];
const MODIFIER_BY_ALIAS = new Map(
  MODIFIERS.flatMap(([canonical, aliases]) => aliases.map((alias) => [alias, canonical] as const)),
);

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
  ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
  ...Array.from({ length: 10 }, (_, i) => `num${i}`),
];
const NAMED_KEY_BY_LOWER = new Map(NAMED_KEYS.map((key) => [key.toLowerCase(), key]));
/** Single characters Electron accepts as keys ("+" itself is written Plus). */
const CHARACTER_KEY = /^[A-Za-z0-9)!@#$%^&*(:;=<,_\->.?/~`{\]}[|\\'"]$/;

export type HotkeyCheck =
  { readonly ok: true; readonly accelerator: string } | { readonly ok: false; readonly message: string };

const EXAMPLE = `for example ${DEFAULT_HOTKEY}`;

/**
 * Checks an accelerator from the analyst's settings and writes it canonically
 * ("ctrl + alt + k" becomes "Control+Alt+K"). Refused: empty or over-long input, an unknown
 * modifier or key, a modifier twice, more than one key, and a key without a modifier other than
 * Shift or AltGr, which would take that key (or its capital) away from every other app.
 */
export function checkHotkey(raw: string): HotkeyCheck {
  const input = raw.trim();
  if (input === '') return { ok: false, message: `The hotkey is empty. Name one, ${EXAMPLE}.` };
  if (input.length > MAX_HOTKEY_LENGTH) {
    return {
      ok: false,
      message: `The hotkey is ${input.length} characters long; an accelerator is at most ${MAX_HOTKEY_LENGTH}, ${EXAMPLE}.`,
    };
  }
  const parts = input.split('+').map((part) => part.trim());
  if (parts.some((part) => part === '')) {
    return {
      ok: false,
      message: `“${input}” has an empty part between “+” signs. Write the plus key as Plus, ${EXAMPLE}.`,
    };
  }
  const modifiers: string[] = [];
  const keys: string[] = [];
  for (const part of parts) {
    const modifier = MODIFIER_BY_ALIAS.get(part.toLowerCase());
    if (modifier !== undefined) {
      if (modifiers.includes(modifier)) {
        return { ok: false, message: `“${input}” names ${modifier} twice.` };
      }
      if (keys.length > 0) {
        return { ok: false, message: `In “${input}” the modifiers must come before the key, ${EXAMPLE}.` };
      }
      modifiers.push(modifier);
      continue;
    }
    const key = NAMED_KEY_BY_LOWER.get(part.toLowerCase()) ?? (CHARACTER_KEY.test(part) ? part : undefined);
    if (key === undefined) {
      return {
        ok: false,
        message: `“${part.slice(0, 24)}” is neither a modifier (CommandOrControl, Control, Alt, Shift, Super) nor a key Electron knows (A–Z, 0–9, F1–F24, Space, Up, …).`,
      };
    }
    keys.push(key.length === 1 ? key.toUpperCase() : key);
  }
  if (modifiers.includes('CommandOrControl') && modifiers.some((m) => m === 'Command' || m === 'Control')) {
    return {
      ok: false,
      message: `“${input}” names CommandOrControl and Command or Control; one of them is enough.`,
    };
  }
  if (keys.length !== 1) {
    return {
      ok: false,
      message:
        keys.length === 0
          ? `“${input}” has modifiers but no key, ${EXAMPLE}.`
          : `“${input}” names ${keys.length} keys; a hotkey is modifiers and one key, ${EXAMPLE}.`,
    };
  }
  if (!modifiers.some((m) => m !== 'Shift' && m !== 'AltGr')) {
    return {
      ok: false,
      message: `“${input}” would take ${keys[0]} from every other app. Add Ctrl, Cmd, Alt or Super, ${EXAMPLE}.`,
    };
  }
  const ordered = MODIFIERS.map(([canonical]) => canonical).filter((m) => modifiers.includes(m));
  return { ok: true, accelerator: [...ordered, keys[0]].join('+') };
}

/**
 * The accelerator to register: the configured one when it is valid, else the default, with a
 * notice saying why the configured one was not used.
 */
export function chooseHotkey(configured: string | null | undefined): {
  readonly accelerator: string;
  readonly notice?: Notice;
} {
  if (configured === undefined || configured === null || configured.trim() === '') {
    return { accelerator: DEFAULT_HOTKEY };
  }
  const checked = checkHotkey(configured);
  if (checked.ok) return { accelerator: checked.accelerator };
  return {
    accelerator: DEFAULT_HOTKEY,
    notice: {
      id: HOTKEY_NOTICE_ID,
      level: 'warning',
      title: 'The switcher hotkey was not changed',
      message: `${checked.message} Until then the switcher opens with ${DEFAULT_HOTKEY}.`,
    },
  };
}

/** The accelerator as this platform's keyboard labels it: "Ctrl+Alt+K", "Cmd+Option+K". */
export function describeHotkey(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  const labels: Readonly<Record<string, string>> = {
    CommandOrControl: mac ? 'Cmd' : 'Ctrl',
    Command: 'Cmd',
    Control: 'Ctrl',
    Alt: mac ? 'Option' : 'Alt',
    Super: mac ? 'Cmd' : platform === 'win32' ? 'Win' : 'Super',
  };
  return accelerator
    .split('+')
    .map((part) => labels[part] ?? part)
    .join('+');
}

/**
 * Another app holds the hotkey (Electron's register gives false, or isRegistered says no): the
 * analyst is told, with the ways in that still work, rather than pressing a dead key.
 */
export function hotkeyClashNotice(accelerator: string, platform: string): Notice {
  const shown = describeHotkey(accelerator, platform);
  return {
    id: HOTKEY_NOTICE_ID,
    level: 'warning',
    title: `${shown} does not open the switcher`,
    message: `Another app already uses ${shown}, so Switchboard could not claim it. Use the tray icon’s “Switch tenant…” or Ctrl/Cmd+K in this window, or free ${shown} in the other app and restart Switchboard.`,
  };
}
