import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/app/policy/trusted-sender';

const OURS = new Set([3, 7]);
const fromOurWindow = { webContentsId: 3, frameUrl: 'app://switchboard/index.html', isMainFrame: true };

describe('isTrustedSender', () => {
  it('trusts the main frame of a window we created that shows our page', () => {
    expect(isTrustedSender(fromOurWindow, OURS)).toBe(true);
    expect(
      isTrustedSender({ ...fromOurWindow, webContentsId: 7, frameUrl: 'app://switchboard/customers' }, OURS),
    ).toBe(true);
  });

  it.each([
    ['a webContents we did not create', { ...fromOurWindow, webContentsId: 4 }],
    ['an iframe in our window', { ...fromOurWindow, isMainFrame: false }],
    [
      'our window after it navigated to another site',
      { ...fromOurWindow, frameUrl: 'https://evil.example/' },
    ],
    ['a file:// page', { ...fromOurWindow, frameUrl: 'file:///tmp/index.html' }],
    ['another app:// host', { ...fromOurWindow, frameUrl: 'app://switchboard.evil/index.html' }],
    ['a frame that is already gone', { ...fromOurWindow, frameUrl: undefined }],
    ['a devtools page', { ...fromOurWindow, frameUrl: 'devtools://devtools/bundled/inspector.html' }],
  ])('refuses %s', (_what, sender) => {
    expect(isTrustedSender(sender, OURS)).toBe(false);
  });

  it('refuses everyone once our windows are closed', () => {
    expect(isTrustedSender(fromOurWindow, new Set())).toBe(false);
  });
});
