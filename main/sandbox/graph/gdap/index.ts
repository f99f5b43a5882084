/**
 * Graph v1.0 `tenantRelationships` for the partner: relationships (create, list, get, update,
 * delete), their requests (lockForApproval, terminate), access assignments (202 operations on
 * update), operations, delegatedAdminCustomers and their service management details.
 */
import type { SandboxContext } from '../../context';
import type { Router } from '../../http/router';
import { registerAssignmentRoutes } from './assignments';
import { gdapKit } from './common';
import { registerCustomerRoutes } from './customers';
import { registerRelationshipRoutes } from './relationships';

export function registerGdapRoutes(router: Router, ctx: SandboxContext): void {
  const kit = gdapKit(ctx);
  registerRelationshipRoutes(router, ctx, kit);
  registerAssignmentRoutes(router, ctx, kit);
  registerCustomerRoutes(router, ctx, kit);
}
