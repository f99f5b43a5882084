/**
 * Graph groups of the token's tenant: list, get, and their members (direct, or transitive through
 * nested groups); add a member (`POST /groups/{id}/members/$ref`) and remove one
 * (`DELETE /groups/{id}/members/{directoryObjectId}/$ref`), as Graph answers them
 * (docs/microsoft-cloud.md 2.5). Membership is the one list GDAP paths, tokens for customer tenants
 * and transitive reads are computed from (state/state.ts), so a change shows everywhere at once.
 */
import { ROLE_IDS } from '../../../../shared/gdap/roles';
import { isGuid } from '../../../../shared/platform/tenant-id';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { hasPermission, hasRole } from '../../identity/token-service';
import type { Group } from '../../state/model';
import { pageOf } from '../odata';
import { USERS_PAGE, V1, type DirectoryKit } from './common';

/** The delegated permissions that may change a group's members, least privileged first. */
export const GROUP_MEMBER_WRITE_SCOPES = [
  'GroupMember.ReadWrite.All',
  'Group.ReadWrite.All',
  'Directory.ReadWrite.All',
];

/** Directory Writers and Groups Administrator: template IDs (Microsoft Entra built-in roles). */
export const GROUP_ROLE_IDS = {
  directoryWriters: '9360feb5-f418-4baa-8175-e2a00bac4301',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
} as const;

/**
 * The directory roles that may change a security group's members besides its owners
 * (docs/microsoft-cloud.md 2.5). Microsoft also lists Identity Governance Administrator and, for
 * security groups, Intune Administrator; UNCONFIRMED how either applies to partner groups, so the
 * conservative reading leaves them out. Global Administrator holds every directory permission.
 */
export const GROUP_MEMBER_ADMINS = [
  ROLE_IDS.globalAdministrator,
  GROUP_ROLE_IDS.groupsAdministrator,
  ROLE_IDS.userAdministrator,
  GROUP_ROLE_IDS.directoryWriters,
];

/** `https://graph.microsoft.com/v1.0/directoryObjects/{id}` (users/ and groups/ are accepted too). */
const ODATA_ID = /\/(?:directoryObjects|users|groups)\/([^/?#]+)$/i;

export function registerGroupRoutes(router: Router, ctx: SandboxContext, kit: DirectoryKit): void {
  const { state } = ctx;
  const { ctxUrl, authorize, forbid, notFound, objectNotFound, userJson, groupJson, groupsOf, findGroup } =
    kit;

  router.get(`${V1}/groups`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    return pageOf(req, groupsOf(a.claims.tid).map(groupJson), ctxUrl('groups'), {
      ...USERS_PAGE,
      orderby: true,
      count: true,
      advancedQueries: { defaultOrderby: ['displayName'] },
    });
  });
  router.get(`${V1}/groups/:id`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    const g = findGroup(a.claims.tid, req.params.id);
    return g ? { status: 200, json: groupJson(g) } : notFound(req, req.params.id);
  });
  const members = (g: Group, transitive: boolean): Array<Record<string, unknown>> => {
    const out = new Map<string, Record<string, unknown>>();
    const visit = (group: Group) => {
      for (const id of group.members) {
        const user = state.user(id);
        const nested = state.group(id);
        if (user && !out.has(id)) out.set(id, { '@odata.type': '#microsoft.graph.user', ...userJson(user) });
        if (nested && !out.has(id)) {
          out.set(id, { '@odata.type': '#microsoft.graph.group', ...groupJson(nested) });
          if (transitive) visit(nested);
        }
      }
    };
    visit(g);
    return [...out.values()];
  };
  for (const [segment, transitive] of [
    ['members', false],
    ['transitiveMembers', true],
  ] as const) {
    router.get(`${V1}/groups/:id/${segment}`, (req) => {
      const a = authorize(req);
      if (!a.ok) return a.response;
      const g = findGroup(a.claims.tid, req.params.id);
      if (!g) return notFound(req, req.params.id);
      return pageOf(req, members(g, transitive), ctxUrl('directoryObjects'), USERS_PAGE);
    });
  }

  /**
   * The group, when the caller may change its members: the permission, and a role that manages
   * groups or ownership of this one; otherwise Graph's 404 or 403.
   */
  function groupToChange(req: SandboxRequest): { group: Group } | { response: SandboxResponse } {
    const a = authorize(req);
    if (!a.ok) return { response: a.response };
    const group = findGroup(a.claims.tid, req.params.id);
    if (!group) return { response: notFound(req, req.params.id) };
    const claims = a.claims;
    const allowed =
      hasPermission(claims, ...GROUP_MEMBER_WRITE_SCOPES) &&
      (claims.idtyp === 'app' ||
        hasRole(claims, ...GROUP_MEMBER_ADMINS) ||
        (group.owners ?? []).includes(claims.oid));
    return allowed ? { group } : { response: forbid(req) };
  }

  router.post(`${V1}/groups/:id/members/$ref`, (req) => {
    const found = groupToChange(req);
    if ('response' in found) return found.response;
    const body = req.body as Record<string, unknown> | null;
    const ref = typeof body?.['@odata.id'] === 'string' ? (body['@odata.id'] as string) : undefined;
    const id = ref ? ODATA_ID.exec(ref)?.[1] : undefined;
    if (!ref || !id || !isGuid(decodeURIComponent(id))) {
      return graphError(
        req,
        400,
        'Request_BadRequest',
        ref
          ? `Invalid URL format specified in @odata.id for members: '${ref}'.`
          : "The request body must contain '@odata.id', a reference like https://graph.microsoft.com/v1.0/directoryObjects/{id}.",
      );
    }
    const memberId = decodeURIComponent(id);
    const member = state.user(memberId) ?? state.group(memberId);
    if (!member || member.tenantId !== found.group.tenantId) return objectNotFound(req, memberId);
    if (found.group.members.includes(memberId)) {
      return graphError(
        req,
        400,
        'Request_BadRequest',
        "One or more added object references already exist for the following modified properties: 'members'.",
      );
    }
    if (
      memberId === found.group.id ||
      state.transitiveGroupsOf(found.group.id).some((g) => g.id === memberId)
    ) {
      // UNCONFIRMED: Graph's exact words for a membership loop; refused, as Entra does not nest circularly.
      return graphError(
        req,
        400,
        'Request_BadRequest',
        'A group cannot be a member of itself or of a group nested in it.',
      );
    }
    found.group.members.push(memberId);
    ctx.changed();
    return { status: 204 };
  });

  router.delete(`${V1}/groups/:id/members/:memberId/$ref`, (req) => {
    const found = groupToChange(req);
    if ('response' in found) return found.response;
    const memberId = req.params.memberId ?? '';
    const at = found.group.members.indexOf(memberId);
    if (at < 0) return objectNotFound(req, memberId);
    found.group.members.splice(at, 1);
    ctx.changed();
    return { status: 204 };
  });
}
