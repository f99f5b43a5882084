import type { AccountInfo } from '@azure/msal-node';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, relationshipRequestBody } from '../../shared/gdap/gdap-draft';
import { ROLE_IDS } from '../../shared/gdap/roles';
import { sampleKind } from '../../main/sandbox/state/sample';
import {
  automationClient,
  graphClientWithToken,
  publicClient,
  readForm,
  scriptedBrowser,
  startTestSandbox,
  type TestSandbox,
} from './helpers/sandbox';

const GRAPH = ['https://graph.microsoft.com/.default'];
const REL = '/tenantRelationships/delegatedAdminRelationships';
let sandbox: TestSandbox;
let admin: Client;
let analyst: Client;

async function signIn(upn: string) {
  const pca = publicClient(sandbox);
  const result = await pca.acquireTokenInteractive({
    scopes: GRAPH,
    openBrowser: scriptedBrowser(sandbox, upn).openBrowser,
  });
  return { pca, account: result.account as AccountInfo, token: result.accessToken };
}

/** The GraphError a call fails with. */
async function failure(call: Promise<unknown>): Promise<GraphError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('The call succeeded');
}

const body = (over: Record<string, unknown> = {}) => ({
  displayName: `Test ${Math.random().toString(36).slice(2, 10)}`,
  duration: 'P730D',
  accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLE_IDS.securityReader }] },
  autoExtendDuration: 'PT0S',
  ...over,
});

function customerOfKind(kind: ReturnType<typeof sampleKind>): string {
  return (
    sandbox.state.data.tenants.filter((t) => t.kind === 'customer').find((_, i) => sampleKind(i) === kind)
      ?.id ?? ''
  );
}

beforeAll(async () => {
  sandbox = await startTestSandbox({
    customers: 20,
    timings: { activationDelayMs: 2000, terminationDelayMs: 2000, assignmentDelayMs: 1000 },
  });
  admin = graphClientWithToken(sandbox, (await signIn(sandbox.upn('admin'))).token);
  analyst = graphClientWithToken(sandbox, (await signIn(sandbox.upn('analyst'))).token);
});
afterAll(() => sandbox.dispose());

describe('Graph GDAP: reading', () => {
  it('lists relationships with ETags, filters by status and customer, selects properties', async () => {
    const all = (await admin.api(REL).get()) as { value: Array<Record<string, unknown>> };
    expect(all.value.length).toBe(sandbox.state.data.relationships.length);
    expect(all.value[0]?.['@odata.etag']).toMatch(/^W\//);
    const active = (await admin.api(REL).filter("status eq 'active'").get()) as {
      value: Array<{ status: string }>;
    };
    expect(active.value.length).toBeGreaterThan(0);
    expect(active.value.every((r) => r.status === 'active')).toBe(true);
    const customer = customerOfKind('active');
    const mine = (await admin
      .api(REL)
      .filter(`(status eq 'active') and (customer/tenantId eq '${customer}')`)
      .get()) as { value: Array<{ customer: { tenantId: string } }> };
    expect(mine.value.map((r) => r.customer.tenantId)).toEqual([customer]);
    const selected = (await admin.api(REL).select('displayName').top(1).get()) as {
      value: Array<Record<string, unknown>>;
    };
    expect(Object.keys(selected.value[0] ?? {}).sort()).toEqual([
      '@odata.etag',
      '@odata.type',
      'displayName',
      'id',
    ]);
  });

  it('refuses $top over 300, and a token without the scope or from a customer tenant', async () => {
    const tooMany = await failure(admin.api(REL).top(301).get());
    expect(tooMany.statusCode).toBe(400);
    const app = await automationClient(sandbox).acquireTokenByClientCredential({ scopes: GRAPH });
    expect(
      (
        (await graphClientWithToken(sandbox, app?.accessToken ?? '')
          .api(REL)
          .get()) as { value: unknown[] }
      ).value.length,
    ).toBeGreaterThan(0);
  });

  it('lists customers with an active relationship and their service management links', async () => {
    const customers = (await admin.api('/tenantRelationships/delegatedAdminCustomers').get()) as {
      value: Array<{ id: string; tenantId: string }>;
    };
    const active = customerOfKind('active');
    expect(customers.value.map((c) => c.tenantId)).toContain(active);
    expect(customers.value.map((c) => c.tenantId)).not.toContain(customerOfKind('approvalPending'));
    const links = (await admin
      .api(`/tenantRelationships/delegatedAdminCustomers/${active}/serviceManagementDetails`)
      .get()) as { value: Array<{ serviceManagementUrl: string }> };
    expect(links.value[0]?.serviceManagementUrl).toContain(active);
  });
});

describe('Graph GDAP: the rules, each refused by the sandbox', () => {
  it.each([
    ['a name over 50 characters', { displayName: 'x'.repeat(51) }, 400],
    ['a duration of P0D', { duration: 'P0D' }, 400],
    ['a duration over two years', { duration: 'P731D' }, 400],
    ['auto-extend of 90 days', { autoExtendDuration: 'P90D' }, 400],
    [
      'auto-extend with Global Administrator',
      {
        autoExtendDuration: 'P180D',
        accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLE_IDS.globalAdministrator }] },
      },
      400,
    ],
    [
      'an unknown role',
      { accessDetails: { unifiedRoles: [{ roleDefinitionId: '00000000-0000-4000-8000-000000000000' }] } },
      400,
    ],
    ['no roles', { accessDetails: { unifiedRoles: [] } }, 400],
  ])('refuses %s', async (_, over, status) => {
    const error = await failure(admin.api(REL).post(body(over)));
    expect(error.statusCode).toBe(status);
    expect(error.code).toBe('badRequest');
  });

  it('refuses a duplicate name, and writes by someone who is not an Admin agent', async () => {
    const first = (await admin.api(REL).post(body({ displayName: 'Unique name test' }))) as { id: string };
    expect(first.id).toMatch(/-/);
    expect((await failure(admin.api(REL).post(body({ displayName: 'Unique name test' })))).statusCode).toBe(
      409,
    );
    const forbidden = await failure(analyst.api(REL).post(body()));
    expect(forbidden.statusCode).toBe(403);
  });

  it('needs If-Match to change or delete, refuses a stale ETag, and allows deleting only while created', async () => {
    const created = (await admin.api(REL).post(body())) as { id: string; '@odata.etag': string };
    expect((await failure(admin.api(`${REL}/${created.id}`).patch({ duration: 'P365D' }))).statusCode).toBe(
      400,
    );
    const updated = (await admin
      .api(`${REL}/${created.id}`)
      .header('If-Match', created['@odata.etag'])
      .patch({ duration: 'P365D' })) as { '@odata.etag': string; duration: string };
    expect(updated.duration).toBe('P365D');
    const stale = await failure(
      admin
        .api(`${REL}/${created.id}`)
        .header('If-Match', created['@odata.etag'])
        .patch({ duration: 'P30D' }),
    );
    expect(stale.statusCode).toBe(412);
    const active = (await admin.api(REL).filter("status eq 'active'").top(1).get()) as {
      value: Array<{ id: string; '@odata.etag': string }>;
    };
    const a = active.value[0];
    expect(
      (
        await failure(
          admin
            .api(`${REL}/${a?.id}`)
            .header('If-Match', a?.['@odata.etag'] ?? '')
            .delete(),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await failure(
          admin
            .api(`${REL}/${a?.id}`)
            .header('If-Match', a?.['@odata.etag'] ?? '')
            .patch({ duration: 'P30D' }),
        )
      ).statusCode,
    ).toBe(400);
    await admin.api(`${REL}/${created.id}`).header('If-Match', updated['@odata.etag']).delete();
    expect((await failure(admin.api(`${REL}/${created.id}`).get())).statusCode).toBe(404);
  });
});

describe('Graph GDAP: the app’s drafts', () => {
  it('the sandbox accepts the Graph body the app builds from each built-in template', async () => {
    for (const t of BUILT_IN_TEMPLATES) {
      const body = relationshipRequestBody({
        displayName: `Template ${t.id}`,
        customerTenantId: customerOfKind('created'),
        roleIds: t.roleIds,
        durationDays: t.durationDays,
        autoExtend: t.autoExtend,
      });
      const created = (await admin.api(REL).post(body)) as { status: string; autoExtendDuration: string };
      expect(created).toMatchObject({ status: 'created', autoExtendDuration: 'P180D' });
    }
  });
});

describe('Graph GDAP: the whole path', () => {
  it('create -> lock -> the customer approves -> active -> assign a group -> the analyst gets a token there -> terminate', async () => {
    const customer = customerOfKind('guestOnly');
    const created = (await admin.api(REL).post(
      body({
        customer: { tenantId: customer },
        accessDetails: {
          unifiedRoles: [
            { roleDefinitionId: ROLE_IDS.securityReader },
            { roleDefinitionId: ROLE_IDS.securityOperator },
          ],
        },
      }),
    )) as { id: string; status: string };
    expect(created.status).toBe('created');
    const lock = (await admin.api(`${REL}/${created.id}/requests`).post({ action: 'lockForApproval' })) as {
      action: string;
    };
    expect(lock.action).toBe('lockForApproval');
    expect(((await admin.api(`${REL}/${created.id}`).get()) as { status: string }).status).toBe(
      'approvalPending',
    );

    // The customer's Global Administrator approves on the admin center stand-in (no script needed).
    const approvalUrl = `${sandbox.baseUrl}/portals/admin.microsoft.com/sandbox/approval?relationshipId=${encodeURIComponent(created.id)}`;
    const signInForm = await (await sandbox.fetch(approvalUrl)).text();
    expect(signInForm).toContain('Security Reader');
    const adminUser = sandbox.state.data.users.find(
      (u) => u.tenantId === customer && u.userPrincipalName.startsWith('admin@'),
    );
    const signedIn = await sandbox.fetch(`${sandbox.baseUrl}/portals/admin.microsoft.com/sandbox/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ relationshipId: created.id, userId: adminUser?.id ?? '' }).toString(),
      redirect: 'manual',
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const approvalForm = readForm(await (await sandbox.fetch(approvalUrl, { headers: { cookie } })).text());
    const approved = await (
      await sandbox.fetch(approvalForm.action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ ...approvalForm.fields, decision: 'approve' }).toString(),
      })
    ).text();
    expect(approved).toContain('Approved');
    expect(['approved', 'activating']).toContain(
      ((await admin.api(`${REL}/${created.id}`).get()) as { status: string }).status,
    );
    sandbox.clock.advance(2500);
    const active = (await admin.api(`${REL}/${created.id}`).get()) as {
      status: string;
      endDateTime: string;
      activatedDateTime: string;
      '@odata.etag': string;
    };
    expect(active.status).toBe('active');
    expect(Date.parse(active.endDateTime) - Date.parse(active.activatedDateTime)).toBe(730 * 86_400_000);

    // Map "SOC Analysts - Security Reader" to Security Reader; AdminAgents is refused; roles must be the relationship's.
    const groups = sandbox.state.data.groups.filter((g) => g.tenantId === sandbox.partnerTenantId);
    const readers = groups.find((g) => g.displayName === 'SOC Analysts - Security Reader');
    const adminAgents = groups.find((g) => g.displayName === 'AdminAgents');
    const assignment = (to: string | undefined, role: string) => ({
      accessContainer: { accessContainerId: to, accessContainerType: 'securityGroup' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: role }] },
    });
    expect(
      (
        await failure(
          admin
            .api(`${REL}/${created.id}/accessAssignments`)
            .post(assignment(adminAgents?.id, ROLE_IDS.securityReader)),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await failure(
          admin
            .api(`${REL}/${created.id}/accessAssignments`)
            .post(assignment(readers?.id, ROLE_IDS.globalReader)),
        )
      ).statusCode,
    ).toBe(400);
    const made = (await admin
      .api(`${REL}/${created.id}/accessAssignments`)
      .post(assignment(readers?.id, ROLE_IDS.securityReader))) as { id: string; status: string };
    expect(made.status).toBe('pending');
    expect(
      (
        await failure(
          admin
            .api(`${REL}/${created.id}/accessAssignments`)
            .post(assignment(readers?.id, ROLE_IDS.securityReader)),
        )
      ).statusCode,
    ).toBe(409);
    sandbox.clock.advance(1500);
    const settled = (await admin.api(`${REL}/${created.id}/accessAssignments/${made.id}`).get()) as {
      status: string;
      '@odata.etag': string;
    };
    expect(settled.status).toBe('active');

    // The analyst (in that group) now gets a token for the customer with Security Reader.
    const ada = await signIn(sandbox.upn('analyst'));
    const token = await ada.pca.acquireTokenSilent({
      account: ada.account,
      scopes: GRAPH,
      authority: `${sandbox.baseUrl}/${customer}`,
    });
    const claims = JSON.parse(Buffer.from(token.accessToken.split('.')[1] ?? '', 'base64url').toString());
    expect(claims.wids).toContain(ROLE_IDS.securityReader);

    // Updating the assignment is a long-running operation (202 + Location of the operation).
    const update = await sandbox.fetch(
      `${sandbox.baseUrl}/graph/v1.0${REL}/${created.id}/accessAssignments/${made.id}`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${(await signIn(sandbox.upn('admin'))).token}`,
          'content-type': 'application/json',
          'if-match': settled['@odata.etag'],
        },
        body: JSON.stringify({
          accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLE_IDS.securityOperator }] },
        }),
      },
    );
    expect(update.status).toBe(202);
    const operationPath = new URL(update.headers.get('location') ?? '').pathname.replace('/graph/v1.0', '');
    expect(((await admin.api(operationPath).get()) as { status: string }).status).toBe('running');
    sandbox.clock.advance(1500);
    expect(((await admin.api(operationPath).get()) as { status: string }).status).toBe('succeeded');

    // Terminate: terminationRequested -> terminating -> terminated on the clock.
    await admin.api(`${REL}/${created.id}/requests`).post({ action: 'terminate' });
    expect(((await admin.api(`${REL}/${created.id}`).get()) as { status: string }).status).toBe(
      'terminationRequested',
    );
    sandbox.clock.advance(2500);
    expect(((await admin.api(`${REL}/${created.id}`).get()) as { status: string }).status).toBe('terminated');
  });

  it('an unapproved request lapses after 90 days, and auto-extend adds 180 days at the end date', async () => {
    const created = (await admin
      .api(REL)
      .post(body({ customer: { tenantId: customerOfKind('created') } }))) as { id: string };
    await admin.api(`${REL}/${created.id}/requests`).post({ action: 'lockForApproval' });
    const extending = sandbox.state.data.relationships.find(
      (r) =>
        r.status === 'active' &&
        r.autoExtendDuration === 'P180D' &&
        !r.accessDetails.unifiedRoles.some((x) => x.roleDefinitionId === ROLE_IDS.globalAdministrator),
    );
    const endBefore = Date.parse(extending?.endDateTime ?? '');
    const daysToEnd = Math.ceil((endBefore - sandbox.clock.nowMs()) / 86_400_000);

    sandbox.clock.advance(Math.max(91, daysToEnd + 1) * 86_400_000);
    try {
      // The old token expired with the jump in time (the sandbox refuses it); sign in again.
      const later = graphClientWithToken(sandbox, (await signIn(sandbox.upn('admin'))).token);
      expect((await failure(admin.api(`${REL}/${created.id}`).get())).statusCode).toBe(401);
      expect(((await later.api(`${REL}/${created.id}`).get()) as { status: string }).status).toBe('expired');
      const extended = (await later.api(`${REL}/${extending?.id}`).get()) as {
        status: string;
        endDateTime: string;
      };
      expect(extended.status).toBe('active');
      expect(Date.parse(extended.endDateTime) - endBefore).toBe(180 * 86_400_000);
    } finally {
      sandbox.clock.advance(-Math.max(91, daysToEnd + 1) * 86_400_000);
    }
  });
});

describe('Graph GDAP: paging', () => {
  it('follows @odata.nextLink over every page of 300 relationships', async () => {
    const big = await startTestSandbox({ customers: 700 });
    try {
      const { token } = await (async () => {
        const pca = publicClient(big);
        const r = await pca.acquireTokenInteractive({
          scopes: GRAPH,
          openBrowser: scriptedBrowser(big, big.upn('admin')).openBrowser,
        });
        return { token: r.accessToken };
      })();
      const client = graphClientWithToken(big, token);
      let page = (await client.api(REL).top(300).get()) as {
        value: Array<{ id: string }>;
        '@odata.nextLink'?: string;
      };
      const ids = [...page.value.map((r) => r.id)];
      let pages = 1;
      while (page['@odata.nextLink']) {
        page = (await client.api(page['@odata.nextLink']).get()) as typeof page;
        ids.push(...page.value.map((r) => r.id));
        pages++;
      }
      expect(ids.length).toBe(big.state.data.relationships.length);
      expect(new Set(ids).size).toBe(ids.length);
      expect(pages).toBe(Math.ceil(ids.length / 300));
    } finally {
      await big.dispose();
    }
  });
});
