import { describe, expect, it } from 'vitest';
import { modeOpener } from '../../../main/core/launch/mode-opener';
import { launchModeSchema } from '../../../shared/launch/launch-mode';

const URL_ = 'https://securitycopilot.microsoft.com/?tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47';
const PARTITION = 'persist:switchboard-account-0123456789abcdef';

function setup(existing: string[] = ['/usr/bin/google-chrome']) {
  const started: Array<[string, ReadonlyArray<string>]> = [];
  const base: string[] = [];
  const windows: Array<[string, string]> = [];
  const opener = modeOpener({
    base: { open: async (url) => (base.push(url), { handled: false }) },
    platform: 'linux',
    exists: (f) => existing.includes(f),
    start: (command, args) => started.push([command, args]),
    appWindow: async (url, partition) => void windows.push([url, partition]),
  });
  return { opener, started, base, windows };
}

describe('opening a launch the way its mode says', () => {
  it('default browser: the host opener; browser profile: that browser, profile switch, then the URL', async () => {
    const { opener, started, base } = setup();
    await opener.open(URL_, {
      mode: launchModeSchema.parse({ mode: 'defaultBrowser' }),
      partition: PARTITION,
    });
    expect(base).toEqual([URL_]);
    const result = await opener.open(URL_, {
      mode: launchModeSchema.parse({
        mode: 'browserProfile',
        browser: 'chrome',
        profileDirectory: 'Profile 3',
      }),
      partition: PARTITION,
    });
    expect(result).toEqual({ handled: true });
    expect(started).toEqual([['/usr/bin/google-chrome', ['--profile-directory=Profile 3', URL_]]]);
  });

  it('says which browser is missing and what to do, and opens nothing', async () => {
    const { opener, started } = setup([]);
    await expect(
      opener.open(URL_, {
        mode: launchModeSchema.parse({ mode: 'browserProfile', privateWindow: true }),
        partition: PARTITION,
      }),
    ).rejects.toThrow(/Microsoft Edge was not found on this computer .* choose another launch mode/);
    expect(started).toEqual([]);
  });

  it('app window: on the account partition; without app windows (browser host), refused', async () => {
    const { opener, windows } = setup();
    await opener.open(URL_, { mode: launchModeSchema.parse({ mode: 'appWindow' }), partition: PARTITION });
    expect(windows).toEqual([[URL_, PARTITION]]);
    const webOnly = modeOpener({ base: { open: async () => ({ handled: false }) }, platform: 'linux' });
    await expect(
      webOnly.open(URL_, { mode: launchModeSchema.parse({ mode: 'appWindow' }), partition: PARTITION }),
    ).rejects.toThrow(/needs the desktop app/);
  });
});
