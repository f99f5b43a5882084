/**
 * The sandbox's Azure Resource Manager, driven through the real @azure/arm-authorization 9 client
 * (endpoint `${base}/arm`, the sandbox CA injected through the pipeline's TLS options) with tokens
 * from msal-node. Raw fetch only for what the SDK cannot say (missing api-version, the root list,
 * Microsoft.PortalServices, which has no client in this repo).
 */
import type { AccountInfo } from '@azure/msal-node';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armTlsOptions } from '../../main/core/platform/cloud/transport';
import { ARM_ROLES, ROLE_ASSIGNMENT_PAGE_SIZE } from '../../main/sandbox/arm';
import { publicClient, scriptedBrowser, startTestSandbox, type TestSandbox } from './helpers/sandbox';

const ARM_SCOPE = ['https://management.azure.com/.default'];
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
let sandbox: TestSandbox;
/** Customers with a subscription, one per test that elevates (elevation is per tenant). */
let subs: Array<{ tenantId: string; subscriptionId: string }>;

interface Cred {
  credential: TokenCredential;
  oid: string;
  raw: () => Promise<string>;
}

/** A TokenCredential backed by msal-node against the sandbox (the shape the ARM SDK wants). */
async function credentialFor(upn: string, tenant: string): Promise<Cred> {
  const pca = publicClient(sandbox, tenant);
  const first = await pca.acquireTokenInteractive({
    scopes: ARM_SCOPE,
    openBrowser: scriptedBrowser(sandbox, upn).openBrowser,
  });
  const account = first.account as AccountInfo;
  const silent = (forceRefresh: boolean) =>
    pca.acquireTokenSilent({
      account,
      scopes: ARM_SCOPE,
      authority: `${sandbox.baseUrl}/${tenant}`,
      forceRefresh,
    });
  return {
    oid: JSON.parse(Buffer.from(first.accessToken.split('.')[1] ?? '', 'base64url').toString()).oid,
    raw: async () => (await silent(false)).accessToken,
    credential: {
      getToken: async () => {
        const r = await silent(true);
        return { token: r.accessToken, expiresOnTimestamp: r.expiresOn?.getTime() ?? Date.now() + 3_600_000 };
      },
    },
  };
}

function armClient(credential: TokenCredential, subscriptionId = 'unused'): AuthorizationManagementClient {
  return new AuthorizationManagementClient(credential, subscriptionId, {
    endpoint: `${sandbox.baseUrl}/arm`,
    credentialScopes: ARM_SCOPE,
    ...armTlsOptions(sandbox.caPem),
  });
}

const adminOf = (tenantId: string) => `admin@${sandbox.state.tenant(tenantId)?.defaultDomain}`;
type Failure = { statusCode?: number; code?: string; message?: string };
const failure = (e: unknown) => e as Failure;
const roleDef = (id: string) => `/providers/Microsoft.Authorization/roleDefinitions/${id}`;

async function armFetch(
  cred: Cred,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await sandbox.fetch(`${sandbox.baseUrl}/arm${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${await cred.raw()}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 13 });
  subs = sandbox.state.data.subscriptions.map((s) => ({
    tenantId: s.tenantId,
    subscriptionId: s.subscriptionId,
  }));
  expect(subs.length).toBeGreaterThanOrEqual(5);
});
afterAll(() => sandbox.dispose());

describe('elevateAccess and role assignments through @azure/arm-authorization', () => {
  it('elevates a Global Administrator, who then assigns, lists and deletes at a subscription and at /, then removes the elevation', async () => {
    const { tenantId, subscriptionId } = subs[0] as (typeof subs)[number];
    const ga = await credentialFor(adminOf(tenantId), tenantId);
    const client = armClient(ga.credential, subscriptionId);
    const subScope = `subscriptions/${subscriptionId}`;

    // Before elevation: no right to assign, and the subscription is not visible.
    const before = await client.roleAssignments
      .create(subScope, crypto.randomUUID(), {
        roleDefinitionId: roleDef(ARM_ROLES.reader),
        principalId: ga.oid,
      })
      .catch(failure);
    expect(before).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect((before as Failure).message).toContain(
      `with object id '${ga.oid}' does not have authorization to perform action`,
    );
    expect((before as Failure).message).toContain(
      `'Microsoft.Authorization/roleAssignments/write' over scope '/${subScope}'`,
    );
    expect((await armFetch(ga, '/subscriptions?api-version=2022-12-01')).json.value).toEqual([]);

    await client.globalAdministrator.elevateAccess();
    await client.globalAdministrator.elevateAccess(); // twice is harmless: one assignment
    const subsAfter = (await armFetch(ga, '/subscriptions?api-version=2022-12-01')).json.value as Array<{
      subscriptionId: string;
    }>;
    expect(subsAfter.map((s) => s.subscriptionId)).toEqual([subscriptionId]);

    // At the subscription.
    const name = crypto.randomUUID();
    const created = await client.roleAssignments.create(subScope, name, {
      roleDefinitionId: `/${subScope}/providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.reader}`,
      principalId: ga.oid,
      principalType: 'User',
    });
    expect(created).toMatchObject({
      id: `/${subScope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/roleAssignments',
      principalId: ga.oid,
      principalType: 'User',
      scope: `/${subScope}`,
      roleDefinitionId: `/${subScope}/providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.reader}`,
      createdBy: ga.oid,
    });
    // The same PUT again is accepted; another name for the same principal, role and scope is not.
    await expect(
      client.roleAssignments.create(subScope, name, {
        roleDefinitionId: roleDef(ARM_ROLES.reader),
        principalId: ga.oid,
      }),
    ).resolves.toMatchObject({ name });
    const duplicate = await client.roleAssignments
      .create(subScope, crypto.randomUUID(), {
        roleDefinitionId: roleDef(ARM_ROLES.reader),
        principalId: ga.oid,
      })
      .catch(failure);
    expect(duplicate).toMatchObject({ statusCode: 409, code: 'RoleAssignmentExists' });
    const wrongType = await client.roleAssignments
      .create(subScope, crypto.randomUUID(), {
        roleDefinitionId: roleDef(ARM_ROLES.contributor),
        principalId: ga.oid,
        principalType: 'Group',
      })
      .catch(failure);
    expect(wrongType).toMatchObject({ statusCode: 400, code: 'UnmatchedPrincipalType' });

    expect(await client.roleAssignments.get(subScope, name)).toMatchObject({ name });
    const forSub = await collect(client.roleAssignments.listForSubscription());
    expect(forSub.map((a) => a.name)).toContain(name);
    const mine = await collect(
      client.roleAssignments.listForScope(subScope, { filter: `principalId eq '${ga.oid}'` }),
    );
    // The elevation at / is above the subscription, so it is listed there too.
    expect(mine.map((a) => a.scope).sort()).toEqual(['/', `/${subScope}`]);

    expect(await client.roleAssignments.delete(subScope, name)).toMatchObject({ name });
    const gone = await client.roleAssignments.get(subScope, name).catch(failure);
    expect(gone).toMatchObject({ statusCode: 404, code: 'RoleAssignmentNotFound' });
    // Deleting again: 204, which the SDK reports as nothing.
    const again = await sandbox.fetch(
      `${sandbox.baseUrl}/arm/${subScope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`,
      { method: 'DELETE', headers: { authorization: `Bearer ${await ga.raw()}` } },
    );
    expect(again.status).toBe(204);

    // At the root scope ('/'): the SDK's "/" scope becomes '//providers/...', which ARM (and the sandbox) collapse.
    const rootName = crypto.randomUUID();
    const atRoot = await client.roleAssignments.create('/', rootName, {
      roleDefinitionId: roleDef(ARM_ROLES.reader),
      principalId: ga.oid,
    });
    expect(atRoot).toMatchObject({
      id: `/providers/Microsoft.Authorization/roleAssignments/${rootName}`,
      scope: '/',
      roleDefinitionId: roleDef(ARM_ROLES.reader),
    });
    const atScope = await collect(client.roleAssignments.listForScope('/', { filter: 'atScope()' }));
    expect(atScope.map((a) => a.name)).toContain(rootName);
    expect(atScope.every((a) => a.scope === '/')).toBe(true);
    await client.roleAssignments.deleteById(`providers/Microsoft.Authorization/roleAssignments/${rootName}`);

    // Remove the elevation the documented way: list at / for the caller, delete the UAA at '/'.
    const rootList = await armFetch(
      ga,
      `/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=principalId+eq+'${ga.oid}'`,
    );
    const elevated = (
      rootList.json.value as Array<{ name: string; properties: { scope: string; roleDefinitionId: string } }>
    ).find(
      (a) =>
        a.properties.scope === '/' &&
        a.properties.roleDefinitionId.endsWith(ARM_ROLES.userAccessAdministrator),
    );
    expect(elevated).toBeDefined();
    await client.roleAssignments.deleteById(
      `providers/Microsoft.Authorization/roleAssignments/${elevated?.name}`,
    );
    const after = await client.roleAssignments
      .create(subScope, crypto.randomUUID(), {
        roleDefinitionId: roleDef(ARM_ROLES.owner),
        principalId: ga.oid,
      })
      .catch(failure);
    expect(after).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
  });

  it('refuses elevation and assignment to a user who is not Global Administrator there', async () => {
    // The analyst reaches a customer through GDAP (Security Reader): a token for that tenant, without GA.
    const analystId =
      sandbox.state.data.users.find((u) => u.userPrincipalName === sandbox.upn('analyst'))?.id ?? '';
    const { tenantId, subscriptionId } =
      subs.find((s) => sandbox.state.gdapRoleIds(analystId, s.tenantId).length > 0) ??
      (subs[1] as (typeof subs)[number]);
    const wids = sandbox.state.gdapRoleIds(analystId, tenantId);
    expect(wids.length).toBeGreaterThan(0);
    expect(wids).not.toContain(GLOBAL_ADMIN);
    const analyst = await credentialFor(sandbox.upn('analyst'), tenantId);
    const client = armClient(analyst.credential, subscriptionId);
    const denied = await client.globalAdministrator.elevateAccess().catch(failure);
    expect(denied).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect((denied as Failure).message).toContain("'Microsoft.Authorization/elevateAccess/action'");
    const assign = await client.roleAssignments
      .create(`subscriptions/${subscriptionId}`, crypto.randomUUID(), {
        roleDefinitionId: roleDef(ARM_ROLES.owner),
        principalId: analyst.oid,
      })
      .catch(failure);
    expect(assign).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    const list = await collect(client.roleAssignments.listForScope(`subscriptions/${subscriptionId}`)).catch(
      failure,
    );
    expect(list).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
  });

  it('filters assignedTo() through group membership and pages long lists with nextLink', async () => {
    const { tenantId, subscriptionId } = subs[2] as (typeof subs)[number];
    const ga = await credentialFor(adminOf(tenantId), tenantId);
    const client = armClient(ga.credential, subscriptionId);
    await client.globalAdministrator.elevateAccess();
    const groupId = crypto.randomUUID();
    sandbox.state.data.groups.push({
      id: groupId,
      tenantId,
      displayName: 'Azure readers',
      description: '',
      members: [ga.oid],
    });
    const scope = `subscriptions/${subscriptionId}`;
    const viaGroup = await client.roleAssignments.create(scope, crypto.randomUUID(), {
      roleDefinitionId: roleDef(ARM_ROLES.reader),
      principalId: groupId,
    });
    expect(viaGroup.principalType).toBe('Group');
    const assignedTo = await collect(
      client.roleAssignments.listForScope(scope, { filter: `assignedTo('${ga.oid}')` }),
    );
    expect(assignedTo.map((a) => a.principalId)).toContain(groupId);
    const principal = await collect(
      client.roleAssignments.listForScope(scope, { filter: `principalId eq '${ga.oid}'` }),
    );
    expect(principal.map((a) => a.principalId)).not.toContain(groupId);
    const combined = await collect(
      client.roleAssignments.listForScope(scope, { filter: `atScope() and assignedTo('${ga.oid}')` }),
    );
    expect(combined.map((a) => a.principalId).sort()).toEqual([ga.oid, groupId].sort());
    const badFilter = await collect(
      client.roleAssignments.listForScope(scope, { filter: "roleName eq 'x'" }),
    ).catch(failure);
    expect(badFilter).toMatchObject({ statusCode: 400, code: 'UnsupportedQuery' });

    // Many assignments at a resource group below the subscription: the SDK follows nextLink.
    const many = ROLE_ASSIGNMENT_PAGE_SIZE * 2 + 5;
    for (let i = 0; i < many; i++) {
      sandbox.state.data.armRoleAssignments.push({
        name: crypto.randomUUID(),
        tenantId,
        scope: `/${scope}/resourceGroups/rg-${i}`,
        roleDefinitionId: ARM_ROLES.reader,
        principalId: groupId,
        principalType: 'Group',
        createdOn: new Date().toISOString(),
      });
    }
    const first = await armFetch(
      ga,
      `/${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
    );
    expect((first.json.value as unknown[]).length).toBe(ROLE_ASSIGNMENT_PAGE_SIZE);
    expect(String(first.json.nextLink)).toContain('$skipToken=');
    const all = await collect(client.roleAssignments.listForScope(scope));
    expect(all.length).toBe(many + 2); // + the group's Reader and the elevation at '/'
    expect(new Set(all.map((a) => a.name)).size).toBe(all.length);
  });
});

describe('role definitions, api-version and tokens', () => {
  it('lists role definitions with a roleName filter and gets one by ID', async () => {
    const { tenantId, subscriptionId } = subs[3] as (typeof subs)[number];
    const ga = await credentialFor(adminOf(tenantId), tenantId);
    const client = armClient(ga.credential, subscriptionId);
    const copilot = await collect(
      client.roleDefinitions.list('providers/Microsoft.PortalServices', {
        filter: "roleName eq 'Azure Copilot User'",
      }),
    );
    expect(copilot).toHaveLength(1);
    expect(copilot[0]).toMatchObject({
      name: ARM_ROLES.copilotForAzureUser,
      roleName: 'Azure Copilot User',
      roleType: 'BuiltInRole',
      assignableScopes: ['/providers/Microsoft.PortalServices'],
    });
    // Renamed from "Copilot for Azure User": the former name finds nothing.
    const former = await collect(
      client.roleDefinitions.list('providers/Microsoft.PortalServices', {
        filter: "roleName eq 'Copilot for Azure User'",
      }),
    );
    expect(former).toEqual([]);
    const uaa = await collect(
      client.roleDefinitions.list(`subscriptions/${subscriptionId}`, {
        filter: "roleName eq 'User Access Administrator'",
      }),
    );
    expect(uaa.map((d) => d.id)).toEqual([
      `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.userAccessAdministrator}`,
    ]);
    expect(uaa[0]?.permissions?.[0]?.actions).toContain('Microsoft.Authorization/*');
    const all = await collect(client.roleDefinitions.list(`subscriptions/${subscriptionId}`));
    expect(all.map((d) => d.roleName).sort()).toEqual(
      ['Contributor', 'Owner', 'Reader', 'User Access Administrator'].sort(),
    );
    const owner = await client.roleDefinitions.getById(
      `providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.owner}`,
    );
    expect(owner).toMatchObject({ roleName: 'Owner', name: ARM_ROLES.owner });
    const missing = await client.roleDefinitions
      .get(`subscriptions/${subscriptionId}`, crypto.randomUUID())
      .catch(failure);
    expect(missing).toMatchObject({ statusCode: 404, code: 'RoleDefinitionDoesNotExist' });
  });

  it('checks api-version on every route and refuses an expired token with 401', async () => {
    const { tenantId, subscriptionId } = subs[3] as (typeof subs)[number];
    const ga = await credentialFor(adminOf(tenantId), tenantId);
    const paths = [
      '/subscriptions',
      '/providers/Microsoft.Authorization/roleAssignments',
      `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions`,
      '/providers/Microsoft.PortalServices/copilotSettings/default',
    ];
    for (const path of paths) {
      const missing = await armFetch(ga, path);
      expect(missing.status, path).toBe(400);
      expect(missing.json, path).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
      const bad = await armFetch(ga, `${path}?api-version=1999-01-01`);
      expect(bad.status, path).toBe(400);
      expect(bad.json, path).toMatchObject({ error: { code: 'InvalidApiVersionParameter' } });
    }
    const elevate = await armFetch(
      ga,
      '/providers/Microsoft.Authorization/elevateAccess?api-version=2099-01-01',
      {
        method: 'POST',
      },
    );
    expect((elevate.json.error as { message: string }).message).toContain('2016-07-01');

    // Another tenant's subscription: 401 naming the right tenant; an unknown one: 404.
    const other = subs[0] as (typeof subs)[number];
    expect(other.tenantId).not.toBe(tenantId);
    const foreign = await armClient(ga.credential, other.subscriptionId)
      .roleAssignments.get(`subscriptions/${other.subscriptionId}`, crypto.randomUUID())
      .catch(failure);
    expect(foreign).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationTokenTenant' });
    const raw = await sandbox.fetch(
      `${sandbox.baseUrl}/arm/subscriptions/${other.subscriptionId}?api-version=2022-12-01`,
      { headers: { authorization: `Bearer ${await ga.raw()}` } },
    );
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toContain(
      `authorization_uri="${sandbox.baseUrl}/${other.tenantId}"`,
    );
    const unknownSub = await armFetch(
      ga,
      `/subscriptions/${crypto.randomUUID()}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
    );
    expect(unknownSub).toMatchObject({ status: 404, json: { error: { code: 'SubscriptionNotFound' } } });

    const token = await ga.raw();
    sandbox.clock.advance(2 * 3_600_000);
    try {
      const expired = await sandbox.fetch(`${sandbox.baseUrl}/arm/subscriptions?api-version=2022-12-01`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ error: { code: 'ExpiredAuthenticationToken' } });
      expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
      const unauthenticated = await sandbox.fetch(
        `${sandbox.baseUrl}/arm/subscriptions?api-version=2022-12-01`,
      );
      expect(unauthenticated.status).toBe(401);
    } finally {
      sandbox.clock.advance(-2 * 3_600_000);
    }
  });
});

describe('Copilot in Azure (Microsoft.PortalServices)', () => {
  it('an elevated Global Administrator restricts access and assigns Copilot for Azure User', async () => {
    const { tenantId, subscriptionId } = subs[4] as (typeof subs)[number];
    const ga = await credentialFor(adminOf(tenantId), tenantId);
    const client = armClient(ga.credential, subscriptionId);
    const url = '/providers/Microsoft.PortalServices/copilotSettings/default?api-version=2024-04-01';

    // Never written: 404. Not elevated: no write.
    expect(await armFetch(ga, url)).toMatchObject({
      status: 404,
      json: { error: { code: 'ResourceNotFound' } },
    });
    const notElevated = await armFetch(ga, url, {
      method: 'PUT',
      body: { properties: { accessControlEnabled: true } },
    });
    expect(notElevated).toMatchObject({ status: 403, json: { error: { code: 'AuthorizationFailed' } } });

    await client.globalAdministrator.elevateAccess();
    const patchFirst = await armFetch(ga, url, {
      method: 'PATCH',
      body: { properties: { accessControlEnabled: true } },
    });
    expect(patchFirst.status).toBe(404);
    const invalid = await armFetch(ga, url, { method: 'PUT', body: { properties: {} } });
    expect(invalid).toMatchObject({ status: 400, json: { error: { code: 'InvalidRequestContent' } } });
    const put = await armFetch(ga, url, {
      method: 'PUT',
      body: { properties: { accessControlEnabled: true } },
    });
    expect(put.status).toBe(201);
    expect(put.json).toMatchObject({
      id: '/providers/Microsoft.PortalServices/copilotSettings/default',
      name: 'default',
      type: 'Microsoft.PortalServices/copilotSettings',
      properties: { accessControlEnabled: true, provisioningState: 'Succeeded' },
    });
    // A tenant-level proxy resource: no location on 2024-04-01.
    expect(put.json).not.toHaveProperty('location');
    expect(await armFetch(ga, url)).toMatchObject({
      status: 200,
      json: { properties: { accessControlEnabled: true } },
    });
    const patch = await armFetch(ga, url, {
      method: 'PATCH',
      body: { properties: { accessControlEnabled: false } },
    });
    expect(patch).toMatchObject({ status: 200, json: { properties: { accessControlEnabled: false } } });
    const putAgain = await armFetch(ga, url, {
      method: 'PUT',
      body: { properties: { accessControlEnabled: true } },
    });
    expect(putAgain.status).toBe(200);
    expect(sandbox.state.data.copilotSettings.filter((s) => s.tenantId === tenantId)).toHaveLength(1);

    // Copilot for Azure User at /providers/Microsoft.PortalServices: create, list with $filter, get, delete.
    const scope = 'providers/Microsoft.PortalServices';
    const name = crypto.randomUUID();
    const assignment = await client.roleAssignments.create(scope, name, {
      roleDefinitionId: roleDef(ARM_ROLES.copilotForAzureUser),
      principalId: ga.oid,
    });
    expect(assignment).toMatchObject({
      id: `/${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      scope: `/${scope}`,
      roleDefinitionId: roleDef(ARM_ROLES.copilotForAzureUser),
    });
    const listed = await collect(client.roleAssignments.listForScope(scope, { filter: 'atScope()' }));
    expect(listed.map((a) => a.name)).toContain(name);
    expect(await client.roleAssignments.get(scope, name)).toMatchObject({ name });
    // Outside its assignable scopes the role cannot be assigned.
    const atSub = await client.roleAssignments
      .create(`subscriptions/${subscriptionId}`, crypto.randomUUID(), {
        roleDefinitionId: roleDef(ARM_ROLES.copilotForAzureUser),
        principalId: ga.oid,
      })
      .catch(failure);
    expect(atSub).toMatchObject({ statusCode: 400, code: 'InvalidRoleAssignmentScope' });
    await client.roleAssignments.delete(scope, name);
    expect(
      await collect(client.roleAssignments.listForScope(scope, { filter: 'atScope()' })),
    ).not.toContainEqual(expect.objectContaining({ name }));

    // Delete the settings: back to the default (no resource).
    expect((await armFetch(ga, url, { method: 'DELETE' })).status).toBe(200);
    expect((await armFetch(ga, url, { method: 'DELETE' })).status).toBe(204);
    expect((await armFetch(ga, url)).status).toBe(404);
  });
});
