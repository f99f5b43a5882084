import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionRequiredAuthError, type AccountInfo } from '@azure/msal-node';
import { sampleKind } from '../../main/sandbox/state/sample';
import { ROLE_IDS } from '../../shared/gdap/roles';
import {
  automationClient,
  enterDeviceCode,
  publicClient,
  scriptedBrowser,
  startTestSandbox,
  type TestSandbox,
} from './helpers/sandbox';

const GRAPH = ['https://graph.microsoft.com/.default'];
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.dispose());

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

/** Customer tenants of the sample by the state they were generated in. */
function customersOfKind(kind: ReturnType<typeof sampleKind>): string[] {
  return sandbox.state.data.tenants
    .filter((t) => t.kind === 'customer')
    .filter((_, i) => sampleKind(i) === kind)
    .map((t) => t.id);
}

describe('interactive sign-in with msal-node (auth code + PKCE, form_post to the loopback)', () => {
  it('signs the analyst in to the partner tenant with the claims Graph tokens carry', async () => {
    const pca = publicClient(sandbox);
    const browser = scriptedBrowser(sandbox, sandbox.upn('analyst'));
    const result = await pca.acquireTokenInteractive({ scopes: GRAPH, openBrowser: browser.openBrowser });
    expect(result.account?.username).toBe(sandbox.upn('analyst'));
    expect(result.account?.tenantId).toBe(sandbox.partnerTenantId);
    expect(result.account?.homeAccountId.endsWith(`.${sandbox.partnerTenantId}`)).toBe(true);
    const c = claims(result.accessToken);
    expect(c).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${sandbox.partnerTenantId}/`,
      tid: sandbox.partnerTenantId,
      upn: sandbox.upn('analyst'),
      idtyp: 'user',
      appid: sandbox.publicClientId,
    });
    expect(String(c.scp).split(' ')).toContain('DelegatedAdminRelationship.ReadWrite.All');
    expect(browser.pages[0]).toContain('Pick a sandbox user');
    expect(browser.pages[1]).toContain('Permissions requested');
  });

  it('a declined consent comes back to msal-node as an error, and no account is added', async () => {
    const pca = publicClient(sandbox);
    const browser = scriptedBrowser(sandbox, sandbox.upn('analyst'), 'cancel');
    await expect(
      pca.acquireTokenInteractive({ scopes: GRAPH, openBrowser: browser.openBrowser }),
    ).rejects.toThrow(/access_denied|AADSTS65004/);
    expect(await pca.getAllAccounts()).toHaveLength(0);
  });

  it('renews silently, and gets a customer tenant token only through an active GDAP path', async () => {
    const pca = publicClient(sandbox);
    const { account } = await pca.acquireTokenInteractive({
      scopes: GRAPH,
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('responder')).openBrowser,
    });
    const home = account as AccountInfo;
    const renewed = await pca.acquireTokenSilent({ account: home, scopes: GRAPH, forceRefresh: true });
    expect(claims(renewed.accessToken).tid).toBe(sandbox.partnerTenantId);

    // Active relationship, assignment to "SOC Responders" (the responder is in it through a nested group).
    const [customer] = customersOfKind('active');
    const forCustomer = await pca.acquireTokenSilent({
      account: home,
      scopes: GRAPH,
      authority: `${sandbox.baseUrl}/${customer}`,
    });
    expect(claims(forCustomer.accessToken)).toMatchObject({
      tid: customer,
      wids: [ROLE_IDS.securityOperator],
    });
    const tenantAccount = (await pca.getAllAccounts()).find((a) => a.tenantId === customer);
    expect(tenantAccount?.homeAccountId).toBe(home.homeAccountId);

    // Expired relationship: no path, the real AADSTS50020 refusal.
    const [expired] = customersOfKind('expired');
    await expect(
      pca.acquireTokenSilent({ account: home, scopes: GRAPH, authority: `${sandbox.baseUrl}/${expired}` }),
    ).rejects.toThrow(/AADSTS50020/);
  });

  it('the reader-only relationship gives the analyst Security Reader and the responder nothing', async () => {
    const [customer] = customersOfKind('readerOnly');
    const analyst = publicClient(sandbox);
    const a = await analyst.acquireTokenInteractive({
      scopes: GRAPH,
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('analyst')).openBrowser,
    });
    const t = await analyst.acquireTokenSilent({
      account: a.account as AccountInfo,
      scopes: GRAPH,
      authority: `${sandbox.baseUrl}/${customer}`,
    });
    expect(claims(t.accessToken).wids).toEqual([ROLE_IDS.securityReader]);

    const responder = publicClient(sandbox);
    const r = await responder.acquireTokenInteractive({
      scopes: GRAPH,
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('responder')).openBrowser,
    });
    await expect(
      responder.acquireTokenSilent({
        account: r.account as AccountInfo,
        scopes: GRAPH,
        authority: `${sandbox.baseUrl}/${customer}`,
      }),
    ).rejects.toThrow(/AADSTS50020/);
  });

  it('a guest-only customer gives the analyst a token with the guest account’s roles', async () => {
    const [customer] = customersOfKind('guestOnly');
    const pca = publicClient(sandbox);
    const a = await pca.acquireTokenInteractive({
      scopes: GRAPH,
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('analyst')).openBrowser,
    });
    const t = await pca.acquireTokenSilent({
      account: a.account as AccountInfo,
      scopes: GRAPH,
      authority: `${sandbox.baseUrl}/${customer}`,
    });
    const c = claims(t.accessToken);
    expect(c.wids).toEqual([ROLE_IDS.securityReader]);
    const guest = sandbox.state.data.users.find(
      (u) => u.tenantId === customer && u.userType === 'Guest' && u.displayName === 'Ada Analyst',
    );
    expect(c.oid).toBe(guest?.id);
  });

  it('refuses a code whose PKCE verifier does not match (AADSTS501481)', async () => {
    const authorize = new URL(`${sandbox.baseUrl}/organizations/oauth2/v2.0/authorize`);
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    for (const [k, v] of Object.entries({
      client_id: sandbox.publicClientId,
      redirect_uri: 'http://localhost:1234/',
      scope: GRAPH[0] as string,
      response_type: 'code',
      response_mode: 'form_post',
      state: 's1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }))
      authorize.searchParams.set(k, v);
    const { readForm } = await import('./helpers/sandbox');
    const login = readForm(await (await sandbox.fetch(authorize.toString())).text());
    const consent = readForm(
      await (
        await sandbox.fetch(login.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...login.fields, typed_username: sandbox.upn('analyst') }).toString(),
        })
      ).text(),
    );
    const reply = readForm(
      await (
        await sandbox.fetch(consent.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...consent.fields, decision: 'accept' }).toString(),
        })
      ).text(),
    );
    expect(reply.action).toBe('http://localhost:1234/');
    const token = await sandbox.fetch(`${sandbox.baseUrl}/organizations/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: sandbox.publicClientId,
        grant_type: 'authorization_code',
        code: reply.fields.code ?? '',
        redirect_uri: 'http://localhost:1234/',
        code_verifier: 'not-the-verifier-that-made-the-challenge-xxxxxxxxxxxx',
        scope: GRAPH[0] as string,
      }).toString(),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
  });
});

describe('device code', () => {
  it('is pending until the code is entered, then signs in', async () => {
    const pca = publicClient(sandbox);
    let shown: { userCode: string; verificationUri: string; message: string } | undefined;
    const pending = pca.acquireTokenByDeviceCode({
      scopes: GRAPH,
      deviceCodeCallback: (r) => {
        shown = r;
      },
    });
    await expect.poll(() => shown).toBeDefined();
    expect(shown?.message).toContain(shown?.userCode);
    await new Promise((r) => setTimeout(r, 1500)); // at least one authorization_pending answer
    const done = await enterDeviceCode(
      sandbox,
      shown?.verificationUri ?? '',
      shown?.userCode ?? '',
      sandbox.upn('admin'),
    );
    expect(done).toContain('You are signed in');
    const result = await pending;
    expect(result?.account?.username).toBe(sandbox.upn('admin'));
  });

  it('a declined or expired code ends the wait with the real error', async () => {
    const pca = publicClient(sandbox);
    let shown: { userCode: string; verificationUri: string } | undefined;
    const declined = pca.acquireTokenByDeviceCode({
      scopes: GRAPH,
      deviceCodeCallback: (r) => void (shown = r),
    });
    await expect.poll(() => shown).toBeDefined();
    await enterDeviceCode(
      sandbox,
      shown?.verificationUri ?? '',
      shown?.userCode ?? '',
      sandbox.upn('admin'),
      'decline',
    );
    await expect(declined).rejects.toThrow(/authorization_declined/);

    shown = undefined;
    const expiring = pca.acquireTokenByDeviceCode({
      scopes: GRAPH,
      deviceCodeCallback: (r) => void (shown = r),
    });
    await expect.poll(() => shown).toBeDefined();
    sandbox.clock.advance(16 * 60_000);
    await expect(expiring).rejects.toThrow(/expired_token|AADSTS70019/);
    sandbox.clock.advance(-16 * 60_000);
  });

  it('answers slow_down to a client that polls faster than the interval', async () => {
    const start = await sandbox.fetch(`${sandbox.baseUrl}/organizations/oauth2/v2.0/devicecode`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: sandbox.publicClientId, scope: GRAPH[0] as string }).toString(),
    });
    const { device_code } = (await start.json()) as { device_code: string };
    const poll = async () =>
      (await (
        await sandbox.fetch(`${sandbox.baseUrl}/organizations/oauth2/v2.0/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            client_id: sandbox.publicClientId,
            grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
            device_code,
            scope: GRAPH[0] as string,
          }).toString(),
        })
      ).json()) as { error: string };
    expect((await poll()).error).toBe('authorization_pending');
    expect((await poll()).error).toBe('slow_down');
  });
});

describe('client credentials for the partner’s automation app', () => {
  it('issues an app-only token with DelegatedAdminRelationship.ReadWrite.All, and refuses a wrong secret', async () => {
    const result = await automationClient(sandbox).acquireTokenByClientCredential({ scopes: GRAPH });
    expect(claims(result?.accessToken ?? '')).toMatchObject({
      idtyp: 'app',
      roles: ['DelegatedAdminRelationship.ReadWrite.All'],
      tid: sandbox.partnerTenantId,
    });
    await expect(
      automationClient(sandbox, 'wrong-secret').acquireTokenByClientCredential({ scopes: GRAPH }),
    ).rejects.toThrow(/AADSTS7000215/);
  });
});

describe('refresh tokens', () => {
  it('an expired refresh token leads to InteractionRequired, not a crash', async () => {
    const pca = publicClient(sandbox);
    const a = await pca.acquireTokenInteractive({
      scopes: GRAPH,
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('analyst')).openBrowser,
    });
    sandbox.clock.advance(91 * 86_400_000);
    try {
      await expect(
        pca.acquireTokenSilent({ account: a.account as AccountInfo, scopes: GRAPH, forceRefresh: true }),
      ).rejects.toBeInstanceOf(InteractionRequiredAuthError);
    } finally {
      sandbox.clock.advance(-91 * 86_400_000);
    }
  });
});

describe('Graph and ARM refuse bad tokens with their own error shapes', () => {
  it('tampered, wrong-audience and wrong-tenant tokens', async () => {
    const pca = publicClient(sandbox);
    const a = await pca.acquireTokenInteractive({
      scopes: GRAPH,
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('admin')).openBrowser,
    });
    const graphToken = a.accessToken;
    const armToken = (
      await pca.acquireTokenSilent({
        account: a.account as AccountInfo,
        scopes: ['https://management.azure.com/.default'],
      })
    ).accessToken;
    const graph = (token: string, path = '/graph/v1.0/organization') =>
      sandbox.fetch(`${sandbox.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const arm = (token: string) =>
      sandbox.fetch(`${sandbox.baseUrl}/arm/subscriptions?api-version=2022-12-01`, {
        headers: { authorization: `Bearer ${token}` },
      });

    expect((await graph(graphToken)).status).toBe(200);
    // Tampered: the payload changed, the signature no longer matches.
    const [h, p, s] = graphToken.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, wids: [...(payload.wids as string[]), 'e8611ab8-c189-46e8-94e1-60213ab1f814'] })).toString('base64url')}.${s}`;
    const t = await graph(tampered);
    expect(t.status).toBe(401);
    expect(await t.json()).toMatchObject({
      error: {
        code: 'InvalidAuthenticationToken',
        message: 'Access token validation failure.',
        innerError: { 'request-id': expect.any(String) },
      },
    });
    // Wrong audience both ways.
    const wrongAudGraph = await graph(armToken);
    expect(await wrongAudGraph.json()).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', message: expect.stringMatching(/Invalid audience/) },
    });
    const wrongAudArm = await arm(graphToken);
    expect(wrongAudArm.status).toBe(401);
    expect(await wrongAudArm.json()).toMatchObject({ error: { code: 'InvalidAuthenticationTokenAudience' } });
    expect(wrongAudArm.headers.get('www-authenticate')).toMatch(/^Bearer /);
    // Wrong tenant: a customer-tenant token (the analyst's, through GDAP) cannot manage the
    // partner's GDAP relationships.
    const customer = sandbox.state.data.tenants
      .filter((x) => x.kind === 'customer')
      .find((_, i) => sampleKind(i) === 'active')?.id;
    const analyst = publicClient(sandbox);
    const ada = await analyst.acquireTokenInteractive({
      scopes: GRAPH,
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('analyst')).openBrowser,
    });
    const asCustomer = (
      await analyst.acquireTokenSilent({
        account: ada.account as AccountInfo,
        scopes: GRAPH,
        authority: `${sandbox.baseUrl}/${customer}`,
      })
    ).accessToken;
    const wrongTenant = await graph(
      asCustomer,
      '/graph/v1.0/tenantRelationships/delegatedAdminRelationships',
    );
    expect(wrongTenant.status).toBe(403);
    // Not a JWT at all.
    expect(await (await graph('not-a-token')).json()).toMatchObject({
      error: { code: 'InvalidAuthenticationToken' },
    });
  });
});
