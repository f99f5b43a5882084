import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import type { CommandError, CommandName } from '../../shared/contract/contract';
import { ROLE_IDS } from '../../shared/gdap/roles';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { signInThroughPages } from '../sandbox/helpers/sandbox';

// A Graph failure reaches the person as one sentence naming what failed, through the real Graph SDK
// and msal-node against the sandbox, whose faults drop connections or answer refusals as Graph does.
// Ada is an analyst (not an Admin agent), so Graph refuses her GDAP changes with its 403.
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
const crashes: string[] = [];
const warnings: string[] = [];
const ANALYST = 'ada.analyst@contosomssp.onmicrosoft.com';

function connector(): SandboxConnector {
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-errors-'));
  sandbox = await startSandbox({ dataDir: path.join(dir, 'sandbox'), customers: 12, seed: 3 });
  core = createCore({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: false }) },
    sandbox: connector(),
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, ANALYST), true),
    log: { error: (message) => crashes.push(message), warn: (message) => warnings.push(message) },
  });
  expect(await core.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
}, 60_000);

afterEach(() => sandbox.faults.set([]));

afterAll(async () => {
  await core.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function failed(name: CommandName, input: unknown): Promise<CommandError> {
  const result = await core.invoke(name, input);
  if (result.ok) throw new Error(`${name} was expected to fail`);
  return result.error;
}

const anyRelationship = () => {
  const r = sandbox.state.data.relationships.find((x) => x.customer?.tenantId);
  if (!r) throw new Error('The sample has no relationship');
  return r;
};

describe('Graph failures in words, through the real SDK', () => {
  it('a connection reset on /graph/v1.0/groups makes gdap.partnerGroups name what failed, never "internal"', async () => {
    sandbox.faults.set([{ kind: 'reset', match: '/graph/v1.0/groups', method: 'GET' }]);
    const crashesBefore = crashes.length;
    const error = await failed('gdap.partnerGroups', { search: '' });
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(
      /^Reading your partner security groups failed\. No answer from Microsoft Graph \(.+\)\. Check your internet connection/,
    );
    expect(error.message).not.toMatch(/internal|unexpected problem|fetch failed/i);
    // A network failure is a warning in the log, not a crash.
    expect(crashes.length).toBe(crashesBefore);
    expect(warnings.at(-1)).toMatch(/^Command gdap\.partnerGroups failed: offline/);

    // The connection back, the same read works: nothing was left broken.
    sandbox.faults.set([]);
    const again = await core.invoke('gdap.partnerGroups', { search: '' });
    expect(again.ok).toBe(true);
  }, 60_000);

  it('an answer cut off half way is retried like a reset, and named like one when it keeps happening', async () => {
    // Once: the retry reads it whole. The groups cache of a minute must not hide the second read, so
    // the two reads search different users' lists (partnerUsers is never cached).
    sandbox.faults.set([{ kind: 'cutoff', match: '/graph/v1.0/users', method: 'GET', count: 1 }]);
    const once = await core.invoke('gdap.partnerUsers', { search: 'ada' });
    expect(once.ok).toBe(true);
    expect(sandbox.faults.counts.injected).toBeGreaterThan(0);

    sandbox.faults.set([{ kind: 'cutoff', match: '/graph/v1.0/users', method: 'GET' }]);
    const error = await failed('gdap.partnerUsers', { search: 'ada' });
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(
      /^Searching the users of your partner tenant failed\. No answer from Microsoft Graph \(.+\)\. Check your internet connection/,
    );
  }, 60_000);

  it('every Graph read a command makes names its own purpose when its connection is reset', async () => {
    const rel = anyRelationship();
    const tenantId = rel.customer?.tenantId ?? '';
    const cases: Array<[CommandName, unknown, string, RegExp]> = [
      [
        'gdap.partnerUsers',
        { search: 'ada' },
        '/graph/v1.0/users',
        /^Searching the users of your partner tenant failed\./,
      ],
      [
        'gdap.accessCheck',
        { tenantId, userId: null },
        '/graph/v1.0/me',
        /^Checking the analyst’s access to the customer failed\./,
      ],
      [
        'gdap.relationship',
        { relationshipId: rel.id },
        '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/',
        /^Reading the relationship’s details and access assignments failed\./,
      ],
      [
        'gdap.approvalRequest',
        { relationshipId: rel.id },
        '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/',
        /^Preparing the approval link for the customer failed\./,
      ],
      [
        'directory.sync',
        {},
        '/graph/v1.0/tenantRelationships',
        /^Syncing your customers from Microsoft failed\./,
      ],
    ];
    for (const [name, input, match, purpose] of cases) {
      sandbox.faults.set([{ kind: 'reset', match, method: 'GET' }]);
      const error = await failed(name, input);
      expect(error.code, name).toBe('unavailable');
      expect(error.message, name).toMatch(purpose);
      expect(error.message, name).toContain('No answer from Microsoft Graph');
      expect(error.message, name).not.toMatch(/internal|unexpected problem|fetch failed/i);
    }
    // The sync keeps the last directory and says so.
    const status = await core.invoke('directory.status', {});
    expect(status).toMatchObject({
      ok: true,
      value: { lastError: expect.stringMatching(/as it was before/) },
    });
  }, 120_000);

  it('Graph’s 403 on a change says which role and permission it needs, with the request-id for support', async () => {
    const withRelationship = new Set(sandbox.state.data.relationships.map((r) => r.customer?.tenantId));
    const tenant = sandbox.state.data.tenants.find(
      (t) => t.kind === 'customer' && !withRelationship.has(t.id),
    );
    const error = await failed('gdap.create', {
      displayName: 'Analyst tries - Security Copilot',
      customerTenantId: tenant?.id ?? null,
      roleIds: [ROLE_IDS.securityReader],
      durationDays: 730,
      autoExtend: true,
    });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/^Creating the GDAP relationship failed\. Microsoft Graph refused/);
    expect(error.message).toContain('Nothing was changed.');
    expect(error.message).toContain('Admin Agent role in Partner Center');
    expect(error.message).toContain('DelegatedAdminRelationship.ReadWrite.All');
    expect(error.message).toMatch(
      /\(For support: Microsoft Graph answered 403 \S+, request-id [0-9a-f-]{36}\.\)$/,
    );
  }, 60_000);

  it('Graph’s 503 that outlasts the retries says it is Microsoft’s side and when to try again', async () => {
    sandbox.faults.set([{ kind: '503', match: '/graph/v1.0/users', method: 'GET', retryAfterSeconds: 0 }]);
    const error = await failed('gdap.partnerUsers', { search: 'ada' });
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(
      /^Searching the users of your partner tenant failed\. Microsoft Graph had a problem on Microsoft's side/,
    );
    expect(error.message).toContain('not caused by you or Switchboard');
    expect(error.message).toMatch(/request-id [0-9a-f-]{36}/);
  }, 120_000);
});
