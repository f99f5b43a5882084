/**
 * One data folder, one Switchboard. Two browser hosts (or the desktop app and a browser host, which
 * share the default folder) on one folder would each rewrite the documents they read at start, and
 * only the last writer's customers would survive. The second one is refused at start, told which
 * folder and which process holds it; a lock left by a crashed process is taken over.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp } from '../../main/web/browser-app';
import {
  acquireDataFolderLock,
  DataFolderBusyError,
  LOCK_FILE,
} from '../../main/core/platform/persistence/data-folder-lock';
import { asOrdinaryUser, makeTestFolder, type TestFolder } from './helpers/data-folder';

const repo = path.resolve(__dirname, '../..');
let folder: TestFolder;
const running: BrowserApp[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  folder.remove();
});

async function start(): Promise<BrowserApp> {
  const app = await startBrowserApp({
    dataDir: folder.dataDir,
    rendererDir: folder.rendererDir,
    version: 't',
    log: () => undefined,
  });
  running.push(app);
  return app;
}

/** The browser host in a process of its own, as a second `npm run start:web` would be. */
const SECOND_HOST = `
import { startBrowserApp } from './main/web/browser-app.ts';
try {
  const app = await startBrowserApp({ dataDir: process.argv[1], rendererDir: process.argv[2], version: 't' });
  console.log('STARTED');
  await app.close();
} catch (error) {
  console.log('REFUSED ' + error.message);
}
`;

function secondHost(): string {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', SECOND_HOST, folder.dataDir, folder.rendererDir],
    { cwd: repo, encoding: 'utf8', timeout: 60_000 },
  );
  return result.stdout.trim();
}

/** A process that takes the folder as `kind` and holds it until killed. */
async function holder(kind: 'desktop' | 'web'): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { acquireDataFolderLock } from './main/core/platform/persistence/data-folder-lock.ts';
       acquireDataFolderLock(process.argv[1], { kind: process.argv[2] });
       console.log('HELD'); setInterval(() => {}, 1000);`,
      folder.dataDir,
      kind,
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('HELD') && resolve());
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return child;
}

describe('one data folder, one Switchboard', () => {
  it('refuses a second browser host on the same folder, naming the folder and the process holding it', async () => {
    folder = makeTestFolder('sb-lock-two-hosts-');
    await start();
    const answer = secondHost();
    expect(answer).toMatch(/^REFUSED /);
    expect(answer).toContain(`The data folder ${folder.dataDir} is in use`);
    expect(answer).toContain('a Switchboard browser host');
    expect(answer).toContain(`process ${process.pid}`);
    expect(answer).toContain('--data-dir');
  });

  it('makes a second `npm run start:web` on the same folder exit with the reason', async () => {
    folder = makeTestFolder('sb-lock-cli-');
    await start();
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'main/web/cli.ts', '--data-dir', folder.dataDir],
      { cwd: repo, encoding: 'utf8', timeout: 60_000 },
    );
    expect(cli.status).toBe(2);
    expect(cli.stdout).not.toContain('Switchboard: http');
    expect(cli.stderr).toContain(`The data folder ${folder.dataDir} is in use by a Switchboard browser host`);
    expect(cli.stderr).toContain(`process ${process.pid}`);
  });

  it('keeps the first host working and its customers on disk when a second one is refused', async () => {
    folder = makeTestFolder('sb-lock-no-loss-');
    const first = await start();
    await first.core.invoke('customers.add', {
      displayName: 'Contoso',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      accessPath: 'b2b',
    });
    await expect(start()).rejects.toThrow(DataFolderBusyError);
    await first.core.invoke('customers.add', {
      displayName: 'Fabrikam',
      tenantId: '8a3c3e6b-21f4-4d6e-9a5b-0f1f9c2d7e10',
      accessPath: 'b2b',
    });
    const saved = JSON.parse(fs.readFileSync(folder.file('customers.json'), 'utf8')) as {
      customers: Array<{ displayName: string }>;
    };
    expect(saved.customers.map((c) => c.displayName).sort()).toEqual(['Contoso', 'Fabrikam']);
  });

  it('refuses the browser host while the desktop app holds the folder', async () => {
    folder = makeTestFolder('sb-lock-desktop-');
    const desktop = await holder('desktop');
    await expect(start()).rejects.toThrow(
      `The data folder ${folder.dataDir} is in use by the Switchboard desktop app (process ${desktop.pid}`,
    );
  });

  it('gives the folder back when the host stops', async () => {
    folder = makeTestFolder('sb-lock-release-');
    const first = await start();
    await first.close();
    running.splice(0);
    expect(fs.existsSync(folder.file(LOCK_FILE))).toBe(false);
    expect(secondHost()).toBe('STARTED');
    expect(fs.existsSync(folder.file(LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that crashed', async () => {
    folder = makeTestFolder('sb-lock-stale-');
    const web = await holder('web');
    const exited = new Promise((resolve) => web.once('exit', resolve));
    web.kill('SIGKILL');
    await exited;
    expect(JSON.parse(fs.readFileSync(folder.file(LOCK_FILE), 'utf8'))).toMatchObject({ pid: web.pid });
    await start();
    expect(JSON.parse(fs.readFileSync(folder.file(LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      kind: 'web',
    });
  });

  it.each([
    ['empty', ''],
    ['not JSON', '{"pid":12'],
    ['of another shape', '{"owner":"someone"}'],
  ])('takes over an old lock file that is %s', (_label, text) => {
    folder = makeTestFolder('sb-lock-garbled-');
    fs.writeFileSync(folder.file(LOCK_FILE), text);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(folder.file(LOCK_FILE), old, old);
    const lock = acquireDataFolderLock(folder.dataDir, { kind: 'web' });
    expect(lock.holder.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a folder sitting where the lock file goes', () => {
    folder = makeTestFolder('sb-lock-folder-');
    fs.mkdirSync(folder.file(LOCK_FILE));
    const lock = acquireDataFolderLock(folder.dataDir, { kind: 'web' });
    expect(JSON.parse(fs.readFileSync(folder.file(LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('never takes a lock it cannot read (another account holds the folder)', async () => {
    folder = makeTestFolder('sb-lock-foreign-');
    fs.writeFileSync(
      folder.file(LOCK_FILE),
      JSON.stringify({ pid: 1, kind: 'web', startedAt: '2026-12-01T08:00:00.000Z', hostname: 'x' }),
      { mode: 0o600 },
    );
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(folder.file(LOCK_FILE), old, old);
    if (process.getuid?.() !== 0) fs.chmodSync(folder.file(LOCK_FILE), 0o000);
    await asOrdinaryUser(
      folder,
      () =>
        expect(() => acquireDataFolderLock(folder.dataDir, { kind: 'web' })).toThrow(
          `is in use by another Switchboard (its lock, ${folder.file(LOCK_FILE)}, belongs to another account`,
        ),
      [folder.file(LOCK_FILE)],
    );
  });

  it('treats a lock from another computer (a shared folder) as held', () => {
    folder = makeTestFolder('sb-lock-remote-');
    fs.writeFileSync(
      folder.file(LOCK_FILE),
      JSON.stringify({
        pid: 999_999,
        kind: 'desktop',
        startedAt: '2026-12-01T08:00:00.000Z',
        hostname: 'ANALYST-PC-7',
      }),
    );
    expect(() => acquireDataFolderLock(folder.dataDir, { kind: 'web' })).toThrow(
      /in use by the Switchboard desktop app \(process 999999 on the computer ANALYST-PC-7, started/,
    );
  });

  it('lets exactly one of two processes starting at once take a fresh folder', async () => {
    folder = makeTestFolder('sb-lock-race-');
    const race = `
      import { acquireDataFolderLock } from './main/core/platform/persistence/data-folder-lock.ts';
      try { acquireDataFolderLock(process.argv[1], { kind: 'web' }); console.log('WON'); setTimeout(() => {}, 1500); }
      catch (error) { console.log('REFUSED'); }`;
    const runs = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<string>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--import', 'tsx', '--input-type=module', '-e', race, folder.dataDir],
              { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
            );
            let out = '';
            child.stdout.on('data', (c: Buffer) => (out += c.toString()));
            child.once('exit', () => resolve(out.trim()));
          }),
      ),
    );
    expect(runs.filter((r) => r === 'WON')).toHaveLength(1);
    expect(runs.filter((r) => r === 'REFUSED')).toHaveLength(2);
  });
});
