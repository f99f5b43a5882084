import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCustomersByName, type Customer } from '../../../shared/customers/customer';
import { mergeDirectory, storedPart } from '../../../shared/customers/customer-directory';
import type { DirectorySnapshot } from '../../../shared/directory/directory';
import type { TenantId } from '../../../shared/platform/tenant-id';

const AT = '2026-11-01T00:00:00.000Z';
const NOW = new Date('2026-11-22T13:42:00Z');

function customer(i: number, displayName: string, more: Partial<Customer> = {}): Customer {
  return {
    tenantId: `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}` as TenantId,
    displayName,
    accessPath: 'b2b',
    tags: ['retail', `t${i}`],
    notes: `note ${i}`,
    source: 'manual',
    addedAt: AT,
    updatedAt: `2026-11-0${(i % 9) + 1}T00:00:00.000Z`,
    favourite: i % 2 === 0,
    lastLaunchedAt: i % 3 === 0 ? AT : null,
    ...more,
  };
}

describe('compareCustomersByName', () => {
  it('orders as localeCompare does, case and accents aside, then by tenant ID', () => {
    const names = ['Émile', 'emile', 'Zeta', 'alpha', 'Alpha', 'Ålesund', 'beta 10', 'beta 9', 'Société'];
    const list = names.map((n, i) => customer(names.length - i, n));
    const expected = [...list].sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' }) ||
        a.tenantId.localeCompare(b.tenantId),
    );
    expect([...list].sort(compareCustomersByName).map((c) => c.tenantId)).toEqual(
      expected.map((c) => c.tenantId),
    );
    // Same name but for case: the tenant ID decides, whatever order they came in.
    const [first, second] = [customer(1, 'Contoso'), customer(2, 'CONTOSO')];
    expect([second, first].sort(compareCustomersByName)).toEqual([first, second]);
  });

  it('agrees with localeCompare on any names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 2, maxLength: 30 }), (names) => {
        const list = names.map((n, i) => customer(i, n));
        const expected = [...list].sort(
          (a, b) =>
            a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' }) ||
            a.tenantId.localeCompare(b.tenantId),
        );
        expect([...list].sort(compareCustomersByName)).toEqual(expected);
      }),
    );
  });
});

describe('mergeDirectory', () => {
  const snapshot = (customers: DirectorySnapshot['customers']): DirectorySnapshot => ({
    syncedAt: AT,
    account: 'analyst@contosomssp.onmicrosoft.com',
    customers,
    openRelationships: [],
  });

  it('keeps every stored field of a hand-added customer, and its stored part round-trips', () => {
    const stored = [customer(3, 'Fabrikam'), customer(4, 'Adatum', { tags: [], notes: '' })];
    const listed = mergeDirectory(stored, null, NOW);
    expect(listed.map((c) => c.displayName)).toEqual(['Adatum', 'Fabrikam']);
    expect(listed.map(storedPart)).toEqual([stored[1], stored[0]]);
    for (const c of listed) expect([c.domain, c.gdap, c.problem]).toEqual([null, null, null]);
  });

  it('adds the directory’s facts to a hand-added customer and lists directory-only ones', () => {
    const own = customer(5, 'Contoso (mine)', { accessPath: 'b2b' });
    const listed = mergeDirectory(
      [own],
      snapshot([
        {
          tenantId: own.tenantId,
          displayName: 'Contoso',
          domain: 'contoso.onmicrosoft.com',
          relationships: [],
          assignments: [],
          serviceManagement: [],
          problem: 'Roles could not be read.',
        },
        {
          tenantId: '20000000-0000-4000-8000-000000000001',
          displayName: 'Blue Yonder',
          domain: null,
          relationships: [],
          assignments: [],
          serviceManagement: [],
          problem: null,
        },
      ]),
      NOW,
    );
    expect(listed.map((c) => [c.displayName, c.source, c.accessPath, c.domain, c.problem])).toEqual([
      ['Blue Yonder', 'gdap', 'none', null, null],
      ['Contoso (mine)', 'manual', 'b2b', 'contoso.onmicrosoft.com', 'Roles could not be read.'],
    ]);
    expect(storedPart(listed[1]!)).toEqual(own);
    expect(listed[0]).toMatchObject({ tags: [], notes: '', favourite: false, addedAt: AT, updatedAt: AT });
  });
});
