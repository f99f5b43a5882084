import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../shared/customers/customer';
import {
  mergeDirectory,
  reachedPath,
  storedPart,
  type ListedCustomer,
} from '../../../shared/customers/customer-directory';
import { describeReach } from '../../../shared/customers/reach-words';
import type {
  DirectoryCustomer,
  DirectoryReader,
  DirectoryRelationship,
  DirectorySnapshot,
} from '../../../shared/directory/directory';
import { ROLE_IDS } from '../../../shared/gdap/roles';
import type { CustomerGuests, GuestAccount } from '../../../shared/guests/guests';
import type { TenantId } from '../../../shared/platform/tenant-id';

// How each analyst reaches each customer, as the customers list and the switcher say it: from the
// directory (their partner groups, the access assignments) and the guest accounts read, never from the
// hand-set label but where nothing was read.

const NOW = new Date('2026-12-03T00:00:00Z');
const tenant = (n: number) => `20000000-0000-4000-8000-${n.toString().padStart(12, '0')}` as TenantId;
const GDAP_ONLY = tenant(1);
const BOTH = tenant(2);
const PENDING = tenant(3);
const ENDED = tenant(4);
const UNASSIGNED = tenant(5);
const GUEST_ONLY = tenant(6);
const EXPIRED_ROLE = tenant(7);
const HAND_B2B = tenant(8);

const ADA: DirectoryReader = { userId: 'ada', groupIds: ['g-readers', 'g-everyone'] };
// Rory is in "Tier 2", nested in "Responders": transitiveMemberOf gives both.
const RORY: DirectoryReader = { userId: 'rory', groupIds: ['g-tier2', 'g-responders'] };
const SAM: DirectoryReader = { userId: 'sam', groupIds: ['g-helpdesk'] };

function relationship(
  id: string,
  tenantId: string,
  status: DirectoryRelationship['status'],
): DirectoryRelationship {
  return {
    id,
    displayName: id,
    status,
    customerTenantId: tenantId,
    customerName: tenantId,
    roleIds: [ROLE_IDS.securityReader, ROLE_IDS.securityOperator],
    duration: 'P730D',
    autoExtendDuration: 'PT0S',
    createdDateTime: '2025-01-01T00:00:00Z',
    activatedDateTime: '2025-01-01T00:00:00Z',
    endDateTime: status === 'active' ? '2027-01-01T00:00:00Z' : '2026-01-01T00:00:00Z',
    etag: null,
  };
}

function gdapCustomer(
  tenantId: string,
  displayName: string,
  status: DirectoryRelationship['status'] | null,
  assignments: Array<[groupId: string, groupName: string, roleId: string]>,
): DirectoryCustomer {
  const r = status === null ? [] : [relationship(`r-${displayName}`, tenantId, status)];
  return {
    tenantId,
    displayName,
    domain: null,
    serviceManagement: [],
    problem: null,
    relationships: r,
    assignments: assignments.map(([groupId, groupName, roleId], i) => ({
      id: `a-${displayName}-${i}`,
      relationshipId: `r-${displayName}`,
      status: 'active' as const,
      groupId,
      groupName,
      roleIds: [roleId],
    })),
  };
}

const customers: DirectoryCustomer[] = [
  gdapCustomer(GDAP_ONLY, 'Adatum', 'active', [
    ['g-readers', 'SOC Analysts - Security Reader', ROLE_IDS.securityReader],
    ['g-responders', 'SOC Responders - Security Operator', ROLE_IDS.securityOperator],
  ]),
  gdapCustomer(BOTH, 'Bellows', 'active', [
    ['g-readers', 'SOC Analysts - Security Reader', ROLE_IDS.securityReader],
  ]),
  // GDAP for Pat's admin agents only; Rory is invited as a guest and has not accepted.
  gdapCustomer(PENDING, 'Coho', 'active', [['g-admins', 'AdminAgents', ROLE_IDS.userAdministrator]]),
  // The relationship ended: its assignment grants nothing.
  gdapCustomer(ENDED, 'Datum', 'expired', [
    ['g-readers', 'SOC Analysts - Security Reader', ROLE_IDS.securityReader],
  ]),
  // Active, but no partner group assigned yet.
  gdapCustomer(UNASSIGNED, 'Epsilon', 'active', []),
  gdapCustomer(GUEST_ONLY, 'Fourth Coffee', null, []),
  gdapCustomer(EXPIRED_ROLE, 'Graphic Design', null, []),
];

function guest(
  partnerUserId: string,
  state: GuestAccount['state'],
  roles: GuestAccount['roles'],
): GuestAccount {
  return {
    id: `guest-${partnerUserId}`,
    displayName: partnerUserId,
    email: `${partnerUserId}@contosomssp.onmicrosoft.com`,
    partnerUserId,
    state,
    since: '2026-11-01T00:00:00Z',
    roles,
  };
}

function read(tenantId: string, guests: GuestAccount[]): [string, CustomerGuests] {
  return [
    tenantId,
    {
      tenantId,
      readAt: '2026-12-02T10:00:00Z',
      guests,
      permissions: { invite: false, assignRoles: false, removeGuests: false },
      redirectUrl: `https://securitycopilot.microsoft.com/?tenantId=${tenantId}`,
    },
  ];
}

const reader = { role: 'securityReader', kind: 'permanent', endDateTime: null } as const;
const guests = new Map<string, CustomerGuests>([
  read(GDAP_ONLY, []),
  read(BOTH, [guest('ada', 'accepted', [reader])]),
  read(PENDING, [guest('rory', 'pendingAcceptance', [reader])]),
  read(GUEST_ONLY, [
    guest('ada', 'accepted', [
      { role: 'securityOperator', kind: 'active', endDateTime: '2027-02-01T00:00:00Z' },
    ]),
    guest('rory', 'accepted', [reader]),
  ]),
  // Ada's role there ended in November: an accepted guest without a role reaches nothing.
  read(EXPIRED_ROLE, [
    guest('ada', 'accepted', [
      { role: 'securityReader', kind: 'active', endDateTime: '2026-11-15T00:00:00Z' },
    ]),
  ]),
]);
const redeemLinks = new Map([[`${PENDING}/guest-rory`, 'https://login.microsoftonline.com/redeem?rd=x']]);

const handAdded: Customer = {
  tenantId: HAND_B2B,
  displayName: 'Hand-added Ltd',
  accessPath: 'b2b',
  tags: [],
  notes: '',
  source: 'manual',
  addedAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  favourite: false,
  lastLaunchedAt: null,
};

function listFor(who: DirectoryReader | null | undefined, facts = { guests, redeemLinks }) {
  const snapshot: DirectorySnapshot = {
    syncedAt: NOW.toISOString(),
    account: 'someone',
    customers,
    openRelationships: [],
    ...(who === undefined ? {} : { reader: who }),
  };
  const list = mergeDirectory([handAdded], snapshot, NOW, facts);
  const byName = new Map(list.map((c) => [c.displayName, c]));
  return (name: string): ListedCustomer => {
    const found = byName.get(name);
    if (!found) throw new Error(`${name} is not listed`);
    return found;
  };
}

const kind = (c: ListedCustomer) => describeReach(c).kind;

describe('how each analyst reaches each customer', () => {
  it('GDAP only: through which group and role', () => {
    const ada = listFor(ADA)('Adatum');
    expect(ada.reach).toMatchObject({ path: 'gdap', byHand: false, pending: false, guest: null });
    expect(ada.reach?.gdap).toEqual(['SOC Analysts - Security Reader → Security Reader']);
    expect(describeReach(ada)).toMatchObject({
      kind: 'gdap',
      label: 'via GDAP',
      detail: 'SOC Analysts - Security Reader → Security Reader',
    });
    // Rory's group is nested: transitive membership counts.
    expect(listFor(RORY)('Adatum').reach?.gdap).toEqual([
      'SOC Responders - Security Operator → Security Operator',
    ]);
    // Sam's groups have no assignment there.
    expect(kind(listFor(SAM)('Adatum'))).toBe('none');
  });

  it('GDAP and an accepted guest account: both', () => {
    const ada = listFor(ADA)('Bellows');
    expect(ada.reach).toMatchObject({ path: 'both', guest: { state: 'accepted' } });
    expect(describeReach(ada)).toMatchObject({
      label: 'GDAP + guest',
      detail: 'SOC Analysts - Security Reader → Security Reader; guest: Security Reader',
    });
  });

  it('only a guest invitation not accepted yet: accept it first, with the link Switchboard got', () => {
    const rory = listFor(RORY)('Coho');
    expect(rory.reach).toMatchObject({
      path: 'none',
      pending: true,
      guest: { state: 'pendingAcceptance', redeemUrl: 'https://login.microsoftonline.com/redeem?rd=x' },
    });
    expect(describeReach(rory)).toMatchObject({ kind: 'pending', label: 'accept invite first' });
    // Ada has nothing there at all; Pat's admin agents' GDAP is not hers.
    expect(listFor(ADA)('Coho').reach).toMatchObject({ path: 'none', pending: false, guest: null, gdap: [] });
  });

  it('a guest account only: as guest, with its role and until when', () => {
    const ada = listFor(ADA)('Fourth Coffee');
    expect(ada.reach).toMatchObject({ path: 'b2b', until: '2027-02-01T00:00:00Z' });
    expect(describeReach(ada)).toMatchObject({
      kind: 'b2b',
      label: 'as guest',
      detail: 'Guest: Security Operator',
    });
    expect(describeReach(listFor(RORY)('Fourth Coffee')).detail).toBe('Guest: Security Reader');
  });

  it('none: a relationship that ended, no group assigned, a guest whose role ended, nothing at all', () => {
    const ada = listFor(ADA);
    expect(kind(ada('Datum'))).toBe('none');
    expect(kind(ada('Epsilon'))).toBe('none');
    expect(describeReach(ada('Epsilon')).label).toBe('no access');
    expect(describeReach(ada('Graphic Design'))).toMatchObject({
      kind: 'none',
      detail: 'Guest account without a role',
    });
    expect(ada('Graphic Design').reach?.guest?.roles).toEqual([]);
    expect(kind(listFor(SAM)('Fourth Coffee'))).toBe('none');
  });

  it('a side not read yet: the hand-set label stands in, said to be set by hand', () => {
    // Datum's guests were never read and nothing claims a guest account: no access, guests not read.
    expect(describeReach(listFor(ADA)('Datum'))).toMatchObject({
      detail: 'No GDAP group of yours',
      sentence: 'No GDAP group of yours has roles in Datum. Its guest accounts were not read yet.',
    });
    expect(describeReach(listFor(ADA)('Adatum')).sentence).toBe(
      'You reach Adatum through GDAP: SOC Analysts - Security Reader → Security Reader.',
    );
    // The hand-added B2B customer: no GDAP path (not in the directory), its guests not read.
    const hand = listFor(ADA)('Hand-added Ltd');
    expect(hand.reach).toMatchObject({ path: 'b2b', byHand: true });
    expect(describeReach(hand)).toMatchObject({ kind: 'b2b', label: 'as guest (set by hand)', byHand: true });
    // Once its guests are read and Ada has none there, the fact replaces the label.
    const readNow = listFor(ADA, { guests: new Map([...guests, read(HAND_B2B, [])]), redeemLinks })(
      'Hand-added Ltd',
    );
    expect(readNow.reach).toMatchObject({ path: 'none', byHand: false });
    expect(readNow.accessPath).toBe('b2b');
  });

  it('before a sync read the analyst’s groups, the hand-set label is all there is, and says so', () => {
    for (const who of [undefined, null]) {
      const list = listFor(who);
      expect(list('Adatum').reach).toBeNull();
      expect(list('Hand-added Ltd').reach).toBeNull();
      expect(describeReach(list('Hand-added Ltd'))).toMatchObject({
        kind: 'b2b',
        label: 'as guest (set by hand)',
        detail: 'Not read yet: sync to check',
      });
      expect(reachedPath(list('Hand-added Ltd'))).toBe('b2b');
      // A customer found in GDAP has no label: the partner's GDAP, and a word to sync again.
      expect(describeReach(list('Adatum'))).toMatchObject({ kind: 'gdap', byHand: false });
      expect(describeReach(list('Adatum')).detail).toMatch(/sync again/);
    }
  });

  it('keeps the facts out of what customers.json stores', () => {
    const listed = listFor(ADA)('Hand-added Ltd');
    expect(storedPart(listed)).toEqual(handAdded);
  });
});
