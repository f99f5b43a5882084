/**
 * `npx tsx scripts/screenshot-add-by-domain.ts` (after `vite build`): the add-customer dialog after a
 * domain was typed, showing the tenant found (name, ID, default domain) to confirm, saved as
 * docs/screenshots/add-customer-by-domain.png. Starts the browser host on a scratch data folder with
 * the sandbox cloud and signs in on the sandbox's page, as scripts/screenshots.ts does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../test/e2e/chromium';
import { startHost, writeSettings } from '../test/e2e/host';

const out = path.resolve('docs/screenshots/add-customer-by-domain.png');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shot-domain-'));
writeSettings(dataDir, 'sandbox');
const host = await startHost(dataDir);
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
try {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 820 },
    ignoreHTTPSErrors: true,
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Accounts' }).click();
  const [signIn] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Sign in with the browser' }).click(),
  ]);
  await signIn.getByRole('radio', { name: /Pat Partner-Admin/ }).check();
  await signIn.getByRole('button', { name: 'Next' }).click();
  await signIn.getByRole('button', { name: 'Accept' }).click();
  await signIn.getByText('You are signed in').waitFor();
  await signIn.close();

  await page.getByRole('tab', { name: 'Customers', exact: true }).click();
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: /^GDAP:/ }).check();
  await dialog.getByRole('textbox', { name: 'Tenant ID or domain' }).fill('northwindtraders.onmicrosoft.com');
  await dialog.getByRole('button', { name: 'Find tenant' }).click();
  await dialog.getByRole('region', { name: 'Tenant found' }).waitFor();
  // Let the buttons finish their colour transition (the one clicked was "Find tenant", busy).
  await dialog.getByRole('button', { name: 'Add this customer' }).hover();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(600);
  await page.screenshot({ path: out });
  console.log(`Saved ${out}`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
