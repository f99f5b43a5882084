/**
 * What each command does, in the words a person would use, so a failure names what failed
 * ("Reading your partner security groups failed. …"); and, for commands that reach Microsoft, what
 * access they need, said when a service answers 403. The dispatcher (dispatcher.ts) reads it for
 * every failure; the compiler keeps it complete.
 */
import type { CommandName } from '../../../shared/contract/contract';
import type { FailureContext } from './cloud-errors';

const ADMIN_AGENT = 'the Admin Agent role in Partner Center for your account';
const GDAP_READ = `${ADMIN_AGENT} and the DelegatedAdminRelationship.Read.All permission for Switchboard’s app registration`;
export const GDAP_WRITE = `${ADMIN_AGENT} and the DelegatedAdminRelationship.ReadWrite.All permission for Switchboard’s app registration`;
const GROUPS = 'the GroupMember.Read.All permission for Switchboard’s app registration';
/**
 * Changing a partner group's members (offboarding an analyst): the permission is asked for when
 * needed (main/core/accounts/auth-service.ts), so a 403 means the role or ownership is missing
 * (docs/microsoft-cloud.md 2.5), which someone else must have or use.
 */
export const GROUP_MEMBERS_WRITE: FailureContext = {
  needs:
    'the Groups Administrator or User Administrator role in your partner tenant, or ownership of the group, besides the GroupMember.ReadWrite.All permission for Switchboard’s app registration',
  ask: 'Ask a Groups Administrator of your partner tenant, or the group’s owner, to remove the membership (Microsoft Entra admin center, Groups, the group, Members) or to give you that role, then apply again.',
};
/** Adding a member, onboarding's group step: the same needs as removing one, said the other way. */
export const GROUP_MEMBERS_ADD: FailureContext = {
  needs: GROUP_MEMBERS_WRITE.needs,
  ask: 'Ask a Groups Administrator of your partner tenant, or the group’s owner, to add the membership (Microsoft Entra admin center, Groups, the group, Members) or to give you that role, then apply again.',
};
// UNCONFIRMED whether a tenant demands User.Read.All rather than User.ReadBasic.All to search users;
// the conservative reading names the smaller one an administrator can grant.
const USERS = 'the User.ReadBasic.All permission for Switchboard’s app registration';

/**
 * Keyed by name rather than typed as Record<CommandName, …>, so a feature adding commands is not held
 * up by this file; test/unit/core/cloud-errors.test.ts checks that every command has its purpose.
 */
const PURPOSES: Readonly<Record<string, FailureContext>> = {
  'app.info': { doing: 'reading the app’s details' },
  'app.dismissNotice': { doing: 'dismissing the notice' },
  'customers.list': { doing: 'listing your customers' },
  'customers.firstScreen': { doing: 'listing your customers' },
  'customers.add': { doing: 'adding the customer' },
  'customers.update': { doing: 'saving the customer’s changes' },
  'customers.remove': { doing: 'removing the customer' },
  'customers.setFavourite': { doing: 'marking the customer as a favourite' },
  'customers.findTenant': {
    doing: 'finding the tenant that uses this domain',
    needs: 'the CrossTenantInformation.ReadBasic.All permission for Switchboard’s app registration',
  },
  'launch.open': { doing: 'opening the customer’s portal' },
  'deepLink.open': { doing: 'opening the Switchboard link' },
  'launch.modes': { doing: 'reading how portals open' },
  'launch.setMode': { doing: 'saving how portals open' },
  'shortcuts.create': { doing: 'creating the desktop shortcuts' },
  'shortcuts.list': { doing: 'finding the desktop shortcuts' },
  'shortcuts.remove': { doing: 'removing the desktop shortcuts' },
  'settings.get': { doing: 'reading your settings' },
  'settings.update': { doing: 'saving your settings' },
  'auth.status': { doing: 'reading who is signed in' },
  'auth.signIn': { doing: 'signing you in' },
  'auth.cancelSignIn': { doing: 'cancelling the sign-in' },
  'auth.signOut': { doing: 'signing the account out' },
  'auth.setActive': { doing: 'switching the active account' },
  'directory.status': { doing: 'reading the directory’s status' },
  'directory.sync': {
    doing: 'syncing your customers from Microsoft',
    needs: `${GDAP_READ}, and ${GROUPS}`,
  },
  'directory.cancel': { doing: 'cancelling the sync' },
  'directory.customer': { doing: 'reading the customer’s details from the last sync' },
  'gdap.templates': { doing: 'reading the role templates' },
  'gdap.saveTemplate': { doing: 'saving the role template' },
  'gdap.resetTemplate': { doing: 'resetting the role template' },
  'gdap.relationships': { doing: 'reading the GDAP relationships', needs: GDAP_READ },
  'gdap.allRelationships': { doing: 'listing every relationship of the last directory sync' },
  'gdap.relationship': {
    doing: 'reading the relationship’s details and access assignments',
    needs: GDAP_READ,
  },
  'gdap.create': { doing: 'creating the GDAP relationship', needs: GDAP_WRITE },
  'gdap.lock': { doing: 'locking the relationship for the customer’s approval', needs: GDAP_WRITE },
  'gdap.approvalRequest': { doing: 'preparing the approval link for the customer', needs: GDAP_READ },
  'gdap.setAutoExtend': { doing: 'changing the relationship’s auto-extend', needs: GDAP_WRITE },
  'gdap.removeGlobalAdmin': {
    doing: 'removing Global Administrator from the relationship',
    needs: GDAP_WRITE,
  },
  'gdap.terminate': { doing: 'terminating the relationship', needs: GDAP_WRITE },
  'gdap.deleteRelationship': { doing: 'deleting the draft relationship', needs: GDAP_WRITE },
  'gdap.permissions': { doing: 'reading whether your account may change GDAP relationships', needs: GROUPS },
  'gdap.partnerGroups': { doing: 'reading your partner security groups', needs: GROUPS },
  'gdap.partnerUsers': { doing: 'searching the users of your partner tenant', needs: USERS },
  'gdap.addAssignment': { doing: 'adding the access assignment', needs: GDAP_WRITE },
  'gdap.updateAssignment': { doing: 'changing the access assignment’s roles', needs: GDAP_WRITE },
  'gdap.removeAssignment': { doing: 'removing the access assignment', needs: GDAP_WRITE },
  'gdap.accessCheck': {
    doing: 'checking the analyst’s access to the customer',
    needs: `${GDAP_READ}, ${GROUPS}, and ${USERS}`,
  },
  'gdap.expiring': { doing: 'listing the relationships that expire soon' },
  'gdap.bulkPlan': { doing: 'planning the bulk change', needs: GDAP_READ },
  'gdap.bulkApply': { doing: 'applying the bulk change', needs: GDAP_WRITE },
  'gdap.exportRelationships': { doing: 'exporting the relationships' },
  'gdap.exportBulkResults': { doing: 'exporting the bulk change’s results' },
  'audit.list': { doing: 'reading the audit trail' },
  'audit.export': { doing: 'exporting the audit trail' },
  'guests.list': { doing: 'reading the customer’s guest users' },
  'guests.invite': { doing: 'inviting the guest user' },
  'guests.assignRole': { doing: 'giving the guest user the role' },
  'guests.removeRole': { doing: 'taking the role from the guest user' },
  'guests.remove': { doing: 'removing the guest user' },
  'guests.matrix': { doing: 'reading who has access to which customer' },
  'guests.exportMatrix': { doing: 'exporting the access matrix' },
  'guests.offboardPlan': { doing: 'planning the analyst’s offboarding' },
  'guests.offboardApply': { doing: 'removing the analyst’s guest accounts and partner group memberships' },
  'guests.onboardPlan': { doing: 'planning the analyst’s onboarding' },
  'guests.onboardApply': { doing: 'inviting the analyst, giving the role and adding to partner groups' },
  'azureAccess.panel': { doing: 'reading who has Copilot in Azure access in the tenant' },
  'azureAccess.principals': { doing: 'searching the tenant’s users and groups' },
  'azureAccess.plan': { doing: 'planning the Copilot in Azure access change' },
  'azureAccess.apply': { doing: 'applying the Copilot in Azure access change' },
  'azureAccess.cancel': { doing: 'cancelling the Copilot in Azure access change' },
  'azureAccess.bulkPlan': { doing: 'planning the Copilot in Azure access change for the customers' },
  'azureAccess.bulkApply': { doing: 'applying the Copilot in Azure access change to the customers' },
  'azureAccess.networkCheck': { doing: 'checking that this network reaches Azure' },
};

/** What `name` does, in words; a command without one is still translated, without naming it. */
export function purposeOf(name: CommandName): FailureContext {
  return PURPOSES[name] ?? {};
}
