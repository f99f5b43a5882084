import path from 'node:path';
import Conf from 'conf';
import type { StoreBackends } from './store-backend';

/** Documents in `dataDir` through conf: the plain-Node twin of the Electron app's electron-store. */
export function confBackends(dataDir: string): StoreBackends {
  return {
    pathOf: (name) => path.join(dataDir, `${name}.json`),
    open: (name) => {
      const conf = new Conf<Record<string, unknown>>({
        cwd: dataDir,
        configName: name,
        // Never let conf replace an unreadable file with an empty one: the document store moves it
        // aside and tells the user instead.
        clearInvalidConfig: false,
        configFileMode: 0o600,
      });
      return {
        path: conf.path,
        read: () => conf.store,
        write: (data) => {
          conf.store = data;
        },
      };
    },
  };
}
