/**
 * The sandbox's B2B rules through the real SDKs: who may invite follows the customer's
 * authorizationPolicy.allowInvitesFrom (members by default; partner users through GDAP only with an
 * inviting role), and PIM refuses a second adminAssign of the same role (400 RoleAssignmentExists),
 * extending or renewing the one schedule instead.
 */
import type { AccountInfo } from '@azure/msal-node';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleKind } from '../../main/sandbox/state/sample';
import type { AllowInvitesFrom, User } from '../../main/sandbox/state/model';
import { ROLE_IDS } from '../../shared/gdap/roles';
import {
  graphClientWithToken,
  publicClient,
  scriptedBrowser,
  startTestSandbox,
  type TestSandbox,
} from './helpers/sandbox';

const GRAPH = ['https://graph.microsoft.com/.default'];
const DAY = 86_400_000;
let sandbox: TestSandbox;
let customer: string;
let domain: string;
let admin: Client;

async function signIn(upn: string, tenant: string): Promise<Client> {
  const pca = publicClient(sandbox, tenant);
  const result = await pca.acquireTokenInteractive({
    scopes: GRAPH,
    openBrowser: scriptedBrowser(sandbox, upn).openBrowser,
  });
  void (result.account as AccountInfo);
  return graphClientWithToken(sandbox, result.accessToken);
}

async function failure(call: Promise<unknown>): Promise<GraphError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('The call succeeded');
}

function customerOfKind(kind: ReturnType<typeof sampleKind>): string {
  return (
    sandbox.state.data.tenants.filter((t) => t.kind === 'customer').find((_, i) => sampleKind(i) === kind)
      ?.id ?? ''
  );
}

function addUser(tenantId: string, local: string, extra: Partial<User> = {}): User {
  const d = sandbox.state.tenant(tenantId)?.defaultDomain ?? '';
  const user: User = {
    id: crypto.randomUUID(),
    tenantId,
    userPrincipalName: `${local}@${d}`,
    displayName: local,
    mail: `${local}@${d}`,
    userType: 'Member',
    externalUserState: null,
    creationType: null,
    homeUserId: null,
    description: 'test user',
    createdDateTime: sandbox.clock.now().toISOString(),
    ...extra,
  };
  sandbox.state.data.users.push(user);
  return user;
}

function setPolicy(tenantId: string, allowInvitesFrom: AllowInvitesFrom | undefined): void {
  const rest = (sandbox.state.data.authorizationPolicies ?? []).filter((p) => p.tenantId !== tenantId);
  sandbox.state.data.authorizationPolicies =
    allowInvitesFrom === undefined ? rest : [...rest, { tenantId, allowInvitesFrom }];
}

const invite = (client: Client, email: string) =>
  client.api('/invitations').post({
    invitedUserEmailAddress: email,
    inviteRedirectUrl: `https://securitycopilot.microsoft.com/?tenantId=${customer}`,
  }) as Promise<{ status: string; invitedUser: { id: string } }>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 12 });
  customer = customerOfKind('created');
  domain = sandbox.state.tenant(customer)?.defaultDomain ?? '';
  admin = await signIn(`admin@${domain}`, customer);
});
afterAll(() => sandbox.dispose());

describe('who may invite guests (authorizationPolicy.allowInvitesFrom)', () => {
  it('reads the policy: everyone by default, the tenant’s own setting otherwise', async () => {
    const read = async () =>
      ((await admin.api('/policies/authorizationPolicy').get()) as { allowInvitesFrom: string })
        .allowInvitesFrom;
    expect(await read()).toBe('everyone');
    setPolicy(customer, 'adminsAndGuestInviters');
    try {
      expect(await read()).toBe('adminsAndGuestInviters');
    } finally {
      setPolicy(customer, undefined);
    }
  });

  it('by default a member with no admin role may invite; under adminsAndGuestInviters only with Guest Inviter', async () => {
    const member = addUser(customer, 'morgan.member');
    const asMember = await signIn(member.userPrincipalName, customer);
    expect((await invite(asMember, 'first.guest@fabrikam.com')).status).toBe('PendingAcceptance');

    setPolicy(customer, 'adminsAndGuestInviters');
    try {
      const refused = await failure(invite(asMember, 'second.guest@fabrikam.com'));
      expect(refused.statusCode).toBe(403);
      expect(refused.code).toBe('Authorization_RequestDenied');
      sandbox.state.data.roleAssignments.push({
        id: crypto.randomUUID(),
        tenantId: customer,
        roleDefinitionId: ROLE_IDS.guestInviter,
        principalId: member.id,
        directoryScopeId: '/',
        startDateTime: null,
        endDateTime: null,
        kind: 'active',
      });
      const asInviter = await signIn(member.userPrincipalName, customer);
      expect((await invite(asInviter, 'second.guest@fabrikam.com')).status).toBe('PendingAcceptance');
    } finally {
      setPolicy(customer, undefined);
    }
  });

  it('none refuses everyone, the Global Administrator too', async () => {
    setPolicy(customer, 'none');
    try {
      expect((await failure(invite(admin, 'third.guest@fabrikam.com'))).statusCode).toBe(403);
    } finally {
      setPolicy(customer, undefined);
    }
    expect((await invite(admin, 'third.guest@fabrikam.com')).status).toBe('PendingAcceptance');
  });

  it('a guest may invite under everyone, not under adminsGuestInvitersAndAllMembers', async () => {
    const guestOnly = customerOfKind('guestOnly');
    // Ada's accepted guest account there holds Security Reader, no inviting role.
    const asGuest = await signIn(sandbox.upn('analyst'), guestOnly);
    setPolicy(guestOnly, 'adminsGuestInvitersAndAllMembers');
    try {
      expect((await failure(invite(asGuest, 'fourth.guest@fabrikam.com'))).statusCode).toBe(403);
    } finally {
      setPolicy(guestOnly, undefined);
    }
    expect((await invite(asGuest, 'fourth.guest@fabrikam.com')).status).toBe('PendingAcceptance');
  });

  it('a partner user through GDAP without an inviting role is refused even by default (conservative reading)', async () => {
    const gdapCustomer = customerOfKind('active');
    const asAnalyst = await signIn(sandbox.upn('analyst'), gdapCustomer);
    const refused = await failure(invite(asAnalyst, 'fifth.guest@fabrikam.com'));
    expect(refused.statusCode).toBe(403);
  });
});

describe('PIM: one schedule per principal and role', () => {
  const request = (
    kind: 'roleAssignmentScheduleRequests' | 'roleEligibilityScheduleRequests',
    action: string,
    principalId: string,
    endsInDays: number | null,
  ) =>
    admin.api(`/roleManagement/directory/${kind}`).post({
      action,
      principalId,
      roleDefinitionId: ROLE_IDS.securityOperator,
      directoryScopeId: '/',
      justification: 'MSSP analyst',
      scheduleInfo: {
        startDateTime: sandbox.clock.now().toISOString(),
        expiration:
          endsInDays === null
            ? { type: 'noExpiration' }
            : {
                type: 'afterDateTime',
                endDateTime: new Date(sandbox.clock.nowMs() + endsInDays * DAY).toISOString(),
              },
      },
    }) as Promise<{ status: string; targetScheduleId: string }>;
  const schedules = async (segment: string, principalId: string) =>
    (
      (await admin
        .api(`/roleManagement/directory/${segment}`)
        .filter(`principalId eq '${principalId}'`)
        .get()) as {
        value: Array<{
          id: string;
          roleDefinitionId: string;
          scheduleInfo: { expiration: { endDateTime: string | null } };
        }>;
      }
    ).value;

  it('answers 400 RoleAssignmentExists to a second adminAssign, active or eligible, and keeps the first', async () => {
    const guest = await invite(admin, 'pim.guest@fabrikam.com');
    const id = guest.invitedUser.id;
    for (const [kind, segment] of [
      ['roleAssignmentScheduleRequests', 'roleAssignmentSchedules'],
      ['roleEligibilityScheduleRequests', 'roleEligibilitySchedules'],
    ] as const) {
      expect((await request(kind, 'adminAssign', id, 30)).status).toBe('Provisioned');
      const second = await failure(request(kind, 'adminAssign', id, 90));
      expect(second.statusCode).toBe(400);
      expect(second.code).toBe('RoleAssignmentExists');
      const listed = await schedules(segment, id);
      expect(listed).toHaveLength(1);
      expect(Date.parse(listed[0]?.scheduleInfo.expiration.endDateTime ?? '')).toBeLessThan(
        sandbox.clock.nowMs() + 31 * DAY,
      );
    }
  });

  it('adminExtend moves the end of the one schedule; adminRenew brings back an expired one; extend needs one to exist', async () => {
    const guest = await invite(admin, 'renew.guest@fabrikam.com');
    const id = guest.invitedUser.id;
    const first = await request('roleAssignmentScheduleRequests', 'adminAssign', id, 7);
    const extended = await request('roleAssignmentScheduleRequests', 'adminExtend', id, 60);
    expect(extended.targetScheduleId).toBe(first.targetScheduleId);
    const listed = await schedules('roleAssignmentSchedules', id);
    expect(listed).toHaveLength(1);
    expect(Date.parse(listed[0]?.scheduleInfo.expiration.endDateTime ?? '')).toBeGreaterThan(
      sandbox.clock.nowMs() + 59 * DAY,
    );
    // A renewal needs an expired schedule: refused while this one runs.
    expect((await failure(request('roleAssignmentScheduleRequests', 'adminRenew', id, 30))).code).toBe(
      'RoleAssignmentDoesNotExist',
    );
    sandbox.clock.advance(61 * DAY);
    try {
      // The earlier token has expired too: sign the admin in again at the later time.
      admin = await signIn(`admin@${domain}`, customer);
      expect(await schedules('roleAssignmentSchedules', id)).toHaveLength(0);
      expect((await failure(request('roleAssignmentScheduleRequests', 'adminExtend', id, 30))).code).toBe(
        'RoleAssignmentDoesNotExist',
      );
      expect((await request('roleAssignmentScheduleRequests', 'adminRenew', id, 30)).status).toBe(
        'Provisioned',
      );
      expect(await schedules('roleAssignmentSchedules', id)).toHaveLength(1);
    } finally {
      sandbox.clock.advance(-61 * DAY);
      admin = await signIn(`admin@${domain}`, customer);
    }
  });
});
