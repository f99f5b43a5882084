/**
 * Azure Resource Manager under `/arm`: elevate access (a Global Administrator gets User Access
 * Administrator at `/`), role assignments and definitions at any scope, subscriptions, and the
 * Copilot in Azure tenant settings (`Microsoft.PortalServices/copilotSettings/default`). api-version
 * is checked on every route; errors use ARM's body (microsoft-cloud.md section 4).
 */
import { ROLE_IDS } from '../../../shared/roles';
import { isGuid } from '../../../shared/tenant-id';
import type { SandboxContext } from '../context';
import { armError } from '../http/errors';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import { hasRole, type AccessClaims } from '../identity/token-service';
import type { ArmRoleAssignment } from '../state/model';

export const ARM_ROLES = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  // UNCONFIRMED (microsoft-cloud.md 4.4): from a third-party catalogue, not Microsoft's docs.
  copilotForAzureUser: '6cd4ddd5-44f4-45bf-853e-a23e79738ce8',
} as const;

const ROLE_DEFINITIONS = [
  {
    id: ARM_ROLES.owner,
    roleName: 'Owner',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    assignableScopes: ['/'],
  },
  {
    id: ARM_ROLES.contributor,
    roleName: 'Contributor',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.',
    assignableScopes: ['/'],
  },
  {
    id: ARM_ROLES.reader,
    roleName: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    assignableScopes: ['/'],
  },
  {
    id: ARM_ROLES.userAccessAdministrator,
    roleName: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    assignableScopes: ['/'],
  },
  {
    id: ARM_ROLES.copilotForAzureUser,
    roleName: 'Copilot for Azure User',
    description: 'Grants access to Copilot in Azure (Azure Copilot).',
    assignableScopes: ['/providers/Microsoft.PortalServices'],
  },
];

const API_VERSIONS = {
  elevate: ['2015-07-01', '2016-07-01'],
  roleAssignments: [
    '2015-07-01',
    '2018-09-01-preview',
    '2020-04-01-preview',
    '2020-10-01-preview',
    '2022-04-01',
  ],
  roleDefinitions: ['2015-07-01', '2018-01-01-preview', '2022-04-01'],
  subscriptions: ['2016-06-01', '2020-01-01', '2021-01-01', '2022-12-01'],
  copilot: ['2024-04-01', '2024-04-01-preview', '2025-09-10-preview'],
} as const;

/** The roles that may write role assignments (Microsoft.Authorization/roleAssignments/write). */
const ASSIGNERS = new Set<string>([ARM_ROLES.owner, ARM_ROLES.userAccessAdministrator]);

export function registerArmRoutes(router: Router, ctx: SandboxContext): void {
  const { state } = ctx;
  const now = () => ctx.clock.now().toISOString();

  function checkApiVersion(
    req: SandboxRequest,
    supported: ReadonlyArray<string>,
  ): SandboxResponse | undefined {
    const v = req.query.get('api-version');
    if (!v)
      return armError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
    if (!supported.includes(v)) {
      return armError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${v}' is invalid. The supported versions are '${supported.join(',')}'.`,
      );
    }
    return undefined;
  }

  const assignmentsIn = (tenantId: string) =>
    state.data.armRoleAssignments.filter((a) => a.tenantId === tenantId);

  /** Whether `scope` is `ancestor` or below it. */
  const within = (scope: string, ancestor: string) =>
    ancestor === '/' ||
    scope.toLowerCase() === ancestor.toLowerCase() ||
    scope.toLowerCase().startsWith(`${ancestor.toLowerCase()}/`);

  function principalsOf(claims: AccessClaims): Set<string> {
    return new Set([claims.oid, ...state.transitiveGroupsOf(claims.oid).map((g) => g.id)]);
  }

  function rolesAt(claims: AccessClaims, scope: string): Set<string> {
    const principals = principalsOf(claims);
    return new Set(
      assignmentsIn(claims.tid)
        .filter((a) => principals.has(a.principalId) && within(scope, a.scope))
        .map((a) => a.roleDefinitionId),
    );
  }

  function denied(claims: AccessClaims, action: string, scope: string): SandboxResponse {
    return armError(
      403,
      'AuthorizationFailed',
      `The client '${claims.upn ?? claims.oid}' with object id '${claims.oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }

  const definitionId = (scope: string, id: string) =>
    `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleDefinitions/${id}`;

  const assignmentJson = (a: ArmRoleAssignment) => ({
    id: `${a.scope === '/' ? '' : a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: definitionId(
        a.scope.startsWith('/subscriptions/') ? a.scope.split('/').slice(0, 3).join('/') : '/',
        a.roleDefinitionId,
      ),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      createdOn: a.createdOn,
      updatedOn: a.createdOn,
      createdBy: null,
      updatedBy: null,
      condition: null,
      conditionVersion: null,
    },
  });

  /** Splits `<scope>/providers/Microsoft.Authorization/<rest>` into the scope (`/` at the root) and rest. */
  function splitScope(path: string): { scope: string; rest: string } | undefined {
    const m = /^(.*?)\/?providers\/Microsoft\.Authorization\/(.*)$/i.exec(path);
    if (!m) return undefined;
    const scope = `/${(m[1] ?? '').replace(/^\/+|\/+$/g, '')}`;
    return { scope: scope === '/' ? '/' : scope, rest: m[2] ?? '' };
  }

  const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
    const path = (req.params.path ?? '').replace(/^\/+/, '');
    const auth = ctx.tokens.requireArm(req);

    // --- elevate access ----------------------------------------------------------------------------
    if (/^providers\/Microsoft\.Authorization\/elevateAccess$/i.test(path) && req.method === 'POST') {
      const bad = checkApiVersion(req, API_VERSIONS.elevate);
      if (bad) return bad;
      if (!auth.ok) return auth.response;
      if (!hasRole(auth.claims, ROLE_IDS.globalAdministrator)) {
        return denied(
          auth.claims,
          'Microsoft.Authorization/elevateAccess/action',
          '/providers/Microsoft.Authorization',
        );
      }
      const exists = assignmentsIn(auth.claims.tid).some(
        (a) =>
          a.scope === '/' &&
          a.principalId === auth.claims.oid &&
          a.roleDefinitionId === ARM_ROLES.userAccessAdministrator,
      );
      if (!exists) {
        state.data.armRoleAssignments.push({
          name: crypto.randomUUID(),
          tenantId: auth.claims.tid,
          scope: '/',
          roleDefinitionId: ARM_ROLES.userAccessAdministrator,
          principalId: auth.claims.oid,
          principalType: 'User',
          createdOn: now(),
        });
        ctx.changed();
      }
      return { status: 200 };
    }

    // --- subscriptions -----------------------------------------------------------------------------
    if (/^subscriptions$/i.test(path) && req.method === 'GET') {
      const bad = checkApiVersion(req, API_VERSIONS.subscriptions);
      if (bad) return bad;
      if (!auth.ok) return auth.response;
      // UNCONFIRMED (conservative): a subscription is listed only to callers with a role on it or
      // above it (elevated access at `/` counts); being Global Administrator alone is not enough.
      const visible = state.data.subscriptions.filter(
        (s) =>
          s.tenantId === auth.claims.tid &&
          rolesAt(auth.claims, `/subscriptions/${s.subscriptionId}`).size > 0,
      );
      return {
        status: 200,
        json: {
          value: visible.map((s) => ({
            id: `/subscriptions/${s.subscriptionId}`,
            subscriptionId: s.subscriptionId,
            tenantId: s.tenantId,
            displayName: s.displayName,
            state: s.state,
            authorizationSource: 'RoleBased',
          })),
        },
      };
    }

    // --- Copilot in Azure settings ----------------------------------------------------------------
    if (/^providers\/Microsoft\.PortalServices\/copilotSettings\/default$/i.test(path)) {
      const bad = checkApiVersion(req, API_VERSIONS.copilot);
      if (bad) return bad;
      if (!auth.ok) return auth.response;
      const scope = '/providers/Microsoft.PortalServices';
      const canWrite = [...rolesAt(auth.claims, scope)].some((r) => ASSIGNERS.has(r));
      const settings = state.data.copilotSettings.find((s) => s.tenantId === auth.claims.tid);
      const json = (accessControlEnabled: boolean) => ({
        id: '/providers/Microsoft.PortalServices/copilotSettings/default',
        name: 'default',
        type: 'Microsoft.PortalServices/copilotSettings',
        properties: { accessControlEnabled, provisioningState: 'Succeeded' },
      });
      if (req.method === 'GET') {
        // UNCONFIRMED: who may read; we allow Global Administrators and anyone who may write.
        if (!canWrite && !hasRole(auth.claims, ROLE_IDS.globalAdministrator))
          return denied(auth.claims, 'Microsoft.PortalServices/copilotSettings/read', scope);
        return { status: 200, json: json(settings?.accessControlEnabled ?? false) };
      }
      if (req.method === 'PUT' || req.method === 'PATCH') {
        if (!canWrite) return denied(auth.claims, 'Microsoft.PortalServices/copilotSettings/write', scope);
        const value = (req.body as { properties?: { accessControlEnabled?: unknown } } | undefined)
          ?.properties?.accessControlEnabled;
        if (typeof value !== 'boolean') {
          if (req.method === 'PUT' || value !== undefined)
            return armError(
              400,
              'InvalidRequestContent',
              'properties.accessControlEnabled must be true or false.',
            );
        }
        const next = typeof value === 'boolean' ? value : (settings?.accessControlEnabled ?? false);
        if (settings) {
          settings.accessControlEnabled = next;
          settings.lastModified = now();
        } else {
          state.data.copilotSettings.push({
            tenantId: auth.claims.tid,
            accessControlEnabled: next,
            lastModified: now(),
          });
        }
        ctx.changed();
        return { status: 200, json: json(next) };
      }
      if (req.method === 'DELETE') {
        if (!canWrite) return denied(auth.claims, 'Microsoft.PortalServices/copilotSettings/delete', scope);
        state.data.copilotSettings = state.data.copilotSettings.filter((s) => s.tenantId !== auth.claims.tid);
        ctx.changed();
        return { status: 200 };
      }
    }

    // --- role assignments and definitions at a scope ----------------------------------------------
    const split = splitScope(path);
    if (split) {
      const { scope, rest } = split;
      const assignment = /^roleAssignments(?:\/([^/]+))?$/i.exec(rest);
      const definition = /^roleDefinitions(?:\/([^/]+))?$/i.exec(rest);
      if (assignment) {
        const bad = checkApiVersion(req, API_VERSIONS.roleAssignments);
        if (bad) return bad;
        if (!auth.ok) return auth.response;
        return roleAssignments(req, auth.claims, scope, assignment[1]);
      }
      if (definition) {
        const bad = checkApiVersion(req, API_VERSIONS.roleDefinitions);
        if (bad) return bad;
        if (!auth.ok) return auth.response;
        const filter = req.query.get('$filter');
        const name = filter ? /^roleName eq '([^']*)'$/i.exec(filter)?.[1] : undefined;
        if (filter && name === undefined)
          return armError(400, 'InvalidFilter', `The filter '${filter}' is not supported.`);
        const json = (d: (typeof ROLE_DEFINITIONS)[number]) => ({
          id: definitionId(scope, d.id),
          name: d.id,
          type: 'Microsoft.Authorization/roleDefinitions',
          properties: {
            roleName: d.roleName,
            type: 'BuiltInRole',
            description: d.description,
            assignableScopes: d.assignableScopes,
            permissions: [],
          },
        });
        if (definition[1]) {
          const d = ROLE_DEFINITIONS.find((x) => x.id === definition[1]?.toLowerCase());
          return d
            ? { status: 200, json: json(d) }
            : armError(404, 'RoleDefinitionDoesNotExist', 'The specified role definition does not exist.');
        }
        return {
          status: 200,
          json: {
            value: ROLE_DEFINITIONS.filter(
              (d) => name === undefined || d.roleName.toLowerCase() === name.toLowerCase(),
            ).map(json),
          },
        };
      }
    }
    return armError(404, 'InvalidResourceType', `The resource type could not be found for path '/${path}'.`);
  };

  function roleAssignments(
    req: SandboxRequest,
    claims: AccessClaims,
    scope: string,
    name: string | undefined,
  ): SandboxResponse {
    const mine = assignmentsIn(claims.tid);
    if (req.method === 'GET' && name === undefined) {
      const filter = req.query.get('$filter');
      let list = mine.filter((a) => within(a.scope, scope) || within(scope, a.scope));
      if (filter) {
        const principal =
          /^principalId eq '([0-9a-fA-F-]{36})'$/.exec(filter)?.[1] ??
          /^assignedTo\('([0-9a-fA-F-]{36})'\)$/.exec(filter)?.[1];
        if (/^atScope\(\)$/.test(filter)) list = list.filter((a) => within(scope, a.scope));
        else if (principal) list = list.filter((a) => a.principalId === principal.toLowerCase());
        else
          return armError(
            400,
            'InvalidFilter',
            `The filter '${filter}' is not supported. Use atScope(), principalId eq '{id}' or assignedTo('{id}').`,
          );
      }
      // Reading assignments needs a role at or above the scope, or asking only about yourself.
      const own = filter !== null && filter.includes(claims.oid);
      if (!own && rolesAt(claims, scope).size === 0)
        return denied(claims, 'Microsoft.Authorization/roleAssignments/read', scope);
      return { status: 200, json: { value: list.map(assignmentJson) } };
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
      return existing
        ? { status: 200, json: assignmentJson(existing) }
        : armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
    }
    const canWrite = [...rolesAt(claims, scope)].some((r) => ASSIGNERS.has(r));
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
          | { properties?: { roleDefinitionId?: unknown; principalId?: unknown; principalType?: unknown } }
          | undefined
      )?.properties;
      const roleId =
        typeof props?.roleDefinitionId === 'string'
          ? props.roleDefinitionId.split('/').pop()?.toLowerCase()
          : undefined;
      const role = ROLE_DEFINITIONS.find((d) => d.id === roleId);
      if (!role)
        return armError(400, 'RoleDefinitionDoesNotExist', 'The specified role definition does not exist.');
      if (!role.assignableScopes.some((s) => within(scope, s))) {
        return armError(
          400,
          'InvalidRoleAssignmentScope',
          `The role '${role.roleName}' cannot be assigned at scope '${scope}'; its assignable scopes are ${role.assignableScopes.join(', ')}.`,
        );
      }
      const principalId = typeof props?.principalId === 'string' ? props.principalId.toLowerCase() : '';
      const principal = state.user(principalId) ?? state.group(principalId);
      if (!principal || principal.tenantId !== claims.tid) {
        return armError(
          400,
          'PrincipalNotFound',
          `Principal ${principalId} does not exist in the directory ${claims.tid}.`,
        );
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
      const created: ArmRoleAssignment = {
        name: name.toLowerCase(),
        tenantId: claims.tid,
        scope,
        roleDefinitionId: role.id,
        principalId,
        principalType: state.group(principalId) ? 'Group' : 'User',
        createdOn: now(),
      };
      state.data.armRoleAssignments.push(created);
      ctx.changed();
      return { status: 201, json: assignmentJson(created) };
    }
    return armError(405, 'MethodNotAllowed', `${req.method} is not allowed on role assignments.`);
  }

  for (const method of ['GET', 'PUT', 'PATCH', 'POST', 'DELETE']) router.add(method, '/arm/*path', handle);
}
