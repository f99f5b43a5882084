/**
 * Stand-ins for the portals a launch opens: in the sandbox cloud every portal host maps to
 * `/portals/<host>/...` on the sandbox origin, the rest of the URL unchanged. The page shows the
 * tenant and the signed-in analyst's effective access there (GDAP path and/or guest account), so a
 * launch can be checked end to end. `Accept: application/json` gives the same facts as JSON.
 */
import { COPILOT_PLUGINS, SUPPORT_LABEL } from '../../../shared/plugin-catalogue';
import { roleName } from '../../../shared/roles';
import { isGuid } from '../../../shared/tenant-id';
import type { SandboxContext } from '../context';
import { esc } from '../http/errors';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import { page } from '../identity/pages';

const PORTAL_NAMES: Readonly<Record<string, string>> = {
  'securitycopilot.microsoft.com': 'Microsoft Security Copilot',
  'security.microsoft.com': 'Microsoft Defender XDR',
  'entra.microsoft.com': 'Microsoft Entra admin center',
  'intune.microsoft.com': 'Microsoft Intune admin center',
  'portal.azure.com': 'Azure portal',
  'purview.microsoft.com': 'Microsoft Purview',
  'admin.microsoft.com': 'Microsoft 365 admin center',
  'admin.exchange.microsoft.com': 'Exchange admin center',
  'partner.microsoft.com': 'Partner Center',
};

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
  readonly problem: string | null;
}

export function registerPortalPages(router: Router, ctx: SandboxContext): void {
  const { state } = ctx;

  function describe(req: SandboxRequest, host: string): PortalAccess {
    const raw = req.query.get('tenantId');
    const tenant = raw !== null && isGuid(raw.trim()) ? state.tenant(raw.trim()) : undefined;
    const user = state.user(req.cookie('sbx_session') ?? '');
    const signedIn = user ? { upn: user.userPrincipalName } : null;
    let problem: string | null = null;
    if (raw === null) {
      problem =
        host === 'securitycopilot.microsoft.com'
          ? 'No tenantId in the URL. The in-app tenant switch does not see GDAP relationships, so a GDAP launch must carry ?tenantId=<customer tenant GUID>.'
          : 'No tenantId in the URL: the portal opens in your home tenant.';
    } else if (!isGuid(raw.trim())) {
      problem = `'${raw.slice(0, 80)}' is not a tenant ID (a GUID).`;
    } else if (!tenant) {
      problem = `Tenant ${raw} does not exist in the sandbox.`;
    } else if (!user) {
      problem = 'You are not signed in to the sandbox in this browser.';
    }
    const gdap =
      user && tenant
        ? state.gdapPaths(user.id, tenant.id).map((p) => ({
            relationship: p.relationship.displayName,
            group: p.group.displayName,
            roles: p.assignment.accessDetails.unifiedRoles.map((r) => roleName(r.roleDefinitionId)),
          }))
        : [];
    const guestUser = user && tenant ? state.guestIn(user.id, tenant.id) : undefined;
    const guest =
      guestUser && guestUser.externalUserState === 'Accepted'
        ? { roles: state.activeRoleIds(guestUser.id).map(roleName) }
        : null;
    const own =
      user && tenant && user.tenantId === tenant.id ? state.activeRoleIds(user.id).map(roleName) : [];
    const effectiveRoles = [...new Set([...gdap.flatMap((g) => g.roles), ...(guest?.roles ?? []), ...own])];
    if (!problem && user && tenant && effectiveRoles.length === 0) {
      problem = `${user.userPrincipalName} has no access to ${tenant.displayName}: no active GDAP relationship with an assignment for a group you are in, and no guest account with a role.`;
    }
    return {
      portal: PORTAL_NAMES[host] ?? host,
      host,
      tenantId: tenant?.id ?? null,
      tenantName: tenant?.displayName ?? null,
      signedIn,
      access: { gdap, guest, effectiveRoles },
      problem,
    };
  }

  function render(req: SandboxRequest, host: string): SandboxResponse {
    const facts = describe(req, host);
    if ((req.header('accept') ?? '').includes('application/json')) return { status: 200, json: facts };
    const isCopilot = host === 'securitycopilot.microsoft.com';
    const viaGdapOnly = facts.access.gdap.length > 0 && facts.access.guest === null;
    const body = `<p class="note">Stand-in for ${esc(facts.portal)} (${esc(host)})</p>
<p>Tenant: <strong data-tenant>${esc(facts.tenantName ?? 'none')}</strong>${facts.tenantId ? ` <span class="note">${esc(facts.tenantId)}</span>` : ''}</p>
<p>Signed in: <strong data-user>${esc(facts.signedIn?.upn ?? 'not signed in')}</strong></p>
${facts.problem ? `<p class="error" role="alert">${esc(facts.problem)}</p>` : ''}
${facts.access.effectiveRoles.length > 0 ? `<p>Effective roles: <strong data-roles>${facts.access.effectiveRoles.map(esc).join(', ')}</strong></p>` : ''}
${facts.access.gdap.map((g) => `<p>Through GDAP: relationship “${esc(g.relationship)}”, group “${esc(g.group)}”: ${g.roles.map(esc).join(', ')}</p>`).join('\n')}
${facts.access.guest ? `<p>As a B2B guest: ${facts.access.guest.roles.map(esc).join(', ') || 'no roles'}</p>` : ''}
${
  isCopilot && viaGdapOnly
    ? `<p>Reached through GDAP: only some plugins work.</p><ul>${COPILOT_PLUGINS.map((p) => `<li>${esc(p.name)}: ${esc(SUPPORT_LABEL[p.support])}</li>`).join('')}</ul>`
    : ''
}`;
    return { status: 200, html: page(facts.portal, body) };
  }

  router.get('/portals/:host', (req) => render(req, (req.params.host ?? '').toLowerCase()));
  router.get('/portals/:host/*rest', (req) => render(req, (req.params.host ?? '').toLowerCase()));
}
