// Lint enforces the layers of docs/architecture.md: a file's folder says what it may import.
//   shared <- main/core <- main/app | main/web ;  shared <- renderer ;  main/sandbox imports only shared.
// Only main/app may import 'electron' (electron-store imports it too).
// Inside the renderer, a feature (renderer/src/features/<feature>/) reaches another feature only
// through that feature's index.ts, and the shell (renderer/src/app/) reaches features the same way.
// test/unit/lint/layers.test.ts lints wrong-way imports and expects these rules to refuse them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronOnly = [
  {
    name: 'electron',
    message: "Only main/app may import 'electron'. Inject an interface into main/core instead.",
  },
  { name: 'electron-store', message: "electron-store imports 'electron'; only main/app may use it." },
];

/** @param {string[]} forbiddenDirs @param {string} who */
// A layer is named by its path ('main/sandbox') and, from a sibling inside main/, reached by a relative
// path that climbs out and names only its last segment ('../../sandbox/server'): both are refused.
const layerPatterns = (forbiddenDirs, who) =>
  forbiddenDirs.map((dir) => ({
    regex: `(^|/)${dir.replace('/', '\\/')}(/|$)|^(\\.\\./)+${dir.split('/').at(-1)}(/|$)`,
    message: `${who} must not import from ${dir}/ (see docs/architecture.md, import direction).`,
  }));

/** @param {string[]} dirs @param {string} who @param {boolean} nodeBuiltinsForbidden @param {object[]} more */
const restrict = (dirs, who, nodeBuiltinsForbidden = false, more = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: electronOnly,
      patterns: [
        ...layerPatterns(dirs, who),
        ...(nodeBuiltinsForbidden
          ? [{ regex: '^node:', message: `${who} is pure TypeScript: no Node built-ins.` }]
          : []),
        ...more,
      ],
    },
  ],
});

const throughIndex = (who) =>
  `${who} reaches another feature only through its index.ts (import from '<feature>', not '<feature>/<file>').`;
/** From renderer/src/features/<feature>/: '../<other>/<file>' skips <other>'s index.ts. */
const featureToFeature = [{ regex: '^\\.\\./[\\w-]+/', message: throughIndex('A renderer feature') }];
/** From renderer/src/app/: '../features/<feature>/<file>' skips the feature's index.ts. */
const appToFeature = [{ regex: '^\\.\\./features/[\\w-]+/', message: throughIndex('The renderer shell') }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['shared/**/*.ts'], rules: restrict(['main', 'renderer'], 'shared/', true) },
  {
    files: ['main/core/**/*.ts'],
    ignores: ['main/core/platform/cloud/sandbox-connector.ts'],
    rules: restrict(['main/app', 'main/web', 'main/sandbox', 'renderer'], 'main/core'),
  },
  {
    // The sandbox cloud profile is the one door from core into main/sandbox (docs/architecture.md).
    files: ['main/core/platform/cloud/sandbox-connector.ts'],
    rules: restrict(['main/app', 'main/web', 'renderer'], 'main/core'),
  },
  { files: ['main/web/**/*.ts'], rules: restrict(['main/app', 'renderer'], 'main/web') },
  {
    files: ['main/sandbox/**/*.ts'],
    rules: restrict(['main/core', 'main/app', 'main/web', 'renderer'], 'main/sandbox'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(['main'], 'renderer', true),
  },
  {
    files: ['renderer/src/features/**/*.{ts,tsx}'],
    rules: restrict(['main'], 'renderer', true, featureToFeature),
  },
  {
    files: ['renderer/src/app/**/*.{ts,tsx}'],
    rules: restrict(['main'], 'renderer', true, appToFeature),
  },
  {
    // main/app is the one place that may use Electron.
    files: ['main/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: layerPatterns(['main/web', 'main/sandbox', 'renderer'], 'main/app') },
      ],
    },
  },
);
