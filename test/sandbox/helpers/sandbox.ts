/**
 * Test helpers for the sandbox: start one in-process on a free port with a scratch data folder, and
 * build the real SDK clients trusting its CA by injection (the same transport the app uses).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import type { Client } from '@microsoft/microsoft-graph-client';
import { fetch as undiciFetch } from 'undici';
import { sandboxCloud } from '../../../shared/platform/cloud-profile';
import { dispatcherTrusting, TrustingNetworkClient } from '../../../main/core/platform/cloud/transport';
import { createGraphClient } from '../../../main/core/platform/graph/graph-client';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../main/sandbox/server';

export interface TestSandbox extends RunningSandbox {
  readonly dataDir: string;
  /** fetch that trusts the sandbox CA (for pages and raw wire checks). */
  fetch(url: string, init?: Parameters<typeof undiciFetch>[1]): ReturnType<typeof undiciFetch>;
  upn(key: 'analyst' | 'responder' | 'admin' | 'helpdesk'): string;
  dispose(): Promise<void>;
}

export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sandbox-'));
  const sandbox = await startSandbox({
    customers: 20,
    seed: 7,
    deviceCodeIntervalSeconds: 1,
    ...options,
    dataDir,
  });
  const dispatcher = dispatcherTrusting(sandbox.caPem);
  return {
    ...sandbox,
    dataDir,
    fetch: (url, init) => undiciFetch(url, { ...init, dispatcher }),
    upn: (key) => {
      const prefix = {
        analyst: 'ada.analyst',
        responder: 'rory.responder',
        admin: 'pat.admin',
        helpdesk: 'sam.helpdesk',
      }[key];
      return sandbox.users.find((u) => u.upn.startsWith(`${prefix}@`))?.upn ?? prefix;
    },
    dispose: async () => {
      await sandbox.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function publicClient(
  sandbox: RunningSandbox,
  authorityTenant = 'organizations',
): PublicClientApplication {
  return new PublicClientApplication({
    auth: {
      clientId: sandbox.publicClientId,
      authority: `${sandbox.baseUrl}/${authorityTenant}`,
      knownAuthorities: [new URL(sandbox.baseUrl).host],
    },
    system: { networkClient: new TrustingNetworkClient(dispatcherTrusting(sandbox.caPem)) },
  });
}

export function automationClient(
  sandbox: RunningSandbox,
  secret = sandbox.automationClient.clientSecret,
): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: sandbox.automationClient.clientId,
      clientSecret: secret,
      authority: `${sandbox.baseUrl}/${sandbox.partnerTenantId}`,
      knownAuthorities: [new URL(sandbox.baseUrl).host],
    },
    system: { networkClient: new TrustingNetworkClient(dispatcherTrusting(sandbox.caPem)) },
  });
}

export function graphClientWithToken(
  sandbox: RunningSandbox,
  token: string | (() => Promise<string>),
): Client {
  return createGraphClient(
    sandboxCloud(sandbox.baseUrl),
    sandbox.caPem,
    typeof token === 'string' ? async () => token : token,
  );
}

/** The form on a page: its action and every named input's value (checked radios, text, hidden). */
export function readForm(pageHtml: string, index = 0): { action: string; fields: Record<string, string> } {
  const forms = [...pageHtml.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms[index];
  if (!form) throw new Error(`No form on the page:\n${pageHtml.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input([^>]*)>/g)) {
    const attrs = input[1] ?? '';
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    const value = /value="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const type = /type="([^"]*)"/.exec(attrs)?.[1] ?? 'text';
    if (!name || type === 'radio') continue;
    fields[name] = unescapeHtml(value);
  }
  return { action: unescapeHtml(form[1] ?? ''), fields };
}

function unescapeHtml(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

/**
 * A scripted browser for msal-node's acquireTokenInteractive: opens the authorize URL, picks the user,
 * answers the consent page, and posts the form_post reply to the app's loopback redirect.
 */
export function scriptedBrowser(
  sandbox: TestSandbox,
  upn: string,
  decision: 'accept' | 'cancel' = 'accept',
): { openBrowser: (url: string) => Promise<void>; pages: string[] } {
  const pages: string[] = [];
  return {
    pages,
    openBrowser: async (url: string) => {
      const signIn = await (await sandbox.fetch(url)).text();
      pages.push(signIn);
      const login = readForm(signIn);
      const consentPage = await (
        await sandbox.fetch(login.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...login.fields, typed_username: upn }).toString(),
        })
      ).text();
      pages.push(consentPage);
      const consent = readForm(consentPage);
      const reply = await (
        await sandbox.fetch(consent.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...consent.fields, decision }).toString(),
        })
      ).text();
      pages.push(reply);
      const post = readForm(reply);
      // The loopback redirect is plain http on this machine: msal-node's own listener.
      await fetch(post.action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(post.fields).toString(),
      });
    },
  };
}

/** Enters a device code on the sandbox's device-login page as `upn`. */
export async function enterDeviceCode(
  sandbox: TestSandbox,
  verificationUri: string,
  userCode: string,
  upn: string,
  decision: 'accept' | 'decline' = 'accept',
): Promise<string> {
  const start = readForm(await (await sandbox.fetch(verificationUri)).text());
  const pick = await (
    await sandbox.fetch(start.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ otc: userCode }).toString(),
    })
  ).text();
  const decide = readForm(pick);
  return (
    await sandbox.fetch(decide.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...decide.fields, typed_username: upn, decision }).toString(),
    })
  ).text();
}

/**
 * Signs `upn` in on the sandbox's pages for an authorize URL the app opened (the OS-edge browser of
 * integration tests and the bench): sign-in page, consent, then the form_post to the loopback.
 */
export async function signInThroughPages(caPem: string, url: string, upn: string): Promise<void> {
  const dispatcher = dispatcherTrusting(caPem);
  const post = async (action: string, fields: Record<string, string>) =>
    (
      await undiciFetch(action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        dispatcher,
      })
    ).text();
  const login = readForm(await (await undiciFetch(url, { dispatcher })).text());
  const consent = readForm(await post(login.action, { ...login.fields, typed_username: upn }));
  const reply = readForm(await post(consent.action, { ...consent.fields, decision: 'accept' }));
  await fetch(reply.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(reply.fields).toString(),
  });
}

/**
 * The customer's Global Administrator (admin@<domain>) approves a GDAP request on the sandbox's
 * admin center approval page, as they would after opening the approval link.
 */
export async function approveAsCustomerAdmin(
  sandbox: RunningSandbox,
  relationshipId: string,
  customerTenantId: string,
  decision: 'approve' | 'decline' = 'approve',
): Promise<void> {
  const dispatcher = dispatcherTrusting(sandbox.caPem);
  const admin = sandbox.state.data.users.find(
    (u) => u.tenantId === customerTenantId && u.userPrincipalName.startsWith('admin@'),
  );
  if (!admin) throw new Error(`No admin@ user in tenant ${customerTenantId}`);
  const base = `${sandbox.baseUrl}/portals/admin.microsoft.com/sandbox`;
  const signedIn = await undiciFetch(`${base}/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ userId: admin.id, relationshipId }).toString(),
    redirect: 'manual',
    dispatcher,
  });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const answer = await undiciFetch(`${base}/approval`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ relationshipId, decision }).toString(),
    dispatcher,
  });
  if (!answer.ok) throw new Error(`The approval page answered ${answer.status}: ${await answer.text()}`);
}

/** What a sandbox portal stand-in shows `upn` at `url` (signed in on the portal's own page first). */
export async function portalFactsAs(
  sandbox: RunningSandbox,
  upn: string,
  url: string,
): Promise<{
  tenantId: string | null;
  signedIn: { upn: string } | null;
  access: { effectiveRoles: string[] };
}> {
  const dispatcher = dispatcherTrusting(sandbox.caPem);
  const host = /\/portals\/([^/]+)\//.exec(new URL(url).pathname)?.[1] ?? '';
  const signedIn = await undiciFetch(`${sandbox.baseUrl}/portals/${host}/sandbox/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: upn, return: '/' }).toString(),
    redirect: 'manual',
    dispatcher,
  });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const page = await undiciFetch(url, { headers: { accept: 'application/json', cookie }, dispatcher });
  return (await page.json()) as Awaited<ReturnType<typeof portalFactsAs>>;
}
