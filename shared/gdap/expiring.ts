/**
 * The expiring view: every relationship that grants access and ends within 30, 7 or 1 days, whether
 * it will auto-extend, and whether it cannot because it includes Global Administrator. And which of
 * them crossed a threshold since the analyst was last told (for the desktop notification).
 */
import type { DirectoryRelationship, DirectorySnapshot } from '../directory/directory';
import { daysLeft as daysLeftUntil } from '../platform/time';
import {
  ACCESS_GRANTING_STATUSES,
  GLOBAL_ADMIN_AUTO_EXTEND,
  rolesBlockAutoExtend,
  willAutoExtend as extendsOnItsOwn,
} from './gdap';

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
      if (Date.parse(r.endDateTime) < now.getTime()) continue;
      // Whole days left, rounded up, as every other place says it ("ends in 1 day" until it ends).
      const daysLeft = daysLeftUntil(r.endDateTime, now);
      const threshold = thresholdFor(daysLeft);
      if (threshold === null) continue;
      const ga = rolesBlockAutoExtend(r.roleIds);
      const willAutoExtend = extendsOnItsOwn(r);
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
            ? `${GLOBAL_ADMIN_AUTO_EXTEND.rule} ${GLOBAL_ADMIN_AUTO_EXTEND.relationshipFix}`
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
