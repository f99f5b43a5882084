import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import type { AuditEntryView } from '../../shared/audit/audit';
import type { CommandName, EventPayload } from '../../shared/contract/contract';
import { ROLE_IDS } from '../../shared/gdap/roles';
import type { OffboardPlan, OffboardResult } from '../../shared/guests/guests';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { signInThroughPages } from '../sandbox/helpers/sandbox';

// Offboarding an analyst across 20 customers through the core, the SDK and the sandbox: one plan of
// every guest account (and the GDAP groups she is in), applied with progress and a result per
// customer; the first two deletions get no answer (the sandbox drops the connection), are reported
// as failed, and a retry of those two alone finishes the job.
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';
const ANALYST = 'ada.analyst@contosomssp.onmicrosoft.com';
const DAY = 86_400_000;
const progress: Array<EventPayload<'guests.progress'>> = [];

async function ok<T>(name: CommandName, input: unknown): Promise<T> {
  const result = await core.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** Every customer: an active relationship giving AdminAgents User Administrator, and Ada as a guest with Security Reader. */
function seed(): void {
  const data = sandbox.state.data;
  const now = sandbox.clock.nowMs();
  const iso = (ms: number) => new Date(ms).toISOString();
  const adminAgents = data.groups.find(
    (g) => g.displayName === 'AdminAgents' && g.tenantId === data.partnerTenantId,
  );
  const ada = data.users.find((u) => u.userPrincipalName === ANALYST);
  if (!adminAgents || !ada) throw new Error('The sample changed');
  const roles = [
    { roleDefinitionId: ROLE_IDS.userAdministrator },
    { roleDefinitionId: ROLE_IDS.securityReader },
  ];
  for (const t of data.tenants.filter((x) => x.kind === 'customer')) {
    const id = `${crypto.randomUUID()}-${crypto.randomUUID()}`;
    data.relationships.push({
      id,
      partnerTenantId: data.partnerTenantId,
      displayName: `${t.displayName.slice(0, 30)} admin`,
      duration: 'P730D',
      customer: { tenantId: t.id, displayName: t.displayName },
      accessDetails: { unifiedRoles: roles },
      autoExtendDuration: 'PT0S',
      status: 'active',
      createdDateTime: iso(now - 3 * DAY),
      lastModifiedDateTime: iso(now - DAY),
      activatedDateTime: iso(now - DAY),
      endDateTime: iso(now + 700 * DAY),
      version: 1,
      approvedDateTime: iso(now - 2 * DAY),
      lockedDateTime: iso(now - 3 * DAY),
      terminationRequestedDateTime: null,
      requests: [],
    });
    data.accessAssignments.push({
      id: crypto.randomUUID(),
      relationshipId: id,
      accessContainer: { accessContainerId: adminAgents.id, accessContainerType: 'securityGroup' },
      accessDetails: { unifiedRoles: roles },
      status: 'active',
      createdDateTime: iso(now - DAY),
      lastModifiedDateTime: iso(now - DAY),
      version: 1,
      settlesAt: null,
    });
    if (sandbox.state.guestIn(ada.id, t.id)) continue;
    const guestId = crypto.randomUUID();
    data.users.push({
      id: guestId,
      tenantId: t.id,
      userPrincipalName: `${ANALYST.replace('@', '_')}#EXT#@${t.defaultDomain}`,
      displayName: ada.displayName,
      mail: ANALYST,
      userType: 'Guest',
      externalUserState: 'Accepted',
      creationType: 'Invitation',
      homeUserId: ada.id,
      description: 'test guest',
      createdDateTime: iso(now - 10 * DAY),
    });
    data.roleAssignments.push({
      id: crypto.randomUUID(),
      tenantId: t.id,
      roleDefinitionId: ROLE_IDS.securityReader,
      principalId: guestId,
      directoryScopeId: '/',
      startDateTime: null,
      endDateTime: null,
      kind: 'active',
    });
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-offboard-'));
  sandbox = await startSandbox({
    dataDir: path.join(dir, 'sandbox'),
    customers: 20,
    seed: 21,
    // The first two guest deletions get no answer at all.
    faults: [{ match: '/graph/v1.0/users/*', method: 'DELETE', kind: 'reset', count: 2 }],
  });
  seed();
  core = createCore({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: false }) },
    sandbox: {
      start: async () => ({
        profile: sandboxCloud(sandbox.baseUrl),
        caPem: sandbox.caPem,
        publicClientId: sandbox.publicClientId,
        close: async () => undefined,
      }),
    } satisfies SandboxConnector,
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, ADMIN), true),
    log: { error: () => undefined },
  });
  core.onEvent((name, payload) => {
    if (name === 'guests.progress') progress.push(payload as EventPayload<'guests.progress'>);
  });
  expect(await core.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
  await ok('directory.sync', {});
}, 60_000);

afterAll(async () => {
  await core.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const adaGuests = () =>
  sandbox.state.data.users.filter((u) => u.userType === 'Guest' && u.mail?.toLowerCase() === ANALYST);

describe('offboarding an analyst', () => {
  it('plans every guest account in 20 customers and the GDAP groups she is in, then removes them; 2 failures retried alone', async () => {
    const ada = sandbox.state.data.users.find((u) => u.userPrincipalName === ANALYST);
    expect(adaGuests()).toHaveLength(20);
    const plan = await ok<OffboardPlan>('guests.offboardPlan', { partnerUserId: ada?.id });
    expect(plan.displayName).toBe('Ada Analyst');
    expect(plan.items).toHaveLength(20);
    expect(plan.items.every((i) => i.possible)).toBe(true);
    expect(plan.items[0]?.detail).toMatch(/Guest account \(accepted\) with Security Reader, permanent/);
    expect(plan.groups.map((g) => g.groupName)).toContain('SOC Analysts - Security Reader');
    expect(plan.unread).toEqual([]);
    // Planning changed nothing.
    expect(adaGuests()).toHaveLength(20);

    progress.length = 0;
    const first = await ok<OffboardResult[]>('guests.offboardApply', { partnerUserId: ada?.id });
    expect(first).toHaveLength(20);
    const failed = first.filter((r) => r.outcome === 'failed');
    expect(failed).toHaveLength(2);
    expect(first.filter((r) => r.outcome === 'succeeded')).toHaveLength(18);
    expect(progress.at(-1)).toEqual({ done: 20, total: 20 });
    expect(adaGuests()).toHaveLength(2);

    const retried = await ok<OffboardResult[]>('guests.offboardApply', {
      partnerUserId: ada?.id,
      tenantIds: failed.map((f) => f.tenantId),
    });
    expect(retried.map((r) => r.tenantId).sort()).toEqual(failed.map((f) => f.tenantId).sort());
    expect(retried.every((r) => r.outcome === 'succeeded')).toBe(true);
    expect(adaGuests()).toHaveLength(0);

    const audit = await ok<{ entries: AuditEntryView[] }>('audit.list', { action: 'guest.remove' });
    expect(audit.entries.filter((e) => e.outcome === 'succeeded')).toHaveLength(20);
    expect(audit.entries.filter((e) => e.outcome === 'failed')).toHaveLength(2);
  });

  it('refuses to apply a plan that was never made', async () => {
    const result = await core.invoke('guests.offboardApply', {
      partnerUserId: sandbox.state.data.users.find((u) => u.userPrincipalName.startsWith('rory.'))?.id,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
