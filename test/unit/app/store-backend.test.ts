/**
 * The Electron app's electron-store backends behave like core's conf backends: same file, same
 * content, and a file that is not JSON is reported and kept aside, never silently emptied.
 * electron-store imports 'electron' only to learn the default folder and app version; a stand-in
 * without app/ipcMain is enough when the folder is given, as the app always gives it. electron-store
 * is loaded by Node itself (not through Vitest), so the stand-in is a Node module-resolution hook.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { register } from 'node:module';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { confBackends } from '../../../main/core/platform/persistence/conf-backend';
import { openDocument, type DocumentSpec } from '../../../main/core/platform/persistence/document-store';
import type { electronStoreBackends as ElectronStoreBackends } from '../../../main/app/store-backend';

const asModule = (source: string): string => `data:text/javascript,${encodeURIComponent(source)}`;
const ELECTRON_STAND_IN = asModule('export default {};');
const HOOKS = asModule(`export async function resolve(specifier, context, next) {
  return specifier === 'electron' ? { url: ${JSON.stringify(ELECTRON_STAND_IN)}, shortCircuit: true } : next(specifier, context);
}`);

let electronStoreBackends: typeof ElectronStoreBackends;
beforeAll(async () => {
  register(HOOKS);
  ({ electronStoreBackends } = await import('../../../main/app/store-backend'));
});

const SPEC: DocumentSpec<{ readonly names: ReadonlyArray<string> }> = {
  name: 'customers',
  description: 'your customer list',
  version: 1,
  schema: z.object({ names: z.array(z.string()) }),
  empty: () => ({ names: [] }),
  migrations: [{ from: 0, migrate: (d) => ({ names: [], ...d }) }],
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-electron-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('electronStoreBackends', () => {
  it('writes the same file conf does, readable by the browser host, private to the user', () => {
    const backends = electronStoreBackends(dir);
    expect(backends.pathOf('customers')).toBe(path.join(dir, 'customers.json'));
    openDocument(backends, SPEC).store.set({ names: ['Contoso'] });
    expect(openDocument(confBackends(dir), SPEC).store.get()).toEqual({ names: ['Contoso'] });
    if (process.platform !== 'win32')
      expect(fs.statSync(path.join(dir, 'customers.json')).mode & 0o777).toBe(0o600);
  });

  it('throws a SyntaxError on a file that is not JSON instead of emptying it', () => {
    fs.writeFileSync(path.join(dir, 'customers.json'), '{"names": ["Contoso"');
    expect(() => electronStoreBackends(dir).open('customers').read()).toThrow(SyntaxError);
    expect(fs.readFileSync(path.join(dir, 'customers.json'), 'utf8')).toBe('{"names": ["Contoso"');
  });

  it('lets the document store keep a corrupt file aside and say where it went', () => {
    fs.writeFileSync(path.join(dir, 'customers.json'), 'not json at all');
    const { store, notices } = openDocument(
      electronStoreBackends(dir),
      SPEC,
      () => new Date('2026-11-22T10:42:00Z'),
    );
    expect(store.get()).toEqual({ names: [] });
    expect(notices).toHaveLength(1);
    const aside = fs.readdirSync(dir).find((f) => f.startsWith('customers.corrupt-'));
    expect(aside).toBeDefined();
    expect(fs.readFileSync(path.join(dir, aside ?? ''), 'utf8')).toBe('not json at all');
    expect(notices[0]?.message).toContain(aside);
  });
});
