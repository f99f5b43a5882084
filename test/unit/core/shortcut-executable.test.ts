/**
 * What a desktop shortcut starts. From an AppImage, process.execPath is inside the image's temporary
 * mount under /tmp: gone after a restart, and a path another user of the machine could plant. The
 * shortcut must start the AppImage file itself (APPIMAGE).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shortcutExecutable, ShortcutWriter } from '../../../main/core/launch/shortcut-writer';

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const MOUNT = '/tmp/.mount_MSSP SwAbc123';
const IN_MOUNT = `${MOUNT}/mssp-switchboard`;

describe('shortcutExecutable', () => {
  it.each([
    [
      'the AppImage runtime names the mount and the image',
      { APPDIR: MOUNT, APPIMAGE: '/home/ana/Apps/MSSP Switchboard-1.0.0.AppImage' },
      '/home/ana/Apps/MSSP Switchboard-1.0.0.AppImage',
    ],
    [
      'only the image is named (APPDIR unset)',
      { APPIMAGE: '/opt/apps/switchboard.AppImage' },
      '/opt/apps/switchboard.AppImage',
    ],
    [
      'the image path has a doubled slash',
      { APPDIR: MOUNT, APPIMAGE: '/home/ana//Switchboard.AppImage' },
      '/home/ana/Switchboard.AppImage',
    ],
  ])('starts the AppImage file when run from its mount: %s', (_label, env, expected) => {
    expect(shortcutExecutable({ platform: 'linux', execPath: IN_MOUNT, env })).toBe(expected);
  });

  it('follows APPDIR for an AppImage extracted elsewhere (APPIMAGE_EXTRACT_AND_RUN)', () => {
    expect(
      shortcutExecutable({
        platform: 'linux',
        execPath: '/tmp/appimage_extracted_0f3a/mssp-switchboard',
        env: { APPDIR: '/tmp/appimage_extracted_0f3a', APPIMAGE: '/home/ana/Switchboard.AppImage' },
      }),
    ).toBe('/home/ana/Switchboard.AppImage');
  });

  it.each([
    ['a deb install', '/opt/MSSP Switchboard/mssp-switchboard', {}],
    [
      'a deb install started from another AppImage (APPIMAGE inherited)',
      '/opt/MSSP Switchboard/mssp-switchboard',
      { APPIMAGE: '/home/ana/Other.AppImage', APPDIR: '/tmp/.mount_OtherXyz' },
    ],
    ['an unpackaged run', '/work/main/node_modules/electron/dist/electron', {}],
  ])('starts the executable itself for %s', (_label, execPath, env) => {
    expect(shortcutExecutable({ platform: 'linux', execPath, env })).toBe(execPath);
  });

  it.each([
    ['win32', 'C:\\Program Files\\MSSP Switchboard\\MSSP Switchboard.exe'],
    ['darwin', '/Applications/MSSP Switchboard.app/Contents/MacOS/MSSP Switchboard'],
  ] as const)('ignores AppImage variables on %s', (platform, execPath) => {
    expect(shortcutExecutable({ platform, execPath, env: { APPIMAGE: '/x.AppImage' } })).toBe(execPath);
  });

  it.each([
    ['APPIMAGE is not set', { APPDIR: MOUNT }, 'APPIMAGE is not set'],
    ['APPIMAGE is relative', { APPDIR: MOUNT, APPIMAGE: 'Switchboard.AppImage' }, '"Switchboard.AppImage"'],
    ['APPIMAGE points into the mount', { APPDIR: MOUNT, APPIMAGE: `${MOUNT}/AppRun` }, 'AppRun'],
    ['APPIMAGE points into another mount', { APPIMAGE: '/tmp/.mount_EvilXyz/app' }, '.mount_EvilXyz'],
  ])('refuses to write shortcuts into the mount when %s', (_label, env, named) => {
    expect(() => shortcutExecutable({ platform: 'linux', execPath: IN_MOUNT, env })).toThrow(named);
    expect(() => shortcutExecutable({ platform: 'linux', execPath: IN_MOUNT, env })).toThrow(
      'Start Switchboard from the AppImage file itself',
    );
  });

  it('gives a .desktop shortcut that starts the AppImage file, not the mount', async () => {
    const desktop = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-appimage-'));
    try {
      const writer = new ShortcutWriter({
        directory: desktop,
        platform: 'linux',
        executablePath: shortcutExecutable({
          platform: 'linux',
          execPath: IN_MOUNT,
          env: { APPDIR: MOUNT, APPIMAGE: '/home/ana/Apps/MSSP Switchboard.AppImage' },
        }),
      });
      const [file] = await writer.create(
        { name: 'Contoso', tenantId: CONTOSO },
        `switchboard://launch/${CONTOSO}?target=securityCopilot`,
      );
      const exec = /^Exec=(.*)$/m.exec(fs.readFileSync(file!, 'utf8'))?.[1];
      expect(exec).toContain('/home/ana/Apps/MSSP Switchboard.AppImage');
      expect(exec).not.toContain('.mount_');
    } finally {
      fs.rmSync(desktop, { recursive: true, force: true });
    }
  });
});
