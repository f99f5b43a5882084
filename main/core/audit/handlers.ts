/** The contract's `audit.*` commands: the audit trail read back, filtered, and exported. */
import type { CommandName } from '../../../shared/contract/contract';
import type { Handlers } from '../platform/dispatcher';
import { auditToCsv, type AuditLog } from './audit-log';

export type AuditHandlers = Pick<Handlers, Extract<CommandName, `audit.${string}`>>;

export function auditHandlers(audit: AuditLog, now: () => Date): AuditHandlers {
  return {
    'audit.list': ({ tenantId, action, from, to }) =>
      audit.read({
        tenantId,
        action,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      }),
    'audit.export': ({ format, tenantId, action }) => {
      const { entries } = audit.read({ tenantId, action });
      const stamp = now().toISOString().slice(0, 10);
      return format === 'csv'
        ? { fileName: `switchboard-audit-${stamp}.csv`, mimeType: 'text/csv', content: auditToCsv(entries) }
        : {
            fileName: `switchboard-audit-${stamp}.json`,
            mimeType: 'application/json',
            content: `${JSON.stringify(entries, null, 2)}\n`,
          };
    },
  };
}
