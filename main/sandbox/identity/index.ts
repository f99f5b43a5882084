/**
 * Microsoft identity platform v2 endpoints, per tenant, as login.microsoftonline.com has them:
 * metadata, keys, instance discovery, the authorize sign-in (user, then consent, then a form_post
 * back to the app's loopback redirect), the token endpoint (authorization code with PKCE, refresh
 * token, device code, client credentials) and the device-code sign-in page.
 */
import type { SandboxContext } from '../context';
import type { Router } from '../http/router';
import { registerAuthorizeRoutes } from './authorize';
import { identityKit, type IdentityOptions } from './common';
import { registerDeviceCodeRoutes } from './device-code';
import { registerMetadataRoutes } from './metadata';
import { registerTokenRoutes } from './token';

export type { IdentityOptions };

export function registerIdentityRoutes(router: Router, ctx: SandboxContext, options: IdentityOptions): void {
  const kit = identityKit(ctx);
  registerMetadataRoutes(router, ctx, kit);
  registerAuthorizeRoutes(router, ctx, kit);
  registerTokenRoutes(router, ctx, kit);
  registerDeviceCodeRoutes(router, ctx, kit, options);
}
