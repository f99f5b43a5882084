import { describe, expect, it } from 'vitest';
import { customerDraftSchema } from '../../../shared/customers/customer';
import { parseDomainName, parsePastedTenantId, parseTenantId } from '../../../shared/platform/tenant-id';

const T = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER = '0b1f7c3e-5a2d-4c6e-9f10-2b3c4d5e6f70';

describe('a tenant ID pasted into the customer form', () => {
  it.each([
    ['in braces', `{${T}}`],
    ['in braces, upper case, with spaces', `  { ${T.toUpperCase()} } `],
    ['in an Azure portal link', `https://portal.azure.com/#@${T}/resource/subscriptions/${OTHER}/overview`],
    ['as tenantId= in a query', `https://securitycopilot.microsoft.com/?tenantId=${T}`],
    ['as tenant= in a fragment', `https://entra.microsoft.com/#view/Overview?tenant=${T.toUpperCase()}`],
    ['as a /tenantId/ blade segment', `https://portal.azure.com/#view/Blade/tenantId/${T}`],
    ['as the sign-in authority', `https://login.microsoftonline.com/${T}/oauth2/v2.0/authorize?x=1`],
  ])('is accepted %s and stored as the bare GUID', (_how, input) => {
    expect(parsePastedTenantId(input)).toEqual({ ok: true, value: T });
    expect(
      customerDraftSchema.parse({ displayName: 'Contoso', tenantId: input, accessPath: 'gdap' }).tenantId,
    ).toBe(T);
  });

  it.each([
    ['a portal URL without any ID', 'https://portal.azure.com/#home'],
    ['a host and path without a scheme', 'portal.azure.com/#blade/overview'],
    [
      'a URL whose only ID is a subscription',
      `https://portal.azure.com/#resource/subscriptions/${T}/overview`,
    ],
  ])('refuses %s, saying it is a URL and to paste the tenant ID or a domain', (_what, input) => {
    const result = customerDraftSchema.safeParse({
      displayName: 'Contoso',
      tenantId: input,
      accessPath: 'gdap',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/This is a URL: paste the tenant ID or a domain/);
    expect(result.error?.issues[0]?.message).not.toMatch(/looks like a domain/);
  });

  it('refuses a URL naming two different tenants rather than picking one', () => {
    const result = parsePastedTenantId(`https://portal.azure.com/#@${T}/x?tenantId=${OTHER}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/2 different tenants/);
  });

  it('keeps links and files strict: braces are still refused by parseTenantId, a URL named as one', () => {
    expect(parseTenantId(`{${T}}`).ok).toBe(false);
    const url = parseTenantId(`https://portal.azure.com/#@${T}`);
    expect(url.ok).toBe(false);
    if (!url.ok) expect(url.message).toMatch(/web address \(URL\)/);
  });

  it('still explains a domain typed where the tenant ID goes', () => {
    const result = customerDraftSchema.safeParse({
      displayName: 'A',
      tenantId: 'contoso.com',
      accessPath: 'gdap',
    });
    expect(result.error?.issues[0]?.message).toMatch(/looks like a domain name/);
  });
});

describe('parseDomainName', () => {
  it.each([
    ['contoso.com', 'contoso.com'],
    ['  Contoso.COM  ', 'contoso.com'],
    ['fabrikam.onmicrosoft.com.', 'fabrikam.onmicrosoft.com'],
    ['my-shop.co.uk', 'my-shop.co.uk'],
  ])('accepts %j as %j', (input, value) => {
    expect(parseDomainName(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['an e-mail address', 'ada@contoso.com', /e-mail address.*contoso\.com/],
    ['a URL', 'https://contoso.com/', /This is a URL/],
    ['one word', 'contoso', /not a domain name/],
    ['a label starting with a hyphen', '-contoso.com', /not a domain name/],
    ['spaces inside', 'contoso .com', /not a domain name/],
    ['a numeric top-level domain', 'contoso.123', /not a domain name/],
    ['nothing', '   ', /empty/],
  ])('refuses %s with the reason', (_what, input, reason) => {
    const result = parseDomainName(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(reason);
  });
});

describe('a customer name with control or direction characters', () => {
  it.each([
    ['a right-to-left override', 'Acme \u202E gnp.exe', /invisible direction control U\+202E/],
    ['a left-to-right isolate', 'Acme \u2066Ltd', /invisible direction control U\+2066/],
    ['a line break', 'Acme\nLtd', /a line break/],
    ['a NUL', 'Acme\u0000', /control character U\+0000/],
    ['only zero-width spaces', '\u200B\u200B', /no visible characters/],
  ])('is refused when it holds %s, with the sentence saying why', (_what, displayName, reason) => {
    const result = customerDraftSchema.safeParse({ displayName, tenantId: T, accessPath: 'gdap' });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === 'displayName');
    expect(issue?.message).toMatch(reason);
    expect(issue?.message).toMatch(/^The customer’s name contains|^The customer’s name has/);
  });

  it.each(['Acme Ltd', 'شرکت\u200Cنمونه', 'Zoë & Co. 👩\u200D💻', 'עברית בע"מ'])(
    'accepts the ordinary name %j',
    (displayName) => {
      expect(customerDraftSchema.safeParse({ displayName, tenantId: T, accessPath: 'gdap' }).success).toBe(
        true,
      );
    },
  );
});
