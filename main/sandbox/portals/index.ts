import type { SandboxContext } from '../context';
import type { Router } from '../http/router';

/** Registers the portals routes (filled in by their module). */
export function registerPortalRoutes(router: Router, context: SandboxContext): void {
  void router;
  void context;
}
