/** GDAP: relationships, assignments, bulk changes, expiring access, templates and the access check. */
export { GdapView } from './GdapView';
export { GdapDetails } from './GdapDetails';
export { AccessCheckPanel } from './AccessCheckPanel';
export { openGdapTab } from './gdap-ui-store';
