import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseHostOptions } from '../../../main/core/platform/host-options';

describe('parseHostOptions', () => {
  it('reads --data-dir and --port in both spellings, and ignores options it does not know', () => {
    expect(parseHostOptions(['--data-dir', 'x', '--port=8080', '--enable-logging'], {})).toEqual({
      dataDir: path.resolve('x'),
      port: 8080,
    });
    expect(parseHostOptions(['--data-dir=/tmp/a'], {})).toEqual({ dataDir: '/tmp/a', port: undefined });
  });

  it('takes SWITCHBOARD_DATA_DIR when no flag is given, and the flag over it', () => {
    expect(parseHostOptions([], { SWITCHBOARD_DATA_DIR: '/env' }).dataDir).toBe('/env');
    expect(parseHostOptions(['--data-dir', '/flag'], { SWITCHBOARD_DATA_DIR: '/env' }).dataDir).toBe('/flag');
  });

  it.each([[['--port', 'abc']], [['--port', '70000']], [['--data-dir']], [['--data-dir', '--port', '1']]])(
    'refuses %o with a message',
    (argv) => {
      expect(() => parseHostOptions(argv, {})).toThrow(/needs a value|whole number/);
    },
  );

  it('defaults to the folder Electron uses as userData for the product', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/home/a/.config' })).toBe(
      '/home/a/.config/MSSP Switchboard',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' })).toContain(
      'MSSP Switchboard',
    );
  });
});
