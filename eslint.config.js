// Lint enforces the layers of architecture.md: a file's folder says what it may import.
//   shared <- main/core <- main/app | main/web ;  shared <- renderer ;  main/sandbox imports only shared.
// Only main/app may import 'electron' (electron-store imports it too).
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
const layerPatterns = (forbiddenDirs, who) =>
  forbiddenDirs.map((dir) => ({
    regex: `(^|/)${dir.replace('/', '\\/')}(/|$)`,
    message: `${who} must not import from ${dir}/ (see architecture.md, import direction).`,
  }));

/** @param {string[]} dirs @param {string} who @param {boolean} nodeBuiltinsForbidden */
const restrict = (dirs, who, nodeBuiltinsForbidden = false) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: electronOnly,
      patterns: [
        ...layerPatterns(dirs, who),
        ...(nodeBuiltinsForbidden
          ? [{ regex: '^node:', message: `${who} is pure TypeScript: no Node built-ins.` }]
          : []),
      ],
    },
  ],
});

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
    // The sandbox cloud profile is the one door from core into main/sandbox (architecture.md).
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
