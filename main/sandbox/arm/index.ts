/**
 * Azure Resource Manager under `/arm`: elevate access (a Global Administrator gets User Access
 * Administrator at `/`), role assignments and definitions at any scope, subscriptions, and the
 * Copilot in Azure tenant settings (`Microsoft.PortalServices/copilotSettings/default`). api-version
 * is checked on every route; errors use ARM's body (docs/microsoft-cloud.md section 4).
 *
 * One route takes every method under `/arm/*path`; each group of routes answers the paths that are
 * its own (first that does wins), and any other path is ARM's 404 InvalidResourceType.
 */
import type { SandboxContext } from '../context';
import { armError } from '../http/errors';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import { armKit, type ArmHandler } from './common';
import { copilotSettingsRoute } from './copilot';
import { elevateAccessRoute } from './elevate';
import { roleAssignmentRoutes } from './role-assignments';
import { roleDefinitionRoutes } from './role-definitions';
import { subscriptionRoutes } from './subscriptions';

export { ARM_ROLES } from './builtin-roles';
export { ROLE_ASSIGNMENT_PAGE_SIZE } from './role-assignments';

export function registerArmRoutes(router: Router, ctx: SandboxContext): void {
  const kit = armKit(ctx);
  const handlers: ArmHandler[] = [
    elevateAccessRoute(ctx, kit),
    subscriptionRoutes(ctx, kit),
    copilotSettingsRoute(ctx, kit),
    roleAssignmentRoutes(ctx, kit),
    roleDefinitionRoutes(kit),
  ];

  const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
    const path = (req.params.path ?? '').replace(/^\/+/, '');
    const auth = ctx.tokens.requireArm(req);
    for (const answer of handlers) {
      const response = answer(req, path, auth);
      if (response) return response;
    }
    return armError(404, 'InvalidResourceType', `The resource type could not be found for path '/${path}'.`);
  };

  for (const method of ['GET', 'PUT', 'PATCH', 'POST', 'DELETE']) router.add(method, '/arm/*path', handle);
}
