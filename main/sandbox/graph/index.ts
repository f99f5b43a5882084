import type { SandboxContext } from '../context';
import type { Router } from '../http/router';
import { registerBatchRoute } from './batch';
import { registerDirectoryRoutes } from './directory';
import { registerGdapRoutes } from './gdap';

/** Registers every Graph route under /graph/v1.0. `$batch` first: it dispatches to the others. */
export function registerGraphRoutes(router: Router, context: SandboxContext): void {
  registerBatchRoute(router, context);
  registerGdapRoutes(router, context);
  registerDirectoryRoutes(router, context);
}
