/**
 * The layer and feature rules of eslint.config.js, tried on wrong-way imports: each fixture is linted
 * as if it lived at the given path, and the rule must refuse it (and accept the right-way import).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: layers and features', () => {
  it.each([
    [
      'shared/gdap/x.ts',
      "import { createCore } from '../../main/core/compose';\nvoid createCore;\n",
      'shared/',
    ],
    [
      'shared/gdap/x.ts',
      "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n",
      'no Node built-ins',
    ],
    ['main/core/gdap/x.ts', "import { app } from 'electron';\nvoid app;\n", 'Only main/app'],
    [
      'main/core/gdap/x.ts',
      "import { startSandbox } from '../../sandbox/server';\nvoid startSandbox;\n",
      'main/sandbox',
    ],
    ['main/sandbox/x.ts', "import { createCore } from '../core/compose';\nvoid createCore;\n", 'main/core'],
    [
      'main/web/x.ts',
      "import { createMainWindow } from '../app/window';\nvoid createMainWindow;\n",
      'main/app',
    ],
    [
      'renderer/src/app/x.ts',
      "import { createCore } from '../../../main/core/compose';\nvoid createCore;\n",
      'main/',
    ],
  ])('%s may not import that (%s)', async (path, code, says) => {
    const messages = await restrictedImports(path, code);
    expect(messages.join('\n')).toContain(says);
  });

  it('a renderer feature reaches another feature only through its index.ts', async () => {
    const wrong = await restrictedImports(
      'renderer/src/features/gdap/X.tsx',
      "import { useCustomers } from '../customers/customers-store';\nvoid useCustomers;\n",
    );
    expect(wrong.join('\n')).toContain('only through its index.ts');
    const right = await restrictedImports(
      'renderer/src/features/gdap/X.tsx',
      "import { useCustomers } from '../customers';\nimport { invoke } from '../../app/bridge/bridge';\nvoid useCustomers;\nvoid invoke;\n",
    );
    expect(right).toEqual([]);
  });

  it('the renderer shell reaches features only through their index.ts', async () => {
    const wrong = await restrictedImports(
      'renderer/src/app/X.tsx',
      "import { GdapView } from '../features/gdap/GdapView';\nvoid GdapView;\n",
    );
    expect(wrong.join('\n')).toContain('only through its index.ts');
    const right = await restrictedImports(
      'renderer/src/app/X.tsx',
      "import { GdapView } from '../features/gdap';\nvoid GdapView;\n",
    );
    expect(right).toEqual([]);
  });
});
