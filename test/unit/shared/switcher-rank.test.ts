import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECENT_LIMIT } from '../../../shared/customers/customer';
import {
  buildSwitcherIndex,
  rankSwitcher,
  type SwitcherCustomer,
} from '../../../shared/launch/switcher-rank';
import type { TenantId } from '../../../shared/platform/tenant-id';

let next = 0;
function customer(
  displayName: string,
  more: Partial<Omit<SwitcherCustomer, 'displayName'>> = {},
): SwitcherCustomer {
  next++;
  return {
    displayName,
    tenantId: `00000000-0000-4000-8000-${next.toString(16).padStart(12, '0')}` as TenantId,
    tags: [],
    favourite: false,
    lastLaunchedAt: null,
    domain: null,
    ...more,
  };
}

/** The names the switcher lists for `query`, in order. */
function ranked(customers: ReadonlyArray<SwitcherCustomer>, query: string, limit?: number): string[] {
  return rankSwitcher(buildSwitcherIndex(customers), query, limit).matches.map((m) => m.customer.displayName);
}

describe('the switcher with nothing typed', () => {
  it('lists favourites A–Z, then recent launches newest first, then everyone else A–Z', () => {
    const customers = [
      customer('Zephyr Retail'),
      customer('adatum', { lastLaunchedAt: '2026-11-02T10:00:00.000Z' }),
      customer('Woodgrove Bank', { favourite: true }),
      customer('Northwind', { lastLaunchedAt: '2026-11-03T10:00:00.000Z' }),
      customer('Alpine Ski House'),
      customer('Contoso', { favourite: true, lastLaunchedAt: '2026-11-04T10:00:00.000Z' }),
      customer('bellows college'),
    ];
    expect(ranked(customers, '')).toEqual([
      'Contoso',
      'Woodgrove Bank',
      'Northwind',
      'adatum',
      'Alpine Ski House',
      'bellows college',
      'Zephyr Retail',
    ]);
    expect(ranked(customers, '   ')).toEqual(ranked(customers, ''));
  });

  it('counts only the most recent launches as recent, so an old launch does not jump the queue', () => {
    const launched = Array.from({ length: RECENT_LIMIT + 1 }, (_, i) =>
      customer(`Launched ${String(i).padStart(2, '0')}`, {
        lastLaunchedAt: `2026-10-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`,
      }),
    );
    const list = ranked([customer('Aardvark'), ...launched], '', 100);
    expect(list[0]).toBe(`Launched ${RECENT_LIMIT}`);
    expect(list[RECENT_LIMIT - 1]).toBe('Launched 01');
    // The oldest launch is back among everyone else, A–Z.
    expect(list.slice(RECENT_LIMIT)).toEqual(['Aardvark', 'Launched 00']);
  });

  it('shows at most the limit but says how many there are', () => {
    const many = Array.from({ length: 120 }, (_, i) => customer(`Customer ${i}`));
    const result = rankSwitcher(buildSwitcherIndex(many), '', 50);
    expect(result.matches).toHaveLength(50);
    expect(result.total).toBe(120);
  });
});

describe('typing in the switcher', () => {
  it('finds a customer by part of its name, its domain, a tag or the start of its tenant ID', () => {
    const contoso = customer('Contoso Pharma', {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' as TenantId,
      domain: 'contosopharma.onmicrosoft.com',
      tags: ['tier-1', 'EU'],
    });
    const customers = [contoso, customer('Fabrikam', { domain: 'fabrikam.com', tags: ['retail'] })];
    for (const query of ['pharma', 'CONTOSO', 'contosopharma.onm', 'tier-1', 'eu', '72f9', '72F988BF-86F1'])
      expect(ranked(customers, query), query).toEqual(['Contoso Pharma']);
  });

  it('says which matches came from the tenant ID, so the list can show it', () => {
    const byId = customer('Fabrikam', { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' as TenantId });
    const byName = customer('72F Logistics');
    const index = buildSwitcherIndex([byId, byName]);
    const flags = (query: string) =>
      Object.fromEntries(
        rankSwitcher(index, query).matches.map((m) => [m.customer.displayName, m.byTenantId]),
      );
    expect(flags('72f')).toEqual({ Fabrikam: true, '72F Logistics': false });
    expect(flags('fabrikam 72f9')).toEqual({ Fabrikam: true });
    expect(flags('fabrikam')).toEqual({ Fabrikam: false });
    expect(flags('')).toEqual({ Fabrikam: false, '72F Logistics': false });
  });

  it('does not match the middle of a tenant ID: short hex runs are in thousands of GUIDs', () => {
    const customers = [
      customer('Fabrikam', { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' as TenantId }),
    ];
    expect(ranked(customers, '86f1')).toEqual([]);
    expect(ranked(customers, 'db47')).toEqual([]);
  });

  it('needs every word typed, in any field and any order', () => {
    const customers = [
      customer('Northwind Traders', { tags: ['retail'] }),
      customer('Northwind Health', { tags: ['healthcare'] }),
      customer('Tailspin Traders', { tags: ['retail'] }),
    ];
    expect(ranked(customers, 'retail north')).toEqual(['Northwind Traders']);
    expect(ranked(customers, 'traders  ')).toEqual(['Northwind Traders', 'Tailspin Traders']);
    expect(ranked(customers, 'north retail zzz')).toEqual([]);
  });

  it('puts names that start with the query before word starts, and word starts before matches inside a word', () => {
    const customers = [
      customer('Blue Yonder Airlines'), // "on" inside a word
      customer('Online Retail Co'), // name starts with "on"
      customer('Adatum', { domain: 'adatum.onmicrosoft.com' }), // "on" starts a domain word
      customer('Trey Research', { tags: ['onboarding'] }), // "on" starts a tag
      customer('Contoso'), // "on" inside a word
    ];
    expect(ranked(customers, 'on')).toEqual([
      'Online Retail Co',
      'Adatum',
      'Trey Research',
      'Blue Yonder Airlines',
      'Contoso',
    ]);
  });

  it('ranks a domain typed from its start with names that start with the query', () => {
    const customers = [customer('Lamna Healthcare'), customer('Zava', { domain: 'lamna-partner.com' })];
    expect(ranked(customers, 'lamna-p')).toEqual(['Zava']);
    expect(ranked(customers, 'lamna')).toEqual(['Lamna Healthcare', 'Zava']);
  });

  it('keeps favourites, then recent launches, above better matches, and ranks by match inside each group', () => {
    const customers = [
      customer('Contoso'),
      customer('Lucerne Contoso Partners', { favourite: true }),
      customer('Blue Contoso', { lastLaunchedAt: '2026-11-01T00:00:00.000Z' }),
      customer('Aacontoso', { lastLaunchedAt: '2026-11-02T00:00:00.000Z' }),
      customer('Contoso Pharma', { lastLaunchedAt: '2026-10-01T00:00:00.000Z' }),
      customer('Mycontoso'),
    ];
    expect(ranked(customers, 'contoso')).toEqual([
      'Lucerne Contoso Partners', // favourite
      'Contoso Pharma', // recent, name starts with the query (launched longest ago)
      'Blue Contoso', // recent, a word starts with it
      'Aacontoso', // recent, inside a word (though launched most recently)
      'Contoso', // the rest: name starts with it
      'Mycontoso',
    ]);
  });

  it('orders equally good matches A–Z, ignoring case and accents, and finds accented names without them', () => {
    const customers = [
      customer('zeta Société'),
      customer('Alpha société'),
      customer('Müller GmbH'),
      customer('beta Societe'),
    ];
    expect(ranked(customers, 'societe')).toEqual(['Alpha société', 'beta Societe', 'zeta Société']);
    expect(ranked(customers, 'MULLER')).toEqual(['Müller GmbH']);
  });

  it('returns the best matches when more match than the list shows, with the full count', () => {
    const many = Array.from({ length: 300 }, (_, i) => customer(`Retail ${String(i).padStart(3, '0')}`));
    const pinned = customer('Zulu retail', { favourite: true });
    const result = rankSwitcher(buildSwitcherIndex([...many, pinned]), 'retail', 10);
    expect(result.total).toBe(301);
    expect(result.matches.map((m) => m.customer.displayName)).toEqual([
      'Zulu retail',
      ...many.slice(0, 9).map((c) => c.displayName),
    ]);
    expect(result.matches[0]).toMatchObject({ group: 'favourite', quality: 'wordStart' });
    expect(result.matches[1]).toMatchObject({ group: 'other', quality: 'prefix' });
  });

  it('finds nothing for a query that matches no customer, and treats regex characters literally', () => {
    const customers = [customer('Contoso (EU)'), customer('Fabrikam')];
    expect(ranked(customers, 'xyz')).toEqual([]);
    expect(ranked(customers, '(eu)')).toEqual(['Contoso (EU)']);
    expect(ranked(customers, '.*')).toEqual([]);
  });
});

describe('typing on, deleting and retyping', () => {
  it('gives the same list as searching afresh, whatever was typed before', () => {
    const words = ['contoso', 'fabrikam', 'north', 'eu', 'tier-1', '72f9', 'a', 'on'];
    const customers = Array.from({ length: 300 }, (_, i) =>
      customer(`${words[i % 8]} ${words[(i * 7) % 8]} ${i}`, {
        tenantId:
          `${(i * 2654435761).toString(16).padStart(8, '0').slice(0, 8)}-0000-4000-8000-000000000000` as TenantId,
        domain: `${words[(i * 3) % 8]}${i}.onmicrosoft.com`,
        tags: i % 5 === 0 ? ['tier-1', 'eu'] : ['retail'],
        favourite: i % 37 === 0,
        lastLaunchedAt:
          i % 29 === 0 ? `2026-10-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z` : null,
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...'abcdefhiklmnoprstuw -17'.split('')), fc.constant('\b')), {
          maxLength: 24,
        }),
        (keys) => {
          const index = buildSwitcherIndex(customers);
          let typed = '';
          for (const key of keys) {
            typed = key === '\b' ? typed.slice(0, -1) : typed + key;
            const narrowed = rankSwitcher(index, typed, 20);
            const fresh = rankSwitcher(buildSwitcherIndex(customers), typed, 20);
            expect(narrowed.total).toBe(fresh.total);
            expect(narrowed.matches.map((m) => m.customer.tenantId)).toEqual(
              fresh.matches.map((m) => m.customer.tenantId),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
