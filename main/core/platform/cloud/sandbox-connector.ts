/**
 * The one place core reaches the sandbox (architecture.md: main/sandbox is imported by core only
 * through the cloud profile that points at it). It starts the sandbox in-process, in the app's data
 * folder, so its CA and state survive a restart, and hands back the sandbox cloud profile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { sandboxCloud } from '../../../../shared/platform/cloud-profile';
import { faultRuleSchema, type FaultRuleInput } from '../../../sandbox/faults';
import { startSandbox } from '../../../sandbox/server';

/** `<data folder>/sandbox/faults.json`: faults to rehearse failures with (a JSON array of rules). */
export const SANDBOX_FAULTS_FILE = 'faults.json';

function readFaults(sandboxDir: string): FaultRuleInput[] {
  const file = path.join(sandboxDir, SANDBOX_FAULTS_FILE);
  if (!fs.existsSync(file)) return [];
  const parsed = z.array(faultRuleSchema).safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${file} is not a list of sandbox faults (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}). Fix it or delete it.`,
    );
  }
  return parsed.data;
}
import type { SandboxConnector } from './cloud-service';

export function inProcessSandbox(
  dataDir: string,
  options: { readonly customers?: number } = {},
): SandboxConnector {
  return {
    start: async () => {
      const sandboxDir = path.join(dataDir, 'sandbox');
      const sandbox = await startSandbox({
        dataDir: sandboxDir,
        faults: readFaults(sandboxDir),
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
