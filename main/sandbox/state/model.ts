/**
 * The sandbox's world, in memory: tenants, their users, groups and role assignments, the partner's
 * GDAP relationships, invitations and Azure resources. Records keep Microsoft's property names
 * (Graph and ARM), so routes can answer with them directly.
 */
import type { RelationshipStatus } from '../../../shared/gdap/gdap';

export interface Tenant {
  readonly id: string;
  readonly displayName: string;
  readonly defaultDomain: string;
  readonly kind: 'partner' | 'customer';
}

export interface User {
  readonly id: string;
  readonly tenantId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly mail: string | null;
  readonly userType: 'Member' | 'Guest';
  externalUserState: 'PendingAcceptance' | 'Accepted' | null;
  /** When externalUserState last changed (a guest's invitation or redemption); absent in older states. */
  externalUserStateChangeDateTime?: string | null;
  readonly creationType: 'Invitation' | null;
  /** For a guest: the partner user it stands for (same person, home tenant). */
  readonly homeUserId: string | null;
  /** Shown on the sandbox's sign-in page. */
  readonly description: string;
  readonly createdDateTime: string;
}

export interface Group {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly description: string;
  /** User or group object IDs (nested groups count for GDAP). */
  readonly members: string[];
  /** Users who own the group and so may change its members (absent in older state files: none). */
  owners?: string[];
}

/** A directory role held by a principal in a tenant (permanent, or a PIM schedule with an end). */
export interface RoleAssignment {
  readonly id: string;
  readonly tenantId: string;
  readonly roleDefinitionId: string;
  readonly principalId: string;
  readonly directoryScopeId: string;
  readonly startDateTime: string | null;
  readonly endDateTime: string | null;
  readonly kind: 'active' | 'eligible';
}

export interface RelationshipRequest {
  readonly id: string;
  readonly action: 'lockForApproval' | 'terminate' | 'approve' | 'reject';
  status: 'created' | 'pending' | 'succeeded' | 'failed';
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
}

export interface Relationship {
  readonly id: string;
  readonly partnerTenantId: string;
  displayName: string;
  duration: string;
  customer: { tenantId: string; displayName: string } | null;
  accessDetails: { unifiedRoles: Array<{ roleDefinitionId: string }> };
  autoExtendDuration: string;
  status: RelationshipStatus;
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
  /** Bumped on every change; the ETag is derived from it. */
  version: number;
  /** When the customer approved (activation completes a delay after it). */
  approvedDateTime: string | null;
  /** When lockForApproval moved it to approvalPending (lapses 90 days later). */
  lockedDateTime: string | null;
  terminationRequestedDateTime: string | null;
  readonly requests: RelationshipRequest[];
}

export interface AccessAssignment {
  readonly id: string;
  readonly relationshipId: string;
  readonly accessContainer: { accessContainerId: string; accessContainerType: 'securityGroup' };
  accessDetails: { unifiedRoles: Array<{ roleDefinitionId: string }> };
  status: 'pending' | 'active' | 'deleting' | 'deleted' | 'error';
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
  version: number;
  /** When a pending create, update or delete completes. */
  settlesAt: string | null;
}

export interface RelationshipOperation {
  readonly id: string;
  readonly relationshipId: string;
  readonly operationType: 'delegatedAdminAccessAssignmentUpdate' | 'delegatedAdminRelationshipUpdate';
  readonly data: string;
  status: 'notStarted' | 'running' | 'succeeded' | 'failed';
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
  readonly completesAt: string;
}

export interface ServiceManagementDetail {
  readonly id: string;
  readonly tenantId: string;
  readonly serviceName: string;
  readonly serviceManagementUrl: string;
}

export interface Invitation {
  readonly id: string;
  readonly tenantId: string;
  readonly invitedUserEmailAddress: string;
  readonly invitedUserDisplayName: string | null;
  readonly inviteRedirectUrl: string;
  readonly inviteRedeemUrl: string;
  readonly sendInvitationMessage: boolean;
  readonly invitedUserType: 'Guest' | 'Member';
  readonly invitedUserId: string;
  status: 'PendingAcceptance' | 'Completed';
  readonly createdDateTime: string;
}

export interface Subscription {
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly state: 'Enabled' | 'Disabled';
}

export interface ArmRoleAssignment {
  readonly name: string;
  readonly tenantId: string;
  readonly scope: string;
  readonly roleDefinitionId: string;
  readonly principalId: string;
  readonly principalType: 'User' | 'Group' | 'ServicePrincipal';
  readonly createdOn: string;
}

export interface CopilotSettings {
  /** UNCONFIRMED shape (docs/microsoft-cloud.md 4.4): whether access is limited to assigned users. */
  accessControlEnabled: boolean;
  readonly tenantId: string;
  lastModified: string;
}

/**
 * Graph's authorizationPolicy.allowInvitesFrom: who may invite guests. `none`: no one, admins
 * included; `adminsAndGuestInviters`: Global Administrator, User Administrator, Guest Inviter;
 * `adminsGuestInvitersAndAllMembers`: those and every member user; `everyone`: guests too.
 */
export type AllowInvitesFrom =
  'none' | 'adminsAndGuestInviters' | 'adminsGuestInvitersAndAllMembers' | 'everyone';

/** A tenant's authorization policy, where it differs from Graph's default (allowInvitesFrom: everyone). */
export interface AuthorizationPolicy {
  readonly tenantId: string;
  allowInvitesFrom: AllowInvitesFrom;
}

/** An application the sandbox knows: the app's public client, and the partner's automation app. */
export interface Application {
  readonly clientId: string;
  readonly displayName: string;
  readonly tenantId: string;
  readonly kind: 'public' | 'confidential';
  readonly clientSecret: string | null;
  /** App-only roles granted (client credentials). */
  readonly appRoles: ReadonlyArray<string>;
}

/**
 * An administrator's consent, for the whole tenant, to delegated permissions an app asks for only
 * when a feature needs them (incremental consent); Graph's oauth2PermissionGrant with consentType
 * AllPrincipals. The permissions in the app's registration (identity/token-service.ts) need none.
 */
export interface ConsentGrant {
  readonly clientId: string;
  readonly tenantId: string;
  /** The resource, e.g. https://graph.microsoft.com. */
  readonly resource: string;
  readonly scopes: string[];
  /** The administrator who consented. */
  readonly grantedBy: string;
  readonly grantedDateTime: string;
}

/** Everything, as one serialisable object. */
export interface SandboxData {
  partnerTenantId: string;
  tenants: Tenant[];
  users: User[];
  groups: Group[];
  roleAssignments: RoleAssignment[];
  relationships: Relationship[];
  accessAssignments: AccessAssignment[];
  operations: RelationshipOperation[];
  serviceManagement: ServiceManagementDetail[];
  invitations: Invitation[];
  subscriptions: Subscription[];
  armRoleAssignments: ArmRoleAssignment[];
  copilotSettings: CopilotSettings[];
  applications: Application[];
  /** Tenants whose authorization policy is not the default (absent in older state files). */
  authorizationPolicies?: AuthorizationPolicy[];
  /** Admin consents given since the sample was made (absent in older state files: none). */
  consentGrants?: ConsentGrant[];
}
