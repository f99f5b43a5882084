import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'MSSP Switchboard';

export interface HostOptions {
  readonly dataDir?: string;
  readonly port?: number;
}

export class OptionsError extends Error {}

/**
 * Reads the options both hosts share from argv and the environment: `--data-dir DIR` (or
 * `--data-dir=DIR`, or SWITCHBOARD_DATA_DIR) and `--port N`. Unknown options are left alone: Electron
 * and Chromium put their own switches on the command line.
 */
export function parseHostOptions(argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): HostOptions {
  let dataDir =
    env.SWITCHBOARD_DATA_DIR && env.SWITCHBOARD_DATA_DIR.trim() !== '' ? env.SWITCHBOARD_DATA_DIR : undefined;
  let port: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag !== '--data-dir' && flag !== '--port') continue;
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--'))
      throw new OptionsError(`${flag} needs a value.`);
    if (flag === '--data-dir') dataDir = value;
    else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new OptionsError(`--port must be a whole number from 0 to 65535, not "${value}".`);
      port = n;
    }
  }
  return { dataDir: dataDir === undefined ? undefined : path.resolve(dataDir), port };
}

/**
 * Where data lives when no --data-dir is given: the same folder Electron uses as userData for this
 * product, so the app and the browser host share one customer list on a machine.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}
