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
import type { AccessMatrix } from '../../shared/guests/access-matrix';
import type { OffboardPlan, OffboardResults } from '../../shared/guests/guests';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { signInThroughPages } from '../sandbox/helpers/sandbox';

// Offboarding an analyst across 20 customers through the core, the SDK and the sandbox: one plan of
// every guest account and of the partner group GDAP maps that she is in (one step for the group,
// naming all the customers it reaches), applied with progress, a result per customer and one for the
// group; the first two deletions get no answer (the sandbox drops the connection), are reported as
// failed, and a retry of those two alone finishes the job; a second apply changes nothing. Removing
// a group member needs GroupMember.ReadWrite.All, asked for when first needed: an analyst without an
// administrator role cannot consent to it, the partner admin does (for everyone) in the browser; a
// caller without a role that manages groups then gets Graph's 403, said as what to do.
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';
const ANALYST = 'ada.analyst@contosomssp.onmicrosoft.com';
const HELPDESK = 'sam.helpdesk@contosomssp.onmicrosoft.com';
/** Who signs in on the sandbox's pages when the app opens them (a sign-in, or a consent). */
let signInAs = ADMIN;
const opened: string[] = [];
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
    openSignInPage: async (url) => {
      opened.push(url);
      void signInThroughPages(sandbox.caPem, url, signInAs);
      return true;
    },
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
const group = (name: string) => {
  const g = sandbox.state.data.groups.find((x) => x.displayName === name);
  if (!g) throw new Error(`The sample changed: no group ${name}`);
  return g;
};
const userId = (upn: string) => sandbox.state.data.users.find((u) => u.userPrincipalName === upn)?.id ?? '';
const customersOf = (groupId: string) =>
  sandbox.state.data.tenants.filter(
    (t) =>
      t.kind === 'customer' &&
      sandbox.state.gdapPaths(userId(ANALYST), t.id).some((p) => p.group.id === groupId),
  );
async function accountId(upn: string): Promise<string> {
  const status = await ok<{ accounts: Array<{ homeAccountId: string; username: string }> }>(
    'auth.status',
    {},
  );
  return status.accounts.find((a) => a.username === upn)?.homeAccountId ?? '';
}

describe('offboarding an analyst', () => {
  it('refuses to apply a plan that was never made', async () => {
    const result = await core.invoke('guests.offboardApply', {
      partnerUserId: sandbox.state.data.users.find((u) => u.userPrincipalName.startsWith('rory.'))?.id,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('an analyst without an administrator role cannot consent to changing group members: the group step fails in words, nothing changes', async () => {
    signInAs = HELPDESK;
    await ok('auth.signIn', { method: 'browser' });
    const rory = userId('rory.responder@contosomssp.onmicrosoft.com');
    const plan = await ok<OffboardPlan>('guests.offboardPlan', { partnerUserId: rory });
    // Rory is in "Tier 2 Responders", nested in the group GDAP maps: he is removed from the former.
    expect(plan.groups.map((g) => [g.groupName, g.through])).toEqual([
      ['Tier 2 Responders', ['SOC Responders - Security Operator']],
    ]);
    expect(plan.groups[0]?.detail).toMatch(
      /^Remove Rory Responder from the partner group “Tier 2 Responders”, which is nested in “SOC Responders - Security Operator”: one change that ends Rory Responder's GDAP access through it in all \d+ customers it is mapped to \(/,
    );
    opened.length = 0;
    const results = await ok<OffboardResults>('guests.offboardApply', { partnerUserId: rory });
    expect(opened).toHaveLength(1); // the browser opened once, for the consent
    expect(new URL(opened[0] ?? '').searchParams.get('scope')).toContain('GroupMember.ReadWrite.All');
    expect(results.groups).toEqual([
      expect.objectContaining({ groupName: 'Tier 2 Responders', outcome: 'failed' }),
    ]);
    expect(results.groups[0]?.message).toMatch(
      /needs the GroupMember\.ReadWrite\.All permission to change the members of your partner security groups, and it was not granted \(AADSTS90094\).*Nothing was changed\. A Global Administrator or Privileged Role Administrator of your partner tenant must consent/,
    );
    expect(group('Tier 2 Responders').members).toContain(rory);
    await ok('auth.setActive', { homeAccountId: await accountId(ADMIN) });
    signInAs = ADMIN;
  });

  it('plans every guest account in 20 customers and the one partner group she is in (with all its customers), then removes them; 2 failures retried alone; a second apply is Unchanged', async () => {
    const ada = sandbox.state.data.users.find((u) => u.userPrincipalName === ANALYST);
    const readers = group('SOC Analysts - Security Reader');
    const reached = customersOf(readers.id);
    expect(reached.length).toBeGreaterThan(3);
    expect(adaGuests()).toHaveLength(20);
    const plan = await ok<OffboardPlan>('guests.offboardPlan', { partnerUserId: ada?.id });
    expect(plan.displayName).toBe('Ada Analyst');
    expect(plan.items).toHaveLength(20);
    expect(plan.items.every((i) => i.possible)).toBe(true);
    expect(plan.items[0]?.detail).toMatch(/Guest account \(accepted\) with Security Reader, permanent/);
    expect(plan.unread).toEqual([]);
    // The group is one step, listed once, with every customer it reaches.
    expect(plan.groups).toHaveLength(1);
    const step = plan.groups[0];
    expect(step?.groupName).toBe('SOC Analysts - Security Reader');
    expect(step?.through).toEqual([]);
    expect([...(step?.tenantIds ?? [])].sort()).toEqual(reached.map((t) => t.id).sort());
    expect(step?.customers).toEqual(reached.map((t) => t.displayName).sort((a, b) => a.localeCompare(b)));
    expect(step?.detail).toContain(
      `Remove Ada Analyst from the partner group “SOC Analysts - Security Reader”: one change that ends Ada Analyst's GDAP access through it in all ${reached.length} customers it is mapped to (${step?.customers.slice(0, 3).join(', ')} and ${reached.length - 3} more).`,
    );
    // Planning changed nothing.
    expect(adaGuests()).toHaveLength(20);
    expect(readers.members).toContain(ada?.id);

    progress.length = 0;
    opened.length = 0;
    const first = await ok<OffboardResults>('guests.offboardApply', { partnerUserId: ada?.id });
    // The partner admin consented in the browser, once, for everyone in the partner tenant.
    expect(opened).toHaveLength(1);
    expect(sandbox.state.data.consentGrants?.map((g) => g.scopes)).toEqual([['GroupMember.ReadWrite.All']]);
    expect(first.groups).toEqual([
      {
        groupId: readers.id,
        groupName: 'SOC Analysts - Security Reader',
        customerCount: reached.length,
        outcome: 'succeeded',
        message: `Removed Ada Analyst from “SOC Analysts - Security Reader”: Ada Analyst no longer reaches its ${reached.length} customers through it.`,
      },
    ]);
    expect(readers.members).not.toContain(ada?.id);
    for (const t of reached) expect(sandbox.state.gdapPaths(ada?.id ?? '', t.id)).toEqual([]);
    expect(first.customers).toHaveLength(20);
    const failed = first.customers.filter((r) => r.outcome === 'failed');
    expect(failed).toHaveLength(2);
    expect(first.customers.filter((r) => r.outcome === 'succeeded')).toHaveLength(18);
    expect(progress.at(-1)).toEqual({ done: 21, total: 21 });
    expect(adaGuests()).toHaveLength(2);

    const retried = await ok<OffboardResults>('guests.offboardApply', {
      partnerUserId: ada?.id,
      tenantIds: failed.map((f) => f.tenantId),
    });
    expect(retried.customers.map((r) => r.tenantId).sort()).toEqual(failed.map((f) => f.tenantId).sort());
    expect(retried.customers.every((r) => r.outcome === 'succeeded')).toBe(true);
    expect(retried.groups).toEqual([]);
    expect(adaGuests()).toHaveLength(0);

    // Applying the same plan again: nothing left to do, and nothing is sent.
    const again = await ok<OffboardResults>('guests.offboardApply', { partnerUserId: ada?.id });
    expect(again.customers.map((r) => r.outcome)).toEqual(Array(20).fill('unchanged'));
    expect(again.groups.map((r) => [r.outcome, r.message])).toEqual([
      [
        'unchanged',
        'Ada Analyst is no longer a member of “SOC Analysts - Security Reader”; nothing was sent.',
      ],
    ]);
    expect(opened).toHaveLength(1);

    const audit = await ok<{ entries: AuditEntryView[] }>('audit.list', { action: 'guest.remove' });
    expect(audit.entries.filter((e) => e.outcome === 'succeeded')).toHaveLength(20);
    expect(audit.entries.filter((e) => e.outcome === 'failed')).toHaveLength(2);
    const groupAudit = await ok<{ entries: AuditEntryView[] }>('audit.list', {
      action: 'partnerGroup.removeMember',
    });
    expect(groupAudit.entries).toHaveLength(1);
    expect(groupAudit.entries[0]).toMatchObject({
      outcome: 'succeeded',
      status: 204,
      tenantId: sandbox.partnerTenantId,
      targetName: 'SOC Analysts - Security Reader',
      target: `/groups/${readers.id}/members/${ada?.id}/$ref`,
      body: {
        before: { member: { id: ada?.id, displayName: 'Ada Analyst' }, isMember: true },
        after: { isMember: false },
      },
    });
    // The export names the partner's own tenant as such, never as a bare tenant ID.
    const csv = await ok<{ content: string }>('audit.export', {
      format: 'csv',
      action: 'partnerGroup.removeMember',
    });
    const row = csv.content.split('\r\n').find((line) => line.includes('SOC Analysts - Security Reader'));
    expect(row).toContain('Your partner tenant');

    // The access matrix reads group membership fresh: no GDAP path for Ada in those customers.
    const matrix = await ok<AccessMatrix>('guests.matrix', { refresh: false });
    const a = matrix.analysts.findIndex((x) => x.id === ada?.id);
    for (const t of reached) {
      const c = matrix.customers.findIndex((x) => x.tenantId === t.id);
      expect(matrix.cells[c]?.[a]?.gdap ?? []).toEqual([]);
    }
  });

  it('a caller without a role that manages groups gets Graph’s 403 as what to do, once the permission is there; the membership stays', async () => {
    await ok('auth.setActive', { homeAccountId: await accountId(HELPDESK) });
    const rory = userId('rory.responder@contosomssp.onmicrosoft.com');
    opened.length = 0;
    const results = await ok<OffboardResults>('guests.offboardApply', { partnerUserId: rory });
    expect(opened).toEqual([]); // consented for everyone already: no browser
    expect(results.groups).toEqual([
      expect.objectContaining({ groupName: 'Tier 2 Responders', outcome: 'failed' }),
    ]);
    const message = results.groups[0]?.message ?? '';
    expect(message).toContain('Microsoft Graph refused');
    expect(message).toContain(
      'This needs the Groups Administrator or User Administrator role in your partner tenant, or ownership of the group',
    );
    expect(message).toContain(
      'Ask a Groups Administrator of your partner tenant, or the group’s owner, to remove the membership',
    );
    expect(message).toMatch(
      /Microsoft Graph answered 403 Authorization_RequestDenied, request-id [0-9a-f-]{36}/,
    );
    expect(group('Tier 2 Responders').members).toContain(rory);
    const audit = await ok<{ entries: AuditEntryView[] }>('audit.list', {
      action: 'partnerGroup.removeMember',
    });
    expect(audit.entries.find((e) => e.account === HELPDESK)).toMatchObject({
      outcome: 'failed',
      status: 403,
    });
  });
});
