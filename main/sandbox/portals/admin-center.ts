/**
 * The sandbox's stand-in for the Microsoft 365 admin center page a customer's Global Administrator
 * opens from a GDAP approval link
 * (`https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/{id}`).
 * The fragment never reaches a server, so the page reads it with a small script; the same approval is
 * also served without script at `/portals/admin.microsoft.com/sandbox/approval?relationshipId=`.
 */
import { roleName, ROLE_IDS } from '../../../shared/gdap/roles';
import type { SandboxContext } from '../context';
import { esc, html } from '../http/errors';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import { page } from '../identity/pages';
import { newId } from '../identity/token-service';
import type { Relationship, User } from '../state/model';

const HOST = '/portals/admin.microsoft.com';
const SESSION_COOKIE = 'sbx_session';

export function registerAdminCenterRoutes(router: Router, ctx: SandboxContext): void {
  const { state } = ctx;

  function signedInAdmin(req: SandboxRequest): User | undefined {
    const user = state.user(req.cookie(SESSION_COOKIE) ?? '');
    if (!user || user.tenantId === state.partnerTenantId) return undefined;
    return state.activeRoleIds(user.id).includes(ROLE_IDS.globalAdministrator) ? user : undefined;
  }

  function relationship(id: string | null): Relationship | undefined {
    state.advance();
    return state.data.relationships.find((r) => r.id === id);
  }

  function approvalPage(req: SandboxRequest, id: string | null, message?: string): SandboxResponse {
    const r = relationship(id);
    if (!r)
      return html(
        404,
        page(
          'Relationship not found',
          `<p class="error">No GDAP request '${esc(id ?? '')}' exists. Check the link the partner sent you.</p>`,
        ),
      );
    const admin = signedInAdmin(req);
    const partner = state.tenant(r.partnerTenantId)?.displayName ?? 'The partner';
    const details = `<p><strong>${esc(partner)}</strong> asks for granular delegated admin privileges${r.customer ? ` in <strong>${esc(r.customer.displayName)}</strong>` : ''}:</p>
<ul>${r.accessDetails.unifiedRoles.map((x) => `<li>${esc(roleName(x.roleDefinitionId))}</li>`).join('')}</ul>
<p>Name: ${esc(r.displayName)}<br>Duration: ${esc(r.duration)}<br>Auto-extend: ${r.autoExtendDuration === 'P180D' ? 'every 180 days' : 'off'}<br>Status: <span data-status>${esc(r.status)}</span></p>`;
    if (!admin) {
      const admins = state.data.users.filter(
        (u) =>
          u.tenantId !== state.partnerTenantId &&
          (r.customer === null || u.tenantId === r.customer.tenantId) &&
          state.activeRoleIds(u.id).includes(ROLE_IDS.globalAdministrator),
      );
      return html(
        200,
        page(
          'Approve a partner relationship',
          `${message ? `<p class="error" role="alert">${esc(message)}</p>` : ''}${details}
<p>Sign in as a Global Administrator of the customer to approve.</p>
<form method="post" action="${esc(`${ctx.baseUrl}${HOST}/sandbox/signin`)}">
<input type="hidden" name="relationshipId" value="${esc(r.id)}">
<fieldset><legend>Customer Global Administrators</legend>
${admins
  .slice(0, 20)
  .map(
    (u) =>
      `<label><input type="radio" name="userId" value="${esc(u.id)}"> ${esc(u.userPrincipalName)}</label>`,
  )
  .join('\n')}
</fieldset><button type="submit">Sign in</button></form>`,
        ),
      );
    }
    const decided = r.status !== 'approvalPending';
    return html(
      200,
      page(
        'Approve a partner relationship',
        `${message ? `<p role="status">${esc(message)}</p>` : ''}<p class="note">Signed in as ${esc(admin.userPrincipalName)}</p>${details}
${
  decided
    ? '<p>This request has already been answered.</p>'
    : `<form method="post" action="${esc(`${ctx.baseUrl}${HOST}/sandbox/approval`)}">
<input type="hidden" name="relationshipId" value="${esc(r.id)}">
<button type="submit" name="decision" value="decline" class="secondary">Decline</button>
<button type="submit" name="decision" value="approve">Approve</button></form>`
}`,
      ),
    );
  }

  // The approval link's page: reads the fragment and shows the approval.
  router.get(`${HOST}/AdminPortal/Home`, () =>
    html(
      200,
      page(
        'Microsoft 365 admin center (sandbox)',
        `<p id="msg">Opening the partner request…</p>
<script>
  var m = /granularAdminRelationships\\/([^/?#]+)/.exec(location.hash);
  if (m) location.replace('${HOST}/sandbox/approval?relationshipId=' + encodeURIComponent(decodeURIComponent(m[1])));
  else document.getElementById('msg').textContent = 'This admin center stand-in only shows GDAP approval links.';
</script>`,
      ),
    ),
  );

  router.get(`${HOST}/sandbox/approval`, (req) => approvalPage(req, req.query.get('relationshipId')));

  router.post(`${HOST}/sandbox/signin`, (req) => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const user = state.user(form.userId ?? '');
    if (!user || !state.activeRoleIds(user.id).includes(ROLE_IDS.globalAdministrator)) {
      return approvalPage(req, form.relationshipId ?? null, 'Pick a Global Administrator of the customer.');
    }
    return {
      status: 303,
      headers: {
        location: `${ctx.baseUrl}${HOST}/sandbox/approval?relationshipId=${encodeURIComponent(form.relationshipId ?? '')}`,
        'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(user.id)}; Path=/; Secure; HttpOnly; SameSite=Lax`,
      },
    };
  });

  router.post(`${HOST}/sandbox/approval`, (req) => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const r = relationship(form.relationshipId ?? null);
    const admin = signedInAdmin(req);
    if (!r) return approvalPage(req, form.relationshipId ?? null);
    if (!admin) return approvalPage(req, r.id, 'Sign in as a Global Administrator of the customer first.');
    if (r.customer !== null && r.customer.tenantId !== admin.tenantId) {
      return approvalPage(
        req,
        r.id,
        `Only a Global Administrator of ${r.customer.displayName} can answer this request.`,
      );
    }
    if (r.status !== 'approvalPending')
      return approvalPage(req, r.id, `This request is ${r.status} and can no longer be answered.`);
    const at = ctx.clock.now().toISOString();
    if (form.decision === 'approve') {
      if (r.customer === null) {
        const tenant = state.tenant(admin.tenantId);
        r.customer = { tenantId: admin.tenantId, displayName: tenant?.displayName ?? admin.tenantId };
      }
      r.status = 'approved';
      r.approvedDateTime = at;
      r.requests.push({
        id: newId(),
        action: 'approve',
        status: 'succeeded',
        createdDateTime: at,
        lastModifiedDateTime: at,
      });
    } else {
      // UNCONFIRMED: the status after a customer declines; we end the request as `terminated`,
      // so it never grants access.
      r.status = 'terminated';
      r.requests.push({
        id: newId(),
        action: 'reject',
        status: 'succeeded',
        createdDateTime: at,
        lastModifiedDateTime: at,
      });
    }
    r.version++;
    r.lastModifiedDateTime = at;
    ctx.changed();
    return approvalPage(
      req,
      r.id,
      form.decision === 'approve'
        ? 'Approved. The partner’s access becomes active in a moment.'
        : 'Declined.',
    );
  });
}
