import { defineConfig } from 'vitest/config';

// Plain-Node suites: unit (pure logic), integration (real SDKs against the sandbox, the browser host's
// server), sandbox (contract tests of the Microsoft cloud sandbox). End-to-end and Electron tests
// run under Playwright (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/sandbox/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
