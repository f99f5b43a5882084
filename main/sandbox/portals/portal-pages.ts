/**
 * Stand-ins for the portals a launch opens: in the sandbox cloud every portal host maps to
 * `/portals/<host>/...` on the sandbox origin, the rest of the URL unchanged. The page shows the
 * tenant and the signed-in analyst's effective access there (GDAP path and/or guest account), so a
 * launch can be checked end to end. `Accept: application/json` gives the same facts as JSON.
 *
 * Who is signed in comes from the `sbx_session` cookie the sandbox's sign-in page sets (the user id).
 * Without it the page says so and links to a small sandbox sign-in form
 * (`/portals/<host>/sandbox/signin`) that sets the cookie and comes back.
 *
 * The tenant comes from `?tenantId=` (Security Copilot), `?tid=` (Defender, Purview), `?tenant=`,
 * `?delegatedOrg=` (Microsoft 365 and Exchange admin), a first path segment that is a GUID or
 * `@domain` (Entra, Intune, Azure), or `customers/<GUID>` in the path (Partner Center); a GUID or a
 * verified domain of a sandbox tenant. A tenant in a URL fragment (`portal.azure.com/#@contoso...`)
 * never reaches a server, so the Azure portal stand-in cannot show it.
 */
import { COPILOT_PLUGINS, SUPPORT_LABEL } from '../../../shared/plugins/plugin-catalogue';
import { roleName } from '../../../shared/gdap/roles';
import { isGuid } from '../../../shared/platform/tenant-id';
import type { SandboxContext } from '../context';
import { esc } from '../http/errors';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import type { Tenant, User } from '../state/model';
import { copilotAccessOf, type CopilotAccess } from '../arm/copilot';

const SESSION_COOKIE = 'sbx_session';
const SECURITY_COPILOT = 'securitycopilot.microsoft.com';
const AZURE_PORTAL = 'portal.azure.com';

/** The Copilot in Azure lines of the Azure portal stand-in. */
function copilotInAzureNotes(c: CopilotAccess): string {
  const tenant = c.restricted
    ? 'Restricted: only holders of the Azure Copilot User role'
    : 'Available to all users';
  const you = !c.allowed
    ? 'Not allowed: you do not hold the Azure Copilot User role'
    : c.via === 'everyone'
      ? 'Allowed (available to all users)'
      : c.via === 'role'
        ? 'Allowed: you hold the Azure Copilot User role'
        : `Allowed: through the group “${esc(c.via ?? '')}”, which holds the Azure Copilot User role`;
  return `<h2>Copilot in Azure</h2>
<p>Tenant setting: <strong data-copilot-tenant>${tenant}</strong></p>
<p>You: <strong data-copilot-you>${you}</strong></p>`;
}

const PORTAL_NAMES: Readonly<Record<string, string>> = {
  [SECURITY_COPILOT]: 'Microsoft Security Copilot',
  'security.microsoft.com': 'Microsoft Defender XDR',
  'entra.microsoft.com': 'Microsoft Entra admin center',
  'intune.microsoft.com': 'Microsoft Intune admin center',
  'portal.azure.com': 'Azure portal',
  'purview.microsoft.com': 'Microsoft Purview',
  'admin.microsoft.com': 'Microsoft 365 admin center',
  'admin.cloud.microsoft': 'Microsoft 365 admin center',
  'admin.exchange.microsoft.com': 'Exchange admin center',
  'partner.microsoft.com': 'Partner Center',
};

/** How the analyst reaches the tenant: GDAP, a B2B guest account, both, its own tenant, or not at all. */
export type AccessPath = 'gdap' | 'guest' | 'gdap+guest' | 'home' | null;

export interface PortalAccess {
  readonly portal: string;
  readonly host: string;
  readonly tenantId: string | null;
  readonly tenantName: string | null;
  readonly signedIn: { readonly upn: string } | null;
  readonly access: {
    readonly gdap: ReadonlyArray<{
      readonly relationship: string;
      readonly group: string;
      readonly roles: ReadonlyArray<string>;
    }>;
    readonly guest: { readonly roles: ReadonlyArray<string> } | null;
    readonly effectiveRoles: ReadonlyArray<string>;
  };
  readonly accessPath: AccessPath;
  /** Why there is no (or no usable) access, or what is wrong with the URL; null when all is well. */
  readonly problem: string | null;
  /** Where to sign in to the sandbox when nobody is signed in; null otherwise. */
  readonly signInUrl: string | null;
  /** Security Copilot only: the plugins and whether each works under GDAP (null elsewhere). */
  readonly plugins: ReadonlyArray<{ readonly name: string; readonly gdap: string }> | null;
  /** Azure portal only, signed in to a tenant: Copilot in Azure for this user (arm/copilot.ts). */
  readonly copilotInAzure?: CopilotAccess;
}

export function registerPortalPages(router: Router, ctx: SandboxContext): void {
  const { state } = ctx;

  function tenantParam(req: SandboxRequest): string | null {
    for (const name of ['tenantId', 'tid', 'tenant', 'delegatedOrg']) {
      const v = req.query.get(name);
      if (v !== null) return v;
    }
    const segments = (req.params.rest ?? '').split('/');
    // Partner Center: `/<locale>/dashboard/commerce2/customers/<tenant GUID>/...`.
    const customersAt = segments.indexOf('customers');
    const customer = customersAt >= 0 ? (segments[customersAt + 1] ?? '') : '';
    if (isGuid(customer)) return customer;
    // A tenant as the first path segment (`/<tenant GUID>/...` or `/@<domain>/...`), as some portals take it.
    const first = segments[0] ?? '';
    const segment = first.startsWith('@') ? first.slice(1) : first;
    return isGuid(segment) || (first.startsWith('@') && segment !== '') ? segment : null;
  }

  function signInUrl(req: SandboxRequest, host: string): string {
    const back = `${req.url.pathname}${req.url.search}`;
    return `${ctx.baseUrl}/portals/${encodeURIComponent(host)}/sandbox/signin?return=${encodeURIComponent(back)}`;
  }

  function describe(req: SandboxRequest, host: string): PortalAccess {
    const raw = tenantParam(req);
    const trimmed = raw?.trim() ?? '';
    // A GUID, or a verified domain of a sandbox tenant (never a hostile string).
    const looksLikeDomain = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(trimmed);
    const tenant: Tenant | undefined =
      raw !== null && (isGuid(trimmed) || looksLikeDomain) ? state.tenant(trimmed) : undefined;
    const user: User | undefined = state.user(req.cookie(SESSION_COOKIE) ?? '');
    const signedIn = user ? { upn: user.userPrincipalName } : null;
    const isCopilot = host === SECURITY_COPILOT;

    let problem: string | null = null;
    if (raw === null || trimmed === '') {
      problem = isCopilot
        ? 'No tenantId in the URL. The in-app tenant switch does not see GDAP relationships, so a GDAP launch must carry ?tenantId=<customer tenant GUID>.'
        : 'No tenant in the URL: the portal opens in your home tenant.';
    } else if (!isGuid(trimmed) && !looksLikeDomain) {
      problem = `'${raw.slice(0, 80)}' is not a tenant ID (a GUID).`;
    } else if (!tenant) {
      problem = `Tenant ${trimmed} does not exist in the sandbox.`;
    } else if (!user) {
      problem = 'Not signed in: sign in to the sandbox to see your access to this tenant.';
    }

    // GDAP: the roles of each path, within the relationship's roles (as the token service grants them).
    const gdap =
      user && tenant
        ? state.gdapPaths(user.id, tenant.id).map((p) => {
            const allowed = new Set(p.relationship.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId));
            return {
              relationship: p.relationship.displayName,
              group: p.group.displayName,
              roles: p.assignment.accessDetails.unifiedRoles
                .filter((r) => allowed.has(r.roleDefinitionId))
                .map((r) => roleName(r.roleDefinitionId)),
            };
          })
        : [];
    const guestUser = user && tenant ? state.guestIn(user.id, tenant.id) : undefined;
    const guest =
      guestUser && guestUser.externalUserState === 'Accepted'
        ? { roles: state.activeRoleIds(guestUser.id).map(roleName) }
        : null;
    const home = Boolean(user && tenant && user.tenantId === tenant.id);
    const own = home && user ? state.activeRoleIds(user.id).map(roleName) : [];
    // Same union as the token service's rolesIn (UNCONFIRMED: which account Entra picks when a
    // partner user has both a GDAP path and a guest account; the sandbox grants both).
    const effectiveRoles = [...new Set([...gdap.flatMap((g) => g.roles), ...(guest?.roles ?? []), ...own])];
    const accessPath: AccessPath = home
      ? 'home'
      : gdap.length > 0 && guest
        ? 'gdap+guest'
        : gdap.length > 0
          ? 'gdap'
          : guest
            ? 'guest'
            : null;

    if (!problem && user && tenant && effectiveRoles.length === 0) {
      const pending =
        guestUser && guestUser.externalUserState !== 'Accepted'
          ? ' Your guest invitation there has not been redeemed yet.'
          : guest
            ? ' Your guest account there has no role.'
            : '';
      problem = `${user.userPrincipalName} has no access to ${tenant.displayName}: no active GDAP relationship with an active access assignment for a security group you are in, and no guest account with a role.${pending}`;
    }
    return {
      portal: PORTAL_NAMES[host] ?? host,
      host,
      tenantId: tenant?.id ?? null,
      tenantName: tenant?.displayName ?? null,
      signedIn,
      access: { gdap, guest, effectiveRoles },
      accessPath,
      problem,
      signInUrl: user ? null : signInUrl(req, host),
      plugins: isCopilot
        ? COPILOT_PLUGINS.map((p) => ({ name: p.name, gdap: SUPPORT_LABEL[p.support] }))
        : null,
      ...(host === AZURE_PORTAL && user && tenant
        ? {
            copilotInAzure: copilotAccessOf(ctx, state.guestIn(user.id, tenant.id)?.id ?? user.id, tenant.id),
          }
        : {}),
    };
  }

  function copilotNotes(facts: PortalAccess): string {
    if (facts.access.effectiveRoles.length === 0) return '';
    const path =
      facts.accessPath === 'gdap'
        ? 'GDAP (granular delegated admin): the customer maps your Entra role to a Copilot role; the customer’s capacity (SCUs) is used.'
        : facts.accessPath === 'guest'
          ? 'B2B guest account: every plugin works; you can also switch tenants inside Security Copilot.'
          : facts.accessPath === 'gdap+guest'
            ? 'GDAP and a B2B guest account: as a guest every plugin works; through GDAP only some do.'
            : 'Your own tenant.';
    const list =
      facts.accessPath === 'gdap' || facts.accessPath === 'gdap+guest'
        ? `<p>Under GDAP only some plugins work:</p>
<table><thead><tr><th scope="col">Plugin</th><th scope="col">Works under GDAP</th></tr></thead><tbody>
${(facts.plugins ?? []).map((p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.gdap)}</td></tr>`).join('\n')}
</tbody></table>`
        : '';
    return `<p>Access path: <strong data-access-path>${esc(path)}</strong></p>\n${list}`;
  }

  function render(req: SandboxRequest, host: string): SandboxResponse {
    const facts = describe(req, host);
    if ((req.header('accept') ?? '').includes('application/json')) return { status: 200, json: facts };
    const isCopilot = host === SECURITY_COPILOT;
    const body = `<p class="note">Sandbox stand-in for ${esc(facts.portal)} (${esc(host)}) - not a Microsoft service</p>
<h1>${esc(facts.portal)}</h1>
<p>Tenant: <strong data-tenant>${esc(facts.tenantName ?? 'none')}</strong>${facts.tenantId ? ` <span class="note" data-tenant-id>${esc(facts.tenantId)}</span>` : ''}</p>
<p>Signed in: <strong data-user>${esc(facts.signedIn?.upn ?? 'not signed in')}</strong>${facts.signInUrl ? ` <a href="${esc(facts.signInUrl)}">Sign in to the sandbox</a>` : ''}</p>
${facts.problem ? `<p class="error" role="alert">${esc(facts.problem)}</p>` : ''}
${facts.access.effectiveRoles.length > 0 ? `<p>Effective roles: <strong data-roles>${facts.access.effectiveRoles.map(esc).join(', ')}</strong></p>` : ''}
${facts.access.gdap.length > 0 ? `<ul>${facts.access.gdap.map((g) => `<li>Through GDAP: relationship “${esc(g.relationship)}”, group “${esc(g.group)}”: ${g.roles.map(esc).join(', ') || 'no roles'}</li>`).join('')}</ul>` : ''}
${facts.access.guest ? `<p>As a B2B guest: ${facts.access.guest.roles.map(esc).join(', ') || 'no roles'}</p>` : ''}
${isCopilot ? copilotNotes(facts) : ''}
${facts.copilotInAzure ? copilotInAzureNotes(facts.copilotInAzure) : ''}`;
    return { status: 200, html: portalPage(facts.portal, body) };
  }

  function signInForm(req: SandboxRequest, host: string, error?: string): SandboxResponse {
    const back = safeReturn(
      req.query.get('return') ?? (req.body as Record<string, string> | undefined)?.return,
      host,
    );
    const partnerUsers = state.data.users.filter(
      (u) => u.tenantId === state.partnerTenantId && u.userType === 'Member',
    );
    const body = `<h1>Sign in to the sandbox</h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="${esc(`${ctx.baseUrl}/portals/${host}/sandbox/signin`)}">
<input type="hidden" name="return" value="${esc(back)}">
<fieldset><legend>Pick a partner user</legend>
${partnerUsers.map((u) => `<label><input type="radio" name="username" value="${esc(u.userPrincipalName)}"> ${esc(u.displayName)} <span class="note">${esc(u.userPrincipalName)}</span></label>`).join('\n')}
</fieldset>
<label>Or type a user name <input type="text" name="typed_username" autocomplete="username"></label>
<button type="submit">Sign in</button>
</form>`;
    return { status: error ? 400 : 200, html: portalPage('Sign in', body) };
  }

  router.get('/portals/:host/sandbox/signin', (req) => signInForm(req, hostOf(req)));
  router.post('/portals/:host/sandbox/signin', (req) => {
    const host = hostOf(req);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const name = String(form.typed_username || form.username || '')
      .trim()
      .toLowerCase();
    const user = state.data.users.find(
      (u) => u.userType === 'Member' && u.userPrincipalName.toLowerCase() === name,
    );
    if (!user)
      return signInForm(req, host, name ? `The user ${name} does not exist in the sandbox.` : 'Pick a user.');
    return {
      status: 303,
      headers: {
        location: `${ctx.baseUrl}${safeReturn(typeof form.return === 'string' ? form.return : null, host)}`,
        'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(user.id)}; Path=/; Secure; HttpOnly; SameSite=Lax`,
      },
    };
  });
  router.get('/portals/:host', (req) => render(req, hostOf(req)));
  router.get('/portals/:host/*rest', (req) => render(req, hostOf(req)));
}

function hostOf(req: SandboxRequest): string {
  return (req.params.host ?? '').toLowerCase();
}

/** Only a path back into this portal's stand-in (no open redirect). */
function safeReturn(value: string | null | undefined, host: string): string {
  const fallback = `/portals/${encodeURIComponent(host)}/`;
  if (!value || !value.startsWith('/portals/') || value.startsWith('//') || /[\\\r\n]/.test(value))
    return fallback;
  return value;
}

function portalPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - Sandbox</title>
<style>
body{font-family:'Segoe UI',system-ui,sans-serif;background:#f3f2f1;margin:0;color:#201f1e}
main{max-width:720px;margin:48px auto;background:#fff;padding:32px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 16px}.note{color:#605e5c;font-size:13px}.error{color:#a4262c}
label{display:block;margin:8px 0}input[type=text]{width:100%;padding:6px;font-size:15px;box-sizing:border-box}
button{background:#0067b8;color:#fff;border:0;padding:8px 20px;font-size:15px;margin-top:16px;cursor:pointer}
table{border-collapse:collapse}td,th{border-bottom:1px solid #e1dfdd;padding:4px 8px;text-align:left}
fieldset{border:0;padding:0;margin:0}legend{font-weight:600;margin-bottom:4px}
</style></head><body><main>
${body}
</main></body></html>`;
}
