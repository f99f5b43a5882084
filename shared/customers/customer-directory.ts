/**
 * The customers list the analyst sees: customers added by hand merged with the GDAP directory from
 * the last sync. Hand-added data (name, tags, notes, favourites) is never overwritten by a sync; a
 * hand-added B2B customer that turns up in GDAP becomes "both".
 */
import type { Customer } from './customer';
import { compareCustomersByName } from './customer';
import { gdapSummary, type DirectorySnapshot, type GdapSummary } from '../directory/directory';
import type { TenantId } from '../platform/tenant-id';

export interface ListedCustomer extends Customer {
  /** The tenant's default domain from the last sync, or null. */
  readonly domain: string | null;
  /** GDAP at a glance from the last sync, or null when the directory does not list this customer. */
  readonly gdap: GdapSummary | null;
  /** What went wrong reading this customer in the last sync. */
  readonly problem: string | null;
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
  };
}

export function mergeDirectory(
  stored: ReadonlyArray<Customer>,
  snapshot: DirectorySnapshot | null,
  now: Date,
): ListedCustomer[] {
  const byTenant = new Map(stored.map((c) => [c.tenantId as string, c]));
  const list: ListedCustomer[] = [];
  const seen = new Set<string>();
  for (const d of snapshot?.customers ?? []) {
    seen.add(d.tenantId);
    const summary = gdapSummary(d, now);
    const own = byTenant.get(d.tenantId);
    const gdapActive = summary.active > 0;
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
      });
    }
  }
  for (const own of stored) {
    if (seen.has(own.tenantId)) continue;
    const accessPath = own.source === 'gdap' && snapshot !== null ? 'none' : own.accessPath;
    list.push(listed(own, own.displayName, accessPath, null, null, null));
  }
  return list.sort(compareCustomersByName);
}

/** The stored part of a listed customer (what customers.json keeps). */
export function storedPart(c: ListedCustomer): Customer {
  const { gdap: _gdap, problem: _problem, domain: _domain, ...rest } = c;
  return rest;
}
