/**
 * Alerts once per relationship and threshold (30/7/1 days) when GDAP access will lapse: an
 * `gdap.expiryAlert` event for the windows, and a desktop notification where the shell has them.
 * Checked at start and after every directory sync.
 */
import type { EventName, EventPayload } from '../../../shared/contract/contract';
import { expiringRelationships, newlyCrossed } from '../../../shared/gdap/expiring';
import { describeDaysLeft } from '../../../shared/platform/time';
import type { DirectoryService } from '../directory/directory-service';
import type { DocumentStore } from '../platform/persistence/document-store';
import type { AlertDocument } from './gdap-documents';

export interface ExpiryAlertDependencies {
  readonly directory: Pick<DirectoryService, 'snapshot'>;
  readonly store: DocumentStore<AlertDocument>;
  readonly now: () => Date;
  readonly emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  readonly notify?: (title: string, body: string) => void;
}

export function expiryAlerts(deps: ExpiryAlertDependencies): () => void {
  return () => {
    const items = expiringRelationships(deps.directory.snapshot(), deps.now());
    const alerted = deps.store.get().alerted;
    const crossed = newlyCrossed(items, alerted);
    if (crossed.length === 0) return;
    const next = { ...alerted };
    for (const i of crossed) next[i.relationship.id] = i.threshold;
    deps.store.set({ alerted: next });
    deps.emit('gdap.expiryAlert', { items: crossed });
    const first = crossed[0];
    if (first)
      deps.notify?.(
        crossed.length === 1
          ? 'GDAP access is about to end'
          : `${crossed.length} GDAP relationships are about to end`,
        crossed.length === 1
          ? `${first.customerName}: "${first.relationship.displayName}" ends ${describeDaysLeft(first.daysLeft)}. ${first.advice}`
          : // Every one named: the count in the title is the count in the body.
            `${crossed.map((c) => `${c.customerName} (${describeDaysLeft(c.daysLeft)})`).join(', ')}: open GDAP, Expiring in Switchboard.`,
      );
  };
}
