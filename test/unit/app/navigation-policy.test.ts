import { describe, expect, it } from 'vitest';
import { PUBLIC_CLOUD } from '../../../shared/platform/cloud-profile';
import { decideNavigation, decideNewWindow } from '../../../main/app/policy/navigation-policy';

const LAUNCH = 'https://securitycopilot.microsoft.com/?tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('decideNavigation', () => {
  it('keeps the app on its own pages', () => {
    expect(decideNavigation('app://switchboard/index.html', PUBLIC_CLOUD)).toEqual({ action: 'stay' });
    expect(decideNavigation('app://switchboard/customers?x=1#top', PUBLIC_CLOUD)).toEqual({ action: 'stay' });
  });

  it('sends an allow-listed portal to the browser instead of loading it in the app window', () => {
    expect(decideNavigation(LAUNCH, PUBLIC_CLOUD)).toEqual({ action: 'open-externally', url: LAUNCH });
  });

  it.each([
    'https://example.com/',
    'http://securitycopilot.microsoft.com/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://user@switchboard/index.html',
    'devtools://devtools/bundled/inspector.html',
    'chrome://settings',
    'about:blank',
  ])('denies %s', (url) => {
    expect(decideNavigation(url, PUBLIC_CLOUD)).toEqual({ action: 'deny' });
  });
});

describe('decideNewWindow', () => {
  it('never opens an app window, not even for our own pages', () => {
    expect(decideNewWindow('app://switchboard/index.html', PUBLIC_CLOUD)).toEqual({ action: 'deny' });
    expect(decideNewWindow('https://example.com/', PUBLIC_CLOUD)).toEqual({ action: 'deny' });
  });

  it('routes an allow-listed portal to the browser', () => {
    expect(decideNewWindow(LAUNCH, PUBLIC_CLOUD)).toEqual({ action: 'open-externally', url: LAUNCH });
  });
});
