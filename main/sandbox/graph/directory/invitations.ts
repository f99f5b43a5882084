/**
 * Graph B2B invitations (POST /invitations creates or reuses the guest user; who may invite follows
 * the tenant's authorizationPolicy.allowInvitesFrom, readable at /policies/authorizationPolicy) and
 * the redeem page a guest opens from the invitation to accept it and land on the inviteRedirectUrl.
 */
import { ROLE_IDS } from '../../../../shared/gdap/roles';
import type { SandboxContext } from '../../context';
import { esc, graphError, html } from '../../http/errors';
import type { Router } from '../../http/router';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { page } from '../../identity/pages';
import { hasPermission, hasRole, newId, type AccessClaims } from '../../identity/token-service';
import type { AllowInvitesFrom } from '../../state/model';
import { createdEntity } from '../odata';
import { V1, type DirectoryKit } from './common';

const REDEEM = '/portals/invitations.microsoft.com/redeem';
const INVITING_ROLES = [ROLE_IDS.globalAdministrator, ROLE_IDS.userAdministrator, ROLE_IDS.guestInviter];

export function registerInvitationRoutes(router: Router, ctx: SandboxContext, kit: DirectoryKit): void {
  const { state } = ctx;
  const { ctxUrl, authorize, forbid, tenantNotFound, usersOf } = kit;

  const policyOf = (tenantId: string): AllowInvitesFrom =>
    state.data.authorizationPolicies?.find((p) => p.tenantId === tenantId)?.allowInvitesFrom ?? 'everyone';

  /**
   * Who may invite (authorizationPolicy.allowInvitesFrom, default `everyone`): the inviting roles
   * always (unless `none`), members of the tenant under `adminsGuestInvitersAndAllMembers` or
   * `everyone`, its guests under `everyone`. UNCONFIRMED: a partner user acting through GDAP is no
   * member of the customer tenant; we read the policy conservatively and let them invite only through
   * an inviting role (Guest Inviter, User Administrator, Global Administrator) their GDAP path grants.
   */
  const mayInvite = (claims: AccessClaims): { ok: true } | { ok: false; message: string } => {
    const policy = policyOf(claims.tid);
    if (policy === 'none')
      return {
        ok: false,
        message: "This organization's external collaboration settings allow no invitations.",
      };
    if (claims.idtyp === 'app') return { ok: true };
    if (hasRole(claims, ...INVITING_ROLES)) return { ok: true };
    const caller = state.user(claims.oid);
    const inTenant = caller !== undefined && caller.tenantId === claims.tid;
    if (inTenant && caller.userType === 'Member' && policy !== 'adminsAndGuestInviters') return { ok: true };
    if (inTenant && caller.userType === 'Guest' && policy === 'everyone') return { ok: true };
    return { ok: false, message: 'Insufficient privileges to complete the operation.' };
  };

  router.get(`${V1}/policies/authorizationPolicy`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    return {
      status: 200,
      json: {
        '@odata.context': ctxUrl('policies/authorizationPolicy/$entity'),
        id: 'authorizationPolicy',
        displayName: 'Authorization Policy',
        allowInvitesFrom: policyOf(a.claims.tid),
      },
    };
  });

  router.post(`${V1}/invitations`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    if (!hasPermission(a.claims, 'User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'))
      return forbid(req);
    const may = mayInvite(a.claims);
    if (!may.ok) return forbid(req, may.message);
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
        externalUserStateChangeDateTime: ctx.clock.now().toISOString(),
        creationType: 'Invitation',
        homeUserId: home?.id ?? null,
        description: `Guest invited by ${a.claims.upn ?? a.claims.appid}`,
        createdDateTime: ctx.clock.now().toISOString(),
      };
      state.data.users.push(guest);
    } else if (body.resetRedemption === true) {
      guest.externalUserState = 'PendingAcceptance';
      guest.externalUserStateChangeDateTime = ctx.clock.now().toISOString();
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
    if (guest.externalUserState !== 'Accepted')
      guest.externalUserStateChangeDateTime = ctx.clock.now().toISOString();
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
