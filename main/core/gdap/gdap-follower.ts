/**
 * Follows what Microsoft finishes later: a relationship's status (approval, activation, termination)
 * and access assignments still being applied or removed. Each change is told to the user once, and
 * the stored directory is brought up to date. Reads back off while nothing changes.
 */
import type { StatusChange } from '../../../shared/gdap/gdap-contract';
import {
  RELATIONSHIP_LIMITS,
  type AccessAssignment,
  type DelegatedAdminRelationship,
} from '../../../shared/gdap/gdap';
import type { DirectoryRelationship } from '../../../shared/directory/directory';
import { toDirectoryRelationship } from '../directory/read-directory';
import type { Session } from './gdap-service';

const MAX_FOLLOW_INTERVAL_MS = 300_000;

/** Statuses a followed relationship stops being followed at. */
const SETTLED = new Set(['active', 'expired', 'terminated', 'unknownFutureValue']);

export interface FollowerDeps {
  readonly session: () => Promise<Session>;
  readonly readRelationship: (s: Session, id: string) => Promise<DelegatedAdminRelationship>;
  readonly readAssignments: (s: Session, relationshipId: string) => Promise<AccessAssignment[]>;
  /** Reads the relationship's assignments again and stores them (after some settled). */
  readonly refresh: (s: Session, r: DelegatedAdminRelationship) => Promise<unknown>;
  readonly applyRelationship: (r: DirectoryRelationship) => void;
  readonly onStatusChange: (change: StatusChange) => void;
  /** How soon to read again after a change (then doubling up to five minutes). */
  readonly intervalMs: number;
}

export class GdapFollower {
  /** Relationship ID → last status seen, for relationships being followed. */
  private readonly followed = new Map<string, string>();
  /** Assignment follow-ups: relationship ID → assignment IDs still settling. */
  private readonly settling = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: FollowerDeps) {}

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Follows a relationship's status until it settles, telling the user of each change. */
  follow(id: string, lastStatus: string): void {
    this.followed.set(id, lastStatus);
    this.ensureTimer();
  }

  /** Follows an access assignment until Microsoft has applied (or removed) it. */
  settle(relationshipId: string, assignmentId: string): void {
    const set = this.settling.get(relationshipId) ?? new Set<string>();
    set.add(assignmentId);
    this.settling.set(relationshipId, set);
    this.ensureTimer();
  }

  /**
   * Following backs off: a few seconds right after a change (activation and assignments take
   * seconds to minutes), doubling while nothing changes, up to five minutes (an approval may take
   * days). Any new change to follow starts fast again.
   */
  private delayMs = 0;

  private ensureTimer(): void {
    this.delayMs = this.deps.intervalMs;
    if (this.timer) clearTimeout(this.timer);
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.poll().then((changed) => {
        if (this.followed.size === 0 && this.settling.size === 0) {
          this.timer = undefined;
          return;
        }
        this.delayMs = changed ? this.deps.intervalMs : Math.min(this.delayMs * 2, MAX_FOLLOW_INTERVAL_MS);
        this.schedule();
      });
    }, this.delayMs);
    this.timer.unref?.();
  }

  private polling = false;

  /** One round of following: relationships' statuses and assignments still settling. */
  async poll(): Promise<boolean> {
    if (this.polling) return false;
    this.polling = true;
    let changed = false;
    try {
      if (this.followed.size === 0 && this.settling.size === 0) return false;
      const s = await this.deps.session();
      for (const [id, last] of [...this.followed]) {
        const r = await this.deps.readRelationship(s, id).catch(() => undefined);
        if (!r) continue;
        if (r.status !== last) {
          changed = true;
          this.followed.set(id, r.status);
          this.deps.applyRelationship(toDirectoryRelationship(r));
          const who = r.customer?.displayName ?? 'the customer';
          this.deps.onStatusChange({
            relationshipId: id,
            displayName: r.displayName,
            customerName: r.customer?.displayName ?? null,
            from: last,
            to: r.status,
            message: statusMessage(r.displayName, who, r.status),
          });
        }
        if (SETTLED.has(r.status)) this.followed.delete(id);
      }
      for (const [relationshipId, ids] of [...this.settling]) {
        const r = await this.deps.readRelationship(s, relationshipId).catch(() => undefined);
        if (!r) {
          this.settling.delete(relationshipId);
          continue;
        }
        const assignments = await this.deps.readAssignments(s, relationshipId).catch(() => undefined);
        if (!assignments) continue;
        const stillSettling = [...ids].filter((aid) => {
          const a = assignments.find((x) => x.id === aid);
          return a !== undefined && (a.status === 'pending' || a.status === 'deleting');
        });
        if (stillSettling.length < ids.size) {
          changed = true;
          await this.deps.refresh(s, r);
          this.deps.onStatusChange({
            relationshipId,
            displayName: r.displayName,
            customerName: r.customer?.displayName ?? null,
            from: 'pending',
            to: 'assignments-settled',
            message: `Access assignments in "${r.displayName}" are applied.`,
          });
        }
        if (stillSettling.length === 0) this.settling.delete(relationshipId);
        else this.settling.set(relationshipId, new Set(stillSettling));
      }
    } catch {
      // Signed out or offline: try again next round.
    } finally {
      this.polling = false;
    }
    return changed;
  }
}

function statusMessage(name: string, customer: string, status: string): string {
  switch (status) {
    case 'approved':
    case 'activating':
      return `${customer} approved "${name}"; Microsoft is activating it.`;
    case 'active':
      return `"${name}" is active: map partner groups to its roles so analysts get access.`;
    case 'expired':
      return `"${name}" lapsed: ${customer} did not approve it within ${RELATIONSHIP_LIMITS.approvalLapseDays} days, or it ended.`;
    case 'terminated':
      return `"${name}" is terminated: the access it gave to ${customer} has ended.`;
    default:
      return `"${name}" is now ${status}.`;
  }
}
