import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetch as undiciFetch } from 'undici';
import { createCore, type SwitchboardCore } from '../../main/core/compose';
import type { SandboxConnector } from '../../main/core/platform/cloud/cloud-service';
import { dispatcherTrusting } from '../../main/core/platform/cloud/transport';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/server';
import { sampleKind } from '../../main/sandbox/state/sample';
import type { CommandName } from '../../shared/contract/contract';
import type { ListedCustomer } from '../../shared/customers/customer-directory';
import { describeReach } from '../../shared/customers/reach-words';
import { ROLE_IDS } from '../../shared/gdap/roles';
import type { InviteResult } from '../../shared/guests/guests';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { readForm, signInThroughPages } from '../sandbox/helpers/sandbox';

// How the signed-in analyst reaches each customer, as facts, through the core, msal-node and the
// Graph SDK against the sandbox: the sync reads the analyst's groups (nested included), the guest
// accounts read fill in the guest side, and the list says GDAP, guest, both, none, or "accept the
// invitation first" per analyst: Pat (the partner admin) and then Ada (an analyst) on one Switchboard.
let dir: string;
let sandbox: RunningSandbox;
let core: SwitchboardCore;
const ADMIN = 'pat.admin@contosomssp.onmicrosoft.com';
const ANALYST = 'ada.analyst@contosomssp.onmicrosoft.com';
const DAY = 86_400_000;
let signInAs = ADMIN;
let changes = 0;
const tenantOf: Partial<Record<'active' | 'both' | 'expired' | 'inviting' | 'guestOnly', string>> = {};

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

async function listed(key: keyof typeof tenantOf): Promise<ListedCustomer> {
  const list = await ok<ListedCustomer[]>('customers.list', {});
  const found = list.find((c) => c.tenantId === tenantOf[key]);
  if (!found) throw new Error(`${key} is not listed`);
  return found;
}

/** Gives AdminAgents Guest Inviter, User Administrator and Privileged Role Administrator in a draft's customer. */
function letThePartnerAdminInvite(tenantId: string): void {
  const data = sandbox.state.data;
  const relationship = data.relationships.find(
    (r) => r.customer?.tenantId === tenantId && r.status === 'created',
  );
  const adminAgents = data.groups.find((g) => g.displayName === 'AdminAgents');
  if (!relationship || !adminAgents) throw new Error('The sample changed');
  const now = sandbox.clock.nowMs();
  const roles = [ROLE_IDS.guestInviter, ROLE_IDS.userAdministrator, ROLE_IDS.privilegedRoleAdministrator].map(
    (roleDefinitionId) => ({ roleDefinitionId }),
  );
  Object.assign(relationship, {
    status: 'active',
    accessDetails: { unifiedRoles: roles },
    activatedDateTime: new Date(now - DAY).toISOString(),
    endDateTime: new Date(now + 700 * DAY).toISOString(),
    approvedDateTime: new Date(now - 2 * DAY).toISOString(),
    lockedDateTime: new Date(now - 3 * DAY).toISOString(),
  });
  data.accessAssignments.push({
    id: crypto.randomUUID(),
    relationshipId: relationship.id,
    accessContainer: { accessContainerId: adminAgents.id, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: roles },
    status: 'active',
    createdDateTime: new Date(now - DAY).toISOString(),
    lastModifiedDateTime: new Date(now - DAY).toISOString(),
    version: 1,
    settlesAt: null,
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-paths-'));
  sandbox = await startSandbox({ dataDir: path.join(dir, 'sandbox'), customers: 20, seed: 21 });
  const customers = sandbox.state.data.tenants.filter((t) => t.kind === 'customer');
  const first = (kind: string) => customers.find((_, i) => sampleKind(i) === kind)?.id ?? '';
  tenantOf.active = first('active');
  tenantOf.both = first('both');
  tenantOf.expired = first('expired');
  tenantOf.inviting = first('created');
  tenantOf.guestOnly = first('guestOnly');
  letThePartnerAdminInvite(tenantOf.inviting);
  core = createCore({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async () => ({ handled: false }) },
    sandbox: connector(),
    openSignInPage: async (url) => (void signInThroughPages(sandbox.caPem, url, signInAs), true),
    log: { error: () => undefined },
  });
  core.onEvent((name) => {
    if (name === 'customers.changed') changes++;
  });
  expect(await core.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
  await ok('directory.sync', {});
}, 60_000);

afterAll(async () => {
  await core.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('how the signed-in analyst reaches each customer', () => {
  it('the sync keeps who it was read as and their groups, and the list says the partner admin’s paths', async () => {
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'directory.json'), 'utf8'));
    const pat = sandbox.state.data.users.find((u) => u.userPrincipalName === ADMIN);
    const adminAgents = sandbox.state.data.groups.find((g) => g.displayName === 'AdminAgents');
    expect(saved.snapshot.reader.userId).toBe(pat?.id);
    expect(saved.snapshot.reader.groupIds).toContain(adminAgents?.id);

    const inviting = await listed('inviting');
    expect(describeReach(inviting).kind).toBe('gdap');
    expect(inviting.reach?.gdap).toEqual([
      'AdminAgents → Guest Inviter, User Administrator, Privileged Role Administrator',
    ]);
    // The SOC groups hold the roles in the other customers; Pat is in neither.
    expect(describeReach(await listed('active')).kind).toBe('none');
  });

  it('after an invitation, the invited analyst signs in and syncs: GDAP, both, none, and "accept first" with the link', async () => {
    const invited = await ok<InviteResult>('guests.invite', {
      tenantId: tenantOf.inviting,
      email: ANALYST,
      role: 'securityReader',
      grant: { kind: 'permanent' },
    });
    expect(invited.redeemUrl).toMatch(/\/redeem\/\?tenant=/);

    signInAs = ANALYST;
    expect(await core.invoke('auth.signIn', { method: 'browser' })).toMatchObject({ ok: true });
    await ok('directory.sync', {});

    const active = await listed('active');
    expect(active.reach).toMatchObject({
      path: 'gdap',
      gdap: ['SOC Analysts - Security Reader → Security Reader'],
    });
    expect(describeReach(await listed('expired')).kind).toBe('none');
    // Ada's guest account in "both" is not read yet: GDAP, and the guest side said to be unread.
    expect(describeReach(await listed('both')).sentence).toMatch(/guest accounts were not read yet/);
    // Pat read Coho's guests when he invited Ada: she has no GDAP path there, only the invitation.
    const inviting = await listed('inviting');
    expect(describeReach(inviting)).toMatchObject({ kind: 'pending', label: 'accept invite first' });
    expect(inviting.reach?.guest?.redeemUrl).toBe(invited.redeemUrl);

    // A desktop shortcut (a switchboard:// link) opens it anyway, and the window says to accept first,
    // with the link; a customer reached through GDAP opens with no such notice.
    const notices: Array<{ id: string; title: string; message: string }> = [];
    const off = core.onEvent((name, payload) => {
      if (name === 'app.notice') notices.push(payload as (typeof notices)[number]);
    });
    try {
      const opened = await ok<{ result: { url: string; acceptFirst?: { title: string } } }>('deepLink.open', {
        url: `switchboard://launch/${tenantOf.inviting}?target=securityCopilot`,
      });
      expect(opened.result.url).toContain(tenantOf.inviting);
      expect(opened.result.acceptFirst?.title).toBe(
        `Accept your invitation to ${inviting.displayName} first`,
      );
      expect(notices).toEqual([
        expect.objectContaining({
          id: 'accept-first',
          title: `Accept your invitation to ${inviting.displayName} first`,
          message: expect.stringContaining(invited.redeemUrl ?? 'no link'),
        }),
      ]);
      const viaGdap = await ok<{ result: { acceptFirst?: unknown } }>('deepLink.open', {
        url: `switchboard://launch/${tenantOf.active}?target=securityCopilot`,
      });
      expect(viaGdap.result.acceptFirst).toBeUndefined();
      expect(notices).toHaveLength(1);
    } finally {
      off();
    }
    // The launches changed the recent list; let its announcements settle before the next test counts them.
    await new Promise((resolve) => setTimeout(resolve, 700));
  });

  it('reading a customer’s guest accounts updates the list once, and an accepted invitation becomes "as guest"', async () => {
    const before = changes;
    await ok('guests.list', { tenantId: tenantOf.both });
    await expect.poll(() => changes, { timeout: 5_000 }).toBeGreaterThan(before);
    const both = await listed('both');
    expect(describeReach(both)).toMatchObject({
      kind: 'both',
      detail: 'SOC Analysts - Security Reader → Security Reader; guest: Security Reader',
    });
    // A read that changes nothing sends nothing.
    const settled = changes;
    await ok('guests.list', { tenantId: tenantOf.both });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(changes).toBe(settled);

    // Ada accepts on the redeem page; her own guest account then lets her read the guests there.
    const link = (await listed('inviting')).reach?.guest?.redeemUrl ?? '';
    const dispatcher = dispatcherTrusting(sandbox.caPem);
    const form = readForm(await (await undiciFetch(link, { dispatcher })).text());
    await undiciFetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
      dispatcher,
    });
    await ok('guests.list', { tenantId: tenantOf.inviting });
    expect(describeReach(await listed('inviting'))).toMatchObject({
      kind: 'b2b',
      label: 'as guest',
      detail: 'Guest: Security Reader',
    });
  });
});
