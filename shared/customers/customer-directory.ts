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

export function mergeDirectory(
  stored: ReadonlyArray<Customer>,
  snapshot: DirectorySnapshot | null,
  now: Date,
): ListedCustomer[] {
  const byTenant = new Map(stored.map((c) => [c.tenantId as string, c]));
  const listed: ListedCustomer[] = [];
  const seen = new Set<string>();
  for (const d of snapshot?.customers ?? []) {
    seen.add(d.tenantId);
    const summary = gdapSummary(d, now);
    const own = byTenant.get(d.tenantId);
    const gdapActive = summary.active > 0;
    if (own) {
      listed.push({
        ...own,
        // Entries kept only for annotations follow the directory's name; hand-added ones keep theirs.
        displayName: own.source === 'gdap' ? d.displayName : own.displayName,
        accessPath:
          own.source === 'gdap' ? mergedPath(undefined, gdapActive) : mergedPath(own.accessPath, gdapActive),
        domain: d.domain ?? null,
        gdap: summary,
        problem: d.problem,
      });
    } else {
      listed.push({
        tenantId: d.tenantId as TenantId,
        displayName: d.displayName,
        accessPath: mergedPath(undefined, gdapActive),
        tags: [],
        notes: '',
        source: 'gdap',
        addedAt: snapshot?.syncedAt ?? now.toISOString(),
        updatedAt: snapshot?.syncedAt ?? now.toISOString(),
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
    listed.push({
      ...own,
      accessPath: own.source === 'gdap' && snapshot !== null ? 'none' : own.accessPath,
      domain: null,
      gdap: null,
      problem: null,
    });
  }
  return listed.sort(compareCustomersByName);
}

/** The stored part of a listed customer (what customers.json keeps). */
export function storedPart(c: ListedCustomer): Customer {
  const { gdap: _gdap, problem: _problem, domain: _domain, ...rest } = c;
  return rest;
}
