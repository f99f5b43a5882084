/**
 * Graph v1.0 directory objects in the token's tenant: /me, /organization, users (guests), groups
 * (transitive membership), B2B invitations (with the redeem page), and directory roles: role
 * definitions, role assignments, and PIM schedule requests (active and eligible, with expirations).
 * Each write needs the permission and the directory role the real service needs (docs/microsoft-cloud.md
 * section 2), and answers 403 with Graph's error body otherwise.
 */
import type { SandboxContext } from '../../context';
import type { Router } from '../../http/router';
import { directoryKit } from './common';
import { registerGroupRoutes } from './groups';
import { registerInvitationRoutes } from './invitations';
import { registerPimRoutes } from './pim';
import { registerRoleRoutes } from './roles';
import { registerUserRoutes } from './users';

export function registerDirectoryRoutes(router: Router, ctx: SandboxContext): void {
  const kit = directoryKit(ctx);
  registerUserRoutes(router, ctx, kit);
  registerGroupRoutes(router, ctx, kit);
  registerInvitationRoutes(router, ctx, kit);
  registerRoleRoutes(router, ctx, kit);
  registerPimRoutes(router, ctx, kit);
}
