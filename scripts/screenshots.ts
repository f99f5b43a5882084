/**
 * `npm run screenshots`: starts the browser host on a scratch data folder with the sandbox cloud,
 * signs in as the sample analyst, syncs the directory, adds a customer by hand, and saves the
 * screens the README shows to docs/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../test/e2e/chromium';
import { startHost } from '../test/e2e/host';

const out = path.resolve('docs/screenshots');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shots-'));
const host = await startHost(dataDir);
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
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
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill('https://portal.azure.com/#home');
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await page.screenshot({ path: path.join(out, 'add-customer-error.png') });
  // A domain instead: the tenant found, with its name and ID to confirm (scripts/screenshot-add-by-domain.ts).
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill('adatum.onmicrosoft.com');
  await dialog.getByRole('button', { name: 'Find tenant' }).click();
  await dialog.getByRole('region', { name: 'Tenant found' }).waitFor();
  await page.screenshot({ path: path.join(out, 'add-customer-by-domain.png') });
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

  // The tenant switcher (Ctrl+K): the favourite and the recent launch first; the highlighted row
  // shows the tenant ID Enter opens in.
  await page.keyboard.press('Control+K');
  const switcher = page.getByRole('dialog', { name: 'Switch tenant' });
  await switcher.getByRole('combobox', { name: 'Find a customer' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'switcher.png') });
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: 'Plugins' }).click();
  await page.screenshot({ path: path.join(out, 'plugins.png') });
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Save settings' }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'settings.png') });

  // GDAP, as the partner admin (an Admin agent) works it: a second account, then sync as Pat.
  await page.getByRole('tab', { name: 'Accounts' }).click();
  const [patSignIn] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Sign in with the browser' }).click(),
  ]);
  await patSignIn.getByRole('radio', { name: /Pat Partner-Admin/ }).check();
  await patSignIn.getByRole('button', { name: 'Next' }).click();
  await patSignIn.getByRole('button', { name: 'Accept' }).click();
  await patSignIn.getByText('You are signed in').waitFor();
  await patSignIn.close();
  await page.getByRole('list', { name: 'Signed-in accounts' }).getByText('pat.admin').first().waitFor();
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page
    .getByTestId('directory-age')
    .getByText(/read as pat\.admin/)
    .waitFor();

  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Tailspin Toys');
  await page.locator('[data-tenant]').first().getByText('Tailspin Toys', { exact: true }).click();
  const detail = page.getByTestId('customer-detail');
  await detail.getByRole('button', { name: 'New relationship' }).click();
  const create = page.getByRole('dialog', { name: 'New GDAP relationship' });
  await create.getByRole('checkbox', { name: /Global Administrator/ }).check();
  await create.getByText(/cannot auto-extend/).waitFor();
  await page.screenshot({ path: path.join(out, 'gdap-create.png') });
  await create.getByRole('checkbox', { name: /Global Administrator/ }).uncheck();
  await create.getByRole('button', { name: 'Create relationship' }).click();
  await detail.getByRole('button', { name: 'Lock for approval' }).click();
  const approval = page.getByRole('dialog', { name: 'Customer approval' });
  await approval.getByTestId('approval-link').waitFor();
  await page.screenshot({ path: path.join(out, 'gdap-approval.png') });
  await approval.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Northwind Traders');
  await page.locator('[data-tenant]').first().getByText('Northwind Traders', { exact: true }).click();
  const check = page.getByTestId('access-check');
  await check.getByRole('combobox').fill('Ada');
  await check.getByRole('combobox').press('ArrowDown');
  await page.getByRole('option', { name: /Ada Analyst/ }).click();
  await check.getByRole('button', { name: 'Check access' }).click();
  await check.locator('[data-verdict]').waitFor();
  await check.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'gdap-access-check.png') });

  await page.getByRole('tab', { name: 'GDAP' }).click();
  await page.getByRole('tab', { name: 'Expiring' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'gdap-expiring.png') });
  await page.getByRole('tab', { name: 'Bulk changes' }).click();
  await page.getByRole('button', { name: /^Pick all \d+ shown$/ }).click();
  await page.getByRole('button', { name: 'Plan' }).click();
  await page.getByRole('table', { name: 'Bulk plan' }).waitFor();
  await page.screenshot({ path: path.join(out, 'gdap-bulk-plan.png') });
  await page.getByRole('tab', { name: 'Audit' }).click();
  await page.getByRole('table', { name: 'Audit trail' }).waitFor();
  await page.screenshot({ path: path.join(out, 'audit.png') });
  console.log(`Saved screenshots to ${out}`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
