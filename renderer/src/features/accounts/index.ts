/** Partner accounts: sign-in, the active account, and each account's launch mode. */
export { AccountsView } from './AccountsView';
export { subscribeToAccounts } from './accounts-store';
