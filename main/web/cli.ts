/**
 * `npm run start:web`: the whole app in a browser. Prints one line, `Switchboard: <url>`, and serves
 * until stopped (Ctrl+C).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, OptionsError, parseHostOptions } from '../core/platform/host-options';
import { DataFolderBusyError } from '../core/platform/persistence/data-folder-lock';
import { RendererNotBuiltError, startBrowserApp } from './browser-app';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const options = parseHostOptions(process.argv.slice(2), process.env);
  const rendererDir = path.join(root, 'dist', 'renderer');
  const version = (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const app = await startBrowserApp({
    dataDir: options.dataDir ?? defaultDataDir(),
    rendererDir,
    version,
    port: options.port,
  });
  console.log(`Switchboard: ${app.host.url}`);
  const stop = (): void => {
    void app.close().then(() => process.exit(0));
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
  if (error instanceof DataFolderBusyError || error instanceof RendererNotBuiltError) fail(error.message);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    fail('That port is already in use. Choose another with --port, or leave it out to get a free one.');
  fail(`The browser host could not start: ${error instanceof Error ? error.message : String(error)}`);
});
