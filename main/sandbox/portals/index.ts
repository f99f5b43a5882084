import type { SandboxContext } from '../context';
import type { Router } from '../http/router';
import { registerAdminCenterRoutes } from './admin-center';
import { registerPortalPages } from './portal-pages';

/** Registers the portal stand-ins under /portals/<portal host>/. The admin center first (GDAP approval). */
export function registerPortalRoutes(router: Router, context: SandboxContext): void {
  registerAdminCenterRoutes(router, context);
  registerPortalPages(router, context);
}
