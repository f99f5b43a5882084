/** The contract's `audit.*` commands: the audit trail read back, filtered, and exported. */
import type { CommandName } from '../../../shared/contract/contract';
import type { Handlers } from '../platform/dispatcher';
import type { DirectorySnapshot } from '../../../shared/directory/directory';
import { auditToCsv, type AuditLog, type AuditNames } from './audit-log';

export type AuditHandlers = Pick<Handlers, Extract<CommandName, `audit.${string}`>>;

/** Where the export finds names: the analyst's customer list and the last directory sync. */
export interface AuditNameSources {
  readonly customers: () => ReadonlyArray<{ readonly tenantId: string; readonly displayName: string }>;
  readonly snapshot: () => DirectorySnapshot | null;
  /** The home tenants of the signed-in partner accounts: changes there (e.g. a partner group) name it as yours. */
  readonly partnerTenants?: () => Promise<ReadonlyArray<string>>;
}

/** How the audit trail names the partner's own tenant (the same words as renderer/src/features/audit/AuditView.tsx). */
export const PARTNER_TENANT_NAME = 'Your partner tenant';

/** Names as they are now: the customer list first (the analyst's own names), then the directory. */
async function namesFrom(sources: AuditNameSources | undefined): Promise<AuditNames | undefined> {
  if (!sources) return undefined;
  const customers = new Map<string, string>();
  for (const tenantId of (await sources.partnerTenants?.().catch(() => [])) ?? [])
    customers.set(tenantId, PARTNER_TENANT_NAME);
  const relationships = new Map<string, string>();
  const snapshot = sources.snapshot();
  for (const c of snapshot?.customers ?? []) {
    customers.set(c.tenantId, c.displayName);
    for (const r of c.relationships) relationships.set(r.id, r.displayName);
  }
  for (const r of snapshot?.openRelationships ?? []) relationships.set(r.id, r.displayName);
  for (const c of sources.customers()) customers.set(c.tenantId, c.displayName);
  return {
    customerName: (tenantId) => customers.get(tenantId),
    relationshipName: (id) => relationships.get(id),
  };
}

export function auditHandlers(audit: AuditLog, now: () => Date, sources?: AuditNameSources): AuditHandlers {
  return {
    'audit.list': ({ tenantId, action, from, to }) =>
      audit.read({
        tenantId,
        action,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      }),
    'audit.export': async ({ format, tenantId, action }) => {
      const { entries } = audit.read({ tenantId, action });
      const stamp = now().toISOString().slice(0, 10);
      return format === 'csv'
        ? {
            fileName: `switchboard-audit-${stamp}.csv`,
            mimeType: 'text/csv',
            content: auditToCsv(entries, await namesFrom(sources)),
          }
        : {
            fileName: `switchboard-audit-${stamp}.json`,
            mimeType: 'application/json',
            content: `${JSON.stringify(entries, null, 2)}\n`,
          };
    },
  };
}
