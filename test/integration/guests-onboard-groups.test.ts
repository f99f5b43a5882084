import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import type { AuditEntryView } from '../../shared/audit/audit';
import type { CommandName } from '../../shared/contract/contract';
import type { AccessMatrix } from '../../shared/guests/access-matrix';
import type { OnboardPlan, OnboardResults } from '../../shared/guests/guests';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { signInThroughPages } from '../sandbox/helpers/sandbox';

// Onboarding's partner group step, offboarding's in reverse (test/integration/guests-offboard.test.ts),
// through the core, the Graph SDK and the sandbox: the plan lists the partner groups GDAP maps to the
// chosen customers, each with every customer it reaches (adding someone reaches them all, not only
// the chosen ones); none is added unless picked; applying adds the analyst once (the partner admin
// consents to GroupMember.ReadWrite.All in the browser), the GDAP reach follows; a second apply is
// Unchanged, nothing sent; the addition is audited before and after.
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';
const ANALYST = 'ada.analyst@contosomssp.onmicrosoft.com';
const RORY = 'rory.responder@contosomssp.onmicrosoft.com';
const opened: string[] = [];

async function ok<T>(name: CommandName, input: unknown): Promise<T> {
  const result = await core.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-onboard-groups-'));
  sandbox = await startSandbox({ dataDir: path.join(dir, 'sandbox'), customers: 12, seed: 21 });
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
      void signInThroughPages(sandbox.caPem, url, ADMIN);
      return true;
    },
    log: { error: () => undefined },
  });
  expect(await core.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
  await ok('directory.sync', {});
}, 60_000);

afterAll(async () => {
  await core.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const group = (name: string) => {
  const g = sandbox.state.data.groups.find((x) => x.displayName === name);
  if (!g) throw new Error(`The sample changed: no group ${name}`);
  return g;
};
const userId = (upn: string) => sandbox.state.data.users.find((u) => u.userPrincipalName === upn)?.id ?? '';
/** The customers a group gives GDAP access in, seen through Ada, who is in it. */
const customersOf = (groupId: string) =>
  sandbox.state.data.tenants.filter(
    (t) =>
      t.kind === 'customer' &&
      sandbox.state.gdapPaths(userId(ANALYST), t.id).some((p) => p.group.id === groupId),
  );

describe('onboarding an analyst to partner groups', () => {
  it('lists the group with all its customers, adds only when picked, once; a second apply is Unchanged; audited', async () => {
    const rory = userId(RORY);
    const readers = group('SOC Analysts - Security Reader');
    const reached = customersOf(readers.id);
    expect(reached.length).toBeGreaterThan(1);
    expect(readers.members).not.toContain(rory);
    const chosen = reached[0];
    if (!chosen) throw new Error('no customer');
    const plan = await ok<OnboardPlan>('guests.onboardPlan', {
      partnerUserId: rory,
      tenantIds: [chosen.id],
      role: 'securityReader',
      grant: { kind: 'permanent' },
    });
    const step = plan.groups.find((g) => g.groupId === readers.id);
    expect(step).toMatchObject({
      groupName: 'SOC Analysts - Security Reader',
      chosen: 1,
      alreadyMember: false,
    });
    expect([...(step?.tenantIds ?? [])].sort()).toEqual(reached.map((t) => t.id).sort());
    expect(step?.customers).toEqual(reached.map((t) => t.displayName).sort((a, b) => a.localeCompare(b)));
    // Said plainly: the group reaches every customer it is mapped to, not only the chosen one.
    expect(step?.detail).toContain(
      `Add Rory Responder to the partner group “SOC Analysts - Security Reader”: one change that gives Rory Responder GDAP access through it in every one of the ${reached.length} customers it is mapped to: not only the 1 chosen here, also ${reached.length - 1} more (`,
    );
    expect(readers.members).not.toContain(rory); // planning changed nothing

    // Not picked: no group is touched.
    const unpicked = await ok<OnboardResults>('guests.onboardApply', { partnerUserId: rory, tenantIds: [] });
    expect(unpicked).toEqual({ customers: [], groups: [] });
    expect(readers.members).not.toContain(rory);

    opened.length = 0;
    const first = await ok<OnboardResults>('guests.onboardApply', {
      partnerUserId: rory,
      tenantIds: [],
      groupIds: [readers.id],
    });
    expect(opened).toHaveLength(1); // the partner admin consented in the browser, once
    expect(new URL(opened[0] ?? '').searchParams.get('scope')).toContain('GroupMember.ReadWrite.All');
    expect(first.groups).toEqual([
      {
        groupId: readers.id,
        groupName: 'SOC Analysts - Security Reader',
        customerCount: reached.length,
        outcome: 'succeeded',
        message: `Added Rory Responder to “SOC Analysts - Security Reader”: Rory Responder now reaches all ${reached.length} of its customers through it.`,
      },
    ]);
    expect(readers.members.filter((m) => m === rory)).toHaveLength(1);
    for (const t of reached)
      expect(sandbox.state.gdapPaths(rory, t.id).some((p) => p.group.id === readers.id)).toBe(true);

    // The access matrix reads group membership fresh: Rory's GDAP path appears in those customers.
    const matrix = await ok<AccessMatrix>('guests.matrix', { refresh: false });
    const a = matrix.analysts.findIndex((x) => x.id === rory);
    for (const t of reached) {
      const c = matrix.customers.findIndex((x) => x.tenantId === t.id);
      expect(matrix.cells[c]?.[a]?.gdap.length ?? 0).toBeGreaterThan(0);
    }

    // Applying again: a member already (read first), nothing sent.
    const again = await ok<OnboardResults>('guests.onboardApply', {
      partnerUserId: rory,
      tenantIds: [],
      groupIds: [readers.id],
    });
    expect(again.groups.map((r) => [r.outcome, r.message])).toEqual([
      [
        'unchanged',
        'Rory Responder is already a member of “SOC Analysts - Security Reader”; nothing was sent.',
      ],
    ]);
    expect(readers.members.filter((m) => m === rory)).toHaveLength(1);

    // Planned again: the group says Rory is in it already.
    const replanned = await ok<OnboardPlan>('guests.onboardPlan', {
      partnerUserId: rory,
      tenantIds: [chosen.id],
      role: 'securityReader',
      grant: { kind: 'permanent' },
    });
    expect(replanned.groups.find((g) => g.groupId === readers.id)).toMatchObject({ alreadyMember: true });

    const audit = await ok<{ entries: AuditEntryView[] }>('audit.list', { action: 'partnerGroup.addMember' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      outcome: 'succeeded',
      status: 204,
      tenantId: sandbox.partnerTenantId,
      targetName: 'SOC Analysts - Security Reader',
      target: `/groups/${readers.id}/members/$ref`,
      body: {
        before: { member: { id: rory, displayName: 'Rory Responder' }, isMember: false },
        after: { member: { id: rory }, isMember: true },
      },
    });
  });
});
