/**
 * Microsoft Entra built-in roles Switchboard deals with, by template ID (Microsoft Learn, "Microsoft
 * Entra built-in roles", permissions reference). GDAP relationships and access assignments name roles
 * by these IDs; the app shows their names.
 */
export interface DirectoryRole {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
}

export const ROLE_IDS = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityOperator: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  billingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  complianceAdministrator: '17315797-102d-40b4-93e0-432062caca18',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
} as const;

export const DIRECTORY_ROLES: ReadonlyArray<DirectoryRole> = [
  {
    id: ROLE_IDS.globalAdministrator,
    displayName: 'Global Administrator',
    description: 'Every administrative feature of Microsoft Entra and the services that use its identities.',
  },
  {
    id: ROLE_IDS.securityAdministrator,
    displayName: 'Security Administrator',
    description: 'Reads security information and reports, and manages security configuration.',
  },
  {
    id: ROLE_IDS.securityOperator,
    displayName: 'Security Operator',
    description: 'Creates and manages security events; responds in Security Copilot.',
  },
  {
    id: ROLE_IDS.securityReader,
    displayName: 'Security Reader',
    description: 'Reads security information and reports; the least privilege for Security Copilot.',
  },
  {
    id: ROLE_IDS.userAdministrator,
    displayName: 'User Administrator',
    description: 'Manages users and groups, including resetting passwords for limited admins.',
  },
  {
    id: ROLE_IDS.billingAdministrator,
    displayName: 'Billing Administrator',
    description: 'Makes purchases, manages subscriptions and support tickets, monitors service health.',
  },
  {
    id: ROLE_IDS.globalReader,
    displayName: 'Global Reader',
    description: 'Reads everything a Global Administrator can, but changes nothing.',
  },
  {
    id: ROLE_IDS.privilegedRoleAdministrator,
    displayName: 'Privileged Role Administrator',
    description: 'Manages role assignments in Microsoft Entra ID and Privileged Identity Management.',
  },
  {
    id: ROLE_IDS.complianceAdministrator,
    displayName: 'Compliance Administrator',
    description: 'Manages compliance configuration and reports in Microsoft Purview.',
  },
  {
    id: ROLE_IDS.intuneAdministrator,
    displayName: 'Intune Administrator',
    description: 'Every feature of Microsoft Intune.',
  },
  {
    id: ROLE_IDS.exchangeAdministrator,
    displayName: 'Exchange Administrator',
    description: 'Every feature of Exchange Online.',
  },
  {
    id: ROLE_IDS.helpdeskAdministrator,
    displayName: 'Helpdesk Administrator',
    description: 'Resets passwords for non-administrators and Helpdesk Administrators.',
  },
  {
    id: ROLE_IDS.applicationAdministrator,
    displayName: 'Application Administrator',
    description: 'Creates and manages every aspect of app registrations and enterprise apps.',
  },
  {
    id: ROLE_IDS.cloudApplicationAdministrator,
    displayName: 'Cloud Application Administrator',
    description: 'Creates and manages app registrations and enterprise apps, except the application proxy.',
  },
  {
    id: ROLE_IDS.privilegedAuthenticationAdministrator,
    displayName: 'Privileged Authentication Administrator',
    description: 'Sets or resets any authentication method for any user, including Global Administrators.',
  },
  {
    id: ROLE_IDS.authenticationAdministrator,
    displayName: 'Authentication Administrator',
    description: 'Sets or resets non-password authentication methods for non-administrators.',
  },
  {
    id: ROLE_IDS.guestInviter,
    displayName: 'Guest Inviter',
    description: 'Invites guest users independent of the "members can invite guests" setting.',
  },
];

const BY_ID = new Map(DIRECTORY_ROLES.map((r) => [r.id, r]));

/** The role's name, or its template ID when Switchboard does not know it. */
export function roleName(id: string): string {
  return BY_ID.get(id.toLowerCase())?.displayName ?? id;
}

export function isKnownRole(id: string): boolean {
  return BY_ID.has(id.toLowerCase());
}
