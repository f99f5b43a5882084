import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  desktopEntry,
  shortcutArrivalWords,
  shortcutDescription,
  type ShortcutArrival,
} from '../../../shared/launch/shortcut-files';
import { ShortcutWriter, type ShortcutLink } from '../../../main/core/launch/shortcut-writer';

// A desktop shortcut says the path the analyst arrives by (main/core/launch/handlers.ts passes it
// from the customers list), in fixed words only, escaped like the rest of the file.

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const LINK = `switchboard://launch/${TENANT}?target=securityCopilot`;

function comment(content: string): string | undefined {
  return content
    .split('\n')
    .find((l) => l.startsWith('Comment='))
    ?.slice('Comment='.length);
}

describe('the path a shortcut arrives by', () => {
  it('is said in the description and the desktop entry’s Comment', () => {
    expect(shortcutDescription('Contoso', TENANT, { kind: 'gdap', byHand: false })).toBe(
      'Security Copilot for Contoso (arrives via GDAP), through MSSP Switchboard',
    );
    expect(shortcutDescription('Contoso', TENANT, { kind: 'b2b', byHand: true })).toBe(
      'Security Copilot for Contoso (arrives as a B2B guest, as set by hand), through MSSP Switchboard',
    );
    expect(shortcutDescription('Contoso', TENANT)).toBe(
      'Security Copilot for Contoso, through MSSP Switchboard',
    );
    const entry = desktopEntry({
      name: 'Contoso',
      deepLink: LINK,
      exec: '/usr/bin/mssp-switchboard',
      arrival: { kind: 'pending', byHand: false },
    });
    expect(comment(entry)).toBe(
      'Open Security Copilot for Contoso in its own tenant (accept the guest invitation first), through MSSP Switchboard',
    );
    expect(shortcutArrivalWords({ kind: 'both', byHand: false })).toBe('arrives via GDAP and as a B2B guest');
  });

  it('takes only its own words: anything else is refused, and the name is still escaped', () => {
    const forged = { kind: 'gdap)\nExec=/bin/sh', byHand: false } as unknown as ShortcutArrival;
    expect(() => shortcutArrivalWords(forged)).toThrow(/not a way to arrive/);
    expect(() => desktopEntry({ name: 'C', deepLink: LINK, exec: '/bin/app', arrival: forged })).toThrow();
    expect(() =>
      shortcutArrivalWords({ kind: 'toString', byHand: false } as unknown as ShortcutArrival),
    ).toThrow(/not a way to arrive/);
    const entry = desktopEntry({
      name: 'Evil\nExec=/bin/sh',
      deepLink: LINK,
      exec: '/usr/bin/mssp-switchboard',
      arrival: { kind: 'gdap', byHand: false },
    });
    expect(entry.match(/^Exec=/gm)).toHaveLength(1);
    expect(comment(entry)).toBe(
      'Open Security Copilot for Evil Exec=/bin/sh in its own tenant (arrives via GDAP), through MSSP Switchboard',
    );
  });
});

describe('the shortcut writer says it', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('in the Linux desktop entry and the Windows shortcut’s description, which still marks it as ours', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-arrival-'));
    const linux = new ShortcutWriter({ directory: dir, platform: 'linux', executablePath: '/usr/bin/app' });
    const [desktop] = await linux.create(
      { name: 'Contoso', tenantId: TENANT, arrival: { kind: 'gdap', byHand: false } },
      LINK,
    );
    expect(comment(fs.readFileSync(desktop!, 'utf8'))).toContain('(arrives via GDAP)');

    const links: ShortcutLink[] = [];
    const windows = new ShortcutWriter({
      directory: dir,
      platform: 'win32',
      executablePath: 'C:\\Program Files\\MSSP Switchboard\\MSSP Switchboard.exe',
      writeShortcutLink: (file, link) => {
        links.push(link);
        fs.writeFileSync(file, Buffer.from(`${link.description}\0${link.args}`, 'utf16le'));
        return true;
      },
      readShortcutLink: () => links[links.length - 1]!,
    });
    await windows.create(
      { name: 'Contoso', tenantId: TENANT, arrival: { kind: 'both', byHand: false } },
      LINK,
    );
    expect(links[0]?.description).toBe(
      'Security Copilot for Contoso (arrives via GDAP and as a B2B guest), through MSSP Switchboard',
    );
    expect((await windows.existing(TENANT)).map((f) => path.extname(f))).toEqual(['.lnk', '.url']);
  });
});
