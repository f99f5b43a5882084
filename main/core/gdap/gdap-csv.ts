import { csvTable } from '../../../shared/platform/csv';
import type { DirectorySnapshot } from '../../../shared/directory/directory';
import type { BulkResult } from '../../../shared/gdap/gdap-contract';
import { autoExtends, includesGlobalAdministrator } from '../../../shared/gdap/gdap';
import { roleName } from '../../../shared/gdap/roles';
import { daysLeft } from '../../../shared/platform/time';

const RELATIONSHIP_COLUMNS = [
  'customer',
  'tenantId',
  'relationship',
  'relationshipId',
  'status',
  'roles',
  'activated',
  'ends',
  'daysLeft',
  'autoExtend',
  'globalAdministrator',
  'assignments',
] as const;

/** Every relationship of the directory, one row each (open offers have no customer). */
export function relationshipsToCsv(snapshot: DirectorySnapshot | null, now: Date): string {
  const rows = [
    ...(snapshot?.customers ?? []).flatMap((c) =>
      c.relationships.map((r) => ({
        customer: c.displayName,
        tenantId: c.tenantId,
        r,
        assignments: c.assignments,
      })),
    ),
    ...(snapshot?.openRelationships ?? []).map((r) => ({ customer: '', tenantId: '', r, assignments: [] })),
  ];
  return csvTable(
    RELATIONSHIP_COLUMNS,
    rows.map(({ customer, tenantId, r, assignments }) => ({
      customer,
      tenantId,
      relationship: r.displayName,
      relationshipId: r.id,
      status: r.status,
      roles: r.roleIds.map(roleName).join('; '),
      activated: r.activatedDateTime ?? '',
      ends: r.endDateTime ?? '',
      // The same count the app shows ("in 12 days" on screen is 12 here): shared/platform/time.ts.
      daysLeft: r.endDateTime === null ? '' : String(daysLeft(r.endDateTime, now)),
      autoExtend: autoExtends(r) ? 'yes' : 'no',
      globalAdministrator: includesGlobalAdministrator(r.roleIds.map((id) => ({ roleDefinitionId: id })))
        ? 'yes'
        : 'no',
      assignments: assignments
        .filter((a) => a.relationshipId === r.id)
        .map((a) => `${a.groupName ?? a.groupId} → ${a.roleIds.map(roleName).join(', ')} (${a.status})`)
        .join('; '),
    })),
  );
}

const RESULT_COLUMNS = ['customer', 'tenantId', 'outcome', 'message', 'requestIds'] as const;

export function bulkResultsToCsv(results: ReadonlyArray<BulkResult>): string {
  return csvTable(
    RESULT_COLUMNS,
    results.map((r) => ({
      customer: r.customerName,
      tenantId: r.tenantId,
      outcome: r.outcome,
      message: r.message,
      requestIds: r.requestIds.join(' '),
    })),
  );
}
