/**
 * The Electron shell itself, driven through Playwright's _electron: the unpackaged app (dist/main)
 * with a fresh data folder. Needs the Electron runtime and a display (xvfb-run on a headless Linux).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { hasElectronRuntime } from './electron-runtime';

test.skip(
  !hasElectronRuntime(),
  'No Electron runtime on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); the shell is covered by unit tests of its policy modules.',
);
test.describe.configure({ mode: 'serial' });

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  // The global setup builds the renderer; the main process and preload are built here.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-main.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-electron-'));
  app = await electron.launch({
    cwd: ROOT,
    // Chromium refuses to run as root with its OS sandbox (CI containers); our renderer sandbox
    // (webPreferences.sandbox) is unaffected and is what the test asserts.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT, '--data-dir', dataDir],
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // The OS edge: record what would be opened in the user's browser instead of opening it.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { __opened?: string[] }).__opened = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const openedUrls = (): Promise<string[]> =>
  app.evaluate(() => [...((globalThis as { __opened?: string[] }).__opened ?? [])]);

test('the window loads the app from app://switchboard in a hardened, Node-free renderer', async () => {
  expect(page.url()).toBe('app://switchboard/index.html');
  await expect(page.getByRole('button', { name: 'Add customer' }).first()).toBeVisible();

  const preferences = await app.evaluate(({ BrowserWindow }) => {
    // getLastWebPreferences is what Electron's own specs read; it is missing from the public typings.
    type WithPreferences = { getLastWebPreferences(): Electron.WebPreferences | null };
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as WithPreferences | undefined;
    const prefs = contents?.getLastWebPreferences();
    return {
      contextIsolation: prefs?.contextIsolation,
      sandbox: prefs?.sandbox,
      nodeIntegration: prefs?.nodeIntegration,
      webSecurity: prefs?.webSecurity,
      webviewTag: prefs?.webviewTag,
    };
  });
  expect(preferences).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
  });

  const exposed = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys((globalThis as unknown as { switchboard: object }).switchboard).sort(),
  }));
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
  // Chromium's profile and our documents live in the data folder the app was given.
  expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(dataDir);
});

test('window.open is denied and opens nothing, not even in the browser', async () => {
  const result = await page.evaluate(
    () =>
      (globalThis as unknown as { open(url: string, target: string): unknown }).open(
        'https://example.com/',
        '_blank',
      ) === null,
  );
  expect(result).toBe(true);
  expect(app.windows()).toHaveLength(1);
  expect(await openedUrls()).toEqual([]);
});

test('navigation to an external site is blocked and the app stays on its own page', async () => {
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://switchboard/index.html');
  await expect(page.getByRole('button', { name: 'Add customer' }).first()).toBeVisible();
  expect(await openedUrls()).toEqual([]);
});

test('Launch Security Copilot opens the tenant-explicit URL in the browser through shell.openExternal', async () => {
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Contoso Ltd');
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill(CONTOSO.toUpperCase());
  await dialog.getByRole('radio', { name: /^GDAP:/ }).check();
  await dialog.getByRole('button', { name: 'Add customer' }).click();

  await page.getByRole('button', { name: 'Launch Security Copilot for Contoso Ltd' }).click();
  await expect.poll(openedUrls).toEqual([`https://securitycopilot.microsoft.com/?tenantId=${CONTOSO}`]);
  await expect(page.getByText('Security Copilot opened for Contoso Ltd')).toBeVisible();
  expect(app.windows()).toHaveLength(1);
});
