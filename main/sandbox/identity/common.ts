/**
 * What every identity route of the sandbox shares: the sign-ins in flight (authorization and device
 * codes), the tenant a path segment names (as login.microsoftonline.com reads it), the users a sign-in
 * page offers and the application names the pages show.
 */
import type { SandboxContext } from '../context';
import { oauthError } from '../http/errors';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import type { Tenant, User } from '../state/model';
import { Flows } from './flows';

export interface IdentityOptions {
  readonly deviceCodeIntervalSeconds: number;
}

export const SESSION_COOKIE = 'sbx_session';

export type IdentityKit = ReturnType<typeof identityKit>;

export function identityKit(ctx: SandboxContext) {
  const flows = new Flows();
  const { state } = ctx;

  /** The tenant a path segment names: a GUID or verified domain; common/organizations are 'multi'. */
  function tenantSegment(segment: string): Tenant | 'multi' | undefined {
    const lower = segment.toLowerCase();
    if (lower === 'common' || lower === 'organizations') return 'multi';
    return state.tenant(lower);
  }

  function unknownTenant(req: SandboxRequest, segment: string): SandboxResponse {
    return oauthError(
      req,
      400,
      'invalid_request',
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );
  }

  /** The token and devicecode endpoints' answer to a client_id that names no application. */
  function unknownClient(req: SandboxRequest, clientId: string | undefined): SandboxResponse {
    return oauthError(
      req,
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId ?? ''}' was not found in the directory.`,
    );
  }

  /** The tenant a sign-in is for: the one the segment names, or the user's home for common/organizations. */
  function signInTenantId(segment: string, user: User): string {
    const t = tenantSegment(segment);
    return t === 'multi' || t === undefined ? user.tenantId : t.id;
  }

  function usersFor(segment: string): User[] {
    const t = tenantSegment(segment);
    if (t === 'multi' || t === undefined) return state.data.users.filter((u) => u.userType === 'Member');
    return state.data.users.filter((u) => u.tenantId === t.id && u.userType === 'Member');
  }

  function appName(clientId: string | undefined): string {
    return state.data.applications.find((a) => a.clientId === clientId)?.displayName ?? 'The application';
  }

  return { flows, tenantSegment, unknownTenant, unknownClient, signInTenantId, usersFor, appName };
}
