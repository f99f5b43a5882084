import { expect, test } from './host';

test('the plugin reference is in the main navigation, searchable, and readable without colour', async ({
  page,
  context,
  host,
}) => {
  // Nothing in this path may fetch: any request leaving the browser host fails the test.
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== host.origin) {
      outside.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Plugins' }).click();
  await expect(page.getByRole('heading', { name: 'Security Copilot plugins and GDAP' })).toBeVisible();
  await expect(page.getByText(/as of 2026-11-22/)).toBeVisible();
  await expect(page.getByText(/Grant partners access to Microsoft Copilot for Security/)).toBeVisible();

  const rows = page.getByTestId('plugin-table').locator('[data-plugin]');
  await expect(rows).toHaveCount(8);
  await page.getByRole('searchbox', { name: 'Search plugins' }).fill('sentinel');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-plugin="sentinel"]')).toContainText('No');
  await page.getByRole('searchbox', { name: 'Search plugins' }).fill('entra');
  await expect(page.locator('[data-plugin="entra"]')).toContainText('Partly');
  await expect(page.locator('[data-plugin="entra"]')).toContainText(
    'Overall, no, but a few capabilities work.',
  );
  await page.getByRole('searchbox', { name: 'Search plugins' }).fill('intune');
  await expect(page.locator('[data-plugin="intune"] [data-support="yes"]')).toHaveText('Yes');

  await expect(page.getByTestId('comparison-table')).toContainText(
    'The tenant ID must be manually added to the Security Copilot URL.',
  );
  expect(outside.filter((u) => !u.startsWith('https://learn.microsoft.com'))).toEqual([]);
});
