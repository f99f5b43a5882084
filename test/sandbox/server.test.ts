import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../main/sandbox/state/sample';
import {
  graphClientWithToken,
  publicClient,
  scriptedBrowser,
  startTestSandbox,
  type TestSandbox,
} from './helpers/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 10 });
});
afterAll(() => sandbox.dispose());

describe('the sandbox server', () => {
  it('tolerates the ARM SDK’s doubled leading slashes', async () => {
    const res = await sandbox.fetch(`${sandbox.baseUrl}//common//discovery/instance`);
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('injects 429 with Retry-After, 503, resets and cut-off bodies where asked, and nothing elsewhere', async () => {
    const url = `${sandbox.baseUrl}/common/discovery/instance`;
    try {
      sandbox.faults.set([{ kind: '429', match: '/common/discovery/*', rate: 1, retryAfterSeconds: 7 }]);
      const throttled = await sandbox.fetch(url);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('7');
      expect((await sandbox.fetch(`${sandbox.baseUrl}/organizations/discovery/v2.0/keys`)).status).toBe(200);

      sandbox.faults.set([{ kind: '503', match: '/common/*', rate: 1 }]);
      expect((await sandbox.fetch(url)).status).toBe(503);

      sandbox.faults.set([{ kind: 'reset', match: '/common/*', rate: 1 }]);
      await expect(sandbox.fetch(url)).rejects.toThrow();

      sandbox.faults.set([{ kind: 'cutoff', match: '/common/*', rate: 1 }]);
      await expect(sandbox.fetch(url).then((r) => r.text())).rejects.toThrow();

      sandbox.faults.set([{ kind: 'latency', match: '/common/*', rate: 1, latencyMs: 150 }]);
      const started = Date.now();
      expect((await sandbox.fetch(url)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      sandbox.faults.set([]);
    }
  });

  it('the Graph SDK’s RetryHandler honours the sandbox’s 429 Retry-After and gets through', async () => {
    const pca = publicClient(sandbox);
    const { accessToken } = await pca.acquireTokenInteractive({
      scopes: ['https://graph.microsoft.com/.default'],
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('admin')).openBrowser,
    });
    const client = graphClientWithToken(sandbox, accessToken);
    const injectedBefore = sandbox.faults.counts.injected;
    sandbox.faults.set([{ kind: '429', match: '/graph/v1.0/organization', rate: 0.6, retryAfterSeconds: 1 }]);
    try {
      for (let i = 0; i < 4; i++) {
        const org = (await client.api('/organization').get()) as { value: Array<{ id: string }> };
        expect(org.value[0]?.id).toBe(sandbox.partnerTenantId);
      }
    } finally {
      sandbox.faults.set([]);
    }
    expect(sandbox.faults.counts.injected).toBeGreaterThan(injectedBefore);
  });

  it('throttles like Graph: beyond the concurrent limit per app and tenant, 429 with Retry-After', async () => {
    const pca = publicClient(sandbox);
    const { accessToken } = await pca.acquireTokenInteractive({
      scopes: ['https://graph.microsoft.com/.default'],
      openBrowser: scriptedBrowser(sandbox, sandbox.upn('admin')).openBrowser,
    });
    sandbox.faults.setThrottle({ concurrentPerAppAndTenant: 2, retryAfterSeconds: 3 });
    sandbox.faults.set([{ kind: 'latency', match: '/graph/*', rate: 1, latencyMs: 200 }]);
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          sandbox.fetch(`${sandbox.baseUrl}/graph/v1.0/organization`, {
            headers: { authorization: `Bearer ${accessToken}` },
          }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
      expect(answers.find((a) => a.status === 429)?.headers.get('retry-after')).toBe('3');
    } finally {
      sandbox.faults.setThrottle(undefined);
      sandbox.faults.set([]);
    }
  });

  it('generates 10,000 customers (deterministically per seed) for benchmarks', () => {
    const started = performance.now();
    const big = generateSample({ customers: 10_000, seed: 3, now: new Date('2026-11-22T00:00:00Z') });
    const ms = performance.now() - started;
    expect(big.tenants.filter((t) => t.kind === 'customer')).toHaveLength(10_000);
    expect(new Set(big.tenants.map((t) => t.id)).size).toBe(10_001);
    const again = generateSample({ customers: 50, seed: 3, now: new Date('2026-11-22T00:00:00Z') });
    expect(again.tenants.slice(0, 51).map((t) => t.id)).toEqual(
      generateSample({ customers: 50, seed: 3, now: new Date('2026-11-22T00:00:00Z') }).tenants.map(
        (t) => t.id,
      ),
    );
    console.log(`10,000 customers generated in ${Math.round(ms)} ms`);
  });

  it('saves its state to the data folder and loads it at the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-persist-'));
    try {
      const first = await startTestSandbox({ dataDir, persistState: true, customers: 4 });
      first.state.data.tenants[1] = { ...first.state.data.tenants[1]!, displayName: 'Renamed Ltd' };
      first.state.save(path.join(dataDir, 'sandbox-state.json'));
      await first.dispose();
      const second = await startTestSandbox({ dataDir, persistState: true, customers: 4, seed: 99 });
      try {
        expect(second.state.data.tenants[1]?.displayName).toBe('Renamed Ltd');
        expect(second.partnerTenantId).toBe(first.partnerTenantId);
      } finally {
        await second.dispose();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
