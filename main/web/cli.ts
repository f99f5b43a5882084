/**
 * `npm run start:web`: the whole app in a browser. Prints one line, `Switchboard: <url>`, and serves
 * until stopped (Ctrl+C).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { confBackends } from '../core/platform/persistence/conf-backend';
import { defaultDataDir, OptionsError, parseHostOptions } from '../core/platform/host-options';
import { inProcessSandbox } from '../core/platform/cloud/sandbox-connector';
import { createCore } from '../core/compose';
import { startWebHost } from './web-host';
import { modeOpener } from '../core/launch/mode-opener';
import type { LaunchPlatform } from '../../shared/launch/launch-mode';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const options = parseHostOptions(process.argv.slice(2), process.env);
  const rendererDir = path.join(root, 'dist', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    fail(
      `The renderer is not built yet (${rendererDir} has no index.html). Run "npm run build" first, or start with "npm run start:web", which builds it.`,
    );
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  fs.mkdirSync(dataDir, { recursive: true });
  const version = (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const core = createCore({
    host: 'web',
    version,
    dataDir,
    backends: confBackends(dataDir),
    // The default browser is the page's own (it opens the tab); a browser profile starts that browser.
    opener: modeOpener({
      base: { open: async () => ({ handled: false }) },
      platform: (['win32', 'darwin'].includes(process.platform)
        ? process.platform
        : 'linux') as LaunchPlatform,
    }),
    sandbox: inProcessSandbox(dataDir),
  });
  const host = await startWebHost({ core, rendererDir, port: options.port });
  console.log(`Switchboard: ${host.url}`);
  const stop = (): void => {
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

main().catch((error: unknown) => {
  if (error instanceof OptionsError)
    fail(`${error.message} Usage: npm run start:web -- [--port N] [--data-dir DIR]`);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    fail('That port is already in use. Choose another with --port, or leave it out to get a free one.');
  fail(`The browser host could not start: ${error instanceof Error ? error.message : String(error)}`);
});
