/**
 * `npm run screenshots`: starts the browser host on a scratch data folder, fills it with a few
 * customers through the UI, and saves the screens the README shows to docs/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startHost } from '../test/e2e/host';

const out = path.resolve('docs/screenshots');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shots-'));
const host = await startHost(dataDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(host.url);
  const customers: ReadonlyArray<[string, string, RegExp, string]> = [
    ['Contoso Ltd', '72f988bf-86f1-41af-91ab-2d7cd011db47', /^GDAP:/, 'retail, tier-1'],
    ['Fabrikam Inc', '0b8f6c3e-1d2a-4e5f-9a7b-3c4d5e6f7a8b', /^B2B guest/, 'manufacturing'],
    ['Northwind Traders', '5d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6', /^GDAP and B2B/, 'logistics, eu'],
    ['Woodgrove Bank', 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', /^GDAP:/, 'finance, tier-1'],
  ];
  for (const [name, tenant, access, tags] of customers) {
    await page.getByRole('button', { name: 'Add customer' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Customer name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill(tenant);
    await dialog.getByRole('radio', { name: access }).check();
    await dialog.getByRole('textbox', { name: 'Tags' }).fill(tags);
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  await page.waitForTimeout(4500);
  await page.locator('[data-tenant="72f988bf-86f1-41af-91ab-2d7cd011db47"]').getByText('Contoso Ltd').click();
  await page.screenshot({ path: path.join(out, 'customers.png') });

  await page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Adatum');
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill('adatum.onmicrosoft.com');
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await page.screenshot({ path: path.join(out, 'add-customer-error.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'Plugins' }).click();
  await page.screenshot({ path: path.join(out, 'plugins.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /^Microsoft public cloud/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).focus();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'settings.png') });
  console.log(`Saved screenshots to ${out}`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
