/**
 * A damaged or unusual file in the data folder never stops the app: each case below starts the
 * browser host exactly as `npm run start:web` does (startBrowserApp), checks what the analyst is told,
 * and that everything else still works and nothing else was lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo, Notice } from '../../shared/contract/contract';
import { startBrowserApp, type BrowserApp } from '../../main/web/browser-app';
import { asOrdinaryUser, makeTestFolder, type TestFolder } from './helpers/data-folder';

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FABRIKAM = '8a3c3e6b-21f4-4d6e-9a5b-0f1f9c2d7e10';

let folder: TestFolder;
let app: BrowserApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  folder.remove();
});

/** A data folder as an analyst leaves it: the public cloud chosen, one customer. */
function seed(prefix: string): TestFolder {
  folder = makeTestFolder(prefix);
  fs.writeFileSync(
    folder.file('settings.json'),
    JSON.stringify({ schemaVersion: 1, cloudProfile: 'public', clientId: null }),
  );
  return folder;
}

async function start(): Promise<BrowserApp> {
  app = await startBrowserApp({
    dataDir: folder.dataDir,
    rendererDir: folder.rendererDir,
    version: 't',
    log: () => undefined,
  });
  return app;
}

async function ok<T>(name: string, input: unknown): Promise<T> {
  const result = await app!.core.invoke(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function notices(): Promise<ReadonlyArray<Notice>> {
  return (await ok<AppInfo>('app.info', {})).notices;
}

function onDisk(name: string): unknown {
  return JSON.parse(fs.readFileSync(folder.file(name), 'utf8'));
}

async function addCustomer(displayName: string, tenantId: string): Promise<void> {
  await ok('customers.add', { displayName, tenantId, accessPath: 'b2b' });
}

describe('a damaged data folder', () => {
  it('starts when the customer list is a folder: moves it aside, says so, and saves the next list', async () => {
    seed('sb-damaged-dir-');
    fs.mkdirSync(folder.file('customers.json'));
    fs.writeFileSync(path.join(folder.file('customers.json'), 'keep.txt'), 'inside');
    await start();

    const [notice] = (await notices()).filter((n) => n.id === 'store-corrupt-customers');
    expect(notice?.message).toContain('is a folder, not a file');
    const aside = /to (\S+customers\.unreadable-\S+\.json) so nothing is lost/.exec(
      notice?.message ?? '',
    )?.[1];
    expect(aside).toBeDefined();
    expect(fs.readFileSync(path.join(aside!, 'keep.txt'), 'utf8')).toBe('inside');

    await addCustomer('Contoso', CONTOSO);
    expect(onDisk('customers.json')).toMatchObject({ customers: [{ displayName: 'Contoso' }] });
    // The other documents were not touched.
    expect(await ok('settings.get', {})).toMatchObject({ cloudProfile: 'public' });
  });

  it('starts when the customer list cannot be read: moves it aside and keeps it whole', async () => {
    seed('sb-damaged-unreadable-');
    const saved = JSON.stringify({
      schemaVersion: 1,
      customers: [],
    });
    fs.writeFileSync(folder.file('customers.json'), saved);
    fs.chmodSync(folder.file('customers.json'), 0o000);
    await asOrdinaryUser(folder, async () => {
      await start();
      const [notice] = (await notices()).filter((n) => n.id === 'store-corrupt-customers');
      expect(notice?.message).toContain('could not be read (permission denied)');
      await addCustomer('Fabrikam', FABRIKAM);
      expect((await ok<unknown[]>('customers.list', {})).length).toBe(1);
      expect(await ok('settings.get', {})).toMatchObject({ cloudProfile: 'public' });
    });
    const aside = fs.readdirSync(folder.dataDir).filter((f) => f.startsWith('customers.unreadable-'));
    expect(aside).toHaveLength(1);
    fs.chmodSync(path.join(folder.dataDir, aside[0]!), 0o600);
    expect(fs.readFileSync(path.join(folder.dataDir, aside[0]!), 'utf8')).toBe(saved);
  });

  it('starts in a read-only folder, says so once, and adding and launching work for the session', async () => {
    seed('sb-damaged-readonly-');
    const before = fs.readFileSync(folder.file('settings.json'), 'utf8');
    fs.chmodSync(folder.dataDir, 0o555);
    await asOrdinaryUser(folder, async () => {
      await start();
      const said = (await notices()).filter((n) => n.id === 'data-folder-not-writable');
      expect(said).toHaveLength(1);
      expect(said[0]?.message).toContain(folder.dataDir);
      expect(said[0]?.message).toContain('permission denied');

      const announced: unknown[] = [];
      app!.core.onEvent((name, payload) => name === 'app.notice' && announced.push(payload));
      await addCustomer('Contoso', CONTOSO);
      await addCustomer('Fabrikam', FABRIKAM);
      // Launching records the launch in the customer list: it must not fail because that is not saved.
      const launched = await app!.core.invoke('launch.open', {
        tenantId: CONTOSO,
        target: 'securityCopilot',
      });
      expect(launched).toMatchObject({ ok: true, value: { openedBy: 'page' } });
      expect((await ok<unknown[]>('customers.list', {})).length).toBe(2);
      // Said once: no new notice for each change.
      expect(announced).toEqual([]);
      expect((await notices()).filter((n) => n.id === 'data-folder-not-writable')).toHaveLength(1);
    });
    expect(fs.existsSync(folder.file('customers.json'))).toBe(false);
    expect(fs.readFileSync(folder.file('settings.json'), 'utf8')).toBe(before);
  });

  it('leaves a damaged file untouched when it cannot even be moved aside (read-only folder)', async () => {
    seed('sb-damaged-stuck-');
    fs.writeFileSync(folder.file('customers.json'), '{"schemaVersion":1,"customers":[');
    fs.chmodSync(folder.dataDir, 0o555);
    await asOrdinaryUser(folder, async () => {
      await start();
      const [notice] = (await notices()).filter((n) => n.id === 'store-corrupt-customers');
      expect(notice?.message).toContain(folder.file('customers.json'));
      expect(notice?.message).toContain('could not be moved aside (permission denied)');
      expect(notice?.message).toContain('Fix or remove that file');
      await addCustomer('Contoso', CONTOSO);
      expect((await ok<unknown[]>('customers.list', {})).length).toBe(1);
    });
    expect(fs.readFileSync(folder.file('customers.json'), 'utf8')).toBe('{"schemaVersion":1,"customers":[');
  });

  it.each([
    ['cut short', (file: string) => fs.writeFileSync(file, '{"partnerTenantId":"x","tenants":[{"id"')],
    ['not a sandbox state', (file: string) => fs.writeFileSync(file, '[1,2,3]')],
    ['a folder', (file: string) => fs.mkdirSync(file)],
  ])('starts the sandbox when its saved state is %s: moves it aside and says so', async (_label, damage) => {
    seed('sb-damaged-sandbox-');
    fs.writeFileSync(
      folder.file('settings.json'),
      JSON.stringify({ schemaVersion: 1, cloudProfile: 'sandbox', clientId: null }),
    );
    const sandboxDir = folder.file('sandbox');
    fs.mkdirSync(sandboxDir);
    damage(path.join(sandboxDir, 'sandbox-state.json'));
    await start();
    await addCustomer('Contoso', CONTOSO);
    // Launching resolves the cloud, which starts the sandbox.
    const launched = await app!.core.invoke('launch.open', { tenantId: CONTOSO, target: 'securityCopilot' });
    expect(launched.ok).toBe(true);
    const [notice] = (await notices()).filter((n) => n.id === 'sandbox-state-damaged');
    expect(notice?.message).toContain('sandbox-state.json');
    expect(notice?.message).toContain('moved aside');
    expect(fs.readdirSync(sandboxDir).filter((f) => f.startsWith('sandbox-state.damaged-'))).toHaveLength(1);
  });

  it('says when the audit trail cannot be read instead of showing an empty one', async () => {
    seed('sb-damaged-audit-');
    const line = JSON.stringify({
      id: 'a1',
      phase: 'before',
      at: '2026-11-20T10:00:00.000Z',
      account: 'ops@partner.example',
      tenantId: CONTOSO,
      action: 'gdap.create',
    });
    fs.writeFileSync(folder.file('audit.jsonl'), `${line}\n`);
    fs.chmodSync(folder.file('audit.jsonl'), 0o000);
    await asOrdinaryUser(folder, async () => {
      await start();
      const [notice] = (await notices()).filter((n) => n.id === 'audit-unreadable');
      expect(notice?.message).toContain(folder.file('audit.jsonl'));
      expect(notice?.message).toContain('permission denied');
      const listed = await app!.core.invoke('audit.list', {});
      expect(listed).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(!listed.ok && listed.error.message).toContain('could not read its audit trail');
      // The rest works.
      await addCustomer('Contoso', CONTOSO);
    });
    fs.chmodSync(folder.file('audit.jsonl'), 0o600);
    expect(fs.readFileSync(folder.file('audit.jsonl'), 'utf8')).toBe(`${line}\n`);
  });

  it('says when the audit trail is a folder', async () => {
    seed('sb-damaged-audit-dir-');
    fs.mkdirSync(folder.file('audit.jsonl'));
    await start();
    expect((await notices()).map((n) => n.id)).toContain('audit-unreadable');
    const listed = await app!.core.invoke('audit.list', {});
    expect(listed).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
