import type { SandboxContext } from '../context';
import type { Router } from '../http/router';

/** Registers the graph routes (filled in by their module). */
export function registerGraphRoutes(router: Router, context: SandboxContext): void {
  void router;
  void context;
}
