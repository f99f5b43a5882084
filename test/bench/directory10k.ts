import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { startHost, type RunningHost } from '../e2e/host';
import type { Figures, Scenario } from './run';
import { CHROMIUM_LAUNCH_OPTIONS } from '../e2e/chromium';

/** Counted page loads per size; one more per size first warms the host (file cache, JIT). */
const RUNS = 7;
const BASELINE_COUNT = 10;
const LARGE_COUNT = 10_000;

/** A customers.json with `count` customers, as the app itself writes it. */
function writeCustomers(dataDir: string, count: number): void {
  const customers = Array.from({ length: count }, (_, i) => ({
    tenantId: `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    displayName: `Customer ${i} ${['Contoso', 'Fabrikam', 'Northwind', 'Woodgrove', 'Adatum'][i % 5]}`,
    accessPath: (['gdap', 'b2b', 'both'] as const)[i % 3],
    tags: i % 7 === 0 ? ['tier-1', 'eu'] : ['retail'],
    notes: '',
    source: 'manual',
    addedAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  }));
  fs.writeFileSync(path.join(dataDir, 'customers.json'), JSON.stringify({ schemaVersion: 1, customers }));
}

/**
 * Runs in the page before its own scripts. Once a frame is about to show the customers table holding
 * all `count` customers with a row in it, records when that frame has been painted (a message posted
 * from requestAnimationFrame arrives after the paint), in ms since navigation start.
 */
function measureInPage(count: number): string {
  return `(() => {
    const selector = 'table[aria-rowcount="${count + 1}"] [data-tenant]';
    const check = () => {
      if (!document.querySelector(selector)) return requestAnimationFrame(check);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__directoryShownMs = performance.now(); };
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(check);
  })()`;
}

/** ms from navigation start to the first painted frame of a customers view holding `count` customers. */
async function loadOnce(browser: Browser, host: RunningHost, count: number): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  try {
    await page.addInitScript(measureInPage(count));
    await page.goto(host.url);
    // Asked from here every 100 ms, not polled in the page (the page's own work is what is measured;
    // its content security policy also refuses Playwright's in-page polling).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const shown = (await page.evaluate('window.__directoryShownMs')) as number | undefined;
      if (typeof shown === 'number') return shown;
      if (Date.now() > deadline) throw new Error(`The customers view never showed ${count} customers.`);
      await page.waitForTimeout(100);
    }
  } finally {
    await page.close();
  }
}

function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * The same page and steps for both sizes: open the browser host's address, wait for the customers
 * view to show its first rows. What differs is only how many customers the host has.
 *
 * How it is measured, and why:
 * - Both hosts run side by side and the page loads alternate between them (10, 10,000, 10,000, 10,
 *   ...), so a burst of load from something else on this shared machine falls on both sizes alike
 *   instead of on whichever size happened to be measured at that moment; ratioToBaseline comes from
 *   this one run.
 * - The time is taken in the page (navigation start to the painted frame, see measureInPage), not
 *   around Playwright's page.goto and locator polling: that polling added 50-350 ms of its own,
 *   different from load to load, to both sizes.
 */
export const directory10k: Scenario = {
  name: 'directory10k',
  describe: 'from navigation to a rendered customers view with 10,000 customers cached, in Chromium',
  async run(): Promise<Figures> {
    const dirs = [BASELINE_COUNT, LARGE_COUNT].map((count) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
      writeCustomers(dir, count);
      return dir;
    });
    const hosts: RunningHost[] = [];
    const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
    try {
      for (const dir of dirs) hosts.push(await startHost(dir));
      const [small, large] = hosts as [RunningHost, RunningHost];
      await loadOnce(browser, small, BASELINE_COUNT);
      await loadOnce(browser, large, LARGE_COUNT);
      const baseline: number[] = [];
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // ABBA order: neither size is always the one measured first.
        const order = run % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
        for (const size of order) {
          if (size === 'small') baseline.push(await loadOnce(browser, small, BASELINE_COUNT));
          else times.push(await loadOnce(browser, large, LARGE_COUNT));
        }
      }
      const renderMs = median(times);
      const baselineMs = median(baseline);
      return { renderMs, baselineRenderMs10: baselineMs, ratioToBaseline: renderMs / baselineMs };
    } finally {
      await browser.close();
      for (const host of hosts) await host.stop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
