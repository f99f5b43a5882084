// Bundles the Electron main process and its preload (dist/main/). The main bundle is ESM (package.json
// has "type": "module") with every dependency inlined except Electron itself, so the packaged app
// needs no node_modules. The preload is CommonJS: a sandboxed preload cannot load ES modules and can
// require only a few Electron modules, so it must be a single file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'main');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  // Electron 41 embeds Node 24 (Electron 40 moved from Node 22.20 to 24.11).
  target: 'node24',
  sourcemap: 'linked',
  external: ['electron'],
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'main', 'app', 'main.ts')],
    outfile: path.join(outdir, 'main.js'),
    format: 'esm',
    // Inlined CommonJS dependencies (conf's ajv, ...) call require(); give ESM one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'main', 'app', 'preload.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    format: 'cjs',
    platform: 'browser',
  }),
]);
