/**
 * The identity platform's metadata, as login.microsoftonline.com serves it per tenant: instance
 * discovery, the OpenID configuration, the signing keys, and the sign-out page.
 */
import type { SandboxContext } from '../context';
import type { Router } from '../http/router';
import { SESSION_COOKIE, type IdentityKit } from './common';
import { page } from './pages';

export function registerMetadataRoutes(router: Router, ctx: SandboxContext, kit: IdentityKit): void {
  const { tokens, baseUrl } = ctx;
  const { tenantSegment, unknownTenant } = kit;
  const host = new URL(baseUrl).host;

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
}
