import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './test/e2e/chromium';

// End-to-end tests drive the real app in Debian's Chromium through the browser host (test/e2e), and
// the Electron shell through Playwright's _electron where a runtime exists (test/electron). No browser
// is downloaded: Debian's /usr/bin/chromium is used (docs/architecture.md, Testing without Electron).
export default defineConfig({
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list'], ['json', { outputFile: '.test-reports/playwright.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'e2e', testDir: './test/e2e', testMatch: '**/*.spec.ts' },
    { name: 'electron', testDir: './test/electron', testMatch: '**/*.spec.ts' },
  ],
});
