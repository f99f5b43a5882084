import { describe, expect, it } from 'vitest';
import { CHINA_CLOUD, PUBLIC_CLOUD, sandboxCloud } from '../../../shared/platform/cloud-profile';
import { allowedExternalUrl, isAllowedExternalUrl } from '../../../main/app/policy/external-url-policy';

const LAUNCH = 'https://securitycopilot.microsoft.com/?tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('isAllowedExternalUrl', () => {
  it('lets the tenant-explicit Security Copilot URL and the admin center through in the public cloud', () => {
    expect(allowedExternalUrl(LAUNCH, PUBLIC_CLOUD)).toBe(LAUNCH);
    expect(isAllowedExternalUrl('https://admin.microsoft.com/Adminportal', PUBLIC_CLOUD)).toBe(true);
  });

  it('hands back the normalised URL, which is what gets opened', () => {
    expect(allowedExternalUrl('https://SecurityCopilot.Microsoft.com:443?tenantId=x', PUBLIC_CLOUD)).toBe(
      'https://securitycopilot.microsoft.com/?tenantId=x',
    );
  });

  it.each([
    ['plain http', 'http://securitycopilot.microsoft.com/?tenantId=x'],
    ['credentials', 'https://user:pass@securitycopilot.microsoft.com/'],
    ['a user name only', 'https://analyst@securitycopilot.microsoft.com/'],
    ['a lookalike host with our host as a prefix', 'https://securitycopilot.microsoft.com.evil.com/'],
    ['our host as a user name', 'https://securitycopilot.microsoft.com@evil.com/'],
    ['a lookalike host with a suffix', 'https://evilsecuritycopilot.microsoft.com/'],
    ['a sub-domain', 'https://x.securitycopilot.microsoft.com/'],
    ['a trailing dot', 'https://securitycopilot.microsoft.com./'],
    ['another port', 'https://securitycopilot.microsoft.com:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with our host in it', 'javascript://securitycopilot.microsoft.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom scheme', 'ms-settings:privacy'],
    ['a Windows UNC path', '\\\\evil.example\\share\\payload.exe'],
    ['a backslash that URL parsing reads as a slash', 'https://securitycopilot.microsoft.com\\@evil.com/'],
    ['a Cyrillic lookalike letter', 'https://securitycopil\u043Et.microsoft.com/'],
    ['fullwidth letters that IDNA folds onto our host', 'https://\uFF53ecuritycopilot.microsoft.com/'],
    ['a punycode lookalike', 'https://xn--securitycopilt-vkb.microsoft.com/'],
    ['leading whitespace', ' https://securitycopilot.microsoft.com/'],
    ['an embedded newline', 'https://securitycopilot.microsoft.com/\n?x'],
    ['a relative URL', '/?tenantId=x'],
    ['a protocol-relative URL', '//securitycopilot.microsoft.com/'],
    ['an empty string', ''],
    ['an over-long URL', `https://securitycopilot.microsoft.com/?q=${'a'.repeat(5000)}`],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedExternalUrl(url, PUBLIC_CLOUD)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 42, { href: LAUNCH }, new URL(LAUNCH)]) {
      expect(isAllowedExternalUrl(value, PUBLIC_CLOUD)).toBe(false);
    }
  });

  it('follows the profile: no Security Copilot in China, the sandbox origin only in the sandbox', () => {
    expect(isAllowedExternalUrl(LAUNCH, CHINA_CLOUD)).toBe(false);
    expect(isAllowedExternalUrl('https://portal.partner.microsoftonline.cn/', CHINA_CLOUD)).toBe(true);
    const sandbox = sandboxCloud('https://127.0.0.1:8443');
    expect(
      isAllowedExternalUrl(
        'https://127.0.0.1:8443/portals/securitycopilot.microsoft.com/?tenantId=x',
        sandbox,
      ),
    ).toBe(true);
    expect(isAllowedExternalUrl(LAUNCH, sandbox)).toBe(false);
    expect(isAllowedExternalUrl('https://127.0.0.1:8444/', sandbox)).toBe(false);
    expect(isAllowedExternalUrl('https://localhost:8443/', sandbox)).toBe(false);
  });
});
