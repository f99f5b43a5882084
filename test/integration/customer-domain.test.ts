import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import type { TenantInformation } from '../../shared/customers/customer';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import type { AuthStatus, CommandError, CommandName, DeviceCodePrompt } from '../../shared/contract/contract';
import { automationClient, graphClientWithToken, signInThroughPages } from '../sandbox/helpers/sandbox';

// Adding a customer by domain, and cancelling a sign-in, through the app's core, msal-node and the
// Graph SDK against the sandbox. Only the browser (the sign-in pages) is scripted.
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
/** Whether the scripted browser completes the sign-in it is handed, or leaves it open. */
let browserSignsIn = true;
const openedSignIns: string[] = [];
const deviceCodes: DeviceCodePrompt[] = [];
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';

async function ok<T>(name: CommandName, input: unknown): Promise<T> {
  const result = await core.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function refused(name: CommandName, input: unknown): Promise<CommandError> {
  const result = await core.invoke(name, input);
  if (result.ok) throw new Error(`${name} was expected to be refused`);
  return result.error;
}

/** Whether something still listens on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-domain-'));
  sandbox = await startSandbox({
    dataDir: path.join(dir, 'sandbox'),
    customers: 12,
    seed: 5,
    deviceCodeIntervalSeconds: 1,
  });
  const connector: SandboxConnector = {
    start: async () => ({
      profile: sandboxCloud(sandbox.baseUrl),
      caPem: sandbox.caPem,
      publicClientId: sandbox.publicClientId,
      close: async () => undefined,
    }),
  };
  core = createCore({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: false }) },
    sandbox: connector,
    openSignInPage: async (url) => {
      openedSignIns.push(url);
      if (browserSignsIn) void signInThroughPages(sandbox.caPem, url, ADMIN);
      return true;
    },
    log: { error: () => undefined },
  });
  core.onEvent((name, payload) => {
    if (name === 'auth.deviceCode') deviceCodes.push(payload as DeviceCodePrompt);
  });
}, 60_000);

afterAll(async () => {
  await core.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const customers = () => sandbox.state.data.tenants.filter((t) => t.kind === 'customer');

describe('cancelling a sign-in', () => {
  it('ends a browser sign-in left open: the command answers cancelled and the loopback port closes', async () => {
    browserSignsIn = false;
    const pending = core.invoke('auth.signIn', { method: 'browser' });
    await expect.poll(() => openedSignIns.length, { timeout: 20_000 }).toBe(1);
    const redirect = new URL(new URL(openedSignIns[0] as string).searchParams.get('redirect_uri') ?? '');
    expect(await listening(Number(redirect.port))).toBe(true);

    expect(await ok('auth.cancelSignIn', {})).toEqual({ cancelled: true });
    const result = await pending;
    expect(result).toMatchObject({ ok: false, error: { message: /Sign-in was cancelled/ } });
    await expect.poll(() => listening(Number(redirect.port))).toBe(false);
    expect((await ok<AuthStatus>('auth.status', {})).accounts).toEqual([]);
    // Nothing to cancel any more.
    expect(await ok('auth.cancelSignIn', {})).toEqual({ cancelled: false });
  });

  it('ends a device-code sign-in; a new sign-in can start straight away', async () => {
    const pending = core.invoke('auth.signIn', { method: 'deviceCode' });
    await expect.poll(() => deviceCodes.length, { timeout: 20_000 }).toBe(1);
    expect(await ok('auth.cancelSignIn', {})).toEqual({ cancelled: true });
    expect(await pending).toMatchObject({ ok: false, error: { message: /Sign-in was cancelled/ } });
    expect((await ok<AuthStatus>('auth.status', {})).accounts).toEqual([]);
  });
});

describe('finding a customer’s tenant by domain', () => {
  it('needs a signed-in account, and says so', async () => {
    const error = await refused('customers.findTenant', { domain: customers()[0]?.defaultDomain });
    expect(error.message).toMatch(/needs a signed-in partner account.*paste the customer’s tenant ID/);
  });

  it('signs in (after the cancels above) and finds tenants by domain as typed, in any case', async () => {
    browserSignsIn = true;
    await ok('auth.signIn', { method: 'browser' });
    for (const tenant of customers().slice(0, 3)) {
      const typed = ` ${tenant.defaultDomain.toUpperCase()}. `;
      const found = await ok<TenantInformation>('customers.findTenant', { domain: typed });
      expect(found).toEqual({
        domain: tenant.defaultDomain,
        tenantId: tenant.id,
        displayName: tenant.displayName,
        defaultDomainName: tenant.defaultDomain,
      });
    }
  });

  it('says plainly when no tenant uses the domain', async () => {
    const error = await refused('customers.findTenant', { domain: 'no-such-customer.example.com' });
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/No Microsoft Entra tenant uses the domain no-such-customer\.example\.com/);
    expect(error.message).not.toMatch(/Request_ResourceNotFound|404/);
  });

  it.each([
    ['an e-mail address', 'ada@contoso.com', /e-mail address/],
    ['a URL', 'https://contoso.com/login', /This is a URL/],
    ['a quote that would break the Graph function call', "contoso.com')", /not a domain name/],
  ])('refuses %s before anything is sent', async (_what, domain, reason) => {
    const error = await refused('customers.findTenant', { domain });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(reason);
  });
});

describe('the sandbox’s findTenantInformationByDomainName', () => {
  it('answers 403 to a caller without CrossTenantInformation.ReadBasic.All', async () => {
    const app = automationClient(sandbox);
    const token = await app.acquireTokenByClientCredential({
      scopes: [`${sandboxCloud(sandbox.baseUrl).graphResource}/.default`],
    });
    const client = graphClientWithToken(sandbox, token?.accessToken ?? '');
    const domain = customers()[0]?.defaultDomain ?? '';
    await expect(
      client.api(`/tenantRelationships/findTenantInformationByDomainName(domainName='${domain}')`).get(),
    ).rejects.toMatchObject({ statusCode: 403, code: 'Authorization_RequestDenied' });
  });
});
