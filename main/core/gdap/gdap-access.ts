/**
 * Why does (or doesn't) a partner user reach Security Copilot in a customer through GDAP: the user,
 * their groups (nested ones too: transitiveMemberOf), the customer's relationships and assignments,
 * all read fresh from Graph, then judged by shared/gdap/access-check.ts.
 */
import { ADMIN_AGENTS_GROUP, type GdapPermissions } from '../../../shared/gdap/gdap-contract';
import { z } from 'zod';
import { checkAccess, type AccessCheck } from '../../../shared/gdap/access-check';
import type { DirectoryAssignment } from '../../../shared/directory/directory';
import { ACCESS_GRANTING_STATUSES, relationshipSchema } from '../../../shared/gdap/gdap';
import type { DirectoryService } from '../directory/directory-service';
import { toDirectoryAssignment, toDirectoryRelationship } from '../directory/read-directory';
import { UserFacingError } from '../platform/errors';
import { graphGet, graphGetAll } from '../platform/graph/graph-client';
import { relationshipsOfCustomer, type GdapService } from './gdap-service';

const userSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  userPrincipalName: z.string(),
});

export class GdapAccess {
  constructor(
    private readonly gdap: GdapService,
    private readonly directory: DirectoryService,
    private readonly now: () => Date,
  ) {}

  async accessCheck(tenantId: string, userId: string | null): Promise<AccessCheck> {
    const s = await this.gdap.session();
    const user = await graphGet(
      s.client,
      userId === null
        ? '/me?$select=id,displayName,userPrincipalName'
        : `/users/${encodeURIComponent(userId)}?$select=id,displayName,userPrincipalName`,
      userSchema,
    ).catch((error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 404)
        throw new UserFacingError('not_found', `There is no user ${userId ?? ''} in your partner tenant.`);
      throw error;
    });
    const [groups, rels] = await Promise.all([
      graphGetAll(
        s.client,
        `/users/${encodeURIComponent(user.id)}/transitiveMemberOf?$select=id,displayName&$top=999`,
        z.object({ id: z.string() }),
      ),
      graphGetAll(s.client, relationshipsOfCustomer(tenantId), relationshipSchema),
    ]);
    const names = new Map((await this.gdap.partnerGroups('', s)).map((g) => [g.id, g.displayName]));
    const assignments: DirectoryAssignment[] = [];
    for (const r of rels.filter((x) => ACCESS_GRANTING_STATUSES.has(x.status))) {
      for (const a of await this.gdap.readAssignments(s, r.id))
        assignments.push(toDirectoryAssignment(a, r.id, names));
    }
    const customerName =
      rels.find((r) => r.customer?.displayName)?.customer?.displayName ??
      this.directory.customer(tenantId)?.displayName ??
      tenantId;
    return checkAccess({
      user: {
        id: user.id,
        displayName: user.displayName ?? user.userPrincipalName,
        userPrincipalName: user.userPrincipalName,
      },
      customer: { tenantId, displayName: customerName },
      relationships: rels.map(toDirectoryRelationship),
      assignments,
      userGroupIds: groups.map((g) => g.id),
      now: this.now(),
    });
  }

  /**
   * Whether the signed-in account may change GDAP: Partner Center lets only admin agents (members of
   * the partner tenant's AdminAgents group) write relationships and assignments. Read from the
   * account's groups (nested ones count: transitiveMemberOf). When the groups cannot be read the
   * answer is unknown (null) and the forms stay open; Graph's 403 still says no then.
   */
  async permissions(): Promise<GdapPermissions> {
    const s = await this.gdap.session();
    try {
      const me = await graphGet(s.client, '/me?$select=id', z.object({ id: z.string() }));
      const groups = await graphGetAll(
        s.client,
        `/users/${encodeURIComponent(me.id)}/transitiveMemberOf?$select=id,displayName&$top=999`,
        z.object({ id: z.string(), displayName: z.string().nullish() }),
      );
      const admin = groups.some(
        (g) => (g.displayName ?? '').toLowerCase() === ADMIN_AGENTS_GROUP.toLowerCase(),
      );
      return {
        account: s.account,
        canWrite: admin,
        reason: admin
          ? null
          : `Only admin agents can change GDAP: ${s.account} is not in your partner tenant's ${ADMIN_AGENTS_GROUP} group. Ask a partner admin to make the change, or to add you to ${ADMIN_AGENTS_GROUP} in Partner Center.`,
      };
    } catch {
      return { account: s.account, canWrite: null, reason: null };
    }
  }
}
