import { describe, expect, it } from 'vitest';
import type { DirectoryRelationship, DirectorySnapshot } from '../../../shared/directory/directory';
import { expiringRelationships, newlyCrossed, thresholdFor } from '../../../shared/gdap/expiring';
import { ROLE_IDS } from '../../../shared/gdap/roles';

const NOW = new Date('2026-12-01T12:00:00Z');
const inDays = (n: number) => new Date(NOW.getTime() + n * 86_400_000 - 3_600_000).toISOString();

function rel(id: string, days: number, over: Partial<DirectoryRelationship> = {}): DirectoryRelationship {
  return {
    id,
    displayName: id,
    status: 'active',
    customerTenantId: '11111111-1111-1111-1111-111111111111',
    customerName: 'Contoso',
    roleIds: [ROLE_IDS.securityReader],
    duration: 'P730D',
    autoExtendDuration: 'PT0S',
    createdDateTime: inDays(-700),
    activatedDateTime: inDays(-700),
    endDateTime: inDays(days),
    etag: null,
    ...over,
  };
}

function snapshot(relationships: DirectoryRelationship[]): DirectorySnapshot {
  return {
    syncedAt: NOW.toISOString(),
    account: 'pat',
    openRelationships: [],
    customers: [
      {
        tenantId: '11111111-1111-1111-1111-111111111111',
        displayName: 'Contoso',
        domain: null,
        relationships,
        assignments: [],
        serviceManagement: [],
        problem: null,
      },
    ],
  };
}

describe('the expiring view', () => {
  it('buckets relationships into 1, 7 and 30 days, soonest first, and leaves out the rest', () => {
    const items = expiringRelationships(
      snapshot([
        rel('r20', 20),
        rel('r0', 1),
        rel('r5', 5),
        rel('r45', 45),
        rel('ended', -2),
        rel('done', 3, { status: 'terminated' }),
      ]),
      NOW,
    );
    expect(items.map((i) => [i.relationship.id, i.threshold])).toEqual([
      ['r0', 1],
      ['r5', 7],
      ['r20', 30],
    ]);
    expect([0, 1, 2, 7, 8, 30, 31].map(thresholdFor)).toEqual([1, 1, 7, 7, 30, 30, null]);
  });

  it('says which will auto-extend and which cannot because of Global Administrator', () => {
    const [extend, blocked] = expiringRelationships(
      snapshot([
        rel('extends', 3, { autoExtendDuration: 'P180D' }),
        rel('ga', 4, { autoExtendDuration: 'P180D', roleIds: [ROLE_IDS.globalAdministrator] }),
      ]),
      NOW,
    );
    expect(extend).toMatchObject({ willAutoExtend: true, blockedByGlobalAdmin: false });
    expect(blocked).toMatchObject({ willAutoExtend: false, blockedByGlobalAdmin: true });
    expect(blocked?.advice).toMatch(/with Global Administrator cannot auto-extend/);
  });

  it('alerts once per threshold crossed, never for ones that will auto-extend', () => {
    const items = expiringRelationships(
      snapshot([rel('a', 20), rel('b', 5), rel('c', 5, { autoExtendDuration: 'P180D' })]),
      NOW,
    );
    expect(newlyCrossed(items, {}).map((i) => i.relationship.id)).toEqual(['b', 'a']);
    expect(newlyCrossed(items, { a: 30, b: 7 })).toEqual([]);
    expect(newlyCrossed(items, { a: 30, b: 30 }).map((i) => i.relationship.id)).toEqual(['b']);
  });
});
