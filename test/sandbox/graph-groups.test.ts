import { InteractionRequiredAuthError, type AccountInfo } from '@azure/msal-node';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_ROLE_IDS } from '../../main/sandbox/graph/directory/groups';
import {
  graphClientWithToken,
  publicClient,
  scriptedBrowser,
  startTestSandbox,
  type TestSandbox,
} from './helpers/sandbox';

// Partner group membership in the sandbox through the real SDKs (docs/microsoft-cloud.md 2.5): the
// write permission GroupMember.ReadWrite.All is asked for incrementally and needs an administrator's
// consent; removing and adding a member answers as Graph does (204, 404 when not a member, 400 when
// already one) and only for a caller with a group-managing role or ownership; and a change is what
// GDAP paths and customer-tenant tokens are computed from at once.
const GRAPH = ['https://graph.microsoft.com/.default'];
const WRITE = ['https://graph.microsoft.com/GroupMember.ReadWrite.All'];
let sandbox: TestSandbox;
let readers: string; // SOC Analysts - Security Reader
let ada: string;
let customer: string; // reached by Ada only through the readers group

async function signIn(upn: string, scopes = GRAPH) {
  const pca = publicClient(sandbox);
  const browser = scriptedBrowser(sandbox, upn);
  const result = await pca.acquireTokenInteractive({ scopes, openBrowser: browser.openBrowser });
  return { pca, account: result.account as AccountInfo, token: result.accessToken, pages: browser.pages };
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

const claims = (token: string): { scp: string; wids: string[] } =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
const memberRef = (client: Client, groupId: string, memberId: string) =>
  client.api(`/groups/${groupId}/members/${memberId}/$ref`);
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 12 });
  const data = sandbox.state.data;
  readers = data.groups.find((g) => g.displayName === 'SOC Analysts - Security Reader')?.id ?? '';
  ada = data.users.find((u) => u.userPrincipalName === sandbox.upn('analyst'))?.id ?? '';
  customer =
    data.tenants
      .filter((t) => t.kind === 'customer')
      .find(
        (t) =>
          sandbox.state.gdapPaths(ada, t.id).some((p) => p.group.id === readers) &&
          sandbox.state.guestIn(ada, t.id) === undefined,
      )?.id ?? '';
  expect(customer).not.toBe('');
});
afterAll(() => sandbox.dispose());

describe('GroupMember.ReadWrite.All: incremental consent by an administrator', () => {
  it('is not in a .default token, a silent request for it needs interaction, a non-admin cannot consent, the Global Administrator consents for everyone', async () => {
    const pat = await signIn(sandbox.upn('admin'));
    expect(claims(pat.token).scp.split(' ')).not.toContain('GroupMember.ReadWrite.All');
    // Graph refuses the write without the permission, with its 403 body.
    const noScope = await failure(memberRef(graphClientWithToken(sandbox, pat.token), readers, ada).delete());
    expect(noScope.statusCode).toBe(403);
    expect(noScope.code).toBe('Authorization_RequestDenied');
    expect(sandbox.state.group(readers)?.members).toContain(ada);

    // Silently: consent_required (AADSTS65001), which MSAL reads as interaction required.
    const silent = await pat.pca
      .acquireTokenSilent({ account: pat.account, scopes: WRITE })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(silent).toBeInstanceOf(InteractionRequiredAuthError);
    expect(String((silent as Error).message)).toContain('AADSTS65001');

    // Sam (no directory role) sees "Need admin approval" and gets nothing.
    const sam = scriptedBrowser(sandbox, sandbox.upn('helpdesk'));
    const refused = await publicClient(sandbox)
      .acquireTokenInteractive({ scopes: WRITE, openBrowser: sam.openBrowser })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(String((refused as Error).message)).toContain('AADSTS90094');
    expect(sam.pages[1]).toContain('Need admin approval');
    expect(sandbox.state.data.consentGrants ?? []).toEqual([]);

    // Pat, a Global Administrator of the partner tenant, consents for everyone.
    const consented = await signIn(sandbox.upn('admin'), WRITE);
    expect(consented.pages[1]).toContain('on behalf of everyone in Contoso MSSP');
    expect(claims(consented.token).scp.split(' ')).toContain('GroupMember.ReadWrite.All');
    expect(sandbox.state.data.consentGrants).toEqual([
      expect.objectContaining({ tenantId: sandbox.partnerTenantId, scopes: ['GroupMember.ReadWrite.All'] }),
    ]);
    // Now anyone in the tenant gets it silently; a customer tenant has not consented.
    const samSignedIn = await signIn(sandbox.upn('helpdesk'));
    const samWrite = await samSignedIn.pca.acquireTokenSilent({
      account: samSignedIn.account,
      scopes: WRITE,
    });
    expect(claims(samWrite.accessToken).scp.split(' ')).toContain('GroupMember.ReadWrite.All');
  });
});

describe('Graph: a partner group’s members', () => {
  let pat: Client;
  let sam: Client;
  beforeAll(async () => {
    if ((sandbox.state.data.consentGrants ?? []).length === 0)
      sandbox.state.data.consentGrants = [
        {
          clientId: sandbox.publicClientId,
          tenantId: sandbox.partnerTenantId,
          resource: 'https://graph.microsoft.com',
          scopes: ['GroupMember.ReadWrite.All'],
          grantedBy: 'test',
          grantedDateTime: sandbox.clock.now().toISOString(),
        },
      ];
    pat = graphClientWithToken(sandbox, (await signIn(sandbox.upn('admin'), WRITE)).token);
    sam = graphClientWithToken(sandbox, (await signIn(sandbox.upn('helpdesk'), WRITE)).token);
  });

  it('removes a member (204), after which GDAP no longer reaches the customer through that group; a second removal is 404', async () => {
    const before = (await pat.api(`/groups/${readers}/members`).get()) as { value: Array<{ id: string }> };
    expect(before.value.map((m) => m.id)).toContain(ada);
    const analyst = await signIn(sandbox.upn('analyst'));
    await analyst.pca.acquireTokenSilent({
      account: analyst.account,
      scopes: GRAPH,
      authority: `${sandbox.baseUrl}/${customer}`,
    });

    await memberRef(pat, readers, ada).delete();
    const after = (await pat.api(`/groups/${readers}/members`).get()) as { value: Array<{ id: string }> };
    expect(after.value.map((m) => m.id)).not.toContain(ada);
    const memberOf = (await pat.api(`/users/${ada}/transitiveMemberOf`).get()) as {
      value: Array<{ id: string }>;
    };
    expect(memberOf.value.map((g) => g.id)).not.toContain(readers);
    expect(sandbox.state.gdapPaths(ada, customer)).toEqual([]);
    // A new token for the customer tenant is refused: no path in any more.
    const refused = await analyst.pca
      .acquireTokenSilent({
        account: analyst.account,
        scopes: GRAPH,
        authority: `${sandbox.baseUrl}/${customer}`,
        forceRefresh: true,
      })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(String((refused as Error).message)).toContain('AADSTS50020');

    const again = await failure(memberRef(pat, readers, ada).delete());
    expect(again.statusCode).toBe(404);
    expect(again.code).toBe('Request_ResourceNotFound');
    expect(again.message).toContain(ada);
    expect(again.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds a member (204) and refuses a second add with 400, a bad reference with 400 and an unknown object with 404', async () => {
    await pat.api(`/groups/${readers}/members/$ref`).post(ref(ada));
    expect(sandbox.state.group(readers)?.members).toContain(ada);
    expect(sandbox.state.gdapPaths(ada, customer).map((p) => p.group.id)).toEqual([readers]);

    const twice = await failure(pat.api(`/groups/${readers}/members/$ref`).post(ref(ada)));
    expect(twice.statusCode).toBe(400);
    expect(twice.code).toBe('Request_BadRequest');
    expect(twice.message).toBe(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
    const bad = await failure(pat.api(`/groups/${readers}/members/$ref`).post({ '@odata.id': 'ada' }));
    expect(bad.statusCode).toBe(400);
    const unknown = await failure(
      pat.api(`/groups/${readers}/members/$ref`).post(ref('00000000-0000-0000-0000-000000000001')),
    );
    expect(unknown.statusCode).toBe(404);
    const noGroup = await failure(memberRef(pat, '00000000-0000-0000-0000-000000000002', ada).delete());
    expect(noGroup.statusCode).toBe(404);
    expect(sandbox.state.group(readers)?.members.filter((m) => m === ada)).toHaveLength(1);
  });

  it('refuses a caller without a group-managing role with 403, and lets the group’s owner or a Groups Administrator change it', async () => {
    const refused = await failure(memberRef(sam, readers, ada).delete());
    expect(refused.statusCode).toBe(403);
    expect(refused.code).toBe('Authorization_RequestDenied');
    expect(refused.message).toBe('Insufficient privileges to complete the operation.');
    expect(sandbox.state.group(readers)?.members).toContain(ada);

    const group = sandbox.state.group(readers);
    if (!group) throw new Error('The sample changed');
    const samId =
      sandbox.state.data.users.find((u) => u.userPrincipalName === sandbox.upn('helpdesk'))?.id ?? '';
    group.owners = [samId];
    await memberRef(sam, readers, ada).delete();
    expect(group.members).not.toContain(ada);
    group.owners = [];
    expect((await failure(sam.api(`/groups/${readers}/members/$ref`).post(ref(ada)))).statusCode).toBe(403);

    sandbox.state.data.roleAssignments.push({
      id: crypto.randomUUID(),
      tenantId: sandbox.partnerTenantId,
      roleDefinitionId: GROUP_ROLE_IDS.groupsAdministrator,
      principalId: samId,
      directoryScopeId: '/',
      startDateTime: null,
      endDateTime: null,
      kind: 'active',
    });
    const groupsAdmin = await signIn(sandbox.upn('helpdesk'), WRITE);
    expect(claims(groupsAdmin.token).wids).toContain(GROUP_ROLE_IDS.groupsAdministrator);
    await graphClientWithToken(sandbox, groupsAdmin.token)
      .api(`/groups/${readers}/members/$ref`)
      .post(ref(ada));
    expect(group.members).toContain(ada);
  });
});
