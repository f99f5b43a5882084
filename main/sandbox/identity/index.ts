/**
 * Microsoft identity platform v2 endpoints, per tenant, as login.microsoftonline.com has them:
 * metadata, keys, instance discovery, the authorize sign-in (user, then consent, then a form_post
 * back to the app's loopback redirect), the token endpoint (authorization code with PKCE, refresh
 * token, device code, client credentials) and the device-code sign-in page.
 */
import { createHash } from 'node:crypto';
import { isGuid } from '../../../shared/tenant-id';
import type { SandboxContext } from '../context';
import { esc, html, oauthError } from '../http/errors';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import type { Tenant, User } from '../state/model';
import { CODE_LIFETIME_MS, DEVICE_CODE_LIFETIME_MS, Flows } from './flows';
import { formPost, hidden, page } from './pages';
import { resourceOf } from './token-service';

export interface IdentityOptions {
  readonly deviceCodeIntervalSeconds: number;
}

const SESSION_COOKIE = 'sbx_session';

export function registerIdentityRoutes(router: Router, ctx: SandboxContext, options: IdentityOptions): void {
  const flows = new Flows();
  const { state, tokens, clock, baseUrl } = ctx;
  const host = new URL(baseUrl).host;

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

  // --- metadata -----------------------------------------------------------------------------------
  router.get('/common/discovery/instance', () => ({
    status: 200,
    json: {
      tenant_discovery_endpoint: `${baseUrl}/{tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
  }));

  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req) => {
    const t = tenantSegment(req.params.tenant ?? '');
    if (!t) return unknownTenant(req, req.params.tenant ?? '');
    const segment = t === 'multi' ? (req.params.tenant as string).toLowerCase() : t.id;
    const issuerTenant = t === 'multi' ? '{tenantid}' : t.id;
    return {
      status: 200,
      json: {
        token_endpoint: `${baseUrl}/${segment}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        jwks_uri: `${baseUrl}/${segment}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${baseUrl}/${issuerTenant}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${baseUrl}/graph/oidc/userinfo`,
        authorization_endpoint: `${baseUrl}/${segment}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${baseUrl}/${segment}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${baseUrl}/${segment}/oauth2/v2.0/logout`,
        claims_supported: [
          'sub',
          'iss',
          'aud',
          'exp',
          'iat',
          'auth_time',
          'nonce',
          'preferred_username',
          'name',
          'tid',
          'ver',
          'oid',
        ],
        kerberos_endpoint: `${baseUrl}/${segment}/kerberos`,
        tenant_region_scope: 'EU',
        cloud_instance_name: host,
        cloud_graph_host_name: host,
        msgraph_host: host,
      },
    };
  });

  router.get('/:tenant/discovery/v2.0/keys', () => ({
    status: 200,
    json: { keys: [tokens.signingKey.jwk] },
  }));

  router.get('/:tenant/oauth2/v2.0/logout', (req) => ({
    status: 200,
    headers: { 'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax` },
    html: page('You signed out', '<p>You have signed out of the sandbox. You can close this tab.</p>'),
    ...(req.query.get('post_logout_redirect_uri') ? {} : {}),
  }));

  // --- authorize: choose a user, consent, form_post back ------------------------------------------
  const AUTH_PARAMS = [
    'client_id',
    'redirect_uri',
    'scope',
    'state',
    'code_challenge',
    'code_challenge_method',
    'nonce',
    'response_mode',
    'prompt',
    'login_hint',
  ] as const;
  type AuthParams = Partial<Record<(typeof AUTH_PARAMS)[number], string>>;

  function readParams(source: URLSearchParams | Record<string, unknown>): AuthParams {
    const get = (k: string) =>
      source instanceof URLSearchParams
        ? (source.get(k) ?? undefined)
        : typeof source[k] === 'string'
          ? (source[k] as string)
          : undefined;
    return Object.fromEntries(AUTH_PARAMS.map((k) => [k, get(k)])) as AuthParams;
  }

  /** Checks the request as Entra would before showing any page; an error page if it is wrong. */
  function checkAuthorize(req: SandboxRequest, p: AuthParams): SandboxResponse | undefined {
    const segment = req.params.tenant ?? '';
    if (!tenantSegment(segment))
      return html(
        400,
        page('Sign-in failed', `<p class="error">AADSTS90002: Tenant '${esc(segment)}' not found.</p>`),
      );
    const app = state.data.applications.find((a) => a.clientId === p.client_id);
    if (!app) {
      return html(
        400,
        page(
          'Sign-in failed',
          `<p class="error">AADSTS700016: Application with identifier '${esc(p.client_id ?? '')}' was not found in the directory.</p>`,
        ),
      );
    }
    if (!isLoopbackRedirect(p.redirect_uri)) {
      return html(
        400,
        page(
          'Sign-in failed',
          `<p class="error">AADSTS50011: The redirect URI '${esc(p.redirect_uri ?? '')}' specified in the request does not match the redirect URIs configured for the application. The sandbox's app accepts http://localhost and http://127.0.0.1 with any port.</p>`,
        ),
      );
    }
    // A public client must use PKCE with S256 (Microsoft identity platform, auth code flow).
    if (app.kind === 'public' && (!p.code_challenge || p.code_challenge_method !== 'S256')) {
      return html(
        400,
        page(
          'Sign-in failed',
          '<p class="error">AADSTS9002325: Proof Key for Code Exchange (S256) is required for this application.</p>',
        ),
      );
    }
    return undefined;
  }

  function usersFor(segment: string): User[] {
    const t = tenantSegment(segment);
    if (t === 'multi' || t === undefined) return state.data.users.filter((u) => u.userType === 'Member');
    return state.data.users.filter((u) => u.tenantId === t.id && u.userType === 'Member');
  }

  function signInPage(req: SandboxRequest, p: AuthParams, error?: string): SandboxResponse {
    const segment = req.params.tenant as string;
    const users = usersFor(segment);
    const partner = users.filter((u) => u.tenantId === state.partnerTenantId);
    const others = users.filter((u) => u.tenantId !== state.partnerTenantId).slice(0, 12);
    const option = (u: User) =>
      `<label><input type="radio" name="username" value="${esc(u.userPrincipalName)}"> ${esc(u.displayName)} <span class="note">${esc(u.userPrincipalName)}<br>${esc(u.description)}</span></label>`;
    return html(
      error ? 400 : 200,
      page(
        'Sign in',
        `${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="${esc(`${baseUrl}/${segment}/oauth2/v2.0/authorize/login`)}">
${hidden(p)}
<fieldset><legend>Pick a sandbox user</legend>
${partner.map(option).join('\n')}
${others.length > 0 ? `<p class="note">Customer admins (${others.length} of ${users.length - partner.length} shown; type any other):</p>${others.map(option).join('\n')}` : ''}
</fieldset>
<label>Or type a user name <input type="text" name="typed_username" autocomplete="username" value="${esc(p.login_hint ?? '')}"></label>
<button type="submit">Next</button>
</form>`,
      ),
    );
  }

  router.get('/:tenant/oauth2/v2.0/authorize', (req) => {
    const p = readParams(req.query);
    return checkAuthorize(req, p) ?? signInPage(req, p);
  });

  router.post('/:tenant/oauth2/v2.0/authorize/login', (req) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const p = readParams(form);
    const problem = checkAuthorize(req, p);
    if (problem) return problem;
    const name = String(form.typed_username || form.username || '').trim();
    const user = state.data.users.find(
      (u) => u.userPrincipalName.toLowerCase() === name.toLowerCase() && u.userType === 'Member',
    );
    if (!user)
      return signInPage(
        req,
        p,
        name === ''
          ? 'Enter a user name or pick a user.'
          : `AADSTS50034: The user account ${name} does not exist in the sandbox.`,
      );
    const t = tenantSegment(req.params.tenant as string);
    const tenantId = t === 'multi' || t === undefined ? user.tenantId : t.id;
    if (tokens.rolesIn(user, tenantId) === undefined) {
      return signInPage(
        req,
        p,
        `AADSTS50020: User account '${user.userPrincipalName}' from identity provider does not exist in tenant '${state.tenant(tenantId)?.displayName ?? tenantId}' and cannot access the application in that tenant.`,
      );
    }
    const requested = (p.scope ?? '').split(' ').filter(Boolean);
    const named = requested.filter((s) => !['openid', 'profile', 'offline_access'].includes(s));
    return html(
      200,
      page(
        'Permissions requested',
        `<p><strong>${esc(appName(p.client_id))}</strong> wants to sign in <strong>${esc(user.displayName)}</strong> (${esc(user.userPrincipalName)}) and:</p>
<ul>${(named.length > 0 ? named : ['Sign you in and read your profile']).map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
<form method="post" action="${esc(`${baseUrl}/${req.params.tenant}/oauth2/v2.0/authorize/consent`)}">
${hidden({ ...p, user_id: user.id })}
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
<button type="submit" name="decision" value="accept">Accept</button>
</form>`,
      ),
    );
  });

  router.post('/:tenant/oauth2/v2.0/authorize/consent', (req) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const p = readParams(form);
    const problem = checkAuthorize(req, p);
    if (problem) return problem;
    const user = state.user(String(form.user_id ?? ''));
    if (!user) return signInPage(req, p, 'The sign-in expired. Pick a user again.');
    if (form.decision !== 'accept') {
      return html(
        200,
        formPost(p.redirect_uri as string, {
          error: 'access_denied',
          error_description: 'AADSTS65004: User declined to consent to access the app.',
          state: p.state,
        }),
      );
    }
    const t = tenantSegment(req.params.tenant as string);
    const code = flows.newCode({
      clientId: p.client_id as string,
      redirectUri: p.redirect_uri as string,
      codeChallenge: p.code_challenge,
      codeChallengeMethod: p.code_challenge_method,
      userId: user.id,
      tenantId: t === 'multi' || t === undefined ? user.tenantId : t.id,
      scopes: (p.scope ?? '').split(' ').filter(Boolean),
      nonce: p.nonce,
      expiresAt: clock.nowMs() + CODE_LIFETIME_MS,
    });
    return {
      status: 200,
      headers: {
        'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(user.id)}; Path=/; Secure; HttpOnly; SameSite=Lax`,
      },
      html: formPost(p.redirect_uri as string, {
        code,
        state: p.state,
        client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: user.tenantId })).toString('base64url'),
        session_state: user.id,
      }),
    };
  });

  // --- token --------------------------------------------------------------------------------------
  router.post('/:tenant/oauth2/v2.0/token', (req) => {
    const segment = req.params.tenant ?? '';
    const t = tenantSegment(segment);
    if (!t) return unknownTenant(req, segment);
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    if (typeof req.body !== 'object' || req.body === null) {
      return oauthError(
        req,
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    }
    const app = state.data.applications.find((a) => a.clientId === form.client_id);
    if (!app) {
      return oauthError(
        req,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.client_id ?? ''}' was not found in the directory.`,
      );
    }
    const scopes = (form.scope ?? '').split(' ').filter(Boolean);
    const requested = resourceOf(scopes);
    if (!requested) {
      return oauthError(
        req,
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid: ${form.scope ?? ''}.`,
      );
    }
    switch (form.grant_type) {
      case 'authorization_code': {
        const code = flows.codes.get(form.code ?? '');
        if (!code)
          return oauthError(
            req,
            400,
            'invalid_grant',
            54005,
            'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
          );
        flows.codes.delete(form.code as string);
        if (code.expiresAt <= clock.nowMs())
          return oauthError(
            req,
            400,
            'invalid_grant',
            70008,
            'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
          );
        if (code.clientId !== app.clientId)
          return oauthError(
            req,
            400,
            'invalid_grant',
            70002,
            'The authorization code was issued to another client.',
          );
        if (code.redirectUri !== form.redirect_uri)
          return oauthError(
            req,
            400,
            'invalid_grant',
            500112,
            `The reply address '${form.redirect_uri ?? ''}' does not match the reply address '${code.redirectUri}' provided when requesting Authorization code.`,
          );
        if (code.codeChallenge !== undefined) {
          const verifier = form.code_verifier ?? '';
          const computed = createHash('sha256').update(verifier).digest('base64url');
          if (computed !== code.codeChallenge)
            return oauthError(
              req,
              400,
              'invalid_grant',
              501481,
              'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
            );
        }
        const user = state.user(code.userId) as User;
        return {
          status: 200,
          json: tokens.issueUserTokens(user, code.tenantId, app.clientId, requested, code.nonce),
        };
      }
      case 'refresh_token': {
        const grant = tokens.redeemRefreshToken(form.refresh_token ?? '');
        if (!grant || grant.clientId !== app.clientId) {
          return oauthError(
            req,
            400,
            'invalid_grant',
            700082,
            'The refresh token has expired due to inactivity. The token was issued and was inactive for too long.',
            { suberror: 'bad_token' },
          );
        }
        const user = state.user(grant.userId);
        if (!user)
          return oauthError(
            req,
            400,
            'invalid_grant',
            50034,
            'The user account does not exist in the directory.',
          );
        const tenantId = t === 'multi' ? user.tenantId : t.id;
        if (tokens.rolesIn(user, tenantId) === undefined) {
          return oauthError(
            req,
            400,
            'invalid_grant',
            50020,
            `User account '${user.userPrincipalName}' from identity provider 'https://sts.windows.net/${user.tenantId}/' does not exist in tenant '${state.tenant(tenantId)?.displayName ?? tenantId}' and cannot access the application '${app.clientId}'(${app.displayName}) in that tenant. The account needs to be added as an external user in the tenant first.`,
          );
        }
        return { status: 200, json: tokens.issueUserTokens(user, tenantId, app.clientId, requested) };
      }
      // msal-node sends the short form; RFC 8628 names the URN. Entra accepts both.
      case 'device_code':
      case 'urn:ietf:params:oauth:grant-type:device_code': {
        const device = flows.devices.get(form.device_code ?? '');
        if (!device || device.clientId !== app.clientId || device.state === 'redeemed') {
          return oauthError(req, 400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
        }
        const now = clock.nowMs();
        if (device.expiresAt <= now)
          return oauthError(req, 400, 'expired_token', 70019, 'Verification code expired.');
        if (device.state === 'declined')
          return oauthError(
            req,
            400,
            'authorization_declined',
            70000,
            'The user declined the sign-in request.',
          );
        const tooSoon =
          device.lastPollAt !== undefined &&
          Date.now() - device.lastPollAt < (device.intervalSeconds * 1000) / 2;
        device.lastPollAt = Date.now();
        if (device.state === 'pending') {
          // RFC 8628: polling faster than the interval earns slow_down.
          return tooSoon
            ? oauthError(
                req,
                400,
                'slow_down',
                70016,
                'Polling too fast. Wait the interval between requests.',
              )
            : oauthError(
                req,
                400,
                'authorization_pending',
                70016,
                'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
              );
        }
        device.state = 'redeemed';
        const user = state.user(device.userId as string) as User;
        const dt = tenantSegment(device.tenantSegment);
        const tenantId = dt === 'multi' || dt === undefined ? user.tenantId : dt.id;
        return { status: 200, json: tokens.issueUserTokens(user, tenantId, app.clientId, requested) };
      }
      case 'client_credentials': {
        if (app.kind !== 'confidential' || !form.client_secret || form.client_secret !== app.clientSecret) {
          return oauthError(
            req,
            401,
            'invalid_client',
            7000215,
            'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
          );
        }
        if (!scopes.every((s) => s.endsWith('/.default'))) {
          return oauthError(
            req,
            400,
            'invalid_scope',
            1002012,
            'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).',
          );
        }
        const tenantId = t === 'multi' ? app.tenantId : t.id;
        return { status: 200, json: tokens.issueAppToken(app, tenantId, requested.resource) };
      }
      default:
        return oauthError(
          req,
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`,
        );
    }
  });

  // --- device code ---------------------------------------------------------------------------------
  router.post('/:tenant/oauth2/v2.0/devicecode', (req) => {
    const segment = req.params.tenant ?? '';
    if (!tenantSegment(segment)) return unknownTenant(req, segment);
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const app = state.data.applications.find((a) => a.clientId === form.client_id);
    if (!app)
      return oauthError(
        req,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.client_id ?? ''}' was not found in the directory.`,
      );
    const device = flows.newDeviceCode({
      clientId: app.clientId,
      scopes: (form.scope ?? '').split(' ').filter(Boolean),
      tenantSegment: segment,
      expiresAt: clock.nowMs() + DEVICE_CODE_LIFETIME_MS,
      intervalSeconds: options.deviceCodeIntervalSeconds,
    });
    const verificationUri = `${baseUrl}/common/oauth2/deviceauth`;
    return {
      status: 200,
      json: {
        user_code: device.userCode,
        device_code: device.deviceCode,
        verification_uri: verificationUri,
        expires_in: DEVICE_CODE_LIFETIME_MS / 1000,
        interval: device.intervalSeconds,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${device.userCode} to authenticate.`,
      },
    };
  });

  const devicePage = (error?: string) =>
    html(
      error ? 400 : 200,
      page(
        'Enter code',
        `${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}<p>Enter the code shown in the app to allow access.</p>
<form method="post" action="${esc(`${baseUrl}/common/oauth2/deviceauth`)}">
<label>Code <input type="text" name="otc" autocomplete="off" autofocus></label>
<button type="submit">Next</button></form>`,
      ),
    );

  router.get('/common/oauth2/deviceauth', () => devicePage());

  router.post('/common/oauth2/deviceauth', (req) => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const device = flows.deviceByUserCode(form.otc ?? '');
    if (!device || device.state !== 'pending' || device.expiresAt <= clock.nowMs()) {
      return devicePage('That code is not valid or has expired. Check the code in the app and try again.');
    }
    const users = usersFor(device.tenantSegment);
    return html(
      200,
      page(
        'Sign in',
        `<p>Signing in to <strong>${esc(appName(device.clientId))}</strong> on another device.</p>
<form method="post" action="${esc(`${baseUrl}/common/oauth2/deviceauth/decide`)}">
${hidden({ otc: device.userCode })}
<fieldset><legend>Pick a sandbox user</legend>
${users
  .filter((u) => u.tenantId === state.partnerTenantId)
  .map(
    (u) =>
      `<label><input type="radio" name="username" value="${esc(u.userPrincipalName)}"> ${esc(u.displayName)} <span class="note">${esc(u.userPrincipalName)}</span></label>`,
  )
  .join('\n')}
</fieldset>
<label>Or type a user name <input type="text" name="typed_username"></label>
<button type="submit" name="decision" value="decline" class="secondary">Cancel</button>
<button type="submit" name="decision" value="accept">Continue</button></form>`,
      ),
    );
  });

  router.post('/common/oauth2/deviceauth/decide', (req) => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const device = flows.deviceByUserCode(form.otc ?? '');
    if (!device || device.state !== 'pending' || device.expiresAt <= clock.nowMs()) {
      return devicePage('That code is not valid or has expired. Check the code in the app and try again.');
    }
    if (form.decision !== 'accept') {
      device.state = 'declined';
      return html(
        200,
        page('Sign-in cancelled', '<p>You declined the sign-in. You can close this window.</p>'),
      );
    }
    const name = String(form.typed_username || form.username || '')
      .trim()
      .toLowerCase();
    const user = state.data.users.find(
      (u) => u.userPrincipalName.toLowerCase() === name && u.userType === 'Member',
    );
    if (!user)
      return devicePage(`AADSTS50034: The user account ${name || '(none)'} does not exist in the sandbox.`);
    device.state = 'approved';
    device.userId = user.id;
    return html(
      200,
      page(
        'You are signed in',
        `<p>You have signed in to ${esc(appName(device.clientId))} on your other device as ${esc(user.userPrincipalName)}. You may now close this window.</p>`,
      ),
    );
  });

  function appName(clientId: string | undefined): string {
    return state.data.applications.find((a) => a.clientId === clientId)?.displayName ?? 'The application';
  }
}

/** Entra lets public clients redirect to any port of http://localhost or http://127.0.0.1. */
function isLoopbackRedirect(uri: string | undefined): boolean {
  if (!uri) return false;
  try {
    const u = new URL(uri);
    return (
      u.protocol === 'http:' &&
      (u.hostname === 'localhost' || u.hostname === '127.0.0.1') &&
      u.username === '' &&
      u.password === ''
    );
  } catch {
    return false;
  }
}

export { isGuid };
