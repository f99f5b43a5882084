import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import type { AccessCheck } from '../../shared/gdap/access-check';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import type { CommandError, CommandName, EventName, EventPayload } from '../../shared/contract/contract';
import type { DirectoryRelationship } from '../../shared/directory/directory';
import type {
  ApprovalRequest,
  BulkPlanItem,
  BulkResult,
  PartnerGroup,
  PartnerUser,
  RelationshipDetails,
  StatusChange,
} from '../../shared/gdap/gdap-contract';
import { ROLE_IDS } from '../../shared/gdap/roles';
import { approveAsCustomerAdmin, portalFactsAs, signInThroughPages } from '../sandbox/helpers/sandbox';

// GDAP end to end through the app's core, msal-node and the Graph SDK against the sandbox: the
// partner admin creates, locks, gets approval, maps a group, and the analyst's access check turns
// green; the launch then shows the analyst with Security Reader in that tenant. Only the browsers
// (the admin's sign-in, the customer admin's approval, the analyst's portal tab) are scripted.
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
const events: Array<{ name: EventName; payload: unknown }> = [];

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

async function until<T>(
  what: string,
  read: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const eventsOf = <E extends EventName>(name: E) =>
  events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);

const customerTenants = () => sandbox.state.data.tenants.filter((t) => t.kind === 'customer');
const relationshipCount = () => sandbox.state.data.relationships.length;
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';
const ANALYST = 'ada.analyst@contosomssp.onmicrosoft.com';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gdap-'));
  sandbox = await startSandbox({
    dataDir: path.join(dir, 'sandbox'),
    customers: 30,
    seed: 11,
    timings: { activationDelayMs: 300, terminationDelayMs: 300, assignmentDelayMs: 300 },
  });
  core = createCore({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: false }) },
    sandbox: connector(),
    followIntervalMs: 100,
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, ADMIN), true),
    log: { error: () => undefined },
  });
  core.onEvent((name, payload) => events.push({ name, payload }));
  expect(await core.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
  await ok('directory.sync', {});
}, 60_000);

afterAll(async () => {
  await core.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A customer with no GDAP relationship at all: where a new one starts. */
function customerWithoutGdap() {
  const withRelationship = new Set(sandbox.state.data.relationships.map((r) => r.customer?.tenantId));
  const tenant = customerTenants().find((t) => !withRelationship.has(t.id));
  if (!tenant) throw new Error('The sample has no customer without GDAP');
  return tenant;
}

describe('GDAP relationships against the sandbox', () => {
  it('refuses every rule before sending anything, and the sandbox refuses the same when forced through', async () => {
    const tenant = customerWithoutGdap();
    const before = relationshipCount();
    const base = {
      displayName: `${tenant.displayName} - rules`,
      customerTenantId: tenant.id,
      roleIds: [ROLE_IDS.securityReader],
      durationDays: 730,
      autoExtend: true,
    };
    const existingName = sandbox.state.data.relationships[0]?.displayName ?? '';
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['name too long', { displayName: 'x'.repeat(51) }, /51 characters; Microsoft allows at most 50/],
      ['name taken', { displayName: existingName.toUpperCase() }, /already have a relationship named/],
      ['duration 0', { durationDays: 0 }, /from 1 to 730/],
      ['duration 731', { durationDays: 731 }, /from 1 to 730/],
      [
        'auto-extend with Global Administrator',
        { roleIds: [ROLE_IDS.globalAdministrator] },
        /Global Administrator cannot auto-extend/,
      ],
      [
        'unknown role',
        { roleIds: ['11111111-1111-1111-1111-111111111111'] },
        /Not Microsoft Entra built-in roles/,
      ],
    ];
    for (const [label, change, message] of cases) {
      const error = await refused('gdap.create', { ...base, ...change });
      expect(error.code, label).toBe('invalid_input');
      expect(error.message, label).toMatch(message);
    }
    expect(relationshipCount()).toBe(before);
    const listed = await ok<{ entries: unknown[] }>('audit.list', {});
    expect(listed.entries).toHaveLength(0);
    // Forced past the app's checks, the sandbox refuses each of these rules itself as Graph does:
    // test/sandbox/graph-gdap.test.ts ("refuses ...", "refuses a duplicate name").
  });

  it('create → lock → customer approves → active → assign → the analyst has access → launch shows Security Reader', async () => {
    const tenant = customerWithoutGdap();
    const users = await ok<PartnerUser[]>('gdap.partnerUsers', { search: 'ada' });
    const ada = users.find((u) => u.userPrincipalName === ANALYST);
    expect(ada).toBeDefined();

    const red = await ok<AccessCheck>('gdap.accessCheck', { tenantId: tenant.id, userId: ada?.id });
    expect(red.verdict).toBe('red');
    expect(red.steps[0]?.fix).toMatch(/Create a relationship from the "Security Copilot: analyst" template/);

    const templates = await ok<
      Array<{ id: string; roleIds: string[]; durationDays: number; autoExtend: boolean }>
    >('gdap.templates', {});
    const analyst = templates.find((t) => t.id === 'copilot-analyst');
    const created = await ok<DirectoryRelationship>('gdap.create', {
      displayName: `${tenant.displayName.slice(0, 30)} - Copilot`,
      customerTenantId: tenant.id,
      roleIds: analyst?.roleIds,
      durationDays: analyst?.durationDays,
      autoExtend: analyst?.autoExtend,
    });
    expect(created.status).toBe('created');
    expect(created.customerTenantId).toBe(tenant.id);

    const approval = await ok<ApprovalRequest>('gdap.lock', {
      relationshipId: created.id,
      etag: created.etag,
    });
    expect(approval.relationship.status).toBe('approvalPending');
    expect(approval.link).toBe(
      `${sandbox.baseUrl}/portals/admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${created.id}`,
    );
    expect(approval.message).toContain('Security Reader');
    expect(approval.message).toMatch(/approve it before \d{4}-\d\d-\d\d, when the request lapses/);
    expect(approval.message).toContain('Contoso MSSP');

    const pending = await ok<AccessCheck>('gdap.accessCheck', { tenantId: tenant.id, userId: ada?.id });
    expect(pending.steps[0]?.detail).toMatch(/waiting for the customer's approval/);

    await approveAsCustomerAdmin(sandbox, created.id, tenant.id);
    const active = await until('the relationship to turn active', () =>
      eventsOf('gdap.statusChanged').find(
        (c: StatusChange) => c.relationshipId === created.id && c.to === 'active',
      ),
    );
    expect(active.message).toMatch(/is active/);

    const groups = await ok<PartnerGroup[]>('gdap.partnerGroups', { search: '' });
    const adminAgents = groups.find((g) => g.displayName === 'AdminAgents');
    const readers = groups.find((g) => g.displayName === 'SOC Analysts - Security Reader');
    expect(adminAgents?.reserved).toBe(true);
    expect(readers?.reserved).toBe(false);
    // Partner Center's agent groups are refused, and so is a role the relationship does not hold.
    for (const name of ['AdminAgents', 'HelpdeskAgents', 'SalesAgents']) {
      const group = groups.find((g) => g.displayName === name);
      const error = await refused('gdap.addAssignment', {
        relationshipId: created.id,
        groupId: group?.id,
        roleIds: [ROLE_IDS.securityReader],
      });
      expect(error.message).toMatch(/reserved by Partner Center/);
    }
    const outside = await refused('gdap.addAssignment', {
      relationshipId: created.id,
      groupId: readers?.id,
      roleIds: [ROLE_IDS.securityOperator],
    });
    expect(outside.message).toMatch(/Security Operator is not among the roles/);

    const mapped = await ok<RelationshipDetails>('gdap.addAssignment', {
      relationshipId: created.id,
      groupId: readers?.id,
      roleIds: [ROLE_IDS.securityReader],
    });
    expect(mapped.assignments.map((a) => a.groupName)).toEqual(['SOC Analysts - Security Reader']);

    const green = await until('the access check to turn green', async () => {
      const check = await ok<AccessCheck>('gdap.accessCheck', { tenantId: tenant.id, userId: ada?.id });
      return check.verdict === 'green' ? check : undefined;
    });
    expect(green.paths).toEqual([
      {
        relationship: created.displayName,
        group: 'SOC Analysts - Security Reader',
        roles: ['Security Reader'],
      },
    ]);
    expect(green.plugins.some((p) => p.reach === 'reached')).toBe(true);

    // The customer is now in the directory, and launching opens its tenant: the analyst is Security Reader.
    const launched = await ok<{ url: string }>('launch.open', {
      tenantId: tenant.id,
      target: 'securityCopilot',
    });
    const facts = await portalFactsAs(sandbox, ANALYST, launched.url);
    expect(facts.tenantId).toBe(tenant.id);
    expect(facts.signedIn).toEqual({ upn: ANALYST });
    expect(facts.access.effectiveRoles).toEqual(['Security Reader']);

    // Every change is in the audit trail with Graph's answer.
    const audit = await ok<{
      entries: Array<{ action: string; outcome: string; requestId: string | null; tenantId: string }>;
    }>('audit.list', { tenantId: tenant.id });
    expect(audit.entries.map((e) => e.action).sort()).toEqual(
      ['assignment.create', 'relationship.create', 'relationship.lockForApproval'].sort(),
    );
    expect(audit.entries.every((e) => e.outcome === 'succeeded' && e.requestId !== null)).toBe(true);
  }, 60_000);

  it('a change made elsewhere (412) is shown and nothing is overwritten; Global Administrator removed, then auto-extend, then terminate with the name typed', async () => {
    const ga = sandbox.state.data.relationships.find(
      (r) =>
        r.status === 'active' &&
        r.customer !== null &&
        r.accessDetails.unifiedRoles.some((u) => u.roleDefinitionId === ROLE_IDS.globalAdministrator) &&
        r.accessDetails.unifiedRoles.length > 1,
    );
    if (!ga || !ga.customer)
      throw new Error('The sample has no active relationship with Global Administrator');
    const seen = (await ok<RelationshipDetails>('gdap.relationship', { relationshipId: ga.id })).relationship;

    const blocked = await refused('gdap.setAutoExtend', {
      relationshipId: ga.id,
      etag: seen.etag,
      autoExtend: true,
    });
    expect(blocked.message).toContain('A relationship with Global Administrator cannot auto-extend');

    // Someone else changes it in the meantime (Partner Center, another admin).
    ga.version++;
    const stale = await refused('gdap.removeGlobalAdmin', { relationshipId: ga.id, etag: seen.etag });
    expect(stale.code).toBe('conflict');
    expect(stale.message).toMatch(/changed this in the meantime/);
    expect(
      ga.accessDetails.unifiedRoles.some((u) => u.roleDefinitionId === ROLE_IDS.globalAdministrator),
    ).toBe(true);

    const fresh = (await ok<RelationshipDetails>('gdap.relationship', { relationshipId: ga.id }))
      .relationship;
    const withoutGa = await ok<DirectoryRelationship>('gdap.removeGlobalAdmin', {
      relationshipId: ga.id,
      etag: fresh.etag,
    });
    expect(withoutGa.roleIds).not.toContain(ROLE_IDS.globalAdministrator);
    // Graph answered 202 and ran a long-running operation; the app said done only after it succeeded.
    const removal = sandbox.state.data.operations.filter(
      (o) => o.relationshipId === ga.id && o.operationType === 'delegatedAdminRelationshipUpdate',
    );
    expect(removal.map((o) => o.status)).toEqual(['succeeded']);
    expect(ga.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId)).not.toContain(
      ROLE_IDS.globalAdministrator,
    );
    const extending = await ok<DirectoryRelationship>('gdap.setAutoExtend', {
      relationshipId: ga.id,
      etag: withoutGa.etag,
      autoExtend: true,
    });
    expect(extending.autoExtendDuration).toBe('P180D');

    const wrong = await refused('gdap.terminate', {
      relationshipId: ga.id,
      etag: extending.etag,
      confirmName: 'yes',
    });
    expect(wrong.message).toContain(`type the customer's name exactly: "${ga.customer.displayName}"`);
    const ended = await ok<DirectoryRelationship>('gdap.terminate', {
      relationshipId: ga.id,
      etag: extending.etag,
      confirmName: ga.customer.displayName.toLowerCase(),
    });
    expect(ended.status).toBe('terminationRequested');
    await until('the relationship to be terminated', () =>
      eventsOf('gdap.statusChanged').find((c) => c.relationshipId === ga.id && c.to === 'terminated'),
    );
  }, 60_000);

  it('edits and removes an assignment, following the 202 operation to its end', async () => {
    const rel = sandbox.state.data.relationships.find(
      (r) =>
        r.status === 'active' &&
        r.accessDetails.unifiedRoles.some((u) => u.roleDefinitionId === ROLE_IDS.securityOperator) &&
        sandbox.state.data.accessAssignments.some((a) => a.relationshipId === r.id && a.status === 'active'),
    );
    if (!rel) throw new Error('The sample has no active relationship with an assignment');
    const details = await ok<RelationshipDetails>('gdap.relationship', { relationshipId: rel.id });
    const assignment = details.assignments[0];
    const updated = await ok<RelationshipDetails>('gdap.updateAssignment', {
      relationshipId: rel.id,
      assignmentId: assignment?.id,
      etag: assignment?.etag,
      roleIds: [ROLE_IDS.securityOperator],
    });
    const after = updated.assignments.find((a) => a.id === assignment?.id);
    expect(after?.roleIds).toEqual([ROLE_IDS.securityOperator]);
    expect(sandbox.state.data.operations.find((o) => o.relationshipId === rel.id)?.status).toBe('succeeded');

    const stale = await refused('gdap.removeAssignment', {
      relationshipId: rel.id,
      assignmentId: assignment?.id,
      etag: assignment?.etag,
    });
    expect(stale.code).toBe('conflict');
    await ok('gdap.removeAssignment', { relationshipId: rel.id, assignmentId: after?.id, etag: after?.etag });
    await until('the assignment to be gone', async () => {
      const now = await ok<RelationshipDetails>('gdap.relationship', { relationshipId: rel.id });
      return now.assignments.some((a) => a.id === assignment?.id) ? undefined : true;
    });
  }, 60_000);

  it('bulk: plans exactly what changes per tenant, applies with progress, and retries the 2 that failed', async () => {
    const groups = await ok<PartnerGroup[]>('gdap.partnerGroups', { search: 'Tier 2' });
    const tier2 = groups[0];
    const tenants = customerTenants()
      .slice(0, 20)
      .map((t) => t.id);
    const request = {
      action: 'addAssignment',
      tenantIds: tenants,
      groupId: tier2?.id,
      roleIds: [ROLE_IDS.securityReader],
    };
    const plan = await ok<BulkPlanItem[]>('gdap.bulkPlan', request);
    expect(plan).toHaveLength(20);
    const changing = plan.filter((p) => p.changes.length > 0);
    expect(changing.length).toBeGreaterThan(4);
    expect(changing[0]?.changes[0]?.description).toMatch(/^Assign Tier 2 Responders → Security Reader in "/);
    for (const p of plan.filter((x) => x.changes.length === 0)) expect(p.skipped).toBeTruthy();

    // Two writes get no answer at all (the connection drops): they fail and are not retried blind.
    sandbox.faults.set([
      {
        match: '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/*/accessAssignments',
        method: 'POST',
        kind: 'reset',
        count: 2,
      },
    ]);
    const first = await ok<BulkResult[]>('gdap.bulkApply', request);
    expect(first.filter((r) => r.outcome === 'failed')).toHaveLength(2);
    for (const f of first.filter((r) => r.outcome === 'failed'))
      expect(f.message).toMatch(
        /^Failed: Assign Tier 2 Responders → Security Reader in ".*"\. No answer from Microsoft Graph \(.*\)\. The change may or may not have been made/,
      );
    expect(first.filter((r) => r.outcome === 'succeeded').length).toBe(changing.length - 2);
    const progress = eventsOf('gdap.bulkProgress');
    expect(progress.at(-1)).toMatchObject({ done: 20, total: 20, running: false });

    const failed = first.filter((r) => r.outcome === 'failed').map((r) => r.tenantId);
    const retried = await ok<BulkResult[]>('gdap.bulkApply', { ...request, tenantIds: failed });
    expect(retried.map((r) => r.outcome)).toEqual(['succeeded', 'succeeded']);
    sandbox.faults.set([]);

    const csv = await ok<{ content: string }>('gdap.exportBulkResults', {});
    expect(csv.content.split('\r\n')[0]).toBe('customer,tenantId,outcome,message,requestIds');
    expect(csv.content.match(/,failed,/g)).toBeNull();
    expect(csv.content.match(/,succeeded,/g)).toHaveLength(changing.length);
  }, 120_000);

  it('removing Global Administrator: an operation Microsoft reports failed is said, and the role stays', async () => {
    const ga = sandbox.state.data.relationships.find(
      (r) =>
        r.status === 'active' &&
        r.customer !== null &&
        r.accessDetails.unifiedRoles.some((u) => u.roleDefinitionId === ROLE_IDS.globalAdministrator) &&
        r.accessDetails.unifiedRoles.length > 1,
    );
    if (!ga) throw new Error('The sample has no other active relationship with Global Administrator');
    const seen = (await ok<RelationshipDetails>('gdap.relationship', { relationshipId: ga.id })).relationship;
    const answer = core.invoke('gdap.removeGlobalAdmin', { relationshipId: ga.id, etag: seen.etag });
    // Microsoft accepted it (202) and the operation fails before the app looks again.
    const operation = await until('the operation', () =>
      sandbox.state.data.operations.find(
        (o) => o.relationshipId === ga.id && o.operationType === 'delegatedAdminRelationshipUpdate',
      ),
    );
    operation.status = 'failed';
    const result = await answer;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(
      `Microsoft reported that it could not finish: removing Global Administrator from "${ga.displayName}"`,
    );
    expect(ga.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId)).toContain(
      ROLE_IDS.globalAdministrator,
    );
    sandbox.state.data.operations = sandbox.state.data.operations.filter((o) => o !== operation);
  }, 30_000);

  it('bulk: removing Global Administrator follows each 202 operation before saying it succeeded', async () => {
    const withGa = () =>
      sandbox.state.data.relationships.filter(
        (r) =>
          r.status === 'active' &&
          r.customer !== null &&
          r.accessDetails.unifiedRoles.some((u) => u.roleDefinitionId === ROLE_IDS.globalAdministrator) &&
          r.accessDetails.unifiedRoles.length > 1,
      );
    const targets = withGa();
    expect(targets.length).toBeGreaterThan(0);
    const tenantIds = [...new Set(targets.map((r) => r.customer?.tenantId ?? ''))];
    const results = await ok<BulkResult[]>('gdap.bulkApply', { action: 'removeGlobalAdmin', tenantIds });
    expect(results.map((r) => r.outcome)).toEqual(tenantIds.map(() => 'succeeded'));
    // Each answer was a 202; each operation had succeeded when the step was reported done.
    for (const r of targets) {
      const ops = sandbox.state.data.operations.filter(
        (o) => o.relationshipId === r.id && o.operationType === 'delegatedAdminRelationshipUpdate',
      );
      expect(ops.map((o) => o.status)).toEqual(['succeeded']);
    }
    expect(withGa()).toEqual([]);
  }, 60_000);
});
