/**
 * The one place core reaches the sandbox (docs/architecture.md: main/sandbox is imported by core only
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
const SANDBOX_FAULTS_FILE = 'faults.json';

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
import type { Notice } from '../../../../shared/contract/contract';
import { osProblem } from '../persistence/os-problem';

/** `<data folder>/sandbox/sandbox-state.json`: the sandbox's world as it was left (main/sandbox/server.ts). */
const SANDBOX_STATE_FILE = 'sandbox-state.json';

/** The top-level lists every saved sandbox state has (main/sandbox/state/model.ts SandboxData). */
const savedStateSchema = z
  .object({
    partnerTenantId: z.string(),
    tenants: z.array(z.unknown()),
    users: z.array(z.unknown()),
    relationships: z.array(z.unknown()),
    applications: z.array(z.unknown()),
  })
  .loose();

export interface InProcessSandboxOptions {
  readonly customers?: number;
  /** Told when the saved state was damaged and set aside (the shell passes it on as a notice). */
  readonly report?: (notice: Notice) => void;
  readonly now?: () => Date;
}

/**
 * Checks the saved sandbox state before the sandbox reads it: a file that is not the sandbox's state
 * (not JSON, cut short, a folder) is moved aside and reported, and the sandbox starts fresh with its
 * sample customers. Returns whether the sandbox may keep its state in that file.
 */
function checkSavedState(sandboxDir: string, options: InProcessSandboxOptions): boolean {
  const file = path.join(sandboxDir, SANDBOX_STATE_FILE);
  let detail: string;
  try {
    const parsed = savedStateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return true;
    detail = 'is not a saved sandbox state';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    detail =
      error instanceof SyntaxError
        ? 'is not valid JSON (perhaps cut short)'
        : `could not be read (${osProblem(error)})`;
  }
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const aside = path.join(sandboxDir, `sandbox-state.damaged-${stamp}.json`);
  let kept = true;
  try {
    fs.renameSync(file, aside);
  } catch {
    kept = false;
  }
  options.report?.({
    id: 'sandbox-state-damaged',
    level: 'warning',
    title: "The sandbox's saved state could not be read",
    message: kept
      ? `The file ${file} ${detail}. It was moved aside, unchanged, to ${aside}, and the sandbox started again with its sample customers.`
      : `The file ${file} ${detail}, and it could not be moved aside. The sandbox started with its sample customers and does not save its state this run. Remove that file, then restart Switchboard.`,
  });
  return kept;
}

export function inProcessSandbox(dataDir: string, options: InProcessSandboxOptions = {}): SandboxConnector {
  return {
    start: async () => {
      const sandboxDir = path.join(dataDir, 'sandbox');
      const persistState = checkSavedState(sandboxDir, options);
      const sandbox = await startSandbox({
        dataDir: sandboxDir,
        faults: readFaults(sandboxDir),
        customers: options.customers ?? 40,
        persistState,
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
