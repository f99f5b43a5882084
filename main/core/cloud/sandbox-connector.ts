/**
 * The one place core reaches the sandbox (architecture.md: main/sandbox is imported by core only
 * through the cloud profile that points at it). It starts the sandbox in-process, in the app's data
 * folder, so its CA and state survive a restart, and hands back the sandbox cloud profile.
 */
import path from 'node:path';
import { sandboxCloud } from '../../../shared/cloud-profile';
import { startSandbox } from '../../sandbox/server';
import type { SandboxConnector } from './cloud-service';

export function inProcessSandbox(
  dataDir: string,
  options: { readonly customers?: number } = {},
): SandboxConnector {
  return {
    start: async () => {
      const sandbox = await startSandbox({
        dataDir: path.join(dataDir, 'sandbox'),
        customers: options.customers ?? 40,
        persistState: true,
      });
      return {
        profile: sandboxCloud(sandbox.baseUrl),
        caPem: sandbox.caPem,
        publicClientId: sandbox.publicClientId,
        close: () => sandbox.close(),
      };
    },
  };
}
