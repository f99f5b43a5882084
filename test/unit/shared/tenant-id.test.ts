import { describe, expect, it } from 'vitest';
import { isGuid, parseTenantId } from '../../../shared/platform/tenant-id';

const GUID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('parseTenantId', () => {
  it('accepts a GUID and returns it in lower case', () => {
    expect(parseTenantId(GUID)).toEqual({ ok: true, value: GUID });
    expect(parseTenantId(GUID.toUpperCase())).toEqual({ ok: true, value: GUID });
  });

  it('forgives whitespace pasted around the GUID', () => {
    expect(parseTenantId(`  ${GUID}\n`)).toEqual({ ok: true, value: GUID });
  });

  it.each([
    ['a domain', 'contoso.onmicrosoft.com', /looks like a domain name/],
    ['an empty string', '', /empty/],
    ['only spaces', '   ', /empty/],
    ['a GUID with extra characters', `${GUID}x`, /extra characters after the GUID/],
    ['a GUID carrying a redirect', `${GUID}&redirect=https://evil.example`, /extra characters/],
    ['x&redirect=...', 'x&redirect=https://evil.example', /is not a tenant ID/],
    ['a GUID in braces', `{${GUID}}`, /is not a tenant ID/],
    ['a GUID without hyphens', GUID.replace(/-/g, ''), /is not a tenant ID/],
    ['a GUID with a space inside', GUID.replace('-', ' -'), /is not a tenant ID/],
    ['non-hex letters', 'g2f988bf-86f1-41af-91ab-2d7cd011db47', /is not a tenant ID/],
    ['full-width digits', '７2f988bf-86f1-41af-91ab-2d7cd011db47', /is not a tenant ID/],
    ['a URL', `https://securitycopilot.microsoft.com/?tenantId=${GUID}`, /domain name|not a tenant ID/],
    ['a very long string', 'a'.repeat(100_000), /is not a tenant ID/],
  ])('refuses %s with a message that says what a tenant ID looks like', (_what, input, reason) => {
    const result = parseTenantId(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(reason);
    expect(result.message).toContain('A tenant ID is a GUID');
    expect(result.message.length).toBeLessThan(600);
  });

  it.each([undefined, null, 42, {}, [GUID]])('refuses a non-string (%s)', (input) => {
    expect(parseTenantId(input).ok).toBe(false);
  });

  it('isGuid matches exactly the GUID shape', () => {
    expect(isGuid(GUID)).toBe(true);
    expect(isGuid(` ${GUID}`)).toBe(false);
    expect(isGuid(`${GUID}\n`)).toBe(false);
  });
});
