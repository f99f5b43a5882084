/**
 * The customer directory as the last sync saw it in Graph: every GDAP customer with its
 * relationships, their access assignments and service management links. Kept on disk whole, so a
 * restart offline still shows it, with its age.
 */
import type { AccessAssignmentStatus, RelationshipStatus } from '../gdap/gdap';
import { ACCESS_GRANTING_STATUSES, includesGlobalAdministrator, willAutoExtend } from '../gdap/gdap';
import { daysLeft } from '../platform/time';

export interface DirectoryRelationship {
  readonly id: string;
  readonly displayName: string;
  readonly status: RelationshipStatus;
  readonly customerTenantId: string | null;
  readonly customerName: string | null;
  readonly roleIds: ReadonlyArray<string>;
  readonly duration: string;
  readonly autoExtendDuration: string | null;
  readonly createdDateTime: string;
  readonly activatedDateTime: string | null;
  readonly endDateTime: string | null;
  readonly etag: string | null;
}

export interface DirectoryAssignment {
  readonly id: string;
  readonly relationshipId: string;
  readonly status: AccessAssignmentStatus;
  readonly groupId: string;
  /** The partner security group's name, when the sync could read it. */
  readonly groupName: string | null;
  readonly roleIds: ReadonlyArray<string>;
}

export interface ServiceManagementLink {
  readonly serviceName: string;
  readonly url: string;
}

export interface DirectoryCustomer {
  readonly tenantId: string;
  readonly displayName: string;
  /** The tenant's default domain (findTenantInformationByTenantId), when it could be read. */
  readonly domain: string | null;
  readonly relationships: ReadonlyArray<DirectoryRelationship>;
  readonly assignments: ReadonlyArray<DirectoryAssignment>;
  readonly serviceManagement: ReadonlyArray<ServiceManagementLink>;
  /** What went wrong reading this customer's details in the last sync, if anything. */
  readonly problem: string | null;
}

/**
 * The partner user the directory was read as, with every partner group it is in (nested groups
 * counted): which GDAP assignments reach that analyst, so the customers list can say how they reach
 * each customer (shared/customers/customer-directory.ts).
 */
export interface DirectoryReader {
  /** The user's object ID in the partner tenant (what guest accounts are matched to). */
  readonly userId: string;
  readonly groupIds: ReadonlyArray<string>;
}

export interface DirectorySnapshot {
  readonly syncedAt: string;
  /** The partner account the directory was read as. */
  readonly account: string;
  /**
   * That account's user and groups; absent in a directory saved before Switchboard read them, null
   * when the last sync could not read them.
   */
  readonly reader?: DirectoryReader | null;
  readonly customers: ReadonlyArray<DirectoryCustomer>;
  /** Relationships created without a customer tenant (any customer may approve them). */
  readonly openRelationships: ReadonlyArray<DirectoryRelationship>;
}

export const EXPIRY_WARNING_DAYS = 30;

/** A customer's GDAP state at a glance, for the list. */
export interface GdapSummary {
  readonly active: number;
  readonly statuses: ReadonlyArray<RelationshipStatus>;
  /** The nearest end date among relationships that grant access now. */
  readonly nearestEnd: string | null;
  readonly autoExtends: boolean;
  /** Access ends within EXPIRY_WARNING_DAYS and will not auto-extend. */
  readonly endingSoon: boolean;
  readonly includesGlobalAdministrator: boolean;
  /**
   * Relationships grant access but no partner group is assigned to any of them: nobody has access
   * through GDAP yet (an assignment is the next step).
   */
  readonly unassigned: boolean;
}

export function gdapSummary(
  customer: Pick<DirectoryCustomer, 'relationships'> & Partial<Pick<DirectoryCustomer, 'assignments'>>,
  now: Date,
): GdapSummary {
  const granting = customer.relationships.filter((r) => ACCESS_GRANTING_STATUSES.has(r.status));
  const ends = granting
    .map((r) => r.endDateTime)
    .filter((e): e is string => e !== null)
    .sort();
  const nearestEnd = ends[0] ?? null;
  const nearest = granting.find((r) => r.endDateTime === nearestEnd);
  const willExtend = nearest !== undefined && willAutoExtend(nearest);
  const endingSoon = nearestEnd !== null && !willExtend && daysLeft(nearestEnd, now) <= EXPIRY_WARNING_DAYS;
  return {
    active: granting.length,
    statuses: [...new Set(customer.relationships.map((r) => r.status))],
    nearestEnd,
    autoExtends: willExtend,
    endingSoon,
    includesGlobalAdministrator: granting.some((r) =>
      includesGlobalAdministrator(r.roleIds.map((id) => ({ roleDefinitionId: id }))),
    ),
    unassigned:
      customer.assignments !== undefined &&
      granting.length > 0 &&
      !customer.assignments.some(
        (a) =>
          (a.status === 'active' || a.status === 'pending') &&
          granting.some((r) => r.id === a.relationshipId),
      ),
  };
}

/** "as of 10:42, 3 h ago": when the directory was read, for an analyst working offline. */
export function describeAge(syncedAt: string, now: Date, timeZone?: string): string {
  const at = new Date(syncedAt);
  const minutes = Math.max(0, Math.round((now.getTime() - at.getTime()) / 60_000));
  const clock = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  const sameDay = at.toDateString() === now.toDateString() || minutes < 12 * 60;
  const when = sameDay
    ? clock
    : `${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone })} ${clock}`;
  const ago =
    minutes < 1
      ? 'just now'
      : minutes < 60
        ? `${minutes} min ago`
        : minutes < 48 * 60
          ? `${Math.floor(minutes / 60)} h ago`
          : `${Math.floor(minutes / 1440)} days ago`;
  return `as of ${when}, ${ago}`;
}
