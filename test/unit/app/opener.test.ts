import { describe, expect, it } from 'vitest';
import { PUBLIC_CLOUD, US_GOVERNMENT_CLOUD } from '../../../shared/platform/cloud-profile';
import { createShellOpener, RefusedExternalUrlError } from '../../../main/app/opener';

const LAUNCH = 'https://securitycopilot.microsoft.com/?tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47';

function recordingOpener(profile = PUBLIC_CLOUD) {
  const opened: string[] = [];
  const opener = createShellOpener(
    () => profile,
    async (url) => {
      opened.push(url);
    },
  );
  return { opener, opened };
}

describe('the Electron opener', () => {
  it('opens an allow-listed portal URL in the browser and says it handled it', async () => {
    const { opener, opened } = recordingOpener();
    await expect(opener.open(LAUNCH)).resolves.toEqual({ handled: true });
    expect(opened).toEqual([LAUNCH]);
  });

  it('refuses anything else with a message naming the rule, and opens nothing', async () => {
    const { opener, opened } = recordingOpener();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'http://securitycopilot.microsoft.com/',
    ]) {
      await expect(opener.open(url)).rejects.toThrow(RefusedExternalUrlError);
    }
    await expect(opener.open('https://evil.example/')).rejects.toThrow(
      /only https pages of the Microsoft public cloud portals/,
    );
    expect(opened).toEqual([]);
  });

  it('checks against the profile in force: the public portal is refused in the US Government cloud', async () => {
    const { opener, opened } = recordingOpener(US_GOVERNMENT_CLOUD);
    await expect(opener.open(LAUNCH)).rejects.toThrow(RefusedExternalUrlError);
    expect(opened).toEqual([]);
  });

  it('passes on a failure of the OS to open the URL', async () => {
    const opener = createShellOpener(
      () => PUBLIC_CLOUD,
      () => Promise.reject(new Error('No application is registered for https')),
    );
    await expect(opener.open(LAUNCH)).rejects.toThrow(/No application/);
  });
});
