import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  desktopEntry,
  internetShortcut,
  safeShortcutFileName,
  shortcutDeepLinkProblem,
  shortcutDisplayName,
  shortcutMarkerTenant,
  webloc,
} from '../../../shared/launch/shortcut-files';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER = '0b1f1e2d-3c4b-4a59-8687-9a0b1c2d3e4f';
const LINK = `switchboard://launch/${TENANT}?target=securityCopilot`;

const WINDOWS_DEVICES = /^(con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9]|lpt[0-9])$/i;

/** Everything a stem must be to work as a file name on Windows, macOS and Linux. */
function expectSafeStem(stem: string, tenant: string): void {
  expect(stem).not.toBe('');
  expect(stem).not.toMatch(/[<>:"/\\|?*]/);
  expect(stem).not.toMatch(/(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u);
  expect(stem).not.toMatch(/^[ .\-\u200C\u200D]/);
  expect(stem).not.toMatch(/[\u200C\u200D] \(/);
  expect(stem).not.toMatch(/[ .]$/);
  expect(stem).not.toMatch(WINDOWS_DEVICES);
  expect(stem.split('.')[0]!.replace(/[ .]+$/, '')).not.toMatch(WINDOWS_DEVICES);
  expect(stem).not.toBe('..');
  expect(stem.normalize('NFC')).toBe(stem);
  // Room for ".desktop" and the writer's temporary name within 255 bytes (ext4, APFS) and 255 UTF-16 units (NTFS).
  expect(Buffer.byteLength(stem, 'utf8')).toBeLessThanOrEqual(200);
  expect(stem.length).toBeLessThanOrEqual(200);
  expect(stem.includes(tenant.slice(0, 8))).toBe(true);
}

describe('safeShortcutFileName', () => {
  it('keeps an ordinary name readable and adds the start of the tenant ID', () => {
    expect(safeShortcutFileName('Contoso Ltd', TENANT)).toBe('Contoso Ltd (72f988bf)');
    expect(safeShortcutFileName('Fabrikam, Inc.', TENANT.toUpperCase())).toBe('Fabrikam, Inc (72f988bf)');
  });

  it('gives two customers with the same name different files', () => {
    expect(safeShortcutFileName('Contoso', TENANT)).not.toBe(safeShortcutFileName('Contoso', OTHER));
  });

  it.each([
    ['a path climbing out of the desktop', '../../etc', 'etc (72f988bf)'],
    ['a Windows path', 'C:\\Windows\\System32', 'C Windows System32 (72f988bf)'],
    ['every reserved character', 'a<b>c:d"e/f\\g|h?i*j', 'a b c d e f g h i j (72f988bf)'],
    ['a Windows device name', 'CON', '_CON (72f988bf)'],
    ['a device name in lower case with an extension', 'nul.tar.gz', '_nul.tar.gz (72f988bf)'],
    ['a device name with a space before the dot', 'aux .txt', '_aux .txt (72f988bf)'],
    ['a full-width device name', 'ＣＯＭ１', '_COM1 (72f988bf)'],
    ['a superscript device name', 'LPT¹', '_LPT1 (72f988bf)'],
    ['leading dots (a hidden file)', '.hidden', 'hidden (72f988bf)'],
    ['trailing dots and spaces', 'Contoso. . ', 'Contoso (72f988bf)'],
    ['a leading hyphen (an option to a command)', '-rf Contoso', 'rf Contoso (72f988bf)'],
    ['a newline and a tab', 'Contoso\nEurope\tB.V.', 'Contoso Europe B.V (72f988bf)'],
    ['a right-to-left override', 'Invoice\u202Egpj.exe', 'Invoice gpj.exe (72f988bf)'],
    ['zero-width characters', 'Con\u200Btoso\uFEFF', 'Con toso (72f988bf)'],
    ['a full-width slash', 'AC／DC', 'AC DC (72f988bf)'],
    ['a NUL byte', 'a\u0000b', 'a b (72f988bf)'],
    ['a non-breaking space', 'Contoso\u00A0Ltd', 'Contoso Ltd (72f988bf)'],
  ])('makes %s safe', (_what, name, expected) => {
    const stem = safeShortcutFileName(name, TENANT);
    expect(stem).toBe(expected);
    expectSafeStem(stem, TENANT);
  });

  it.each([
    ['an empty name', ''],
    ['only dots', '....'],
    ['only dots and slashes', '../..'],
    ['only spaces and controls', ' \t\n\u0000\u202E '],
    ['only reserved characters', '<>:"/\\|?*'],
    ['only zero-width joiners', '\u200D\u200C\u200D'],
  ])('falls back to the tenant ID for %s', (_what, name) => {
    expect(safeShortcutFileName(name, TENANT)).toBe(TENANT);
  });

  it('keeps emoji whole and caps a long name', () => {
    const emoji = safeShortcutFileName('Contoso 🛡️👩🏽‍💻', TENANT);
    expect(emoji).toBe('Contoso 🛡️👩🏽‍💻 (72f988bf)');
    const long = safeShortcutFileName('x'.repeat(300), TENANT);
    expect(long).toBe(`${'x'.repeat(80)} (72f988bf)`);
    const manyEmoji = safeShortcutFileName('👩🏽‍💻'.repeat(300), TENANT);
    expectSafeStem(manyEmoji, TENANT);
    // Cut between graphemes: every family emoji is whole.
    expect(manyEmoji.replace(' (72f988bf)', '').replaceAll('👩🏽‍💻', '')).toBe('');
  });

  it('normalises Unicode so the same name always gives the same file', () => {
    expect(safeShortcutFileName('Cafe\u0301', TENANT)).toBe(safeShortcutFileName('Café', TENANT));
  });

  it('refuses a tenant ID that is not a GUID', () => {
    expect(() => safeShortcutFileName('Contoso', '../x')).toThrow(/not a tenant ID/);
  });

  it('yields a safe, tenant-specific name from any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.uuid(), (name, tenant) => {
        expectSafeStem(safeShortcutFileName(name, tenant), tenant);
      }),
      { numRuns: 2000 },
    );
  });

  it('yields a safe name from names built of hostile pieces (property)', () => {
    const piece = fc.constantFrom(
      '.',
      '..',
      '/',
      '\\',
      ' ',
      '\u202E',
      '\u200B',
      '\n',
      'CON',
      'nul',
      'COM1',
      '-',
      ':',
      '*',
      '?',
      '"',
      '．',
      '／',
      '￼',
      '\u200D',
      '\u200C',
      '\uD800',
      'é',
      'e\u0301',
      '👩🏽‍💻',
      'ＣＯＮ',
      '\u2028',
      'a',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        expectSafeStem(safeShortcutFileName(pieces.join(''), TENANT), TENANT);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('shortcutDisplayName', () => {
  it('drops invisible and direction-changing characters but keeps the name readable', () => {
    expect(shortcutDisplayName('  Contoso\u202E  Europe\n', TENANT)).toBe('Contoso Europe');
    expect(shortcutDisplayName('AC/DC: "Rock"', TENANT)).toBe('AC/DC: "Rock"');
    expect(shortcutDisplayName('\u200B', TENANT)).toBe(`Customer ${TENANT}`);
    expect(shortcutDisplayName('y'.repeat(300), TENANT)).toHaveLength(120);
  });
});

describe('shortcutDeepLinkProblem', () => {
  it('accepts a launch link for a tenant', () => {
    expect(shortcutDeepLinkProblem(LINK)).toBeUndefined();
    expect(shortcutDeepLinkProblem(`switchboard://launch/${TENANT}`)).toBeUndefined();
  });

  it.each([
    ['a web URL', 'https://evil.example/', /only carry a Switchboard launch link/],
    ['the customer page link', `switchboard://customer/${TENANT}`, /only carry a Switchboard launch link/],
    ['a space', `${LINK} --inspect`, /a space/],
    ['a newline (a new key in the file)', `${LINK}\nExec=/bin/sh`, /invisible character \(U\+000A\)/],
    ['a double quote', `${LINK}"`, /"""/],
    ['a single quote', `${LINK}'`, /"'"/],
    ['a percent (a field code)', `${LINK}%f`, /"%"/],
    ['a dollar', `${LINK}$HOME`, /"\$"/],
    ['a backtick', `${LINK}\`id\``, /"`"/],
    ['a less-than sign (XML)', `${LINK}<x>`, /"<"/],
    ['a right-to-left override', `${LINK}\u202E`, /invisible character \(U\+202E\)/],
    ['no tenant ID', 'switchboard://launch/contoso?target=securityCopilot', /does not name a tenant ID/],
    ['a path after the tenant', `switchboard://launch/${TENANT}/../x`, /does not name a tenant ID/],
    ['a very long link', `${LINK}&x=${'a'.repeat(5000)}`, /at most 2048/],
  ])('refuses %s', (_what, link, reason) => {
    expect(shortcutDeepLinkProblem(link)).toMatch(reason);
    expect(() => webloc(link)).toThrow();
    expect(() => internetShortcut(link)).toThrow();
    expect(() =>
      desktopEntry({ name: 'Contoso', deepLink: link, exec: '/usr/bin/mssp-switchboard' }),
    ).toThrow();
  });
});

/** Reads a string value back per the Desktop Entry spec ("Possible value types"). */
function unescapeDesktopValue(value: string): string {
  return value.replace(
    /\\([\\nstr])/g,
    (_m, c: string) => ({ '\\': '\\', n: '\n', s: ' ', t: '\t', r: '\r' })[c]!,
  );
}

/** Splits an unescaped Exec value into arguments per the spec's quoting rules ("The Exec key"). */
function execArguments(exec: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < exec.length) {
    if (exec[i] === ' ') {
      i += 1;
      continue;
    }
    let arg = '';
    if (exec[i] === '"') {
      i += 1;
      while (exec[i] !== '"') {
        if (i >= exec.length) throw new Error('unterminated quote');
        if (exec[i] === '\\') i += 1;
        arg += exec[i];
        i += 1;
      }
      i += 1;
    } else {
      while (i < exec.length && exec[i] !== ' ') {
        if (exec[i] === '%') {
          expect(exec[i + 1]).toBe('%');
          i += 1;
        }
        arg += exec[i];
        i += 1;
      }
    }
    args.push(arg);
  }
  return args;
}

function desktopKeys(content: string): Map<string, string> {
  const lines = content.split('\n').filter((l) => l !== '');
  expect(lines[0]).toBe('[Desktop Entry]');
  return new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('desktopEntry', () => {
  it('launches the app with the deep link as its one argument, and marks the tenant', () => {
    const keys = desktopKeys(
      desktopEntry({ name: 'Contoso', deepLink: LINK, exec: '/usr/bin/mssp-switchboard' }),
    );
    expect(keys.get('Type')).toBe('Application');
    expect(keys.get('Name')).toBe('Contoso');
    expect(keys.get('Icon')).toBe('mssp-switchboard');
    expect(keys.get('Categories')).toBe('Utility;');
    expect(keys.get('X-Switchboard-TenantId')).toBe(TENANT);
    expect(execArguments(unescapeDesktopValue(keys.get('Exec')!))).toEqual([
      '/usr/bin/mssp-switchboard',
      LINK,
    ]);
  });

  it.each([
    '/opt/MSSP Switchboard/mssp-switchboard',
    '/home/o\'neil/$HOME/`id`/"x"/back\\slash/app',
    '/tmp/100%/app',
    '/tmp/a;b&c|d>e<f~g*h?i#j(k)l/app',
  ])('quotes and escapes the executable path %s so it comes back unchanged', (exec) => {
    const keys = desktopKeys(desktopEntry({ name: 'Contoso', deepLink: LINK, exec }));
    expect(execArguments(unescapeDesktopValue(keys.get('Exec')!))).toEqual([exec, LINK]);
  });

  it('escapes the name so it cannot add keys or lines', () => {
    const content = desktopEntry({
      name: 'Evil\nExec=/bin/sh -c "rm -rf ~"\\n',
      deepLink: LINK,
      exec: '/usr/bin/mssp-switchboard',
    });
    expect(content.match(/^Exec=/gm)).toHaveLength(1);
    expect(unescapeDesktopValue(desktopKeys(content).get('Name')!)).toBe(
      'Evil Exec=/bin/sh -c "rm -rf ~"\\n',
    );
  });

  it('refuses an executable path it cannot express', () => {
    expect(() => desktopEntry({ name: 'C', deepLink: LINK, exec: '/a b/100%' })).toThrow(/"%"/);
    expect(() => desktopEntry({ name: 'C', deepLink: LINK, exec: '/bin/app\n' })).toThrow(
      /control characters/,
    );
  });
});

describe('internetShortcut and webloc', () => {
  const withAmp = `switchboard://launch/${TENANT}?target=securityCopilot&from=shortcut`;

  it('writes a .url whose URL is the deep link', () => {
    const content = internetShortcut(withAmp, 'C:\\Program Files\\MSSP Switchboard\\MSSP Switchboard.exe');
    const lines = content.split('\r\n');
    expect(lines[0]).toBe('[InternetShortcut]');
    expect(lines[1]).toBe(`URL=${withAmp}`);
    expect(lines).toContain('IconFile=C:\\Program Files\\MSSP Switchboard\\MSSP Switchboard.exe');
    expect(content).not.toMatch(/[^\r]\n/);
    expect(shortcutMarkerTenant('url', content)).toBe(TENANT);
  });

  it('writes a .webloc with the deep link XML-escaped', () => {
    const content = webloc(withAmp);
    expect(content).toContain(`<key>URL</key>\n\t<string>${withAmp.replace('&', '&amp;')}</string>`);
    expect(shortcutMarkerTenant('webloc', content)).toBe(TENANT);
  });
});

describe('shortcutMarkerTenant', () => {
  it('reads the tenant of each format Switchboard writes', () => {
    expect(
      shortcutMarkerTenant('desktop', desktopEntry({ name: 'C', deepLink: LINK, exec: '/bin/app' })),
    ).toBe(TENANT);
  });

  it('does not claim files Switchboard did not write', () => {
    expect(
      shortcutMarkerTenant('desktop', '[Desktop Entry]\nType=Application\nName=Firefox\nExec=firefox\n'),
    ).toBeUndefined();
    expect(shortcutMarkerTenant('url', '[InternetShortcut]\r\nURL=https://contoso.com/\r\n')).toBeUndefined();
    // A marker alone, without a launch link for the same tenant, is not enough.
    expect(
      shortcutMarkerTenant('desktop', `[Desktop Entry]\nExec=/bin/sh\nX-Switchboard-TenantId=${TENANT}\n`),
    ).toBeUndefined();
    const forOther = desktopEntry({ name: 'C', deepLink: `switchboard://launch/${OTHER}`, exec: '/bin/app' });
    expect(
      shortcutMarkerTenant('desktop', forOther.replace(`TenantId=${OTHER}`, `TenantId=${TENANT}`)),
    ).toBeUndefined();
  });
});
