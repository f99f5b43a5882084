/**
 * The sandbox state the Copilot in Azure e2e test (and its screenshot) start from: the app's own
 * sample (40 customers, seed 1, as the browser host generates it), plus what a partner sets up for
 * this work: Pat Partner-Admin is Global Administrator in one customer through GDAP (a partner group
 * mapped to the role on that customer's relationship that includes it), and that customer has an
 * "Azure Operators" group with one member, Olive Operator. Written where the browser host's sandbox
 * loads its state from (`<data folder>/sandbox/sandbox-state.json`) before it first starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { generateSample } from '../../main/sandbox/state/sample';
import { ROLE_IDS } from '../../shared/gdap/roles';

export interface AzureAccessSeed {
  readonly customerName: string;
  readonly tenantId: string;
  readonly operatorUpn: string;
  readonly adminUpn: string;
}

export function seedAzureAccessSandbox(dataDir: string): AzureAccessSeed {
  const data = generateSample({ customers: 40, seed: 1, now: new Date() });
  const pat = data.users.find((u) => u.userPrincipalName.startsWith('pat.admin@'));
  const relationship = data.relationships.find(
    (r) =>
      r.status === 'active' &&
      r.customer !== null &&
      r.accessDetails.unifiedRoles.some((x) => x.roleDefinitionId === ROLE_IDS.globalAdministrator),
  );
  if (!pat || !relationship?.customer) throw new Error('The sample has no Global Administrator relationship');
  const tenant = data.tenants.find((t) => t.id === relationship.customer?.tenantId);
  if (!tenant) throw new Error('The relationship names no known tenant');
  const now = new Date().toISOString();
  const adminsGroup = randomUUID();
  data.groups.push({
    id: adminsGroup,
    tenantId: data.partnerTenantId,
    displayName: 'Tenant Admins - Global Administrator',
    description: 'GDAP: Global Administrator in customer tenants',
    members: [pat.id],
  });
  data.accessAssignments.push({
    id: randomUUID(),
    relationshipId: relationship.id,
    accessContainer: { accessContainerId: adminsGroup, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLE_IDS.globalAdministrator }] },
    status: 'active',
    createdDateTime: now,
    lastModifiedDateTime: now,
    version: 1,
    settlesAt: null,
  });
  const operatorUpn = `olive.operator@${tenant.defaultDomain}`;
  const olive = {
    ...(data.users.find((u) => u.tenantId === tenant.id) as (typeof data.users)[number]),
    id: randomUUID(),
    userPrincipalName: operatorUpn,
    displayName: 'Olive Operator',
    mail: operatorUpn,
    description: 'Azure operator',
  };
  data.users.push(olive);
  data.groups.push({
    id: randomUUID(),
    tenantId: tenant.id,
    displayName: 'Azure Operators',
    description: 'Operators of the Azure estate',
    members: [olive.id],
  });
  const dir = path.join(dataDir, 'sandbox');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'sandbox-state.json'), JSON.stringify(data));
  return {
    customerName: tenant.displayName,
    tenantId: tenant.id,
    operatorUpn,
    adminUpn: `admin@${tenant.defaultDomain}`,
  };
}
