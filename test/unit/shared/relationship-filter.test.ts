import { describe, expect, it } from 'vitest';
import type { RelationshipRow } from '../../../shared/gdap/gdap-contract';
import { matchesRelationship, type RelationshipFilters } from '../../../shared/gdap/relationship-filter';
import { ROLE_IDS } from '../../../shared/gdap/roles';

const NOW = new Date('2026-12-03T06:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();
const rel = (over: Partial<RelationshipRow>): RelationshipRow => ({
  id: 'r',
  displayName: 'Northwind Traders SOC 2',
  status: 'active',
  customerTenantId: '00000000-0000-4000-8000-000000000001',
  customerName: 'Northwind Traders',
  roleIds: [ROLE_IDS.securityOperator, ROLE_IDS.securityReader],
  duration: 'P730D',
  autoExtendDuration: 'PT0S',
  createdDateTime: day(-720),
  activatedDateTime: day(-715),
  endDateTime: day(12),
  etag: null,
  assignedGroups: ['SOC Analysts - Security Reader'],
  ...over,
});
const ANY: RelationshipFilters = {
  text: '',
  status: 'any',
  roleId: 'any',
  ends: 'any',
  autoExtend: 'any',
  globalAdmin: false,
  unassigned: false,
};

describe('the all-relationships filters', () => {
  it('ending within 30 days without auto-extend: the sample ending soon matches, a later one and a renewing one do not', () => {
    const f = { ...ANY, status: 'active', ends: '30', autoExtend: 'no' } as const;
    expect(matchesRelationship(rel({}), f, NOW)).toBe(true);
    expect(matchesRelationship(rel({ endDateTime: day(45) }), f, NOW)).toBe(false);
    expect(matchesRelationship(rel({ autoExtendDuration: 'P180D' }), f, NOW)).toBe(false);
    expect(matchesRelationship(rel({ status: 'terminated' }), f, NOW)).toBe(false);
  });
  it('holds Global Administrator; no group assigned; a role; the name typed in lower case', () => {
    const ga = rel({ roleIds: [ROLE_IDS.securityReader, ROLE_IDS.globalAdministrator] });
    expect(matchesRelationship(ga, { ...ANY, globalAdmin: true }, NOW)).toBe(true);
    expect(matchesRelationship(rel({}), { ...ANY, globalAdmin: true }, NOW)).toBe(false);
    expect(matchesRelationship(rel({ assignedGroups: [] }), { ...ANY, unassigned: true }, NOW)).toBe(true);
    expect(matchesRelationship(rel({}), { ...ANY, unassigned: true }, NOW)).toBe(false);
    expect(
      matchesRelationship(rel({ status: 'expired', assignedGroups: [] }), { ...ANY, unassigned: true }, NOW),
    ).toBe(false);
    expect(matchesRelationship(rel({}), { ...ANY, roleId: ROLE_IDS.securityOperator }, NOW)).toBe(true);
    expect(matchesRelationship(rel({}), { ...ANY, roleId: ROLE_IDS.globalReader }, NOW)).toBe(false);
    expect(matchesRelationship(rel({}), { ...ANY, text: 'traders soc' }, NOW)).toBe(true);
    expect(matchesRelationship(rel({}), { ...ANY, text: 'fabrikam' }, NOW)).toBe(false);
  });
});
