/**
 * Reads the partner's GDAP directory from Graph: every customer (delegatedAdminCustomers), every
 * relationship (all pages of 300), the access assignments of each relationship that grants access,
 * and each customer's service management links. Customers are read with bounded concurrency; a
 * customer whose details fail keeps what was read and says what failed, and the others go on.
 * Beside them, the signed-in user and every partner group they are in (nested included): which of the
 * access assignments reach that analyst (the customers list says how they reach each customer).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type {
  DirectoryAssignment,
  DirectoryCustomer,
  DirectoryReader,
  DirectoryRelationship,
  ServiceManagementLink,
} from '../../../shared/directory/directory';
import {
  ACCESS_GRANTING_STATUSES,
  accessAssignmentSchema,
  delegatedAdminCustomerSchema,
  relationshipSchema,
  RELATIONSHIP_LIMITS,
  serviceManagementDetailSchema,
  type AccessAssignment,
  type DelegatedAdminRelationship,
} from '../../../shared/gdap/gdap';
import { graphGet, graphGetAll, type GraphCallOptions } from '../platform/graph/graph-client';
import { runPool } from '../platform/graph/pool';
import { describeFailure } from '../platform/cloud-errors';

const BASE = '/tenantRelationships';
const groupSchema = z.object({ id: z.string(), displayName: z.string() });
const idSchema = z.object({ id: z.string() });
const tenantInformationSchema = z.object({ tenantId: z.string(), defaultDomainName: z.string().nullish() });
const TOP = `$top=${RELATIONSHIP_LIMITS.maxPageSize}`;

export interface ReadDirectoryOptions extends GraphCallOptions {
  readonly concurrency: number;
  /** Domains already known (from the last sync): a tenant's default domain is looked up once. */
  readonly knownDomains?: ReadonlyMap<string, string>;
  /** Customers whose details have been read, of how many. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DirectoryRead {
  readonly customers: ReadonlyArray<DirectoryCustomer>;
  readonly openRelationships: ReadonlyArray<DirectoryRelationship>;
  /** The signed-in user and their groups; null when they could not be read (the rest still counts). */
  readonly reader: DirectoryReader | null;
}

/**
 * The signed-in user's object ID and every group they are in, nested groups included
 * (transitiveMemberOf, GroupMember.Read.All as for the groups' names). A failure is not the sync's:
 * the directory is still whole, only how this analyst reaches each customer stays unknown.
 */
export async function readReader(client: Client, options: GraphCallOptions): Promise<DirectoryReader | null> {
  try {
    const me = await graphGet(client, '/me?$select=id', idSchema, options);
    const groups = await graphGetAll(
      client,
      `/users/${encodeURIComponent(me.id)}/transitiveMemberOf?$select=id&$top=999`,
      idSchema,
      options,
    );
    return { userId: me.id, groupIds: [...new Set(groups.map((g) => g.id))] };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return null;
  }
}

export async function readDirectory(client: Client, options: ReadDirectoryOptions): Promise<DirectoryRead> {
  const [customers, relationships, groups, reader] = await Promise.all([
    graphGetAll(client, `${BASE}/delegatedAdminCustomers?${TOP}`, delegatedAdminCustomerSchema, options),
    graphGetAll(client, `${BASE}/delegatedAdminRelationships?${TOP}`, relationshipSchema, options),
    // The partner's security groups, to name the groups access assignments map (GroupMember.Read.All).
    graphGetAll(client, '/groups?$select=id,displayName&$top=999', groupSchema, options),
    readReader(client, options),
  ]);
  const groupNames = new Map(groups.map((g) => [g.id, g.displayName]));

  const byTenant = new Map<
    string,
    { name: string; customerId: string | null; relationships: DelegatedAdminRelationship[] }
  >();
  for (const c of customers)
    byTenant.set(c.tenantId, { name: c.displayName, customerId: c.id, relationships: [] });
  const open: DelegatedAdminRelationship[] = [];
  for (const r of relationships) {
    const tenantId = r.customer?.tenantId;
    if (!tenantId) {
      open.push(r);
      continue;
    }
    let entry = byTenant.get(tenantId);
    if (!entry) {
      // A customer with no active relationship (pending, expired) has no delegatedAdminCustomer.
      entry = { name: r.customer?.displayName ?? tenantId, customerId: null, relationships: [] };
      byTenant.set(tenantId, entry);
    }
    entry.relationships.push(r);
  }

  const tenants = [...byTenant.entries()];
  const outcomes = [
    ...(await runPool(
      tenants,
      options.concurrency,
      async ([tenantId, entry]) =>
        readCustomer(client, tenantId, entry, groupNames, options.knownDomains, options),
      { signal: options.signal, onSettled: options.onProgress },
    )),
  ];
  // A customer whose reads still failed after every retry gets one more try at the end, when the
  // burst that hurt it has likely passed; only then is it reported as a problem on that customer.
  for (let i = 0; i < outcomes.length; i++) {
    if (outcomes[i]?.ok || options.signal?.aborted) continue;
    const [tenantId, entry] = tenants[i]!;
    try {
      outcomes[i] = {
        ok: true,
        value: await readCustomer(client, tenantId, entry, groupNames, options.knownDomains, options),
      };
    } catch (error) {
      outcomes[i] = { ok: false, error, cancelled: options.signal?.aborted ?? false };
    }
  }
  if (options.signal?.aborted) throw options.signal.reason;
  return {
    customers: outcomes.map((o, i) => {
      if (o.ok) return o.value;
      const [tenantId, entry] = tenants[i]!;
      return {
        tenantId,
        displayName: entry.name,
        domain: options.knownDomains?.get(tenantId) ?? null,
        relationships: entry.relationships.map(toDirectoryRelationship),
        assignments: [],
        serviceManagement: [],
        problem: `Reading this customer’s GDAP details failed. ${describeFailure(o.error)}`,
      };
    }),
    openRelationships: open.map(toDirectoryRelationship),
    reader,
  };
}

async function readCustomer(
  client: Client,
  tenantId: string,
  entry: { name: string; customerId: string | null; relationships: DelegatedAdminRelationship[] },
  groupNames: ReadonlyMap<string, string>,
  knownDomains: ReadonlyMap<string, string> | undefined,
  options: GraphCallOptions,
): Promise<DirectoryCustomer> {
  let domain = knownDomains?.get(tenantId) ?? null;
  if (domain === null) {
    const info = await graphGet(
      client,
      `${BASE}/findTenantInformationByTenantId(tenantId='${tenantId}')`,
      tenantInformationSchema,
      options,
    );
    domain = info.defaultDomainName ?? null;
  }
  const assignments: DirectoryAssignment[] = [];
  for (const r of entry.relationships.filter((rel) => ACCESS_GRANTING_STATUSES.has(rel.status))) {
    const items = await graphGetAll(
      client,
      `${BASE}/delegatedAdminRelationships/${encodeURIComponent(r.id)}/accessAssignments?${TOP}`,
      accessAssignmentSchema,
      options,
    );
    for (const a of items) assignments.push(toDirectoryAssignment(a, r.id, groupNames));
  }
  let serviceManagement: ServiceManagementLink[] = [];
  if (entry.customerId !== null) {
    const details = await graphGetAll(
      client,
      `${BASE}/delegatedAdminCustomers/${encodeURIComponent(entry.customerId)}/serviceManagementDetails`,
      serviceManagementDetailSchema,
      options,
    );
    serviceManagement = details.map((d) => ({ serviceName: d.serviceName, url: d.serviceManagementUrl }));
  }
  return {
    tenantId,
    displayName: entry.name,
    domain,
    relationships: entry.relationships.map(toDirectoryRelationship),
    assignments,
    serviceManagement,
    problem: null,
  };
}

/** An access assignment as the directory keeps it, with its group's name when known. */
export function toDirectoryAssignment(
  a: AccessAssignment,
  relationshipId: string,
  groupNames: ReadonlyMap<string, string>,
): DirectoryAssignment {
  return {
    id: a.id,
    relationshipId,
    status: a.status,
    groupId: a.accessContainer.accessContainerId,
    groupName: groupNames.get(a.accessContainer.accessContainerId) ?? null,
    roleIds: a.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId),
  };
}

export function toDirectoryRelationship(r: DelegatedAdminRelationship): DirectoryRelationship {
  return {
    id: r.id,
    displayName: r.displayName,
    status: r.status,
    customerTenantId: r.customer?.tenantId ?? null,
    customerName: r.customer?.displayName ?? null,
    roleIds: r.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId),
    duration: r.duration,
    autoExtendDuration: r.autoExtendDuration ?? null,
    createdDateTime: r.createdDateTime,
    activatedDateTime: r.activatedDateTime ?? null,
    endDateTime: r.endDateTime ?? null,
    etag: r['@odata.etag'] ?? null,
  };
}
