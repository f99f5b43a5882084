/**
 * The OData conventions Graph uses on collections: `$top` with `@odata.nextLink` carrying a
 * `$skiptoken`, `$select`, the `$filter` forms Switchboard sends (`eq` comparisons on a property
 * or a property path, joined with `and`, optionally in parentheses), and `$orderby` / `$count` on the
 * collections whose docs list them. A property the entity does not have is Graph's 400, never an
 * empty page (which would hide a query bug).
 */
import { graphError } from '../http/errors';
import type { SandboxRequest, SandboxResponse } from '../http/types';

/**
 * Graph's answer to a POST that made an entity: 201, the entity after its `@odata.context`, and a
 * `Location` where Graph gives one.
 */
export function createdEntity(context: string, entity: object, location?: string): SandboxResponse {
  return {
    status: 201,
    ...(location === undefined ? {} : { headers: { location } }),
    json: { '@odata.context': context, ...entity },
  };
}

export interface PageOptions {
  /** The default page size when no `$top` is given. */
  readonly defaultTop: number;
  /** The largest `$top` accepted (GDAP lists: 300). */
  readonly maxTop: number;
  /**
   * The entity's type and the property paths `$filter`, `$orderby` and `$select` may name. Without
   * it, the properties the items have.
   */
  readonly entity?: EntityShape;
  /** `$orderby` and `$count` are answered only where Microsoft's docs list them (otherwise ignored). */
  readonly orderby?: boolean;
  readonly count?: boolean;
  /** The code of Graph's 400 for a bad query (GDAP's APIs answer camelCase `badRequest`). */
  readonly badRequestCode?: string;
  /**
   * Directory objects (users, groups): `$count` and sorting on anything but `defaultOrderby` are
   * advanced queries, answered only with `ConsistencyLevel: eventual` and `$count=true`.
   */
  readonly advancedQueries?: { readonly defaultOrderby: ReadonlyArray<string> };
}

export interface EntityShape {
  /** e.g. `microsoft.graph.delegatedAdminRelationship`. */
  readonly type: string;
  /** Property paths, `customer/tenantId` for a nested one. */
  readonly properties: ReadonlyArray<string>;
}

/** Every property path the items have (nested objects included). */
function pathsOf(items: ReadonlyArray<object>): Set<string> {
  const paths = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('@odata.')) continue;
      const p = prefix === '' ? k : `${prefix}/${k}`;
      paths.add(p);
      walk(v, p);
    }
  };
  for (const item of items) walk(item, '');
  return paths;
}

/**
 * One page of `items` for this request, as Graph answers it; or Graph's 400 for a bad `$top`,
 * `$skiptoken` or `$filter`. `context` is the `@odata.context` value.
 */
export function pageOf<T extends object>(
  req: SandboxRequest,
  items: ReadonlyArray<T>,
  context: string,
  options: PageOptions,
): SandboxResponse {
  const bad = options.badRequestCode ?? 'BadRequest';
  const known = options.entity ? new Set(options.entity.properties) : pathsOf(items);
  const typeName = options.entity?.type ?? 'microsoft.graph.entity';
  // An empty collection without a declared shape cannot tell a wrong name from a right one.
  const checkNames = options.entity !== undefined || items.length > 0;
  const unknownProperty = (name: string) =>
    graphError(req, 400, bad, `Could not find a property named '${name}' on type '${typeName}'.`);
  const topText = req.query.get('$top');
  let top = options.defaultTop;
  if (topText !== null) {
    if (!/^\d+$/.test(topText) || Number(topText) < 1) {
      return graphError(req, 400, bad, `Invalid value '${topText}' for $top query option found.`);
    }
    top = Number(topText);
    if (top > options.maxTop) {
      return graphError(
        req,
        400,
        bad,
        `The limit of '${options.maxTop}' for Top query has been exceeded. The value from the incoming request is '${top}'.`,
      );
    }
  }
  const filterText = req.query.get('$filter');
  let filtered: ReadonlyArray<T> = items;
  if (filterText !== null) {
    const filter = parseFilter(filterText);
    if (!filter.ok) return graphError(req, 400, bad, filter.message);
    const unknown = filter.conditions.find((c) => checkNames && !known.has(c.path.join('/')));
    if (unknown) return unknownProperty(unknown.path.join('/'));
    filtered = items.filter((item) => filter.conditions.every((c) => matches(item, c)));
  }
  if (options.entity && req.query.get('$select') !== null) {
    const wanted = (req.query.get('$select') ?? '').split(',').map((x) => x.trim());
    const unknown = wanted.find((w) => w !== '' && !known.has(w));
    if (unknown !== undefined) return unknownProperty(unknown);
  }
  const advanced =
    (req.header('consistencylevel') ?? '').toLowerCase() === 'eventual' && req.query.get('$count') === 'true';
  if (options.advancedQueries && req.query.get('$count') === 'true' && !advanced) {
    // UNCONFIRMED: the exact message; Graph documents that $count on directory objects needs the header.
    return graphError(
      req,
      400,
      'Request_BadRequest',
      '$count is an advanced query: send the ConsistencyLevel: eventual header with it.',
    );
  }
  const orderText = req.query.get('$orderby');
  if (orderText !== null && options.orderby) {
    const keys: Array<{ path: string[]; desc: boolean }> = [];
    for (const part of orderText.split(',')) {
      const m = /^\s*([A-Za-z][A-Za-z0-9]*(?:\/[A-Za-z][A-Za-z0-9]*)*)(?:\s+(asc|desc))?\s*$/i.exec(part);
      if (!m) return graphError(req, 400, bad, `Invalid $orderby clause: '${part.trim()}'.`);
      const path = m[1] as string;
      if (checkNames && !known.has(path)) return unknownProperty(path);
      if (options.advancedQueries && !advanced && !options.advancedQueries.defaultOrderby.includes(path))
        return graphError(req, 400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
      keys.push({ path: path.split('/'), desc: (m[2] ?? '').toLowerCase() === 'desc' });
    }
    filtered = [...filtered].sort((a, b) => {
      for (const key of keys) {
        const order = compareValues(valueAt(a, key.path), valueAt(b, key.path));
        if (order !== 0) return key.desc ? -order : order;
      }
      return 0;
    });
  }
  const countText = req.query.get('$count');
  let withCount = false;
  if (countText !== null && options.count) {
    if (countText !== 'true' && countText !== 'false')
      return graphError(req, 400, bad, `Invalid value '${countText}' for $count query option found.`);
    withCount = countText === 'true';
  }
  const skipText = req.query.get('$skiptoken');
  let skip = 0;
  if (skipText !== null) {
    const decoded = Number.parseInt(
      Buffer.from(skipText, 'base64url')
        .toString('utf8')
        .replace(/^skip:/, ''),
      10,
    );
    if (!Number.isInteger(decoded) || decoded < 0)
      return graphError(req, 400, bad, 'The $skiptoken is invalid.');
    skip = decoded;
  }
  const page = filtered.slice(skip, skip + top).map((item) => select(req, item));
  const body: Record<string, unknown> = {
    '@odata.context': context,
    ...(withCount ? { '@odata.count': filtered.length } : {}),
    value: page,
  };
  if (skip + top < filtered.length) {
    // Graph's nextLinks keep OData's `$` unencoded: `...?$top=300&$skiptoken=...`.
    const kept = [...req.query.entries()]
      .filter(([k]) => k !== '$top' && k !== '$skiptoken')
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    const token = Buffer.from(`skip:${skip + top}`).toString('base64url');
    body['@odata.nextLink'] =
      `${req.url.origin}${req.url.pathname}?${[...kept, `$top=${top}`, `$skiptoken=${token}`].join('&')}`;
  }
  return { status: 200, json: body };
}

/** Applies `$select` (top-level properties; `id` and OData annotations are always kept). */
function select<T extends object>(req: SandboxRequest, item: T): Record<string, unknown> {
  const text = req.query.get('$select');
  if (text === null) return item as Record<string, unknown>;
  const wanted = new Set(
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return Object.fromEntries(
    Object.entries(item).filter(([k]) => k === 'id' || k.startsWith('@odata.') || wanted.has(k)),
  );
}

export interface Condition {
  readonly path: ReadonlyArray<string>;
  readonly value: string | number | boolean | null;
}

/** `status eq 'active'`, `customer/tenantId eq '<guid>'`, `(a eq 'x') and (b eq 'y')`. */
function parseFilter(text: string): { ok: true; conditions: Condition[] } | { ok: false; message: string } {
  const parts = text.split(/\s+and\s+/i).map((p) =>
    p
      .trim()
      .replace(/^\((.*)\)$/, '$1')
      .trim(),
  );
  const conditions: Condition[] = [];
  for (const part of parts) {
    const m =
      /^([A-Za-z][A-Za-z0-9]*(?:\/[A-Za-z][A-Za-z0-9]*)*)\s+eq\s+('(?:[^']|'')*'|true|false|null|-?\d+)$/i.exec(
        part,
      );
    if (!m)
      return {
        ok: false,
        message: `Invalid filter clause: '${part}'. The sandbox supports 'property eq value' joined with 'and'.`,
      };
    const raw = m[2] as string;
    const value = raw.startsWith("'")
      ? raw.slice(1, -1).replace(/''/g, "'")
      : raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw === 'null'
            ? null
            : Number(raw);
    conditions.push({ path: (m[1] as string).split('/'), value });
  }
  return { ok: true, conditions };
}

function valueAt(item: object, path: ReadonlyArray<string>): unknown {
  let current: unknown = item;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current ?? null;
}

/** Nulls first, strings without regard to case, then numbers and booleans as they compare. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string')
    return a.localeCompare(b, 'en', { sensitivity: 'base' });
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function matches(item: object, condition: Condition): boolean {
  let current: unknown = item;
  for (const key of condition.path) {
    if (typeof current !== 'object' || current === null) return condition.value === null;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'string' && typeof condition.value === 'string')
    return current.toLowerCase() === condition.value.toLowerCase();
  return (current ?? null) === condition.value;
}

/** A weak ETag as Graph sends them for GDAP resources, from a record's id and version. */
export function etagOf(id: string, version: number): string {
  return `W/"${Buffer.from(`"${id}:${version}"`).toString('base64')}"`;
}
