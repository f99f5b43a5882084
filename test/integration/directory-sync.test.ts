import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { inProcessSandbox } from '../../main/core/platform/cloud/sandbox-connector';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import type { FaultRuleInput } from '../../main/sandbox/faults';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import type { DirectoryStatus } from '../../shared/contract/contract';
import type { ListedCustomer } from '../../shared/customers/customer-directory';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { signInThroughPages } from '../sandbox/helpers/sandbox';

// The app core syncs the GDAP directory from its sandbox through msal-node and the Graph SDK; only
// the browser that signs in is a fake (the OS edge).
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;

/** A connector to a sandbox this test controls (to inject faults), as the in-process one would start it. */
function connectorTo(): SandboxConnector {
  return {
    start: async () => ({
      profile: sandboxCloud(sandbox.baseUrl),
      caPem: sandbox.caPem,
      publicClientId: sandbox.publicClientId,
      close: async () => undefined,
    }),
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sync-'));
  sandbox = await startSandbox({ dataDir: path.join(dir, 'sandbox'), customers: 60, seed: 5 });
  core = createCore({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: false }) },
    sandbox: connectorTo(),
    openSignInPage: async (url) => (
      void signInThroughPages(sandbox.caPem, url, 'ada.analyst@contosomssp.onmicrosoft.com'),
      true
    ),
    log: { error: () => undefined },
  });
  expect(await core.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  await core.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the sandbox itself says the directory is: every customer tenant with a relationship. */
function expectedTenants(): string[] {
  sandbox.state.advance();
  return [
    ...new Set(
      sandbox.state.data.relationships.map((r) => r.customer?.tenantId).filter((t): t is string => !!t),
    ),
  ].sort();
}

async function listed(c: SwitchboardCore = core): Promise<ListedCustomer[]> {
  const result = await c.invoke('customers.list', {});
  if (!result.ok) throw new Error(result.error.message);
  return [...(result.value as ListedCustomer[])];
}

describe('directory sync against the sandbox', () => {
  it('reads every customer, relationship and assignment, keeps hand-added data, and flags access ending soon', async () => {
    const guestOnly = sandbox.state.data.tenants.filter((t) => t.kind === 'customer')[5];
    const both = sandbox.state.data.tenants.filter((t) => t.kind === 'customer')[6];
    await core.invoke('customers.add', {
      displayName: 'Guest-only by hand',
      tenantId: guestOnly?.id ?? '',
      accessPath: 'b2b',
      tags: ['hand'],
    });
    await core.invoke('customers.add', {
      displayName: 'Both, named by me',
      tenantId: both?.id ?? '',
      accessPath: 'b2b',
      notes: 'keep me',
    });

    const progress: number[] = [];
    core.onEvent((name, payload) => {
      if (name === 'directory.progress') progress.push((payload as { done: number }).done);
    });
    const synced = (await core.invoke('directory.sync', {})) as { ok: true; value: DirectoryStatus };
    expect(synced.ok).toBe(true);
    expect(synced.value).toMatchObject({
      customers: expectedTenants().length,
      problems: 0,
      running: false,
      account: 'ada.analyst@contosomssp.onmicrosoft.com',
    });
    expect(progress.at(-1)).toBe(expectedTenants().length);

    const list = await listed();
    const gdapTenants = list
      .filter((c) => c.gdap !== null)
      .map((c) => c.tenantId)
      .sort();
    expect(gdapTenants).toEqual(expectedTenants());
    const mine = list.find((c) => c.tenantId === both?.id);
    expect(mine).toMatchObject({ displayName: 'Both, named by me', notes: 'keep me', accessPath: 'both' });
    expect(list.find((c) => c.tenantId === guestOnly?.id)).toMatchObject({
      accessPath: 'b2b',
      tags: ['hand'],
      gdap: null,
    });
    const endingSoon = list.filter((c) => c.gdap?.endingSoon);
    expect(endingSoon.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, 'directory.json'))).toBe(true);
  });

  it('under faults (429 with Retry-After, 503, resets) ends with exactly the sandbox’s data, nothing lost or doubled', async () => {
    const faults: FaultRuleInput[] = [
      { kind: '429', match: '/graph/v1.0/tenantRelationships/*', rate: 0.1, retryAfterSeconds: 0 },
      { kind: '503', match: '/graph/v1.0/tenantRelationships/*', rate: 0.1 },
      { kind: 'reset', match: '/graph/v1.0/tenantRelationships/*', rate: 0.1 },
    ];
    sandbox.faults.set(faults);
    try {
      const synced = (await core.invoke('directory.sync', {})) as { ok: boolean; value: DirectoryStatus };
      expect(synced.ok).toBe(true);
      expect(synced.value.problems).toBe(0);
    } finally {
      sandbox.faults.set([]);
    }
    expect(sandbox.faults.counts.injected).toBeGreaterThan(5);
    const list = await listed();
    const gdap = list.filter((c) => c.gdap !== null);
    expect(gdap.map((c) => c.tenantId).sort()).toEqual(expectedTenants());
    expect(new Set(list.map((c) => c.tenantId)).size).toBe(list.length);
  });

  it('cancel stops a sync half way and keeps the directory as it was', async () => {
    const before = (await core.invoke('directory.status', {})) as { value: DirectoryStatus };
    sandbox.faults.set([{ kind: 'latency', match: '/graph/*', rate: 1, latencyMs: 30 }]);
    try {
      const running = core.invoke('directory.sync', {});
      await new Promise((r) => setTimeout(r, 150));
      expect(((await core.invoke('directory.status', {})) as { value: DirectoryStatus }).value.running).toBe(
        true,
      );
      expect(await core.invoke('directory.cancel', {})).toEqual({ ok: true, value: { cancelled: true } });
      expect(await running).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/cancelled/) },
      });
    } finally {
      sandbox.faults.set([]);
    }
    const after = (await core.invoke('directory.status', {})) as { value: DirectoryStatus };
    expect(after.value.syncedAt).toBe(before.value.syncedAt);
    expect(after.value.running).toBe(false);
  });

  it('offline: a failed sync keeps the last directory and says so; a restart still shows it with its age', async () => {
    const before = (await core.invoke('directory.status', {})) as { value: DirectoryStatus };
    sandbox.faults.set([{ kind: 'reset', match: '/graph/*', rate: 1 }]);
    try {
      const failed = await core.invoke('directory.sync', {});
      expect(failed).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/directory is as it was before/) },
      });
    } finally {
      sandbox.faults.set([]);
    }
    const after = (await core.invoke('directory.status', {})) as { value: DirectoryStatus };
    expect(after.value.syncedAt).toBe(before.value.syncedAt);
    expect(after.value.lastError).toMatch(/as it was before/);

    // A new core on the same folder, with no cloud at all: the directory is there.
    const offline = createCore({
      host: 'web',
      version: '0.0.0-test',
      dataDir: dir,
      backends: confBackends(dir),
      opener: { open: async () => ({ handled: false }) },
      log: { error: () => undefined },
    });
    const status = (await offline.invoke('directory.status', {})) as { value: DirectoryStatus };
    expect(status.value.syncedAt).toBe(before.value.syncedAt);
    expect((await listed(offline)).filter((c) => c.gdap !== null).length).toBe(expectedTenants().length);
  });
});

void inProcessSandbox;
