/**
 * Tenant IDs are Entra directory GUIDs. A launch URL is built from one, so anything that is not exactly
 * a GUID (a domain, a GUID with a suffix like `x&redirect=...`, braces, whitespace inside) is refused
 * rather than "cleaned up": guessing what someone meant is how a launch ends up in the wrong tenant.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A validated, lower-case tenant GUID. Only `parseTenantId` makes one. */
export type TenantId = string & { readonly __brand: 'TenantId' };

export const TENANT_ID_HELP =
  'A tenant ID is a GUID: 32 hexadecimal digits in groups of 8-4-4-4-12, for example ' +
  '72f988bf-86f1-41af-91ab-2d7cd011db47. Find it in the Entra admin center under Overview, ' +
  "or in Partner Center on the customer's account page. A domain name such as contoso.com is not a tenant ID.";

export type TenantIdResult =
  { readonly ok: true; readonly value: TenantId } | { readonly ok: false; readonly message: string };

/** True for a string that is exactly a GUID (any case), nothing before or after it. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value.toLowerCase());
}

/**
 * Parses what a person typed (or a file or link carried) as a tenant ID. Surrounding whitespace is
 * forgiven because pasting adds it; everything else must be exactly a GUID.
 */
export function parseTenantId(input: unknown): TenantIdResult {
  if (typeof input !== 'string') return { ok: false, message: `The tenant ID is missing. ${TENANT_ID_HELP}` };
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, message: `The tenant ID is empty. ${TENANT_ID_HELP}` };
  if (trimmed.length > 36 && GUID.test(trimmed.slice(0, 36).toLowerCase())) {
    return {
      ok: false,
      message: `"${preview(trimmed)}" has extra characters after the GUID. ${TENANT_ID_HELP}`,
    };
  }
  if (looksLikeUrl(trimmed)) {
    return {
      ok: false,
      message: `"${preview(trimmed)}" is a web address (URL), not a tenant ID. ${TENANT_ID_HELP}`,
    };
  }
  if (trimmed.includes('.') && !trimmed.includes(' ') && !GUID.test(trimmed.toLowerCase())) {
    return {
      ok: false,
      message: `"${preview(trimmed)}" looks like a domain name, not a tenant ID. ${TENANT_ID_HELP}`,
    };
  }
  const lower = trimmed.toLowerCase();
  if (!GUID.test(lower))
    return { ok: false, message: `"${preview(trimmed)}" is not a tenant ID. ${TENANT_ID_HELP}` };
  return { ok: true, value: lower as TenantId };
}

/** Like parseTenantId, for values the program already trusts to be GUIDs; throws otherwise. */
export function tenantId(value: string): TenantId {
  const result = parseTenantId(value);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function preview(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

/** True for text a person pasted from a browser's address bar: a scheme, or a host with a path. */
function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[^\s/]+\.[^\s/]+\/\S*/.test(text);
}

const ANY_GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const GUID_SOURCE = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
/**
 * Where a portal URL names its tenant: the Azure portal's `#@<tenant>`, a `tenantId=` / `tenant=` /
 * `tid=` / `directoryId=` parameter (in the query or the fragment), a `/tenantId/<tenant>` blade
 * segment, and the sign-in authority `login.microsoftonline.com/<tenant>/...`. A GUID anywhere else in
 * a URL (a subscription, a resource, an object) is not taken for the tenant.
 */
const TENANT_POSITIONS: ReadonlyArray<RegExp> = [
  new RegExp(`#@${GUID_SOURCE}(?![0-9a-f-])`, 'gi'),
  new RegExp(`[?&#/](?:tenantid|tenant|tid|directoryid)=${GUID_SOURCE}(?![0-9a-f-])`, 'gi'),
  new RegExp(`/tenantid/${GUID_SOURCE}(?![0-9a-f-])`, 'gi'),
  new RegExp(`^[a-z]+://login\\.[a-z.]+/${GUID_SOURCE}(?![0-9a-f-])`, 'gi'),
];

/** Why a pasted URL gave no tenant ID, in the words shown under the tenant ID box. */
export const URL_WITHOUT_TENANT =
  'This is a URL: paste the tenant ID or a domain (contoso.com) instead. A link to a portal names its tenant after "#@" or as "tenantId=", and this one does not.';

/**
 * A tenant ID as a person pastes it into a form: exactly a GUID, as parseTenantId takes it; or a GUID
 * in braces (`{...}`, as some tools copy it); or a portal URL that names its tenant in a tenant
 * position (TENANT_POSITIONS). A URL naming two different tenants, or none, is refused: guessing is
 * how a launch ends up in the wrong tenant. Links and files keep using the strict parseTenantId.
 */
export function parsePastedTenantId(input: unknown): TenantIdResult {
  if (typeof input !== 'string') return parseTenantId(input);
  const trimmed = input.trim();
  const braced = /^\{\s*([^{}]*?)\s*\}$/.exec(trimmed);
  if (braced) return parseTenantId(braced[1]);
  if (!looksLikeUrl(trimmed)) return parseTenantId(trimmed);
  const found = new Set<string>();
  for (const position of TENANT_POSITIONS) {
    for (const m of trimmed.matchAll(position)) found.add((m[1] as string).toLowerCase());
  }
  if (found.size === 1) return { ok: true, value: [...found][0] as TenantId };
  if (found.size > 1) {
    return {
      ok: false,
      message: `This URL names ${found.size} different tenants (${[...found].join(', ')}), so Switchboard cannot tell which one is the customer. Paste the tenant ID or a domain instead.`,
    };
  }
  const others = trimmed.match(ANY_GUID)?.length ?? 0;
  return {
    ok: false,
    message:
      others > 0
        ? `${URL_WITHOUT_TENANT} (The ID${others === 1 ? '' : 's'} in it name${others === 1 ? 's' : ''} something else, such as a subscription or a resource.)`
        : URL_WITHOUT_TENANT,
  };
}

/** A validated, lower-case DNS domain name (contoso.com, fabrikam.onmicrosoft.com). */
export type DomainName = string & { readonly __brand: 'DomainName' };

export type DomainNameResult =
  { readonly ok: true; readonly value: DomainName } | { readonly ok: false; readonly message: string };

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A domain a customer's tenant uses, as a person types it: letters, digits and hyphens in labels
 * separated by dots, ending in a top-level domain of letters; surrounding whitespace and one final
 * dot are forgiven. An e-mail address or a URL is explained rather than cut down to a guess.
 */
export function parseDomainName(input: unknown): DomainNameResult {
  const help = 'Type a domain the customer signs in with, such as contoso.com or contoso.onmicrosoft.com.';
  if (typeof input !== 'string' || input.trim() === '')
    return { ok: false, message: `The domain is empty. ${help}` };
  const text = input.trim().toLowerCase().replace(/\.$/, '');
  if (looksLikeUrl(text)) return { ok: false, message: URL_WITHOUT_TENANT };
  if (text.includes('@'))
    return {
      ok: false,
      message: `"${preview(input.trim())}" is an e-mail address. Type only the domain after the @, such as ${preview(text.slice(text.lastIndexOf('@') + 1)) || 'contoso.com'}.`,
    };
  const labels = text.split('.');
  if (
    text.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => DOMAIN_LABEL.test(l)) ||
    !/^[a-z]{2,63}$/.test(labels[labels.length - 1] as string)
  )
    return { ok: false, message: `"${preview(input.trim())}" is not a domain name. ${help}` };
  return { ok: true, value: text as DomainName };
}
