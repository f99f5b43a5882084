import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox } from '../../main/core/platform/cloud/sandbox-connector';
import { dispatcherTrusting } from '../../main/core/platform/cloud/transport';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import type { AuthStatus, DeviceCodePrompt, PartnerAccount } from '../../shared/contract/contract';
import { readForm, signInThroughPages } from '../sandbox/helpers/sandbox';

// The whole app core against its own in-process sandbox, through msal-node: only the browser is a
// fake (the OS edge), driving the sandbox's sign-in pages over HTTPS with the sandbox's CA.
let dir: string;
let core: SwitchboardCore;
const events: Array<[string, unknown]> = [];
let chosenUser = 'ada.analyst@contosomssp.onmicrosoft.com';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-signin-'));
  core = createCore({
    host: 'electron',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: true }) },
    sandbox: inProcessSandbox(dir, { customers: 12 }),
    openSignInPage: async (url) => {
      void signInThroughPages(
        fs.readFileSync(path.join(dir, 'sandbox', 'sandbox-ca.pem'), 'utf8'),
        url,
        chosenUser,
      );
      return true;
    },
    log: { error: () => undefined },
  });
  core.onEvent((name, payload) => events.push([name, payload]));
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('signing in to the sandbox cloud from the app core', () => {
  it('signs in through the system browser, lists the account, and keeps tokens in memory without OS encryption', async () => {
    const signedIn = await core.invoke('auth.signIn', { method: 'browser' });
    expect(signedIn).toMatchObject({ ok: true, value: { username: chosenUser } });
    const status = (await core.invoke('auth.status', {})) as { ok: true; value: AuthStatus };
    expect(status.value.accounts.map((a) => a.username)).toEqual([chosenUser]);
    expect(status.value.activeAccountId).toBe((signedIn as { value: PartnerAccount }).value.homeAccountId);
    expect(status.value.tokenStorage).toBe('memory');
    expect(fs.existsSync(path.join(dir, 'token-cache.bin'))).toBe(false);
    expect(events.some(([name]) => name === 'auth.changed')).toBe(true);
  });

  it('signs a second account in with a device code shown in the app, and switches between them', async () => {
    chosenUser = 'pat.admin@contosomssp.onmicrosoft.com';
    const pending = core.invoke('auth.signIn', { method: 'deviceCode' });
    await expect.poll(() => events.find(([name]) => name === 'auth.deviceCode')).toBeDefined();
    const prompt = events.find(([name]) => name === 'auth.deviceCode')?.[1] as DeviceCodePrompt;
    expect(prompt.message).toContain(prompt.userCode);
    const ca = fs.readFileSync(path.join(dir, 'sandbox', 'sandbox-ca.pem'), 'utf8');
    const dispatcher = dispatcherTrusting(ca);
    const post = async (action: string, fields: Record<string, string>) =>
      (
        await undiciFetch(action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
          dispatcher,
        })
      ).text();
    const start = readForm(await (await undiciFetch(prompt.verificationUri, { dispatcher })).text());
    const decide = readForm(await post(start.action, { otc: prompt.userCode }));
    await post(decide.action, { ...decide.fields, typed_username: chosenUser, decision: 'accept' });
    expect(await pending).toMatchObject({ ok: true, value: { username: chosenUser } });

    const status = (await core.invoke('auth.status', {})) as { value: AuthStatus };
    expect(status.value.accounts.map((a) => a.username).sort()).toEqual([
      'ada.analyst@contosomssp.onmicrosoft.com',
      'pat.admin@contosomssp.onmicrosoft.com',
    ]);
    const ada = status.value.accounts.find((a) => a.username.startsWith('ada'));
    const switched = (await core.invoke('auth.setActive', { homeAccountId: ada?.homeAccountId ?? '' })) as {
      value: AuthStatus;
    };
    expect(switched.value.activeAccountId).toBe(ada?.homeAccountId);
  });

  it('signing out forgets that account only', async () => {
    const status = (await core.invoke('auth.status', {})) as { value: AuthStatus };
    const pat = status.value.accounts.find((a) => a.username.startsWith('pat'));
    const after = (await core.invoke('auth.signOut', { homeAccountId: pat?.homeAccountId ?? '' })) as {
      value: AuthStatus;
    };
    expect(after.value.accounts.map((a) => a.username)).toEqual(['ada.analyst@contosomssp.onmicrosoft.com']);
    expect(await core.invoke('auth.signOut', { homeAccountId: pat?.homeAccountId ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('refuses a malformed account ID before anything runs', async () => {
    expect(await core.invoke('auth.setActive', { homeAccountId: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
