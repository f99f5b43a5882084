/**
 * Graph /me, /organization and users of the token's tenant: list, get (by id or UPN), their
 * transitive group memberships, and delete (with their role assignments and group memberships).
 */
import { ROLE_IDS } from '../../../../shared/gdap/roles';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { pageOf } from '../odata';
import { USERS_PAGE, V1, type DirectoryKit } from './common';

export function registerUserRoutes(router: Router, ctx: SandboxContext, kit: DirectoryKit): void {
  const { state } = ctx;
  const { ctxUrl, authorize, authorizeWrite, notFound, objectNotFound, tenantNotFound } = kit;
  const { userJson, groupJson, usersOf, findUser } = kit;

  // --- me and organization -----------------------------------------------------------------------
  router.get(`${V1}/me`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    if (a.claims.idtyp === 'app')
      return graphError(
        req,
        400,
        'BadRequest',
        '/me request is only valid with delegated authentication flow.',
      );
    const me = state.user(a.claims.oid);
    // UNCONFIRMED: /me with a GDAP token in a customer tenant (the partner user is no object there);
    // we answer 404 Request_ResourceNotFound, as Graph does for an object missing from the tenant.
    if (!me || me.tenantId !== a.claims.tid) return objectNotFound(req, a.claims.oid);
    return { status: 200, json: { '@odata.context': ctxUrl('users/$entity'), ...userJson(me) } };
  });

  router.get(`${V1}/organization`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    const t = state.tenant(a.claims.tid);
    if (!t) return tenantNotFound(req);
    return {
      status: 200,
      json: {
        '@odata.context': ctxUrl('organization'),
        value: [
          {
            id: t.id,
            displayName: t.displayName,
            tenantType: 'AAD',
            verifiedDomains: [
              {
                name: t.defaultDomain,
                isDefault: true,
                isInitial: true,
                type: 'Managed',
                capabilities: 'Email, OfficeCommunicationsOnline',
              },
            ],
          },
        ],
      },
    };
  });

  // --- users --------------------------------------------------------------------------------------
  router.get(`${V1}/users`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    return pageOf(req, usersOf(a.claims.tid).map(userJson), ctxUrl('users'), {
      ...USERS_PAGE,
      orderby: true,
      count: true,
      advancedQueries: { defaultOrderby: ['displayName', 'userPrincipalName'] },
    });
  });

  router.get(`${V1}/users/:id`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    const u = findUser(a.claims.tid, req.params.id);
    if (!u) return objectNotFound(req, req.params.id ?? '');
    return { status: 200, json: { '@odata.context': ctxUrl('users/$entity'), ...userJson(u) } };
  });

  router.get(`${V1}/users/:id/transitiveMemberOf`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    const u = findUser(a.claims.tid, req.params.id);
    if (!u) return notFound(req, req.params.id);
    return pageOf(
      req,
      state
        .transitiveGroupsOf(u.id)
        .map((g) => ({ '@odata.type': '#microsoft.graph.group', ...groupJson(g) })),
      ctxUrl('directoryObjects'),
      USERS_PAGE,
    );
  });

  router.delete(`${V1}/users/:id`, (req) => {
    const a = authorizeWrite(
      req,
      ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
      [ROLE_IDS.userAdministrator, ROLE_IDS.globalAdministrator],
    );
    if (!a.ok) return a.response;
    const u = findUser(a.claims.tid, req.params.id);
    if (!u) return notFound(req, req.params.id);
    state.data.users = state.data.users.filter((x) => x !== u);
    state.data.roleAssignments = state.data.roleAssignments.filter((r) => r.principalId !== u.id);
    for (const g of state.data.groups)
      g.members.splice(0, g.members.length, ...g.members.filter((m) => m !== u.id));
    ctx.changed();
    return { status: 204 };
  });
}
