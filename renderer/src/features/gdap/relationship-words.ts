import type { DirectoryAssignment, DirectoryRelationship } from '../../../../shared/directory/directory';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../../shared/gdap/gdap';
import { roleName } from '../../../../shared/gdap/roles';

/**
 * The words of the relationship changes that cannot be undone, said the same way on a customer's
 * relationship card (RelationshipCard.tsx) and in a row of the all-relationships table
 * (RelationshipRowActions.tsx).
 */

const isGlobalAdmin = (id: string) => id.toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_ID;

/** What Remove Global Administrator will change, asked before it runs. */
export function removeGlobalAdminQuestion(
  r: DirectoryRelationship,
  assignments: ReadonlyArray<DirectoryAssignment>,
): string {
  const kept = r.roleIds.filter((id) => !isGlobalAdmin(id)).map(roleName);
  const groupsLose = assignments.some((a) => a.roleIds.some(isGlobalAdmin));
  return (
    `Remove Global Administrator from "${r.displayName}"${r.customerName ? ` (${r.customerName})` : ''}? ` +
    `It keeps ${kept.join(', ') || 'no other role'}; ` +
    (groupsLose ? 'the groups that hold Global Administrator through it lose it. ' : '') +
    "Getting it back needs a new relationship and the customer's approval."
  );
}

/** How Remove Global Administrator ended, once Microsoft finished it. */
export function removeGlobalAdminResult(changed: DirectoryRelationship): string {
  return `Global Administrator was removed from "${changed.displayName}"; it now has ${changed.roleIds
    .map(roleName)
    .join(', ')}.`;
}

export function deleteDraftQuestion(r: DirectoryRelationship): string {
  return `Delete the draft "${r.displayName}"? It was never sent to the customer; deleting it cannot be undone.`;
}

export function deleteDraftResult(deleted: DirectoryRelationship): string {
  return `"${deleted.displayName}" was deleted.`;
}

export function autoExtendResult(changed: DirectoryRelationship, on: boolean): string {
  return on
    ? `"${changed.displayName}" now auto-extends by 180 days before it ends.`
    : `"${changed.displayName}" no longer auto-extends; it ends ${changed.endDateTime ? 'on its end date' : 'when its duration runs out'}.`;
}
