import { describe, expect, it } from 'vitest';
import { buildAccessMatrix, filterMatrix, matrixToCsv } from '../../../shared/guests/access-matrix';
import {
  checkGrantEnd,
  checkGuestEmail,
  describeGroupStep,
  someNames,
  type CustomerGuests,
} from '../../../shared/guests/guests';
import type { DirectorySnapshot } from '../../../shared/directory/directory';
import { ROLE_IDS } from '../../../shared/gdap/roles';

describe('an invited address, as Entra takes it', () => {
  it('keeps a plain address, trimmed', () => {
    for (const ok of [
      'ada@contoso.com',
      ' ada.analyst@contosomssp.onmicrosoft.com ',
      'a_b-c@x-y.co.uk',
      'A1@b.io',
    ]) {
      expect(checkGuestEmail(ok)).toEqual({ ok: true, email: ok.trim() });
    }
  });
  it('refuses what a hurried person pastes, saying what is wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['"Ada" <ada@contoso.com>', /without a name/],
      ['ada@contoso.com rory@contoso.com', /one address/],
      ['ada@contoso.com,', /one address/],
      ['ada@@contoso.com', /one @/],
      ['adacontoso.com', /needs an @/],
      ['ad\u200ea@contoso.com', /direction/],
      ['ada\t@contoso.com', /control/],
      ['ada..b@contoso.com', /two dots/],
      ['ada-@contoso.com', /start or end/],
      ['ádá@contoso.com', /letters, digits/],
      ['ada@contoso', /not a domain/],
      ['ada@-contoso.com', /not a domain/],
      [`ada@${'a'.repeat(64)}.com`, /not a domain/],
      [
        `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.com`,
        /at most 254/,
      ],
    ];
    for (const [input, says] of cases) {
      const r = checkGuestEmail(input);
      expect(r.ok, input).toBe(false);
      if (!r.ok) expect(r.message, input).toMatch(says);
    }
  });
  it('a grant ends in the future and within a year', () => {
    const now = new Date('2026-12-03T00:00:00Z');
    expect(checkGrantEnd({ kind: 'permanent' }, now)).toBeUndefined();
    expect(checkGrantEnd({ kind: 'active', endDateTime: '2026-12-02T00:00:00Z' }, now)).toMatch(/passed/);
    expect(checkGrantEnd({ kind: 'eligible', endDateTime: '2028-01-01T00:00:00Z' }, now)).toMatch(/365/);
    expect(checkGrantEnd({ kind: 'active', endDateTime: '2027-01-01T00:00:00Z' }, now)).toBeUndefined();
  });
});

describe('the access matrix', () => {
  const now = new Date('2026-12-03T00:00:00Z');
  const rel = (id: string, tenantId: string, end: string, autoExtend: boolean) => ({
    id,
    displayName: id,
    status: 'active' as const,
    customerTenantId: tenantId,
    customerName: tenantId,
    roleIds: [ROLE_IDS.securityReader, ROLE_IDS.securityOperator],
    duration: 'P730D',
    autoExtendDuration: autoExtend ? 'P180D' : 'PT0S',
    createdDateTime: '2025-01-01T00:00:00Z',
    activatedDateTime: '2025-01-01T00:00:00Z',
    endDateTime: end,
    etag: null,
  });
  const snapshot: DirectorySnapshot = {
    syncedAt: now.toISOString(),
    account: 'pat',
    openRelationships: [],
    customers: [
      {
        tenantId: 't-fab',
        displayName: 'Fabrikam',
        domain: null,
        serviceManagement: [],
        problem: null,
        relationships: [rel('r1', 't-fab', '2026-12-20T00:00:00Z', false)],
        assignments: [
          {
            id: 'a1',
            relationshipId: 'r1',
            status: 'active',
            groupId: 'g-readers',
            groupName: 'SOC Readers',
            roleIds: [ROLE_IDS.securityReader],
          },
        ],
      },
      {
        tenantId: 't-nw',
        displayName: 'Northwind',
        domain: null,
        serviceManagement: [],
        problem: null,
        relationships: [rel('r2', 't-nw', '2027-06-01T00:00:00Z', true)],
        assignments: [
          {
            id: 'a2',
            relationshipId: 'r2',
            status: 'active',
            groupId: 'g-readers',
            groupName: 'SOC Readers',
            roleIds: [ROLE_IDS.globalAdministrator],
          },
        ],
      },
    ],
  };
  const guests = new Map<string, CustomerGuests>([
    [
      't-nw',
      {
        tenantId: 't-nw',
        readAt: now.toISOString(),
        permissions: { invite: false, assignRoles: false, removeGuests: false },
        redirectUrl: 'https://x',
        guests: [
          {
            id: 'gu1',
            displayName: 'Ada',
            email: 'ada@p.com',
            partnerUserId: 'ada',
            state: 'accepted',
            since: null,
            roles: [{ role: 'securityOperator', kind: 'active', endDateTime: '2027-01-10T00:00:00Z' }],
          },
          {
            id: 'gu2',
            displayName: 'Rory',
            email: 'rory@p.com',
            partnerUserId: 'rory',
            state: 'pendingAcceptance',
            since: null,
            roles: [{ role: 'securityReader', kind: 'permanent', endDateTime: null }],
          },
        ],
      },
    ],
  ]);
  const m = buildAccessMatrix({
    snapshot,
    analysts: [
      { id: 'ada', displayName: 'Ada', userPrincipalName: 'ada@p.com', groupIds: ['g-readers'] },
      { id: 'rory', displayName: 'Rory', userPrincipalName: 'rory@p.com', groupIds: [] },
    ],
    guests,
    now,
  });

  it('says how each analyst reaches each customer, until when, and what it reaches', () => {
    // Fabrikam: Ada through GDAP (Security Reader), ending 20 Dec; Rory nothing.
    expect(m.cells[0]?.[0]).toMatchObject({
      path: 'gdap',
      until: '2026-12-20T00:00:00Z',
      gdap: ['SOC Readers -> Security Reader'],
    });
    expect(m.cells[0]?.[0]?.plugins).not.toContain('sentinel');
    expect(m.cells[0]?.[1]).toBeNull();
    // Northwind: the assignment's Global Administrator is outside the relationship's roles: no GDAP;
    // Ada's accepted guest with Security Operator reaches Sentinel; Rory's invitation is not accepted.
    expect(m.cells[1]?.[0]).toMatchObject({ path: 'b2b', until: '2027-01-10T00:00:00Z' });
    expect(m.cells[1]?.[0]?.plugins).toContain('sentinel');
    expect(m.cells[1]?.[1]).toMatchObject({ path: 'none', guest: { state: 'pendingAcceptance' } });
  });

  it('filters by analyst, customer, plugin and ending within 30 days, and exports what is shown', () => {
    expect(filterMatrix(m, { endingWithin30Days: true }, now)).toEqual({ analysts: [0, 1], customers: [0] });
    expect(filterMatrix(m, { pluginId: 'sentinel' }, now).customers).toEqual([1]);
    expect(filterMatrix(m, { customer: 'north' }, now).customers).toEqual([1]);
    expect(filterMatrix(m, { analystIds: ['rory'] }, now).analysts).toEqual([1]);
    const csv = matrixToCsv(m, filterMatrix(m, { pluginId: 'sentinel', analystIds: ['ada'] }, now));
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Northwind');
    expect(lines[1]).toContain('B2B guest');
    expect(lines[1]).toContain('Sentinel');
  });
});

describe('GDAP or B2B for a customer, from the plugins it needs', () => {
  it('GDAP where it reaches everything, GDAP plus guests for Sentinel, guests where GDAP reaches nothing', async () => {
    const { pathAdvice } = await import('../../../shared/guests/path-advice');
    expect(
      pathAdvice({ pluginIds: ['intune', 'm365-defender'], hasGdap: true, hasGuests: false }),
    ).toMatchObject({
      recommend: 'gdap',
      missing: [],
    });
    const mixed = pathAdvice({ pluginIds: ['m365-defender', 'sentinel'], hasGdap: true, hasGuests: false });
    expect(mixed.recommend).toBe('gdapPlusGuests');
    expect(mixed.text).toMatch(/^GDAP, plus guest accounts for Sentinel/);
    expect(mixed.missing).toEqual(['guests']);
    const none = pathAdvice({ pluginIds: ['sentinel', 'mdti'], hasGdap: false, hasGuests: true });
    expect(none).toMatchObject({ recommend: 'b2b', missing: [] });
    expect(pathAdvice({ pluginIds: ['entra'], hasGdap: true, hasGuests: true }).needGuests).toEqual([
      'Entra',
    ]);
  });
});

describe('an offboarding step for a partner group, in words', () => {
  it('names the group, says it is one change for every customer it reaches, and names some of them', () => {
    const customers = ['Adatum', 'Fabrikam', 'Litware', 'Northwind Traders', 'Tailspin Toys'];
    expect(describeGroupStep('Ada Analyst', { groupName: 'SOC Analysts', through: [] }, customers)).toBe(
      "Remove Ada Analyst from the partner group “SOC Analysts”: one change that ends Ada Analyst's GDAP access through it in all 5 customers it is mapped to (Adatum, Fabrikam, Litware and 2 more).",
    );
    expect(describeGroupStep('Rory', { groupName: 'Tier 2', through: ['SOC Responders'] }, ['Adatum'])).toBe(
      "Remove Rory from the partner group “Tier 2”, which is nested in “SOC Responders”: one change that ends Rory's GDAP access through it in the 1 customer it is mapped to (Adatum).",
    );
  });
  it('lists up to four names in full, then says how many more', () => {
    expect(someNames([])).toBe('');
    expect(someNames(['A'])).toBe('A');
    expect(someNames(['A', 'B'])).toBe('A and B');
    expect(someNames(['A', 'B', 'C', 'D'])).toBe('A, B, C and D');
    expect(someNames(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
  });
});
