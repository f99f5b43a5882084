import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccountInfo } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import { sampleKind } from '../../main/sandbox/state/sample';
import type { AuditEntryView } from '../../shared/audit/audit';
import type { CommandError, CommandName } from '../../shared/contract/contract';
import { ROLE_IDS } from '../../shared/gdap/roles';
import type { AccessMatrix } from '../../shared/guests/access-matrix';
import type { GuestChange, MatrixExport } from '../../shared/guests/guests-contract';
import type { CustomerGuests, InviteResult, OnboardPlan, OnboardResults } from '../../shared/guests/guests';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { publicClient, readForm, signInThroughPages } from '../sandbox/helpers/sandbox';
import { dispatcherTrusting } from '../../main/core/platform/cloud/transport';
import { fetch as undiciFetch } from 'undici';

// B2B guests end to end through the app's core, msal-node and the Graph SDK against the sandbox: the
// partner admin (whose GDAP path in one customer carries Guest Inviter, User Administrator and
// Privileged Role Administrator) invites an analyst, grants Security Reader until a date, the analyst
// redeems, the analyst's own token there carries the role, the matrix shows it; refusals where the
// partner lacks the roles, for bad addresses and for the partner's own tenant.
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';
const ANALYST = 'ada.analyst@contosomssp.onmicrosoft.com';
const DAY = 86_400_000;
let inviting: string; // a customer where the partner may invite and assign
let readerOnly: string; // a customer where the partner holds Security Reader only

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

const customers = () => sandbox.state.data.tenants.filter((t) => t.kind === 'customer');
const guestsNamed = (tenantId: string, mail: string) =>
  sandbox.state.data.users.filter(
    (u) => u.tenantId === tenantId && u.userType === 'Guest' && u.mail?.toLowerCase() === mail.toLowerCase(),
  );

/** Gives the partner's AdminAgents group `roles` in the customer through an active relationship. */
function grantPartnerAdmin(tenantId: string, roles: string[], activate: boolean): void {
  const data = sandbox.state.data;
  const relationship = data.relationships.find(
    (r) => r.customer?.tenantId === tenantId && (activate ? r.status === 'created' : r.status === 'active'),
  );
  if (!relationship) throw new Error(`No relationship to use in ${tenantId}`);
  const now = sandbox.clock.nowMs();
  if (activate) {
    Object.assign(relationship, {
      status: 'active',
      activatedDateTime: new Date(now - DAY).toISOString(),
      endDateTime: new Date(now + 700 * DAY).toISOString(),
      approvedDateTime: new Date(now - 2 * DAY).toISOString(),
      lockedDateTime: new Date(now - 3 * DAY).toISOString(),
      accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
    });
  }
  const adminAgents = data.groups.find(
    (g) => g.displayName === 'AdminAgents' && g.tenantId === data.partnerTenantId,
  );
  data.accessAssignments.push({
    id: crypto.randomUUID(),
    relationshipId: relationship.id,
    accessContainer: { accessContainerId: adminAgents?.id ?? '', accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
    status: 'active',
    createdDateTime: new Date(now - DAY).toISOString(),
    lastModifiedDateTime: new Date(now - DAY).toISOString(),
    version: 1,
    settlesAt: null,
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-guests-'));
  sandbox = await startSandbox({ dataDir: path.join(dir, 'sandbox'), customers: 20, seed: 15 });
  inviting = customers().find((_, i) => sampleKind(i) === 'created')?.id ?? '';
  readerOnly = customers().find((_, i) => sampleKind(i) === 'active')?.id ?? '';
  grantPartnerAdmin(
    inviting,
    [ROLE_IDS.guestInviter, ROLE_IDS.userAdministrator, ROLE_IDS.privilegedRoleAdministrator],
    true,
  );
  grantPartnerAdmin(readerOnly, [ROLE_IDS.securityReader], false);
  core = createCore({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: false }) },
    sandbox: connector(),
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, ADMIN), true),
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

async function redeem(url: string): Promise<string> {
  const dispatcher = dispatcherTrusting(sandbox.caPem);
  const form = readForm(await (await undiciFetch(url, { dispatcher })).text());
  const accepted = await undiciFetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form.fields).toString(),
    dispatcher,
  });
  return accepted.text();
}

const wids = (token: string): string[] =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).wids;

describe('B2B guests through the core', () => {
  let guestId = '';

  it('lists what the partner may do: invite and assign where GDAP grants the roles, not where it grants Security Reader only', async () => {
    const there = await ok<CustomerGuests>('guests.list', { tenantId: inviting });
    expect(there.permissions).toEqual({ invite: true, assignRoles: true, removeGuests: true });
    expect(there.guests).toEqual([]);
    expect(there.redirectUrl).toContain(`tenantId=${inviting}`);
    const reader = await ok<CustomerGuests>('guests.list', { tenantId: readerOnly });
    expect(reader.permissions).toEqual({ invite: false, assignRoles: false, removeGuests: false });
  });

  it('invites the analyst with Security Reader active for 30 days: link to copy, role on the sandbox clock, audit before and after', async () => {
    const end = new Date(sandbox.clock.nowMs() + 30 * DAY).toISOString();
    const result = await ok<InviteResult>('guests.invite', {
      tenantId: inviting,
      email: ` ${ANALYST.toUpperCase()} `,
      displayName: 'Ada Analyst (Contoso MSSP)',
      role: 'securityReader',
      grant: { kind: 'active', endDateTime: end },
    });
    expect(result.redeemUrl).toMatch(/\/redeem\/\?tenant=/);
    expect(result.guest.state).toBe('pendingAcceptance');
    expect(result.guest.roles).toEqual([{ role: 'securityReader', kind: 'active', endDateTime: end }]);
    expect(result.summary).toMatch(/Invited/);
    guestId = result.guest.id;
    const invitation = sandbox.state.data.invitations.at(-1);
    // The guest lands on the customer's tenant-explicit Security Copilot URL after redeeming.
    expect(invitation?.inviteRedirectUrl).toMatch(new RegExp(`/\\?tenantId=${inviting}$`));
    const audit = await ok<{ entries: AuditEntryView[] }>('audit.list', { tenantId: inviting });
    const actions = audit.entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['guest.invite', 'guest.role.assign']));
    const assign = audit.entries.find((e) => e.action === 'guest.role.assign');
    expect(assign?.outcome).toBe('succeeded');
    expect(assign?.body).toMatchObject({ before: null, after: { role: 'securityReader', endDateTime: end } });
  });

  it('finds the guest again instead of inviting twice, whatever case the address is typed in', async () => {
    const again = await ok<InviteResult>('guests.invite', { tenantId: inviting, email: ANALYST });
    expect(again.guest.id).toBe(guestId);
    expect(guestsNamed(inviting, ANALYST)).toHaveLength(1);
    // Not accepted yet: a fresh link to accept, for the same guest account.
    expect(again.redeemUrl).toMatch(/\/redeem\/\?tenant=/);
    expect(again.summary).toMatch(/fresh link to accept \(the same guest account\)/);
  });

  it('follows redemption to accepted; the analyst’s own token there then carries Security Reader', async () => {
    const pending = await ok<CustomerGuests>('guests.list', { tenantId: inviting });
    expect(pending.guests.find((g) => g.id === guestId)?.state).toBe('pendingAcceptance');
    const link =
      sandbox.state.data.invitations.filter((i) => i.invitedUserId === guestId).at(-1)?.inviteRedeemUrl ?? '';
    expect(await redeem(link)).toContain('Invitation accepted');
    const accepted = await ok<CustomerGuests>('guests.list', { tenantId: inviting });
    expect(accepted.guests.find((g) => g.id === guestId)?.state).toBe('accepted');

    const pca = publicClient(sandbox);
    const ada = await pca.acquireTokenInteractive({
      scopes: ['https://graph.microsoft.com/.default'],
      openBrowser: (url) => signInThroughPages(sandbox.caPem, url, ANALYST),
    });
    const there = await pca.acquireTokenSilent({
      account: ada.account as AccountInfo,
      scopes: ['https://graph.microsoft.com/.default'],
      authority: `${sandbox.baseUrl}/${inviting}`,
    });
    expect(wids(there.accessToken)).toEqual([ROLE_IDS.securityReader]);
  });

  it('extends the role instead of assigning a second one, and an eligible Security Operator sits beside it', async () => {
    const later = new Date(sandbox.clock.nowMs() + 90 * DAY).toISOString();
    const extended = await ok<GuestChange>('guests.assignRole', {
      tenantId: inviting,
      guestId,
      role: 'securityReader',
      grant: { kind: 'active', endDateTime: later },
    });
    expect(extended.summary).toMatch(/changed, not duplicated/);
    const readerSchedules = sandbox.state.data.roleAssignments.filter(
      (r) => r.principalId === guestId && r.roleDefinitionId === ROLE_IDS.securityReader,
    );
    expect(readerSchedules).toHaveLength(1);
    expect(readerSchedules[0]?.endDateTime).toBe(later);
    const eligible = await ok<GuestChange>('guests.assignRole', {
      tenantId: inviting,
      guestId,
      role: 'securityOperator',
      grant: { kind: 'eligible', endDateTime: later },
    });
    expect(eligible.guests.guests.find((g) => g.id === guestId)?.roles).toEqual(
      expect.arrayContaining([
        { role: 'securityReader', kind: 'active', endDateTime: later },
        { role: 'securityOperator', kind: 'eligible', endDateTime: later },
      ]),
    );
  });

  it('the access matrix shows the analyst as a guest there, through GDAP elsewhere, and exports it as CSV', async () => {
    const m = await ok<AccessMatrix>('guests.matrix', { refresh: true });
    const ai = m.analysts.findIndex((a) => a.userPrincipalName === ANALYST);
    const ci = m.customers.findIndex((c) => c.tenantId === inviting);
    expect(m.cells[ci]?.[ai]).toMatchObject({ path: 'b2b', guest: { state: 'accepted' } });
    expect(m.cells[ci]?.[ai]?.plugins).toContain('sentinel');
    const gdapCustomer = customers().find((_, i) => sampleKind(i) === 'readerOnly')?.id;
    const gi = m.customers.findIndex((c) => c.tenantId === gdapCustomer);
    expect(m.cells[gi]?.[ai]).toMatchObject({ path: 'gdap' });
    expect(m.cells[gi]?.[ai]?.plugins).not.toContain('sentinel');
    const csv = await ok<MatrixExport>('guests.exportMatrix', { analystIds: [m.analysts[ai]?.id] });
    const line = csv.content.split('\r\n').find((l) => l.includes(inviting));
    expect(line).toContain('B2B guest');
    expect(line).toContain('Security Reader, active until');
  });

  it('removes a role, then the guest account, each in the audit trail', async () => {
    const noOperator = await ok<GuestChange>('guests.removeRole', {
      tenantId: inviting,
      guestId,
      role: 'securityOperator',
      kind: 'eligible',
    });
    expect(noOperator.guests.guests.find((g) => g.id === guestId)?.roles.map((r) => r.role)).toEqual([
      'securityReader',
    ]);
    const gone = await ok<GuestChange>('guests.remove', { tenantId: inviting, guestId });
    expect(gone.guests.guests).toEqual([]);
    expect(guestsNamed(inviting, ANALYST)).toHaveLength(0);
    const audit = await ok<{ entries: AuditEntryView[] }>('audit.list', {
      tenantId: inviting,
      action: 'guest.remove',
    });
    expect(audit.entries[0]).toMatchObject({ outcome: 'succeeded', status: 204 });
    expect(audit.entries[0]?.body).toMatchObject({ before: { id: guestId }, after: null });
  });
});

describe('onboarding, the offboarding plan in reverse', () => {
  it('plans an invitation with the role where the partner may, the kit where it may not; applies, with the link to accept', async () => {
    const rory = sandbox.state.data.users.find((u) => u.userPrincipalName.startsWith('rory.responder@'));
    const end = new Date(sandbox.clock.nowMs() + 14 * DAY).toISOString();
    const plan = await ok<OnboardPlan>('guests.onboardPlan', {
      partnerUserId: rory?.id,
      tenantIds: [inviting, readerOnly],
      role: 'securityOperator',
      grant: { kind: 'active', endDateTime: end },
    });
    const byTenant = new Map(plan.items.map((i) => [i.tenantId, i]));
    expect(byTenant.get(inviting)).toMatchObject({ action: 'invite', possible: true });
    expect(byTenant.get(readerOnly)).toMatchObject({ action: 'invite', possible: false });
    expect(byTenant.get(readerOnly)?.reason).toMatch(/kit/);
    expect(guestsNamed(inviting, rory?.userPrincipalName ?? '')).toHaveLength(0);

    const applied = await ok<OnboardResults>('guests.onboardApply', { partnerUserId: rory?.id });
    expect(applied.groups).toEqual([]); // no partner group picked: none added
    const results = applied.customers;
    const there = results.find((r) => r.tenantId === inviting);
    expect(there).toMatchObject({ outcome: 'succeeded' });
    expect(there?.redeemUrl).toMatch(/\/redeem\/\?tenant=/);
    expect(results.find((r) => r.tenantId === readerOnly)?.outcome).toBe('skipped');
    const guest = guestsNamed(inviting, rory?.userPrincipalName ?? '');
    expect(guest).toHaveLength(1);
    const roles = sandbox.state.data.roleAssignments.filter((r) => r.principalId === guest[0]?.id);
    expect(roles.map((r) => [r.roleDefinitionId, r.endDateTime])).toEqual([[ROLE_IDS.securityOperator, end]]);

    // Planned again: nothing left to do there.
    const again = await ok<OnboardPlan>('guests.onboardPlan', {
      partnerUserId: rory?.id,
      tenantIds: [inviting],
      role: 'securityOperator',
      grant: { kind: 'active', endDateTime: end },
    });
    expect(again.items[0]).toMatchObject({ action: 'none' });
  });
});

describe('refused, with nothing sent', () => {
  it('where the partner lacks Guest Inviter or User Administrator', async () => {
    const before = sandbox.state.data.invitations.length;
    const error = await refused('guests.invite', { tenantId: readerOnly, email: ANALYST });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/Guest Inviter/);
    expect(error.message).toMatch(/kit/);
    expect(sandbox.state.data.invitations.length).toBe(before);
  });

  it('an address Entra would not take, as a hurried person types it', async () => {
    const before = sandbox.state.data.invitations.length;
    for (const [email, says] of [
      ['Ada Analyst <ada.analyst@contosomssp.onmicrosoft.com>', /without a name/],
      ['ada.analyst@contosomssp.onmicrosoft.com, rory@contoso.com', /one address/],
      ['ada.analyst@contosomssp.onmicrosoft.com;', /one address/],
      ['ada\u202e.analyst@contoso.com', /direction/],
      ['ada\u0000@contoso.com', /control/],
      ['ada.analyst@contoso', /not a domain/],
      ['.ada@contoso.com', /start or end/],
      [`${'a'.repeat(65)}@contoso.com`, /at most 64/],
      ['', /Enter/],
    ] as const) {
      const error = await refused('guests.invite', { tenantId: inviting, email });
      expect(error.code, email).toBe('invalid_input');
      expect(error.issues?.[0]?.message ?? error.message, email).toMatch(says);
    }
    expect(sandbox.state.data.invitations.length).toBe(before);
  });

  it('the partner’s own tenant as the guest target', async () => {
    const error = await refused('guests.invite', { tenantId: sandbox.partnerTenantId, email: ANALYST });
    expect(error.message).toMatch(/your own partner tenant/);
  });

  it('an end date that has passed', async () => {
    const error = await refused('guests.invite', {
      tenantId: inviting,
      email: 'rory.responder@contosomssp.onmicrosoft.com',
      role: 'securityOperator',
      grant: { kind: 'active', endDateTime: new Date(Date.now() - DAY).toISOString() },
    });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/passed/);
  });
});
