/**
 * The Security Copilot plugin matrix and the GDAP-vs-B2B comparison, as Microsoft published them in
 * "Grant partners access to Microsoft Copilot for Security" (the seed document
 * security-copilot-partner-access.md). The published wording is kept verbatim in `publishedWording`;
 * `support` is our reading of it for at-a-glance display. This module is data only: nothing here (or in
 * the views built on it) fetches anything, so the reference works with no network at all.
 */

export type GdapSupport = 'yes' | 'partial' | 'no';

export interface CopilotPlugin {
  readonly id: string;
  /** The plugin's name exactly as the matrix lists it. */
  readonly name: string;
  /** Other names an analyst may search for (expanded acronyms, product renames). */
  readonly aliases: ReadonlyArray<string>;
  readonly support: GdapSupport;
  /** The cell of the published matrix, verbatim. */
  readonly publishedWording: string;
  /** What this means for an analyst reaching the customer through GDAP. */
  readonly gdapNote: string;
}

export interface CatalogueSource {
  readonly title: string;
  readonly publisher: string;
  readonly url: string;
  /** The date our copy of the published matrix was taken (ISO date). The page itself carries no date in our copy. */
  readonly asOf: string;
}

export const PLUGIN_CATALOGUE_SOURCE: CatalogueSource = {
  title: 'Grant partners access to Microsoft Copilot for Security',
  publisher: 'Microsoft Learn',
  url: 'https://learn.microsoft.com/en-us/copilot/security/grant-access-external-users',
  asOf: '2026-11-22',
};

const B2B_FIX =
  'Use a B2B guest account in the customer tenant (Security Operator or Security Reader): every plugin works there.';

export const COPILOT_PLUGINS: ReadonlyArray<CopilotPlugin> = [
  {
    id: 'defender-easm',
    name: 'Defender External Attack Surface Management',
    aliases: ['EASM', 'Defender EASM', 'attack surface'],
    support: 'no',
    publishedWording: 'No',
    gdapNote: `Does not work through GDAP. ${B2B_FIX}`,
  },
  {
    id: 'entra',
    name: 'Entra',
    aliases: ['Microsoft Entra', 'Azure AD', 'Azure Active Directory', 'identity'],
    support: 'partial',
    publishedWording: 'Overall, no, but a few capabilities work.',
    gdapNote: `Mostly does not work through GDAP; a few capabilities do. For the full plugin: ${B2B_FIX}`,
  },
  {
    id: 'intune',
    name: 'Intune',
    aliases: ['Microsoft Intune', 'endpoint manager', 'devices'],
    support: 'yes',
    publishedWording: 'Yes',
    gdapNote: 'Works through GDAP with a tenant-explicit Security Copilot URL.',
  },
  {
    id: 'mdti',
    name: 'MDTI',
    aliases: [
      'Microsoft Defender Threat Intelligence',
      'Defender Threat Intelligence',
      'threat intelligence',
      'TI',
    ],
    support: 'no',
    publishedWording: 'No',
    gdapNote: `Does not work through GDAP. ${B2B_FIX}`,
  },
  {
    id: 'm365-defender',
    name: 'Microsoft 365 Defender',
    aliases: ['Defender XDR', 'Microsoft Defender XDR', 'M365 Defender', 'MDE', 'incidents'],
    support: 'yes',
    publishedWording: 'Yes',
    gdapNote: 'Works through GDAP with a tenant-explicit Security Copilot URL.',
  },
  {
    id: 'nl2kql-defender',
    name: 'NL2KQL Defender',
    aliases: ['natural language to KQL', 'KQL Defender', 'advanced hunting', 'hunting'],
    support: 'yes',
    publishedWording: 'Yes',
    gdapNote: 'Works through GDAP with a tenant-explicit Security Copilot URL.',
  },
  {
    id: 'nl2kql-sentinel',
    name: 'NL2KQL Sentinel',
    aliases: ['natural language to KQL', 'KQL Sentinel', 'Microsoft Sentinel', 'SIEM'],
    support: 'no',
    publishedWording: 'No',
    gdapNote: `Does not work through GDAP. ${B2B_FIX}`,
  },
  {
    id: 'sentinel',
    name: 'Sentinel',
    aliases: ['Microsoft Sentinel', 'Azure Sentinel', 'SIEM', 'workspace'],
    support: 'no',
    publishedWording: 'No',
    gdapNote: `Does not work through GDAP. ${B2B_FIX} (Azure Lighthouse is a third route for Sentinel workspaces; it uses the partner's own capacity.)`,
  },
];

export interface AccessConsideration {
  readonly id: string;
  readonly question: string;
  readonly gdap: string;
  readonly b2b: string;
}

/** The "tradeoffs" table of the same page, verbatim. */
export const ACCESS_CONSIDERATIONS: ReadonlyArray<AccessConsideration> = [
  {
    id: 'time-bound',
    question: 'How is time-bound access implemented?',
    gdap: 'Access is time-bound by default and built into the permission approval process.',
    b2b: 'Privileged Identity Management (PIM) with time-bound access is possible, but must be maintained by the customer.',
  },
  {
    id: 'least-privilege',
    question: 'How is least-privileged access administered?',
    gdap: 'GDAP requires security groups. A list of least-privileged roles needed guides the setup.',
    b2b: 'Security groups are optional, and maintained by customer.',
  },
  {
    id: 'plugins',
    question: 'What plugins are supported?',
    gdap: 'A partial set of plugins are supported.',
    b2b: 'All plugins available for the customer are available to the partner.',
  },
  {
    id: 'immersive',
    question: 'What is the immersive login experience?',
    gdap: 'The tenant ID must be manually added to the Security Copilot URL.',
    b2b: 'Use the tenant switch selection from the user interface.',
  },
  {
    id: 'embedded',
    question: 'What is the embedded experience?',
    gdap: 'Supported, with Service Management links to facilitate access.',
    b2b: 'Supported normally.',
  },
];

export const SUPPORT_LABEL: Readonly<Record<GdapSupport, string>> = {
  yes: 'Yes',
  partial: 'Partly',
  no: 'No',
};

/** Plugins whose name, aliases or published wording contain every word of the query (case-insensitive). */
export function searchPlugins(
  query: string,
  plugins: ReadonlyArray<CopilotPlugin> = COPILOT_PLUGINS,
): ReadonlyArray<CopilotPlugin> {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return plugins;
  return plugins.filter((p) => {
    const haystack = [p.name, ...p.aliases, p.publishedWording, SUPPORT_LABEL[p.support], p.gdapNote]
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
