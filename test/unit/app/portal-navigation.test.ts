import { describe, expect, it } from 'vitest';
import { decidePortalNavigation, decidePortalNewWindow } from '../../../main/app/policy/portal-navigation';
import { PUBLIC_CLOUD, sandboxCloud } from '../../../shared/platform/cloud-profile';

describe('a portal window (app-window launch mode)', () => {
  it('moves between the profile’s sign-in and portal hosts over https, and nowhere else', () => {
    expect(
      decidePortalNavigation(
        'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
        PUBLIC_CLOUD,
      ),
    ).toEqual({ action: 'stay' });
    expect(decidePortalNavigation('https://securitycopilot.microsoft.com/?tenantId=x', PUBLIC_CLOUD)).toEqual(
      { action: 'stay' },
    );
    for (const url of [
      'http://securitycopilot.microsoft.com/',
      'https://evil.example/',
      'https://user:pw@securitycopilot.microsoft.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(decidePortalNavigation(url, PUBLIC_CLOUD), url).toEqual({ action: 'deny' });
    expect(decidePortalNavigation('https://securitycopilot.microsoft.com/', undefined)).toEqual({
      action: 'deny',
    });
    const sandbox = sandboxCloud('https://127.0.0.1:4443');
    expect(
      decidePortalNavigation('https://127.0.0.1:4443/portals/securitycopilot.microsoft.com/', sandbox),
    ).toEqual({ action: 'stay' });
  });

  it('never opens a window of its own: portal links go to the browser, the rest is dropped', () => {
    expect(decidePortalNewWindow('https://security.microsoft.com/?tid=x', PUBLIC_CLOUD)).toEqual({
      action: 'open-externally',
      url: 'https://security.microsoft.com/?tid=x',
    });
    expect(decidePortalNewWindow('https://evil.example/', PUBLIC_CLOUD)).toEqual({ action: 'deny' });
  });
});
