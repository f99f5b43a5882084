import type { SandboxContext } from '../context';
import type { Router } from '../http/router';

/** Registers the arm routes (filled in by their module). */
export function registerArmRoutes(router: Router, context: SandboxContext): void {
  void router;
  void context;
}
