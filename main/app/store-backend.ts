import path from 'node:path';
import ElectronStore from 'electron-store';
import type { StoreBackends } from '../core/platform/persistence/store-backend';

/**
 * Documents in `dataDir` through electron-store, the Electron twin of core's `confBackends`: same
 * files, same semantics. electron-store is conf underneath, so writes are atomic (temp file + rename).
 */
export function electronStoreBackends(dataDir: string): StoreBackends {
  return {
    pathOf: (name) => path.join(dataDir, `${name}.json`),
    open: (name) => {
      const store = new ElectronStore<Record<string, unknown>>({
        cwd: dataDir,
        name,
        // conf's default would quietly replace an unreadable file with an empty one. Off, a file that
        // is not JSON throws a SyntaxError, and the document store moves it aside and tells the user.
        clearInvalidConfig: false,
        configFileMode: 0o600,
      });
      return {
        path: store.path,
        read: () => store.store,
        write: (data) => {
          store.store = data;
        },
      };
    },
  };
}
