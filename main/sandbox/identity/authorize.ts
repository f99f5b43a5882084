/**
 * The authorize sign-in: choose a user, consent, then a form_post of the code back to the app's
 * loopback redirect (with the `sbx_session` cookie set to the signed-in user).
 */
import type { SandboxContext } from '../context';
import { esc, html } from '../http/errors';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import type { User } from '../state/model';
import { SESSION_COOKIE, type IdentityKit } from './common';
import { CODE_LIFETIME_MS } from './flows';
import { formPost, hidden, page } from './pages';
import { resourceOf } from './token-service';

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

/** The authorize request's parameters: from the query (the first request) or a page's form. */
function readParams(source: URLSearchParams | Record<string, unknown>): AuthParams {
  const get = (k: string) =>
    source instanceof URLSearchParams
      ? (source.get(k) ?? undefined)
      : typeof source[k] === 'string'
        ? (source[k] as string)
        : undefined;
  return Object.fromEntries(AUTH_PARAMS.map((k) => [k, get(k)])) as AuthParams;
}

export function registerAuthorizeRoutes(router: Router, ctx: SandboxContext, kit: IdentityKit): void {
  const { state, tokens, clock, baseUrl } = ctx;
  const { flows, tenantSegment, signInTenantId, usersFor, appName } = kit;

  /** Checks the request as Entra would before showing any page; an error page if it is wrong. */
  function checkAuthorize(req: SandboxRequest, p: AuthParams): SandboxResponse | undefined {
    const segment = req.params.tenant ?? '';
    if (!tenantSegment(segment)) return signInFailed(`AADSTS90002: Tenant '${esc(segment)}' not found.`);
    const app = state.data.applications.find((a) => a.clientId === p.client_id);
    if (!app) {
      return signInFailed(
        `AADSTS700016: Application with identifier '${esc(p.client_id ?? '')}' was not found in the directory.`,
      );
    }
    if (!isLoopbackRedirect(p.redirect_uri)) {
      return signInFailed(
        `AADSTS50011: The redirect URI '${esc(p.redirect_uri ?? '')}' specified in the request does not match the redirect URIs configured for the application. The sandbox's app accepts http://localhost and http://127.0.0.1 with any port.`,
      );
    }
    // A public client must use PKCE with S256 (Microsoft identity platform, auth code flow).
    if (app.kind === 'public' && (!p.code_challenge || p.code_challenge_method !== 'S256')) {
      return signInFailed(
        'AADSTS9002325: Proof Key for Code Exchange (S256) is required for this application.',
      );
    }
    return undefined;
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
    const tenantId = signInTenantId(req.params.tenant as string, user);
    if (tokens.rolesIn(user, tenantId) === undefined) {
      return signInPage(
        req,
        p,
        `AADSTS50020: User account '${user.userPrincipalName}' from identity provider does not exist in tenant '${state.tenant(tenantId)?.displayName ?? tenantId}' and cannot access the application in that tenant.`,
      );
    }
    const requested = (p.scope ?? '').split(' ').filter(Boolean);
    const named = requested.filter((s) => !['openid', 'profile', 'offline_access'].includes(s));
    const consentAction = esc(`${baseUrl}/${req.params.tenant}/oauth2/v2.0/authorize/consent`);
    const needed = adminConsentNeeded(req.params.tenant as string, p, user);
    if (needed.length > 0 && !tokens.mayConsentForTenant(user, tenantId)) {
      // Entra's "Need admin approval": only an administrator can consent to these.
      return html(
        200,
        page(
          'Need admin approval',
          `<p><strong>${esc(appName(p.client_id))}</strong> needs permission to access resources in your organization that only an admin can grant:</p>
<ul>${needed.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
<p>Ask an admin of ${esc(state.tenant(tenantId)?.displayName ?? tenantId)} to grant permission to this app before you can use it.</p>
<form method="post" action="${consentAction}">
${hidden({ ...p, user_id: user.id })}
<button type="submit" name="decision" value="admin_required" class="secondary">Return to the application without granting consent</button>
</form>`,
        ),
      );
    }
    return html(
      200,
      page(
        'Permissions requested',
        `<p><strong>${esc(appName(p.client_id))}</strong> wants to sign in <strong>${esc(user.displayName)}</strong> (${esc(user.userPrincipalName)}) and:</p>
<ul>${(named.length > 0 ? named : ['Sign you in and read your profile']).map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
${needed.length > 0 ? `<p class="note">${esc(needed.join(', '))} needs an administrator's consent: accepting consents on behalf of everyone in ${esc(state.tenant(tenantId)?.displayName ?? tenantId)}.</p>` : ''}
<form method="post" action="${consentAction}">
${hidden({ ...p, user_id: user.id })}
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
<button type="submit" name="decision" value="accept">Accept</button>
</form>`,
      ),
    );
  });

  /** The scopes of the request that need an administrator's consent not yet given in the sign-in tenant. */
  function adminConsentNeeded(segment: string, p: AuthParams, user: User): string[] {
    const requested = resourceOf((p.scope ?? '').split(' ').filter(Boolean));
    if (!requested || !p.client_id) return [];
    return tokens.missingConsent(p.client_id, signInTenantId(segment, user), requested);
  }

  router.post('/:tenant/oauth2/v2.0/authorize/consent', (req) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const p = readParams(form);
    const problem = checkAuthorize(req, p);
    if (problem) return problem;
    const user = state.user(String(form.user_id ?? ''));
    if (!user) return signInPage(req, p, 'The sign-in expired. Pick a user again.');
    const needed = adminConsentNeeded(req.params.tenant as string, p, user);
    const tenantId = signInTenantId(req.params.tenant as string, user);
    if (
      form.decision === 'admin_required' ||
      (needed.length > 0 && !tokens.mayConsentForTenant(user, tenantId))
    ) {
      // UNCONFIRMED: the exact words Entra sends back after "Need admin approval".
      return html(
        200,
        formPost('Working...', p.redirect_uri as string, {
          error: 'access_denied',
          error_description: `AADSTS90094: The grant requires admin permission. An administrator of the tenant must consent to ${needed.join(', ') || 'the permissions'} for this app.`,
          state: p.state,
        }),
      );
    }
    if (form.decision !== 'accept') {
      return html(
        200,
        formPost('Working...', p.redirect_uri as string, {
          error: 'access_denied',
          error_description: 'AADSTS65004: User declined to consent to access the app.',
          state: p.state,
        }),
      );
    }
    if (needed.length > 0) {
      const requested = resourceOf((p.scope ?? '').split(' ').filter(Boolean));
      if (requested)
        tokens.grantConsent(p.client_id as string, tenantId, { ...requested, scopes: needed }, user.id);
      ctx.changed();
    }
    const code = flows.newCode({
      clientId: p.client_id as string,
      redirectUri: p.redirect_uri as string,
      codeChallenge: p.code_challenge,
      codeChallengeMethod: p.code_challenge_method,
      userId: user.id,
      tenantId,
      scopes: (p.scope ?? '').split(' ').filter(Boolean),
      nonce: p.nonce,
      expiresAt: clock.nowMs() + CODE_LIFETIME_MS,
    });
    return {
      status: 200,
      headers: {
        'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(user.id)}; Path=/; Secure; HttpOnly; SameSite=Lax`,
      },
      html: formPost('Working...', p.redirect_uri as string, {
        code,
        state: p.state,
        client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: user.tenantId })).toString('base64url'),
        session_state: user.id,
      }),
    };
  });
}

/** The error page for an authorize request Entra refuses; `error` is HTML, already escaped. */
function signInFailed(error: string): SandboxResponse {
  return html(400, page('Sign-in failed', `<p class="error">${error}</p>`));
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
