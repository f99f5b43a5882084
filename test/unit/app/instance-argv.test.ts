import { describe, expect, it } from 'vitest';
import { parseInstanceArgv } from '../../../main/app/policy/instance-argv';

describe('parseInstanceArgv', () => {
  it('finds a switchboard:// deep link among Electron and Chromium switches', () => {
    expect(
      parseInstanceArgv([
        '/opt/MSSP Switchboard/mssp-switchboard',
        '--no-sandbox',
        'switchboard://launch?tenant=x',
      ]),
    ).toEqual({ deepLink: 'switchboard://launch?tenant=x' });
    expect(parseInstanceArgv(['app.exe', 'SWITCHBOARD://open'])).toEqual({ deepLink: 'switchboard://open' });
  });

  it('ignores everything else', () => {
    expect(parseInstanceArgv([])).toEqual({});
    expect(parseInstanceArgv(['electron', '.', '--data-dir', '/tmp/x'])).toEqual({});
    expect(
      parseInstanceArgv(['https://switchboard.example/', 'switchboardx://a', 'javascript:switchboard://']),
    ).toEqual({});
    expect(parseInstanceArgv([`switchboard://${'a'.repeat(3000)}`])).toEqual({});
  });
});
