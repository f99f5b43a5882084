/**
 * The portal stand-ins (`/portals/<host>/...`): the tenant of the launch URL and the signed-in
 * analyst's effective access there, as HTML for a person and as JSON for end-to-end checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityCopilotUrl } from '../../shared/launch/launch-url';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { COPILOT_PLUGINS } from '../../shared/plugins/plugin-catalogue';
import { LAUNCH_TARGETS, portalTargetUrl } from '../../shared/launch/portal-targets';
import { tenantId as asTenantId } from '../../shared/platform/tenant-id';
import { readForm, startTestSandbox, type TestSandbox } from './helpers/sandbox';

let sandbox: TestSandbox;
let analystId: string;
let cookie: string;

interface Facts {
  portal: string;
  host: string;
  tenantId: string | null;
  tenantName: string | null;
  signedIn: { upn: string } | null;
  access: {
    gdap: Array<{ relationship: string; group: string; roles: string[] }>;
    guest: { roles: string[] } | null;
    effectiveRoles: string[];
  };
  accessPath: string | null;
  problem: string | null;
  signInUrl: string | null;
  plugins: Array<{ name: string; gdap: string }> | null;
}

async function facts(path: string, withCookie = true): Promise<Facts> {
  const res = await sandbox.fetch(`${sandbox.baseUrl}${path}`, {
    headers: { accept: 'application/json', ...(withCookie ? { cookie } : {}) },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Facts;
}

async function page(path: string, withCookie = true): Promise<string> {
  const res = await sandbox.fetch(`${sandbox.baseUrl}${path}`, { headers: withCookie ? { cookie } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  return res.text();
}

const customers = () => sandbox.state.data.tenants.filter((t) => t.kind === 'customer');
const guestAccepted = (tenantId: string) =>
  sandbox.state.guestIn(analystId, tenantId)?.externalUserState === 'Accepted';

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 20 });
  analystId = sandbox.state.data.users.find((u) => u.userPrincipalName === sandbox.upn('analyst'))?.id ?? '';
  cookie = `sbx_session=${analystId}`;
});
afterAll(() => sandbox.dispose());

describe('portal stand-ins', () => {
  it('Security Copilot via GDAP: Security Reader, the relationship and group, and the GDAP plugin list', async () => {
    const tenant = customers().find(
      (t) => sandbox.state.gdapRoleIds(analystId, t.id).length > 0 && !guestAccepted(t.id),
    );
    expect(tenant).toBeDefined();
    // The URL the app opens, rewritten by the sandbox profile.
    const launch = securityCopilotUrl(sandboxCloud(sandbox.baseUrl), asTenantId(tenant?.id ?? ''));
    expect(launch.ok).toBe(true);
    const path = launch.ok ? new URL(launch.url).pathname + new URL(launch.url).search : '';
    expect(path).toBe(`/portals/securitycopilot.microsoft.com/?tenantId=${tenant?.id}`);
    const json = await facts(path);
    expect(json).toMatchObject({
      portal: 'Microsoft Security Copilot',
      host: 'securitycopilot.microsoft.com',
      tenantId: tenant?.id,
      tenantName: tenant?.displayName,
      signedIn: { upn: sandbox.upn('analyst') },
      accessPath: 'gdap',
      problem: null,
      signInUrl: null,
    });
    expect(json.access.effectiveRoles).toEqual(['Security Reader']);
    expect(json.access.gdap[0]?.roles).toEqual(['Security Reader']);
    expect(json.access.gdap[0]?.group).toContain('Security Reader');
    expect(json.access.guest).toBeNull();
    expect(json.plugins?.map((p) => p.name)).toEqual(COPILOT_PLUGINS.map((p) => p.name));

    const html = await page(path);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(tenant?.displayName ?? '?');
    expect(html).toContain('Under GDAP only some plugins work');
    expect(html).toContain('Security Reader');
  });

  it('a guest-only customer shows the guest roles; a customer with no access says why', async () => {
    const guestOnly = customers().find(
      (t) => guestAccepted(t.id) && sandbox.state.gdapRoleIds(analystId, t.id).length === 0,
    );
    expect(guestOnly).toBeDefined();
    const viaGuest = await facts(`/portals/securitycopilot.microsoft.com/?tenantId=${guestOnly?.id}`);
    expect(viaGuest.accessPath).toBe('guest');
    expect(viaGuest.access.gdap).toEqual([]);
    expect(viaGuest.access.guest?.roles).toEqual(['Security Reader']);
    expect(viaGuest.access.effectiveRoles).toEqual(['Security Reader']);
    expect(await page(`/portals/securitycopilot.microsoft.com/?tenantId=${guestOnly?.id}`)).toContain(
      'every plugin works',
    );

    const none = customers().find(
      (t) =>
        !sandbox.state.guestIn(analystId, t.id) && sandbox.state.gdapRoleIds(analystId, t.id).length === 0,
    );
    expect(none).toBeDefined();
    const noAccess = await facts(`/portals/security.microsoft.com/?tid=${none?.id}`);
    expect(noAccess).toMatchObject({
      portal: 'Microsoft Defender XDR',
      tenantId: none?.id,
      accessPath: null,
    });
    expect(noAccess.access.effectiveRoles).toEqual([]);
    expect(noAccess.problem).toContain('has no access');
  });

  it('without a session it says "not signed in" and the sign-in form sets the session and comes back', async () => {
    const tenant = customers()[0];
    const path = `/portals/entra.microsoft.com/?tenantId=${tenant?.id}`;
    const json = await facts(path, false);
    expect(json.signedIn).toBeNull();
    expect(json.problem).toContain('Not signed in');
    expect(json.signInUrl).toContain('/portals/entra.microsoft.com/sandbox/signin');
    const html = await page(path, false);
    expect(html).toContain('not signed in');

    const formPage = await (await sandbox.fetch(json.signInUrl ?? '')).text();
    const form = readForm(formPage);
    const signedIn = await sandbox.fetch(form.action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form.fields, typed_username: sandbox.upn('analyst') }).toString(),
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe(`${sandbox.baseUrl}${path}`);
    expect(signedIn.headers.get('set-cookie')).toContain(`sbx_session=${analystId}`);

    // No open redirect: a foreign return address falls back to the portal's home.
    const evil = await sandbox.fetch(form.action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        return: '//evil.example/',
        typed_username: sandbox.upn('analyst'),
      }).toString(),
    });
    expect(evil.headers.get('location')).toBe(`${sandbox.baseUrl}/portals/entra.microsoft.com/`);
  });

  it('missing, malformed and hostile tenant IDs get a clear message, escaped', async () => {
    const missing = await page('/portals/securitycopilot.microsoft.com/');
    expect(missing).toContain('in-app tenant switch does not see GDAP');
    const other = await facts('/portals/intune.microsoft.com/');
    expect(other.problem).toContain('home tenant');

    const hostile = await page(
      `/portals/securitycopilot.microsoft.com/?tenantId=${encodeURIComponent('"><script>alert(1)</script>')}`,
    );
    expect(hostile).not.toContain('<script>alert');
    expect(hostile).toContain('&#60;script&#62;');
    expect(hostile).toContain('is not a tenant ID');
    const unknown = await facts(`/portals/securitycopilot.microsoft.com/?tenantId=${crypto.randomUUID()}`);
    expect(unknown.problem).toContain('does not exist in the sandbox');
  });

  it('covers every portal host the app opens, and unknown hosts', async () => {
    const tenant = customers().find((t) => sandbox.state.gdapRoleIds(analystId, t.id).length > 0);
    const hosts = {
      'security.microsoft.com': 'Microsoft Defender XDR',
      'entra.microsoft.com': 'Microsoft Entra admin center',
      'intune.microsoft.com': 'Microsoft Intune admin center',
      'portal.azure.com': 'Azure portal',
      'purview.microsoft.com': 'Microsoft Purview',
      'admin.exchange.microsoft.com': 'Exchange admin center',
      'admin.cloud.microsoft': 'Microsoft 365 admin center',
      'partner.microsoft.com': 'Partner Center',
      'unknown.example.com': 'unknown.example.com',
    };
    for (const [host, name] of Object.entries(hosts)) {
      const json = await facts(`/portals/${host}/some/deep/path?tenantId=${tenant?.id}`);
      expect(json, host).toMatchObject({ portal: name, host, tenantId: tenant?.id });
      expect(json.access.effectiveRoles.length, host).toBeGreaterThan(0);
      expect(json.plugins, host).toBeNull();
    }
    // A tenant named by its domain works too.
    const byDomain = await facts(`/portals/security.microsoft.com/?tid=${tenant?.defaultDomain}`);
    expect(byDomain.tenantId).toBe(tenant?.id);
    const inPath = await facts(`/portals/entra.microsoft.com/${tenant?.id}/overview`);
    expect(inPath.tenantId).toBe(tenant?.id);
    const atDomain = await facts(`/portals/intune.microsoft.com/@${tenant?.defaultDomain}/home`);
    expect(atDomain.tenantId).toBe(tenant?.id);
  });

  it('every portal target the app builds in the sandbox profile reaches a stand-in that shows its tenant', async () => {
    const tenant = customers().find((t) => sandbox.state.gdapRoleIds(analystId, t.id).length > 0);
    const relationship = sandbox.state.data.relationships.find((r) => r.customer?.tenantId === tenant?.id);
    expect(tenant && relationship).toBeTruthy();
    const customer = { tenantId: asTenantId(tenant?.id ?? ''), domain: tenant?.defaultDomain ?? null };
    for (const target of LAUNCH_TARGETS) {
      const built = portalTargetUrl(sandboxCloud(sandbox.baseUrl), customer, target, {
        relationshipId: relationship?.id ?? '',
      });
      if (!built.ok) throw new Error(built.message);
      const url = new URL(built.url);
      expect(url.origin, target).toBe(sandbox.baseUrl);
      // The approval link opens the admin center's own approval page (admin-center.ts), which reads
      // the relationship from the fragment in the browser; it has no tenant to show.
      if (target === 'gdapApproval') {
        expect(url.pathname).toBe('/portals/admin.microsoft.com/AdminPortal/Home');
        continue;
      }
      const json = await facts(`${url.pathname}${url.search}`);
      expect(json.tenantId, target).toBe(tenant?.id);
      expect(json.problem, target).toBeNull();
    }
  });
});
