/**
 * Queries over the sandbox's world, and the time-driven part of GDAP (approval -> activation,
 * expiry, auto-extend, the 90-day lapse, termination, pending assignments and operations), applied
 * lazily from the sandbox clock whenever the state is read.
 */
import fs from 'node:fs';
import {
  ACCESS_GRANTING_STATUSES,
  durationInDays,
  includesGlobalAdministrator,
} from '../../../shared/gdap/gdap';
import { DAY_MS, type SandboxClock } from '../clock';
import type { AccessAssignment, Group, Relationship, SandboxData, Tenant, User } from './model';

export interface Timings {
  /** From the customer's approval to `active`. */
  readonly activationDelayMs: number;
  /** From a request to terminate to `terminated`. */
  readonly terminationDelayMs: number;
  /**
   * How long a created, updated or deleted access assignment stays pending, and how long a
   * relationship update operation (removing Global Administrator) runs.
   */
  readonly assignmentDelayMs: number;
}

export const DEFAULT_TIMINGS: Timings = {
  activationDelayMs: 3000,
  terminationDelayMs: 3000,
  assignmentDelayMs: 1000,
};

/** Graph's documented rule: unapproved requests lapse after 90 days. */
const APPROVAL_LAPSE_DAYS = 90;
const EXPIRING_WINDOW_DAYS = 30;

export class SandboxState {
  constructor(
    readonly data: SandboxData,
    private readonly clock: SandboxClock,
    readonly timings: Timings = DEFAULT_TIMINGS,
  ) {}

  get partnerTenantId(): string {
    return this.data.partnerTenantId;
  }

  now(): Date {
    return this.clock.now();
  }

  tenant(id: string): Tenant | undefined {
    const lower = id.toLowerCase();
    return this.data.tenants.find((t) => t.id === lower || t.defaultDomain.toLowerCase() === lower);
  }

  user(id: string): User | undefined {
    return this.data.users.find((u) => u.id === id);
  }

  userByName(tenantId: string, upnOrMail: string): User | undefined {
    const lower = upnOrMail.toLowerCase();
    return this.data.users.find(
      (u) =>
        u.tenantId === tenantId &&
        (u.userPrincipalName.toLowerCase() === lower || u.mail?.toLowerCase() === lower),
    );
  }

  group(id: string): Group | undefined {
    return this.data.groups.find((g) => g.id === id);
  }

  /** The groups `principalId` is in, directly or through nested groups. */
  transitiveGroupsOf(principalId: string): ReadonlyArray<Group> {
    const found = new Map<string, Group>();
    const queue = [principalId];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const g of this.data.groups) {
        if (g.members.includes(current) && !found.has(g.id)) {
          found.set(g.id, g);
          queue.push(g.id);
        }
      }
    }
    return [...found.values()];
  }

  /** The directory roles a user holds in its own tenant now (permanent, or a PIM window that is open). */
  activeRoleIds(userId: string): ReadonlyArray<string> {
    const user = this.user(userId);
    if (!user) return [];
    const now = this.clock.nowMs();
    const principals = new Set([userId, ...this.transitiveGroupsOf(userId).map((g) => g.id)]);
    return [
      ...new Set(
        this.data.roleAssignments
          .filter(
            (a) =>
              a.kind === 'active' &&
              a.tenantId === user.tenantId &&
              principals.has(a.principalId) &&
              (a.startDateTime === null || Date.parse(a.startDateTime) <= now) &&
              (a.endDateTime === null || Date.parse(a.endDateTime) > now),
          )
          .map((a) => a.roleDefinitionId),
      ),
    ];
  }

  /**
   * A partner user's GDAP path into a customer tenant: every active relationship with that customer
   * whose active access assignment maps a group the user is in (nested groups count).
   */
  gdapPaths(
    partnerUserId: string,
    customerTenantId: string,
  ): ReadonlyArray<{ relationship: Relationship; assignment: AccessAssignment; group: Group }> {
    this.advance();
    const groups = new Map(this.transitiveGroupsOf(partnerUserId).map((g) => [g.id, g]));
    const paths: Array<{ relationship: Relationship; assignment: AccessAssignment; group: Group }> = [];
    for (const relationship of this.data.relationships) {
      if (
        relationship.customer?.tenantId !== customerTenantId ||
        !ACCESS_GRANTING_STATUSES.has(relationship.status)
      ) {
        continue;
      }
      for (const assignment of this.data.accessAssignments) {
        const group = groups.get(assignment.accessContainer.accessContainerId);
        if (assignment.relationshipId === relationship.id && assignment.status === 'active' && group) {
          paths.push({ relationship, assignment, group });
        }
      }
    }
    return paths;
  }

  /** The roles a GDAP path grants: those of the assignments, within the relationship's roles. */
  gdapRoleIds(partnerUserId: string, customerTenantId: string): ReadonlyArray<string> {
    const roles = new Set<string>();
    for (const { relationship, assignment } of this.gdapPaths(partnerUserId, customerTenantId)) {
      const allowed = new Set(relationship.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId));
      for (const r of assignment.accessDetails.unifiedRoles)
        if (allowed.has(r.roleDefinitionId)) roles.add(r.roleDefinitionId);
    }
    return [...roles];
  }

  /** The guest account standing for `partnerUserId` in a customer tenant, if there is one. */
  guestIn(partnerUserId: string, customerTenantId: string): User | undefined {
    return this.data.users.find(
      (u) => u.tenantId === customerTenantId && u.userType === 'Guest' && u.homeUserId === partnerUserId,
    );
  }

  /** Applies every time-based transition up to the clock's now. Safe to call as often as wanted. */
  advance(): void {
    const now = this.clock.nowMs();
    for (const r of this.data.relationships) advanceRelationship(r, now, this.timings);
    for (const a of this.data.accessAssignments) {
      if (a.settlesAt !== null && Date.parse(a.settlesAt) <= now) {
        if (a.status === 'pending') a.status = 'active';
        else if (a.status === 'deleting') a.status = 'deleted';
        a.lastModifiedDateTime = a.settlesAt;
        a.settlesAt = null;
        a.version++;
      }
    }
    for (const o of this.data.operations) {
      if (o.status !== 'succeeded' && o.status !== 'failed') {
        const done = Date.parse(o.completesAt) <= now;
        const status = done ? 'succeeded' : 'running';
        if (status !== o.status) {
          o.status = status;
          o.lastModifiedDateTime = new Date(Math.min(now, Date.parse(o.completesAt))).toISOString();
          if (status === 'succeeded' && o.operationType === 'delegatedAdminRelationshipUpdate')
            this.applyRelationshipUpdate(o.relationshipId, o.data, o.lastModifiedDateTime);
        }
      }
    }
  }

  /** A relationship update operation's result (removing Global Administrator): its roles as sent. */
  private applyRelationshipUpdate(relationshipId: string, data: string, at: string): void {
    const r = this.data.relationships.find((x) => x.id === relationshipId);
    const roles = (JSON.parse(data) as { accessDetails?: Relationship['accessDetails'] }).accessDetails;
    if (!r || !roles) return;
    r.accessDetails = {
      unifiedRoles: roles.unifiedRoles.map((x) => ({ roleDefinitionId: x.roleDefinitionId })),
    };
    r.lastModifiedDateTime = at;
    r.version++;
  }

  save(file: string): void {
    const temp = `${file}.tmp`;
    // The state holds the automation client's secret: readable by the owner only.
    fs.writeFileSync(temp, JSON.stringify(this.data), { mode: 0o600 });
    fs.renameSync(temp, file);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function advanceRelationship(r: Relationship, now: number, timings: Timings): void {
  // A lockForApproval request is born `created` and has done its work once the relationship left it.
  if (r.status !== 'created') {
    for (const q of r.requests)
      if (q.action === 'lockForApproval' && q.status === 'created') {
        q.status = 'succeeded';
        q.lastModifiedDateTime = r.lockedDateTime ?? q.lastModifiedDateTime;
      }
  }
  const before = r.status;
  if (r.status === 'approvalPending' && r.lockedDateTime !== null) {
    // Unapproved requests lapse after 90 days. UNCONFIRMED: the resulting status; we use `expired`,
    // the conservative reading (access is never granted).
    if (now >= Date.parse(r.lockedDateTime) + APPROVAL_LAPSE_DAYS * DAY_MS) {
      r.status = 'expired';
      r.lastModifiedDateTime = iso(Date.parse(r.lockedDateTime) + APPROVAL_LAPSE_DAYS * DAY_MS);
    }
  }
  if ((r.status === 'approved' || r.status === 'activating') && r.approvedDateTime !== null) {
    const activatedAt = Date.parse(r.approvedDateTime) + timings.activationDelayMs;
    if (now >= activatedAt) {
      r.status = 'active';
      r.activatedDateTime = iso(activatedAt);
      r.endDateTime = iso(activatedAt + (durationInDays(r.duration) ?? 0) * DAY_MS);
      r.lastModifiedDateTime = r.activatedDateTime;
    } else {
      r.status = 'activating';
    }
  }
  if ((r.status === 'active' || r.status === 'expiring') && r.endDateTime !== null) {
    const extendable =
      (durationInDays(r.autoExtendDuration) ?? 0) > 0 &&
      !includesGlobalAdministrator(r.accessDetails.unifiedRoles);
    let end = Date.parse(r.endDateTime);
    // Auto-extend adds 180 days at each end date while it is on (GDAP auto-extend documentation).
    while (extendable && now >= end) end += (durationInDays(r.autoExtendDuration) ?? 0) * DAY_MS;
    if (iso(end) !== r.endDateTime) r.endDateTime = iso(end);
    if (now >= end) {
      r.status = 'expired';
      r.lastModifiedDateTime = iso(end);
    } else {
      // UNCONFIRMED: when Graph reports `expiring`; we use the 30 days before an end that will not
      // auto-extend, matching Partner Center's first expiry notice.
      r.status = !extendable && end - now <= EXPIRING_WINDOW_DAYS * DAY_MS ? 'expiring' : 'active';
    }
  }
  if (
    (r.status === 'terminationRequested' || r.status === 'terminating') &&
    r.terminationRequestedDateTime !== null
  ) {
    const requested = Date.parse(r.terminationRequestedDateTime);
    if (now >= requested + timings.terminationDelayMs) {
      r.status = 'terminated';
      r.lastModifiedDateTime = iso(requested + timings.terminationDelayMs);
      for (const q of r.requests)
        if (q.action === 'terminate' && q.status !== 'succeeded') {
          q.status = 'succeeded';
          q.lastModifiedDateTime = r.lastModifiedDateTime;
        }
    } else if (now >= requested + timings.terminationDelayMs / 2) {
      r.status = 'terminating';
    }
  }
  if (r.status !== before) r.version++;
}
