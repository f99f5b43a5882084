// `npm start`: builds the renderer and the main process, then runs the app in Electron. Where
// Electron's runtime was never downloaded (npm 11 skips install scripts; ELECTRON_SKIP_BINARY_DOWNLOAD
// on machines without GitHub access), it tries once to fetch it, and otherwise says so in plain words
// and points at the browser host. Arguments after `--` go to the app: npm start -- --data-dir DIR
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

/** The Electron executable, or undefined when its runtime is not on this machine. */
function electronBinary() {
  try {
    // The electron package's main is the binary's path; it throws when path.txt was never written.
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Runs electron's own install script once; returns why it failed, or undefined on success. */
function tryDownloadElectron() {
  let installScript;
  try {
    installScript = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return 'the electron package is not installed';
  }
  console.log("Electron's runtime is not installed; trying once to download it...");
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [installScript], {
    cwd: root,
    env,
    stdio: 'pipe',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  // install.js leaves no way to tell "downloaded" from "skipped" but the file it writes.
  delete require.cache[require.resolve('electron')];
  if (result.status === 0 && electronBinary() !== undefined) return undefined;
  if (result.error?.code === 'ETIMEDOUT')
    return `the download did not finish within ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes`;
  const firstLine = `${result.stderr ?? ''}`.split('\n').find((line) => line.trim() !== '');
  return firstLine ? `the download failed: ${firstLine.trim().slice(0, 160)}` : 'the download failed';
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      `\nThe build failed (${[path.basename(command), ...args].join(' ')}); see the messages above.`,
    );
    process.exit(result.status ?? 1);
  }
}

let binary = electronBinary();
let whyNot;
if (binary === undefined) {
  whyNot = tryDownloadElectron();
  binary = electronBinary();
}
if (binary === undefined) {
  console.error(
    "\nElectron's runtime isn't installed on this machine, and it couldn't be downloaded here " +
      `(${whyNot ?? 'no reason given'}; the download comes from GitHub). ` +
      'Run `npm run start:web` to use Switchboard in your browser instead: it is the same app, served on ' +
      '127.0.0.1. To get the desktop app, install dependencies on a machine that can reach GitHub ' +
      '(without ELECTRON_SKIP_BINARY_DOWNLOAD), or run `node node_modules/electron/install.js` there.\n',
  );
  process.exit(1);
}

run(process.execPath, [require.resolve('vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
run(process.execPath, [path.join(root, 'scripts', 'build-main.mjs')]);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
