/**
 * The sandbox as strict as Microsoft, where it used to be kinder (issue 14): each rule through the
 * real SDKs (the Graph client, msal-node), raw fetch only where an SDK cannot say the wrong thing
 * (an oversized or non-JSON body, RFC 8628's scope-less device code poll).
 */
import type { AccountInfo } from '@azure/msal-node';
import { GraphError, ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_IDS } from '../../shared/gdap/roles';
import { sampleKind } from '../../main/sandbox/state/sample';
import {
  approveAsCustomerAdmin,
  enterDeviceCode,
  graphClientWithToken,
  publicClient,
  scriptedBrowser,
  startTestSandbox,
  type TestSandbox,
} from './helpers/sandbox';

const GRAPH = ['https://graph.microsoft.com/.default'];
const ARM = ['https://management.azure.com/.default'];
const REL = '/tenantRelationships/delegatedAdminRelationships';
const PREFER_ALL = { Prefer: 'include-unknown-enum-members' };
let sandbox: TestSandbox;
let admin: Client;
let adminToken: string;
let armToken: string;

async function signIn(upn: string, scopes = GRAPH): Promise<string> {
  const pca = publicClient(sandbox);
  const result = await pca.acquireTokenInteractive({
    scopes,
    openBrowser: scriptedBrowser(sandbox, upn).openBrowser,
  });
  if (scopes === GRAPH) {
    const arm = await pca.acquireTokenSilent({ account: result.account as AccountInfo, scopes: ARM });
    armToken = arm.accessToken;
  }
  return result.accessToken;
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

function customerOfKind(kind: ReturnType<typeof sampleKind>, nth = 0): string {
  return (
    sandbox.state.data.tenants.filter((t) => t.kind === 'customer').filter((_, i) => sampleKind(i) === kind)[
      nth
    ]?.id ?? ''
  );
}

const draft = (over: Record<string, unknown> = {}) => ({
  displayName: `Strict ${Math.random().toString(36).slice(2, 10)}`,
  duration: 'P730D',
  accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLE_IDS.securityReader }] },
  autoExtendDuration: 'PT0S',
  ...over,
});

beforeAll(async () => {
  sandbox = await startTestSandbox({
    customers: 20,
    timings: { activationDelayMs: 2000, terminationDelayMs: 2000, assignmentDelayMs: 3000 },
  });
  adminToken = await signIn(sandbox.upn('admin'));
  admin = graphClientWithToken(sandbox, adminToken);
});
afterAll(() => sandbox.dispose());

describe('1. removing Global Administrator from an active relationship is a long-running operation', () => {
  it('answers 202 with Location and Retry-After; the role goes only when the operation succeeds', async () => {
    const customer = customerOfKind('globalAdmin');
    const listed = (await admin
      .api(REL)
      .filter(`(status eq 'active') and (customer/tenantId eq '${customer}')`)
      .get()) as {
      value: Array<{
        id: string;
        '@odata.etag': string;
        accessDetails: { unifiedRoles: Array<{ roleDefinitionId: string }> };
      }>;
    };
    const rel = listed.value.find((r) =>
      r.accessDetails.unifiedRoles.some((u) => u.roleDefinitionId === ROLE_IDS.globalAdministrator),
    );
    expect(rel).toBeDefined();
    if (!rel) return;
    const rest = rel.accessDetails.unifiedRoles.filter(
      (u) => u.roleDefinitionId !== ROLE_IDS.globalAdministrator,
    );

    const answer = (await admin
      .api(`${REL}/${rel.id}`)
      .header('If-Match', rel['@odata.etag'])
      .responseType(ResponseType.RAW)
      .patch({ accessDetails: { unifiedRoles: rest } })) as Response;
    expect(answer.status).toBe(202);
    const location = answer.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`/delegatedAdminRelationships/${rel.id}/operations/[0-9a-f-]{36}$`));
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Still there while the operation runs.
    const during = (await admin.api(`${REL}/${rel.id}`).get()) as typeof rel;
    expect(during.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId)).toContain(
      ROLE_IDS.globalAdministrator,
    );
    const running = (await admin.api(location).headers(PREFER_ALL).get()) as Record<string, string>;
    expect(running.operationType).toBe('delegatedAdminRelationshipUpdate');
    expect(['notStarted', 'running']).toContain(running.status);
    // An evolvable enum member: without the Prefer header, unknownFutureValue.
    const plain = (await admin.api(location).get()) as Record<string, string>;
    expect(plain.operationType).toBe('unknownFutureValue');

    sandbox.clock.advance(3_000);
    const done = (await admin.api(location).get()) as Record<string, string>;
    expect(done.status).toBe('succeeded');
    const after = (await admin.api(`${REL}/${rel.id}`).get()) as typeof rel;
    expect(after.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId).sort()).toEqual(
      rest.map((u) => u.roleDefinitionId).sort(),
    );
    expect(after['@odata.etag']).not.toBe(rel['@odata.etag']);
  });
});

describe('1b. what else an active relationship refuses', () => {
  it('no role left, a role added, or a role other than Global Administrator removed: 400, nothing runs', async () => {
    const rel = sandbox.state.data.relationships.find(
      (r) =>
        r.status === 'active' &&
        r.accessDetails.unifiedRoles.length > 1 &&
        !r.accessDetails.unifiedRoles.some((u) => u.roleDefinitionId === ROLE_IDS.globalAdministrator),
    );
    expect(rel).toBeDefined();
    if (!rel) return;
    const roles = rel.accessDetails.unifiedRoles.map((u) => ({ roleDefinitionId: u.roleDefinitionId }));
    const before = sandbox.state.data.operations.length;
    for (const unifiedRoles of [
      [],
      [...roles, { roleDefinitionId: ROLE_IDS.globalAdministrator }],
      roles.slice(1),
    ]) {
      const current = (await admin.api(`${REL}/${rel.id}`).get()) as { '@odata.etag': string };
      const error = await failure(
        admin
          .api(`${REL}/${rel.id}`)
          .header('If-Match', current['@odata.etag'])
          .patch({ accessDetails: { unifiedRoles } }),
      );
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('badRequest');
    }
    expect(sandbox.state.data.operations.length).toBe(before);
  });
});

describe('3. relationship names are unique across all of the partner’s relationships', () => {
  it.each([
    ['terminated', 'terminated'],
    ['expired', 'expired'],
  ] as const)('refuses the name of a %s relationship, whatever its case', async (_, status) => {
    const old = sandbox.state.data.relationships.find((r) => r.status === status);
    expect(old).toBeDefined();
    const error = await failure(
      admin.api(REL).post(draft({ displayName: ` ${old?.displayName.toUpperCase()}`.trim() })),
    );
    expect(error.statusCode).toBe(409);
    expect(error.message).toContain('unique');
  });
});

describe('4. OData query options as Graph answers them', () => {
  it.each([
    ["customerTenantId eq 'x'", 'customerTenantId'],
    ["stauts eq 'active'", 'stauts'],
    ["customer/tenant eq 'x'", 'customer/tenant'],
  ])('a $filter on an unknown property (%s) is 400, not an empty page', async (filter, name) => {
    const error = await failure(admin.api(REL).filter(filter).get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('badRequest');
    expect(error.message).toContain(`'${name}'`);
  });

  it('an unknown property in $select or $orderby is 400 too', async () => {
    expect((await failure(admin.api(REL).select('id,nmae').get())).statusCode).toBe(400);
    expect((await failure(admin.api(REL).orderby('created').get())).statusCode).toBe(400);
  });

  it('$orderby sorts and $count counts, as the list docs say', async () => {
    const sorted = (await admin.api(REL).orderby('displayName desc').top(300).get()) as {
      value: Array<{ displayName: string }>;
    };
    const names = sorted.value.map((r) => r.displayName);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })));
    const counted = (await admin.api(REL).filter("status eq 'active'").count(true).top(1).get()) as {
      '@odata.count': number;
      value: unknown[];
    };
    const active = sandbox.state.data.relationships.filter((r) => r.status === 'active').length;
    expect(counted['@odata.count']).toBe(active);
    expect(counted.value).toHaveLength(1);
  });
});

describe('4b. directory lists: $orderby and $count as advanced queries', () => {
  it('sorts users by name by default; $count and other sorts need ConsistencyLevel: eventual', async () => {
    const byName = (await admin.api('/users').orderby('displayName desc').get()) as {
      value: Array<{ displayName: string }>;
    };
    const names = byName.value.map((u) => u.displayName);
    expect(names.length).toBeGreaterThan(2);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })));

    const count = await failure(admin.api('/users').count(true).get());
    expect(count.statusCode).toBe(400);
    expect(count.code).toBe('Request_BadRequest');
    const sort = await failure(admin.api('/users').orderby('mail').get());
    expect(sort.statusCode).toBe(400);
    expect(sort.code).toBe('Request_UnsupportedQuery');

    const advanced = (await admin
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .orderby('mail desc')
      .get()) as { '@odata.count': number; value: Array<{ mail: string }> };
    expect(advanced['@odata.count']).toBe(names.length);
    const mails = advanced.value.map((u) => u.mail);
    expect(new Set(mails).size).toBeGreaterThan(2);
    expect(mails).toEqual([...mails].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })));
    const groups = (await admin.api('/groups').orderby('displayName').get()) as {
      value: Array<{ displayName: string }>;
    };
    const groupNames = groups.value.map((g) => g.displayName);
    expect(groupNames).toEqual(
      [...groupNames].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
  });
});

describe('5. relationship requests and operations as documented', () => {
  it('lockForApproval answers a request born `created`, typed; it succeeds afterwards', async () => {
    const created = (await admin
      .api(REL)
      .post(draft({ customer: { tenantId: customerOfKind('created') } }))) as {
      id: string;
    };
    const lock = (await admin
      .api(`${REL}/${created.id}/requests`)
      .post({ action: 'lockForApproval' })) as Record<string, string>;
    expect(lock).toMatchObject({
      '@odata.type': '#microsoft.graph.delegatedAdminRelationshipRequest',
      action: 'lockForApproval',
      status: 'created',
    });
    expect(lock['@odata.context']).toMatch(/\$metadata#requests$/);
    const later = (await admin.api(`${REL}/${created.id}/requests/${lock.id}`).get()) as { status: string };
    expect(later.status).toBe('succeeded');
  });

  it('`reject` exists only with Prefer: include-unknown-enum-members, and is not the partner’s to send', async () => {
    const created = (await admin.api(REL).post(draft())) as { id: string };
    const unknown = await failure(admin.api(`${REL}/${created.id}/requests`).post({ action: 'reject' }));
    expect(unknown.statusCode).toBe(400);
    const known = await failure(
      admin.api(`${REL}/${created.id}/requests`).headers(PREFER_ALL).post({ action: 'reject' }),
    );
    expect(known.statusCode).toBe(403);

    // A customer who declines leaves a `reject` request: read as unknownFutureValue without Prefer.
    const customer = customerOfKind('created', 1);
    const declined = (await admin.api(REL).post(draft({ customer: { tenantId: customer } }))) as {
      id: string;
    };
    await admin.api(`${REL}/${declined.id}/requests`).post({ action: 'lockForApproval' });
    await approveAsCustomerAdmin(sandbox, declined.id, customer, 'decline');
    const plain = (await admin.api(`${REL}/${declined.id}/requests`).get()) as {
      value: Array<{ action: string }>;
    };
    expect(plain.value.map((q) => q.action)).toEqual(['lockForApproval', 'unknownFutureValue']);
    const all = (await admin.api(`${REL}/${declined.id}/requests`).headers(PREFER_ALL).get()) as {
      value: Array<{ action: string }>;
    };
    expect(all.value.map((q) => q.action)).toEqual(['lockForApproval', 'reject']);
  });

  it('an access assignment update’s operation carries the assignment as its data', async () => {
    const customer = customerOfKind('active');
    const rel = sandbox.state.data.relationships.find(
      (r) => r.customer?.tenantId === customer && r.status === 'active',
    );
    const assignment = sandbox.state.data.accessAssignments.find(
      (a) => a.relationshipId === rel?.id && a.status === 'active',
    );
    expect(assignment).toBeDefined();
    if (!rel || !assignment) return;
    const path = `${REL}/${rel.id}/accessAssignments/${assignment.id}`;
    const current = (await admin.api(path).get()) as { '@odata.etag': string };
    const roles = rel.accessDetails.unifiedRoles.map((u) => ({ roleDefinitionId: u.roleDefinitionId }));
    const answer = (await admin
      .api(path)
      .header('If-Match', current['@odata.etag'])
      .responseType(ResponseType.RAW)
      .patch({ accessDetails: { unifiedRoles: roles } })) as Response;
    expect(answer.status).toBe(202);
    const operation = (await admin.api(answer.headers.get('location') ?? '').get()) as {
      operationType: string;
      data: string;
    };
    expect(operation.operationType).toBe('delegatedAdminAccessAssignmentUpdate');
    expect(JSON.parse(operation.data)).toMatchObject({
      id: assignment.id,
      accessContainer: {
        accessContainerId: assignment.accessContainer.accessContainerId,
        accessContainerType: 'securityGroup',
      },
      accessDetails: { unifiedRoles: expect.arrayContaining(roles) },
      status: expect.any(String),
    });
  });
});

describe('6. GDAP errors in Graph’s camelCase', () => {
  it('a malformed relationship ID is 400 badRequest; a well-formed unknown one 404 notFound', async () => {
    for (const id of ['not-a-relationship', '12345', "' or 1 eq 1"]) {
      const error = await failure(admin.api(`${REL}/${encodeURIComponent(id)}`).get());
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('badRequest');
      expect(error.message).toBe('The passed in delegatedAdminRelationshipId is invalid.');
    }
    const unknown = `${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}-${'2'.repeat(8)}-2222-2222-2222-${'2'.repeat(12)}`;
    const missing = await failure(admin.api(`${REL}/${unknown}`).get());
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('notFound');
    const bad = await failure(admin.api(REL).post(draft({ duration: 'P0D' })));
    expect(bad.code).toBe('badRequest');
  });
});

describe('7. transport: size, content type, and the shape of auth and parse errors', () => {
  it('a body over 4 MiB is 413 (Graph and ARM), one just under is read', async () => {
    const big = await failure(admin.api(REL).post(draft({ displayName: 'x'.repeat(4 * 1024 * 1024 + 10) })));
    expect(big.statusCode).toBe(413);
    const under = await failure(
      admin.api(REL).post(draft({ displayName: 'x'.repeat(4 * 1024 * 1024 - 500) })),
    );
    expect(under.statusCode).toBe(400); // read, then refused for the name's length
    const arm = await sandbox.fetch(
      `${sandbox.baseUrl}/arm/providers/Microsoft.Authorization/elevateAccess?api-version=2015-07-01`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${armToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }),
      },
    );
    expect(arm.status).toBe(413);
  });

  it('a body that is not JSON is 415, and ARM names it UnsupportedMediaType', async () => {
    const graph = await failure(admin.api(REL).header('Content-Type', 'text/plain').post('displayName=x'));
    expect(graph.statusCode).toBe(415);
    const arm = await sandbox.fetch(
      `${sandbox.baseUrl}/arm/providers/Microsoft.Authorization/elevateAccess?api-version=2015-07-01`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${armToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=b',
      },
    );
    expect(arm.status).toBe(415);
    expect(((await arm.json()) as { error: { code: string } }).error.code).toBe('UnsupportedMediaType');
  });

  it('invalid JSON to ARM gets an ARM-shaped error', async () => {
    const arm = await sandbox.fetch(
      `${sandbox.baseUrl}/arm/providers/Microsoft.Authorization/elevateAccess?api-version=2015-07-01`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${armToken}`, 'content-type': 'application/json' },
        body: '{"unterminated": ',
      },
    );
    expect(arm.status).toBe(400);
    const json = (await arm.json()) as { error: Record<string, unknown> };
    expect(json.error.code).toBe('InvalidRequestContent');
    expect(Object.keys(json.error).sort()).toEqual(['code', 'message']);
  });

  it('a Graph 401 says where to get a token (WWW-Authenticate)', async () => {
    for (const token of ['', 'not-a-token', armToken]) {
      const error = await failure(graphClientWithToken(sandbox, token).api(REL).get());
      expect(error.statusCode).toBe(401);
      const header = error.headers?.get('www-authenticate') ?? '';
      expect(header).toMatch(/^Bearer /);
      expect(header).toContain(`authorization_uri="${sandbox.baseUrl}/common/oauth2/authorize"`);
    }
  });
});

describe('8. device code: the token carries what the devicecode request asked for', () => {
  it('a scope-less poll (RFC 8628) gets the scopes the person agreed to', async () => {
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const start = (await (
      await sandbox.fetch(
        `${sandbox.baseUrl}/organizations/oauth2/v2.0/devicecode`,
        form({
          client_id: sandbox.publicClientId,
          scope: 'https://graph.microsoft.com/DelegatedAdminRelationship.ReadWrite.All offline_access',
        }),
      )
    ).json()) as { device_code: string; user_code: string; verification_uri: string };
    await enterDeviceCode(sandbox, start.verification_uri, start.user_code, sandbox.upn('admin'));
    const answer = (await (
      await sandbox.fetch(
        `${sandbox.baseUrl}/organizations/oauth2/v2.0/token`,
        form({
          client_id: sandbox.publicClientId,
          grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
          device_code: start.device_code,
        }),
      )
    ).json()) as { access_token: string; scope: string };
    const claims = JSON.parse(
      Buffer.from(answer.access_token.split('.')[1] ?? '', 'base64url').toString(),
    ) as {
      scp: string;
      aud: string;
    };
    expect(claims.aud).toBe('https://graph.microsoft.com');
    expect(claims.scp.split(' ')).toEqual(['DelegatedAdminRelationship.ReadWrite.All']);
    // And Graph takes it for what was asked.
    const listed = (await graphClientWithToken(sandbox, answer.access_token).api(REL).top(1).get()) as {
      value: unknown[];
    };
    expect(listed.value).toHaveLength(1);
  });

  it('a devicecode request for a scope that is not valid is refused at once', async () => {
    const res = await sandbox.fetch(`${sandbox.baseUrl}/organizations/oauth2/v2.0/devicecode`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: sandbox.publicClientId,
        scope: 'https://graph.microsoft.com/User.Read https://management.azure.com/user_impersonation',
      }).toString(),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_scope');
  });
});
