/**
 * The all-relationships table's filters (renderer/src/features/gdap/AllRelationshipsView.tsx): one
 * relationship of the last sync matches or not, as the user set status, role, end, auto-extend, Global
 * Administrator and "no group assigned".
 */
import { ENDED_STATUSES, rolesBlockAutoExtend, willAutoExtend, type RelationshipStatus } from './gdap';
import type { RelationshipRow } from './gdap-contract';
import { daysLeft } from '../platform/time';

export type Flag = 'any' | 'yes' | 'no';
export const ENDS = { any: 'Any time', '30': 'Within 30 days', '90': 'Within 90 days' } as const;
export type Ends = keyof typeof ENDS;

export interface RelationshipFilters {
  readonly text: string;
  readonly status: RelationshipStatus | 'any';
  readonly roleId: string;
  readonly ends: Ends;
  readonly autoExtend: Flag;
  readonly globalAdmin: boolean;
  readonly unassigned: boolean;
}

export function matchesRelationship(r: RelationshipRow, f: RelationshipFilters, now: Date): boolean {
  const q = f.text.trim().toLowerCase();
  if (q && !`${r.customerName ?? ''} ${r.displayName}`.toLowerCase().includes(q)) return false;
  if (f.status !== 'any' && r.status !== f.status) return false;
  if (f.roleId !== 'any' && !r.roleIds.some((id) => id.toLowerCase() === f.roleId)) return false;
  if (f.ends !== 'any') {
    if (!r.endDateTime || ENDED_STATUSES.has(r.status)) return false;
    const days = daysLeft(r.endDateTime, now);
    if (days < 0 || days > Number(f.ends)) return false;
  }
  if (f.autoExtend !== 'any' && willAutoExtend(r) !== (f.autoExtend === 'yes')) return false;
  if (f.globalAdmin && !rolesBlockAutoExtend(r.roleIds)) return false;
  // "No assignment" is about relationships that could give access but give it to nobody.
  if (f.unassigned && (ENDED_STATUSES.has(r.status) || r.assignedGroups.length > 0)) return false;
  return true;
}
