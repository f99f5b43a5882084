/**
 * The names of every command and event in the contract, as plain data. The preload (which must stay
 * tiny and dependency-free) uses these lists as its allow-list; `contract.ts` checks at compile time
 * that they match the contract exactly.
 */
export const COMMAND_NAMES = [
  'app.info',
  'app.dismissNotice',
  'customers.list',
  'customers.firstScreen',
  'customers.add',
  'customers.update',
  'customers.remove',
  'customers.setFavourite',
  'customers.findTenant',
  'launch.open',
  'deepLink.open',
  'launch.modes',
  'launch.setMode',
  'shortcuts.create',
  'shortcuts.list',
  'shortcuts.remove',
  'settings.get',
  'settings.update',
  'auth.status',
  'auth.signIn',
  'auth.cancelSignIn',
  'auth.signOut',
  'auth.setActive',
  'directory.status',
  'directory.sync',
  'directory.cancel',
  'directory.customer',
  'gdap.templates',
  'gdap.saveTemplate',
  'gdap.resetTemplate',
  'gdap.relationships',
  'gdap.allRelationships',
  'gdap.relationship',
  'gdap.create',
  'gdap.lock',
  'gdap.approvalRequest',
  'gdap.setAutoExtend',
  'gdap.removeGlobalAdmin',
  'gdap.terminate',
  'gdap.deleteRelationship',
  'gdap.permissions',
  'gdap.partnerGroups',
  'gdap.partnerUsers',
  'gdap.addAssignment',
  'gdap.updateAssignment',
  'gdap.removeAssignment',
  'gdap.accessCheck',
  'gdap.expiring',
  'gdap.bulkPlan',
  'gdap.bulkApply',
  'gdap.exportRelationships',
  'gdap.exportBulkResults',
  'audit.list',
  'audit.export',
  'guests.list',
  'guests.invite',
  'guests.assignRole',
  'guests.removeRole',
  'guests.remove',
  'guests.matrix',
  'guests.exportMatrix',
  'guests.offboardPlan',
  'guests.offboardApply',
  'guests.onboardPlan',
  'guests.onboardApply',
  'azureAccess.panel',
  'azureAccess.principals',
  'azureAccess.plan',
  'azureAccess.apply',
  'azureAccess.cancel',
  'azureAccess.bulkPlan',
  'azureAccess.bulkApply',
  'azureAccess.networkCheck',
] as const;

export const EVENT_NAMES = [
  'customers.changed',
  'app.notice',
  'settings.changed',
  'auth.changed',
  'auth.browser',
  'auth.deviceCode',
  'directory.progress',
  'directory.changed',
  'app.openCustomer',
  'gdap.statusChanged',
  'gdap.bulkProgress',
  'gdap.expiryAlert',
  'guests.progress',
  'azureAccess.progress',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** The IPC channel a command travels on in Electron. */
export function commandChannel(name: CommandName): string {
  return `switchboard:command:${name}`;
}

/** The single IPC channel events travel on in Electron (name and payload are its arguments). */
export const EVENT_CHANNEL = 'switchboard:event';

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (COMMAND_NAMES as ReadonlyArray<string>).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as ReadonlyArray<string>).includes(value);
}
