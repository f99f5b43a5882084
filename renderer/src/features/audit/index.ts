/** The audit trail of every change Switchboard makes in a tenant. */
export { AuditView } from './AuditView';
