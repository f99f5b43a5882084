/**
 * ARM elevate access: a Global Administrator's POST to
 * `/providers/Microsoft.Authorization/elevateAccess` gives them User Access Administrator at `/`.
 */
import { ROLE_IDS } from '../../../shared/gdap/roles';
import type { SandboxContext } from '../context';
import { hasRole } from '../identity/token-service';
import { ARM_ROLES } from './builtin-roles';
import { API_VERSIONS, type ArmHandler, type ArmKit } from './common';

export function elevateAccessRoute(ctx: SandboxContext, kit: ArmKit): ArmHandler {
  const { state } = ctx;
  const { now, authorize, assignmentsIn, denied } = kit;
  return (req, path, token) => {
    if (!/^providers\/Microsoft\.Authorization\/elevateAccess$/i.test(path) || req.method !== 'POST')
      return undefined;
    const auth = authorize(req, token, API_VERSIONS.elevate);
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
  };
}
