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
