// Runs every test suite (vitest: unit, integration, sandbox; Playwright: end to end in Chromium and the
// Electron shell) and prints the one summary line CI reads: `N passed, N failed`. Each runner writes a
// JSON report; a runner that dies without one counts as a failure, so a crash can never look green.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reports = '.test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const extra = process.argv.slice(2);

/** @param {string} label @param {string[]} args */
function run(label, args) {
  console.log(`\n=== ${label}: npx ${args.join(' ')}`);
  const result = spawnSync(npx, args, { stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

/** @param {string} file */
function readReport(file) {
  const path = join(reports, file);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

const vitestExit = run('Unit, integration and sandbox tests (vitest)', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reports}/vitest.json`,
  ...extra,
]);
const vitest = readReport('vitest.json');
if (vitest === undefined) {
  totals.failed += 1;
  lines.push(`vitest: no report (exit code ${vitestExit}); counted as 1 failure`);
} else {
  const failed = vitest.numFailedTests + (vitestExit !== 0 && vitest.numFailedTests === 0 ? 1 : 0);
  totals.passed += vitest.numPassedTests;
  totals.failed += failed;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  lines.push(
    `vitest: ${vitest.numPassedTests} passed, ${failed} failed, ${vitest.numPendingTests + vitest.numTodoTests} skipped`,
  );
}

const playwrightExit = run('End-to-end tests (Playwright, Chromium + Electron)', ['playwright', 'test']);
const playwright = readReport('playwright.json');
if (playwright === undefined) {
  totals.failed += 1;
  lines.push(`playwright: no report (exit code ${playwrightExit}); counted as 1 failure`);
} else {
  const { expected, unexpected, flaky, skipped } = playwright.stats;
  const setupErrors = (playwright.errors ?? []).length;
  const failed = unexpected + setupErrors + (playwrightExit !== 0 && unexpected + setupErrors === 0 ? 1 : 0);
  totals.passed += expected + flaky;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`playwright: ${expected + flaky} passed (${flaky} flaky), ${failed} failed, ${skipped} skipped`);
}

console.log('\n=== Summary');
for (const line of lines) console.log(line);
if (totals.skipped > 0) console.log(`${totals.skipped} skipped (see the reasons above)`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
