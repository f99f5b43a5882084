/**
 * Copilot in Azure access through the app's service, msal-node, @azure/arm-authorization and its ARM
 * pipeline against the sandbox: the whole guided change; faults after elevation (at the switch, at an
 * assignment) and a cancel still end with no elevation; a crash after elevation is cleaned up at the
 * next start; an already-elevated account stays elevated; a non-Global-Administrator is refused
 * before anything is sent. Only the sign-in browser is scripted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountService } from '../../main/core/accounts/account-service';
import { AuditLog } from '../../main/core/audit/audit-log';
import { AzureAccessService } from '../../main/core/azure-access/azure-access-service';
import { CloudService, type SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { MemoryOnlyCipher } from '../../main/core/platform/secrets/secret-cipher';
import { ARM_ROLES } from '../../main/sandbox/arm';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import { copilotChangeSchema, type CopilotChange } from '../../shared/azure-access/azure-access';
import { ROLE_IDS } from '../../shared/gdap/roles';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { DEFAULT_SETTINGS } from '../../shared/settings/settings';
import type { TenantId } from '../../shared/platform/tenant-id';
import { signInThroughPages } from '../sandbox/helpers/sandbox';

let dir: string;
let sandbox: RunningSandbox;
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';
const ANALYST = 'ada.analyst@contosomssp.onmicrosoft.com';
const FAST = { maxRetries: 1, retryDelayInMs: 20, maxRetryDelayInMs: 50 };

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

/** The app's services for one signed-in account, on its own data folder (a "start" of the app). */
async function appAs(upn: string, dataDir = fs.mkdtempSync(path.join(dir, 'app-'))) {
  const cloud = new CloudService(() => DEFAULT_SETTINGS, connector());
  const accounts = new AccountService({
    dataDir,
    cipher: new MemoryOnlyCipher(),
    cloud,
    settings: () => DEFAULT_SETTINGS,
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, upn), true),
    onBrowserUrl: () => undefined,
    onDeviceCode: () => undefined,
    onChange: () => undefined,
  });
  if ((await accounts.status()).accounts.length === 0) await accounts.signIn('browser');
  const audit = new AuditLog(dataDir);
  const names = new Map(sandbox.state.data.tenants.map((t) => [t.id, t.displayName]));
  const service = new AzureAccessService({
    accounts,
    cloud,
    audit,
    dataDir,
    tenantName: (id) => names.get(id),
    armRetry: FAST,
  });
  return { service, audit, dataDir, accounts };
}

const userId = (upn: string) => sandbox.state.data.users.find((u) => u.userPrincipalName === upn)?.id ?? '';
const partner = () => sandbox.state.partnerTenantId;
/** The account's elevations (User Access Administrator at '/') in that tenant, as ARM keeps them. */
const elevations = (tenantId: string, principalId: string) =>
  sandbox.state.data.armRoleAssignments.filter(
    (a) =>
      a.tenantId === tenantId &&
      a.scope === '/' &&
      a.principalId === principalId &&
      a.roleDefinitionId === ARM_ROLES.userAccessAdministrator,
  );
const copilotHolders = (tenantId: string) =>
  sandbox.state.data.armRoleAssignments
    .filter((a) => a.tenantId === tenantId && a.roleDefinitionId === ARM_ROLES.copilotForAzureUser)
    .map((a) => a.principalId)
    .sort();
const restricted = (tenantId: string) =>
  sandbox.state.data.copilotSettings.find((s) => s.tenantId === tenantId)?.accessControlEnabled;
const change = (input: unknown): CopilotChange => copilotChangeSchema.parse(input);
const group = (name: string) => {
  const g = sandbox.state.data.groups.find((x) => x.displayName === name);
  if (!g) throw new Error(`no group ${name}`);
  return { id: g.id, kind: 'group' as const, displayName: g.displayName };
};
const user = (upn: string) => ({ id: userId(upn), kind: 'user' as const, displayName: upn });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-azure-access-'));
  sandbox = await startSandbox({ dataDir: path.join(dir, 'sandbox'), customers: 12, seed: 5 });
}, 30_000);

afterAll(async () => {
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Copilot in Azure access in the partner’s own tenant', () => {
  it('reads, restricts, grants a group and a user, removes the user, and leaves no elevation', async () => {
    const app = await appAs(ADMIN);
    const admin = userId(ADMIN);

    const first = await app.service.panel(null, false);
    expect(first).toMatchObject({
      home: true,
      globalAdministrator: true,
      availability: 'everyone',
      holders: null,
      elevated: false,
      readWithElevation: false,
    });
    expect(first.availabilityText).toContain('never restricted');
    expect(first.holdersText).toContain('needs elevated access');

    const elevatedRead = await app.service.panel(null, true);
    expect(elevatedRead).toMatchObject({ holders: [], readWithElevation: true, elevated: false });
    expect(elevatedRead.role).toEqual({
      name: 'Azure Copilot User',
      formerName: 'Copilot for Azure User',
      id: ARM_ROLES.copilotForAzureUser,
    });
    expect(elevations(partner(), admin)).toEqual([]);

    const analysts = group('SOC Analysts - Security Reader');
    const plan = await app.service.plan(
      change({ tenantId: null, restrict: true, add: [analysts, user(ANALYST)], remove: [] }),
    );
    expect(plan.alreadyElevated).toBe(false);
    expect(plan.steps.map((s) => s.kind)).toEqual(['elevate', 'switch', 'assign', 'assign', 'unelevate']);
    expect(plan.steps[2]?.description).toBe(
      'Grant the group "SOC Analysts - Security Reader" the Azure Copilot User role.',
    );

    const applied = await app.service.apply(
      change({ tenantId: null, restrict: true, add: [analysts, user(ANALYST)], remove: [] }),
    );
    expect(applied.outcome).toBe('succeeded');
    expect(applied.steps.map((s) => [s.kind, s.outcome])).toEqual([
      ['elevate', 'done'],
      ['switch', 'done'],
      ['assign', 'done'],
      ['assign', 'done'],
      ['unelevate', 'done'],
    ]);
    expect(restricted(partner())).toBe(true);
    expect(copilotHolders(partner())).toEqual([analysts.id, userId(ANALYST)].sort());
    expect(elevations(partner(), admin)).toEqual([]);
    expect(app.service.markers.list().markers).toEqual([]);

    // The panel names the holders; every change is in the audit trail, before and after.
    const after = await app.service.panel(null, true);
    expect(after.availability).toBe('restricted');
    expect(after.holders?.map((h) => h.displayName).sort()).toEqual([
      'Ada Analyst',
      'SOC Analysts - Security Reader',
    ]);
    const actions = app.audit.read({ tenantId: partner() }).entries.map((e) => [e.action, e.outcome]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['azureAccess.elevate', 'succeeded'],
        ['azureAccess.setCopilotAccess', 'succeeded'],
        ['azureAccess.assignRole', 'succeeded'],
        ['azureAccess.removeElevation', 'succeeded'],
      ]),
    );
    expect(actions.some(([, outcome]) => outcome !== 'succeeded')).toBe(false);

    // Again: the group already holds the role (unchanged), the user is removed.
    const again = await app.service.apply(
      change({ tenantId: null, restrict: null, add: [analysts], remove: [user(ANALYST)] }),
    );
    expect(again.steps.map((s) => [s.kind, s.outcome])).toEqual([
      ['elevate', 'done'],
      ['assign', 'unchanged'],
      ['remove', 'done'],
      ['unelevate', 'done'],
    ]);
    expect(copilotHolders(partner())).toEqual([analysts.id]);
    expect(elevations(partner(), admin)).toEqual([]);
  });

  it('a fault at the switch or at an assignment still ends with no elevation; so does a cancel', async () => {
    const app = await appAs(ADMIN);
    const admin = userId(ADMIN);
    const responders = group('SOC Responders - Security Operator');
    try {
      sandbox.faults.set([
        { match: '/arm/providers/Microsoft.PortalServices/copilotSettings/*', kind: '503', method: 'PUT' },
      ]);
      const atSwitch = await app.service.apply(
        change({ tenantId: null, restrict: false, add: [responders], remove: [] }),
      );
      expect(atSwitch.outcome).toBe('failed');
      expect(atSwitch.steps.map((s) => [s.kind, s.outcome])).toEqual([
        ['elevate', 'done'],
        ['switch', 'failed'],
        ['assign', 'skipped'],
        ['unelevate', 'done'],
      ]);
      expect(atSwitch.message).toContain('503');
      expect(atSwitch.elevation).toBe('The elevated access was removed.');
      expect(restricted(partner())).toBe(true);
      expect(elevations(partner(), admin)).toEqual([]);

      sandbox.faults.set([
        {
          match:
            '/arm/providers/Microsoft.PortalServices/providers/Microsoft.Authorization/roleAssignments/*',
          kind: 'reset',
          method: 'PUT',
        },
      ]);
      const atAssignment = await app.service.apply(
        change({ tenantId: null, restrict: null, add: [responders], remove: [] }),
      );
      expect(atAssignment.outcome).toBe('failed');
      expect(atAssignment.steps.map((s) => [s.kind, s.outcome])).toEqual([
        ['elevate', 'done'],
        ['assign', 'failed'],
        ['unelevate', 'done'],
      ]);
      expect(copilotHolders(partner())).not.toContain(responders.id);
      expect(elevations(partner(), admin)).toEqual([]);

      // Cancel while the switch hangs: the elevation is removed as always.
      sandbox.faults.set([
        {
          match: '/arm/providers/Microsoft.PortalServices/copilotSettings/*',
          kind: 'latency',
          latencyMs: 5_000,
          method: 'PUT',
        },
      ]);
      const running = app.service.apply(change({ tenantId: null, restrict: false, add: [], remove: [] }));
      await until(() => elevations(partner(), admin).length > 0);
      expect(app.service.cancel()).toBe(true);
      const cancelled = await running;
      expect(cancelled.outcome).toBe('cancelled');
      expect(elevations(partner(), admin)).toEqual([]);
      expect(restricted(partner())).toBe(true);
    } finally {
      sandbox.faults.set([]);
    }
  });

  it('a crash after elevation is cleaned up at the next start', async () => {
    const first = await appAs(ADMIN);
    const admin = userId(ADMIN);
    sandbox.faults.set([
      {
        match: '/arm/providers/Microsoft.PortalServices/copilotSettings/*',
        kind: 'latency',
        latencyMs: 5_000,
        method: 'PUT',
      },
    ]);
    try {
      // The app "dies" while the switch is in flight: the elevation is there, and so is the marker.
      const lost = first.service.apply(change({ tenantId: null, restrict: false, add: [], remove: [] }));
      await until(() => elevations(partner(), admin).length > 0);
      expect(first.service.markers.list().markers).toMatchObject([{ tenantId: partner(), account: ADMIN }]);

      // The next start, on the same data folder: the elevation is found and removed.
      const next = await appAs(ADMIN, first.dataDir);
      const recovered = await next.service.recoverElevations();
      expect(recovered).toMatchObject([{ removed: true, text: 'The elevated access was removed.' }]);
      expect(elevations(partner(), admin)).toEqual([]);
      expect(next.service.markers.list().markers).toEqual([]);
      // Nothing left to do at the start after.
      expect(await next.service.recoverElevations()).toEqual([]);
      first.service.cancel();
      await lost;
    } finally {
      sandbox.faults.set([]);
    }
  });

  it('a marker whose account is gone tells exactly how to remove the elevation by hand', async () => {
    const app = await appAs(ADMIN);
    app.service.markers.add({
      id: 'm1',
      tenantId: partner(),
      tenantName: 'Contoso MSSP',
      homeAccountId: 'someone-signed-out.tenant',
      account: 'former@contosomssp.onmicrosoft.com',
      oid: '00000000-0000-0000-0000-000000000001',
      at: new Date().toISOString(),
    });
    const [report] = await app.service.recoverElevations();
    expect(report?.removed).toBe(false);
    expect(report?.text).toContain('former@contosomssp.onmicrosoft.com');
    expect(report?.text).toContain(
      'Identity > Overview > Properties, set "Access management for Azure resources" to No',
    );
    // Kept for the next start.
    expect(app.service.markers.list().markers.map((m) => m.id)).toEqual(['m1']);
    app.service.markers.remove('m1');
  });

  it('an account already elevated stays elevated, and the plan says so', async () => {
    const app = await appAs(ADMIN);
    const admin = userId(ADMIN);
    sandbox.state.data.armRoleAssignments.push({
      name: crypto.randomUUID(),
      tenantId: partner(),
      scope: '/',
      roleDefinitionId: ARM_ROLES.userAccessAdministrator,
      principalId: admin,
      principalType: 'User',
      createdOn: new Date().toISOString(),
    });
    try {
      const plan = await app.service.plan(change({ tenantId: null, restrict: true, add: [], remove: [] }));
      expect(plan.alreadyElevated).toBe(true);
      expect(plan.steps.map((s) => s.kind)).toEqual(['keepElevation', 'switch']);
      expect(plan.steps[0]?.description).toContain('leaves it as found');
      const applied = await app.service.apply(
        change({ tenantId: null, restrict: true, add: [], remove: [] }),
      );
      expect(applied.outcome).toBe('succeeded');
      expect(applied.elevation).toContain('already elevated before');
      expect(elevations(partner(), admin)).toHaveLength(1);
    } finally {
      sandbox.state.data.armRoleAssignments = sandbox.state.data.armRoleAssignments.filter(
        (a) => !(a.tenantId === partner() && a.scope === '/' && a.principalId === admin),
      );
    }
  });
});

describe('Copilot in Azure access in customer tenants', () => {
  it('a Global Administrator through GDAP changes a customer; a non-Global-Administrator is refused before anything is sent', async () => {
    // Pat gets Global Administrator in one customer through GDAP: a partner group mapped to it.
    const customer = sandbox.state.data.tenants.find(
      (t) =>
        t.kind === 'customer' &&
        sandbox.state.data.relationships.some(
          (r) =>
            r.customer?.tenantId === t.id &&
            r.status === 'active' &&
            r.accessDetails.unifiedRoles.some((x) => x.roleDefinitionId === ROLE_IDS.globalAdministrator),
        ),
    );
    if (!customer) throw new Error('The sample has no customer with a Global Administrator relationship');
    grantGlobalAdminThroughGdap(customer.id, userId(ADMIN));
    const localGroup = {
      id: crypto.randomUUID(),
      tenantId: customer.id,
      displayName: 'Azure Operators',
      description: '',
      members: [],
    };
    sandbox.state.data.groups.push(localGroup);

    const app = await appAs(ADMIN);
    const panel = await app.service.panel(customer.id as TenantId, true);
    expect(panel).toMatchObject({
      home: false,
      tenantName: customer.displayName,
      globalAdministrator: true,
      holders: [],
    });
    const found = await app.service.principals(customer.id as TenantId, '  azure OPER ');
    expect(found).toEqual([
      expect.objectContaining({ id: localGroup.id, kind: 'group', displayName: 'Azure Operators' }),
    ]);
    const applied = await app.service.apply(
      change({ tenantId: customer.id, restrict: true, add: [found[0]], remove: [] }),
    );
    expect(applied.outcome).toBe('succeeded');
    expect(restricted(customer.id)).toBe(true);
    expect(copilotHolders(customer.id)).toEqual([localGroup.id]);
    expect(
      sandbox.state.data.armRoleAssignments.filter((a) => a.tenantId === customer.id && a.scope === '/'),
    ).toEqual([]);

    // The analyst reaches customers as Security Reader only: refused, and ARM never hears of it.
    const analyst = await appAs(ANALYST);
    const reachable = sandbox.state.data.tenants.find(
      (t) => t.kind === 'customer' && sandbox.state.gdapRoleIds(userId(ANALYST), t.id).length > 0,
    );
    if (!reachable) throw new Error('no customer the analyst reaches');
    const readOnly = await analyst.service.panel(reachable.id as TenantId, false);
    expect(readOnly.globalAdministrator).toBe(false);
    const assignmentsBefore = sandbox.state.data.armRoleAssignments.length;
    const requestsBefore = sandbox.faults.counts.requests;
    for (const input of [
      { tenantId: reachable.id, restrict: true, add: [], remove: [] },
      { tenantId: reachable.id.toUpperCase(), restrict: false, add: [], remove: [] },
    ]) {
      await expect(analyst.service.apply(change(input))).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringContaining('is not Global Administrator in'),
      });
      await expect(analyst.service.plan(change(input))).rejects.toMatchObject({ code: 'refused' });
    }
    expect(sandbox.faults.counts.requests).toBe(requestsBefore);
    expect(sandbox.state.data.armRoleAssignments.length).toBe(assignmentsBefore);
    expect(analyst.audit.read().entries).toEqual([]);
  });
});

describe('Copilot in Azure across customers', () => {
  it('plans and applies "restrict and grant a group" per tenant, with a result for each', async () => {
    const gaCustomers = sandbox.state.data.tenants.filter(
      (t) =>
        t.kind === 'customer' &&
        sandbox.state.data.relationships.some(
          (r) =>
            r.customer?.tenantId === t.id &&
            r.status === 'active' &&
            r.accessDetails.unifiedRoles.some((x) => x.roleDefinitionId === ROLE_IDS.globalAdministrator),
        ),
    );
    expect(gaCustomers.length).toBeGreaterThanOrEqual(1);
    const [withGroup] = gaCustomers;
    if (!withGroup) throw new Error('unreachable');
    // Back to Microsoft's default there (an earlier test may have changed it).
    sandbox.state.data.copilotSettings = sandbox.state.data.copilotSettings.filter(
      (x) => x.tenantId !== withGroup.id,
    );
    sandbox.state.data.armRoleAssignments = sandbox.state.data.armRoleAssignments.filter(
      (a) => a.tenantId !== withGroup.id,
    );
    grantGlobalAdminThroughGdap(withGroup.id, userId(ADMIN));
    const operators = {
      id: crypto.randomUUID(),
      tenantId: withGroup.id,
      displayName: 'Copilot Pilots',
      description: '',
      members: [],
    };
    sandbox.state.data.groups.push(operators);
    // One customer reached only as Security Reader, one not reached at all.
    const readerOnly = sandbox.state.data.tenants.find(
      (t) =>
        t.kind === 'customer' &&
        t.id !== withGroup.id &&
        !sandbox.state.gdapRoleIds(userId(ADMIN), t.id).includes(ROLE_IDS.globalAdministrator),
    );
    if (!readerOnly) throw new Error('no customer without Global Administrator');
    const { AzureAccessBulk } = await import('../../main/core/azure-access/azure-access-bulk');
    const app = await appAs(ADMIN);
    const progress: number[] = [];
    const bulk = new AzureAccessBulk(
      app.service,
      (id) => id,
      (done) => progress.push(done),
    );
    const request = { tenantIds: [withGroup.id, readerOnly.id] as TenantId[], groupName: ' copilot pilots ' };

    const plan = await bulk.plan(request);
    expect(plan[0]).toMatchObject({ tenantId: withGroup.id, skipped: null });
    expect(plan[0]?.changes).toEqual([
      'Elevate access for the change.',
      'Restrict Copilot in Azure to holders of the Azure Copilot User role.',
      'Grant the group "Copilot Pilots" the Azure Copilot User role.',
      '(Who holds the role could not be read without elevation; an existing grant is kept as is.)',
      'Remove the elevated access again.',
    ]);
    expect(plan[1]?.skipped).toBeTruthy();
    expect(sandbox.state.data.armRoleAssignments.filter((a) => a.tenantId === withGroup.id)).toEqual([]);

    const running = bulk.apply(request);
    // One change at a time: a single change while the bulk one runs is refused, nothing sent.
    await expect(
      app.service.apply(change({ tenantId: null, restrict: false, add: [], remove: [] })),
    ).rejects.toMatchObject({ code: 'conflict' });
    const results = await running;
    expect(results.map((r) => [r.tenantId, r.outcome])).toEqual([
      [withGroup.id, 'succeeded'],
      [readerOnly.id, 'skipped'],
    ]);
    expect(progress).toEqual([1, 2]);
    expect(restricted(withGroup.id)).toBe(true);
    expect(copilotHolders(withGroup.id)).toEqual([operators.id]);
    expect(sandbox.state.data.armRoleAssignments.filter((a) => a.scope === '/')).toEqual([]);
    expect(restricted(readerOnly.id)).toBeUndefined();
  });
});

describe('Copilot in Azure access through the contract', () => {
  it('validates input, answers the panel, and at start removes an elevation a crashed run left', async () => {
    const { createCore } = await import('../../main/core/compose');
    const { confBackends } = await import('../../main/core/platform/persistence/conf-backend');
    const dataDir = fs.mkdtempSync(path.join(dir, 'core-'));
    const startCore = () =>
      createCore({
        host: 'web',
        version: '0.0.0-test',
        dataDir,
        backends: confBackends(dataDir),
        opener: { open: async () => ({ handled: false }) },
        sandbox: connector(),
        openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, ADMIN), true),
        log: { error: () => undefined },
      });
    const core = startCore();
    expect(await core.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
    for (const input of [
      { tenantId: null, restrict: null, add: [], remove: [] },
      { tenantId: 'not a tenant', restrict: true, add: [], remove: [] },
      { tenantId: null, restrict: true, add: [{ id: '42', kind: 'user', displayName: 'x' }], remove: [] },
    ]) {
      const answer = await core.invoke('azureAccess.plan', input);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const nothing = await core.invoke('azureAccess.plan', {
      tenantId: null,
      restrict: null,
      add: [],
      remove: [],
    });
    expect(nothing.ok ? '' : nothing.error.message + JSON.stringify(nothing.error.issues ?? [])).toContain(
      'Nothing to change',
    );
    const panel = await core.invoke('azureAccess.panel', { tenantId: null, elevate: false });
    expect(panel).toMatchObject({ ok: true, value: { home: true, globalAdministrator: true } });

    // A run that "crashed" after elevating: its marker and its elevation are there at the next start.
    const service = await appAs(ADMIN, dataDir);
    sandbox.faults.set([
      {
        match: '/arm/providers/Microsoft.PortalServices/copilotSettings/*',
        kind: 'latency',
        latencyMs: 5_000,
        method: 'PUT',
      },
    ]);
    const lost = service.service.apply(change({ tenantId: null, restrict: true, add: [], remove: [] }));
    await until(() => elevations(partner(), userId(ADMIN)).length > 0);
    await core.close();
    const notices: unknown[] = [];
    const restarted = startCore();
    restarted.onEvent((name, payload) => {
      if (name === 'app.notice') notices.push(payload);
    });
    // Tokens were kept in memory only: at start the account is not signed in, so the notice says how.
    await until(() => notices.length > 0);
    expect(notices).toEqual([
      expect.objectContaining({ level: 'error', title: 'Elevated access left in your own tenant' }),
    ]);
    expect(JSON.stringify(notices[0])).toContain('Access management for Azure resources');
    expect(elevations(partner(), userId(ADMIN))).toHaveLength(1);
    // Once signed in, the next Copilot in Azure command removes it first.
    expect(await restarted.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
    expect(await restarted.invoke('azureAccess.panel', { tenantId: null, elevate: false })).toMatchObject({
      ok: true,
      value: { elevated: false },
    });
    expect(notices[1]).toMatchObject({ level: 'info', title: 'Elevated access removed in your own tenant' });
    expect(elevations(partner(), userId(ADMIN))).toEqual([]);
    sandbox.faults.set([]);
    service.service.cancel();
    await lost;
    await restarted.close();
  });
});

describe('the Direct Line network check', () => {
  it('opens a websocket to the cloud profile’s Direct Line host (the sandbox’s stand-in), and says when it cannot', async () => {
    const { checkDirectLine } = await import('../../main/core/azure-access/network-check');
    const profile = sandboxCloud(sandbox.baseUrl);
    expect(await checkDirectLine({ profile, caPem: sandbox.caPem })).toEqual({
      host: 'directline.botframework.com',
      outcome: 'works',
      message:
        'A websocket to directline.botframework.com opened from this machine: Copilot in Azure can reach Direct Line here.',
    });
    // Nothing listening there: blocked, and what to ask the network administrator.
    const closed = sandboxCloud('https://127.0.0.1:9');
    const blocked = await checkDirectLine({ profile: closed, caPem: sandbox.caPem });
    expect(blocked.outcome).toBe('blocked');
    expect(blocked.message).toContain('allow websocket connections to https://directline.botframework.com');
    // A cloud that names no Direct Line host: nothing is tried.
    const { US_GOVERNMENT_CLOUD } = await import('../../shared/platform/cloud-profile');
    expect(await checkDirectLine({ profile: US_GOVERNMENT_CLOUD, caPem: undefined })).toMatchObject({
      host: null,
      outcome: 'notOffered',
    });
  });
});

function grantGlobalAdminThroughGdap(customerTenantId: string, partnerUserId: string): void {
  const relationship = sandbox.state.data.relationships.find(
    (r) =>
      r.customer?.tenantId === customerTenantId &&
      r.status === 'active' &&
      r.accessDetails.unifiedRoles.some((x) => x.roleDefinitionId === ROLE_IDS.globalAdministrator),
  );
  if (!relationship) throw new Error('no relationship with Global Administrator');
  const groupId = crypto.randomUUID();
  sandbox.state.data.groups.push({
    id: groupId,
    tenantId: partner(),
    displayName: 'Tenant Admins - Global Administrator',
    description: 'GDAP: Global Administrator in customer tenants',
    members: [partnerUserId],
  });
  sandbox.state.data.accessAssignments.push({
    id: crypto.randomUUID(),
    relationshipId: relationship.id,
    accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLE_IDS.globalAdministrator }] },
    status: 'active',
    createdDateTime: new Date().toISOString(),
    lastModifiedDateTime: new Date().toISOString(),
    version: 1,
    settlesAt: null,
  });
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('Timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
