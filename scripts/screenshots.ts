/**
 * `npm run screenshots`: starts the browser host on a scratch data folder with the sandbox cloud,
 * signs in as the sample analyst, syncs the directory, adds a customer by hand, and saves the
 * screens the README shows to docs/screenshots/.
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
  // The browser accepts the sandbox's certificate, as the analyst's would after trusting its CA.
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
  await signIn.getByRole('radio', { name: /Ada Analyst/ }).waitFor();
  await signIn.screenshot({ path: path.join(out, 'sandbox-sign-in.png') });
  await signIn.getByRole('radio', { name: /Ada Analyst/ }).check();
  await signIn.getByRole('button', { name: 'Next' }).click();
  await signIn.getByRole('button', { name: 'Accept' }).click();
  await signIn.getByText('You are signed in').waitFor();
  await signIn.close();
  await page.getByRole('list', { name: 'Signed-in accounts' }).getByText('ada.analyst').first().waitFor();
  await page.screenshot({ path: path.join(out, 'accounts.png') });

  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page
    .getByTestId('directory-age')
    .getByText(/just now/)
    .waitFor();
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Contoso Ltd (guest access)');
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill('72f988bf-86f1-41af-91ab-2d7cd011db47');
  await dialog.getByRole('radio', { name: /^B2B guest/ }).check();
  await dialog.getByRole('textbox', { name: 'Tags' }).fill('retail, tier-1');
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Favourite Fabrikam', exact: true }).click();
  await page.waitForTimeout(4500);
  await page.locator('[data-gdap-note="ending-soon"]').first().click();
  await page.screenshot({ path: path.join(out, 'customers.png') });

  await page.getByRole('button', { name: 'Add customer' }).first().click();
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Adatum');
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill('adatum.onmicrosoft.com');
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await page.screenshot({ path: path.join(out, 'add-customer-error.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Fabrikam');
  const [copilot] = await Promise.all([
    context.waitForEvent('page'),
    page
      .getByRole('button', { name: /Launch Security Copilot for Fabrikam/ })
      .first()
      .click(),
  ]);
  await copilot.locator('[data-roles]').waitFor();
  await copilot.setViewportSize({ width: 900, height: 720 });
  await copilot.screenshot({ path: path.join(out, 'sandbox-security-copilot.png') });
  await copilot.close();

  await page.getByRole('tab', { name: 'Plugins' }).click();
  await page.screenshot({ path: path.join(out, 'plugins.png') });
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Save settings' }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'settings.png') });
  console.log(`Saved screenshots to ${out}`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
