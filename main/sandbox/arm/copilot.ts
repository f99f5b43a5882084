/**
 * Copilot in Azure tenant settings in ARM: `Microsoft.PortalServices/copilotSettings/default`
 * (get, create or update with PUT or PATCH, delete).
 */
import { ROLE_IDS } from '../../../shared/gdap/roles';
import type { SandboxContext } from '../context';
import { armError } from '../http/errors';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import { hasRole, type AccessClaims } from '../identity/token-service';
import type { CopilotSettings } from '../state/model';
import { ARM_ROLES, canAssign } from './builtin-roles';
import { API_VERSIONS, within, type ArmHandler, type ArmKit } from './common';

/** Copilot settings with who created and changed them (kept in the state JSON). */
type StoredCopilotSettings = CopilotSettings & {
  createdAt?: string;
  createdBy?: string;
  lastModifiedBy?: string;
};

export function copilotSettingsRoute(ctx: SandboxContext, kit: ArmKit): ArmHandler {
  const { state } = ctx;
  const { now, authorize, rolesAt, denied } = kit;

  /**
   * `Microsoft.PortalServices/copilotSettings/default`, one per tenant (state.data.copilotSettings).
   * Who may write: docs/microsoft-cloud.md 4.4 says it needs copilotSettings/write at the tenant scope,
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
    const canWrite = canAssign(roles);
    const canRead = roles.size > 0 || hasRole(claims, ROLE_IDS.globalAdministrator);
    const settings = state.data.copilotSettings.find((s) => s.tenantId === claims.tid) as
      StoredCopilotSettings | undefined;
    const json = (s: StoredCopilotSettings) => ({
      id: resourceId,
      name: 'default',
      type: 'Microsoft.PortalServices/copilotSettings',
      // No location: a tenant-level proxy resource (the 2024-04-01 spec has none).
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

  // --- Copilot in Azure settings ----------------------------------------------------------------
  // Public spec (Microsoft.PortalServices 2024-04-01): a tenant-level proxy resource
  // `/providers/Microsoft.PortalServices/copilotSettings/default`; PUT answers 201 on create and 200
  // on update, DELETE 200 or 204 when absent.
  return (req, path, token) => {
    if (!/^providers\/Microsoft\.PortalServices\/copilotSettings\/default$/i.test(path)) return undefined;
    const auth = authorize(req, token, API_VERSIONS.copilot);
    if (!auth.ok) return auth.response;
    return copilotSettings(req, auth.claims);
  };
}

/** Copilot in Azure for one user in one tenant, as the Azure portal stand-in shows it. */
export interface CopilotAccess {
  /** Whether the tenant restricts Copilot in Azure to holders of the Azure Copilot User role. */
  readonly restricted: boolean;
  /** Whether this user may use Copilot in Azure there. */
  readonly allowed: boolean;
  /** How: 'everyone', 'role' (own assignment) or the name of the group holding the role; null: not allowed. */
  readonly via: string | null;
}

/**
 * Whether `userId` may use Copilot in Azure in `tenantId`: everyone may while the switch is off (or
 * never written); once restricted, only holders of the role (directly or through a group) at or
 * above `/providers/Microsoft.PortalServices`.
 */
export function copilotAccessOf(ctx: SandboxContext, userId: string, tenantId: string): CopilotAccess {
  const { state } = ctx;
  const restricted =
    state.data.copilotSettings.find((s) => s.tenantId === tenantId)?.accessControlEnabled === true;
  if (!restricted) return { restricted, allowed: true, via: 'everyone' };
  const groups = state.transitiveGroupsOf(userId);
  const holders = state.data.armRoleAssignments.filter(
    (a) =>
      a.tenantId === tenantId &&
      a.roleDefinitionId === ARM_ROLES.copilotForAzureUser &&
      within('/providers/Microsoft.PortalServices', a.scope),
  );
  if (holders.some((a) => a.principalId === userId)) return { restricted, allowed: true, via: 'role' };
  const group = groups.find((g) => holders.some((a) => a.principalId === g.id));
  return group
    ? { restricted, allowed: true, via: group.displayName }
    : { restricted, allowed: false, via: null };
}
