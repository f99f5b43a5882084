/**
 * Graph B2B invitations (POST /invitations creates or reuses the guest user) and the redeem page a
 * guest opens from the invitation to accept it and land on the inviteRedirectUrl.
 */
import { ROLE_IDS } from '../../../../shared/gdap/roles';
import type { SandboxContext } from '../../context';
import { esc, graphError, html } from '../../http/errors';
import type { Router } from '../../http/router';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { page } from '../../identity/pages';
import { hasRole, newId } from '../../identity/token-service';
import { createdEntity } from '../odata';
import { V1, type DirectoryKit } from './common';

const REDEEM = '/portals/invitations.microsoft.com/redeem';

export function registerInvitationRoutes(router: Router, ctx: SandboxContext, kit: DirectoryKit): void {
  const { state } = ctx;
  const { ctxUrl, authorizeWrite, forbid, tenantNotFound, usersOf } = kit;

  router.post(`${V1}/invitations`, (req) => {
    const a = authorizeWrite(
      req,
      ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
      [ROLE_IDS.globalAdministrator, ROLE_IDS.userAdministrator, ROLE_IDS.guestInviter],
    );
    if (!a.ok) return a.response;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const email = body.invitedUserEmailAddress;
    // The local part: letters, digits, and . - _ (not . or - at either end), as Entra accepts.
    if (
      typeof email !== 'string' ||
      !/^[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/.test(email)
    ) {
      return graphError(
        req,
        400,
        'BadRequest',
        `The invited user's email address '${String(email)}' is not valid.`,
      );
    }
    let redirect: URL | undefined;
    try {
      redirect = typeof body.inviteRedirectUrl === 'string' ? new URL(body.inviteRedirectUrl) : undefined;
    } catch {
      redirect = undefined;
    }
    if (!redirect || redirect.protocol !== 'https:')
      return graphError(req, 400, 'BadRequest', 'inviteRedirectUrl is required and must be an https URL.');
    const cc = (body.invitedUserMessageInfo as { ccRecipients?: unknown[] } | undefined)?.ccRecipients ?? [];
    if (cc.length > 1)
      return graphError(
        req,
        400,
        'BadRequest',
        'Only one ccRecipient is supported in invitedUserMessageInfo.',
      );
    const type = (body.invitedUserType ?? 'Guest') as 'Guest' | 'Member';
    if (type !== 'Guest' && type !== 'Member')
      return graphError(req, 400, 'BadRequest', "invitedUserType must be 'Guest' or 'Member'.");
    if (type === 'Member' && !hasRole(a.claims, ROLE_IDS.globalAdministrator))
      return forbid(req, 'Only a company administrator can invite a member.');
    const tenant = state.tenant(a.claims.tid);
    if (!tenant) return tenantNotFound(req);
    let guest = usersOf(tenant.id).find(
      (u) => u.mail?.toLowerCase() === email.toLowerCase() && u.userType === 'Guest',
    );
    if (!guest) {
      const home = state.data.users.find(
        (u) => u.userPrincipalName.toLowerCase() === email.toLowerCase() && u.userType === 'Member',
      );
      guest = {
        id: newId(),
        tenantId: tenant.id,
        userPrincipalName: `${email.replace('@', '_')}#EXT#@${tenant.defaultDomain}`,
        displayName: typeof body.invitedUserDisplayName === 'string' ? body.invitedUserDisplayName : email,
        mail: email,
        userType: type,
        externalUserState: 'PendingAcceptance',
        creationType: 'Invitation',
        homeUserId: home?.id ?? null,
        description: `Guest invited by ${a.claims.upn ?? a.claims.appid}`,
        createdDateTime: ctx.clock.now().toISOString(),
      };
      state.data.users.push(guest);
    } else if (body.resetRedemption === true) {
      guest.externalUserState = 'PendingAcceptance';
    }
    const id = newId();
    const ticket = newId().replace(/-/g, '');
    const invitation = {
      id,
      tenantId: tenant.id,
      invitedUserEmailAddress: email,
      invitedUserDisplayName:
        typeof body.invitedUserDisplayName === 'string' ? body.invitedUserDisplayName : null,
      inviteRedirectUrl: redirect.toString(),
      inviteRedeemUrl: `${ctx.baseUrl}${REDEEM}/?tenant=${tenant.id}&user=${guest.id}&ticket=${ticket}`,
      sendInvitationMessage: body.sendInvitationMessage === true,
      invitedUserType: type,
      invitedUserId: guest.id,
      status:
        guest.externalUserState === 'Accepted' ? ('Completed' as const) : ('PendingAcceptance' as const),
      createdDateTime: ctx.clock.now().toISOString(),
    };
    state.data.invitations.push(invitation);
    ctx.changed();
    return createdEntity(ctxUrl('invitations/$entity'), {
      id,
      inviteRedeemUrl: invitation.inviteRedeemUrl,
      invitedUserDisplayName: invitation.invitedUserDisplayName,
      invitedUserEmailAddress: email,
      invitedUserType: type,
      inviteRedirectUrl: invitation.inviteRedirectUrl,
      sendInvitationMessage: invitation.sendInvitationMessage,
      resetRedemption: body.resetRedemption === true,
      status: invitation.status,
      invitedUser: { id: guest.id },
      invitedUserMessageInfo: body.invitedUserMessageInfo ?? {
        messageLanguage: null,
        ccRecipients: [],
        customizedMessageBody: null,
      },
    });
  });

  // The redeem link: the guest opens it, accepts, and lands on the inviteRedirectUrl.
  const invalidLink = () =>
    html(404, page('Invitation not found', '<p class="error">This invitation link is not valid.</p>'));
  const redeemPage = (req: SandboxRequest): SandboxResponse => {
    const invitation = state.data.invitations.find(
      (i) => i.invitedUserId === req.query.get('user') && i.tenantId === req.query.get('tenant'),
    );
    if (!invitation) return invalidLink();
    const tenant = state.tenant(invitation.tenantId);
    return html(
      200,
      page(
        'Review permissions',
        `<p><strong>${esc(tenant?.displayName ?? '')}</strong> invites ${esc(invitation.invitedUserEmailAddress)} as a guest.</p>
<form method="post" action="${esc(`${ctx.baseUrl}${REDEEM}/accept`)}"><input type="hidden" name="user" value="${esc(invitation.invitedUserId)}"><input type="hidden" name="tenant" value="${esc(invitation.tenantId)}"><button type="submit">Accept</button></form>`,
      ),
    );
  };
  router.get(REDEEM, redeemPage);
  router.get(`${REDEEM}/`, redeemPage);
  router.post(`${REDEEM}/accept`, (req) => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const guest = state.data.users.find((u) => u.id === form.user && u.tenantId === form.tenant);
    if (!guest) return invalidLink();
    guest.externalUserState = 'Accepted';
    for (const i of state.data.invitations) if (i.invitedUserId === guest.id) i.status = 'Completed';
    ctx.changed();
    const redirect =
      state.data.invitations.find((i) => i.invitedUserId === guest.id)?.inviteRedirectUrl ??
      `${ctx.baseUrl}/`;
    return html(
      200,
      page(
        'Invitation accepted',
        `<p>You are now a guest in this organization.</p><p><a href="${esc(redirect)}">Continue</a></p>`,
      ),
    );
  });
}
