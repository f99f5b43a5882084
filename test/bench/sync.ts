/**
 * Scenario `sync`: the app core syncs 2,000 customers from the sandbox with 40 ms latency per request
 * and Graph-like throttling (a limit of concurrent requests per app and tenant, 429 + Retry-After
 * beyond it). Reported against the lower bound those round trips allow, and against one request at a
 * time in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { SYNC_CONCURRENCY } from '../../main/core/directory/directory-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore } from '../../main/core/compose';
import { spawn } from 'node:child_process';
import { generateSample } from '../../main/sandbox/state/sample';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { ACCESS_GRANTING_STATUSES } from '../../shared/gdap/gdap';
import { signInThroughPages } from '../sandbox/helpers/sandbox';
import type { Figures, Scenario } from './run';

const CUSTOMERS = 2000;
const LATENCY_MS = 40;
const PAGE = 300;

/** The sandbox as its own process (`npm run sandbox -- --json`), so its work does not share the app's event loop. */
interface SandboxProcess {
  readonly baseUrl: string;
  readonly caPem: string;
  readonly publicClientId: string;
  readonly upn: string;
  stop(): void;
}

async function startSandboxProcess(dataDir: string): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/sandbox/cli.ts',
      '--json',
      '--data-dir',
      dataDir,
      '--customers',
      String(CUSTOMERS),
      '--seed',
      '11',
      '--latency-ms',
      String(LATENCY_MS),
      '--throttle',
      String(SYNC_CONCURRENCY),
    ],
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
  const summary = JSON.parse(line) as {
    baseUrl: string;
    caPath: string;
    publicClientId: string;
    users: Array<{ upn: string }>;
  };
  return {
    baseUrl: summary.baseUrl,
    caPem: fs.readFileSync(summary.caPath, 'utf8'),
    publicClientId: summary.publicClientId,
    upn: summary.users[0]?.upn ?? '',
    stop: () => child.kill('SIGTERM'),
  };
}

/** One sync with `concurrency` customers at a time; returns the wall time and the requests it made. */
async function timedSync(
  sandbox: SandboxProcess,
  concurrency: number,
): Promise<{ wallMs: number; requests: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-sync-'));
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
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, sandbox.upn), true),
    syncConcurrency: concurrency,
    onGraphRequest: () => void requests++,
    log: { error: () => undefined },
  });
  let requests = 0;
  try {
    const signedIn = await core.invoke('auth.signIn', { method: 'browser' });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    requests = 0;
    const started = performance.now();
    const result = await core.invoke('directory.sync', {});
    const wallMs = performance.now() - started;
    if (!result.ok) throw new Error(result.error.message);
    return { wallMs, requests };
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const sync: Scenario = {
  name: 'sync',
  describe: `${CUSTOMERS} customers, ${LATENCY_MS} ms per request, throttle of ${SYNC_CONCURRENCY} concurrent requests per app and tenant`,
  async run(): Promise<Figures> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-sandbox-'));
    const sandbox = await startSandboxProcess(dataDir);
    try {
      // The same seeded sample the sandbox process generated: what a sync must read.
      const data = generateSample({ customers: CUSTOMERS, seed: 11, now: new Date() });
      const relationships = data.relationships.length;
      const withCustomer = new Set(data.relationships.map((r) => r.customer?.tenantId).filter(Boolean)).size;
      const granting = data.relationships.filter((r) => r.customer && ACCESS_GRANTING_STATUSES.has(r.status));
      const customersWithActive = new Set(granting.map((r) => r.customer?.tenantId)).size;
      // The requests a first sync must make: the pages of the relationship and customer lists, the
      // partner's groups, one assignments list per relationship that grants access, one
      // service-details list per delegatedAdminCustomer, and one domain lookup per customer tenant.
      const listPages = Math.ceil(relationships / PAGE) + Math.ceil(customersWithActive / PAGE) + 1;
      const minimumRequests = listPages + granting.length + customersWithActive + withCustomer;
      // Pages of a list wait for the previous page (its nextLink); the rest can overlap up to the
      // throttle's limit. Each request takes at least the injected latency.
      const chain = Math.max(Math.ceil(relationships / PAGE), Math.ceil(customersWithActive / PAGE)) + 2;
      const lowerBoundMs = Math.max(chain, Math.ceil(minimumRequests / SYNC_CONCURRENCY)) * LATENCY_MS;

      const parallel = await timedSync(sandbox, SYNC_CONCURRENCY);
      const sequential = await timedSync(sandbox, 1);
      console.log(
        `  (${relationships} relationships, ${withCustomer} customers with one; at least ${minimumRequests} requests needed)`,
      );
      return {
        wallMs: parallel.wallMs,
        requests: parallel.requests,
        lowerBoundMs,
        ratioToLowerBound: parallel.wallMs / lowerBoundMs,
        sequentialMs: sequential.wallMs,
        speedupVsSequential: sequential.wallMs / parallel.wallMs,
      };
    } finally {
      sandbox.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
