/** The contract's `auth.*` commands: partner accounts signed in side by side, one active. */
import type { CommandName } from '../../../shared/contract/contract';
import type { Handlers } from '../platform/dispatcher';
import type { AccountService } from './account-service';

export type AccountHandlers = Pick<Handlers, Extract<CommandName, `auth.${string}`>>;

export function accountHandlers(accounts: AccountService): AccountHandlers {
  return {
    'auth.status': () => accounts.status(),
    'auth.signIn': ({ method }) => accounts.signIn(method),
    'auth.cancelSignIn': () => accounts.cancelSignIn(),
    'auth.signOut': ({ homeAccountId }) => accounts.signOut(homeAccountId),
    'auth.setActive': ({ homeAccountId }) => accounts.setActive(homeAccountId),
  };
}
