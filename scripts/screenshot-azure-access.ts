/**
 * `npx tsx scripts/screenshot-azure-access.ts` (after `vite build`): the Copilot in Azure panel for
 * one customer with a change planned, saved as docs/screenshots/azure-access.png. Starts the browser
 * host on a scratch data folder whose sandbox is seeded as the e2e test seeds it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { seedAzureAccessSandbox } from '../test/e2e/azure-access-seed';
import { CHROMIUM_LAUNCH_OPTIONS } from '../test/e2e/chromium';
import { startHost, writeSettings } from '../test/e2e/host';

const out = path.resolve('docs/screenshots/azure-access.png');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shot-azure-'));
writeSettings(dataDir, 'sandbox');
const seed = seedAzureAccessSandbox(dataDir);
const host = await startHost(dataDir);
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
try {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
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
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page
    .getByTestId('directory-age')
    .getByText(/pat\.admin/)
    .waitFor();

  await page.getByRole('tab', { name: 'Copilot in Azure' }).click();
  await page.getByRole('combobox', { name: 'Tenant' }).click();
  await page.getByRole('option', { name: seed.customerName, exact: true }).click();
  await page.getByTestId('copilot-panel').getByText('Global Administrator here').waitFor();
  await page.getByRole('button', { name: 'Read with temporary elevation' }).click();
  await page.getByText(/Read with temporary elevation: Switchboard elevated/).waitFor();
  await page.getByRole('radio', { name: /^Restrict to holders/ }).check();
  await page.getByRole('searchbox', { name: 'Find users or groups' }).fill('azure');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByRole('button', { name: 'Grant Azure Operators' }).click();
  await page.getByRole('button', { name: 'Review the plan' }).click();
  await page.getByTestId('copilot-plan').waitFor();
  await page.screenshot({ path: out });
  console.log(`Saved ${out}`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
