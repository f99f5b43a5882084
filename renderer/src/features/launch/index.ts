/** Launching portals: the tenant switcher and launch helpers (deep links and shortcuts live in main). */
export { openSwitcher, SwitcherButton, SwitcherDialog } from './SwitcherDialog';
export { launchSecurityCopilot, launchTarget } from './launch';
export { LaunchIdentityNotice } from './LaunchIdentityNotice';
export { AcceptInvitationFirst } from './AcceptInvitationFirst';
