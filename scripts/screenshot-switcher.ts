/**
 * `npx tsx scripts/screenshot-switcher.ts` (after `vite build`): the path each customer is reached
 * by, saved in docs/screenshots/: the switcher saying per customer "via GDAP", "GDAP + guest", "no
 * access", "accept invite first" and "(set by hand)" (switcher.png); the same switcher after Enter on
 * the customer Ada is only invited to, telling her to accept first, with the link
 * (switcher-accept-first.png); and the customers list with each customer's path in words
 * (customers.png). Starts the browser host on a scratch data folder with the sandbox state of the
 * e2e test (test/e2e/access-paths-seed.ts): Pat invites Ada, Ada signs in, syncs and reads every
 * customer's guest accounts. scripts/screenshots.ts takes switcher.png and customers.png too (as Ada,
 * without guest accounts read): whichever ran last is in the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../test/e2e/chromium';
import { customerRow, inviteAdaAsPat, seedAccessPaths } from '../test/e2e/access-paths-seed';
import { signInOnSandboxPage, startHost, syncDirectoryAs, writeSettings } from '../test/e2e/host';

const dir = path.resolve('docs/screenshots');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shot-switcher-'));
writeSettings(dataDir, 'sandbox');
const seeded = seedAccessPaths(dataDir);
const host = await startHost(dataDir);
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
try {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 820 },
    ignoreHTTPSErrors: true,
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  await inviteAdaAsPat(page, seeded.invitedTo);
  await page.getByRole('button', { name: 'Close details' }).click();

  await signInOnSandboxPage(page, /Ada Analyst/);
  await syncDirectoryAs(page, /read as ada\.analyst/);
  // Every customer's guest accounts that Ada can read (through her GDAP paths).
  await page.getByRole('tab', { name: 'Access matrix' }).click();
  const readAll = page.getByRole('button', { name: 'Read guests from every customer' });
  await readAll.click();
  // Its button is off while the guests are read (tens of customers), and back on when done.
  const deadline = Date.now() + 120_000;
  await page.waitForTimeout(500);
  while ((await readAll.isDisabled()) && Date.now() < deadline) await page.waitForTimeout(250);
  await page.getByRole('tab', { name: 'Customers' }).click();
  // A customer added by hand, nothing read about it yet: its path is said to be set by hand.
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Contoso Ltd (guest access)');
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill('72f988bf-86f1-41af-91ab-2d7cd011db47');
  await dialog.getByRole('radio', { name: /^B2B guest/ }).check();
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await dialog.waitFor({ state: 'detached' });
  // Pinned, so the switcher lists it first.
  await page.getByRole('button', { name: 'Favourite Contoso Ltd (guest access)', exact: true }).click();
  // The guest accounts read are in the list (Ada is also a guest where she has GDAP); her page for one.
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(seeded.both);
  await customerRow(page, seeded.both).getByText('GDAP + guest').waitFor({ timeout: 30_000 });
  await customerRow(page, seeded.both).getByText(seeded.both, { exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('');
  // The expiry alert's toast leaves after 15 seconds; the pages are taken without it.
  await page.locator('.fui-Toast').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(dir, 'customers.png') });

  await page.getByRole('button', { name: 'Close details' }).click();
  await page.keyboard.press('Control+K');
  const switcher = page.getByRole('dialog', { name: 'Switch tenant' });
  const box = switcher.getByRole('combobox', { name: 'Find a customer' });
  await box.waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, 'switcher.png') });

  await box.fill(seeded.invitedTo);
  await page.keyboard.press('Enter');
  await switcher.getByTestId('accept-first').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, 'switcher-accept-first.png') });
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
