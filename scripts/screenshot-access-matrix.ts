/**
 * `npx tsx scripts/screenshot-access-matrix.ts` (after `vite build`): starts the browser host on a
 * scratch data folder with the sandbox cloud, signs in as the sample analyst, syncs the directory,
 * reads every customer's guests and saves the access matrix as docs/screenshots/access-matrix.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../test/e2e/chromium';
import { signInOnSandboxPage, startHost, syncDirectoryAs, writeSettings } from '../test/e2e/host';

const out = path.resolve('docs/screenshots/access-matrix.png');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shots-matrix-'));
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
  await signInOnSandboxPage(page, /Ada Analyst/);
  await syncDirectoryAs(page, /read as ada\.analyst/);
  await page.getByRole('tab', { name: 'Access matrix' }).click();
  const read = page.getByRole('button', { name: 'Read guests from every customer' });
  await read.click();
  await page.waitForTimeout(500);
  while (await read.isDisabled()) await page.waitForTimeout(300);
  await page
    .getByRole('gridcell', { name: /Ada Analyst: GDAP \+ guest/ })
    .first()
    .waitFor();
  // The expiry toast of the sample data fades after 15 s; the matrix is what this picture is of.
  await page
    .getByText(/about to end/)
    .first()
    .waitFor({ state: 'hidden', timeout: 30_000 })
    .catch(() => undefined);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out });
  console.log(`Wrote ${out}`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
