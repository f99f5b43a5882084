/**
 * Scenario `matrix`: the access matrix with 2,000 customers and 50 analysts. Core builds it against
 * the sandbox (GDAP from a synced directory, guests read from every customer the analyst can reach),
 * timed, with the Graph requests it sent beside the fewest that reading needs. Then the matrix view in
 * Chromium, scrolled and filtered: every frame's time in the same run (p95, and frames over the
 * 60 Hz budget).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createCore } from '../../main/core/compose';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { startSandbox } from '../../main/sandbox/server';
import type { SandboxData, User } from '../../main/sandbox/state/model';
import { generateSample, sampleKind } from '../../main/sandbox/state/sample';
import { ROLE_IDS } from '../../shared/gdap/roles';
import type { AccessMatrix } from '../../shared/guests/access-matrix';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { CHROMIUM_LAUNCH_OPTIONS } from '../e2e/chromium';
import { startHost, writeSettings } from '../e2e/host';
import { signInThroughPages } from '../sandbox/helpers/sandbox';
import type { Figures, Scenario } from './run';

const CUSTOMERS = 2000;
const ANALYSTS = 50;
/**
 * Customers whose guests are read in the timed refresh. Fewer than CUSTOMERS: every customer tenant
 * adds a token to the sign-in cache, and each cache access deserialises and re-encrypts the whole
 * cache (main/core/accounts/token-cache.ts), so reading thousands of tenants grows faster than
 * linearly (100 customers: about 5 s, 200: about 28 s on this machine). Reported as its own figure.
 */
const GUEST_READ_CUSTOMERS = 150;
const ANALYST_UPN = 'ada.analyst@contosomssp.onmicrosoft.com';

/** The sample with 50 partner users in the SOC groups, and guest accounts in guest-only and both customers. */
function seededState(customers = CUSTOMERS): SandboxData {
  const data = generateSample({ customers, seed: 11, now: new Date() });
  const partner = data.partnerTenantId;
  const domain = data.tenants.find((t) => t.id === partner)?.defaultDomain ?? '';
  const groups = ['SOC Analysts - Security Reader', 'Tier 2 Responders'].map((name) =>
    data.groups.find((g) => g.tenantId === partner && g.displayName === name),
  );
  const existing = data.users.filter((u) => u.tenantId === partner).length;
  const created = data.users[0]?.createdDateTime ?? new Date().toISOString();
  const extra: User[] = Array.from({ length: ANALYSTS - existing }, (_, i) => ({
    id: crypto.randomUUID(),
    tenantId: partner,
    userPrincipalName: `analyst${i + 1}@${domain}`,
    displayName: `Analyst ${String(i + 1).padStart(2, '0')}`,
    mail: `analyst${i + 1}@${domain}`,
    userType: 'Member',
    externalUserState: null,
    creationType: null,
    homeUserId: null,
    description: 'Bench analyst',
    createdDateTime: created,
  }));
  data.users.push(...extra);
  extra.forEach((u, i) => groups[i % 2]?.members.push(u.id));
  const partnerUsers = data.users.filter((u) => u.tenantId === partner);
  data.tenants
    .filter((t) => t.kind === 'customer')
    .forEach((t, i) => {
      const kind = sampleKind(i);
      if (kind !== 'guestOnly' && kind !== 'both') return;
      for (const p of partnerUsers.slice(0, 12)) {
        const guest: User = {
          id: crypto.randomUUID(),
          tenantId: t.id,
          userPrincipalName: `${p.userPrincipalName.replace('@', '_')}#EXT#@${t.defaultDomain}`,
          displayName: p.displayName,
          mail: p.userPrincipalName,
          userType: 'Guest',
          externalUserState: i % 3 === 0 ? 'PendingAcceptance' : 'Accepted',
          creationType: 'Invitation',
          homeUserId: p.id,
          description: 'Bench guest',
          createdDateTime: created,
        };
        if (data.users.some((u) => u.tenantId === t.id && u.homeUserId === p.id)) continue;
        data.users.push(guest);
        data.roleAssignments.push({
          id: crypto.randomUUID(),
          tenantId: t.id,
          roleDefinitionId: i % 2 === 0 ? ROLE_IDS.securityReader : ROLE_IDS.securityOperator,
          principalId: guest.id,
          directoryScopeId: '/',
          startDateTime: null,
          endDateTime: i % 4 === 0 ? new Date(Date.now() + (i % 60) * 86_400_000).toISOString() : null,
          kind: 'active',
        });
      }
    });
  return data;
}

function writeState(dataDir: string, data: SandboxData): void {
  fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'sandbox', 'sandbox-state.json'), JSON.stringify(data));
}

/**
 * Core against the sandbox: sync, then the matrix from the directory alone (`refresh: false`) or with
 * every customer's guests read first (`refresh: true`).
 */
async function coreFigures(data: SandboxData, refresh: boolean): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-matrix-'));
  writeState(dir, data);
  const sandbox = await startSandbox({ dataDir: path.join(dir, 'sandbox'), persistState: true });
  let requests = 0;
  const connector: SandboxConnector = {
    start: async () => ({
      profile: sandboxCloud(sandbox.baseUrl),
      caPem: sandbox.caPem,
      publicClientId: sandbox.publicClientId,
      close: async () => undefined,
    }),
  };
  const core = createCore({
    host: 'web',
    version: 'bench',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: false }) },
    sandbox: connector,
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, ANALYST_UPN), true),
    onGraphRequest: () => void requests++,
    log: { error: () => undefined },
  });
  try {
    const signedIn = await core.invoke('auth.signIn', { method: 'browser' });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const synced = await core.invoke('directory.sync', {});
    if (!synced.ok) throw new Error(synced.error.message);

    const timed = async (refresh: boolean) => {
      requests = 0;
      const started = performance.now();
      const result = await core.invoke('guests.matrix', { refresh });
      const ms = performance.now() - started;
      if (!result.ok) throw new Error(result.error.message);
      return { ms, requests, matrix: result.value as AccessMatrix };
    };
    const run = await timed(refresh);

    // The fewest reads: the partner's users (pages of 999), each group the active assignments name
    // (its members), and, with guests, three per customer whose guests can be read (its guests, its
    // active and eligible role schedules). A customer the analyst cannot reach (no GDAP path, no
    // guest account) costs a refused token, no Graph request.
    const ada = sandbox.state.data.users.find((u) => u.userPrincipalName === ANALYST_UPN);
    const partnerUsers = sandbox.state.data.users.filter(
      (u) => u.tenantId === sandbox.partnerTenantId,
    ).length;
    const reachable = sandbox.state.data.tenants.filter(
      (t) =>
        t.kind === 'customer' &&
        run.matrix.customers.some((c) => c.tenantId === t.id) &&
        ada !== undefined &&
        sandbox.tokens.rolesIn(ada, t.id) !== undefined,
    ).length;
    const lowerBound =
      Math.ceil(partnerUsers / 999) + groupsNamed(sandbox.state.data) + (refresh ? 3 * reachable : 0);
    const cells = run.matrix.cells.reduce((n, row) => n + row.filter((c) => c !== null).length, 0);
    console.log(
      `  (${refresh ? 'with guests read' : 'from the directory'}: ${run.matrix.customers.length} customers x ${run.matrix.analysts.length} analysts, ${cells} cells with a path or a guest${refresh ? `, ${reachable} customers reachable for guest reads` : ''})`,
    );
    return refresh
      ? {
          guestReadCustomers: run.matrix.customers.length,
          buildWithGuestsMs: run.ms,
          requestsWithGuests: run.requests,
          requestsWithGuestsLowerBound: lowerBound,
        }
      : { buildMs: run.ms, requests: run.requests, requestsLowerBound: lowerBound };
  } finally {
    await core.close();
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** How many distinct partner groups the active assignments of access-granting relationships name. */
function groupsNamed(data: SandboxData): number {
  const granting = new Set(
    data.relationships.filter((r) => r.status === 'active' || r.status === 'expiring').map((r) => r.id),
  );
  return new Set(
    data.accessAssignments
      .filter((a) => a.status === 'active' && granting.has(a.relationshipId))
      .map((a) => a.accessContainer.accessContainerId),
  ).size;
}

/** Records every frame's time (rAF to rAF) while `window.__recording` is on. */
const FRAME_RECORDER = `(() => {
  const frames = (window.__frames = []);
  let last = null;
  const tick = (t) => {
    if (window.__recording && last !== null) frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function viewFigures(data: SandboxData): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-matrix-view-'));
  writeSettings(dir, 'sandbox');
  writeState(dir, data);
  const host = await startHost(dir);
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 820 },
      ignoreHTTPSErrors: true,
    });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'Accounts' }).click();
    const [signIn] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Sign in with the browser' }).click(),
    ]);
    await signIn.getByRole('radio', { name: /Ada Analyst/ }).check();
    await signIn.getByRole('button', { name: 'Next' }).click();
    await signIn.getByRole('button', { name: 'Accept' }).click();
    await signIn.getByText('You are signed in').waitFor();
    await signIn.close();
    await page.getByRole('tab', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page
      .getByTestId('directory-age')
      .getByText(/read as ada\.analyst/)
      .waitFor({ timeout: 240_000 });
    await page.getByRole('tab', { name: 'Access matrix' }).click();
    // The matrix from the directory (2,000 customers' GDAP); reading every customer's guests is
    // measured in core above, on fewer customers.
    const shown = page.getByText(/customers × \d+ analysts$/);
    await page.getByRole('gridcell').first().waitFor({ timeout: 120_000 });
    console.log(`  (the view shows ${await shown.textContent()})`);

    await page.evaluate(FRAME_RECORDER);
    const grid = page.getByRole('grid', { name: 'Access matrix' });
    const box = await grid.boundingBox();
    await page.mouse.move((box?.x ?? 0) + 400, (box?.y ?? 0) + 200);
    // Warm up (JIT, style caches), then record.
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(16);
    }
    await page.evaluate('window.__recording = true');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 60; i++) {
        await page.mouse.wheel(0, round % 2 === 0 ? 220 : -220);
        await page.waitForTimeout(16);
      }
      for (let i = 0; i < 20; i++) {
        await page.mouse.wheel(180, 0);
        await page.waitForTimeout(16);
      }
    }
    const filter = page.getByRole('textbox', { name: 'Customer' });
    for (const text of ['north', 'fabrikam 1', 'wood']) {
      await filter.click();
      for (const ch of text) {
        await page.keyboard.type(ch);
        await page.waitForTimeout(100);
      }
      await filter.fill('');
      await page.waitForTimeout(100);
    }
    for (const name of ['Reaches Sentinel', 'Ends within 30 days']) {
      await page.getByRole('checkbox', { name }).check();
      await page.waitForTimeout(300);
      await page.getByRole('checkbox', { name }).uncheck();
      await page.waitForTimeout(300);
    }
    await page.evaluate('window.__recording = false');
    const frames = ((await page.evaluate('window.__frames')) as number[]).sort((a, b) => a - b);
    const p = (q: number) =>
      frames[Math.min(frames.length - 1, Math.ceil(q * frames.length) - 1)] ?? Number.NaN;
    const budget = 1000 / 60;
    return {
      frames: frames.length,
      p95FrameMs: p(0.95),
      medianFrameMs: p(0.5),
      maxFrameMs: frames.at(-1) ?? Number.NaN,
      // A frame that took longer than one and a half 60 Hz frames dropped at least one.
      droppedFrames: frames.filter((f) => f > budget * 1.5).length,
    };
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const matrix: Scenario = {
  name: 'matrix',
  describe: `access matrix, ${CUSTOMERS} customers x ${ANALYSTS} analysts: core build (requests beside their lower bound) and the view scrolled and filtered in Chromium (frame times)`,
  async run(): Promise<Figures> {
    const data = seededState();
    const fromDirectory = await coreFigures(data, false);
    const withGuests = await coreFigures(seededState(GUEST_READ_CUSTOMERS), true);
    const view = await viewFigures(data);
    return { ...fromDirectory, ...withGuests, ...view };
  },
};
