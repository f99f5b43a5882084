/**
 * `npx tsx scripts/screenshot-gdap.ts` (after `vite build`): issue 13's GDAP screens, saved in
 * docs/screenshots/: the customer page (gdap-customer-page.png: Northwind Traders, access ending soon
 * and checked for Ada Analyst, amber), every relationship in one table filtered to those still holding
 * Global Administrator with one row's actions open (gdap-all-relationships.png), and the new-relationship dialog refusing "P3Y"
 * with Microsoft's rule (gdap-invalid-duration.png). Starts the browser host on a scratch data folder
 * with the sandbox cloud, signs in and syncs as the partner admin, as scripts/screenshots.ts does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../test/e2e/chromium';
import { signInOnSandboxPage, startHost, syncDirectoryAs, writeSettings } from '../test/e2e/host';

const dir = path.resolve('docs/screenshots');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shot-gdap-'));
writeSettings(dataDir, 'sandbox');
const host = await startHost(dataDir);
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
try {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    ignoreHTTPSErrors: true,
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  await page.locator('.fui-Toast').first().waitFor();

  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Northwind Traders');
  await page.locator('[data-tenant]').first().getByText('Northwind Traders', { exact: true }).click();
  const detail = page.getByTestId('customer-detail');
  const check = detail.getByTestId('access-check');
  await check.getByRole('combobox').fill('ada.analyst@contosomssp.onmicrosoft.com');
  await check.getByRole('button', { name: 'Check access' }).click();
  await check.locator('[data-verdict]').waitFor();
  // The expiry alert's toast leaves after 15 seconds; the page is taken without it.
  await page.locator('.fui-Toast').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(dir, 'gdap-customer-page.png') });

  await detail.getByRole('button', { name: 'New relationship' }).click();
  const create = page.getByRole('dialog', { name: 'New GDAP relationship' });
  await create.getByLabel(/^Duration/).fill('P3Y');
  await create.getByText(/"P3Y" is 1095 days/).waitFor();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(dir, 'gdap-invalid-duration.png') });
  await create.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'All relationships' }).click();
  await page.getByRole('checkbox', { name: 'Holds Global Administrator' }).check();
  await page.getByTestId('relationship-count').waitFor();
  await page.getByRole('button', { name: /^Actions for Woodgrove Bank: Woodgrove Bank SOC 4$/ }).click();
  await page.getByRole('menuitem', { name: 'Remove Global Administrator…' }).waitFor();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(dir, 'gdap-all-relationships.png') });
  console.log(
    `Saved gdap-customer-page.png, gdap-invalid-duration.png, gdap-all-relationships.png in ${dir}`,
  );
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
