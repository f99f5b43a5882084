/**
 * What every ARM route of the sandbox shares: the api-version check, the token and subscription
 * checks, role assignments in effect at a scope, ARM's 403 body, scope parsing and the JSON shape of
 * a role assignment.
 */
import type { SandboxContext } from '../context';
import { armError } from '../http/errors';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import type { AccessClaims } from '../identity/token-service';
import type { ArmRoleAssignment } from '../state/model';

/**
 * What the sandbox keeps for an assignment. The extra fields ride along in the state JSON; the
 * elevation written by elevateAccess has none (ARM shows createdBy null for it too).
 */
export type StoredAssignment = ArmRoleAssignment & {
  readonly createdBy?: string;
  readonly updatedBy?: string;
  readonly updatedOn?: string;
  readonly description?: string;
  readonly condition?: string;
  readonly conditionVersion?: string;
};

export const API_VERSIONS = {
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

export type ArmAuth = { ok: true; claims: AccessClaims } | { ok: false; response: SandboxResponse };

/**
 * One group of ARM routes: its answer for `path` (below `/arm/`, no leading slash), or undefined
 * when the path or method is not one of its own. `auth` is the token check, made once a request.
 */
export type ArmHandler = (req: SandboxRequest, path: string, auth: ArmAuth) => SandboxResponse | undefined;

/** Whether `scope` is `ancestor` or below it. */
export const within = (scope: string, ancestor: string) =>
  ancestor === '/' ||
  scope.toLowerCase() === ancestor.toLowerCase() ||
  scope.toLowerCase().startsWith(`${ancestor.toLowerCase()}/`);

/**
 * A built-in role definition's ID as ARM writes it: subscription-scoped
 * (`/subscriptions/{id}/providers/...`) at or under a subscription, tenant-scoped
 * (`/providers/...`) everywhere else.
 */
export const definitionId = (scope: string, id: string) => {
  const sub = /^\/subscriptions\/[^/]+/i.exec(scope)?.[0] ?? '';
  return `${sub}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
};

/** Splits `<scope>/providers/Microsoft.Authorization/<rest>` into the scope (`/` at the root) and rest. */
export function splitScope(path: string): { scope: string; rest: string } | undefined {
  const m = /^(.*?)\/?providers\/Microsoft\.Authorization\/(.*)$/i.exec(path);
  if (!m) return undefined;
  const scope = `/${(m[1] ?? '').replace(/^\/+|\/+$/g, '')}`;
  return { scope: scope === '/' ? '/' : scope, rest: m[2] ?? '' };
}

export type ArmKit = ReturnType<typeof armKit>;

export function armKit(ctx: SandboxContext) {
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

  /**
   * The checks every route makes, in ARM's order: api-version, then the token, then (for a route at
   * a scope) the scope's subscription.
   */
  function authorize(
    req: SandboxRequest,
    auth: ArmAuth,
    versions: ReadonlyArray<string>,
    scope?: string,
  ): ArmAuth {
    const bad = checkApiVersion(req, versions);
    if (bad) return { ok: false, response: bad };
    if (!auth.ok) return auth;
    const wrong = scope === undefined ? undefined : scopeProblem(auth.claims, scope);
    return wrong ? { ok: false, response: wrong } : auth;
  }

  return { now, authorize, assignmentsIn, rolesAt, denied, assignmentJson };
}
