/**
 * `switchboard://` deep links: the OS hands them to the app from shortcuts, browsers and other apps,
 * so anyone can write one. Two forms exist and nothing else is accepted:
 *
 *   switchboard://launch/<tenant GUID>?target=<target>   open a portal for a customer
 *   switchboard://customer/<tenant GUID>                 show the customer's page
 *
 * The parser reads the raw string itself rather than trusting URL normalisation (which decodes,
 * resolves `..`, drops ports and credentials differently per scheme): every character must be one of
 * the few a canonical link uses, so percent-encoding, fragments, credentials, ports, extra path
 * segments and extra parameters are refused outright instead of being interpreted. The tenant must be
 * a customer in the analyst's list and the target one of the portals that need only a tenant. A deep
 * link never carries a URL: what opens is always built by shared/launch/portal-targets.ts.
 */
import {
  DEFAULT_LAUNCH_TARGET,
  isLaunchTarget,
  LAUNCH_TARGETS,
  PORTAL_TARGETS,
  type LaunchTarget,
} from './portal-targets';
import { isGuid, type TenantId } from '../platform/tenant-id';

const DEEP_LINK_SCHEME = 'switchboard';
export const DEEP_LINK_ACTIONS = ['launch', 'customer'] as const;
export type DeepLinkAction = (typeof DEEP_LINK_ACTIONS)[number];

/** Far longer than any canonical link (about 100 characters); anything longer is refused unread. */
export const MAX_DEEP_LINK_LENGTH = 512;

/** The targets a deep link may name: those built from the tenant alone (or its synced domain). */
export const DEEP_LINK_TARGETS: ReadonlyArray<LaunchTarget> = LAUNCH_TARGETS.filter(
  (t) => PORTAL_TARGETS[t].needs !== 'relationship',
);

export type DeepLinkResult =
  | {
      readonly ok: true;
      readonly action: DeepLinkAction;
      readonly tenantId: TenantId;
      /** The portal to open; for `customer` links, the default target (nothing is launched). */
      readonly target: LaunchTarget;
    }
  | { readonly ok: false; readonly message: string };

const NOTHING_OPENED = 'Nothing was opened.';
const FORMS = `A Switchboard link looks like ${DEEP_LINK_SCHEME}://launch/<tenant ID>?target=<portal> or ${DEEP_LINK_SCHEME}://customer/<tenant ID>.`;

/**
 * Reads a deep link. `knownTenant` says whether a (lower-case) tenant ID is a customer in the list;
 * a link for any other tenant opens nothing.
 */
export function parseDeepLink(raw: string, knownTenant: (tenantId: TenantId) => boolean): DeepLinkResult {
  if (typeof raw !== 'string' || raw.length === 0) return refuse('The link is empty.');
  if (raw.length > MAX_DEEP_LINK_LENGTH) {
    return refuse(
      `The link is ${raw.length} characters long; a Switchboard link is never longer than ${MAX_DEEP_LINK_LENGTH}. ${FORMS}`,
    );
  }
  const prefix = `${DEEP_LINK_SCHEME}://`;
  // Schemes are case-insensitive (RFC 3986 section 3.1); everything after it is matched exactly.
  if (raw.slice(0, prefix.length).toLowerCase() !== prefix) {
    return refuse(`This is not a Switchboard link: it does not start with ${prefix}. ${FORMS}`);
  }
  const rest = raw.slice(prefix.length);

  const odd = oddCharacter(rest);
  if (odd !== null) return refuse(odd);

  const queryAt = rest.indexOf('?');
  const path = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? null : rest.slice(queryAt + 1);

  const [action, ...segments] = path.split('/');
  if (action === undefined || action === '') return refuse(`The link does not say what to do. ${FORMS}`);
  if (action.includes(':')) {
    return refuse(`The link names a port ("${preview(action)}"); Switchboard links have none. ${FORMS}`);
  }
  if (!isAction(action)) {
    return refuse(
      `"${preview(action)}" is not something a Switchboard link can do; it can only "launch" a portal or open a "customer". ${FORMS}`,
    );
  }
  // One segment, the tenant; a single trailing slash is forgiven because some launchers add one.
  const tenantSegments = segments.length === 2 && segments[1] === '' ? segments.slice(0, 1) : segments;
  if (tenantSegments.length === 0 || tenantSegments[0] === '') {
    return refuse(`The link names no customer: put the customer's tenant ID after ${action}/. ${FORMS}`);
  }
  if (tenantSegments.length > 1) {
    return refuse(`The link has more after the tenant ID than Switchboard understands. ${FORMS}`);
  }
  const tenantText = tenantSegments[0] ?? '';
  if (!isGuid(tenantText)) {
    return refuse(
      `"${preview(tenantText)}" is not a tenant ID. A tenant ID is a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47; a domain name or customer name does not work here.`,
    );
  }
  const tenantId = tenantText.toLowerCase() as TenantId;
  if (!knownTenant(tenantId)) {
    return refuse(
      `No customer in your list has tenant ID ${tenantId}. Add the customer (or sync your GDAP directory under Customers), then open the link again.`,
    );
  }

  if (action === 'customer') {
    if (query !== null) return refuse(`A customer link takes no options after "?". ${FORMS}`);
    return { ok: true, action, tenantId, target: DEFAULT_LAUNCH_TARGET };
  }
  const target = readTarget(query);
  if (typeof target !== 'string') return refuse(target.message);
  return { ok: true, action, tenantId, target };
}

/** The canonical link for a customer: what shortcuts and "copy link" write. */
export function deepLinkFor(
  action: DeepLinkAction,
  tenantId: TenantId,
  target: LaunchTarget = DEFAULT_LAUNCH_TARGET,
): string {
  if (!isGuid(tenantId)) throw new Error(`"${preview(String(tenantId))}" is not a tenant ID.`);
  const base = `${DEEP_LINK_SCHEME}://${action}/${tenantId.toLowerCase()}`;
  if (action === 'customer') return base;
  if (!DEEP_LINK_TARGETS.includes(target)) {
    throw new Error(`A deep link cannot open "${target}": it needs more than a tenant ID.`);
  }
  return `${base}?target=${target}`;
}

/** The `target` of a launch link, or why it is refused; no query means the default target. */
function readTarget(query: string | null): LaunchTarget | { readonly message: string } {
  if (query === null) return DEFAULT_LAUNCH_TARGET;
  if (query === '') return { message: `The link ends with an empty "?". ${FORMS}` };
  const params = query.split('&');
  if (params.length > 1) {
    return {
      message: `The link has more than one option after "?"; only target=<portal> is allowed. ${FORMS}`,
    };
  }
  const [name, ...values] = (params[0] ?? '').split('=');
  if (name !== 'target' || values.length !== 1) {
    return {
      message: `"${preview(params[0] ?? '')}" is not an option Switchboard understands; only target=<portal> is allowed. ${FORMS}`,
    };
  }
  const value = values[0] ?? '';
  if (value.includes(':') || value.includes('/')) {
    return {
      message: `The target "${preview(value)}" looks like an address. A Switchboard link never carries an address to open; it names a portal: ${DEEP_LINK_TARGETS.join(', ')}.`,
    };
  }
  if (!isLaunchTarget(value)) {
    return {
      message: `"${preview(value)}" is not a portal Switchboard opens. Use one of: ${DEEP_LINK_TARGETS.join(', ')}.`,
    };
  }
  if (!DEEP_LINK_TARGETS.includes(value)) {
    return {
      message: `The ${PORTAL_TARGETS[value].label} belongs to one GDAP relationship, which a link cannot name. Open it from the customer's page in Switchboard.`,
    };
  }
  return value;
}

/**
 * Why the part after `switchboard://` contains a character no canonical link has, or null. Canonical
 * links use letters, digits, `/`, `-`, one `?`, `=` and (in refusals' eyes) `&`.
 */
function oddCharacter(rest: string): string | null {
  if (rest.includes('%')) {
    return `The link contains percent-encoded characters (%…). Switchboard links never need them, so an encoded link is refused rather than decoded. ${FORMS}`;
  }
  if (rest.includes('@'))
    return `The link contains "@" (a user name or password); Switchboard links carry none. ${FORMS}`;
  if (rest.includes('#')) return `The link contains a "#" fragment; Switchboard links have none. ${FORMS}`;
  if (rest.includes('\\')) return `The link contains a backslash; Switchboard links use "/" only. ${FORMS}`;
  if ((rest.match(/\?/g) ?? []).length > 1) return `The link contains more than one "?". ${FORMS}`;
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(rest)) return `The link contains spaces or control characters. ${FORMS}`;
  if (!/^[A-Za-z0-9/?=&:.-]*$/.test(rest)) {
    return `The link contains characters Switchboard links never have (only letters, digits, "/", "-", "?" and "=" are used). ${FORMS}`;
  }
  return null;
}

function isAction(value: string): value is DeepLinkAction {
  return (DEEP_LINK_ACTIONS as ReadonlyArray<string>).includes(value);
}

function refuse(reason: string): DeepLinkResult {
  return { ok: false, message: `${reason} ${NOTHING_OPENED}` };
}

function preview(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
