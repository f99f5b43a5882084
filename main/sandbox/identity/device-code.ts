/**
 * The device code flow's sign-in side: the devicecode endpoint that starts it, and the device-login
 * page (`/common/oauth2/deviceauth`) where a person enters the code and picks a user.
 */
import type { SandboxContext } from '../context';
import { esc, html, oauthError } from '../http/errors';
import type { Router } from '../http/router';
import type { IdentityKit, IdentityOptions } from './common';
import { DEVICE_CODE_LIFETIME_MS } from './flows';
import { hidden, page } from './pages';
import { resourceOf } from './token-service';

export function registerDeviceCodeRoutes(
  router: Router,
  ctx: SandboxContext,
  kit: IdentityKit,
  options: IdentityOptions,
): void {
  const { state, clock, baseUrl } = ctx;
  const { flows, tenantSegment, unknownTenant, unknownClient, usersFor, appName } = kit;

  router.post('/:tenant/oauth2/v2.0/devicecode', (req) => {
    const segment = req.params.tenant ?? '';
    if (!tenantSegment(segment)) return unknownTenant(req, segment);
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const app = state.data.applications.find((a) => a.clientId === form.client_id);
    if (!app) return unknownClient(req, form.client_id);
    const scopes = (form.scope ?? '').split(' ').filter(Boolean);
    if (!resourceOf(scopes)) {
      return oauthError(
        req,
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid: ${form.scope ?? ''}.`,
      );
    }
    const device = flows.newDeviceCode({
      clientId: app.clientId,
      scopes,
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
}
