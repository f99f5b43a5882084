/**
 * Every Microsoft endpoint the app uses comes from a cloud profile; no other module names a Microsoft
 * host. The sandbox profile keeps the public cloud's hosts in every URL it builds and then rewrites
 * them onto the local sandbox origin (`https://<host>/<rest>` -> `<sandbox>/portals/<host>/<rest>`),
 * so a launch in the sandbox exercises exactly the URL the public cloud would get.
 */

export const CLOUD_PROFILE_IDS = ['sandbox', 'public', 'usgov', 'china'] as const;
export type CloudProfileId = (typeof CLOUD_PROFILE_IDS)[number];

/**
 * The portals a launch can open, by what they are rather than by host (hosts differ per cloud):
 * `adminCenter` is admin.microsoft.com (GDAP approval), `cloudAdmin` its newer admin.cloud.microsoft
 * (Microsoft 365 and Exchange admin with `?delegatedOrg=`), `defender` is the Defender XDR portal.
 * The URL formats built on these hosts are in shared/launch/portal-targets.ts.
 */
export const PORTAL_IDS = [
  'securityCopilot',
  'adminCenter',
  'cloudAdmin',
  'defender',
  'entra',
  'intune',
  'azurePortal',
  'purview',
  'partnerCenter',
] as const;
export type PortalId = (typeof PORTAL_IDS)[number];

export interface CloudProfile {
  readonly id: CloudProfileId;
  readonly label: string;
  /** Sign-in authority host, e.g. https://login.microsoftonline.com */
  readonly authorityHost: string;
  readonly graphEndpoint: string;
  readonly armEndpoint: string;
  /** The resource (token audience) Graph and ARM tokens are requested for: `<resource>/.default`. */
  readonly graphResource: string;
  readonly armResource: string;
  /** Host of each portal in this cloud; null where the portal is not offered there. */
  readonly portalHosts: Readonly<Record<PortalId, string | null>>;
  /**
   * The Bot Framework Direct Line host Copilot in Azure opens a websocket to (the network check);
   * null where the cloud names none (UNCONFIRMED outside the public cloud, so not guessed).
   */
  readonly directLineHost: string | null;
  /** For the sandbox: the local origin every Microsoft URL is rewritten onto. */
  readonly sandboxBaseUrl?: string;
}

export const PUBLIC_CLOUD: CloudProfile = {
  id: 'public',
  label: 'Microsoft public cloud',
  authorityHost: 'https://login.microsoftonline.com',
  graphEndpoint: 'https://graph.microsoft.com',
  armEndpoint: 'https://management.azure.com',
  graphResource: 'https://graph.microsoft.com',
  armResource: 'https://management.azure.com',
  portalHosts: {
    securityCopilot: 'securitycopilot.microsoft.com',
    adminCenter: 'admin.microsoft.com',
    cloudAdmin: 'admin.cloud.microsoft',
    defender: 'security.microsoft.com',
    entra: 'entra.microsoft.com',
    intune: 'intune.microsoft.com',
    azurePortal: 'portal.azure.com',
    purview: 'purview.microsoft.com',
    partnerCenter: 'partner.microsoft.com',
  },
  directLineHost: 'directline.botframework.com',
};

// UNCONFIRMED: Microsoft publishes no Security Copilot portal host for the US Government or China
// clouds in the sources we have, so the launch is not offered there rather than guessed. The same
// goes for every other portal host below that is null: a null host means "not offered", never a guess.
export const US_GOVERNMENT_CLOUD: CloudProfile = {
  id: 'usgov',
  label: 'Microsoft US Government (GCC High)',
  authorityHost: 'https://login.microsoftonline.us',
  graphEndpoint: 'https://graph.microsoft.us',
  armEndpoint: 'https://management.usgovcloudapi.net',
  graphResource: 'https://graph.microsoft.us',
  armResource: 'https://management.usgovcloudapi.net',
  // GCC High portal hosts: the well-known *.us / portal.azure.us names, the same five that community
  // code (Maester's Get-MtAdminPortalUrl) uses. Their tenant-explicit URL formats are assumed to be
  // the public cloud's, since they are the same portals (UNCONFIRMED by a Microsoft reference page).
  portalHosts: {
    securityCopilot: null,
    adminCenter: 'portal.office365.us',
    // UNCONFIRMED: whether admin.cloud.microsoft (and its ?delegatedOrg=) serves GCC High tenants.
    cloudAdmin: null,
    defender: 'security.microsoft.us',
    entra: 'entra.microsoft.us',
    intune: 'intune.microsoft.us',
    azurePortal: 'portal.azure.us',
    purview: 'purview.microsoft.us',
    // UNCONFIRMED: Partner Center's host for US Government CSP customers.
    partnerCenter: null,
  },
  directLineHost: null,
};

export const CHINA_CLOUD: CloudProfile = {
  id: 'china',
  label: 'Microsoft Azure operated by 21Vianet (China)',
  authorityHost: 'https://login.chinacloudapi.cn',
  graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
  armEndpoint: 'https://management.chinacloudapi.cn',
  graphResource: 'https://microsoftgraph.chinacloudapi.cn',
  armResource: 'https://management.chinacloudapi.cn',
  portalHosts: {
    securityCopilot: null,
    adminCenter: 'portal.partner.microsoftonline.cn',
    // UNCONFIRMED: the 21Vianet admin portals. Community code (Maester) names entra/intune/purview/
    // security.microsoft.cn while older Microsoft pages name *.microsoftonline.cn hosts; with the
    // sources disagreeing, only the Azure portal (portal.azure.cn, in every 21Vianet guide) is offered.
    cloudAdmin: null,
    defender: null,
    entra: null,
    intune: null,
    azurePortal: 'portal.azure.cn',
    purview: null,
    partnerCenter: null,
  },
  directLineHost: null,
};

/** The sandbox profile for a running sandbox at `baseUrl` (https://127.0.0.1:PORT). */
export function sandboxCloud(baseUrl: string): CloudProfile {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    ...PUBLIC_CLOUD,
    id: 'sandbox',
    label: CLOUD_PROFILE_LABELS.sandbox,
    authorityHost: base,
    graphEndpoint: `${base}/graph`,
    armEndpoint: `${base}/arm`,
    sandboxBaseUrl: base,
  };
}

/**
 * What the sandbox is, said wherever it is the cloud (the header and Settings): a stand-in, not
 * Microsoft, and how to choose the real cloud. The sandbox stays the first-run cloud so a new user
 * sees the whole app without a tenant.
 */
export const SANDBOX_STAND_IN_NOTICE =
  'A stand-in for Microsoft’s cloud that runs inside Switchboard, with a sample MSSP and its customers: nothing you do here reaches a real tenant. To use your own tenant, choose Microsoft public cloud (or your national cloud) in Settings and enter your app registration’s client ID.';

/** The header's short form of the notice. */
export const SANDBOX_STAND_IN_BADGE = 'Sandbox: a stand-in, not your tenant';

/** What each profile is called, without starting anything. */
export const CLOUD_PROFILE_LABELS: Readonly<Record<CloudProfileId, string>> = {
  sandbox: 'Sandbox (local Microsoft cloud stand-in)',
  public: 'Microsoft public cloud',
  usgov: 'Microsoft US Government (GCC High)',
  china: 'Microsoft Azure operated by 21Vianet (China)',
};

export function builtInProfile(id: Exclude<CloudProfileId, 'sandbox'>): CloudProfile {
  switch (id) {
    case 'public':
      return PUBLIC_CLOUD;
    case 'usgov':
      return US_GOVERNMENT_CLOUD;
    case 'china':
      return CHINA_CLOUD;
  }
}

/**
 * The URL to open for `https://<portal host><pathAndQuery>` in this profile: unchanged in a real
 * cloud, rewritten onto the sandbox origin in the sandbox profile.
 */
export function portalUrl(profile: CloudProfile, host: string, pathAndQuery: string): URL {
  const real = new URL(pathAndQuery, `https://${host}`);
  if (profile.sandboxBaseUrl === undefined) return real;
  return new URL(`${profile.sandboxBaseUrl}/portals/${real.host}${real.pathname}${real.search}${real.hash}`);
}

/**
 * The websocket URL of the Direct Line host for the network check: `wss://<host><path>`, rewritten
 * onto the sandbox origin (its stand-in) in the sandbox profile; undefined where the cloud names none.
 */
export function directLineUrl(profile: CloudProfile, path: string): URL | undefined {
  if (profile.directLineHost === null) return undefined;
  const real = new URL(path, `wss://${profile.directLineHost}`);
  if (profile.sandboxBaseUrl === undefined) return real;
  const base = new URL(profile.sandboxBaseUrl);
  return new URL(`wss://${base.host}/portals/${real.host}${real.pathname}${real.search}`);
}

/** Every https origin a launch in this profile may open; the shells' allow-list. */
export function allowedLaunchOrigins(profile: CloudProfile): ReadonlyArray<string> {
  if (profile.sandboxBaseUrl !== undefined) return [new URL(profile.sandboxBaseUrl).origin];
  return Object.values(profile.portalHosts)
    .filter((h): h is string => h !== null)
    .map((h) => `https://${h}`);
}
