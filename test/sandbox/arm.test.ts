import type { AccountInfo } from '@azure/msal-node';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armTlsOptions } from '../../main/core/cloud/transport';
import { ARM_ROLES } from '../../main/sandbox/arm';
import { publicClient, scriptedBrowser, startTestSandbox, type TestSandbox } from './helpers/sandbox';

const ARM_SCOPE = ['https://management.azure.com/.default'];
let sandbox: TestSandbox;
let customer: string;
let subscriptionId: string;

/** A TokenCredential backed by msal-node against the sandbox (the shape the ARM SDK wants). */
async function credentialFor(
  upn: string,
  tenant: string,
): Promise<{ credential: TokenCredential; oid: string; raw: () => Promise<string> }> {
  const pca = publicClient(sandbox, tenant);
  const first = await pca.acquireTokenInteractive({
    scopes: ARM_SCOPE,
    openBrowser: scriptedBrowser(sandbox, upn).openBrowser,
  });
  const account = first.account as AccountInfo;
  const raw = async () =>
    (await pca.acquireTokenSilent({ account, scopes: ARM_SCOPE, authority: `${sandbox.baseUrl}/${tenant}` }))
      .accessToken;
  return {
    oid: JSON.parse(Buffer.from(first.accessToken.split('.')[1] ?? '', 'base64url').toString()).oid,
    raw,
    credential: {
      getToken: async () => {
        const r = await pca.acquireTokenSilent({
          account,
          scopes: ARM_SCOPE,
          authority: `${sandbox.baseUrl}/${tenant}`,
          forceRefresh: true,
        });
        return { token: r.accessToken, expiresOnTimestamp: r.expiresOn?.getTime() ?? Date.now() + 3_600_000 };
      },
    },
  };
}

function armClient(credential: TokenCredential): AuthorizationManagementClient {
  return new AuthorizationManagementClient(credential, subscriptionId, {
    endpoint: `${sandbox.baseUrl}/arm`,
    credentialScopes: ARM_SCOPE,
    ...armTlsOptions(sandbox.caPem),
  });
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 10 });
  const sub = sandbox.state.data.subscriptions[0];
  customer = sub?.tenantId ?? '';
  subscriptionId = sub?.subscriptionId ?? '';
});
afterAll(() => sandbox.dispose());

describe('ARM through @azure/arm-authorization', () => {
  it('elevates a Global Administrator, who can then assign roles and remove the elevation', async () => {
    const domain = sandbox.state.tenant(customer)?.defaultDomain;
    const ga = await credentialFor(`admin@${domain}`, customer);
    const client = armClient(ga.credential);

    // Before elevation: no right to assign at the subscription.
    const before = await client.roleAssignments
      .create(`subscriptions/${subscriptionId}`, crypto.randomUUID(), {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.reader}`,
        principalId: ga.oid,
      })
      .catch((e: { statusCode?: number; code?: string }) => e);
    expect(before).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });

    await client.globalAdministrator.elevateAccess();
    const name = crypto.randomUUID();
    const created = await client.roleAssignments.create(`subscriptions/${subscriptionId}`, name, {
      roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.reader}`,
      principalId: ga.oid,
    });
    expect(created).toMatchObject({ name, principalId: ga.oid, scope: `/subscriptions/${subscriptionId}` });
    const duplicate = await client.roleAssignments
      .create(`subscriptions/${subscriptionId}`, crypto.randomUUID(), {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.reader}`,
        principalId: ga.oid,
      })
      .catch((e: { statusCode?: number; code?: string }) => e);
    expect(duplicate).toMatchObject({ statusCode: 409, code: 'RoleAssignmentExists' });

    const listed = [];
    for await (const a of client.roleAssignments.listForScope(`subscriptions/${subscriptionId}`, {
      filter: `principalId eq '${ga.oid}'`,
    }))
      listed.push(a);
    expect(listed.map((a) => a.name)).toContain(name);

    // Copilot in Azure: restrict access tenant-wide, then assign the Copilot for Azure User role.
    const url = `${sandbox.baseUrl}/arm/providers/Microsoft.PortalServices/copilotSettings/default?api-version=2024-04-01`;
    const put = await sandbox.fetch(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await ga.raw()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { accessControlEnabled: true } }),
    });
    expect(put.status).toBe(200);
    expect(
      (
        (await (
          await sandbox.fetch(url, { headers: { authorization: `Bearer ${await ga.raw()}` } })
        ).json()) as { properties: { accessControlEnabled: boolean } }
      ).properties.accessControlEnabled,
    ).toBe(true);
    const copilotRole = await client.roleAssignments.create(
      'providers/Microsoft.PortalServices',
      crypto.randomUUID(),
      {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.copilotForAzureUser}`,
        principalId: ga.oid,
      },
    );
    expect(copilotRole.scope).toBe('/providers/Microsoft.PortalServices');

    // Remove the elevation: find the User Access Administrator assignment at '/' and delete it.
    const rootList = (await (
      await sandbox.fetch(
        `${sandbox.baseUrl}/arm/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=principalId+eq+'${ga.oid}'`,
        {
          headers: { authorization: `Bearer ${await ga.raw()}` },
        },
      )
    ).json()) as { value: Array<{ name: string; properties: { scope: string; roleDefinitionId: string } }> };
    const elevated = rootList.value.find(
      (a) =>
        a.properties.scope === '/' &&
        a.properties.roleDefinitionId.endsWith(ARM_ROLES.userAccessAdministrator),
    );
    expect(elevated).toBeDefined();
    await client.roleAssignments.deleteById(
      `providers/Microsoft.Authorization/roleAssignments/${elevated?.name}`,
    );
    const after = await client.roleAssignments
      .create(`subscriptions/${subscriptionId}`, crypto.randomUUID(), {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ARM_ROLES.owner}`,
        principalId: ga.oid,
      })
      .catch((e: { statusCode?: number }) => e);
    expect(after).toMatchObject({ statusCode: 403 });
  });

  it('refuses elevation to someone who is not Global Administrator', async () => {
    const analyst = await credentialFor(sandbox.upn('analyst'), customer).catch(() => undefined);
    // The analyst reaches this customer only if it has a GDAP path or guest account; use the partner tenant otherwise.
    const cred = analyst ?? (await credentialFor(sandbox.upn('helpdesk'), sandbox.partnerTenantId));
    const denied = await armClient(cred.credential)
      .globalAdministrator.elevateAccess()
      .catch((e: { statusCode?: number; code?: string }) => e);
    expect(denied).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
  });

  it('lists role definitions with a roleName filter, checks api-version, and refuses an expired token', async () => {
    const domain = sandbox.state.tenant(customer)?.defaultDomain;
    const ga = await credentialFor(`admin@${domain}`, customer);
    const defs = [];
    for await (const d of armClient(ga.credential).roleDefinitions.list(
      'providers/Microsoft.PortalServices',
      { filter: "roleName eq 'Copilot for Azure User'" },
    ))
      defs.push(d);
    expect(defs.map((d) => d.roleName)).toEqual(['Copilot for Azure User']);

    const token = await ga.raw();
    const noVersion = await sandbox.fetch(`${sandbox.baseUrl}/arm/subscriptions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    const badVersion = await sandbox.fetch(`${sandbox.baseUrl}/arm/subscriptions?api-version=1999-01-01`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await badVersion.json()).toMatchObject({ error: { code: 'InvalidApiVersionParameter' } });

    sandbox.clock.advance(2 * 3_600_000);
    try {
      const expired = await sandbox.fetch(`${sandbox.baseUrl}/arm/subscriptions?api-version=2022-12-01`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ error: { code: 'ExpiredAuthenticationToken' } });
      expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    } finally {
      sandbox.clock.advance(-2 * 3_600_000);
    }
  });
});

describe('portal stand-ins', () => {
  it('Security Copilot shows the tenant and the analyst’s effective access, or why there is none', async () => {
    const tenants = sandbox.state.data.tenants.filter((t) => t.kind === 'customer');
    const analyst = sandbox.state.data.users.find((u) => u.userPrincipalName === sandbox.upn('analyst'));
    const cookie = `sbx_session=${analyst?.id}`;
    const json = async (tenantId: string) =>
      (await (
        await sandbox.fetch(
          `${sandbox.baseUrl}/portals/securitycopilot.microsoft.com/?tenantId=${tenantId}`,
          { headers: { cookie, accept: 'application/json' } },
        )
      ).json()) as {
        tenantName: string;
        access: {
          gdap: Array<{ roles: string[] }>;
          guest: { roles: string[] } | null;
          effectiveRoles: string[];
        };
        problem: string | null;
      };
    const viaGdap = await json(tenants[0]?.id ?? '');
    expect(viaGdap.access.effectiveRoles).toEqual(['Security Reader']);
    expect(viaGdap.access.gdap[0]?.roles).toEqual(['Security Reader']);
    const viaGuest = await json(tenants[5]?.id ?? '');
    expect(viaGuest.access.guest?.roles).toEqual(['Security Reader']);
    const none = await json(tenants[4]?.id ?? '');
    expect(none.access.effectiveRoles).toEqual([]);
    expect(none.problem).toContain('has no access');

    const hostile = await (
      await sandbox.fetch(
        `${sandbox.baseUrl}/portals/securitycopilot.microsoft.com/?tenantId=<script>alert(1)</script>`,
        { headers: { cookie } },
      )
    ).text();
    expect(hostile).not.toContain('<script>alert');
    expect(hostile).toContain('is not a tenant ID');
    const missing = await (
      await sandbox.fetch(`${sandbox.baseUrl}/portals/securitycopilot.microsoft.com/`)
    ).text();
    expect(missing).toContain('in-app tenant switch does not see GDAP');
  });
});
