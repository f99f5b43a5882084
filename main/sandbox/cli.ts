/**
 * `npm run sandbox`: the Microsoft cloud sandbox on its own, for trying Switchboard's flows by hand
 * or pointing another tool at it. Prints what a person needs (or, with --json, one JSON line) and
 * serves until stopped.
 */
import os from 'node:os';
import path from 'node:path';
import { parseFaultSpec, type FaultRuleInput } from './faults';
import { startSandbox } from './server';

const USAGE = `Usage: npm run sandbox -- [options]
  --json                 print one JSON line instead of the summary
  --port N               listen on this port (default: a free one)
  --data-dir DIR         where the CA, signing key and state live (default: ~/.config/MSSP Switchboard/sandbox)
  --customers N          sample customers (default 40, up to 10000)
  --seed N               random seed for the sample and the faults (default 1)
  --latency-ms N         add this latency to every request
  --fault SPEC           inject faults, e.g. 429@0.1:/graph/v1.0/tenantRelationships/*,retry=2 (repeatable)
  --throttle N           at most N concurrent requests per app and tenant (429 beyond)
  --save-state           save the state to the data folder and load it at the next start`;

class UsageError extends Error {}

interface CliOptions {
  json: boolean;
  port: number;
  dataDir: string;
  customers: number;
  seed: number;
  faults: FaultRuleInput[];
  throttle: number | undefined;
  saveState: boolean;
}

function defaultDataDir(): string {
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, 'MSSP Switchboard', 'sandbox');
}

function integer(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(
      `${flag} needs a whole number from ${min} to ${max}${value === undefined ? '' : `, not "${value}"`}.`,
    );
  }
  return Number(value);
}

export function parseCliOptions(argv: ReadonlyArray<string>): CliOptions {
  const options: CliOptions = {
    json: false,
    port: 0,
    dataDir: defaultDataDir(),
    customers: 40,
    seed: 1,
    faults: [],
    throttle: undefined,
    saveState: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--json':
        options.json = true;
        break;
      case '--save-state':
        options.saveState = true;
        break;
      case '--port':
        options.port = integer(flag, value(), 0, 65535);
        break;
      case '--customers':
        options.customers = integer(flag, value(), 0, 10_000);
        break;
      case '--seed':
        options.seed = integer(flag, value(), 0, 2 ** 31);
        break;
      case '--throttle':
        options.throttle = integer(flag, value(), 1, 10_000);
        break;
      case '--latency-ms':
        options.faults.push({
          kind: 'latency',
          match: '/',
          latencyMs: integer(flag, value(), 0, 60_000),
          rate: 1,
        });
        break;
      case '--data-dir': {
        const dir = value();
        if (!dir || dir.startsWith('--')) throw new UsageError('--data-dir needs a folder.');
        options.dataDir = path.resolve(dir);
        break;
      }
      case '--fault': {
        const spec = value();
        if (!spec) throw new UsageError('--fault needs a specification.');
        try {
          options.faults.push(parseFaultSpec(spec));
        } catch (error) {
          throw new UsageError(error instanceof Error ? error.message : String(error));
        }
        break;
      }
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new UsageError(`Unknown option "${flag}".`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const sandbox = await startSandbox({
    dataDir: options.dataDir,
    port: options.port,
    customers: options.customers,
    seed: options.seed,
    faults: options.faults,
    throttle:
      options.throttle === undefined
        ? undefined
        : { concurrentPerAppAndTenant: options.throttle, retryAfterSeconds: 1 },
    persistState: options.saveState,
  });
  const summary = {
    baseUrl: sandbox.baseUrl,
    caPath: sandbox.caPath,
    partnerTenantId: sandbox.partnerTenantId,
    users: sandbox.users.map((u) => ({ upn: u.upn, description: u.description })),
    publicClientId: sandbox.publicClientId,
    automationClient: sandbox.automationClient,
  };
  if (options.json) {
    console.log(JSON.stringify(summary));
  } else {
    console.log(`Microsoft cloud sandbox: ${sandbox.baseUrl}
  CA certificate (trust it in your tool, not system-wide): ${sandbox.caPath}
  Partner tenant (Contoso MSSP): ${sandbox.partnerTenantId}, ${options.customers} customers
  Sign in as (any password-free pick on the sign-in page):
${sandbox.users.map((u) => `    ${u.upn.padEnd(44)} ${u.description}`).join('\n')}
  Public client ID (authority ${sandbox.baseUrl}/organizations): ${sandbox.publicClientId}
  Automation app (client credentials, app-only DelegatedAdminRelationship.ReadWrite.All):
    client ID ${sandbox.automationClient.clientId}
    secret    ${sandbox.automationClient.clientSecret}
  Graph: ${sandbox.baseUrl}/graph/v1.0   ARM: ${sandbox.baseUrl}/arm
Press Ctrl+C to stop.`);
  }
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
