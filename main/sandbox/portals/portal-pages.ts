import type { SandboxContext } from '../context';
import type { Router } from '../http/router';

/** Stub: filled in by its module's owner. */
export function registerPortalPages(router: Router, context: SandboxContext): void {
  void router;
  void context;
}
