/**
 * The tenant switcher's type-ahead: which customers match what the analyst typed, best first.
 *
 * Order: favourites, then recent launches (newest first), then everyone else; inside each group a
 * name that starts with the query comes before a word in any field that starts with it (a name word,
 * the default domain or a part of it, a tag, the tenant ID's first characters), which comes before a
 * match inside a word; then A–Z. The index is built once per customer list (lower-cased, accents
 * folded, already in that group order), so a keystroke is one pass of string searches over it, with
 * no sorting: fast enough for 10,000 customers within one frame.
 */
import { RECENT_LIMIT, type Customer } from '../customers/customer';

/** What the switcher needs to know about a customer. */
export type SwitcherCustomer = Pick<
  Customer,
  'tenantId' | 'displayName' | 'tags' | 'favourite' | 'lastLaunchedAt'
> & {
  readonly domain?: string | null;
};

/** Why a customer is where it is in the list: pinned by the analyst, launched lately, or neither. */
export type SwitcherGroup = 'favourite' | 'recent' | 'other';

/** How well a customer matched: its name starts with the query, a word starts with it, or inside. */
export type MatchQuality = 'prefix' | 'wordStart' | 'substring';

interface IndexEntry<T> {
  readonly customer: T;
  readonly group: SwitcherGroup;
  readonly groupIndex: number;
  /** Name, domain and tags, folded, one per line: a newline never occurs in a query word. */
  readonly text: string;
  readonly name: string;
  readonly domain: string;
  readonly tenantId: string;
}

/** Customers prepared for searching, in their empty-query order. Build once per customer list. */
export interface SwitcherIndex<T extends SwitcherCustomer> {
  readonly entries: ReadonlyArray<IndexEntry<T>>;
}

export interface SwitcherMatch<T extends SwitcherCustomer> {
  readonly customer: T;
  readonly group: SwitcherGroup;
  /** Null for the empty query (everyone is listed). */
  readonly quality: MatchQuality | null;
  /** A word of the query is the start of the tenant ID: the list shows the ID, as it is why it matched. */
  readonly byTenantId: boolean;
}

export interface SwitcherResult<T extends SwitcherCustomer> {
  /** At most `limit` matches, best first. */
  readonly matches: ReadonlyArray<SwitcherMatch<T>>;
  /** How many customers matched in all (the list may show fewer). */
  readonly total: number;
}

/** Lower-cases and folds accents, so "societe" finds "Société" and "MÜLLER" finds "Müller". */
function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The last query per index and the entries it matched (in index order), to narrow as typing goes on. */
interface LastSearch<T> {
  readonly query: string;
  readonly matched: ReadonlyArray<IndexEntry<T>>;
}
const lastSearch = new WeakMap<object, LastSearch<unknown>>();

const GROUPS: ReadonlyArray<SwitcherGroup> = ['favourite', 'recent', 'other'];
const QUALITIES: ReadonlyArray<MatchQuality> = ['prefix', 'wordStart', 'substring'];

/**
 * Prepares the customers for `rankSwitcher`. Recents are the RECENT_LIMIT launched most recently, as
 * in the customers view's Recent list, so a launch from last year does not outrank a good match.
 */
export function buildSwitcherIndex<T extends SwitcherCustomer>(
  customers: ReadonlyArray<T>,
): SwitcherIndex<T> {
  const recent = customers
    .filter((c) => !c.favourite && c.lastLaunchedAt !== null)
    .sort((a, b) => (b.lastLaunchedAt ?? '').localeCompare(a.lastLaunchedAt ?? ''))
    .slice(0, RECENT_LIMIT);
  const recentSet = new Set<SwitcherCustomer>(recent);
  // As compareCustomersByName, with a collator: ten times faster than localeCompare on 10,000 names.
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  const byName = (list: T[]): T[] =>
    list.sort((a, b) => collator.compare(a.displayName, b.displayName) || compareIds(a.tenantId, b.tenantId));
  const favourites = byName(customers.filter((c) => c.favourite));
  const others = byName(customers.filter((c) => !c.favourite && !recentSet.has(c)));
  const entry = (customer: T, group: SwitcherGroup): IndexEntry<T> => {
    const name = foldForSearch(customer.displayName);
    const domain = foldForSearch(customer.domain ?? '');
    return {
      customer,
      group,
      groupIndex: GROUPS.indexOf(group),
      name,
      domain,
      tenantId: customer.tenantId.toLowerCase(),
      text: [name, domain, ...customer.tags.map(foldForSearch)].join('\n'),
    };
  };
  return {
    entries: [
      ...favourites.map((c) => entry(c, 'favourite')),
      ...recent.map((c) => entry(c, 'recent')),
      ...others.map((c) => entry(c, 'other')),
    ],
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Letters and digits make up words; anything else (space, dot, hyphen, newline) separates them. */
function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 97 && code <= 122) || // a-z (the text is lower case)
    code > 127 // letters of other scripts
  );
}

/** True when `word` occurs in `text` at the start of a word. */
function startsAWord(text: string, word: string, first: number): boolean {
  for (let at = first; at !== -1; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !isWordChar(text.charCodeAt(at - 1))) return true;
  }
  return false;
}

/** How well one query word matches an entry, or null when it does not. */
function wordQuality<T extends SwitcherCustomer>(entry: IndexEntry<T>, word: string): MatchQuality | null {
  // The tenant ID matches from its start only: any short hex run occurs inside thousands of GUIDs.
  if (entry.tenantId.startsWith(word)) return 'wordStart';
  const at = entry.text.indexOf(word);
  if (at === -1) return null;
  return startsAWord(entry.text, word, at) ? 'wordStart' : 'substring';
}

/** How well the whole query (every word must match) matches an entry, or null when it does not. */
function matchQuality<T extends SwitcherCustomer>(
  entry: IndexEntry<T>,
  query: string,
  words: ReadonlyArray<string>,
): MatchQuality | null {
  let worst: MatchQuality = 'wordStart';
  for (const word of words) {
    const quality = wordQuality(entry, word);
    if (quality === null) return null;
    if (quality === 'substring') worst = 'substring';
  }
  if (entry.name.startsWith(query) || entry.domain.startsWith(query) || entry.tenantId.startsWith(query)) {
    return 'prefix';
  }
  return worst;
}

/**
 * The customers matching `query` (every word of it, in name, domain, tags or the tenant ID's start),
 * best first; at most `limit`. The empty query lists favourites, recents, then everyone A–Z.
 */
export function rankSwitcher<T extends SwitcherCustomer>(
  index: SwitcherIndex<T>,
  query: string,
  limit = 50,
): SwitcherResult<T> {
  const folded = foldForSearch(query).trim().replace(/\s+/g, ' ');
  if (folded === '') {
    return {
      matches: index.entries
        .slice(0, limit)
        .map((e) => ({ customer: e.customer, group: e.group, quality: null, byTenantId: false })),
      total: index.entries.length,
    };
  }
  const words = folded.split(' ');
  // Typing on narrows the last query: whatever matches the longer text matched the shorter one, so
  // only the last matches need looking at again.
  const last = lastSearch.get(index) as LastSearch<T> | undefined;
  const candidates = last && folded.startsWith(last.query) ? last.matched : index.entries;
  const matched: IndexEntry<T>[] = [];
  // One bucket per (group, quality), filled in index order (already A–Z, or newest first for recents):
  // reading the buckets in order gives the ranking without a sort.
  const buckets: SwitcherMatch<T>[][] = GROUPS.flatMap(() => QUALITIES.map(() => []));
  for (const entry of candidates) {
    const quality = matchQuality(entry, folded, words);
    if (quality === null) continue;
    matched.push(entry);
    const bucket = buckets[entry.groupIndex * QUALITIES.length + QUALITIES.indexOf(quality)]!;
    if (bucket.length < limit) {
      const byTenantId = words.some((word) => entry.tenantId.startsWith(word));
      bucket.push({ customer: entry.customer, group: entry.group, quality, byTenantId });
    }
  }
  lastSearch.set(index, { query: folded, matched });
  const total = matched.length;
  const matches: SwitcherMatch<T>[] = [];
  for (const bucket of buckets) {
    for (const match of bucket) {
      if (matches.length === limit) return { matches, total };
      matches.push(match);
    }
  }
  return { matches, total };
}
