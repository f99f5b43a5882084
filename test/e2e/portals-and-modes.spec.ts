import type { Page } from '@playwright/test';
import { expect, signInOnSandboxPage, test } from './host';

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';

async function addContoso(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Contoso Ltd');
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill(CONTOSO);
  await dialog.getByRole('radio', { name: /^GDAP:/ }).check();
  await dialog.getByRole('button', { name: 'Add customer' }).click();
}

test('every portal of a customer opens in its tenant, from the customer page', async ({
  page,
  context,
  host,
}) => {
  // The real portals are out of reach here: answer for them at the browser edge, and look at the URLs.
  await context.route(
    /^https:\/\/(security|entra|intune|purview)\.microsoft\.com\/.*|^https:\/\/portal\.azure\.com\/.*/,
    (route) => route.fulfill({ body: '<title>Portal stand-in</title>' }),
  );
  await page.goto(host.url);
  await addContoso(page);
  await page.locator(`[data-tenant="${CONTOSO}"]`).getByText('Contoso Ltd', { exact: true }).click();
  const detail = page.getByTestId('customer-detail');
  const expected: Array<[RegExp, string]> = [
    [/Defender/, `https://security.microsoft.com/?tid=${CONTOSO}`],
    [/Entra/, `https://entra.microsoft.com/${CONTOSO}/#home`],
    [/Intune/, `https://intune.microsoft.com/${CONTOSO}`],
    [/Azure portal/, `https://portal.azure.com/${CONTOSO}/`],
    [/Purview/, `https://purview.microsoft.com/?tid=${CONTOSO}`],
  ];
  for (const [name, url] of expected) {
    await detail.getByRole('button', { name: 'Other portals and ways to open' }).click();
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('menuitem', { name }).click(),
    ]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(url);
    await tab.close();
  }
  // Exchange needs the customer's domain, known after a sync: said, and nothing opens.
  await detail.getByRole('button', { name: 'Other portals and ways to open' }).click();
  await page.getByRole('menuitem', { name: /Exchange/ }).click();
  await expect(detail.getByTestId('launch-menu-result')).toContainText(/domain/);
});

test.describe('launch modes', () => {
  test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

  test('a launch mode per account: a bad profile folder is refused, a browser profile is kept, and a missing browser is said', async ({
    page,
    host,
  }) => {
    await page.goto(host.url);
    await signInOnSandboxPage(page, /Ada Analyst/);
    const editor = page.getByTestId('launch-mode');
    await expect(editor).toContainText('Now: the default browser.');
    // The browser host has no app windows: that mode is not offered.
    await editor.getByRole('combobox', { name: 'Launches open in' }).click();
    await expect(page.getByRole('option')).toHaveText(['Default browser', 'Browser profile']);
    await page.getByRole('option', { name: 'Browser profile' }).click();
    await editor.getByRole('textbox', { name: 'Profile folder' }).fill('../Default');
    await editor.getByRole('button', { name: 'Save launch mode' }).click();
    await expect(editor).toContainText('A profile folder name is like "Default" or "Profile 2"');
    await editor.getByRole('textbox', { name: 'Profile folder' }).fill('Profile 2');
    await editor.getByRole('button', { name: 'Save launch mode' }).click();
    await expect(editor).toContainText(
      'Saved: this account\'s launches open in Microsoft Edge, profile "Profile 2".',
    );

    await page.reload();
    await page.getByRole('tab', { name: 'Accounts' }).click();
    await expect(page.getByTestId('launch-mode')).toContainText('Now: Microsoft Edge, profile "Profile 2".');

    // This machine has no Edge: the launch says so and what to do, and no tab opens.
    await page.getByRole('tab', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('Fabrikam');
    await page
      .locator('[data-tenant]')
      .first()
      .getByRole('button', { name: /Launch Security Copilot for Fabrikam/ })
      .click();
    await expect(page.getByText(/Microsoft Edge was not found on this computer/).first()).toBeVisible();
  });
});
