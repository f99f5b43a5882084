/**
 * The access matrix: for every analyst (partner user) and every customer, how that analyst reaches
 * that customer, as facts: GDAP (a partner group the analyst is in, nested groups counted, mapped to
 * roles by an active access assignment of an access-granting relationship), a B2B guest account with
 * a directory role, both, or none; until when; and which Security Copilot plugins that reaches
 * (shared/plugins/plugin-reach.ts). Built from the last directory sync and the guests last read.
 * The customers list and the switcher say the same for the signed-in analyst, with the same rules
 * (gdapGrants, cellFor; shared/customers/customer-directory.ts).
 */
import type { AccessPath } from '../customers/access-path';
import { csvTable } from '../platform/csv';
import type { DirectoryCustomer, DirectorySnapshot } from '../directory/directory';
import { ACCESS_GRANTING_STATUSES, autoExtends } from '../gdap/gdap';
import { roleName } from '../gdap/roles';
import { COPILOT_PLUGINS } from '../plugins/plugin-catalogue';
import { pluginReachFor } from '../plugins/plugin-reach';
import type { CustomerGuests, GuestAccount, GuestRoleGrant, GuestState } from './guests';
import { describeGrant } from './guests';

export interface MatrixAnalyst {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
}

export interface MatrixCustomer {
  readonly tenantId: string;
  readonly displayName: string;
  /** When this customer's guests were last read; null: never (the guest side is unknown). */
  readonly guestsReadAt: string | null;
}

export interface MatrixCell {
  readonly path: AccessPath;
  /** "SOC Analysts - Security Reader -> Security Reader", one per group and relationship. */
  readonly gdap: ReadonlyArray<string>;
  readonly guest: { readonly state: GuestState; readonly roles: ReadonlyArray<GuestRoleGrant> } | null;
  /** When the last of its paths ends; null when one of them has no end (permanent, auto-extending). */
  readonly until: string | null;
  /** IDs of the Copilot plugins this path reaches fully. */
  readonly plugins: ReadonlyArray<string>;
}

export interface AccessMatrix {
  readonly builtAt: string;
  readonly syncedAt: string | null;
  readonly analysts: ReadonlyArray<MatrixAnalyst>;
  readonly customers: ReadonlyArray<MatrixCustomer>;
  /** cells[c][a]: customer c, analyst a; null where the analyst has no path and no guest account. */
  readonly cells: ReadonlyArray<ReadonlyArray<MatrixCell | null>>;
}

export interface MatrixInput {
  readonly snapshot: DirectorySnapshot | null;
  /** Partner users with the IDs of every group they are in (nested groups included). */
  readonly analysts: ReadonlyArray<MatrixAnalyst & { readonly groupIds: ReadonlyArray<string> }>;
  readonly guests: ReadonlyMap<string, CustomerGuests>;
  /** Customers known only by their guests (hand-added B2B customers): names. */
  readonly names?: ReadonlyMap<string, string>;
  readonly now: Date;
}

const REACHED = new Map<AccessPath, ReadonlyArray<string>>(
  (['gdap', 'b2b', 'both', 'none'] as const).map((p) => [
    p,
    pluginReachFor(p)
      .filter((r) => r.reach === 'reached')
      .map((r) => r.plugin.id),
  ]),
);

/** The plugins a path reaches (fully). */
export function pluginsReached(path: AccessPath): ReadonlyArray<string> {
  return REACHED.get(path) ?? [];
}

function latest(ends: ReadonlyArray<string | null>): string | null {
  if (ends.length === 0 || ends.some((e) => e === null)) return null;
  return [...(ends as string[])].sort().at(-1) ?? null;
}

/** One GDAP grant of a customer: a partner group given roles by an active access assignment. */
export interface GdapGrant {
  readonly groupId: string;
  readonly groupName: string | null;
  /** The assignment's roles that its relationship holds (the others grant nothing). */
  readonly roleIds: ReadonlyArray<string>;
  /** When the relationship ends; null when it auto-extends. */
  readonly end: string | null;
}

/**
 * The GDAP grants of a customer from the last sync: each active access assignment of an
 * access-granting relationship, with the roles both hold. A relationship that ended, or one with no
 * group assigned, grants nobody anything.
 */
export function gdapGrants(customer: DirectoryCustomer | undefined): GdapGrant[] {
  const grants: GdapGrant[] = [];
  for (const r of customer?.relationships ?? []) {
    if (!ACCESS_GRANTING_STATUSES.has(r.status)) continue;
    const allowed = new Set(r.roleIds);
    const end = autoExtends(r) ? null : r.endDateTime;
    for (const a of customer?.assignments ?? []) {
      if (a.relationshipId !== r.id || a.status !== 'active') continue;
      const roleIds = a.roleIds.filter((id) => allowed.has(id));
      if (roleIds.length > 0) grants.push({ groupId: a.groupId, groupName: a.groupName, roleIds, end });
    }
  }
  return grants;
}

/** An analyst's GDAP paths into one customer: "group -> roles" each, and when each ends. */
export interface GdapReach {
  readonly via: string[];
  readonly ends: Array<string | null>;
}

/**
 * How one analyst reaches one customer, from their GDAP paths there and their guest account there:
 * GDAP, a B2B guest (an accepted account with a role that has not ended), both, or none (an
 * invitation not accepted yet, or a guest without a role, reaches nothing). Null when the analyst has
 * neither a GDAP path nor a guest account.
 */
export function cellFor(
  gd: GdapReach | undefined,
  guest: Pick<GuestAccount, 'state' | 'roles'> | undefined,
  now: number,
): MatrixCell | null {
  if (!gd && !guest) return null;
  const roles = (guest?.roles ?? []).filter((r) => r.endDateTime === null || Date.parse(r.endDateTime) > now);
  const guestReaches = guest?.state === 'accepted' && roles.length > 0;
  const path: AccessPath = gd ? (guestReaches ? 'both' : 'gdap') : guestReaches ? 'b2b' : 'none';
  const ends = [...(gd?.ends ?? []), ...(guestReaches ? roles.map((r) => r.endDateTime) : [])];
  return {
    path,
    gdap: gd?.via ?? [],
    guest: guest ? { state: guest.state, roles } : null,
    until: path === 'none' ? null : latest(ends),
    plugins: pluginsReached(path),
  };
}

export function buildAccessMatrix(input: MatrixInput): AccessMatrix {
  const now = input.now.getTime();
  const customers = new Map<string, MatrixCustomer>();
  for (const c of input.snapshot?.customers ?? [])
    customers.set(c.tenantId, {
      tenantId: c.tenantId,
      displayName: c.displayName,
      guestsReadAt: input.guests.get(c.tenantId)?.readAt ?? null,
    });
  for (const [tenantId, g] of input.guests)
    if (!customers.has(tenantId))
      customers.set(tenantId, {
        tenantId,
        displayName: input.names?.get(tenantId) ?? tenantId,
        guestsReadAt: g.readAt,
      });
  const customerList = [...customers.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const analysts = [...input.analysts].sort((a, b) => a.displayName.localeCompare(b.displayName));
  // For each group: the analysts in it (by index), so each assignment visits only its members.
  const membersOf = new Map<string, number[]>();
  analysts.forEach((a, i) => {
    for (const g of a.groupIds) {
      const list = membersOf.get(g);
      if (list) list.push(i);
      else membersOf.set(g, [i]);
    }
  });
  const analystIndex = new Map(analysts.map((a, i) => [a.id, i]));
  const byTenant = new Map((input.snapshot?.customers ?? []).map((c) => [c.tenantId, c]));

  const cells: Array<Array<MatrixCell | null>> = customerList.map((customer) => {
    const gdap: Array<GdapReach | undefined> = new Array(analysts.length);
    for (const g of gdapGrants(byTenant.get(customer.tenantId))) {
      const via = `${g.groupName ?? 'a partner group'} -> ${g.roleIds.map(roleName).join(', ')}`;
      for (const i of membersOf.get(g.groupId) ?? []) {
        const cell = (gdap[i] ??= { via: [], ends: [] });
        if (!cell.via.includes(via)) cell.via.push(via);
        cell.ends.push(g.end);
      }
    }
    const guestOf: Array<GuestAccount | undefined> = new Array(analysts.length);
    for (const g of input.guests.get(customer.tenantId)?.guests ?? []) {
      const i = g.partnerUserId === null ? undefined : analystIndex.get(g.partnerUserId);
      if (i !== undefined) guestOf[i] = g;
    }
    return analysts.map((_, i) => cellFor(gdap[i], guestOf[i], now));
  });
  return {
    builtAt: input.now.toISOString(),
    syncedAt: input.snapshot?.syncedAt ?? null,
    analysts: analysts.map(({ id, displayName, userPrincipalName }) => ({
      id,
      displayName,
      userPrincipalName,
    })),
    customers: customerList,
    cells,
  };
}

export interface MatrixFilter {
  readonly analystIds?: ReadonlyArray<string>;
  /** Text in the customer's name or tenant ID. */
  readonly customer?: string;
  /** A plugin the cell must reach. */
  readonly pluginId?: string;
  /** Only access that ends within 30 days. */
  readonly endingWithin30Days?: boolean;
}

const DAY = 86_400_000;

export function cellMatches(cell: MatrixCell | null, filter: MatrixFilter, now: Date): boolean {
  if (cell === null) return filter.pluginId === undefined && !filter.endingWithin30Days;
  if (filter.pluginId !== undefined && !cell.plugins.includes(filter.pluginId)) return false;
  if (filter.endingWithin30Days) {
    if (cell.until === null || cell.path === 'none') return false;
    if (Date.parse(cell.until) - now.getTime() > 30 * DAY) return false;
  }
  return true;
}

/** The visible part of the matrix: analysts (columns) and customers (rows) with a matching cell. */
export function filterMatrix(
  m: AccessMatrix,
  filter: MatrixFilter,
  now: Date,
): { analysts: number[]; customers: number[] } {
  const wanted = filter.analystIds && filter.analystIds.length > 0 ? new Set(filter.analystIds) : undefined;
  const analysts = m.analysts.flatMap((a, i) => (wanted === undefined || wanted.has(a.id) ? [i] : []));
  const text = (filter.customer ?? '').trim().toLowerCase();
  const cellFilter = filter.pluginId !== undefined || filter.endingWithin30Days === true;
  const customers = m.customers.flatMap((c, ci) => {
    if (text !== '' && !c.displayName.toLowerCase().includes(text) && !c.tenantId.includes(text)) return [];
    if (!cellFilter) return [ci];
    const row = m.cells[ci] ?? [];
    return analysts.some((ai) => cellMatches(row[ai] ?? null, filter, now)) ? [ci] : [];
  });
  return { analysts, customers };
}

const PATH_WORDS: Readonly<Record<AccessPath, string>> = {
  gdap: 'GDAP',
  b2b: 'B2B guest',
  both: 'GDAP and B2B guest',
  none: 'No access',
};

/** One line per analyst and customer with a cell, as the view filtered them. */
export function matrixToCsv(
  m: AccessMatrix,
  visible: { analysts: ReadonlyArray<number>; customers: ReadonlyArray<number> },
): string {
  const columns = [
    'analyst',
    'analystUpn',
    'customer',
    'tenantId',
    'path',
    'gdap',
    'guest',
    'until',
    'pluginsReached',
  ] as const;
  const plugins = new Map(COPILOT_PLUGINS.map((p) => [p.id, p.name]));
  const rows: Array<Record<(typeof columns)[number], unknown>> = [];
  for (const ci of visible.customers) {
    const c = m.customers[ci];
    if (!c) continue;
    for (const ai of visible.analysts) {
      const a = m.analysts[ai];
      const cell = m.cells[ci]?.[ai] ?? null;
      if (!a) continue;
      rows.push({
        analyst: a.displayName,
        analystUpn: a.userPrincipalName,
        customer: c.displayName,
        tenantId: c.tenantId,
        path: PATH_WORDS[cell?.path ?? 'none'],
        gdap: cell?.gdap.join('; ') ?? '',
        guest:
          cell?.guest === null || cell?.guest === undefined
            ? ''
            : cell.guest.state === 'pendingAcceptance'
              ? 'Invited, not accepted yet'
              : cell.guest.roles.map((r) => describeGrant(r, 'UTC')).join('; ') || 'Guest without a role',
        until: cell?.until?.slice(0, 10) ?? '',
        pluginsReached: (cell?.plugins ?? []).map((id) => plugins.get(id) ?? id).join('; '),
      });
    }
  }
  return csvTable(columns, rows);
}
