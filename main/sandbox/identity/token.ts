/**
 * The token endpoint: authorization code with PKCE, refresh token, device code and client
 * credentials, with the errors (AADSTS codes) Entra answers when a grant is wrong.
 */
import { createHash } from 'node:crypto';
import type { SandboxContext } from '../context';
import { oauthError } from '../http/errors';
import type { Router } from '../http/router';
import type { User } from '../state/model';
import type { IdentityKit } from './common';
import { resourceOf } from './token-service';

export function registerTokenRoutes(router: Router, ctx: SandboxContext, kit: IdentityKit): void {
  const { state, tokens, clock } = ctx;
  const { flows, tenantSegment, unknownTenant, unknownClient, signInTenantId } = kit;

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
    if (!app) return unknownClient(req, form.client_id);
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
        // A permission that needs an administrator's consent not yet given: interaction is needed
        // (Entra's AADSTS65001, which MSAL reads as InteractionRequiredAuthError by its suberror).
        if (tokens.missingConsent(app.clientId, tenantId, requested).length > 0) {
          return oauthError(
            req,
            400,
            'invalid_grant',
            65001,
            `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`,
            { suberror: 'consent_required' },
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
        const tenantId = signInTenantId(device.tenantSegment, user);
        // The token carries what the person agreed to: the scopes of the devicecode request (the
        // token request of RFC 8628 has no scope, and a scope sent there changes nothing).
        const agreed = resourceOf(device.scopes) ?? requested;
        return { status: 200, json: tokens.issueUserTokens(user, tenantId, app.clientId, agreed) };
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
}
