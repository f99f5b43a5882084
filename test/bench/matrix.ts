/**
 * Scenario `matrix`: the access matrix with 2,000 customers and 50 analysts. Core builds it against
 * the sandbox (run as its own process, as in ./sync.ts, so its work does not share core's event
 * loop): from the synced directory alone, then, after a restart of core on the same data folder (the
 * sign-in read back from the encrypted token cache), with every customer's guests read, each timed,
 * with the Graph requests sent beside the fewest that reading needs. Then the matrix view in Chromium,
 * scrolled and filtered: every frame's time in the same run (p95, and frames over the 60 Hz budget,
 * while scrolling and while filtering); BENCH_TRACE=file.json also records a Chromium trace of it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import type { SecretCipher } from '../../main/core/platform/secrets/secret-cipher';
import { SandboxClock } from '../../main/sandbox/clock';
import { TokenService } from '../../main/sandbox/identity/token-service';
import { loadOrCreateSigningKey } from '../../main/sandbox/identity/jwt';
import type { SandboxData, User } from '../../main/sandbox/state/model';
import { generateSample, sampleKind } from '../../main/sandbox/state/sample';
import { SandboxState } from '../../main/sandbox/state/state';
import { ROLE_IDS } from '../../shared/gdap/roles';
import type { AccessMatrix } from '../../shared/guests/access-matrix';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { CHROMIUM_LAUNCH_OPTIONS } from '../e2e/chromium';
import { signInOnSandboxPage, startHost, writeSettings } from '../e2e/host';
import { signInThroughPages } from '../sandbox/helpers/sandbox';
import type { Figures, Scenario } from './run';

const CUSTOMERS = 2000;
const ANALYSTS = 50;
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

/** The sandbox as its own process over a state written beforehand (`npm run sandbox -- --save-state`). */
async function startSandboxProcess(
  dataDir: string,
): Promise<{ baseUrl: string; caPem: string; publicClientId: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/sandbox/cli.ts', '--json', '--data-dir', dataDir, '--save-state'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`The sandbox exited with ${code}`)));
  });
  const summary = JSON.parse(line) as { baseUrl: string; caPath: string; publicClientId: string };
  return {
    baseUrl: summary.baseUrl,
    caPem: fs.readFileSync(summary.caPath, 'utf8'),
    publicClientId: summary.publicClientId,
    stop: () => child.kill('SIGTERM'),
  };
}

/**
 * The customers the analyst can get a token for (a GDAP path or an accepted guest account), asked of
 * the sandbox's own rule (TokenService.rolesIn) on a copy of the state, moved to now.
 */
function reachableCustomers(data: SandboxData, sandboxDir: string): Set<string> {
  const clock = new SandboxClock();
  const state = new SandboxState(structuredClone(data), clock);
  state.advance();
  const tokens = new TokenService(loadOrCreateSigningKey(sandboxDir), state, clock, 'https://127.0.0.1');
  const ada = state.data.users.find((u) => u.userPrincipalName === ANALYST_UPN);
  return new Set(
    state.data.tenants
      .filter((t) => t.kind === 'customer' && ada !== undefined && tokens.rolesIn(ada, t.id) !== undefined)
      .map((t) => t.id),
  );
}

/** A stand-in for the OS keychain (safeStorage), so the token cache is written as on the desktop; counts writes. */
function benchCipher(): SecretCipher & { writes: number } {
  const xor = (data: Buffer): Buffer => Buffer.from(data.map((b) => b ^ 0x5a));
  const cipher = {
    isEncryptionAvailable: true,
    backendDescription: 'bench keychain',
    writes: 0,
    encrypt: (plain: string) => (cipher.writes++, xor(Buffer.from(plain, 'utf8'))),
    decrypt: (data: Buffer) => xor(data).toString('utf8'),
  };
  return cipher;
}

/**
 * Core against the sandbox: sign in, sync, and the matrix from the directory alone (`refresh: false`);
 * then core again on the same folder (a restart) and the matrix with every customer's guests read
 * first (`refresh: true`).
 */
async function coreFigures(data: SandboxData): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-matrix-'));
  writeState(dir, data);
  const reachable = reachableCustomers(data, path.join(dir, 'sandbox'));
  const sandbox = await startSandboxProcess(path.join(dir, 'sandbox'));
  let requests = 0;
  const cipher = benchCipher();
  const connector: SandboxConnector = {
    start: async () => ({
      profile: sandboxCloud(sandbox.baseUrl),
      caPem: sandbox.caPem,
      publicClientId: sandbox.publicClientId,
      close: async () => undefined,
    }),
  };
  const start = () =>
    createCore({
      host: 'web',
      version: 'bench',
      dataDir: dir,
      backends: confBackends(dir),
      cipher,
      opener: { open: async () => ({ handled: false }) },
      sandbox: connector,
      openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, ANALYST_UPN), true),
      onGraphRequest: () => void requests++,
      log: { error: () => undefined },
    });
  const timed = async (core: SwitchboardCore, refresh: boolean) => {
    requests = 0;
    const started = performance.now();
    const result = await core.invoke('guests.matrix', { refresh });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(result.error.message);
    return { ms, requests, matrix: result.value as AccessMatrix };
  };
  // The fewest reads: the partner's users (pages of 999), each group the active assignments name
  // (its members), and, with guests, three per customer whose guests can be read (its guests, its
  // active and eligible role schedules). A customer the analyst cannot reach (no GDAP path, no
  // guest account) costs a refused token, no Graph request.
  const partnerUsers = data.users.filter((u) => u.tenantId === data.partnerTenantId).length;
  const directoryBound = Math.ceil(partnerUsers / 999) + groupsNamed(data);
  const cellsOf = (m: AccessMatrix) =>
    m.cells.reduce((n, row) => n + row.filter((c) => c !== null).length, 0);
  let core = start();
  try {
    const signedIn = await core.invoke('auth.signIn', { method: 'browser' });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const synced = await core.invoke('directory.sync', {});
    if (!synced.ok) throw new Error(synced.error.message);
    const fromDirectory = await timed(core, false);
    console.log(
      `  (from the directory: ${fromDirectory.matrix.customers.length} customers x ${fromDirectory.matrix.analysts.length} analysts, ${cellsOf(fromDirectory.matrix)} cells with a path)`,
    );
    await core.close();

    core = start();
    const writesBefore = cipher.writes;
    const withGuests = await timed(core, true);
    await core.close();
    // What the guest reads wrote to the encrypted token cache, the write on close included.
    const tokenCacheWrites = cipher.writes - writesBefore;
    const shown = withGuests.matrix.customers.filter((c) => reachable.has(c.tenantId)).length;
    const guestsBound = directoryBound + 3 * shown;
    console.log(
      `  (with guests read: ${withGuests.matrix.customers.length} customers x ${withGuests.matrix.analysts.length} analysts, ${cellsOf(withGuests.matrix)} cells with a path or a guest, ${shown} customers reachable for guest reads, each a token for its tenant)`,
    );
    return {
      buildMs: fromDirectory.ms,
      requests: fromDirectory.requests,
      requestsLowerBound: directoryBound,
      requestsRatio: fromDirectory.requests / directoryBound,
      guestReadCustomers: withGuests.matrix.customers.length,
      buildWithGuestsMs: withGuests.ms,
      msPerGuestReadCustomer: withGuests.ms / withGuests.matrix.customers.length,
      requestsWithGuests: withGuests.requests,
      requestsWithGuestsLowerBound: guestsBound,
      requestsWithGuestsRatio: withGuests.requests / guestsBound,
      // Written behind (main/core/accounts/token-cache.ts): a few writes, not one per tenant.
      tokenCacheWrites,
    };
  } finally {
    await core.close();
    sandbox.stop();
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

/**
 * Records every frame's time (rAF to rAF) while `window.__recording` is on, with what the bench was
 * doing then (`window.__doing`: scrolling or filtering).
 */
const FRAME_RECORDER = `(() => {
  const frames = (window.__frames = []);
  let last = null;
  const tick = (t) => {
    if (window.__recording && last !== null) frames.push([window.__doing, t - last]);
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
    await signInOnSandboxPage(page, /Ada Analyst/);
    await page.getByRole('tab', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page
      .getByTestId('directory-age')
      .getByText(/read as ada\.analyst/)
      .waitFor({ timeout: 240_000 });
    await page.getByRole('tab', { name: 'Access matrix' }).click();
    // The matrix from the directory (2,000 customers' GDAP); reading every customer's guests is
    // measured in core above.
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
    // BENCH_TRACE=file.json records a Chromium trace of what follows (with JS samples), for
    // chrome://tracing or DevTools' Performance panel; tracing slows the page, so its frames are worse.
    const trace = process.env.BENCH_TRACE;
    if (trace)
      await browser.startTracing(page, {
        path: trace,
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'disabled-by-default-devtools.timeline.frame',
          'disabled-by-default-v8.cpu_profiler',
          'v8.execute',
          'toplevel',
          'input',
          'latencyInfo',
        ],
      });
    await page.evaluate(`window.__doing = 'scrolling'`);
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
    await page.evaluate(`window.__doing = 'filtering'`);
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
    if (trace) await browser.stopTracing();
    const recorded = (await page.evaluate('window.__frames')) as Array<[string, number]>;
    const frames = recorded.map(([, f]) => f).sort((a, b) => a - b);
    const p = (q: number) =>
      frames[Math.min(frames.length - 1, Math.ceil(q * frames.length) - 1)] ?? Number.NaN;
    // A frame that took longer than one and a half 60 Hz frames dropped at least one.
    const dropped = (f: number) => f > (1000 / 60) * 1.5;
    return {
      frames: frames.length,
      p95FrameMs: p(0.95),
      medianFrameMs: p(0.5),
      maxFrameMs: frames.at(-1) ?? Number.NaN,
      droppedFrames: frames.filter(dropped).length,
      droppedWhileScrolling: recorded.filter(([doing, f]) => doing === 'scrolling' && dropped(f)).length,
      droppedWhileFiltering: recorded.filter(([doing, f]) => doing === 'filtering' && dropped(f)).length,
    };
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const matrix: Scenario = {
  name: 'matrix',
  describe: `access matrix, ${CUSTOMERS} customers x ${ANALYSTS} analysts: core build from the directory, and with every customer's guests read (requests beside their lower bound), then the view scrolled and filtered in Chromium (frame times)`,
  async run(): Promise<Figures> {
    const data = seededState();
    const core = await coreFigures(data);
    const view = await viewFigures(data);
    return { ...core, ...view };
  },
};
