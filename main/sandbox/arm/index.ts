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
import type { ArmRoleAssignment, CopilotSettings, Subscription } from '../state/model';

/** Copilot settings with who created and changed them (kept in the state JSON). */
type StoredCopilotSettings = CopilotSettings & {
  createdAt?: string;
  createdBy?: string;
  lastModifiedBy?: string;
};

/**
 * What the sandbox keeps for an assignment. The extra fields ride along in the state JSON; the
 * elevation written by elevateAccess has none (ARM shows createdBy null for it too).
 */
type StoredAssignment = ArmRoleAssignment & {
  readonly createdBy?: string;
  readonly updatedBy?: string;
  readonly updatedOn?: string;
  readonly description?: string;
  readonly condition?: string;
  readonly conditionVersion?: string;
};

/** Items per page of a role assignment list before `nextLink` (UNCONFIRMED: ARM's page size). */
export const ROLE_ASSIGNMENT_PAGE_SIZE = 100;

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
    permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }],
  },
  {
    id: ARM_ROLES.contributor,
    roleName: 'Contributor',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.',
    assignableScopes: ['/'],
    permissions: [
      {
        actions: ['*'],
        notActions: [
          'Microsoft.Authorization/*/Delete',
          'Microsoft.Authorization/*/Write',
          'Microsoft.Authorization/elevateAccess/Action',
          'Microsoft.Blueprint/blueprintAssignments/write',
          'Microsoft.Blueprint/blueprintAssignments/delete',
          'Microsoft.Compute/galleries/share/action',
          'Microsoft.Purview/consents/write',
          'Microsoft.Purview/consents/delete',
        ],
        dataActions: [],
        notDataActions: [],
      },
    ],
  },
  {
    id: ARM_ROLES.reader,
    roleName: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    assignableScopes: ['/'],
    permissions: [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
  },
  {
    id: ARM_ROLES.userAccessAdministrator,
    roleName: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    assignableScopes: ['/'],
    permissions: [
      {
        actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
        notActions: [],
        dataActions: [],
        notDataActions: [],
      },
    ],
  },
  {
    id: ARM_ROLES.copilotForAzureUser,
    roleName: 'Copilot for Azure User',
    description: 'Grants access to Copilot in Azure (Azure Copilot).',
    // UNCONFIRMED (microsoft-cloud.md 4.4): permissions from the same third-party catalogue.
    assignableScopes: ['/providers/Microsoft.PortalServices'],
    permissions: [
      {
        actions: [
          'Microsoft.Authorization/roleAssignments/read',
          'Microsoft.Authorization/roleDefinitions/read',
        ],
        notActions: [],
        dataActions: ['Microsoft.PortalServices/copilotSettings/conversations/action'],
        notDataActions: [],
      },
    ],
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
  // The public spec's versions (azure-rest-api-specs, specification/portalservices).
  copilot: [
    '2024-04-01',
    '2024-04-01-preview',
    '2024-07-01-preview',
    '2024-08-01-preview',
    '2024-09-01-preview',
    '2025-08-01-preview',
    '2025-09-10-preview',
  ],
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

  /**
   * A built-in role definition's ID as ARM writes it: subscription-scoped
   * (`/subscriptions/{id}/providers/...`) at or under a subscription, tenant-scoped
   * (`/providers/...`) everywhere else.
   */
  const definitionId = (scope: string, id: string) => {
    const sub = /^\/subscriptions\/[^/]+/i.exec(scope)?.[0] ?? '';
    return `${sub}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
  };

  const assignmentJson = (a: StoredAssignment) => ({
    id: `${a.scope === '/' ? '' : a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: definitionId(a.scope, a.roleDefinitionId),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: a.condition ?? null,
      conditionVersion: a.conditionVersion ?? null,
      createdOn: a.createdOn,
      updatedOn: a.updatedOn ?? a.createdOn,
      createdBy: a.createdBy ?? null,
      updatedBy: a.updatedBy ?? a.createdBy ?? null,
      delegatedManagedIdentityResourceId: null,
      description: a.description ?? null,
    },
  });

  /**
   * A scope under a subscription must name an existing subscription of the token's tenant. Another
   * tenant's subscription: ARM's 401 InvalidAuthenticationTokenTenant, whose WWW-Authenticate names
   * the right tenant (how Azure CLI discovers a subscription's tenant). Unknown: 404
   * SubscriptionNotFound.
   */
  function scopeProblem(claims: AccessClaims, scope: string): SandboxResponse | undefined {
    const id = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1]?.toLowerCase();
    if (id === undefined) return undefined;
    const sub = state.data.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id);
    if (!sub) return armError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
    if (sub.tenantId === claims.tid) return undefined;
    const message = `The access token is from the wrong issuer 'https://sts.windows.net/${claims.tid}/'. It must match the tenant 'https://sts.windows.net/${sub.tenantId}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${sub.tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`;
    return armError(401, 'InvalidAuthenticationTokenTenant', message, {
      'www-authenticate': `Bearer authorization_uri="${ctx.baseUrl}/${sub.tenantId}", error="invalid_token", error_description="The access token is from the wrong issuer."`,
    });
  }

  /** Splits `<scope>/providers/Microsoft.Authorization/<rest>` into the scope (`/` at the root) and rest. */
  function splitScope(path: string): { scope: string; rest: string } | undefined {
    const m = /^(.*?)\/?providers\/Microsoft\.Authorization\/(.*)$/i.exec(path);
    if (!m) return undefined;
    const scope = `/${(m[1] ?? '').replace(/^\/+|\/+$/g, '')}`;
    return { scope: scope === '/' ? '/' : scope, rest: m[2] ?? '' };
  }

  const subscriptionJson = (s: Subscription) => ({
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  });

  /**
   * `Microsoft.PortalServices/copilotSettings/default`, one per tenant (state.data.copilotSettings).
   * Who may write: microsoft-cloud.md 4.4 says it needs copilotSettings/write at the tenant scope,
   * "in practice elevated access" — the sandbox accepts Owner or User Access Administrator at or above
   * `/providers/Microsoft.PortalServices` (an elevated Global Administrator has UAA at `/`).
   * UNCONFIRMED: UAA's own actions (`*\/read`, `Microsoft.Authorization/*`) would not include a
   * PortalServices write in pure RBAC terms; the portal flow (elevate, then toggle) says it works.
   * Who may read: UNCONFIRMED; the sandbox allows Global Administrators and anyone with a role at or
   * above that scope.
   * Never written: GET and PATCH answer 404 ResourceNotFound (UNCONFIRMED; ARM's usual answer for a
   * resource never created — the service default is "available to all users"), PUT creates (201).
   */
  function copilotSettings(req: SandboxRequest, claims: AccessClaims): SandboxResponse {
    const scope = '/providers/Microsoft.PortalServices';
    const resourceId = `${scope}/copilotSettings/default`;
    const roles = rolesAt(claims, scope);
    const canWrite = [...roles].some((r) => ASSIGNERS.has(r));
    const canRead = roles.size > 0 || hasRole(claims, ROLE_IDS.globalAdministrator);
    const settings = state.data.copilotSettings.find((s) => s.tenantId === claims.tid) as
      StoredCopilotSettings | undefined;
    const json = (s: StoredCopilotSettings) => ({
      id: resourceId,
      name: 'default',
      type: 'Microsoft.PortalServices/copilotSettings',
      location: 'global',
      properties: { accessControlEnabled: s.accessControlEnabled, provisioningState: 'Succeeded' },
      systemData: {
        createdBy: s.createdBy ?? null,
        createdByType: 'User',
        createdAt: s.createdAt ?? s.lastModified,
        lastModifiedBy: s.lastModifiedBy ?? null,
        lastModifiedByType: 'User',
        lastModifiedAt: s.lastModified,
      },
    });
    const notFound = () =>
      armError(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.PortalServices/copilotSettings/default' under tenant '${claims.tid}' was not found.`,
      );
    const who = claims.upn ?? claims.oid;
    switch (req.method) {
      case 'GET':
        if (!canRead) return denied(claims, 'Microsoft.PortalServices/copilotSettings/read', resourceId);
        return settings ? { status: 200, json: json(settings) } : notFound();
      case 'PUT':
      case 'PATCH': {
        if (!canWrite) return denied(claims, 'Microsoft.PortalServices/copilotSettings/write', resourceId);
        const value = (req.body as { properties?: { accessControlEnabled?: unknown } } | undefined)
          ?.properties?.accessControlEnabled;
        // PUT needs the property (required in the spec); PATCH may leave it out.
        if (typeof value !== 'boolean' && (req.method === 'PUT' || value !== undefined)) {
          return armError(
            400,
            'InvalidRequestContent',
            "The request content was invalid: 'properties.accessControlEnabled' must be a boolean.",
          );
        }
        if (req.method === 'PATCH' && !settings) return notFound();
        if (settings) {
          if (typeof value === 'boolean') settings.accessControlEnabled = value;
          settings.lastModified = now();
          settings.lastModifiedBy = who;
          ctx.changed();
          return { status: 200, json: json(settings) };
        }
        const created: StoredCopilotSettings = {
          tenantId: claims.tid,
          accessControlEnabled: value as boolean,
          lastModified: now(),
          createdAt: now(),
          createdBy: who,
          lastModifiedBy: who,
        };
        state.data.copilotSettings.push(created);
        ctx.changed();
        return { status: 201, json: json(created) };
      }
      case 'DELETE':
        if (!canWrite) return denied(claims, 'Microsoft.PortalServices/copilotSettings/delete', resourceId);
        if (!settings) return { status: 204 };
        state.data.copilotSettings = state.data.copilotSettings.filter((s) => s !== settings);
        ctx.changed();
        return { status: 200 };
      default:
        return armError(405, 'MethodNotAllowed', `${req.method} is not allowed on copilotSettings.`);
    }
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
          value: visible.map(subscriptionJson),
        },
      };
    }

    // --- Copilot in Azure settings ----------------------------------------------------------------
    // Public spec (Microsoft.PortalServices 2024-04-01): a tenant-level proxy resource
    // `/providers/Microsoft.PortalServices/copilotSettings/default`; PUT answers 201 on create and 200
    // on update, DELETE 200 or 204 when absent.
    if (/^providers\/Microsoft\.PortalServices\/copilotSettings\/default$/i.test(path)) {
      const bad = checkApiVersion(req, API_VERSIONS.copilot);
      if (bad) return bad;
      if (!auth.ok) return auth.response;
      return copilotSettings(req, auth.claims);
    }

    // --- subscriptions/{id} ------------------------------------------------------------------------
    const subMatch = /^subscriptions\/([^/]+)$/i.exec(path);
    if (subMatch && req.method === 'GET') {
      const bad = checkApiVersion(req, API_VERSIONS.subscriptions);
      if (bad) return bad;
      if (!auth.ok) return auth.response;
      const id = (subMatch[1] ?? '').toLowerCase();
      const wrong = scopeProblem(auth.claims, `/subscriptions/${id}`);
      if (wrong) return wrong;
      const sub = state.data.subscriptions.find(
        (s) => s.subscriptionId.toLowerCase() === id && s.tenantId === auth.claims.tid,
      );
      if (!sub || rolesAt(auth.claims, `/subscriptions/${sub.subscriptionId}`).size === 0)
        return armError(404, 'SubscriptionNotFound', `The subscription '${subMatch[1]}' could not be found.`);
      return { status: 200, json: subscriptionJson(sub) };
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
        const wrong = scopeProblem(auth.claims, scope);
        if (wrong) return wrong;
        return roleAssignments(req, auth.claims, scope, assignment[1]);
      }
      if (definition) {
        const bad = checkApiVersion(req, API_VERSIONS.roleDefinitions);
        if (bad) return bad;
        if (!auth.ok) return auth.response;
        const wrong = scopeProblem(auth.claims, scope);
        if (wrong) return wrong;
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
            permissions: d.permissions,
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

  for (const method of ['GET', 'PUT', 'PATCH', 'POST', 'DELETE']) router.add(method, '/arm/*path', handle);
}
