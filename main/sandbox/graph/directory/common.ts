/**
 * What every directory route of the sandbox shares: Graph's authorization for directory writes (the
 * permission and the directory role the real service needs, docs/microsoft-cloud.md section 2), lookups
 * in the token's tenant, Graph's 403 and 404 bodies, and the JSON shapes of users and groups.
 */
import { isKnownRole, ROLE_IDS } from '../../../../shared/gdap/roles';
import { isGuid } from '../../../../shared/platform/tenant-id';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { hasPermission, hasRole, type AccessClaims } from '../../identity/token-service';
import type { Group, User } from '../../state/model';

export const V1 = '/graph/v1.0';
/** Directory role management: role definitions, assignments and PIM schedule requests. */
export const RM = `${V1}/roleManagement/directory`;
export const USERS_PAGE = { defaultTop: 100, maxTop: 999 };
const INSUFFICIENT = 'Insufficient privileges to complete the operation.';
/** The directory roles that may manage directory role assignments. */
export const ROLE_ADMINS = [ROLE_IDS.privilegedRoleAdministrator, ROLE_IDS.globalAdministrator];

type Authorized = { ok: true; claims: AccessClaims } | { ok: false; response: SandboxResponse };

export type DirectoryKit = ReturnType<typeof directoryKit>;

export function directoryKit(ctx: SandboxContext) {
  const { state } = ctx;
  const ctxUrl = (entity: string) => `${ctx.baseUrl}${V1}/$metadata#${entity}`;

  function authorize(req: SandboxRequest): Authorized {
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

  /** A valid token that may write (see mayWrite); otherwise the 401 or Graph's 403. */
  function authorizeWrite(req: SandboxRequest, scopes: string[], roles: string[]): Authorized {
    const a = authorize(req);
    if (!a.ok) return a;
    return mayWrite(a.claims, scopes, roles) ? a : { ok: false, response: forbid(req) };
  }

  /** Graph's 404 for a directory object missing from the token's tenant. */
  function notFound(req: SandboxRequest, id: string | undefined): SandboxResponse {
    return graphError(req, 404, 'Request_ResourceNotFound', `Resource '${id ?? ''}' does not exist.`);
  }

  /** The same 404 in the longer words Graph uses when an object is read (or referenced) by id. */
  function objectNotFound(req: SandboxRequest, id: string): SandboxResponse {
    return graphError(
      req,
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }

  function tenantNotFound(req: SandboxRequest): SandboxResponse {
    return graphError(req, 404, 'Request_ResourceNotFound', 'The tenant does not exist.');
  }

  const userJson = (u: User) => ({
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    userType: u.userType,
    externalUserState: u.externalUserState,
    externalUserStateChangeDateTime:
      u.userType === 'Guest' ? (u.externalUserStateChangeDateTime ?? u.createdDateTime) : null,
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
  const groupsOf = (tenantId: string) => state.data.groups.filter((g) => g.tenantId === tenantId);
  const findGroup = (tenantId: string, id: string | undefined) => groupsOf(tenantId).find((x) => x.id === id);

  /** The role must be a known directory role and the principal a user or group of the tenant. */
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
    if (!principal || principal.tenantId !== tenantId) return objectNotFound(req, String(principalId));
    return undefined;
  }

  return {
    ctxUrl,
    authorize,
    authorizeWrite,
    forbid,
    notFound,
    objectNotFound,
    tenantNotFound,
    userJson,
    groupJson,
    usersOf,
    findUser,
    groupsOf,
    findGroup,
    checkPrincipalAndRole,
  };
}
