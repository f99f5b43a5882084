import { describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../../shared/contract/contract';
import { claimGlobalHotkey } from '../../../main/app/hotkey';
import {
  checkHotkey,
  chooseHotkey,
  DEFAULT_HOTKEY,
  describeHotkey,
  HOTKEY_NOTICE_ID,
  hotkeyClashNotice,
} from '../../../shared/launch/hotkey';

const refused = (raw: string): string => {
  const result = checkHotkey(raw);
  if (result.ok) throw new Error(`${raw} was accepted as ${result.accelerator}`);
  return result.message;
};

describe('checkHotkey', () => {
  it('accepts Electron accelerators and writes them canonically', () => {
    expect(checkHotkey(DEFAULT_HOTKEY)).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+K' });
    expect(checkHotkey(' ctrl + alt + k ')).toEqual({ ok: true, accelerator: 'Control+Alt+K' });
    expect(checkHotkey('Shift+CmdOrCtrl+Space')).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+Shift+Space',
    });
    expect(checkHotkey('Option+Meta+f12')).toEqual({ ok: true, accelerator: 'Alt+Super+F12' });
    expect(checkHotkey('Ctrl+Shift+Plus')).toEqual({ ok: true, accelerator: 'Control+Shift+Plus' });
    expect(checkHotkey('Alt+/')).toEqual({ ok: true, accelerator: 'Alt+/' });
    expect(checkHotkey('Super+num5')).toEqual({ ok: true, accelerator: 'Super+num5' });
  });

  it('refuses bare keys and keys that only Shift or AltGr modify: they would take typing away from other apps', () => {
    expect(refused('K')).toMatch(/would take K from every other app/);
    expect(refused('F5')).toMatch(/would take F5/);
    expect(refused('Shift+K')).toMatch(/Add Ctrl, Cmd, Alt or Super/);
    expect(refused('AltGr+E')).toMatch(/every other app/);
  });

  it('refuses unknown modifiers and keys, naming the part', () => {
    expect(refused('Hyper+K')).toMatch(/“Hyper” is neither a modifier/);
    expect(refused('Ctrl+Alt+Kay')).toMatch(/“Kay” is neither/);
    expect(refused('Ctrl+F25')).toMatch(/“F25”/);
    expect(refused('Ctrl+é')).toMatch(/“é”/);
  });

  it('refuses malformed shapes with a message that says what to write', () => {
    expect(refused('')).toMatch(/empty/);
    expect(refused('   ')).toMatch(/empty/);
    expect(refused('Ctrl++')).toMatch(/Plus/);
    expect(refused('Ctrl+Alt')).toMatch(/no key/);
    expect(refused('Ctrl+K+L')).toMatch(/2 keys/);
    expect(refused('K+Ctrl')).toMatch(/before the key/);
    expect(refused('Ctrl+Control+K')).toMatch(/Control twice/);
    expect(refused('CmdOrCtrl+Ctrl+K')).toMatch(/one of them is enough/);
  });

  it('refuses over-long input without echoing all of it', () => {
    const message = refused(`Ctrl+${'A'.repeat(500)}`);
    expect(message).toMatch(/505 characters/);
    expect(message.length).toBeLessThan(200);
    expect(refused(`Ctrl+Alt+${'x'.repeat(60)}`)).toMatch(/at most 64/);
  });
});

describe('chooseHotkey', () => {
  it('uses the default when nothing is configured', () => {
    expect(chooseHotkey(undefined)).toEqual({ accelerator: DEFAULT_HOTKEY });
    expect(chooseHotkey(null)).toEqual({ accelerator: DEFAULT_HOTKEY });
    expect(chooseHotkey(' ')).toEqual({ accelerator: DEFAULT_HOTKEY });
  });

  it('uses a valid choice, and falls back to the default with a notice for an invalid one', () => {
    expect(chooseHotkey('super+space')).toEqual({ accelerator: 'Super+Space' });
    const chosen = chooseHotkey('Q');
    expect(chosen.accelerator).toBe(DEFAULT_HOTKEY);
    expect(chosen.notice).toMatchObject({ id: HOTKEY_NOTICE_ID, level: 'warning' });
    expect(chosen.notice?.message).toMatch(
      /would take Q.*Until then the switcher opens with CommandOrControl\+Alt\+K/,
    );
  });
});

describe('describeHotkey and the clash notice', () => {
  it('names keys as each platform labels them', () => {
    expect(describeHotkey(DEFAULT_HOTKEY, 'win32')).toBe('Ctrl+Alt+K');
    expect(describeHotkey(DEFAULT_HOTKEY, 'darwin')).toBe('Cmd+Option+K');
    expect(describeHotkey('Super+Space', 'linux')).toBe('Super+Space');
    expect(describeHotkey('Super+Space', 'win32')).toBe('Win+Space');
  });

  it('says which keys are taken and how else to reach the switcher', () => {
    const notice = hotkeyClashNotice(DEFAULT_HOTKEY, 'linux');
    expect(notice).toMatchObject({
      id: HOTKEY_NOTICE_ID,
      level: 'warning',
      title: 'Ctrl+Alt+K does not open the switcher',
    });
    expect(notice.message).toMatch(/Another app already uses Ctrl\+Alt\+K/);
    expect(notice.message).toMatch(/Switch tenant…/);
  });
});

describe('claimGlobalHotkey', () => {
  const setup = (behaviour: { register?: boolean; isRegistered?: boolean; throws?: boolean } = {}) => {
    const registered = new Map<string, () => void>();
    const shortcuts = {
      register: vi.fn((accelerator: string, callback: () => void) => {
        if (behaviour.throws) throw new Error('Failed to parse accelerator');
        if (behaviour.register === false) return false;
        registered.set(accelerator, callback);
        return true;
      }),
      isRegistered: vi.fn(
        (accelerator: string) => (behaviour.isRegistered ?? true) && registered.has(accelerator),
      ),
      unregister: vi.fn((accelerator: string) => void registered.delete(accelerator)),
    };
    const notices: Notice[] = [];
    const log = { info: vi.fn(), warn: vi.fn() };
    const onPress = vi.fn();
    return { registered, shortcuts, notices, log, onPress, notify: (n: Notice) => notices.push(n) };
  };

  it('claims the default hotkey, calls back on press, and gives it back once on release', () => {
    const s = setup();
    const hotkey = claimGlobalHotkey(s.shortcuts, {
      platform: 'linux',
      onPress: s.onPress,
      notify: s.notify,
      log: s.log,
    });
    expect(hotkey.accelerator).toBe(DEFAULT_HOTKEY);
    expect(s.notices).toEqual([]);
    s.registered.get(DEFAULT_HOTKEY)?.();
    expect(s.onPress).toHaveBeenCalledTimes(1);
    hotkey.release();
    hotkey.release();
    expect(s.shortcuts.unregister).toHaveBeenCalledTimes(1);
    expect(s.registered.size).toBe(0);
  });

  it.each([
    ['register() refuses', { register: false }],
    ['register() says yes but nothing is held', { isRegistered: false }],
    ['register() throws', { throws: true }],
  ])('reports a clash when %s', (_case, behaviour) => {
    const s = setup(behaviour);
    const hotkey = claimGlobalHotkey(s.shortcuts, {
      platform: 'win32',
      onPress: s.onPress,
      notify: s.notify,
      log: s.log,
    });
    expect(hotkey.accelerator).toBeUndefined();
    expect(s.notices).toEqual([hotkeyClashNotice(DEFAULT_HOTKEY, 'win32')]);
    expect(s.log.warn).toHaveBeenCalledWith(expect.stringContaining('Ctrl+Alt+K does not open the switcher'));
    hotkey.release();
    expect(s.shortcuts.unregister).not.toHaveBeenCalled();
  });

  it('uses a configured hotkey, and says so when the configured one is unusable', () => {
    const s = setup();
    expect(
      claimGlobalHotkey(s.shortcuts, {
        configured: 'alt+space',
        platform: 'linux',
        onPress: s.onPress,
        notify: s.notify,
        log: s.log,
      }).accelerator,
    ).toBe('Alt+Space');
    const t = setup();
    expect(
      claimGlobalHotkey(t.shortcuts, {
        configured: 'X',
        platform: 'linux',
        onPress: t.onPress,
        notify: t.notify,
        log: t.log,
      }).accelerator,
    ).toBe(DEFAULT_HOTKEY);
    expect(t.notices).toHaveLength(1);
    expect(t.notices[0]?.title).toBe('The switcher hotkey was not changed');
  });
});
