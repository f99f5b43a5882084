/**
 * Issues and checks the sandbox's tokens. Access tokens carry the claims real Graph and ARM tokens
 * carry (v1 format: `iss` https://sts.windows.net/{tid}/, `tid`, `oid`, `upn`, `scp` or `roles`,
 * `wids`, `aud`, `appid`, `idtyp`). Tokens for a customer tenant are issued to a partner user only
 * through an active GDAP path, or to the user's guest account there.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ROLE_IDS } from '../../../shared/gdap/roles';
import type { SandboxClock } from '../clock';
import { armError, graphError } from '../http/errors';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import type { Application, User } from '../state/model';
import type { SandboxState } from '../state/state';
import { b64url, signJwt, verifyJwt, type SigningKey } from './jwt';

const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const ARM_RESOURCE = 'https://management.azure.com';
const ACCESS_TOKEN_LIFETIME_S = 3600;
const REFRESH_TOKEN_LIFETIME_MS = 90 * 86_400_000;

/** What the sandbox's app registration has consent for (the app's documented permissions). */
const DELEGATED_SCOPES: Readonly<Record<string, ReadonlyArray<string>>> = {
  [GRAPH_RESOURCE]: [
    'User.Read',
    'DelegatedAdminRelationship.ReadWrite.All',
    'GroupMember.Read.All',
    'User.Invite.All',
    'User.ReadWrite.All',
    'RoleManagement.ReadWrite.Directory',
    'CrossTenantInformation.ReadBasic.All',
  ],
  [ARM_RESOURCE]: ['user_impersonation'],
};

/**
 * Delegated permissions the app asks for only when a feature needs them (incremental consent), each
 * needing an administrator's consent for the tenant before any token carries it
 * (docs/microsoft-cloud.md 2.5). Until then a silent request for one is AADSTS65001
 * `consent_required`, and the sign-in page asks for the consent.
 */
export const ADMIN_CONSENT_SCOPES: Readonly<Record<string, ReadonlyArray<string>>> = {
  [GRAPH_RESOURCE]: ['GroupMember.ReadWrite.All'],
};

/**
 * Who may consent for the whole tenant: Global Administrator and Privileged Role Administrator.
 * Microsoft also lets Cloud Application and Application Administrators consent to some delegated
 * permissions; UNCONFIRMED for Microsoft Graph's, so the conservative reading leaves them out.
 */
const CONSENTING_ROLES = [ROLE_IDS.globalAdministrator, ROLE_IDS.privilegedRoleAdministrator];

export interface AccessClaims {
  readonly aud: string;
  readonly iss: string;
  readonly tid: string;
  readonly oid: string;
  readonly appid: string;
  readonly idtyp: 'user' | 'app';
  readonly scp?: string;
  readonly roles?: ReadonlyArray<string>;
  readonly wids?: ReadonlyArray<string>;
  readonly upn?: string;
  readonly exp: number;
}

/** A refresh token's grant: who, for which app; any tenant may be asked for with it (MRRT). */
interface RefreshGrant {
  readonly userId: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

/** Which resource a requested scope belongs to, and its short scopes. */
export function resourceOf(
  scopes: ReadonlyArray<string>,
): { resource: string; scopes: string[] } | undefined {
  const real = scopes.filter((s) => !['openid', 'profile', 'offline_access', 'email'].includes(s));
  if (real.length === 0) return { resource: GRAPH_RESOURCE, scopes: ['User.Read'] };
  let resource: string | undefined;
  const short: string[] = [];
  for (const s of real) {
    const m = /^(https:\/\/[^/]+)\/(.+)$/.exec(s);
    const r = m ? (m[1] as string) : GRAPH_RESOURCE;
    const name = m ? (m[2] as string) : s;
    if (resource !== undefined && resource !== r) return undefined;
    resource = r;
    short.push(name);
  }
  if (resource !== GRAPH_RESOURCE && resource !== ARM_RESOURCE) return undefined;
  return { resource: resource as string, scopes: short };
}

export class TokenService {
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(
    private readonly key: SigningKey,
    private readonly state: SandboxState,
    private readonly clock: SandboxClock,
    private readonly baseUrl: string,
  ) {}

  get signingKey(): SigningKey {
    return this.key;
  }

  /** What the app may put in a token for `tenantId`: its registration's permissions and the consents given there. */
  consentedScopes(clientId: string, tenantId: string, resource: string): ReadonlyArray<string> {
    const granted = (this.state.data.consentGrants ?? [])
      .filter((g) => g.clientId === clientId && g.tenantId === tenantId && g.resource === resource)
      .flatMap((g) => g.scopes);
    return [...new Set([...(DELEGATED_SCOPES[resource] ?? []), ...granted])];
  }

  /** The scopes asked for that need an administrator's consent not yet given in `tenantId`. */
  missingConsent(
    clientId: string,
    tenantId: string,
    requested: { resource: string; scopes: ReadonlyArray<string> },
  ): string[] {
    const consented = this.consentedScopes(clientId, tenantId, requested.resource);
    const needing = ADMIN_CONSENT_SCOPES[requested.resource] ?? [];
    return requested.scopes.filter((s) => needing.includes(s) && !consented.includes(s));
  }

  /** Whether `user` may consent for everyone in `tenantId` (an administrator of it). */
  mayConsentForTenant(user: User, tenantId: string): boolean {
    if (user.tenantId !== tenantId) return false;
    const roles = this.state.activeRoleIds(user.id);
    return CONSENTING_ROLES.some((r) => roles.includes(r));
  }

  /** Records an administrator's consent for the whole tenant. */
  grantConsent(
    clientId: string,
    tenantId: string,
    requested: { resource: string; scopes: ReadonlyArray<string> },
    adminId: string,
  ): void {
    const grants = (this.state.data.consentGrants ??= []);
    grants.push({
      clientId,
      tenantId,
      resource: requested.resource,
      scopes: [...requested.scopes],
      grantedBy: adminId,
      grantedDateTime: this.clock.now().toISOString(),
    });
  }

  /**
   * The directory roles `user` gets in `tenantId`: its own roles at home, the GDAP path's roles for a
   * partner user in a customer tenant, or its guest account's roles. undefined: no way in.
   */
  rolesIn(user: User, tenantId: string): ReadonlyArray<string> | undefined {
    if (user.tenantId === tenantId) return this.state.activeRoleIds(user.id);
    if (user.tenantId === this.state.partnerTenantId) {
      const gdap = this.state.gdapRoleIds(user.id, tenantId);
      const guest = this.state.guestIn(user.id, tenantId);
      const guestRoles =
        guest && guest.externalUserState === 'Accepted' ? this.state.activeRoleIds(guest.id) : undefined;
      if (gdap.length === 0 && guestRoles === undefined) return undefined;
      return [...new Set([...gdap, ...(guestRoles ?? [])])];
    }
    return undefined;
  }

  issueUserTokens(
    user: User,
    tenantId: string,
    clientId: string,
    requested: { resource: string; scopes: string[] },
    nonce?: string,
  ): Record<string, unknown> {
    const wids = this.rolesIn(user, tenantId) ?? [];
    const consented = this.consentedScopes(clientId, tenantId, requested.resource);
    const scopes = requested.scopes.includes('.default')
      ? consented
      : requested.scopes.filter((s) => consented.includes(s));
    const now = Math.floor(this.clock.nowMs() / 1000);
    const oid = this.objectIdIn(user, tenantId);
    const access = signJwt(this.key, {
      aud: requested.resource,
      iss: `https://sts.windows.net/${tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + ACCESS_TOKEN_LIFETIME_S,
      appid: clientId,
      idtyp: 'user',
      name: user.displayName,
      oid,
      scp: scopes.join(' '),
      tid: tenantId,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      uti: b64url(randomBytes(16)),
      ver: '1.0',
      wids,
    });
    const idToken = signJwt(this.key, {
      aud: clientId,
      iss: `${this.baseUrl}/${tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + ACCESS_TOKEN_LIFETIME_S,
      name: user.displayName,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      sub: b64url(`${user.id}:${clientId}`).slice(0, 43),
      tid: tenantId,
      ver: '2.0',
      ...(nonce ? { nonce } : {}),
    });
    const refresh = `sbx.${b64url(randomBytes(32))}`;
    this.refreshTokens.set(refresh, {
      userId: user.id,
      clientId,
      expiresAt: this.clock.nowMs() + REFRESH_TOKEN_LIFETIME_MS,
    });
    return {
      token_type: 'Bearer',
      scope: scopes.map((s) => `${requested.resource}/${s}`).join(' ') + ' openid profile offline_access',
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
      access_token: access,
      refresh_token: refresh,
      id_token: idToken,
      // The home account stays the partner tenant whatever tenant the token is for (MSAL's key).
      client_info: b64url(JSON.stringify({ uid: user.id, utid: user.tenantId })),
    };
  }

  issueAppToken(app: Application, tenantId: string, resource: string): Record<string, unknown> {
    const now = Math.floor(this.clock.nowMs() / 1000);
    return {
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
      access_token: signJwt(this.key, {
        aud: resource,
        iss: `https://sts.windows.net/${tenantId}/`,
        iat: now,
        nbf: now,
        exp: now + ACCESS_TOKEN_LIFETIME_S,
        appid: app.clientId,
        idtyp: 'app',
        oid: app.clientId,
        roles: app.appRoles,
        tid: tenantId,
        uti: b64url(randomBytes(16)),
        ver: '1.0',
      }),
    };
  }

  redeemRefreshToken(token: string): RefreshGrant | undefined {
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.expiresAt <= this.clock.nowMs()) return undefined;
    return grant;
  }

  /** Revokes every refresh token of a user (sign-out everywhere, or a test). */
  revokeUser(userId: string): void {
    for (const [token, grant] of this.refreshTokens)
      if (grant.userId === userId) this.refreshTokens.delete(token);
  }

  /** Graph's checks on a bearer token; the claims, or Graph's 401 answer. */
  requireGraph(
    req: SandboxRequest,
  ): { ok: true; claims: AccessClaims } | { ok: false; response: SandboxResponse } {
    const result = this.check(req, GRAPH_RESOURCE);
    if (result.ok) return result;
    // Graph's 401 names the authority to get a token from, as ARM's does.
    return {
      ok: false,
      response: graphError(req, 401, 'InvalidAuthenticationToken', result.message, {
        'www-authenticate': `Bearer realm="", authorization_uri="${this.baseUrl}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
      }),
    };
  }

  /** ARM's checks on a bearer token; the claims, or ARM's 401 answer with its WWW-Authenticate. */
  requireArm(
    req: SandboxRequest,
  ): { ok: true; claims: AccessClaims } | { ok: false; response: SandboxResponse } {
    const result = this.check(req, ARM_RESOURCE);
    if (result.ok) return result;
    return {
      ok: false,
      response: armError(401, result.armCode, result.message, {
        'www-authenticate': `Bearer authorization_uri="${this.baseUrl}/", error="invalid_token", error_description="${result.message.replace(/"/g, "'")}"`,
      }),
    };
  }

  private check(
    req: SandboxRequest,
    resource: string,
  ): { ok: true; claims: AccessClaims } | { ok: false; message: string; armCode: string } {
    const header = req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) {
      return resource === GRAPH_RESOURCE
        ? { ok: false, message: 'Access token is empty.', armCode: 'AuthenticationFailed' }
        : {
            ok: false,
            message: "Authentication failed. The 'Authorization' header is missing.",
            armCode: 'AuthenticationFailed',
          };
    }
    const verified = verifyJwt(this.key, token);
    if (!verified.ok) {
      return verified.reason === 'malformed'
        ? {
            ok: false,
            message: 'IDX14100: JWT is not well formed, there are no dots (.).',
            armCode: 'InvalidAuthenticationToken',
          }
        : { ok: false, message: 'Access token validation failure.', armCode: 'InvalidAuthenticationToken' };
    }
    const claims = verified.claims as unknown as AccessClaims & { nbf?: number };
    const now = this.clock.nowMs() / 1000;
    // Both Graph and ARM allow 5 minutes of clock skew.
    if (typeof claims.exp !== 'number' || claims.exp + 300 < now || (claims.nbf ?? 0) - 300 > now) {
      return {
        ok: false,
        message:
          resource === GRAPH_RESOURCE
            ? 'Access token has expired or is not yet valid.'
            : `The access token expiry UTC time '${new Date((claims.exp ?? 0) * 1000).toUTCString()}' is earlier than current UTC time '${new Date(now * 1000).toUTCString()}'.`,
        armCode: 'ExpiredAuthenticationToken',
      };
    }
    const aud = String(claims.aud).replace(/\/$/, '');
    if (aud !== resource) {
      return {
        ok: false,
        message:
          resource === GRAPH_RESOURCE
            ? 'Access token validation failure. Invalid audience.'
            : `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences '${ARM_RESOURCE}/','${ARM_RESOURCE}'.`,
        armCode: 'InvalidAuthenticationTokenAudience',
      };
    }
    if (
      typeof claims.tid !== 'string' ||
      claims.iss !== `https://sts.windows.net/${claims.tid}/` ||
      !this.state.tenant(claims.tid)
    ) {
      return {
        ok: false,
        message:
          resource === GRAPH_RESOURCE
            ? 'Access token validation failure. Invalid issuer.'
            : 'The access token is from the wrong issuer. It must match the tenant associated with this request.',
        armCode: 'InvalidAuthenticationTokenTenant',
      };
    }
    return { ok: true, claims };
  }

  /** The object a user is in `tenantId`: itself at home or through GDAP, its guest account otherwise. */
  private objectIdIn(user: User, tenantId: string): string {
    if (user.tenantId === tenantId) return user.id;
    if (this.state.gdapRoleIds(user.id, tenantId).length > 0) return user.id;
    return this.state.guestIn(user.id, tenantId)?.id ?? user.id;
  }
}

/** Whether delegated claims carry a scope (or app claims a role). */
export function hasPermission(claims: AccessClaims, ...permissions: string[]): boolean {
  const granted = new Set([...(claims.scp?.split(' ') ?? []), ...(claims.roles ?? [])]);
  return permissions.some((p) => granted.has(p));
}

export function hasRole(claims: AccessClaims, ...roleIds: string[]): boolean {
  return roleIds.some((r) => claims.wids?.includes(r));
}

export function newId(): string {
  return randomUUID();
}
