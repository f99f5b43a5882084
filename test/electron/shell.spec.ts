/**
 * The Electron shell itself, driven through Playwright's _electron: the unpackaged app (dist/main)
 * with a fresh data folder. Needs the Electron runtime and a display (xvfb-run on a headless Linux).
 */
import { expect, test } from '@playwright/test';
import { launchApp } from './electron-runtime';

const desktop = launchApp({
  dataDirPrefix: 'sb-electron-',
  skipReason:
    'No Electron runtime on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); the shell is covered by unit tests of its policy modules.',
});

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';

test('the window loads the app from app://switchboard in a hardened, Node-free renderer', async () => {
  expect(desktop.page.url()).toBe('app://switchboard/index.html');
  await expect(desktop.page.getByRole('button', { name: 'Add customer' }).first()).toBeVisible();

  const preferences = await desktop.app.evaluate(({ BrowserWindow }) => {
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

  const exposed = await desktop.page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys((globalThis as unknown as { switchboard: object }).switchboard).sort(),
  }));
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
  // Chromium's profile and our documents live in the data folder the app was given.
  expect(await desktop.app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(
    desktop.dataDir,
  );
});

test('window.open is denied and opens nothing, not even in the browser', async () => {
  const result = await desktop.page.evaluate(
    () =>
      (globalThis as unknown as { open(url: string, target: string): unknown }).open(
        'https://example.com/',
        '_blank',
      ) === null,
  );
  expect(result).toBe(true);
  expect(desktop.app.windows()).toHaveLength(1);
  expect(await desktop.openedUrls()).toEqual([]);
});

test('navigation to an external site is blocked and the app stays on its own page', async () => {
  await desktop.page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await desktop.page.waitForTimeout(500);
  expect(desktop.page.url()).toBe('app://switchboard/index.html');
  await expect(desktop.page.getByRole('button', { name: 'Add customer' }).first()).toBeVisible();
  expect(await desktop.openedUrls()).toEqual([]);
});

test('Launch Security Copilot opens the tenant-explicit URL in the browser through shell.openExternal', async () => {
  await desktop.page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = desktop.page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Contoso Ltd');
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill(CONTOSO.toUpperCase());
  await dialog.getByRole('radio', { name: /^GDAP:/ }).check();
  await dialog.getByRole('button', { name: 'Add customer' }).click();

  await desktop.page.getByRole('button', { name: 'Launch Security Copilot for Contoso Ltd' }).click();
  await expect
    .poll(desktop.openedUrls)
    .toEqual([`https://securitycopilot.microsoft.com/?tenantId=${CONTOSO}`]);
  await expect(desktop.page.getByText('Security Copilot opened for Contoso Ltd')).toBeVisible();
  expect(desktop.app.windows()).toHaveLength(1);
});
