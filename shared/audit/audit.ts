/** One change Switchboard made (or tried to make) in a tenant, as the audit trail shows it. */
export interface AuditEntryView {
  readonly id: string;
  readonly at: string;
  readonly account: string;
  readonly tenantId: string;
  readonly action: string;
  /** The Graph or ARM path the change was sent to; null in entries made before it was kept. */
  readonly target?: string | null;
  /** What the target was called when the change was made, where it may be gone later; else null. */
  readonly targetName?: string | null;
  readonly body: unknown;
  /** `succeeded` / `failed` once answered; `interrupted` when the app stopped before the answer. */
  readonly outcome: 'succeeded' | 'failed' | 'interrupted';
  readonly status: number | null;
  readonly requestId: string | null;
  readonly error: string | null;
  readonly finishedAt: string | null;
}
