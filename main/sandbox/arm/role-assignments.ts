/**
 * ARM role assignments at any scope: list (with ARM's `$filter` forms and `nextLink` paging), get,
 * create with PUT (idempotent for the same body) and delete.
 */
import { isGuid } from '../../../shared/platform/tenant-id';
import type { SandboxContext } from '../context';
import { armError } from '../http/errors';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import type { AccessClaims } from '../identity/token-service';
import { canAssign, ROLE_DEFINITIONS } from './builtin-roles';
import {
  API_VERSIONS,
  splitScope,
  within,
  type ArmHandler,
  type ArmKit,
  type StoredAssignment,
} from './common';

/** Items per page of a role assignment list before `nextLink` (UNCONFIRMED: ARM's page size). */
export const ROLE_ASSIGNMENT_PAGE_SIZE = 100;

/**
 * Parses the `$filter` forms ARM documents for role assignment lists: `atScope()`,
 * `principalId eq '{id}'`, `assignedTo('{id}')`, and `atScope() and assignedTo('{id}')`.
 */
function parseAssignmentFilter(
  filter: string,
): { atScope: boolean; principalId?: string; assignedTo?: string } | undefined {
  const result: { atScope: boolean; principalId?: string; assignedTo?: string } = { atScope: false };
  for (const raw of filter.trim().split(/\s+and\s+/i)) {
    const term = raw.trim();
    if (/^atScope\(\)$/i.test(term)) result.atScope = true;
    else if (/^principalId\s+eq\s+'([0-9a-fA-F-]{36})'$/i.test(term))
      result.principalId = /'([^']+)'/.exec(term)?.[1]?.toLowerCase();
    else if (/^assignedTo\('([0-9a-fA-F-]{36})'\)$/i.test(term))
      result.assignedTo = /'([^']+)'/.exec(term)?.[1]?.toLowerCase();
    else return undefined;
  }
  if (result.principalId && result.assignedTo) return undefined;
  return result;
}

export function roleAssignmentRoutes(ctx: SandboxContext, kit: ArmKit): ArmHandler {
  const { state } = ctx;
  const { now, authorize, assignmentsIn, rolesAt, denied, assignmentJson } = kit;

  function roleAssignments(
    req: SandboxRequest,
    claims: AccessClaims,
    scope: string,
    name: string | undefined,
  ): SandboxResponse {
    const mine = assignmentsIn(claims.tid) as StoredAssignment[];
    if (req.method === 'GET' && name === undefined) {
      const filter = req.query.get('$filter');
      // Without a filter: assignments at, above and below the scope. atScope(): at or above only.
      let list = mine.filter((a) => within(a.scope, scope) || within(scope, a.scope));
      let aboutSelf = false;
      if (filter) {
        const f = parseAssignmentFilter(filter);
        if (!f) {
          return armError(
            400,
            'UnsupportedQuery',
            `The filter '${filter}' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{value}' or assignedTo('{value}')'.`,
          );
        }
        if (f.atScope) list = list.filter((a) => within(scope, a.scope));
        if (f.principalId) list = list.filter((a) => a.principalId === f.principalId);
        if (f.assignedTo) {
          // assignedTo: the principal's own assignments and those of the groups it is in.
          const principals = new Set([
            f.assignedTo,
            ...state.transitiveGroupsOf(f.assignedTo).map((g) => g.id),
          ]);
          list = list.filter((a) => principals.has(a.principalId));
        }
        aboutSelf = (f.principalId ?? f.assignedTo) === claims.oid.toLowerCase();
      }
      // Reading assignments needs a role at or above the scope (every built-in role has
      // roleAssignments/read), or asking only about yourself (how an elevated user finds the
      // elevation to remove it; also what the portal's "My access" does).
      if (!aboutSelf && rolesAt(claims, scope).size === 0)
        return denied(claims, 'Microsoft.Authorization/roleAssignments/read', scope);
      // Paging: `$skipToken` is the offset; `nextLink` carries every other query parameter.
      const skipRaw = req.query.get('$skipToken');
      const skip = skipRaw === null ? 0 : Number.parseInt(Buffer.from(skipRaw, 'base64url').toString(), 10);
      if (!Number.isFinite(skip) || skip < 0)
        return armError(400, 'InvalidSkipToken', `The skip token '${skipRaw}' is not valid.`);
      const page = list.slice(skip, skip + ROLE_ASSIGNMENT_PAGE_SIZE);
      let nextLink: string | undefined;
      if (skip + ROLE_ASSIGNMENT_PAGE_SIZE < list.length) {
        // Written as ARM writes it: `...&$skipToken=...` (the `$` not percent-encoded).
        const params = new URLSearchParams(req.url.search);
        params.delete('$skipToken');
        const token = Buffer.from(String(skip + ROLE_ASSIGNMENT_PAGE_SIZE)).toString('base64url');
        const query = [...params].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        nextLink = `${ctx.baseUrl}${req.url.pathname}?${query}${query ? '&' : ''}$skipToken=${token}`;
      }
      return { status: 200, json: { value: page.map(assignmentJson), ...(nextLink ? { nextLink } : {}) } };
    }
    if (name === undefined || !isGuid(name))
      return armError(
        400,
        'InvalidRoleAssignmentId',
        `The role assignment ID '${name ?? ''}' is not valid. The role assignment ID must be a GUID.`,
      );
    const existing = mine.find(
      (a) => a.name === name.toLowerCase() && a.scope.toLowerCase() === scope.toLowerCase(),
    );
    if (req.method === 'GET') {
      if (!existing)
        return armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
      if (existing.principalId !== claims.oid && rolesAt(claims, scope).size === 0)
        return denied(claims, 'Microsoft.Authorization/roleAssignments/read', scope);
      return { status: 200, json: assignmentJson(existing) };
    }
    const canWrite = canAssign(rolesAt(claims, scope));
    if (req.method === 'DELETE') {
      if (!canWrite) return denied(claims, 'Microsoft.Authorization/roleAssignments/delete', scope);
      if (!existing) return { status: 204 };
      state.data.armRoleAssignments = state.data.armRoleAssignments.filter((a) => a !== existing);
      ctx.changed();
      return { status: 200, json: assignmentJson(existing) };
    }
    if (req.method === 'PUT') {
      if (!canWrite) return denied(claims, 'Microsoft.Authorization/roleAssignments/write', scope);
      const props = (
        req.body as
          | {
              properties?: {
                roleDefinitionId?: unknown;
                principalId?: unknown;
                principalType?: unknown;
                description?: unknown;
                condition?: unknown;
                conditionVersion?: unknown;
              };
            }
          | undefined
      )?.properties;
      if (typeof props?.roleDefinitionId !== 'string' || typeof props.principalId !== 'string') {
        return armError(
          400,
          'InvalidRequestContent',
          "The request content was invalid: 'properties.roleDefinitionId' and 'properties.principalId' are required.",
        );
      }
      const roleId = props.roleDefinitionId.split('/').pop()?.toLowerCase();
      const role = ROLE_DEFINITIONS.find((d) => d.id === roleId);
      if (!role)
        return armError(400, 'RoleDefinitionDoesNotExist', 'The specified role definition does not exist.');
      // UNCONFIRMED code and message: ARM refuses a role outside its assignableScopes.
      if (!role.assignableScopes.some((s) => within(scope, s))) {
        return armError(
          400,
          'InvalidRoleAssignmentScope',
          `The role '${role.roleName}' cannot be assigned at scope '${scope}'; its assignable scopes are ${role.assignableScopes.join(', ')}.`,
        );
      }
      const principalId = props.principalId.toLowerCase();
      const principal = state.user(principalId) ?? state.group(principalId);
      if (!principal || principal.tenantId !== claims.tid) {
        return armError(
          400,
          'PrincipalNotFound',
          `Principal ${principalId.replace(/-/g, '')} does not exist in the directory ${claims.tid}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
        );
      }
      const actualType = state.group(principalId) ? 'Group' : 'User';
      if (props.principalType !== undefined && props.principalType !== actualType) {
        const allowed = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'];
        if (typeof props.principalType !== 'string' || !allowed.includes(props.principalType)) {
          return armError(
            400,
            'InvalidPrincipalType',
            `The principal type '${String(props.principalType)}' is not valid. Valid values are ${allowed.join(', ')}.`,
          );
        }
        return armError(
          400,
          'UnmatchedPrincipalType',
          `The PrincipalId '${principalId.replace(/-/g, '')}' has type '${actualType}' , which is different from specified PrincipalType '${props.principalType}'.`,
        );
      }
      if (existing) {
        // The same name again: an identical body is accepted (idempotent PUT, UNCONFIRMED 200 vs
        // 201); changing who, what or where is refused as ARM does.
        if (existing.principalId === principalId && existing.roleDefinitionId === role.id)
          return { status: 200, json: assignmentJson(existing) };
        return armError(
          400,
          'RoleAssignmentUpdateNotPermitted',
          'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
        );
      }
      if (mine.some((a) => a.name === name.toLowerCase())) {
        // Role assignment names are unique in the tenant whatever the scope.
        return armError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
      }
      if (
        mine.some(
          (a) =>
            a.principalId === principalId &&
            a.roleDefinitionId === role.id &&
            a.scope.toLowerCase() === scope.toLowerCase(),
        )
      ) {
        return armError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
      }
      const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
      const created: StoredAssignment = {
        name: name.toLowerCase(),
        tenantId: claims.tid,
        scope,
        roleDefinitionId: role.id,
        principalId,
        principalType: actualType,
        createdOn: now(),
        createdBy: claims.oid,
        updatedBy: claims.oid,
        ...(str(props.description) ? { description: str(props.description) } : {}),
        ...(str(props.condition) ? { condition: str(props.condition) } : {}),
        ...(str(props.conditionVersion) ? { conditionVersion: str(props.conditionVersion) } : {}),
      };
      state.data.armRoleAssignments.push(created);
      ctx.changed();
      return { status: 201, json: assignmentJson(created) };
    }
    return armError(405, 'MethodNotAllowed', `${req.method} is not allowed on role assignments.`);
  }

  return (req, path, token) => {
    const split = splitScope(path);
    const assignment = split && /^roleAssignments(?:\/([^/]+))?$/i.exec(split.rest);
    if (!split || !assignment) return undefined;
    const auth = authorize(req, token, API_VERSIONS.roleAssignments, split.scope);
    if (!auth.ok) return auth.response;
    return roleAssignments(req, auth.claims, split.scope, assignment[1]);
  };
}
