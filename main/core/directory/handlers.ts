/** The contract's `directory.*` commands: the GDAP directory synced from Microsoft Graph. */
import type { CommandName } from '../../../shared/contract/contract';
import type { Handlers } from '../platform/dispatcher';
import type { DirectoryService } from './directory-service';

export type DirectoryHandlers = Pick<Handlers, Extract<CommandName, `directory.${string}`>>;

export function directoryHandlers(directory: DirectoryService): DirectoryHandlers {
  return {
    'directory.status': () => directory.status(),
    'directory.sync': () => directory.sync(),
    'directory.cancel': () => ({ cancelled: directory.cancel() }),
    'directory.customer': ({ tenantId }) => directory.customer(tenantId),
  };
}
