/**
 * B2B guest accounts of the partner's analysts in customer tenants, through the Graph SDK with a
 * token for the customer tenant (the GDAP path, or the signed-in user's own guest account there):
 * read them with their state and directory roles, invite, grant Security Reader or Security Operator
 * (permanent, or PIM-bound: active or eligible until a date), extend, remove a role, remove the guest.
 * What the partner may do there comes from the roles its GDAP path grants (the last directory sync
 * and the signed-in user's groups), and is checked before anything is sent. Offboarding also removes
 * the analyst from the partner groups GDAP access assignments map (in the partner tenant, with
 * GroupMember.ReadWrite.All asked for when first needed). Every change goes through the audit trail
 * (main/core/audit/audit-log.ts) with the state before and after it.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { DirectorySnapshot } from '../../../shared/directory/directory';
import { ACCESS_GRANTING_STATUSES } from '../../../shared/gdap/gdap';
import { ROLE_IDS } from '../../../shared/gdap/roles';
import {
  checkGrantEnd,
  describeGrant,
  describeGroupAddStep,
  describeGroupStep,
  GUEST_ROLE_IDS,
  GUEST_ROLE_LABELS,
  guestRoleOf,
  type CustomerGuests,
  type GuestAccount,
  type GuestPermissions,
  type GuestRole,
  type GuestRoleGrant,
  type Grant,
  type InviteResult,
  type OffboardGroup,
  type OffboardGroupResult,
  type OffboardPlan,
  type OffboardResult,
  type OffboardResults,
  type OnboardGroup,
  type OnboardItem,
  type OnboardPlan,
  type OnboardResult,
  type OnboardResults,
} from '../../../shared/guests/guests';
import { securityCopilotUrl } from '../../../shared/launch/launch-url';
import type { TenantId } from '../../../shared/platform/tenant-id';
import type { CloudProfile } from '../../../shared/platform/cloud-profile';
import type { MatrixAnalyst } from '../../../shared/guests/access-matrix';
import type { AccountService } from '../accounts/account-service';
import type { AuditLog } from '../audit/audit-log';
import { graphWrite, type GraphAnswer, type WriteRequest } from '../gdap/graph-write';
import type { CloudService } from '../platform/cloud/cloud-service';
import { describeFailure } from '../platform/cloud-errors';
import { GROUP_MEMBERS_ADD, GROUP_MEMBERS_WRITE } from '../platform/command-purposes';
import { UserFacingError } from '../platform/errors';
import { createGraphClient, graphGet, graphGetAll } from '../platform/graph/graph-client';

const RM = '/roleManagement/directory';
const INVITING_ROLES = [ROLE_IDS.globalAdministrator, ROLE_IDS.userAdministrator, ROLE_IDS.guestInviter];
const ROLE_ASSIGNING_ROLES = [ROLE_IDS.globalAdministrator, ROLE_IDS.privilegedRoleAdministrator];
const GUEST_REMOVING_ROLES = [ROLE_IDS.globalAdministrator, ROLE_IDS.userAdministrator];

const guestUserSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string(),
  externalUserState: z.string().nullish(),
  externalUserStateChangeDateTime: z.string().nullish(),
  createdDateTime: z.string().nullish(),
});
const partnerUserSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  userPrincipalName: z.string(),
  mail: z.string().nullish(),
});
const scheduleSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  scheduleInfo: z
    .object({
      expiration: z.object({ type: z.string().nullish(), endDateTime: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
const invitationSchema = z.object({
  inviteRedeemUrl: z.string().nullish(),
  status: z.string().nullish(),
  invitedUser: z.object({ id: z.string() }),
});

export interface PartnerDirectoryUser {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly mail: string | null;
}

interface Home {
  readonly client: Client;
  readonly account: string;
  readonly homeAccountId: string;
  readonly homeTenantId: string;
}

export interface GuestServiceDependencies {
  readonly accounts: AccountService;
  readonly cloud: CloudService;
  readonly audit: AuditLog;
  /** The last directory sync: which GDAP roles reach which customer through which partner groups. */
  readonly snapshot: () => DirectorySnapshot | null;
  readonly now: () => Date;
  /** Called after every read or change of a customer's guests (the access matrix keeps them). */
  readonly onGuests?: (guests: CustomerGuests) => void;
  /** Called for each Graph read sent (the benchmark counts them). */
  readonly onGraphRequest?: () => void;
}

export interface InviteInput {
  readonly tenantId: string;
  readonly email: string;
  readonly displayName?: string;
  readonly message?: string;
  readonly role?: GuestRole;
  readonly grant?: Grant;
}

/** A role change: assign (or extend) one role to a guest, or remove it. */
export interface RoleInput {
  readonly tenantId: string;
  readonly guestId: string;
  readonly role: GuestRole;
  readonly grant: Grant;
}

export class GuestService {
  private partnerCache: { at: number; users: PartnerDirectoryUser[] } | undefined;
  private groupCache: { at: number; account: string; groupIds: Set<string> } | undefined;
  private readonly known = new Map<string, CustomerGuests>();
  /** The links to accept the invitations sent since Switchboard started, by `${tenantId}/${guestId}`. */
  private readonly redeemLinks = new Map<string, string>();

  private readonly reads: { onRequest?: () => void };

  constructor(private readonly deps: GuestServiceDependencies) {
    this.reads = { onRequest: deps.onGraphRequest };
  }

  // --- plumbing -------------------------------------------------------------------------------------

  private async home(): Promise<Home> {
    const auth = await this.deps.accounts.status();
    const account = auth.accounts.find((a) => a.homeAccountId === auth.activeAccountId);
    if (!account) throw new UserFacingError('refused', 'Sign in first: open Accounts and choose Sign in.');
    const active = await this.deps.cloud.active();
    const client = createGraphClient(active.profile, active.caPem, () =>
      this.deps.accounts.token('graph', undefined, account.homeAccountId),
    );
    return {
      client,
      account: account.username,
      homeAccountId: account.homeAccountId,
      homeTenantId: account.tenantId.toLowerCase(),
    };
  }

  /** A Graph client with a token for the customer tenant, as the signed-in partner user. */
  private async customerClient(home: Home, tenantId: string): Promise<Client> {
    if (tenantId.toLowerCase() === home.homeTenantId) {
      throw new UserFacingError(
        'refused',
        'That is your own partner tenant: your analysts are members there, not guests. Choose a customer.',
      );
    }
    const active = await this.deps.cloud.active();
    return createGraphClient(active.profile, active.caPem, () =>
      this.deps.accounts.token('graph', tenantId as TenantId, home.homeAccountId),
    );
  }

  private customerName(tenantId: string): string {
    return (
      this.deps.snapshot()?.customers.find((c) => c.tenantId === tenantId)?.displayName ?? 'this customer'
    );
  }

  /** The partner tenant's users (cached for a minute): guests are matched to them by address. */
  async partnerUsers(home?: Home): Promise<PartnerDirectoryUser[]> {
    const h = home ?? (await this.home());
    if (!this.partnerCache || this.deps.now().getTime() - this.partnerCache.at > 60_000) {
      const users = await graphGetAll(
        h.client,
        '/users?$select=id,displayName,userPrincipalName,mail&$top=999',
        partnerUserSchema,
        this.reads,
      );
      this.partnerCache = {
        at: this.deps.now().getTime(),
        users: users.map((u) => ({
          id: u.id,
          displayName: u.displayName ?? u.userPrincipalName,
          userPrincipalName: u.userPrincipalName,
          mail: u.mail ?? null,
        })),
      };
    }
    return this.partnerCache.users;
  }

  /** The signed-in user's partner groups, nested ones included (cached for a minute). */
  private async myGroups(home: Home): Promise<Set<string>> {
    const fresh =
      this.groupCache &&
      this.groupCache.account === home.homeAccountId &&
      this.deps.now().getTime() - this.groupCache.at <= 60_000;
    if (!fresh) {
      const me = await graphGet(home.client, '/me?$select=id', z.object({ id: z.string() }), this.reads);
      const groups = await graphGetAll(
        home.client,
        `/users/${encodeURIComponent(me.id)}/transitiveMemberOf?$select=id&$top=999`,
        z.object({ id: z.string() }),
        this.reads,
      );
      this.groupCache = {
        at: this.deps.now().getTime(),
        account: home.homeAccountId,
        groupIds: new Set(groups.map((g) => g.id)),
      };
    }
    return (this.groupCache as { groupIds: Set<string> }).groupIds;
  }

  /** The directory roles the signed-in user holds in a customer through GDAP, from the last sync. */
  private async gdapRoles(home: Home, tenantId: string): Promise<Set<string>> {
    const customer = this.deps.snapshot()?.customers.find((c) => c.tenantId === tenantId);
    if (!customer) return new Set();
    const groups = await this.myGroups(home);
    const roles = new Set<string>();
    for (const r of customer.relationships.filter((x) => ACCESS_GRANTING_STATUSES.has(x.status))) {
      const allowed = new Set(r.roleIds.map((id) => id.toLowerCase()));
      for (const a of customer.assignments)
        if (a.relationshipId === r.id && a.status === 'active' && groups.has(a.groupId))
          for (const id of a.roleIds) if (allowed.has(id.toLowerCase())) roles.add(id.toLowerCase());
    }
    return roles;
  }

  private async permissions(home: Home, tenantId: string): Promise<GuestPermissions> {
    const roles = await this.gdapRoles(home, tenantId);
    const any = (ids: ReadonlyArray<string>) => ids.some((id) => roles.has(id));
    return {
      invite: any(INVITING_ROLES),
      assignRoles: any(ROLE_ASSIGNING_ROLES),
      removeGuests: any(GUEST_REMOVING_ROLES),
    };
  }

  private async redirectUrl(tenantId: string): Promise<string> {
    const url = securityCopilotUrl((await this.deps.cloud.active()).profile, tenantId as TenantId);
    if (!url.ok) throw new UserFacingError('unavailable', url.message);
    return url.url;
  }

  /** Sends a change through the audit trail; Graph's refusal comes back in the user's words. */
  private async send(
    home: Home,
    client: Client,
    tenantId: string,
    action: string,
    request: WriteRequest,
    states: { before: unknown; after: unknown },
  ): Promise<GraphAnswer> {
    return this.deps.audit.record(
      { account: home.account, tenantId, action, body: { request: request.body ?? null, ...states } },
      () => graphWrite(client, request),
    );
  }

  private refusedByGraph(error: unknown, what: string, tenantId: string): never {
    if (error instanceof GraphError && error.statusCode === 403) {
      throw new UserFacingError(
        'refused',
        `Microsoft refused to ${what} in ${this.customerName(tenantId)}: your access there does not include the role it needs. Nothing was changed. Ask the customer's administrator instead.`,
      );
    }
    throw error;
  }

  // --- reading --------------------------------------------------------------------------------------

  /** The partner's analysts as guests in one customer, read fresh from Graph. */
  async list(tenantId: string, session?: { home: Home; client: Client }): Promise<CustomerGuests> {
    const home = session?.home ?? (await this.home());
    const client = session?.client ?? (await this.customerClient(home, tenantId));
    const [partners, users, active, eligible, permissions, redirectUrl] = await Promise.all([
      this.partnerUsers(home),
      graphGetAll(
        client,
        `/users?$filter=${encodeURIComponent("userType eq 'Guest'")}&$select=id,displayName,mail,userPrincipalName,externalUserState,externalUserStateChangeDateTime,createdDateTime&$top=999`,
        guestUserSchema,
        this.reads,
      ),
      graphGetAll(client, `${RM}/roleAssignmentSchedules`, scheduleSchema, this.reads),
      graphGetAll(client, `${RM}/roleEligibilitySchedules`, scheduleSchema, this.reads),
      this.permissions(home, tenantId),
      this.redirectUrl(tenantId),
    ]);
    const byAddress = new Map<string, PartnerDirectoryUser>();
    for (const p of partners) {
      byAddress.set(p.userPrincipalName.toLowerCase(), p);
      if (p.mail) byAddress.set(p.mail.toLowerCase(), p);
    }
    const grantsOf = (principalId: string): GuestRoleGrant[] => {
      const grants: GuestRoleGrant[] = [];
      for (const [list, eligibleList] of [
        [active, false],
        [eligible, true],
      ] as const) {
        for (const s of list) {
          const role = guestRoleOf(s.roleDefinitionId);
          if (s.principalId !== principalId || role === undefined) continue;
          const end = s.scheduleInfo?.expiration?.endDateTime ?? null;
          grants.push({
            role,
            kind: eligibleList ? 'eligible' : end === null ? 'permanent' : 'active',
            endDateTime: end,
          });
        }
      }
      return grants;
    };
    const guests: GuestAccount[] = [];
    for (const u of users) {
      const email = (u.mail ?? '').toLowerCase();
      const partner = byAddress.get(email);
      if (!partner) continue;
      guests.push({
        id: u.id,
        displayName: u.displayName ?? partner.displayName,
        email: u.mail ?? partner.userPrincipalName,
        partnerUserId: partner.id,
        state: u.externalUserState === 'Accepted' ? 'accepted' : 'pendingAcceptance',
        since: u.externalUserStateChangeDateTime ?? u.createdDateTime ?? null,
        roles: grantsOf(u.id),
      });
    }
    guests.sort((a, b) => a.displayName.localeCompare(b.displayName));
    const result: CustomerGuests = {
      tenantId,
      readAt: this.deps.now().toISOString(),
      guests,
      permissions,
      redirectUrl,
    };
    this.known.set(tenantId, result);
    this.deps.onGuests?.(result);
    return result;
  }

  /** The guests last read for each customer (the access matrix builds on them). */
  knownGuests(): ReadonlyMap<string, CustomerGuests> {
    return this.known;
  }

  /** The links to accept the invitations sent since Switchboard started (the switcher offers them). */
  knownRedeemLinks(): ReadonlyMap<string, string> {
    return this.redeemLinks;
  }

  /**
   * The partner's users with the groups they are in, for the groups GDAP assignments name: one read
   * of the users and one of each group's members (nested included), not one per user.
   */
  async analysts(groupIds: ReadonlyArray<string>): Promise<Array<MatrixAnalyst & { groupIds: string[] }>> {
    const home = await this.home();
    const users = await this.partnerUsers(home);
    const groupsOf = new Map<string, string[]>(users.map((u) => [u.id, []]));
    const members = z.object({ id: z.string(), '@odata.type': z.string().optional() });
    await eachLimited([...new Set(groupIds)], 8, async (groupId) => {
      const list = await graphGetAll(
        home.client,
        `/groups/${encodeURIComponent(groupId)}/transitiveMembers?$select=id&$top=999`,
        members,
        this.reads,
      ).catch(() => []);
      for (const m of list) groupsOf.get(m.id)?.push(groupId);
    });
    return users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      userPrincipalName: u.userPrincipalName,
      groupIds: groupsOf.get(u.id) ?? [],
    }));
  }

  /**
   * Reads the guests of many customers, a few at once, with progress. A customer that cannot be read
   * (no path in, no right to read its users) keeps what was known of it and is counted as a problem.
   */
  async readAll(
    tenantIds: ReadonlyArray<string>,
    onProgress: (done: number, total: number) => void,
    concurrency = 8,
  ): Promise<{ read: number; problems: Array<{ tenantId: string; message: string }> }> {
    const home = await this.home();
    let done = 0;
    let read = 0;
    const problems: Array<{ tenantId: string; message: string }> = [];
    await eachLimited(tenantIds, concurrency, async (tenantId) => {
      try {
        // The token first: a customer without a way in costs one refused token, no Graph requests.
        await this.deps.accounts.token('graph', tenantId as TenantId, home.homeAccountId);
        await this.list(tenantId, { home, client: await this.customerClient(home, tenantId) });
        read++;
      } catch (error) {
        problems.push({ tenantId, message: error instanceof Error ? error.message : String(error) });
      }
      onProgress(++done, tenantIds.length);
    });
    return { read, problems };
  }

  // --- offboarding -----------------------------------------------------------------------------------

  /**
   * Everything that gives one analyst access: their guest account in every customer (read fresh,
   * with progress) and the partner groups they are in that GDAP assignments map.
   */
  async offboardPlan(
    partnerUserId: string,
    onProgress: (done: number, total: number) => void,
  ): Promise<OffboardPlan> {
    const home = await this.home();
    const user = (await this.partnerUsers(home)).find((u) => u.id === partnerUserId);
    if (!user)
      throw new UserFacingError(
        'not_found',
        `There is no user ${partnerUserId} in your partner tenant. Pick the analyst again.`,
      );
    const snapshot = this.deps.snapshot();
    const tenantIds = [
      ...new Set([...(snapshot?.customers ?? []).map((c) => c.tenantId), ...this.known.keys()]),
    ];
    const { problems } = await this.readAll(tenantIds, onProgress);
    const items = [...this.known.values()].flatMap((g) =>
      g.guests
        .filter((x) => x.partnerUserId === partnerUserId)
        .map((x) => ({
          tenantId: g.tenantId,
          customerName: this.customerName(g.tenantId),
          guestId: x.id,
          detail: `Guest account (${x.state === 'accepted' ? 'accepted' : 'not accepted yet'})${x.roles.length > 0 ? ` with ${x.roles.map((r) => describeGrant(r)).join('; ')}` : ''}`,
          possible: g.permissions.removeGuests,
          reason: g.permissions.removeGuests
            ? null
            : "Your GDAP roles there include neither User Administrator nor Global Administrator: ask the customer's administrator to remove it.",
        })),
    );
    items.sort((a, b) => a.customerName.localeCompare(b.customerName));
    return {
      partnerUserId,
      displayName: user.displayName,
      items,
      groups: await this.groupSteps(home, user, snapshot),
      unread: problems.map((p) => ({ ...p, customerName: this.customerName(p.tenantId) })),
    };
  }

  /**
   * The partner group memberships that give `user` GDAP access, one step per group the user is a
   * direct member of: a group GDAP maps, or a group nested in one (found by reading the mapped
   * groups' members down the nesting, each group once). Each names every customer it reaches.
   */
  private async groupSteps(
    home: Home,
    user: PartnerDirectoryUser,
    snapshot: DirectorySnapshot | null,
  ): Promise<OffboardGroup[]> {
    const mapped = mappedGroups(snapshot);
    const mine = new Set(
      (await this.analysts([...mapped.keys()])).find((a) => a.id === user.id)?.groupIds ?? [],
    );
    const memberSchema = z.object({ id: z.string(), '@odata.type': z.string().optional() });
    const read = new Map<string, Promise<Array<z.infer<typeof memberSchema>>>>();
    const membersOf = (groupId: string) => {
      let members = read.get(groupId);
      if (!members) {
        members = graphGetAll(
          home.client,
          `/groups/${encodeURIComponent(groupId)}/members?$select=id&$top=999`,
          memberSchema,
          this.reads,
        );
        read.set(groupId, members);
      }
      return members;
    };
    const names = new Map<string, string>([...mapped].map(([id, m]) => [id, m.name]));
    // Direct group -> the mapped groups the user reaches through it.
    const direct = new Map<string, Set<string>>();
    for (const groupId of [...mapped.keys()].filter((id) => mine.has(id))) {
      const seen = new Set<string>([groupId]);
      const queue = [groupId];
      while (queue.length > 0) {
        const current = queue.shift() as string;
        for (const m of await membersOf(current)) {
          if (m.id === user.id) direct.set(current, (direct.get(current) ?? new Set()).add(groupId));
          else if (m['@odata.type'] === '#microsoft.graph.group' && !seen.has(m.id)) {
            seen.add(m.id);
            queue.push(m.id);
          }
        }
      }
    }
    const unnamed = [...direct.keys()].filter((id) => !names.has(id));
    await eachLimited(unnamed, 8, async (id) => {
      const g = await graphGet(
        home.client,
        `/groups/${encodeURIComponent(id)}?$select=id,displayName`,
        z.object({ id: z.string(), displayName: z.string().nullish() }),
        this.reads,
      ).catch(() => undefined);
      names.set(id, g?.displayName ?? id);
    });
    const steps = [...direct].map(([groupId, through]): OffboardGroup => {
      const customers = new Map<string, string>();
      for (const m of through)
        for (const [tenantId, name] of mapped.get(m)?.customers ?? []) customers.set(tenantId, name);
      const sorted = [...customers].sort((a, b) => a[1].localeCompare(b[1]));
      const step = {
        groupId,
        groupName: names.get(groupId) ?? groupId,
        through: [...through]
          .filter((m) => m !== groupId)
          .map((m) => names.get(m) ?? m)
          .sort(),
        customers: sorted.map(([, name]) => name),
        tenantIds: sorted.map(([tenantId]) => tenantId),
      };
      return { ...step, detail: describeGroupStep(user.displayName, step, step.customers) };
    });
    return steps.sort((a, b) => a.groupName.localeCompare(b.groupName));
  }

  /**
   * Applies an offboarding plan: removes the planned guest accounts (a few customers at once) and the
   * partner group memberships (one change per group, however many customers it reaches), each with
   * its own result. With `only`, just those customers' guest accounts and those groups (a retry).
   */
  async offboardApply(
    plan: OffboardPlan,
    only: { readonly tenantIds?: ReadonlyArray<string>; readonly groupIds?: ReadonlyArray<string> },
    onProgress: (done: number, total: number) => void,
  ): Promise<OffboardResults> {
    const everything = only.tenantIds === undefined && only.groupIds === undefined;
    const chosen = plan.items.filter((i) => everything || (only.tenantIds ?? []).includes(i.tenantId));
    const groups = plan.groups.filter((g) => everything || (only.groupIds ?? []).includes(g.groupId));
    const total = chosen.length + groups.length;
    let done = 0;
    const step = () => onProgress(++done, total);
    const [customers, groupResults] = await Promise.all([
      this.removeGuestAccounts(chosen, step),
      this.removeFromGroups(plan, groups, step),
    ]);
    return { customers, groups: groupResults };
  }

  private async removeGuestAccounts(
    chosen: ReadonlyArray<OffboardPlan['items'][number]>,
    step: () => void,
  ): Promise<OffboardResult[]> {
    const results: OffboardResult[] = [];
    await eachLimited(chosen, 4, async (item) => {
      const base = { tenantId: item.tenantId, customerName: item.customerName };
      if (!item.possible) {
        results.push({ ...base, outcome: 'skipped', message: item.reason ?? '' });
      } else {
        try {
          const r = await this.removeGuest({ tenantId: item.tenantId, guestId: item.guestId });
          results.push({ ...base, outcome: 'succeeded', message: r.summary });
        } catch (error) {
          // Gone already (a second apply, a retry after an answer that never arrived): the wanted end state.
          if (error instanceof UserFacingError && error.code === 'not_found')
            results.push({ ...base, outcome: 'unchanged', message: 'The guest account was already gone.' });
          else results.push({ ...base, outcome: 'failed', message: describeFailure(error) });
        }
      }
      step();
    });
    return results.sort((a, b) => a.customerName.localeCompare(b.customerName));
  }

  /**
   * Removes the analyst from each planned partner group, one group after the other: the membership
   * is read first (a member no more: unchanged, nothing sent), and GroupMember.ReadWrite.All is asked
   * for only when a removal is due (the browser opens once for the consent, where it was never given).
   */
  private async removeFromGroups(
    plan: OffboardPlan,
    groups: ReadonlyArray<OffboardGroup>,
    step: () => void,
  ): Promise<OffboardGroupResult[]> {
    return this.eachGroup(
      groups,
      step,
      (home, writer) => (group) => this.removeFromGroup(home, writer, plan, group),
    );
  }

  /**
   * Runs one membership change per partner group, one group after the other (each is one change in
   * the partner tenant), through a Graph client whose token carries GroupMember.ReadWrite.All: asked
   * for only when the first change is due (the browser opens once for the consent, where it was never
   * given).
   */
  private async eachGroup<G>(
    groups: ReadonlyArray<G>,
    step: () => void,
    change: (home: Home, writer: Client, profile: CloudProfile) => (group: G) => Promise<OffboardGroupResult>,
  ): Promise<OffboardGroupResult[]> {
    if (groups.length === 0) return [];
    const home = await this.home();
    const active = await this.deps.cloud.active();
    const writer = createGraphClient(active.profile, active.caPem, () =>
      this.deps.accounts.permissionToken('GroupMember.ReadWrite.All', home.homeAccountId),
    );
    const one = change(home, writer, active.profile);
    const results: OffboardGroupResult[] = [];
    for (const group of groups) {
      results.push(await one(group));
      step();
    }
    return results;
  }

  private async removeFromGroup(
    home: Home,
    writer: Client,
    plan: OffboardPlan,
    group: OffboardGroup,
  ): Promise<OffboardGroupResult> {
    const base = {
      groupId: group.groupId,
      groupName: group.groupName,
      customerCount: group.tenantIds.length,
    };
    const who = plan.displayName;
    const member = { id: plan.partnerUserId, displayName: who };
    const path = `/groups/${encodeURIComponent(group.groupId)}/members/${encodeURIComponent(plan.partnerUserId)}/$ref`;
    const unchanged = (why: string): OffboardGroupResult => ({
      ...base,
      outcome: 'unchanged',
      message: `${who} ${why} “${group.groupName}”; nothing was sent.`,
    });
    try {
      const members = await graphGetAll(
        home.client,
        `/groups/${encodeURIComponent(group.groupId)}/members?$select=id&$top=999`,
        z.object({ id: z.string() }),
        this.reads,
      );
      if (!members.some((m) => m.id === plan.partnerUserId)) return unchanged('is no longer a member of');
      // The permission first (the consent, where never given): a change that cannot be sent is not audited.
      await this.deps.accounts.permissionToken('GroupMember.ReadWrite.All', home.homeAccountId);
      await this.deps.audit.record(
        {
          account: home.account,
          tenantId: home.homeTenantId,
          action: 'partnerGroup.removeMember',
          target: path,
          targetName: group.groupName,
          body: {
            request: null,
            before: { group: { id: group.groupId, displayName: group.groupName }, member, isMember: true },
            after: { group: { id: group.groupId, displayName: group.groupName }, member, isMember: false },
            customers: group.customers,
          },
        },
        () => graphWrite(writer, { method: 'DELETE', path }),
      );
    } catch (error) {
      // Removed since it was read (by hand, or an answer that never arrived): the wanted end state.
      if (error instanceof GraphError && error.statusCode === 404)
        return unchanged('was already removed from');
      return { ...base, outcome: 'failed', message: describeFailure(error, GROUP_MEMBERS_WRITE) };
    }
    const count = group.tenantIds.length === 1 ? 'its 1 customer' : `its ${group.tenantIds.length} customers`;
    return {
      ...base,
      outcome: 'succeeded',
      message: `Removed ${who} from “${group.groupName}”: ${who} no longer reaches ${count} through it.`,
    };
  }

  /**
   * Onboarding, the same plan in reverse: in each chosen customer, invite with the role, give the
   * role, or nothing; and the partner groups GDAP maps to any chosen customer, for the user to pick.
   */
  async onboardPlan(
    input: { partnerUserId: string; tenantIds: ReadonlyArray<string>; role: GuestRole; grant: Grant },
    onProgress: (done: number, total: number) => void,
  ): Promise<OnboardPlan> {
    const problem = checkGrantEnd(input.grant, this.deps.now());
    if (problem) throw new UserFacingError('invalid_input', problem, [{ field: 'grant', message: problem }]);
    const home = await this.home();
    const user = (await this.partnerUsers(home)).find((u) => u.id === input.partnerUserId);
    if (!user)
      throw new UserFacingError(
        'not_found',
        `There is no user ${input.partnerUserId} in your partner tenant. Pick the analyst again.`,
      );
    const { problems } = await this.readAll(input.tenantIds, onProgress);
    const label = GUEST_ROLE_LABELS[input.role];
    const items = input.tenantIds.flatMap((tenantId): OnboardItem[] => {
      const g = this.known.get(tenantId);
      if (!g || problems.some((p) => p.tenantId === tenantId)) return [];
      const customerName = this.customerName(tenantId);
      const guest = g.guests.find((x) => x.partnerUserId === user.id);
      const held = guest?.roles.some((r) => r.role === input.role);
      if (guest && held)
        return [
          {
            tenantId,
            customerName,
            action: 'none' as const,
            detail: `Already a guest with ${label}.`,
            possible: true,
            reason: null,
          },
        ];
      if (guest)
        return [
          {
            tenantId,
            customerName,
            action: 'assign' as const,
            detail: `Give the existing guest account ${label}.`,
            possible: g.permissions.assignRoles,
            reason: g.permissions.assignRoles
              ? null
              : "Your GDAP roles there lack Privileged Role Administrator: use the customer admin's kit.",
          },
        ];
      const possible = g.permissions.invite && g.permissions.assignRoles;
      return [
        {
          tenantId,
          customerName,
          action: 'invite' as const,
          detail: `Invite ${user.userPrincipalName} as a guest with ${label}.`,
          possible,
          reason: possible
            ? null
            : "Your GDAP roles there lack Guest Inviter or User Administrator and Privileged Role Administrator: use the customer admin's kit.",
        },
      ];
    });
    return {
      partnerUserId: user.id,
      displayName: user.displayName,
      email: user.mail ?? user.userPrincipalName,
      role: input.role,
      grant: input.grant,
      items: items.sort((a, b) => a.customerName.localeCompare(b.customerName)),
      groups: await this.onboardGroups(home, user, input.tenantIds),
      unread: problems.map((p) => ({ ...p, customerName: this.customerName(p.tenantId) })),
    };
  }

  /**
   * The partner groups GDAP access assignments map to at least one of `tenantIds`, each with every
   * customer it is mapped to (adding the analyst reaches them all) and whether the analyst is a
   * direct member already (its members read).
   */
  private async onboardGroups(
    home: Home,
    user: PartnerDirectoryUser,
    tenantIds: ReadonlyArray<string>,
  ): Promise<OnboardGroup[]> {
    const wanted = new Set(tenantIds);
    const mapped = [...mappedGroups(this.deps.snapshot())].filter(([, m]) =>
      [...m.customers.keys()].some((t) => wanted.has(t)),
    );
    const groups: OnboardGroup[] = [];
    await eachLimited(mapped, 4, async ([groupId, m]) => {
      const members = await graphGetAll(
        home.client,
        `/groups/${encodeURIComponent(groupId)}/members?$select=id&$top=999`,
        z.object({ id: z.string() }),
        this.reads,
      );
      const alreadyMember = members.some((x) => x.id === user.id);
      const sorted = [...m.customers].sort((a, b) => a[1].localeCompare(b[1]));
      const step = {
        groupId,
        groupName: m.name,
        customers: sorted.map(([, name]) => name),
        tenantIds: sorted.map(([tenantId]) => tenantId),
        chosen: sorted.filter(([tenantId]) => wanted.has(tenantId)).length,
        alreadyMember,
      };
      groups.push({ ...step, detail: describeGroupAddStep(user.displayName, step, alreadyMember) });
    });
    return groups.sort((a, b) => a.groupName.localeCompare(b.groupName));
  }

  /**
   * Applies an onboarding plan: invites or gives the role in the planned customers (with `tenantIds`,
   * only those: a retry) and adds the analyst to each picked partner group (`groupIds`), once, each
   * with its own result.
   */
  async onboardApply(
    plan: OnboardPlan,
    only: { readonly tenantIds?: ReadonlyArray<string>; readonly groupIds?: ReadonlyArray<string> },
    onProgress: (done: number, total: number) => void,
  ): Promise<OnboardResults> {
    const { tenantIds, groupIds } = only;
    const chosen = plan.items.filter(
      (i) => i.action !== 'none' && (tenantIds === undefined || tenantIds.includes(i.tenantId)),
    );
    const groups = plan.groups.filter((g) => (groupIds ?? []).includes(g.groupId));
    const total = chosen.length + groups.length;
    let done = 0;
    const step = () => onProgress(++done, total);
    const [customers, groupResults] = await Promise.all([
      this.inviteAll(plan, chosen, step),
      this.addToGroups(plan, groups, step),
    ]);
    return { customers, groups: groupResults };
  }

  private async inviteAll(
    plan: OnboardPlan,
    chosen: ReadonlyArray<OnboardItem>,
    step: () => void,
  ): Promise<OnboardResult[]> {
    const results: OnboardResult[] = [];
    await eachLimited(chosen, 4, async (item) => {
      const base = { tenantId: item.tenantId, customerName: item.customerName };
      if (!item.possible)
        results.push({ ...base, outcome: 'skipped', message: item.reason ?? '', redeemUrl: null });
      else {
        try {
          const r = await this.invite({
            tenantId: item.tenantId,
            email: plan.email,
            displayName: plan.displayName,
            role: plan.role,
            grant: plan.grant,
          });
          results.push({ ...base, outcome: 'succeeded', message: r.summary, redeemUrl: r.redeemUrl });
        } catch (error) {
          results.push({
            ...base,
            outcome: 'failed',
            message: error instanceof Error ? error.message : String(error),
            redeemUrl: null,
          });
        }
      }
      step();
    });
    return results.sort((a, b) => a.customerName.localeCompare(b.customerName));
  }

  /**
   * Adds the analyst to each picked partner group, one after the other, as offboarding removes them:
   * the membership is read first (a member already: unchanged, nothing sent), GroupMember.ReadWrite.All
   * is asked for only when an addition is due.
   */
  private async addToGroups(
    plan: OnboardPlan,
    groups: ReadonlyArray<OnboardGroup>,
    step: () => void,
  ): Promise<OffboardGroupResult[]> {
    return this.eachGroup(groups, step, (home, writer, profile) => {
      const ref = `${profile.graphEndpoint}/v1.0/directoryObjects/${plan.partnerUserId}`;
      return (group) => this.addToGroup(home, writer, plan, group, ref);
    });
  }

  private async addToGroup(
    home: Home,
    writer: Client,
    plan: OnboardPlan,
    group: OnboardGroup,
    ref: string,
  ): Promise<OffboardGroupResult> {
    const base = {
      groupId: group.groupId,
      groupName: group.groupName,
      customerCount: group.tenantIds.length,
    };
    const who = plan.displayName;
    const member = { id: plan.partnerUserId, displayName: who };
    const path = `/groups/${encodeURIComponent(group.groupId)}/members/$ref`;
    const unchanged = (): OffboardGroupResult => ({
      ...base,
      outcome: 'unchanged',
      message: `${who} is already a member of “${group.groupName}”; nothing was sent.`,
    });
    try {
      const members = await graphGetAll(
        home.client,
        `/groups/${encodeURIComponent(group.groupId)}/members?$select=id&$top=999`,
        z.object({ id: z.string() }),
        this.reads,
      );
      if (members.some((m) => m.id === plan.partnerUserId)) return unchanged();
      // The permission first (the consent, where never given): a change that cannot be sent is not audited.
      await this.deps.accounts.permissionToken('GroupMember.ReadWrite.All', home.homeAccountId);
      const request = { '@odata.id': ref };
      await this.deps.audit.record(
        {
          account: home.account,
          tenantId: home.homeTenantId,
          action: 'partnerGroup.addMember',
          target: path,
          targetName: group.groupName,
          body: {
            request,
            before: { group: { id: group.groupId, displayName: group.groupName }, member, isMember: false },
            after: { group: { id: group.groupId, displayName: group.groupName }, member, isMember: true },
            customers: group.customers,
          },
        },
        () => graphWrite(writer, { method: 'POST', path, body: request }),
      );
    } catch (error) {
      // Added since it was read (by hand, or an answer that never arrived): the wanted end state.
      if (error instanceof GraphError && error.statusCode === 400 && /already exist/i.test(error.message))
        return unchanged();
      return { ...base, outcome: 'failed', message: describeFailure(error, GROUP_MEMBERS_ADD) };
    }
    const count =
      group.tenantIds.length === 1 ? 'its 1 customer' : `all ${group.tenantIds.length} of its customers`;
    return {
      ...base,
      outcome: 'succeeded',
      message: `Added ${who} to “${group.groupName}”: ${who} now reaches ${count} through it.`,
    };
  }

  // --- changes --------------------------------------------------------------------------------------

  async invite(input: InviteInput): Promise<InviteResult> {
    const home = await this.home();
    const client = await this.customerClient(home, input.tenantId);
    const before = await this.list(input.tenantId, { home, client });
    const name = this.customerName(input.tenantId);
    const existing = before.guests.find((g) => g.email.toLowerCase() === input.email.toLowerCase());
    if (input.grant) {
      const problem = checkGrantEnd(input.grant, this.deps.now());
      if (problem)
        throw new UserFacingError('invalid_input', problem, [{ field: 'grant', message: problem }]);
    }
    if (existing?.state === 'accepted') {
      const summary = input.role
        ? await this.applyRole(
            home,
            client,
            before,
            existing,
            input.role,
            input.grant ?? { kind: 'permanent' },
          )
        : '';
      const guests = await this.list(input.tenantId, { home, client });
      return {
        guests,
        guest: guests.guests.find((g) => g.id === existing.id) ?? existing,
        redeemUrl: null,
        summary: `${existing.displayName} is already a guest in ${name} and has accepted; nobody was invited twice.${summary ? ` ${summary}` : ''}`,
      };
    }
    if (!before.permissions.invite) {
      throw new UserFacingError(
        'refused',
        `Your GDAP roles in ${name} include neither Guest Inviter nor User Administrator, which Microsoft requires to invite guests. Nothing was sent. Prepare the customer admin's kit instead.`,
      );
    }
    if (input.role && !before.permissions.assignRoles) {
      throw new UserFacingError(
        'refused',
        `Your GDAP roles in ${name} do not include Privileged Role Administrator, which Microsoft requires to assign ${GUEST_ROLE_LABELS[input.role]}. Nothing was sent. Invite without a role, or prepare the customer admin's kit.`,
      );
    }
    const body = {
      invitedUserEmailAddress: input.email,
      invitedUserDisplayName: input.displayName ?? undefined,
      inviteRedirectUrl: before.redirectUrl,
      sendInvitationMessage: input.message !== undefined && input.message.trim() !== '',
      ...(input.message && input.message.trim() !== ''
        ? { invitedUserMessageInfo: { customizedMessageBody: input.message.trim() } }
        : {}),
    };
    let answer: GraphAnswer;
    try {
      answer = await this.send(
        home,
        client,
        input.tenantId,
        'guest.invite',
        { method: 'POST', path: '/invitations', body },
        { before: existing ?? null, after: { email: input.email, state: 'pendingAcceptance' } },
      );
    } catch (error) {
      this.refusedByGraph(error, 'invite a guest', input.tenantId);
    }
    const invitation = invitationSchema.safeParse(answer.body);
    if (!invitation.success)
      throw new UserFacingError(
        'unavailable',
        'Microsoft invited the guest but answered with data Switchboard does not understand. Read the guests again to see it.',
      );
    if (invitation.data.inviteRedeemUrl)
      this.redeemLinks.set(
        `${input.tenantId}/${invitation.data.invitedUser.id}`,
        invitation.data.inviteRedeemUrl,
      );
    let summary = existing
      ? `${existing.displayName} was already invited to ${name}; here is a fresh link to accept (the same guest account).`
      : `Invited ${input.email} to ${name}.`;
    if (input.role) {
      const afterInvite = await this.list(input.tenantId, { home, client });
      const guest: GuestAccount = afterInvite.guests.find((g) => g.id === invitation.data.invitedUser.id) ?? {
        id: invitation.data.invitedUser.id,
        displayName: input.displayName ?? input.email,
        email: input.email,
        partnerUserId: null,
        state: 'pendingAcceptance',
        since: null,
        roles: [],
      };
      summary += ` ${await this.applyRole(home, client, afterInvite, guest, input.role, input.grant ?? { kind: 'permanent' })}`;
    }
    const guests = await this.list(input.tenantId, { home, client });
    const guest = guests.guests.find((g) => g.id === invitation.data.invitedUser.id);
    return {
      guests,
      guest: guest ?? {
        id: invitation.data.invitedUser.id,
        displayName: input.displayName ?? input.email,
        email: input.email,
        partnerUserId: null,
        state: 'pendingAcceptance',
        since: null,
        roles: [],
      },
      redeemUrl: invitation.data.inviteRedeemUrl ?? null,
      summary,
    };
  }

  /** Grants a role, or extends/changes the one the guest holds (never a second one). */
  async assignRole(input: RoleInput): Promise<{ guests: CustomerGuests; summary: string }> {
    const problem = checkGrantEnd(input.grant, this.deps.now());
    if (problem) throw new UserFacingError('invalid_input', problem, [{ field: 'grant', message: problem }]);
    const home = await this.home();
    const client = await this.customerClient(home, input.tenantId);
    const before = await this.list(input.tenantId, { home, client });
    const guest = this.guestIn(before, input.guestId);
    if (!before.permissions.assignRoles) {
      throw new UserFacingError(
        'refused',
        `Your GDAP roles in ${this.customerName(input.tenantId)} do not include Privileged Role Administrator, which Microsoft requires to assign roles. Nothing was sent. Prepare the customer admin's kit instead.`,
      );
    }
    const summary = await this.applyRole(home, client, before, guest, input.role, input.grant);
    return { guests: await this.list(input.tenantId, { home, client }), summary };
  }

  private guestIn(guests: CustomerGuests, guestId: string): GuestAccount {
    const guest = guests.guests.find((g) => g.id === guestId);
    if (!guest)
      throw new UserFacingError(
        'not_found',
        `There is no guest account ${guestId} for your analysts in ${this.customerName(guests.tenantId)} any more. Read the guests again.`,
      );
    return guest;
  }

  private async applyRole(
    home: Home,
    client: Client,
    current: CustomerGuests,
    guest: GuestAccount,
    role: GuestRole,
    grant: Grant,
  ): Promise<string> {
    const eligible = grant.kind === 'eligible';
    const segment = eligible ? 'roleEligibilityScheduleRequests' : 'roleAssignmentScheduleRequests';
    const held = guest.roles.find((r) => r.role === role && (r.kind === 'eligible') === eligible);
    const label = GUEST_ROLE_LABELS[role];
    if (held?.kind === 'permanent' && grant.kind === 'permanent')
      return `${guest.displayName} already holds ${label} permanently; nothing was sent.`;
    const after: GuestRoleGrant = {
      role,
      kind: grant.kind,
      endDateTime: grant.kind === 'permanent' ? null : grant.endDateTime,
    };
    const body = (action: string) => ({
      action,
      principalId: guest.id,
      roleDefinitionId: GUEST_ROLE_IDS[role],
      directoryScopeId: '/',
      justification: `MSSP analyst access for Security Copilot (Switchboard, ${home.account})`,
      scheduleInfo: {
        startDateTime: this.deps.now().toISOString(),
        expiration:
          grant.kind === 'permanent'
            ? { type: 'noExpiration' }
            : { type: 'afterDateTime', endDateTime: grant.endDateTime },
      },
    });
    const post = (action: string, before: GuestRoleGrant | null) =>
      this.send(
        home,
        client,
        current.tenantId,
        held || action !== 'adminAssign' ? 'guest.role.update' : 'guest.role.assign',
        { method: 'POST', path: `${RM}/${segment}`, body: body(action) },
        { before, after },
      );
    try {
      if (held) await post('adminUpdate', held);
      else {
        try {
          await post('adminAssign', null);
        } catch (error) {
          // Someone assigned it since we read: Graph refuses a second one. Change that one instead.
          if (!(error instanceof GraphError && error.code === 'RoleAssignmentExists')) throw error;
          await post('adminUpdate', null);
        }
      }
    } catch (error) {
      this.refusedByGraph(error, `assign ${label}`, current.tenantId);
    }
    const how =
      grant.kind === 'permanent'
        ? 'permanently'
        : grant.kind === 'active'
          ? 'active until'
          : 'eligible until';
    const until =
      grant.kind === 'permanent' ? '' : ` ${new Date(grant.endDateTime).toISOString().slice(0, 10)}`;
    return held
      ? `${label} for ${guest.displayName} is now ${how}${until} (the existing assignment was changed, not duplicated).`
      : `${guest.displayName} now holds ${label} ${how}${until}.`;
  }

  async removeRole(input: {
    tenantId: string;
    guestId: string;
    role: GuestRole;
    kind: 'assigned' | 'eligible';
  }): Promise<{ guests: CustomerGuests; summary: string }> {
    const home = await this.home();
    const client = await this.customerClient(home, input.tenantId);
    const before = await this.list(input.tenantId, { home, client });
    const guest = this.guestIn(before, input.guestId);
    const eligible = input.kind === 'eligible';
    const held = guest.roles.find((r) => r.role === input.role && (r.kind === 'eligible') === eligible);
    const label = GUEST_ROLE_LABELS[input.role];
    if (!held)
      return {
        guests: before,
        summary: `${guest.displayName} does not hold ${label} that way; nothing was sent.`,
      };
    if (!before.permissions.assignRoles)
      throw new UserFacingError(
        'refused',
        `Your GDAP roles in ${this.customerName(input.tenantId)} do not include Privileged Role Administrator, which Microsoft requires to remove roles. Nothing was sent. Ask the customer's administrator to remove it.`,
      );
    try {
      await this.send(
        home,
        client,
        input.tenantId,
        'guest.role.remove',
        {
          method: 'POST',
          path: `${RM}/${eligible ? 'roleEligibilityScheduleRequests' : 'roleAssignmentScheduleRequests'}`,
          body: {
            action: 'adminRemove',
            principalId: guest.id,
            roleDefinitionId: GUEST_ROLE_IDS[input.role],
            directoryScopeId: '/',
          },
        },
        { before: held, after: null },
      );
    } catch (error) {
      this.refusedByGraph(error, `remove ${label}`, input.tenantId);
    }
    return {
      guests: await this.list(input.tenantId, { home, client }),
      summary: `${guest.displayName} no longer holds ${label} in ${this.customerName(input.tenantId)}.`,
    };
  }

  async removeGuest(input: {
    tenantId: string;
    guestId: string;
  }): Promise<{ guests: CustomerGuests; summary: string }> {
    const home = await this.home();
    const client = await this.customerClient(home, input.tenantId);
    const before = await this.list(input.tenantId, { home, client });
    const guest = this.guestIn(before, input.guestId);
    if (!before.permissions.removeGuests)
      throw new UserFacingError(
        'refused',
        `Your GDAP roles in ${this.customerName(input.tenantId)} include neither User Administrator nor Global Administrator, which Microsoft requires to delete a guest. Nothing was sent. Ask the customer's administrator to remove it.`,
      );
    try {
      await this.send(
        home,
        client,
        input.tenantId,
        'guest.remove',
        { method: 'DELETE', path: `/users/${encodeURIComponent(guest.id)}` },
        { before: guest, after: null },
      );
    } catch (error) {
      this.refusedByGraph(error, 'remove the guest account', input.tenantId);
    }
    return {
      guests: await this.list(input.tenantId, { home, client }),
      summary: `${guest.displayName}'s guest account in ${this.customerName(input.tenantId)} was removed, with its roles.`,
    };
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: ReadonlyArray<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

/** The partner groups active GDAP access assignments map, each with the customers it reaches (tenant ID: name). */
function mappedGroups(
  snapshot: DirectorySnapshot | null,
): Map<string, { name: string; customers: Map<string, string> }> {
  const mapped = new Map<string, { name: string; customers: Map<string, string> }>();
  for (const c of snapshot?.customers ?? []) {
    const granting = new Set(
      c.relationships.filter((r) => ACCESS_GRANTING_STATUSES.has(r.status)).map((r) => r.id),
    );
    for (const a of c.assignments) {
      if (a.status !== 'active' || !granting.has(a.relationshipId)) continue;
      const entry = mapped.get(a.groupId) ?? { name: a.groupName ?? a.groupId, customers: new Map() };
      entry.customers.set(c.tenantId, c.displayName);
      mapped.set(a.groupId, entry);
    }
  }
  return mapped;
}
