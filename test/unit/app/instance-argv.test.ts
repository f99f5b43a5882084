import { describe, expect, it } from 'vitest';
import { parseInstanceArgv } from '../../../main/app/policy/instance-argv';

describe('parseInstanceArgv', () => {
  it('finds a switchboard:// deep link among Electron and Chromium switches, exactly as given', () => {
    expect(
      parseInstanceArgv([
        '/opt/MSSP Switchboard/mssp-switchboard',
        '--no-sandbox',
        'switchboard://launch/x/../72f988bf-86f1-41af-91ab-2d7cd011db47',
      ]),
    ).toEqual({ deepLink: 'switchboard://launch/x/../72f988bf-86f1-41af-91ab-2d7cd011db47' });
    expect(parseInstanceArgv(['app.exe', 'SWITCHBOARD://open'])).toEqual({ deepLink: 'SWITCHBOARD://open' });
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
