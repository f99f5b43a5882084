/**
 * The customers list the analyst sees: customers added by hand merged with the GDAP directory from
 * the last sync. Hand-added data (name, tags, notes, favourites) is never overwritten by a sync; a
 * hand-added B2B customer that turns up in GDAP becomes "both" (`accessPath`, the hand-set label).
 *
 * How the analyst actually reaches each customer is a fact beside it (`reach`): their GDAP paths
 * (the partner groups they are in, from the last sync, mapped to roles by the customer's access
 * assignments) and their guest account there (from the guest accounts last read), with the rules of
 * the access matrix (shared/guests/access-matrix.ts).
 */
import type { AccessPath } from './access-path';
import type { Customer } from './customer';
import { compareCustomersByName } from './customer';
import {
  gdapSummary,
  type DirectoryCustomer,
  type DirectorySnapshot,
  type GdapSummary,
} from '../directory/directory';
import { roleName } from '../gdap/roles';
import { cellFor, gdapGrants, type GdapReach } from '../guests/access-matrix';
import type { CustomerGuests, GuestRoleGrant, GuestState } from '../guests/guests';
import type { TenantId } from '../platform/tenant-id';

/**
 * How the analyst the directory was read as (the signed-in analyst who synced) reaches a customer:
 * GDAP (through which partner group, with which roles), a B2B guest account (its state and role),
 * both, or none.
 */
export interface CustomerReach {
  /** The path, from the facts; a side not read yet is taken from the hand-set label (`byHand`). */
  readonly path: AccessPath;
  /** The guest side was not read yet and the hand-set label's guest access stands in for it. */
  readonly byHand: boolean;
  /** Invited as a guest, not accepted yet, and no other way in: accept the invitation first. */
  readonly pending: boolean;
  /** The analyst's GDAP paths: "SOC Analysts - Security Reader → Security Reader", one per group. */
  readonly gdap: ReadonlyArray<string>;
  /** When this customer's guest accounts were last read; null: not read since Switchboard started. */
  readonly guestsReadAt: string | null;
  /** The analyst's guest account there, as last read; null when there is none or none was read. */
  readonly guest: {
    readonly state: GuestState;
    readonly since: string | null;
    /** Its roles that have not ended. */
    readonly roles: ReadonlyArray<GuestRoleGrant>;
    /** The link to accept, when Switchboard sent the invitation; null otherwise. */
    readonly redeemUrl: string | null;
  } | null;
  /** When the last of its paths ends; null when one has no end, or there is no path. */
  readonly until: string | null;
}

/** What Switchboard has read besides the directory: each customer's guest accounts. */
export interface ReachFacts {
  readonly guests: ReadonlyMap<string, CustomerGuests>;
  /** Links to accept the invitations Switchboard sent, by `${tenantId}/${guestId}`. */
  readonly redeemLinks?: ReadonlyMap<string, string>;
}

export interface ListedCustomer extends Customer {
  /** The tenant's default domain from the last sync, or null. */
  readonly domain: string | null;
  /** GDAP at a glance from the last sync, or null when the directory does not list this customer. */
  readonly gdap: GdapSummary | null;
  /** What went wrong reading this customer in the last sync. */
  readonly problem: string | null;
  /**
   * How the analyst who synced reaches it; null when no sync read their groups yet (then only the
   * hand-set `accessPath` is known).
   */
  readonly reach: CustomerReach | null;
}

/** The analyst the facts are about: the user the directory was read as. */
interface Reader {
  readonly userId: string;
  readonly groups: ReadonlySet<string>;
}

/**
 * How `reader` reaches one customer: their GDAP grants there (none for a customer the directory does
 * not list), their guest account if the customer's guests were read, and otherwise the hand-set
 * label's guest access (`label`: null for a customer found in GDAP, which has no label).
 */
function reachOf(
  tenantId: string,
  directory: DirectoryCustomer | undefined,
  label: AccessPath | null,
  reader: Reader,
  facts: ReachFacts | undefined,
  now: number,
): CustomerReach {
  let gd: GdapReach | undefined;
  for (const g of gdapGrants(directory)) {
    if (!reader.groups.has(g.groupId)) continue;
    const via = `${g.groupName ?? 'a partner group'} → ${g.roleIds.map(roleName).join(', ')}`;
    gd ??= { via: [], ends: [] };
    if (!gd.via.includes(via)) gd.via.push(via);
    gd.ends.push(g.end);
  }
  const read = facts?.guests.get(tenantId);
  const account = read?.guests.find((g) => g.partnerUserId === reader.userId);
  const cell = cellFor(gd, account, now);
  const byHand = read === undefined && (label === 'b2b' || label === 'both');
  const path: AccessPath = byHand ? (gd ? 'both' : 'b2b') : (cell?.path ?? 'none');
  return {
    path,
    byHand,
    pending: account?.state === 'pendingAcceptance' && path === 'none',
    gdap: gd?.via ?? [],
    guestsReadAt: read?.readAt ?? null,
    guest: account
      ? {
          state: account.state,
          since: account.since,
          roles: cell?.guest?.roles ?? [],
          redeemUrl: facts?.redeemLinks?.get(`${tenantId}/${account.id}`) ?? null,
        }
      : null,
    until: byHand ? null : (cell?.until ?? null),
  };
}

/** The path the analyst reaches a customer by: the facts where read, else the hand-set label. */
export function reachedPath(c: Pick<ListedCustomer, 'accessPath' | 'reach'>): AccessPath {
  return c.reach?.path ?? c.accessPath;
}

function mergedPath(stored: Customer['accessPath'] | undefined, gdapActive: boolean): Customer['accessPath'] {
  if (stored === 'both') return 'both';
  if (stored === 'b2b') return gdapActive ? 'both' : 'b2b';
  if (stored === 'gdap') return 'gdap';
  return gdapActive ? 'gdap' : 'none';
}

/**
 * A listed customer, every field named: one object shape for the whole list, which V8 builds,
 * sorts and serialises several times faster than `{ ...own, accessPath, ... }` (a spread followed by
 * more fields takes a slow path per object: tens of milliseconds on 10,000 customers). Naming every
 * field also means a new Customer field fails to compile here instead of being dropped.
 */
function listed(
  own: Customer,
  displayName: string,
  accessPath: Customer['accessPath'],
  domain: string | null,
  gdap: GdapSummary | null,
  problem: string | null,
  reach: CustomerReach | null,
): ListedCustomer {
  return {
    tenantId: own.tenantId,
    displayName,
    accessPath,
    tags: own.tags,
    notes: own.notes,
    source: own.source,
    addedAt: own.addedAt,
    updatedAt: own.updatedAt,
    favourite: own.favourite,
    lastLaunchedAt: own.lastLaunchedAt,
    domain,
    gdap,
    problem,
    reach,
  };
}

export function mergeDirectory(
  stored: ReadonlyArray<Customer>,
  snapshot: DirectorySnapshot | null,
  now: Date,
  facts?: ReachFacts,
): ListedCustomer[] {
  const byTenant = new Map(stored.map((c) => [c.tenantId as string, c]));
  const list: ListedCustomer[] = [];
  const seen = new Set<string>();
  const r = snapshot?.reader;
  const reader: Reader | null = r ? { userId: r.userId, groups: new Set(r.groupIds) } : null;
  const nowMs = now.getTime();
  for (const d of snapshot?.customers ?? []) {
    seen.add(d.tenantId);
    const summary = gdapSummary(d, now);
    const own = byTenant.get(d.tenantId);
    const gdapActive = summary.active > 0;
    const label = own?.source === 'manual' ? own.accessPath : null;
    const reach = reader === null ? null : reachOf(d.tenantId, d, label, reader, facts, nowMs);
    if (own) {
      list.push(
        listed(
          own,
          // Entries kept only for annotations follow the directory's name; hand-added ones keep theirs.
          own.source === 'gdap' ? d.displayName : own.displayName,
          own.source === 'gdap' ? mergedPath(undefined, gdapActive) : mergedPath(own.accessPath, gdapActive),
          d.domain ?? null,
          summary,
          d.problem,
          reach,
        ),
      );
    } else {
      const at = snapshot?.syncedAt ?? now.toISOString();
      list.push({
        tenantId: d.tenantId as TenantId,
        displayName: d.displayName,
        accessPath: mergedPath(undefined, gdapActive),
        tags: [],
        notes: '',
        source: 'gdap',
        addedAt: at,
        updatedAt: at,
        favourite: false,
        lastLaunchedAt: null,
        domain: d.domain ?? null,
        gdap: summary,
        problem: d.problem,
        reach,
      });
    }
  }
  for (const own of stored) {
    if (seen.has(own.tenantId)) continue;
    const accessPath = own.source === 'gdap' && snapshot !== null ? 'none' : own.accessPath;
    // Not in the directory: no GDAP path, a fact once the directory was read as this analyst.
    const label = own.source === 'manual' ? own.accessPath : null;
    const reach = reader === null ? null : reachOf(own.tenantId, undefined, label, reader, facts, nowMs);
    list.push(listed(own, own.displayName, accessPath, null, null, null, reach));
  }
  return list.sort(compareCustomersByName);
}

/** The stored part of a listed customer (what customers.json keeps). */
export function storedPart(c: ListedCustomer): Customer {
  const { gdap: _gdap, problem: _problem, domain: _domain, reach: _reach, ...rest } = c;
  return rest;
}
