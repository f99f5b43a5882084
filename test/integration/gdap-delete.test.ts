import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import type { AuditEntryView } from '../../shared/audit/audit';
import type { CommandError, CommandName } from '../../shared/contract/contract';
import type { DirectoryRelationship } from '../../shared/directory/directory';
import { ROLE_IDS } from '../../shared/gdap/roles';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { automationClient, graphClientWithToken, signInThroughPages } from '../sandbox/helpers/sandbox';

// Deleting a GDAP relationship that is still a draft, through the app's core, msal-node and the
// Graph SDK against the sandbox, which enforces Graph's rule (status created, If-Match).
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';
const BASE = '/tenantRelationships/delegatedAdminRelationships';

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

const stored = (id: string) => sandbox.state.data.relationships.find((r) => r.id === id);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gdap-delete-'));
  sandbox = await startSandbox({ dataDir: path.join(dir, 'sandbox'), customers: 16, seed: 3 });
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
    followIntervalMs: 60_000,
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, ADMIN), true),
    log: { error: () => undefined },
  });
  await ok('auth.signIn', { method: 'browser' });
  await ok('directory.sync', {});
}, 60_000);

afterAll(async () => {
  await core.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function draft(name: string): Promise<DirectoryRelationship> {
  const tenant = sandbox.state.data.tenants.find((t) => t.kind === 'customer');
  return ok<DirectoryRelationship>('gdap.create', {
    displayName: name,
    customerTenantId: tenant?.id ?? null,
    roleIds: [ROLE_IDS.securityReader],
    durationDays: 90,
    autoExtend: false,
  });
}

describe('deleting a draft GDAP relationship', () => {
  it('deletes drafts with the ETag the user saw: gone from Graph, from the lists, and in the audit trail', async () => {
    for (const name of ['Delete me draft 1', 'Delete me draft 2']) {
      const created = await draft(name);
      expect(stored(created.id)?.status).toBe('created');
      const deleted = await ok<DirectoryRelationship>('gdap.deleteRelationship', {
        relationshipId: created.id,
        etag: created.etag,
      });
      expect(deleted.displayName).toBe(name);
      expect(stored(created.id)).toBeUndefined();
      const listed = await ok<DirectoryRelationship[]>('gdap.relationships', { tenantId: null });
      expect(listed.map((r) => r.id)).not.toContain(created.id);
      const again = await refused('gdap.relationship', { relationshipId: created.id });
      expect(again.code).toBe('not_found');
    }
    const { entries } = await ok<{ entries: AuditEntryView[] }>('audit.list', {
      action: 'relationship.delete',
    });
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.outcome === 'succeeded' && e.status === 204)).toBe(true);
    const csv = await ok<{ content: string }>('audit.export', {
      format: 'csv',
      action: 'relationship.delete',
    });
    expect(csv.content).toContain('Delete me draft 1');
  });

  it('a stale ETag deletes nothing and says the relationship changed', async () => {
    const created = await draft('Delete me stale');
    // Someone else changes it after the user loaded it (auto-extend on, from another app).
    await ok('gdap.setAutoExtend', { relationshipId: created.id, etag: created.etag, autoExtend: true });
    const error = await refused('gdap.deleteRelationship', {
      relationshipId: created.id,
      etag: created.etag,
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/Someone changed this in the meantime.*It is now created/);
    expect(stored(created.id)).toBeDefined();
  });

  it('refuses a relationship locked for approval, and the sandbox refuses it too when forced through', async () => {
    const created = await draft('Delete me locked');
    await ok('gdap.lock', { relationshipId: created.id, etag: created.etag });
    const fresh = (
      await ok<{ relationship: DirectoryRelationship }>('gdap.relationship', {
        relationshipId: created.id,
      })
    ).relationship;
    expect(fresh.status).toBe('approvalPending');
    const error = await refused('gdap.deleteRelationship', { relationshipId: created.id, etag: fresh.etag });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/waiting for the customer’s approval: it can no longer be deleted/);
    expect(stored(created.id)?.status).toBe('approvalPending');

    // Past the app's check, through the Graph SDK: Graph's rule holds in the sandbox.
    const app = await automationClient(sandbox).acquireTokenByClientCredential({
      scopes: [`${sandboxCloud(sandbox.baseUrl).graphResource}/.default`],
    });
    const client = graphClientWithToken(sandbox, app?.accessToken ?? '');
    await expect(
      client
        .api(`${BASE}/${created.id}`)
        .header('If-Match', fresh.etag ?? '*')
        .delete(),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(client.api(`${BASE}/${created.id}`).delete()).rejects.toMatchObject({ statusCode: 400 });
    expect(stored(created.id)).toBeDefined();
  });

  it('refuses an active relationship and says to terminate it instead', async () => {
    const active = sandbox.state.data.relationships.find((r) => r.status === 'active');
    if (!active) throw new Error('The sample has no active relationship');
    const error = await refused('gdap.deleteRelationship', { relationshipId: active.id, etag: '*' });
    expect(error.message).toMatch(/is active; only a relationship not yet locked.*Terminate it instead/);
    expect(stored(active.id)?.status).toBe('active');
  });
});
