import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEEP_LINK_ACTIONS,
  DEEP_LINK_TARGETS,
  deepLinkFor,
  MAX_DEEP_LINK_LENGTH,
  parseDeepLink,
  type DeepLinkResult,
} from '../../../shared/launch/deep-link';
import { isLaunchTarget, LAUNCH_TARGETS } from '../../../shared/launch/portal-targets';
import { tenantId, type TenantId } from '../../../shared/platform/tenant-id';

const KNOWN = [
  tenantId('0b8f6c3e-1d2a-4e5f-9a7b-3c4d5e6f7a8b'),
  tenantId('72f988bf-86f1-41af-91ab-2d7cd011db47'),
  tenantId('e3b0c442-98fc-4c14-9afb-f4c8996fb924'),
];
const [A] = KNOWN as [TenantId, ...TenantId[]];
const UNKNOWN = '11111111-2222-4333-8444-555555555555';
const known = (id: TenantId) => KNOWN.includes(id);

function parse(raw: string): DeepLinkResult {
  return parseDeepLink(raw, known);
}

function refusal(raw: string): string {
  const result = parse(raw);
  if (result.ok) throw new Error(`expected ${raw} to be refused`);
  return result.message;
}

describe('parseDeepLink: what it accepts', () => {
  it('a launch link with a target', () => {
    expect(parse(`switchboard://launch/${A}?target=defender`)).toEqual({
      ok: true,
      action: 'launch',
      tenantId: A,
      target: 'defender',
    });
  });

  it('a launch link without a target opens Security Copilot', () => {
    expect(parse(`switchboard://launch/${A}`)).toMatchObject({ ok: true, target: 'securityCopilot' });
  });

  it('a customer link', () => {
    expect(parse(`switchboard://customer/${A}`)).toEqual({
      ok: true,
      action: 'customer',
      tenantId: A,
      target: 'securityCopilot',
    });
  });

  it('an upper-case tenant ID and scheme, and one trailing slash some launchers add', () => {
    expect(parse(`SWITCHBOARD://launch/${A.toUpperCase()}?target=entra`)).toMatchObject({
      ok: true,
      tenantId: A,
      target: 'entra',
    });
    expect(parse(`switchboard://customer/${A}/`)).toMatchObject({ ok: true, tenantId: A });
    expect(parse(`switchboard://launch/${A}/?target=intune`)).toMatchObject({ ok: true, target: 'intune' });
  });
});

describe('parseDeepLink: what it refuses, and says why', () => {
  it.each([
    ['', 'empty'],
    [`https://securitycopilot.microsoft.com/?tenantId=${A}`, 'not a Switchboard link'],
    [`switchboardx://launch/${A}`, 'not a Switchboard link'],
    [`switchboard:launch/${A}`, 'not a Switchboard link'],
    [`switchboard://open/${A}`, 'can only "launch" a portal or open a "customer"'],
    [`switchboard://Launch/${A}`, 'can only "launch"'],
    [`switchboard://launch`, 'names no customer'],
    [`switchboard://launch/`, 'names no customer'],
    [`switchboard:///launch/${A}`, 'does not say what to do'],
    [`switchboard://launch/${A}/extra`, 'more after the tenant ID'],
    [`switchboard://launch/${A}//`, 'more after the tenant ID'],
    [`switchboard://launch/x/../${A}`, 'more after the tenant ID'],
    [`switchboard://launch/contoso.com`, 'is not a tenant ID'],
    [`switchboard://launch/${A}x`, 'is not a tenant ID'],
    [`switchboard://launch/{${A}}`, 'characters Switchboard links never have'],
    [`switchboard://launch/${UNKNOWN}`, `No customer in your list has tenant ID ${UNKNOWN}`],
    [`switchboard://launch/${A}?target=word`, '"word" is not a portal Switchboard opens'],
    [`switchboard://launch/${A}?target=Defender`, 'is not a portal'],
    [`switchboard://launch/${A}?target=`, 'is not a portal'],
    [`switchboard://launch/${A}?target=https://evil.example/`, 'never carries an address'],
    [`switchboard://launch/${A}?target=javascript:alert(1)`, 'characters Switchboard links never have'],
    [`switchboard://launch/${A}?target=//evil.example`, 'never carries an address'],
    [`switchboard://launch/${A}?target=gdapApproval`, 'belongs to one GDAP relationship'],
    [`switchboard://launch/${A}?target=partnerCenter`, 'belongs to one GDAP relationship'],
    [`switchboard://launch/${A}?target=defender&url=https://evil.example`, 'more than one option'],
    [`switchboard://launch/${A}?target=defender&target=entra`, 'more than one option'],
    [`switchboard://launch/${A}?url=x`, 'not an option Switchboard understands'],
    [`switchboard://launch/${A}?target=defender=x`, 'not an option'],
    [`switchboard://launch/${A}?`, 'empty "?"'],
    [`switchboard://launch/${A}?target=defender?x`, 'more than one "?"'],
    [`switchboard://customer/${A}?target=defender`, 'takes no options'],
    [`switchboard://launch/${A}%2Fextra`, 'percent-encoded'],
    [`switchboard://launch/${A}%00`, 'percent-encoded'],
    [`switchboard://launch/${A}?target=def%65nder`, 'percent-encoded'],
    [`switchboard://launch/${A}?target=%2568`, 'percent-encoded'],
    [`switchboard://launch%2F${A}`, 'percent-encoded'],
    [`switchboard://user:pw@launch/${A}`, 'user name or password'],
    [`switchboard://launch:8080/${A}`, 'port'],
    [`switchboard://launch/${A}#target=defender`, 'fragment'],
    [`switchboard://launch/${A}\\..\\x`, 'backslash'],
    [`switchboard://launch/${A} `, 'spaces or control characters'],
    [`switchboard://launch/${A}\u0000`, 'spaces or control characters'],
    [`switchboard://launch/${A}\n`, 'spaces or control characters'],
    [`switchboard://launch/\uff10b8f6c3e-1d2a-4e5f-9a7b-3c4d5e6f7a8b`, 'never have'],
    [`switchboard://launch/${A}?target=defender${'a'.repeat(MAX_DEEP_LINK_LENGTH)}`, 'characters long'],
  ])('%j: %s', (raw, why) => {
    const message = refusal(raw);
    expect(message).toContain(why);
    expect(message).toMatch(/Nothing was opened\.$/);
  });

  it('a very long link is refused without echoing it', () => {
    const message = refusal(`switchboard://launch/${A}?target=${'x'.repeat(100_000)}`);
    expect(message.length).toBeLessThan(400);
  });

  it('a refusal never repeats more than a short preview of what was sent', () => {
    const message = refusal(`switchboard://launch/${A}?target=${'y'.repeat(400)}`);
    expect(message).not.toContain('y'.repeat(61));
  });
});

describe('deepLinkFor', () => {
  it('writes the canonical links', () => {
    expect(deepLinkFor('launch', A, 'purview')).toBe(`switchboard://launch/${A}?target=purview`);
    expect(deepLinkFor('launch', A)).toBe(`switchboard://launch/${A}?target=securityCopilot`);
    expect(deepLinkFor('customer', A, 'purview')).toBe(`switchboard://customer/${A}`);
  });

  it('refuses what a link cannot carry', () => {
    expect(() => deepLinkFor('launch', A, 'gdapApproval')).toThrow(/needs more than a tenant ID/);
    expect(() => deepLinkFor('launch', 'contoso.com' as TenantId)).toThrow(/not a tenant ID/);
  });
});

// Property-based: whatever arrives, the parser either refuses or returns a known tenant and a target
// a deep link may name.
const tenantArb = fc.constantFrom(...KNOWN);
const targetArb = fc.constantFrom(...DEEP_LINK_TARGETS);
const actionArb = fc.constantFrom(...DEEP_LINK_ACTIONS);

function assertSafe(result: DeepLinkResult): void {
  if (!result.ok) {
    expect(result.message.length).toBeGreaterThan(0);
    expect(result.message.length).toBeLessThan(600);
    return;
  }
  expect(KNOWN).toContain(result.tenantId);
  expect(DEEP_LINK_TARGETS).toContain(result.target);
  expect(DEEP_LINK_ACTIONS).toContain(result.action);
}

describe('parseDeepLink properties', () => {
  it('round trip: every canonical link parses back to what it was made from', () => {
    fc.assert(
      fc.property(actionArb, tenantArb, targetArb, (action, tenant, target) => {
        const result = parse(deepLinkFor(action, tenant, target));
        expect(result).toEqual({
          ok: true,
          action,
          tenantId: tenant,
          target: action === 'launch' ? target : 'securityCopilot',
        });
      }),
    );
  });

  it('random strings, with or without the scheme, are refused or name a known tenant and target', () => {
    const anyString = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ maxLength: 200 }).map((s) => `switchboard://${s}`),
      fc.string({ maxLength: 200 }).map((s) => `switchboard://launch/${s}`),
    );
    fc.assert(
      fc.property(anyString, (raw) => assertSafe(parse(raw))),
      { numRuns: 2000 },
    );
  });

  it('anything appended to a canonical link is refused, but for one trailing slash on a customer link', () => {
    const suffix = fc.oneof(
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
      fc.constantFrom(
        '%2F',
        '%00',
        '%252F',
        '/..',
        '/.',
        '#x',
        '&x=1',
        '?x',
        '@evil',
        ':443',
        '\\',
        ' ',
        '\t',
      ),
    );
    fc.assert(
      fc.property(actionArb, tenantArb, targetArb, suffix, (action, tenant, target, extra) => {
        const link = deepLinkFor(action, tenant, target);
        const result = parse(`${link}${extra}`);
        assertSafe(result);
        // The one harmless variant: a trailing slash on a customer link (launch links end in the target).
        expect(result.ok).toBe(action === 'customer' && extra === '/');
      }),
      { numRuns: 2000 },
    );
  });

  it('percent-encoding any character of a canonical link, once or twice, is refused', () => {
    fc.assert(
      fc.property(
        actionArb,
        tenantArb,
        targetArb,
        fc.nat(),
        fc.boolean(),
        (action, tenant, target, at, twice) => {
          const link = deepLinkFor(action, tenant, target);
          const i = 'switchboard://'.length + (at % (link.length - 'switchboard://'.length));
          const hex = `%${link.charCodeAt(i).toString(16).toUpperCase().padStart(2, '0')}`;
          const encoded = twice ? hex.replace('%', '%25') : hex;
          const result = parse(`${link.slice(0, i)}${encoded}${link.slice(i + 1)}`);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).toContain('percent-encoded');
        },
      ),
    );
  });

  it('a URL as the target is never accepted', () => {
    fc.assert(
      fc.property(tenantArb, fc.webUrl({ withQueryParameters: true, withFragments: true }), (tenant, url) => {
        const result = parse(`switchboard://launch/${tenant}?target=${url}`);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('an unknown tenant is never accepted, whatever its case', () => {
    fc.assert(
      fc.property(fc.uuid(), actionArb, targetArb, fc.boolean(), (uuid, action, target, upper) => {
        fc.pre(!known(uuid.toLowerCase() as TenantId));
        const id = upper ? uuid.toUpperCase() : uuid;
        const result = parse(`switchboard://${action}/${id}?target=${target}`);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('any link longer than the cap is refused, whatever it starts with', () => {
    fc.assert(
      fc.property(
        actionArb,
        tenantArb,
        targetArb,
        fc.integer({ min: 1, max: 5000 }),
        (action, tenant, target, n) => {
          const link = deepLinkFor(action, tenant, target);
          const padded = `${link}${'/'.repeat(Math.max(0, MAX_DEEP_LINK_LENGTH - link.length) + n)}`;
          const result = parse(padded);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).toContain('characters long');
        },
      ),
    );
  });

  it('a target string is accepted only when it is exactly a target a link may name', () => {
    fc.assert(
      fc.property(
        tenantArb,
        fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...LAUNCH_TARGETS)),
        (tenant, t) => {
          const result = parse(`switchboard://launch/${tenant}?target=${t}`);
          const allowed = isLaunchTarget(t) && DEEP_LINK_TARGETS.includes(t);
          expect(result.ok).toBe(allowed);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
