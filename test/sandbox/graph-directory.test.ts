import type { AccountInfo } from '@azure/msal-node';
import {
  BatchRequestContent,
  BatchResponseContent,
  GraphError,
  type Client,
} from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleKind } from '../../main/sandbox/state/sample';
import { ROLE_IDS } from '../../shared/gdap/roles';
import {
  graphClientWithToken,
  publicClient,
  readForm,
  scriptedBrowser,
  startTestSandbox,
  type TestSandbox,
} from './helpers/sandbox';

const GRAPH = ['https://graph.microsoft.com/.default'];
let sandbox: TestSandbox;
let customer: string;
let customerAdmin: Client;

async function signIn(upn: string, tenant = 'organizations') {
  const pca = publicClient(sandbox, tenant);
  const result = await pca.acquireTokenInteractive({
    scopes: GRAPH,
    openBrowser: scriptedBrowser(sandbox, upn).openBrowser,
  });
  return { pca, account: result.account as AccountInfo, token: result.accessToken };
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

const wids = (token: string): string[] =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).wids;

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 12 });
  // A customer with no GDAP and no guests: B2B from scratch.
  customer =
    sandbox.state.data.tenants
      .filter((t) => t.kind === 'customer')
      .find((_, i) => sampleKind(i) === 'created')?.id ?? '';
  const domain = sandbox.state.tenant(customer)?.defaultDomain;
  customerAdmin = graphClientWithToken(sandbox, (await signIn(`admin@${domain}`, customer)).token);
});
afterAll(() => sandbox.dispose());

describe('Graph: me, organization, users, groups', () => {
  it('answers /me and /organization for the token’s tenant, and pages users with $top', async () => {
    const me = (await customerAdmin.api('/me').get()) as { userPrincipalName: string };
    expect(me.userPrincipalName).toMatch(/^admin@/);
    const org = (await customerAdmin.api('/organization').get()) as { value: Array<{ id: string }> };
    expect(org.value[0]?.id).toBe(customer);
    const partner = graphClientWithToken(sandbox, (await signIn(sandbox.upn('admin'))).token);
    const first = (await partner.api('/users').top(2).get()) as {
      value: unknown[];
      '@odata.nextLink'?: string;
    };
    expect(first.value).toHaveLength(2);
    expect(first['@odata.nextLink']).toContain('$skiptoken');
    const groups = (await partner
      .api('/groups')
      .filter("displayName eq 'SOC Responders - Security Operator'")
      .get()) as { value: Array<{ id: string }> };
    const members = (await partner.api(`/groups/${groups.value[0]?.id}/transitiveMembers`).get()) as {
      value: Array<{ displayName: string }>;
    };
    expect(members.value.map((m) => m.displayName).sort()).toEqual(['Rory Responder', 'Tier 2 Responders']);
  });
});

describe('Graph: B2B guests and roles in a customer tenant', () => {
  it('invite -> redeem -> time-bound Security Reader through PIM -> the analyst’s token carries it -> it ends on time', async () => {
    const invitation = (await customerAdmin.api('/invitations').post({
      invitedUserEmailAddress: sandbox.upn('analyst'),
      inviteRedirectUrl: 'https://securitycopilot.microsoft.com/',
      invitedUserDisplayName: 'Ada Analyst (Contoso MSSP)',
      sendInvitationMessage: false,
    })) as { inviteRedeemUrl: string; invitedUser: { id: string }; status: string };
    expect(invitation.status).toBe('PendingAcceptance');
    const guests = (await customerAdmin.api('/users').filter("userType eq 'Guest'").get()) as {
      value: Array<{ id: string; externalUserState: string }>;
    };
    expect(guests.value.find((g) => g.id === invitation.invitedUser.id)?.externalUserState).toBe(
      'PendingAcceptance',
    );

    const redeem = readForm(await (await sandbox.fetch(invitation.inviteRedeemUrl)).text());
    await sandbox.fetch(redeem.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(redeem.fields).toString(),
    });

    const request = (await customerAdmin
      .api('/roleManagement/directory/roleAssignmentScheduleRequests')
      .post({
        action: 'adminAssign',
        principalId: invitation.invitedUser.id,
        roleDefinitionId: ROLE_IDS.securityReader,
        directoryScopeId: '/',
        justification: 'MSSP analyst for Security Copilot',
        scheduleInfo: {
          startDateTime: sandbox.clock.now().toISOString(),
          expiration: { type: 'afterDuration', duration: 'PT8H' },
        },
      })) as { status: string };
    expect(request.status).toBe('Provisioned');

    const ada = await signIn(sandbox.upn('analyst'));
    const token = await ada.pca.acquireTokenSilent({
      account: ada.account,
      scopes: GRAPH,
      authority: `${sandbox.baseUrl}/${customer}`,
    });
    expect(wids(token.accessToken)).toEqual([ROLE_IDS.securityReader]);

    sandbox.clock.advance(9 * 3_600_000);
    try {
      const later = await ada.pca.acquireTokenSilent({
        account: ada.account,
        scopes: GRAPH,
        authority: `${sandbox.baseUrl}/${customer}`,
        forceRefresh: true,
      });
      expect(wids(later.accessToken)).toEqual([]);
    } finally {
      sandbox.clock.advance(-9 * 3_600_000);
    }
  });

  it('refuses invitations from someone without an inviting role, with two cc recipients, or to a bad address', async () => {
    // Ada reaches an 'active' customer through GDAP with Security Reader: no inviting role there.
    const gdapCustomer =
      sandbox.state.data.tenants
        .filter((t) => t.kind === 'customer')
        .find((_, i) => sampleKind(i) === 'active')?.id ?? '';
    const partner = graphClientWithToken(sandbox, (await signIn(sandbox.upn('analyst'), gdapCustomer)).token);
    const noRole = await failure(
      partner
        .api('/invitations')
        .post({ invitedUserEmailAddress: 'x@fabrikam.com', inviteRedirectUrl: 'https://example.com' }),
    );
    expect(noRole.statusCode).toBe(403);
    expect(noRole.code).toBe('Authorization_RequestDenied');
    const twoCc = await failure(
      customerAdmin.api('/invitations').post({
        invitedUserEmailAddress: 'x@fabrikam.com',
        inviteRedirectUrl: 'https://example.com',
        invitedUserMessageInfo: {
          ccRecipients: [{ emailAddress: { address: 'a@b.com' } }, { emailAddress: { address: 'c@d.com' } }],
        },
      }),
    );
    expect(twoCc.statusCode).toBe(400);
    for (const bad of ['no-at-sign', '.leading@fabrikam.com', 'a b@fabrikam.com']) {
      expect(
        (
          await failure(
            customerAdmin
              .api('/invitations')
              .post({ invitedUserEmailAddress: bad, inviteRedirectUrl: 'https://example.com' }),
          )
        ).statusCode,
      ).toBe(400);
    }
  });

  it('assigning a role needs Privileged Role Administrator or Global Administrator', async () => {
    const guestOnly =
      sandbox.state.data.tenants
        .filter((t) => t.kind === 'customer')
        .find((_, i) => sampleKind(i) === 'guestOnly')?.id ?? '';
    // The analyst, as a guest with Security Reader there, may read but not assign.
    const ada = await signIn(sandbox.upn('analyst'));
    const t = await ada.pca.acquireTokenSilent({
      account: ada.account,
      scopes: GRAPH,
      authority: `${sandbox.baseUrl}/${guestOnly}`,
    });
    const asGuest = graphClientWithToken(sandbox, t.accessToken);
    const defs = (await asGuest.api('/roleManagement/directory/roleDefinitions').get()) as {
      value: Array<{ displayName: string }>;
    };
    expect(defs.value.map((d) => d.displayName)).toContain('Security Operator');
    const denied = await failure(
      asGuest.api('/roleManagement/directory/roleAssignments').post({
        roleDefinitionId: ROLE_IDS.securityOperator,
        principalId: ada.account.localAccountId,
        directoryScopeId: '/',
      }),
    );
    expect(denied.statusCode).toBe(403);
  });
});

describe('Graph $batch', () => {
  it('runs up to 20 requests, each with its own status, and answers 424 for a failed dependency', async () => {
    const batch = new BatchRequestContent();
    batch.addRequest({
      id: '1',
      request: new Request(`${sandbox.baseUrl}/graph/v1.0/me`, { method: 'GET' }),
    });
    batch.addRequest({
      id: '2',
      request: new Request(`${sandbox.baseUrl}/graph/v1.0/users/does-not-exist`, { method: 'GET' }),
      dependsOn: ['1'],
    });
    batch.addRequest({
      id: '3',
      request: new Request(`${sandbox.baseUrl}/graph/v1.0/organization`, { method: 'GET' }),
      dependsOn: ['2'],
    });
    const response = (await customerAdmin.api('/$batch').post(await batch.getContent())) as {
      responses: Array<{ id: string; status: number }>;
    };
    const parts = new BatchResponseContent(response);
    expect(parts.getResponseById('1').status).toBe(200);
    expect(parts.getResponseById('2').status).toBe(404);
    expect(parts.getResponseById('3').status).toBe(424);
  });

  it('refuses a batch of 21', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me' }));
    expect((await failure(customerAdmin.api('/$batch').post({ requests }))).statusCode).toBe(400);
  });
});
