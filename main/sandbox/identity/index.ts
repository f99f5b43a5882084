import type { SandboxContext } from '../context';
import type { Router } from '../http/router';

export interface IdentityOptions {
  readonly deviceCodeIntervalSeconds: number;
}

/** Registers the identity routes. */
export function registerIdentityRoutes(
  router: Router,
  context: SandboxContext,
  options: IdentityOptions,
): void {
  void router;
  void context;
  void options;
}
