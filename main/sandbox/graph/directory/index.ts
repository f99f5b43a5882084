/**
 * Graph v1.0 directory objects in the token's tenant: /me, /organization, users (guests), groups
 * (transitive membership), B2B invitations (with the redeem page), and directory roles: role
 * definitions, role assignments, and PIM schedule requests (active and eligible, with expirations).
 * Each write needs the permission and the directory role the real service needs (microsoft-cloud.md
 * section 2), and answers 403 with Graph's error body otherwise.
 */
import { durationInDays } from '../../../../shared/gdap';
import { DIRECTORY_ROLES, isKnownRole, ROLE_IDS } from '../../../../shared/roles';
import { isGuid } from '../../../../shared/tenant-id';
import type { SandboxContext } from '../../context';
import { esc, graphError, html } from '../../http/errors';
import type { Router } from '../../http/router';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { page } from '../../identity/pages';
import { hasPermission, hasRole, newId, type AccessClaims } from '../../identity/token-service';
import type { Group, RoleAssignment, User } from '../../state/model';
import { pageOf } from '../odata';

const V1 = '/graph/v1.0';
const USERS_PAGE = { defaultTop: 100, maxTop: 999 };
const INSUFFICIENT = 'Insufficient privileges to complete the operation.';

export function registerDirectoryRoutes(router: Router, ctx: SandboxContext): void {
  const { state } = ctx;
  const ctxUrl = (entity: string) => `${ctx.baseUrl}${V1}/$metadata#${entity}`;

  function auth(
    req: SandboxRequest,
  ): { ok: true; claims: AccessClaims } | { ok: false; response: SandboxResponse } {
    return ctx.tokens.requireGraph(req);
  }

  function forbid(req: SandboxRequest, message = INSUFFICIENT): SandboxResponse {
    return graphError(req, 403, 'Authorization_RequestDenied', message);
  }

  /** Delegated writes need the scope and one of the roles; app-only tokens need the scope as a role. */
  function mayWrite(claims: AccessClaims, scopes: string[], roles: string[]): boolean {
    if (!hasPermission(claims, ...scopes)) return false;
    return claims.idtyp === 'app' || hasRole(claims, ...roles);
  }

  const userJson = (u: User) => ({
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    userType: u.userType,
    externalUserState: u.externalUserState,
    creationType: u.creationType,
    createdDateTime: u.createdDateTime,
    givenName: null,
    surname: null,
    jobTitle: null,
    businessPhones: [],
  });
  const groupJson = (g: Group) => ({
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
  });
  const usersOf = (tenantId: string) => state.data.users.filter((u) => u.tenantId === tenantId);
  const findUser = (tenantId: string, key: string | undefined) =>
    usersOf(tenantId).find(
      (u) => u.id === key || u.userPrincipalName.toLowerCase() === (key ?? '').toLowerCase(),
    );

  // --- me and organization -----------------------------------------------------------------------
  router.get(`${V1}/me`, (req) => {
    const a = auth(req);
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
    if (!me || me.tenantId !== a.claims.tid) {
      return graphError(
        req,
        404,
        'Request_ResourceNotFound',
        `Resource '${a.claims.oid}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return { status: 200, json: { '@odata.context': ctxUrl('users/$entity'), ...userJson(me) } };
  });

  router.get(`${V1}/organization`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    const t = state.tenant(a.claims.tid);
    if (!t) return graphError(req, 404, 'Request_ResourceNotFound', 'The tenant does not exist.');
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
    const a = auth(req);
    if (!a.ok) return a.response;
    return pageOf(req, usersOf(a.claims.tid).map(userJson), ctxUrl('users'), USERS_PAGE);
  });

  router.get(`${V1}/users/:id`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    const u = findUser(a.claims.tid, req.params.id);
    if (!u)
      return graphError(
        req,
        404,
        'Request_ResourceNotFound',
        `Resource '${req.params.id ?? ''}' does not exist or one of its queried reference-property objects are not present.`,
      );
    return { status: 200, json: { '@odata.context': ctxUrl('users/$entity'), ...userJson(u) } };
  });

  router.get(`${V1}/users/:id/transitiveMemberOf`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    const u = findUser(a.claims.tid, req.params.id);
    if (!u)
      return graphError(
        req,
        404,
        'Request_ResourceNotFound',
        `Resource '${req.params.id ?? ''}' does not exist.`,
      );
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
    const a = auth(req);
    if (!a.ok) return a.response;
    if (
      !mayWrite(
        a.claims,
        ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
        [ROLE_IDS.userAdministrator, ROLE_IDS.globalAdministrator],
      )
    )
      return forbid(req);
    const u = findUser(a.claims.tid, req.params.id);
    if (!u)
      return graphError(
        req,
        404,
        'Request_ResourceNotFound',
        `Resource '${req.params.id ?? ''}' does not exist.`,
      );
    state.data.users = state.data.users.filter((x) => x !== u);
    state.data.roleAssignments = state.data.roleAssignments.filter((r) => r.principalId !== u.id);
    for (const g of state.data.groups)
      g.members.splice(0, g.members.length, ...g.members.filter((m) => m !== u.id));
    ctx.changed();
    return { status: 204 };
  });

  // --- groups -------------------------------------------------------------------------------------
  const groupsOf = (tenantId: string) => state.data.groups.filter((g) => g.tenantId === tenantId);
  router.get(`${V1}/groups`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    return pageOf(req, groupsOf(a.claims.tid).map(groupJson), ctxUrl('groups'), USERS_PAGE);
  });
  router.get(`${V1}/groups/:id`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    const g = groupsOf(a.claims.tid).find((x) => x.id === req.params.id);
    return g
      ? { status: 200, json: groupJson(g) }
      : graphError(req, 404, 'Request_ResourceNotFound', `Resource '${req.params.id ?? ''}' does not exist.`);
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
      const a = auth(req);
      if (!a.ok) return a.response;
      const g = groupsOf(a.claims.tid).find((x) => x.id === req.params.id);
      if (!g)
        return graphError(
          req,
          404,
          'Request_ResourceNotFound',
          `Resource '${req.params.id ?? ''}' does not exist.`,
        );
      return pageOf(req, members(g, transitive), ctxUrl('directoryObjects'), USERS_PAGE);
    });
  }

  // --- invitations (B2B) --------------------------------------------------------------------------
  router.post(`${V1}/invitations`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    if (
      !mayWrite(
        a.claims,
        ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
        [ROLE_IDS.globalAdministrator, ROLE_IDS.userAdministrator, ROLE_IDS.guestInviter],
      )
    ) {
      return forbid(req);
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const email = body.invitedUserEmailAddress;
    // The local part: letters, digits, and . - _ (not . or - at either end), as Entra accepts.
    if (
      typeof email !== 'string' ||
      !/^[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/.test(email)
    ) {
      return graphError(
        req,
        400,
        'BadRequest',
        `The invited user's email address '${String(email)}' is not valid.`,
      );
    }
    let redirect: URL | undefined;
    try {
      redirect = typeof body.inviteRedirectUrl === 'string' ? new URL(body.inviteRedirectUrl) : undefined;
    } catch {
      redirect = undefined;
    }
    if (!redirect || redirect.protocol !== 'https:')
      return graphError(req, 400, 'BadRequest', 'inviteRedirectUrl is required and must be an https URL.');
    const cc = (body.invitedUserMessageInfo as { ccRecipients?: unknown[] } | undefined)?.ccRecipients ?? [];
    if (cc.length > 1)
      return graphError(
        req,
        400,
        'BadRequest',
        'Only one ccRecipient is supported in invitedUserMessageInfo.',
      );
    const type = (body.invitedUserType ?? 'Guest') as 'Guest' | 'Member';
    if (type !== 'Guest' && type !== 'Member')
      return graphError(req, 400, 'BadRequest', "invitedUserType must be 'Guest' or 'Member'.");
    if (type === 'Member' && !hasRole(a.claims, ROLE_IDS.globalAdministrator))
      return forbid(req, 'Only a company administrator can invite a member.');
    const tenant = state.tenant(a.claims.tid);
    if (!tenant) return graphError(req, 404, 'Request_ResourceNotFound', 'The tenant does not exist.');
    let guest = usersOf(tenant.id).find(
      (u) => u.mail?.toLowerCase() === email.toLowerCase() && u.userType === 'Guest',
    );
    if (!guest) {
      const home = state.data.users.find(
        (u) => u.userPrincipalName.toLowerCase() === email.toLowerCase() && u.userType === 'Member',
      );
      guest = {
        id: newId(),
        tenantId: tenant.id,
        userPrincipalName: `${email.replace('@', '_')}#EXT#@${tenant.defaultDomain}`,
        displayName: typeof body.invitedUserDisplayName === 'string' ? body.invitedUserDisplayName : email,
        mail: email,
        userType: type,
        externalUserState: 'PendingAcceptance',
        creationType: 'Invitation',
        homeUserId: home?.id ?? null,
        description: `Guest invited by ${a.claims.upn ?? a.claims.appid}`,
        createdDateTime: ctx.clock.now().toISOString(),
      };
      state.data.users.push(guest);
    } else if (body.resetRedemption === true) {
      guest.externalUserState = 'PendingAcceptance';
    }
    const id = newId();
    const ticket = newId().replace(/-/g, '');
    const invitation = {
      id,
      tenantId: tenant.id,
      invitedUserEmailAddress: email,
      invitedUserDisplayName:
        typeof body.invitedUserDisplayName === 'string' ? body.invitedUserDisplayName : null,
      inviteRedirectUrl: redirect.toString(),
      inviteRedeemUrl: `${ctx.baseUrl}/portals/invitations.microsoft.com/redeem/?tenant=${tenant.id}&user=${guest.id}&ticket=${ticket}`,
      sendInvitationMessage: body.sendInvitationMessage === true,
      invitedUserType: type,
      invitedUserId: guest.id,
      status:
        guest.externalUserState === 'Accepted' ? ('Completed' as const) : ('PendingAcceptance' as const),
      createdDateTime: ctx.clock.now().toISOString(),
    };
    state.data.invitations.push(invitation);
    ctx.changed();
    return {
      status: 201,
      json: {
        '@odata.context': ctxUrl('invitations/$entity'),
        id,
        inviteRedeemUrl: invitation.inviteRedeemUrl,
        invitedUserDisplayName: invitation.invitedUserDisplayName,
        invitedUserEmailAddress: email,
        invitedUserType: type,
        inviteRedirectUrl: invitation.inviteRedirectUrl,
        sendInvitationMessage: invitation.sendInvitationMessage,
        resetRedemption: body.resetRedemption === true,
        status: invitation.status,
        invitedUser: { id: guest.id },
        invitedUserMessageInfo: body.invitedUserMessageInfo ?? {
          messageLanguage: null,
          ccRecipients: [],
          customizedMessageBody: null,
        },
      },
    };
  });

  // The redeem link: the guest opens it, accepts, and lands on the inviteRedirectUrl.
  const REDEEM = '/portals/invitations.microsoft.com/redeem';
  const redeemPage = (req: SandboxRequest): SandboxResponse => {
    const invitation = state.data.invitations.find(
      (i) => i.invitedUserId === req.query.get('user') && i.tenantId === req.query.get('tenant'),
    );
    if (!invitation)
      return html(
        404,
        page('Invitation not found', '<p class="error">This invitation link is not valid.</p>'),
      );
    const tenant = state.tenant(invitation.tenantId);
    return html(
      200,
      page(
        'Review permissions',
        `<p><strong>${esc(tenant?.displayName ?? '')}</strong> invites ${esc(invitation.invitedUserEmailAddress)} as a guest.</p>
<form method="post" action="${esc(`${ctx.baseUrl}${REDEEM}/accept`)}"><input type="hidden" name="user" value="${esc(invitation.invitedUserId)}"><input type="hidden" name="tenant" value="${esc(invitation.tenantId)}"><button type="submit">Accept</button></form>`,
      ),
    );
  };
  router.get(REDEEM, redeemPage);
  router.get(`${REDEEM}/`, redeemPage);
  router.post(`${REDEEM}/accept`, (req) => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const guest = state.data.users.find((u) => u.id === form.user && u.tenantId === form.tenant);
    if (!guest)
      return html(
        404,
        page('Invitation not found', '<p class="error">This invitation link is not valid.</p>'),
      );
    guest.externalUserState = 'Accepted';
    for (const i of state.data.invitations) if (i.invitedUserId === guest.id) i.status = 'Completed';
    ctx.changed();
    const redirect =
      state.data.invitations.find((i) => i.invitedUserId === guest.id)?.inviteRedirectUrl ??
      `${ctx.baseUrl}/`;
    return html(
      200,
      page(
        'Invitation accepted',
        `<p>You are now a guest in this organization.</p><p><a href="${esc(redirect)}">Continue</a></p>`,
      ),
    );
  });

  // --- roles --------------------------------------------------------------------------------------
  const RM = `${V1}/roleManagement/directory`;
  router.get(`${RM}/roleDefinitions`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    return pageOf(
      req,
      DIRECTORY_ROLES.map((r) => ({
        id: r.id,
        templateId: r.id,
        displayName: r.displayName,
        description: r.description,
        isBuiltIn: true,
        isEnabled: true,
      })),
      ctxUrl('roleManagement/directory/roleDefinitions'),
      { defaultTop: 500, maxTop: 500 },
    );
  });

  const assignmentJson = (r: RoleAssignment) => ({
    '@odata.type': '#microsoft.graph.unifiedRoleAssignment',
    id: r.id,
    roleDefinitionId: r.roleDefinitionId,
    principalId: r.principalId,
    directoryScopeId: r.directoryScopeId,
  });
  const activeAssignments = (tenantId: string) => {
    const now = ctx.clock.nowMs();
    return state.data.roleAssignments.filter(
      (r) =>
        r.tenantId === tenantId &&
        r.kind === 'active' &&
        (r.endDateTime === null || Date.parse(r.endDateTime) > now),
    );
  };
  const canAssignRoles = (claims: AccessClaims) =>
    mayWrite(
      claims,
      ['RoleManagement.ReadWrite.Directory'],
      [ROLE_IDS.privilegedRoleAdministrator, ROLE_IDS.globalAdministrator],
    );

  router.get(`${RM}/roleAssignments`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    return pageOf(
      req,
      activeAssignments(a.claims.tid).map(assignmentJson),
      ctxUrl('roleManagement/directory/roleAssignments'),
      USERS_PAGE,
    );
  });

  function checkPrincipalAndRole(
    req: SandboxRequest,
    tenantId: string,
    principalId: unknown,
    roleId: unknown,
  ): SandboxResponse | undefined {
    if (typeof roleId !== 'string' || !isGuid(roleId) || !isKnownRole(roleId)) {
      return graphError(
        req,
        400,
        'Request_BadRequest',
        `The role definition '${String(roleId)}' does not exist.`,
      );
    }
    const principal =
      typeof principalId === 'string' ? (state.user(principalId) ?? state.group(principalId)) : undefined;
    if (!principal || principal.tenantId !== tenantId) {
      return graphError(
        req,
        404,
        'Request_ResourceNotFound',
        `Resource '${String(principalId)}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return undefined;
  }

  router.post(`${RM}/roleAssignments`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    if (!canAssignRoles(a.claims)) return forbid(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.directoryScopeId !== '/' && typeof body.appScopeId !== 'string') {
      return graphError(
        req,
        400,
        'Request_BadRequest',
        "Exactly one of directoryScopeId ('/') or appScopeId is required.",
      );
    }
    const problem = checkPrincipalAndRole(req, a.claims.tid, body.principalId, body.roleDefinitionId);
    if (problem) return problem;
    const roleId = (body.roleDefinitionId as string).toLowerCase();
    if (
      activeAssignments(a.claims.tid).some(
        (r) => r.principalId === body.principalId && r.roleDefinitionId === roleId,
      )
    ) {
      return graphError(
        req,
        409,
        'Request_BadRequest',
        'A conflicting object with one or more of the specified property values is present in the directory.',
      );
    }
    const assignment: RoleAssignment = {
      id: `${newId()}-1`,
      tenantId: a.claims.tid,
      roleDefinitionId: roleId,
      principalId: body.principalId as string,
      directoryScopeId: '/',
      startDateTime: null,
      endDateTime: null,
      kind: 'active',
    };
    state.data.roleAssignments.push(assignment);
    ctx.changed();
    return {
      status: 201,
      json: {
        '@odata.context': ctxUrl('roleManagement/directory/roleAssignments/$entity'),
        ...assignmentJson(assignment),
      },
    };
  });

  router.delete(`${RM}/roleAssignments/:id`, (req) => {
    const a = auth(req);
    if (!a.ok) return a.response;
    if (!canAssignRoles(a.claims)) return forbid(req);
    const found = activeAssignments(a.claims.tid).find((r) => r.id === req.params.id);
    if (!found)
      return graphError(
        req,
        404,
        'Request_ResourceNotFound',
        `Resource '${req.params.id ?? ''}' does not exist.`,
      );
    state.data.roleAssignments = state.data.roleAssignments.filter((r) => r !== found);
    ctx.changed();
    return { status: 204 };
  });

  // PIM: assignment and eligibility schedule requests with expirations on the sandbox clock.
  for (const [segment, kind] of [
    ['roleAssignmentScheduleRequests', 'active'],
    ['roleEligibilityScheduleRequests', 'eligible'],
  ] as const) {
    router.post(`${RM}/${segment}`, (req) => {
      const a = auth(req);
      if (!a.ok) return a.response;
      const scope =
        kind === 'active'
          ? 'RoleAssignmentSchedule.ReadWrite.Directory'
          : 'RoleEligibilitySchedule.ReadWrite.Directory';
      if (
        !mayWrite(
          a.claims,
          [scope, 'RoleManagement.ReadWrite.Directory'],
          [ROLE_IDS.privilegedRoleAdministrator, ROLE_IDS.globalAdministrator],
        )
      )
        return forbid(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const action = body.action;
      if (action !== 'adminAssign' && action !== 'adminRemove') {
        return graphError(
          req,
          400,
          'BadRequest',
          `The sandbox supports the actions adminAssign and adminRemove, not '${String(action)}'.`,
        );
      }
      if (body.directoryScopeId !== '/')
        return graphError(req, 400, 'BadRequest', "directoryScopeId must be '/'.");
      const problem = checkPrincipalAndRole(req, a.claims.tid, body.principalId, body.roleDefinitionId);
      if (problem) return problem;
      const roleId = (body.roleDefinitionId as string).toLowerCase();
      const now = ctx.clock.now();
      const matching = state.data.roleAssignments.filter(
        (r) =>
          r.tenantId === a.claims.tid &&
          r.kind === kind &&
          r.principalId === body.principalId &&
          r.roleDefinitionId === roleId,
      );
      let status = 'Provisioned';
      let targetScheduleId = newId();
      if (action === 'adminRemove') {
        if (matching.length === 0)
          return graphError(req, 400, 'RoleAssignmentDoesNotExist', 'The role assignment does not exist.');
        state.data.roleAssignments = state.data.roleAssignments.filter((r) => !matching.includes(r));
        status = 'Revoked';
        targetScheduleId = matching[0]?.id ?? targetScheduleId;
      } else {
        const info = (body.scheduleInfo ?? {}) as {
          startDateTime?: unknown;
          expiration?: { type?: unknown; endDateTime?: unknown; duration?: unknown };
        };
        const start = typeof info.startDateTime === 'string' ? Date.parse(info.startDateTime) : now.getTime();
        if (Number.isNaN(start))
          return graphError(req, 400, 'BadRequest', 'scheduleInfo.startDateTime is not a date.');
        const type = info.expiration?.type ?? 'noExpiration';
        let end: number | null = null;
        if (type === 'afterDateTime') {
          end =
            typeof info.expiration?.endDateTime === 'string'
              ? Date.parse(info.expiration.endDateTime)
              : Number.NaN;
          if (Number.isNaN(end))
            return graphError(
              req,
              400,
              'BadRequest',
              'expiration.endDateTime is required for afterDateTime.',
            );
        } else if (type === 'afterDuration') {
          const days =
            typeof info.expiration?.duration === 'string'
              ? durationInDays(info.expiration.duration)
              : undefined;
          if (days === undefined || days <= 0)
            return graphError(
              req,
              400,
              'BadRequest',
              'expiration.duration must be an ISO 8601 duration such as PT8H.',
            );
          end = start + days * 86_400_000;
        } else if (type !== 'noExpiration' && type !== 'notSpecified') {
          return graphError(req, 400, 'BadRequest', `'${String(type)}' is not an expiration type.`);
        }
        if (end !== null && end <= start)
          return graphError(req, 400, 'BadRequest', 'The schedule ends before it starts.');
        state.data.roleAssignments = state.data.roleAssignments.filter((r) => !matching.includes(r));
        state.data.roleAssignments.push({
          id: targetScheduleId,
          tenantId: a.claims.tid,
          roleDefinitionId: roleId,
          principalId: body.principalId as string,
          directoryScopeId: '/',
          startDateTime: new Date(start).toISOString(),
          endDateTime: end === null ? null : new Date(end).toISOString(),
          kind,
        });
      }
      ctx.changed();
      return {
        status: 201,
        json: {
          '@odata.context': ctxUrl(`roleManagement/directory/${segment}/$entity`),
          id: newId(),
          status,
          action,
          principalId: body.principalId,
          roleDefinitionId: roleId,
          directoryScopeId: '/',
          appScopeId: null,
          justification: body.justification ?? null,
          createdDateTime: now.toISOString(),
          completedDateTime: now.toISOString(),
          isValidationOnly: false,
          targetScheduleId,
          scheduleInfo: body.scheduleInfo ?? null,
        },
      };
    });
  }
}
