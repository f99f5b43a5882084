/**
 * The Azure built-in role definitions the sandbox knows (IDs, names, actions and assignable scopes
 * as ARM shows them), and which of them may write role assignments.
 */

export const ARM_ROLES = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  // UNCONFIRMED (docs/microsoft-cloud.md 4.4): from a third-party catalogue, not Microsoft's docs. The role
  // is now "Azure Copilot User" (formerly "Copilot for Azure User"); same ID.
  copilotForAzureUser: '6cd4ddd5-44f4-45bf-853e-a23e79738ce8',
} as const;

export const ROLE_DEFINITIONS = [
  {
    id: ARM_ROLES.owner,
    roleName: 'Owner',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    assignableScopes: ['/'],
    permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }],
  },
  {
    id: ARM_ROLES.contributor,
    roleName: 'Contributor',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.',
    assignableScopes: ['/'],
    permissions: [
      {
        actions: ['*'],
        notActions: [
          'Microsoft.Authorization/*/Delete',
          'Microsoft.Authorization/*/Write',
          'Microsoft.Authorization/elevateAccess/Action',
          'Microsoft.Blueprint/blueprintAssignments/write',
          'Microsoft.Blueprint/blueprintAssignments/delete',
          'Microsoft.Compute/galleries/share/action',
          'Microsoft.Purview/consents/write',
          'Microsoft.Purview/consents/delete',
        ],
        dataActions: [],
        notDataActions: [],
      },
    ],
  },
  {
    id: ARM_ROLES.reader,
    roleName: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    assignableScopes: ['/'],
    permissions: [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
  },
  {
    id: ARM_ROLES.userAccessAdministrator,
    roleName: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    assignableScopes: ['/'],
    permissions: [
      {
        actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
        notActions: [],
        dataActions: [],
        notDataActions: [],
      },
    ],
  },
  {
    id: ARM_ROLES.copilotForAzureUser,
    // Renamed from 'Copilot for Azure User'; ARM answers only the current name (a roleName filter on
    // the former name finds nothing, as for any renamed built-in role).
    roleName: 'Azure Copilot User',
    description: 'Enables users access to Azure Copilot.',
    // UNCONFIRMED (docs/microsoft-cloud.md 4.4): permissions from the same third-party catalogue.
    assignableScopes: ['/providers/Microsoft.PortalServices'],
    permissions: [
      {
        actions: [
          'Microsoft.Authorization/roleAssignments/read',
          'Microsoft.Authorization/roleDefinitions/read',
        ],
        notActions: [],
        dataActions: ['Microsoft.PortalServices/copilotSettings/conversations/action'],
        notDataActions: [],
      },
    ],
  },
];

/** The roles that may write role assignments (Microsoft.Authorization/roleAssignments/write). */
const ASSIGNERS = new Set<string>([ARM_ROLES.owner, ARM_ROLES.userAccessAdministrator]);

/** Whether one of `roles` may write role assignments. */
export const canAssign = (roles: ReadonlySet<string>) => [...roles].some((r) => ASSIGNERS.has(r));
