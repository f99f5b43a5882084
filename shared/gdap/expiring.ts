/**
 * The expiring view: every relationship that grants access and ends within 30, 7 or 1 days, whether
 * it will auto-extend, and whether it cannot because it includes Global Administrator. And which of
 * them crossed a threshold since the analyst was last told (for the desktop notification).
 */
import type { DirectoryRelationship, DirectorySnapshot } from '../directory/directory';
import { ACCESS_GRANTING_STATUSES, autoExtends, includesGlobalAdministrator } from './gdap';

/** Partner Center e-mails at 31/7/1 days; Switchboard alerts at 30, 7 and 1. */
export const EXPIRY_THRESHOLDS = [30, 7, 1] as const;
export type ExpiryThreshold = (typeof EXPIRY_THRESHOLDS)[number];

export interface ExpiringRelationship {
  readonly relationship: DirectoryRelationship;
  readonly tenantId: string;
  readonly customerName: string;
  readonly endDateTime: string;
  readonly daysLeft: number;
  /** The smallest threshold it is within: 1, 7 or 30 days. */
  readonly threshold: ExpiryThreshold;
  readonly willAutoExtend: boolean;
  /** Auto-extend is impossible while Global Administrator is among its roles. */
  readonly blockedByGlobalAdmin: boolean;
  /** What to do about it, in a sentence. */
  readonly advice: string;
}

/** The smallest threshold `daysLeft` (whole days, rounded up) is within, or null beyond 30 days. */
export function thresholdFor(daysLeft: number): ExpiryThreshold | null {
  if (daysLeft < 0) return null;
  for (const t of [...EXPIRY_THRESHOLDS].reverse()) if (daysLeft <= t) return t;
  return null;
}

export function expiringRelationships(snapshot: DirectorySnapshot | null, now: Date): ExpiringRelationship[] {
  const items: ExpiringRelationship[] = [];
  for (const customer of snapshot?.customers ?? []) {
    for (const r of customer.relationships) {
      if (!ACCESS_GRANTING_STATUSES.has(r.status) || r.endDateTime === null) continue;
      const ms = Date.parse(r.endDateTime) - now.getTime();
      if (ms < 0) continue;
      // Whole days left, rounded up, as the customers list says it ("ends in 1 day" until it ends).
      const daysLeft = Math.ceil(ms / 86_400_000);
      const threshold = thresholdFor(daysLeft);
      if (threshold === null) continue;
      const ga = includesGlobalAdministrator(r.roleIds.map((id) => ({ roleDefinitionId: id })));
      const on = autoExtends(r);
      const willAutoExtend = on && !ga;
      items.push({
        relationship: r,
        tenantId: customer.tenantId,
        customerName: customer.displayName,
        endDateTime: r.endDateTime,
        daysLeft,
        threshold,
        willAutoExtend,
        blockedByGlobalAdmin: ga,
        advice: willAutoExtend
          ? 'Will auto-extend by 180 days; nothing to do.'
          : ga
            ? 'Cannot auto-extend: it includes Global Administrator. Remove that role, then turn auto-extend on.'
            : 'Will lapse: turn auto-extend on, or create a new relationship before it ends.',
      });
    }
  }
  return items.sort((a, b) => a.endDateTime.localeCompare(b.endDateTime));
}

/**
 * The relationships that crossed into a smaller threshold than the one last alerted for (`alerted`:
 * relationship ID → threshold). Relationships that will auto-extend need no attention and are not
 * alerted (a conservative choice against alert fatigue; they are still listed in the view).
 */
export function newlyCrossed(
  items: ReadonlyArray<ExpiringRelationship>,
  alerted: Readonly<Record<string, number>>,
): ExpiringRelationship[] {
  return items.filter((i) => {
    if (i.willAutoExtend) return false;
    const last = alerted[i.relationship.id];
    return last === undefined || i.threshold < last;
  });
}
