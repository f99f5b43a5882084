/**
 * GDAP relationships end to end, as the partner admin works them: create from a template with every
 * rule checked before sending, lock for approval and hand over the approval link and message, follow
 * the status, map partner groups to roles (202 operations followed to the end), auto-extend, remove
 * Global Administrator, terminate after a typed confirmation. Every change carries the ETag the user
 * saw (a 412 reloads and says so; nothing is overwritten blindly) and goes through the audit trail.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { approvalLink, approvalMessage } from '../../../shared/gdap/approval-link';
import type { DirectoryAssignment, DirectoryRelationship } from '../../../shared/directory/directory';
import {
  checkRelationshipDraft,
  relationshipRequestBody,
  type RelationshipDraft,
} from '../../../shared/gdap/gdap-draft';
import type {
  ApprovalRequest,
  PartnerGroup,
  PartnerUser,
  RelationshipDetails,
  StatusChange,
} from '../../../shared/gdap/gdap-contract';
import {
  ACCESS_GRANTING_STATUSES,
  accessAssignmentSchema,
  durationInDays,
  GLOBAL_ADMIN_AUTO_EXTEND,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  includesGlobalAdministrator,
  relationshipSchema,
  RELATIONSHIP_LIMITS,
  type AccessAssignment,
  type DelegatedAdminRelationship,
} from '../../../shared/gdap/gdap';
import { roleName } from '../../../shared/gdap/roles';
import type { AuditLog } from '../audit/audit-log';
import type { AccountService } from '../accounts/account-service';
import type { CloudService } from '../platform/cloud/cloud-service';
import type { DirectoryService } from '../directory/directory-service';
import { toDirectoryAssignment, toDirectoryRelationship } from '../directory/read-directory';
import { UserFacingError } from '../platform/errors';
import { CloudFailure, explainFailure, failureSentence } from '../platform/cloud-errors';
import { GDAP_WRITE } from '../platform/command-purposes';
import { createGraphClient, graphGet, graphGetAll } from '../platform/graph/graph-client';
import { GdapFollower } from './gdap-follower';
import { followOperation } from './gdap-operation';
import { graphWrite, isStale, type GraphAnswer, type WriteRequest } from './graph-write';

const BASE = '/tenantRelationships/delegatedAdminRelationships';
const TOP = `$top=${RELATIONSHIP_LIMITS.maxPageSize}`;
/**
 * One customer's relationships. UNCONFIRMED: Graph's docs list `$filter` as supported on
 * delegatedAdminRelationships and CIPP filters on `customer/tenantId`; if a cloud refused it, the
 * read fails with Graph's 400 and says so (nothing is changed on a failed read).
 */
export function relationshipsOfCustomer(tenantId: string): string {
  return `${BASE}?${TOP}&$filter=${encodeURIComponent(`customer/tenantId eq '${tenantId}'`)}`;
}

/** Partner Center's agent groups: they cannot hold GDAP roles (Partner Center refuses them). */
export const RESERVED_GROUP_NAMES: ReadonlyArray<string> = ['AdminAgents', 'HelpdeskAgents', 'SalesAgents'];

const groupSchema = z.object({ id: z.string(), displayName: z.string(), description: z.string().nullish() });
const userSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  userPrincipalName: z.string(),
});
const organizationSchema = z.object({ value: z.array(z.object({ displayName: z.string() })) });

export interface GdapEvents {
  readonly onStatusChange: (change: StatusChange) => void;
}

export interface Session {
  readonly client: Client;
  readonly account: string;
}

export class GdapService {
  private readonly follower: GdapFollower;
  private groupCache: { at: number; groups: PartnerGroup[] } | undefined;

  constructor(
    private readonly accounts: AccountService,
    private readonly cloud: CloudService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly events: GdapEvents,
    followIntervalMs = 3_000,
  ) {
    this.follower = new GdapFollower({
      session: () => this.session(),
      readRelationship: (s, id) => this.readRelationship(s, id),
      readAssignments: (s, id) => this.readAssignments(s, id),
      refresh: (s, r) => this.details(s, r),
      applyRelationship: (r) => this.directory.applyRelationship(r),
      onStatusChange: (change) => this.events.onStatusChange(change),
      intervalMs: followIntervalMs,
    });
  }

  close(): void {
    this.follower.close();
  }

  // --- plumbing ---------------------------------------------------------------------------------

  async session(): Promise<Session> {
    const auth = await this.accounts.status();
    const account = auth.accounts.find((a) => a.homeAccountId === auth.activeAccountId);
    if (!account) throw new UserFacingError('refused', 'Sign in first: open Accounts and choose Sign in.');
    const active = await this.cloud.active();
    const client = createGraphClient(active.profile, active.caPem, () =>
      this.accounts.token('graph', undefined, account.homeAccountId),
    );
    return { client, account: account.username };
  }

  /** Sends a change through the audit trail; Graph's refusal comes back in the user's words. */
  async send(
    s: Session,
    tenantId: string | null,
    action: string,
    request: WriteRequest,
    onStale?: () => Promise<string>,
    /** The target's name, for the audit trail, where the target will be gone (a deletion). */
    targetName?: string,
  ): Promise<GraphAnswer> {
    try {
      return await this.audit.record(
        {
          account: s.account,
          tenantId: tenantId ?? 'none',
          action,
          target: request.path,
          ...(targetName !== undefined ? { targetName } : {}),
          body: request.body,
        },
        () => graphWrite(s.client, request),
      );
    } catch (error) {
      if (isStale(error)) {
        const fresh = onStale ? await onStale() : '';
        throw new UserFacingError(
          'conflict',
          `Someone changed this in the meantime (Graph answered 412: the ETag no longer matches), so nothing was sent over their change. ${fresh}Review the fresh state and decide again.`.replace(
            /\s+/g,
            ' ',
          ),
        );
      }
      // What the failure means for the change: sent and refused, or no answer (maybe made).
      const explanation = explainFailure(error, { needs: GDAP_WRITE });
      if (explanation.kind === 'answered') {
        throw new CloudFailure(
          explanation,
          failureSentence({ ...explanation, next: `Nothing was changed. ${explanation.next}` }),
        );
      }
      if (explanation.kind === 'offline') {
        throw new CloudFailure(
          explanation,
          failureSentence({
            ...explanation,
            next: 'The change may or may not have been made: a retry reads the current state first and does only what is missing.',
          }),
        );
      }
      throw error;
    }
  }

  async readRelationship(s: Session, id: string): Promise<DelegatedAdminRelationship> {
    try {
      return await graphGet(s.client, `${BASE}/${encodeURIComponent(id)}`, relationshipSchema);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404)
        throw new UserFacingError(
          'not_found',
          `There is no relationship ${id} any more. Sync the directory.`,
        );
      throw error;
    }
  }

  async readAssignments(s: Session, relationshipId: string): Promise<AccessAssignment[]> {
    return graphGetAll(
      s.client,
      `${BASE}/${encodeURIComponent(relationshipId)}/accessAssignments?${TOP}`,
      accessAssignmentSchema,
    );
  }

  async partnerGroups(search: string, s?: Session): Promise<PartnerGroup[]> {
    const session = s ?? (await this.session());
    if (!this.groupCache || this.now().getTime() - this.groupCache.at > 60_000) {
      const groups = await graphGetAll(
        session.client,
        '/groups?$select=id,displayName,description&$top=999',
        groupSchema,
      );
      this.groupCache = {
        at: this.now().getTime(),
        groups: groups
          .map((g) => ({
            id: g.id,
            displayName: g.displayName,
            description: g.description ?? null,
            reserved: RESERVED_GROUP_NAMES.some((n) => n.toLowerCase() === g.displayName.toLowerCase()),
          }))
          .sort(
            (a, b) => Number(a.reserved) - Number(b.reserved) || a.displayName.localeCompare(b.displayName),
          ),
      };
    }
    const q = search.trim().toLowerCase();
    return this.groupCache.groups
      .filter((g) => q === '' || g.displayName.toLowerCase().includes(q))
      .slice(0, 100);
  }

  async partnerUsers(search: string): Promise<PartnerUser[]> {
    const s = await this.session();
    const users = await graphGetAll(
      s.client,
      '/users?$select=id,displayName,userPrincipalName&$top=999',
      userSchema,
    );
    const q = search.trim().toLowerCase();
    return users
      .filter(
        (u) =>
          q === '' ||
          (u.displayName ?? '').toLowerCase().includes(q) ||
          u.userPrincipalName.toLowerCase().includes(q),
      )
      .map((u) => ({
        id: u.id,
        displayName: u.displayName ?? u.userPrincipalName,
        userPrincipalName: u.userPrincipalName,
      }))
      .slice(0, 50);
  }

  async details(s: Session, r: DelegatedAdminRelationship): Promise<RelationshipDetails> {
    const rel = toDirectoryRelationship(r);
    let assignments: Array<DirectoryAssignment & { etag: string | null }> = [];
    if (ACCESS_GRANTING_STATUSES.has(r.status)) {
      const names = new Map((await this.partnerGroups('', s)).map((g) => [g.id, g.displayName]));
      assignments = (await this.readAssignments(s, r.id)).map((a) => ({
        ...toDirectoryAssignment(a, r.id, names),
        etag: a['@odata.etag'] ?? null,
      }));
      this.directory.applyRelationship(
        rel,
        assignments.map(({ etag: _etag, ...a }) => a),
      );
    } else {
      this.directory.applyRelationship(rel);
    }
    const link =
      r.status === 'approvalPending' ? approvalLink((await this.cloud.active()).profile, r.id) : undefined;
    return { relationship: rel, assignments, approvalLink: link?.ok ? link.url : null };
  }

  // --- reading ------------------------------------------------------------------------------------

  async relationships(tenantId: string | null): Promise<DirectoryRelationship[]> {
    const s = await this.session();
    const all = await graphGetAll(
      s.client,
      tenantId === null ? `${BASE}?${TOP}` : relationshipsOfCustomer(tenantId),
      relationshipSchema,
    );
    return all.map(toDirectoryRelationship);
  }

  async relationship(id: string): Promise<RelationshipDetails> {
    const s = await this.session();
    return this.details(s, await this.readRelationship(s, id));
  }

  // --- create and approve ---------------------------------------------------------------------------

  async create(draft: RelationshipDraft): Promise<DirectoryRelationship> {
    const s = await this.session();
    const existing = await graphGetAll(
      s.client,
      `${BASE}?${TOP}&$select=id,displayName`,
      z.object({ displayName: z.string() }),
    );
    const issues = checkRelationshipDraft(
      draft,
      existing.map((r) => r.displayName),
    );
    if (issues.length > 0) {
      throw new UserFacingError(
        'invalid_input',
        `Nothing was sent: ${issues.map((i) => i.message).join(' ')}`,
        issues.map((i) => ({ field: i.field, message: i.message })),
      );
    }
    const answer = await this.send(s, draft.customerTenantId, 'relationship.create', {
      method: 'POST',
      path: BASE,
      body: relationshipRequestBody(draft),
    });
    const created = relationshipSchema.safeParse(answer.body);
    if (!created.success)
      throw new UserFacingError(
        'unavailable',
        'Graph created the relationship but answered with data Switchboard does not understand. Sync the directory to see it.',
      );
    const rel = toDirectoryRelationship(created.data);
    this.directory.applyRelationship(rel);
    return rel;
  }

  /** Checks the ETag the user saw against Graph's before an action that takes no If-Match. */
  private async expectEtag(s: Session, id: string, etag: string): Promise<DelegatedAdminRelationship> {
    const current = await this.readRelationship(s, id);
    if (current['@odata.etag'] !== undefined && current['@odata.etag'] !== etag) {
      this.directory.applyRelationship(toDirectoryRelationship(current));
      throw new UserFacingError(
        'conflict',
        `"${current.displayName}" changed since you loaded it (it is now ${current.status}). Nothing was sent. Review the fresh state and decide again.`,
      );
    }
    return current;
  }

  async lock(id: string, etag: string): Promise<ApprovalRequest> {
    const s = await this.session();
    const current = await this.expectEtag(s, id, etag);
    if (current.status !== 'created') {
      throw new UserFacingError(
        'refused',
        `"${current.displayName}" is ${current.status}; only a relationship still in draft (created) can be locked for approval.`,
      );
    }
    await this.send(s, current.customer?.tenantId ?? null, 'relationship.lockForApproval', {
      method: 'POST',
      path: `${BASE}/${encodeURIComponent(id)}/requests`,
      body: { action: 'lockForApproval' },
    });
    this.follow(id, 'approvalPending');
    return this.approvalRequest(id, s);
  }

  async approvalRequest(id: string, session?: Session): Promise<ApprovalRequest> {
    const s = session ?? (await this.session());
    const r = await this.readRelationship(s, id);
    const rel = toDirectoryRelationship(r);
    this.directory.applyRelationship(rel);
    if (r.status !== 'approvalPending') {
      throw new UserFacingError(
        'refused',
        `"${r.displayName}" is ${r.status}: there is nothing for the customer to approve${r.status === 'created' ? ' yet. Lock it for approval first' : ''}.`,
      );
    }
    const profile = (await this.cloud.active()).profile;
    const link = approvalLink(profile, r.id);
    if (!link.ok) throw new UserFacingError('unavailable', link.message);
    const partnerName = await this.partnerName(s);
    this.follow(id, r.status);
    return {
      relationship: rel,
      link: link.url,
      message: approvalMessage({
        partnerName,
        customerName: r.customer?.displayName ?? null,
        link: link.url,
        roleIds: rel.roleIds,
        durationDays: Math.round(durationInDays(r.duration) ?? 0),
        autoExtend: (durationInDays(r.autoExtendDuration ?? 'PT0S') ?? 0) > 0,
        lockedAt: new Date(r.lastModifiedDateTime ?? r.createdDateTime),
      }),
    };
  }

  private async partnerName(s: Session): Promise<string> {
    try {
      return (
        (await graphGet(s.client, '/organization?$select=displayName', organizationSchema)).value[0]
          ?.displayName ?? 'Your partner'
      );
    } catch {
      return 'Your partner';
    }
  }

  // --- keep it right ----------------------------------------------------------------------------------

  private async patchRelationship(
    s: Session,
    id: string,
    etag: string,
    action: string,
    body: Record<string, unknown>,
    tenantId: string | null,
    change?: string,
  ): Promise<DirectoryRelationship> {
    const answer = await this.send(
      s,
      tenantId,
      action,
      { method: 'PATCH', path: `${BASE}/${encodeURIComponent(id)}`, body, ifMatch: etag },
      async () => {
        const fresh = await this.readRelationship(s, id);
        this.directory.applyRelationship(toDirectoryRelationship(fresh));
        return `It is now ${fresh.status}, auto-extend ${(durationInDays(fresh.autoExtendDuration ?? 'PT0S') ?? 0) > 0 ? 'on' : 'off'}, roles: ${fresh.accessDetails.unifiedRoles.map((r) => roleName(r.roleDefinitionId)).join(', ')}. `;
      },
    );
    if (answer.status === 202) {
      // A long-running operation (removing Global Administrator): done only when it succeeds.
      const outcome = await followOperation(s.client, answer, { now: this.now });
      const what = change ?? 'the change';
      if (outcome === 'failed')
        throw new UserFacingError(
          'unavailable',
          `Microsoft reported that it could not finish: ${what}. Nothing changed; open the relationship and try again.`,
        );
      if (outcome === 'stillRunning') {
        this.directory.applyRelationship(toDirectoryRelationship(await this.readRelationship(s, id)));
        throw new UserFacingError(
          'unavailable',
          `Microsoft accepted the change but is still applying it after a minute: ${what}. Open the relationship again in a few minutes to see it done; there is nothing to resend.`,
        );
      }
    }
    const parsed = answer.status === 202 ? undefined : relationshipSchema.safeParse(answer.body);
    const rel = toDirectoryRelationship(parsed?.success ? parsed.data : await this.readRelationship(s, id));
    this.directory.applyRelationship(rel);
    return rel;
  }

  async setAutoExtend(id: string, etag: string, on: boolean): Promise<DirectoryRelationship> {
    const s = await this.session();
    const current = await this.readRelationship(s, id);
    if (on && includesGlobalAdministrator(current.accessDetails.unifiedRoles)) {
      throw new UserFacingError(
        'refused',
        `"${current.displayName}": ${GLOBAL_ADMIN_AUTO_EXTEND.rule} ${GLOBAL_ADMIN_AUTO_EXTEND.relationshipFix}`,
      );
    }
    if (!ACCESS_GRANTING_STATUSES.has(current.status) && current.status !== 'created') {
      throw new UserFacingError(
        'refused',
        `"${current.displayName}" is ${current.status}; auto-extend can be changed on a draft or an active relationship only.`,
      );
    }
    return this.patchRelationship(
      s,
      id,
      etag,
      on ? 'relationship.autoExtend.on' : 'relationship.autoExtend.off',
      { autoExtendDuration: on ? 'P180D' : 'PT0S' },
      current.customer?.tenantId ?? null,
    );
  }

  async removeGlobalAdmin(id: string, etag: string): Promise<DirectoryRelationship> {
    const s = await this.session();
    const current = await this.readRelationship(s, id);
    if (!includesGlobalAdministrator(current.accessDetails.unifiedRoles)) {
      throw new UserFacingError(
        'refused',
        `"${current.displayName}" does not include Global Administrator; nothing to remove.`,
      );
    }
    const rest = current.accessDetails.unifiedRoles.filter(
      (r) => r.roleDefinitionId.toLowerCase() !== GLOBAL_ADMINISTRATOR_ROLE_ID,
    );
    if (rest.length === 0) {
      throw new UserFacingError(
        'refused',
        `Global Administrator is the only role of "${current.displayName}"; a relationship needs at least one role. Create a new relationship with the roles you need instead.`,
      );
    }
    return this.patchRelationship(
      s,
      id,
      etag,
      'relationship.removeGlobalAdministrator',
      { accessDetails: { unifiedRoles: rest } },
      current.customer?.tenantId ?? null,
      `removing Global Administrator from "${current.displayName}"`,
    );
  }

  async terminate(id: string, etag: string, confirmName: string): Promise<DirectoryRelationship> {
    const s = await this.session();
    const current = await this.expectEtag(s, id, etag);
    const expected = current.customer?.displayName ?? current.displayName;
    if (confirmName.trim().toLowerCase() !== expected.trim().toLowerCase()) {
      throw new UserFacingError(
        'invalid_input',
        `To terminate, type the customer's name exactly: "${expected}". Nothing was sent.`,
        [{ field: 'confirmName', message: `Type "${expected}" to confirm.` }],
      );
    }
    if (!ACCESS_GRANTING_STATUSES.has(current.status)) {
      throw new UserFacingError(
        'refused',
        `"${current.displayName}" is ${current.status}; only an active relationship can be terminated.`,
      );
    }
    await this.send(s, current.customer?.tenantId ?? null, 'relationship.terminate', {
      method: 'POST',
      path: `${BASE}/${encodeURIComponent(id)}/requests`,
      body: { action: 'terminate' },
    });
    this.follow(id, 'terminationRequested');
    const rel = toDirectoryRelationship(await this.readRelationship(s, id));
    this.directory.applyRelationship(rel, []);
    return rel;
  }

  /**
   * Deletes a relationship that is still a draft (`created`: not yet locked for approval), as Graph
   * allows with the ETag the user saw (If-Match). A relationship sent to the customer cannot be
   * deleted: it is approved or expires, or (once active) is terminated.
   */
  async deleteRelationship(id: string, etag: string): Promise<DirectoryRelationship> {
    const s = await this.session();
    const current = await this.readRelationship(s, id);
    if (current.status !== 'created') {
      const next =
        current.status === 'approvalPending'
          ? 'It is waiting for the customer’s approval: it can no longer be deleted, and it expires if the customer does not approve it.'
          : ACCESS_GRANTING_STATUSES.has(current.status)
            ? 'Terminate it instead.'
            : 'There is nothing to delete.';
      throw new UserFacingError(
        'refused',
        `"${current.displayName}" is ${current.status}; only a relationship not yet locked for approval (created) can be deleted. ${next}`,
      );
    }
    await this.send(
      s,
      current.customer?.tenantId ?? null,
      'relationship.delete',
      { method: 'DELETE', path: `${BASE}/${encodeURIComponent(id)}`, ifMatch: etag },
      async () => {
        const fresh = await this.readRelationship(s, id);
        this.directory.applyRelationship(toDirectoryRelationship(fresh));
        return `It is now ${fresh.status}. `;
      },
      current.displayName,
    );
    this.directory.removeRelationship(id);
    return toDirectoryRelationship(current);
  }

  // --- following ------------------------------------------------------------------------------------

  /** Follows a relationship's status until it settles, telling the user of each change. */
  follow(id: string, lastStatus: string): void {
    this.follower.follow(id, lastStatus);
  }

  /** Follows an access assignment until Microsoft has applied (or removed) it. */
  settle(relationshipId: string, assignmentId: string): void {
    this.follower.settle(relationshipId, assignmentId);
  }

  /** One round of following now (tests and the benchmark; the follower also runs on its own). */
  poll(): Promise<boolean> {
    return this.follower.poll();
  }
}
