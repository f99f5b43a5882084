import fs from 'node:fs';
import path from 'node:path';
import { expect, signInOnSandboxPage, syncDirectoryAs, test } from './host';

// A read that fails is said where its data would have been, with Retry, and never silently dropped
// (renderer/src/app/bridge/use-command.ts, renderer/src/components/CommandError.tsx). The wording of
// each failure is test/e2e/graph-failures.spec.ts's business; here, where it shows and what Retry does.
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

test('open offers before signing in: why, in place of the list; signed in elsewhere, Retry shows them', async ({
  page,
  context,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'Open offers' }).click();

  const failure = page.getByTestId('command-error');
  await expect(failure).toHaveCount(1);
  await expect(failure).toContainText('Could not read the open offers');
  await expect(failure).toContainText(/Sign in/);
  // No list and no "No open offers." that would pass for an answer.
  await expect(page.getByRole('list', { name: 'Open offers' })).toHaveCount(0);
  await expect(page.getByText('No open offers.')).toHaveCount(0);

  // Retry while still signed out: asked again, and the reason is still there (not dropped).
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(failure.getByRole('button', { name: 'Retry' })).toBeEnabled();
  await expect(failure).toContainText(/Sign in/);
  await expect(page.getByRole('list', { name: 'Open offers' })).toHaveCount(0);

  // Signed in from a second window of the same Switchboard; this one still shows the failure until Retry.
  const other = await context.newPage();
  await other.goto(host.url);
  await signInOnSandboxPage(other, /Pat Partner-Admin/);
  await other.close();
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('command-error')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Open offers' })).toBeVisible();
});

test('a Graph read that keeps failing in the access check: said there, under its search, and kept on Retry', async ({
  page,
  host,
  dataDir,
}) => {
  test.setTimeout(90_000);
  // Graph answers every partner-user read with 503, slowly (retried by the app, then given up).
  fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'sandbox', 'faults.json'),
    JSON.stringify([
      // Slow as well, so the read in flight can be seen.
      { match: '/graph/v1.0/users', method: 'GET', kind: 'latency', latencyMs: 500 },
      { match: '/graph/v1.0/users', method: 'GET', kind: '503', retryAfterSeconds: 0 },
    ]),
  );
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);

  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Tailspin Toys');
  await page.locator('[data-tenant]').first().getByText('Tailspin Toys', { exact: true }).click();
  const check = page.getByTestId('customer-detail').getByTestId('access-check');
  await check.getByRole('combobox').fill('Ada');

  // The failure is inside the access check, under the search it belongs to, with the reason.
  const failure = check.getByTestId('command-error');
  await expect(failure).toContainText('Could not find partner users', { timeout: 30_000 });
  await expect(failure).not.toHaveText(/^\s*Could not find partner usersRetry\s*$/);
  await check.getByRole('combobox').press('ArrowDown');
  await expect(page.getByRole('option', { name: /Ada Analyst/ })).toHaveCount(0);

  // Retry asks Graph again; it fails again, and says so again rather than showing an empty list.
  await failure.getByRole('button', { name: 'Retry' }).click();
  // While it asks, the reason stays on screen and the button says it is retrying.
  await expect(failure.getByRole('button', { name: 'Retrying…' })).toBeDisabled();
  await expect(failure).toContainText('Could not find partner users');
  await expect(failure.getByRole('button', { name: 'Retry' })).toBeEnabled({ timeout: 30_000 });
  await expect(failure).toContainText('Could not find partner users');
});
