/**
 * The portals Switchboard opens for a customer, and the one tenant-explicit URL format of each
 * (formats as msportals.io and CIPP's portals.json list them). Every URL is
 * built on a host of the cloud profile and passes through `portalUrl`, so the sandbox profile gets
 * the same URL rewritten onto the sandbox origin. A portal whose host the profile does not know is
 * refused with a message, never guessed.
 *
 * A customer's service management links (from Graph) are data, not a target: they are checked with
 * `isServiceManagementUrl` before anything opens them.
 */
import { approvalLink } from '../gdap/approval-link';
import { portalUrl, type CloudProfile, type PortalId } from '../platform/cloud-profile';
import { securityCopilotUrl, type LaunchUrlResult } from './launch-url';
import { isGuid, type TenantId } from '../platform/tenant-id';

export const LAUNCH_TARGETS = [
  'securityCopilot',
  'defender',
  'entra',
  'intune',
  'azure',
  'purview',
  'm365Admin',
  'exchangeAdmin',
  'partnerCenter',
  'gdapApproval',
] as const;
export type LaunchTarget = (typeof LAUNCH_TARGETS)[number];

/** Each portal's name, as the analyst sees it in the switcher and in messages. */
const LABELS: Readonly<Record<LaunchTarget, string>> = {
  securityCopilot: 'Security Copilot',
  defender: 'Microsoft Defender XDR',
  entra: 'Microsoft Entra admin center',
  intune: 'Microsoft Intune admin center',
  azure: 'Azure portal',
  purview: 'Microsoft Purview',
  m365Admin: 'Microsoft 365 admin center',
  exchangeAdmin: 'Exchange admin center',
  partnerCenter: 'Partner Center (GDAP relationship)',
  gdapApproval: 'GDAP approval link',
};

/** What a launch opens when nothing else is asked for. */
export const DEFAULT_LAUNCH_TARGET: LaunchTarget = 'securityCopilot';

export type PortalUrlResult = LaunchUrlResult;

/** The customer facts a URL may carry. Only the tenant ID is always known. */
export interface PortalCustomer {
  readonly tenantId: TenantId;
  /** For messages; the tenant ID is used when absent. */
  readonly displayName?: string;
  /** The `<name>.onmicrosoft.com` domain, when known (CIPP's choice for `?delegatedOrg=`). */
  readonly initialDomain?: string | null;
  /** The tenant's default domain from the last directory sync, when known. */
  readonly domain?: string | null;
}

/** What some targets need besides the customer. */
export interface LaunchExtra {
  /** A GDAP relationship ID (`{guid}-{guid}`): Partner Center's relationship page, the approval link. */
  readonly relationshipId?: string;
}

export interface PortalTarget {
  readonly id: LaunchTarget;
  /** The portal's name, as the analyst sees it in the switcher. */
  readonly label: string;
  /**
   * What the URL is built from: `tenant` (the tenant ID alone), `domain` (one of the customer's
   * domains, known after a directory sync) or `relationship` (a GDAP relationship ID, so it cannot be
   * launched from a tenant alone, e.g. by a deep link).
   */
  readonly needs: 'tenant' | 'domain' | 'relationship';
  readonly url: (profile: CloudProfile, customer: PortalCustomer, extra: LaunchExtra) => PortalUrlResult;
}

/**
 * Tenant ID in the query: the format of the portals that take `?tid=` (Defender XDR, Purview).
 * Security Copilot's `?tenantId=` lives in shared/launch/launch-url.ts.
 */
function withTidQuery(portal: PortalId, label: string) {
  return (profile: CloudProfile, customer: PortalCustomer): PortalUrlResult =>
    onHost(profile, portal, label, (host) => {
      const params = new URLSearchParams({ tid: customer.tenantId.toLowerCase() });
      return portalUrl(profile, host, `/?${params.toString()}`);
    });
}

/** Tenant ID as the first path segment: Entra, Intune and the Azure portal sign in to that tenant. */
function withTenantPath(portal: PortalId, label: string, rest: string) {
  return (profile: CloudProfile, customer: PortalCustomer): PortalUrlResult =>
    onHost(profile, portal, label, (host) =>
      portalUrl(profile, host, `/${customer.tenantId.toLowerCase()}${rest}`),
    );
}

/**
 * The admin centers on admin.cloud.microsoft open a customer by domain: `?delegatedOrg=<domain>`
 * (CIPP passes the initial domain). When only the default domain is known it is used instead:
 * Exchange's own DelegatedOrg accepts any domain of the tenant (CIPP's Exchange calls pass the
 * default domain); UNCONFIRMED that the admin center web pages do too.
 */
function withDelegatedOrg(label: string, path: string) {
  return (profile: CloudProfile, customer: PortalCustomer): PortalUrlResult => {
    const domain = customer.initialDomain ?? customer.domain ?? null;
    if (domain === null) {
      return {
        ok: false,
        message: `The ${label} opens a customer by its domain, and Switchboard does not know a domain of ${nameOf(customer)} yet. Sync the directory under Customers (it reads each customer's domain), then launch again.`,
      };
    }
    if (!isDomainName(domain)) {
      return {
        ok: false,
        message: `"${domain.slice(0, 80)}" is not a domain name, so the ${label} cannot be opened for ${nameOf(customer)}. Sync the directory again to read its domain.`,
      };
    }
    return onHost(profile, 'cloudAdmin', label, (host) => {
      const params = new URLSearchParams({ delegatedOrg: domain.toLowerCase() });
      return portalUrl(profile, host, `${path}?${params.toString()}`);
    });
  };
}

/**
 * Partner Center's page for one GDAP relationship with the customer:
 * `https://partner.microsoft.com/en-us/dashboard/commerce2/customers/{tenant}/adminrelationships/{id}`.
 */
function partnerCenterUrl(
  profile: CloudProfile,
  customer: PortalCustomer,
  extra: LaunchExtra,
): PortalUrlResult {
  const label = LABELS.partnerCenter;
  const relationshipId = extra.relationshipId;
  if (relationshipId === undefined) return needsRelationship("Partner Center's relationship page", customer);
  if (!isRelationshipId(relationshipId)) {
    return {
      ok: false,
      message: `"${relationshipId.slice(0, 80)}" is not a GDAP relationship ID ({guid}-{guid}), so Partner Center's page cannot be opened.`,
    };
  }
  return onHost(profile, 'partnerCenter', label, (host) =>
    portalUrl(
      profile,
      host,
      `/en-us/dashboard/commerce2/customers/${customer.tenantId.toLowerCase()}/adminrelationships/${relationshipId.toLowerCase()}`,
    ),
  );
}

/** The customer's approval link for one GDAP relationship (format and checks in approval-link.ts). */
function gdapApprovalUrl(
  profile: CloudProfile,
  customer: PortalCustomer,
  extra: LaunchExtra,
): PortalUrlResult {
  if (extra.relationshipId === undefined) return needsRelationship('GDAP approval link', customer);
  return approvalLink(profile, extra.relationshipId);
}

export const PORTAL_TARGETS: Readonly<Record<LaunchTarget, PortalTarget>> = {
  securityCopilot: {
    id: 'securityCopilot',
    label: LABELS.securityCopilot,
    needs: 'tenant',
    url: (profile, customer) => securityCopilotUrl(profile, customer.tenantId),
  },
  defender: {
    id: 'defender',
    label: LABELS.defender,
    needs: 'tenant',
    url: withTidQuery('defender', LABELS.defender),
  },
  entra: {
    id: 'entra',
    label: LABELS.entra,
    needs: 'tenant',
    url: withTenantPath('entra', LABELS.entra, '/#home'),
  },
  intune: {
    id: 'intune',
    label: LABELS.intune,
    needs: 'tenant',
    url: withTenantPath('intune', LABELS.intune, ''),
  },
  azure: {
    id: 'azure',
    label: LABELS.azure,
    needs: 'tenant',
    url: withTenantPath('azurePortal', LABELS.azure, '/'),
  },
  purview: {
    id: 'purview',
    label: LABELS.purview,
    needs: 'tenant',
    url: withTidQuery('purview', LABELS.purview),
  },
  m365Admin: {
    id: 'm365Admin',
    label: LABELS.m365Admin,
    needs: 'domain',
    url: withDelegatedOrg(LABELS.m365Admin, '/'),
  },
  exchangeAdmin: {
    id: 'exchangeAdmin',
    label: LABELS.exchangeAdmin,
    needs: 'domain',
    url: withDelegatedOrg(LABELS.exchangeAdmin, '/exchange'),
  },
  partnerCenter: {
    id: 'partnerCenter',
    label: LABELS.partnerCenter,
    needs: 'relationship',
    url: partnerCenterUrl,
  },
  gdapApproval: {
    id: 'gdapApproval',
    label: LABELS.gdapApproval,
    needs: 'relationship',
    url: gdapApprovalUrl,
  },
};

/** True for exactly one of the target IDs (case-sensitive). */
export function isLaunchTarget(value: unknown): value is LaunchTarget {
  return typeof value === 'string' && (LAUNCH_TARGETS as ReadonlyArray<string>).includes(value);
}

/**
 * The URL of `target` for `customer` in `profile`, or why there is none. The one entry point the
 * launch service, the switcher and shortcuts use.
 */
export function portalTargetUrl(
  profile: CloudProfile,
  customer: PortalCustomer,
  target: LaunchTarget,
  extra: LaunchExtra = {},
): PortalUrlResult {
  // The type says TenantId, but a launch is where a wrong tenant does harm, so check again.
  if (!isGuid(customer.tenantId)) {
    return {
      ok: false,
      message: `"${String(customer.tenantId).slice(0, 80)}" is not a tenant ID; nothing was opened.`,
    };
  }
  if (!isLaunchTarget(target)) {
    return {
      ok: false,
      message: `"${String(target).slice(0, 80)}" is not a portal Switchboard opens. Choose one of: ${LAUNCH_TARGETS.join(', ')}.`,
    };
  }
  return PORTAL_TARGETS[target].url(profile, customer, extra);
}

/**
 * True when a service management link read from Graph may be opened: an https URL with no
 * credentials or port, in plain printable ASCII, on one of the profile's portal hosts (the real
 * hosts, also for the sandbox profile, whose Graph returns real-looking links). Links on other
 * Microsoft hosts (Teams, SharePoint admin and the like) are refused until their hosts are added to
 * the profiles.
 */
export function isServiceManagementUrl(profile: CloudProfile, url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048 || !/^[\x21-\x7e]+$/.test(url) || url.includes('\\'))
    return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '')
    return false;
  return Object.values(profile.portalHosts).some((host) => host !== null && host === parsed.hostname);
}

function onHost(
  profile: CloudProfile,
  portal: PortalId,
  label: string,
  build: (host: string) => URL,
): PortalUrlResult {
  const host = profile.portalHosts[portal];
  if (host === null) {
    return {
      ok: false,
      message: `Switchboard does not know where the ${label} is in the ${profile.label} profile, so it opens nothing rather than guess an address.`,
    };
  }
  return { ok: true, url: build(host).toString() };
}

function needsRelationship(what: string, customer: PortalCustomer): PortalUrlResult {
  return {
    ok: false,
    message: `The ${what} belongs to one GDAP relationship, and none was chosen. Open it from a relationship on ${nameOf(customer)}'s page.`,
  };
}

function nameOf(customer: PortalCustomer): string {
  return customer.displayName ?? customer.tenantId;
}

/** `{guid}-{guid}`, the shape of every GDAP relationship ID. */
function isRelationshipId(value: string): boolean {
  return value.length === 73 && value[36] === '-' && isGuid(value.slice(0, 36)) && isGuid(value.slice(37));
}

/** A DNS name of at least two labels (letters, digits, inner hyphens), nothing else. */
function isDomainName(value: string): boolean {
  return (
    value.length <= 253 &&
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(value)
  );
}
