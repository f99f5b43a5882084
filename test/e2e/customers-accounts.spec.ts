import type { Page } from '@playwright/test';
import { expect, signInOnSandboxPage, test } from './host';

// Issue 13, tried as a new user would: add a customer by its domain, paste tenant IDs as they come,
// names that would display as something else, the device code and a cancelled sign-in, and launching
// as the right one of several partner accounts. The sandbox cloud, driven by labels and visible text.
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function openAddCustomer(page: Page) {
  await page.getByRole('tab', { name: 'Customers', exact: true }).click();
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  return page.getByRole('dialog');
}

test('add a customer by domain: the tenant is found, shown with its ID to confirm, then added', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  // Before signing in, a domain cannot be looked up: said, with the way round it.
  let dialog = await openAddCustomer(page);
  await dialog.getByRole('textbox', { name: 'Tenant ID or domain' }).fill('fabrikam.onmicrosoft.com');
  await dialog.getByRole('button', { name: 'Find tenant' }).click();
  await expect(dialog.getByText(/needs a signed-in partner account/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  dialog = await openAddCustomer(page);
  const tenantBox = dialog.getByRole('textbox', { name: 'Tenant ID or domain' });
  await dialog.getByRole('radio', { name: /^GDAP:/ }).check();

  // A domain no tenant uses, and a URL that names no tenant: each said plainly.
  await tenantBox.fill('no-such-customer.example.com');
  await dialog.getByRole('button', { name: 'Find tenant' }).click();
  await expect(
    dialog.getByText(/No Microsoft Entra tenant uses the domain no-such-customer\.example\.com/),
  ).toBeVisible();
  await tenantBox.fill('https://portal.azure.com/#home');
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await expect(dialog.getByText(/This is a URL: paste the tenant ID or a domain/)).toBeVisible();
  await expect(dialog.getByText(/looks like a domain name/)).toHaveCount(0);

  // Typed as a hurried person types it: capitals, spaces.
  await tenantBox.fill('  Fabrikam.ONMICROSOFT.com ');
  await dialog.getByRole('button', { name: 'Find tenant' }).click();
  const found = dialog.getByRole('region', { name: 'Tenant found' });
  await expect(found).toContainText('fabrikam.onmicrosoft.com belongs to this tenant');
  await expect(found.getByText('Fabrikam', { exact: true }).first()).toBeVisible();
  const tenantId = (await found.locator('dd').nth(1).textContent()) ?? '';
  expect(tenantId).toMatch(GUID);
  // Nothing is added until the person confirms.
  await expect(page.locator('[data-tenant]')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Add this customer' }).click();
  await expect(dialog).toBeHidden();
  const row = page.locator(`[data-tenant="${tenantId}"]`);
  await expect(row).toContainText('Fabrikam');
  await expect(row).toContainText(tenantId);

  // "Not this tenant" goes back with everything typed kept; a portal URL with the tenant in it is
  // taken as that tenant's ID (here a second entry for the same tenant is refused by name).
  dialog = await openAddCustomer(page);
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Northwind');
  await dialog.getByRole('radio', { name: /^B2B guest/ }).check();
  await dialog.getByRole('textbox', { name: 'Tenant ID or domain' }).fill('northwindtraders.onmicrosoft.com');
  await dialog.getByRole('button', { name: 'Find tenant' }).click();
  await expect(dialog.getByRole('region', { name: 'Tenant found' })).toContainText('Northwind Traders');
  await expect(dialog.getByRole('region', { name: 'Tenant found' })).toContainText('Added as');
  await dialog.getByRole('button', { name: 'Not this tenant' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Customer name' })).toHaveValue('Northwind');
  await dialog
    .getByRole('textbox', { name: 'Tenant ID or domain' })
    .fill(`https://portal.azure.com/#@${tenantId.toUpperCase()}/resource/overview`);
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await expect(dialog.getByText(/already in your list as "Fabrikam"/)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Tenant ID or domain' }).fill(`{${tenantId}}`);
  await dialog.getByRole('textbox', { name: 'Customer name' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Tenant ID or domain' })).toHaveValue(tenantId);
});

test('a customer name with a direction control or nothing visible is refused with the reason', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  const dialog = await openAddCustomer(page);
  await dialog
    .getByRole('textbox', { name: 'Tenant ID or domain' })
    .fill('72f988bf-86f1-41af-91ab-2d7cd011db47');
  await dialog.getByRole('radio', { name: /^GDAP:/ }).check();
  for (const [name, reason] of [
    ['Acme \u202E gnp.exe', /The customer’s name contains the invisible direction control U\+202E/],
    ['Acme\u2067 Ltd', /invisible direction control U\+2067/],
    ['\u200B\u200B', /has no visible characters/],
  ] as const) {
    await dialog.getByRole('textbox', { name: 'Customer name' }).fill(name);
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await expect(dialog.getByText(reason)).toBeVisible();
  }
  await expect(page.locator('[data-tenant]')).toHaveCount(0);
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Acme Ltd');
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await expect(page.locator('[data-tenant]')).toContainText('Acme Ltd');
});

test('device code: copy it in one click; a sign-in in progress can be cancelled; Sign out names the account', async ({
  page,
  context,
  host,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Accounts' }).click();

  await page.getByRole('button', { name: 'Sign in with a code' }).click();
  const code = page.getByLabel('Sign-in code');
  await expect(code).toHaveText(/\S{6,}/);
  const userCode = (await code.textContent()) ?? '';
  await page.getByRole('button', { name: `Copy the code ${userCode}` }).click();
  await expect(page.getByRole('button', { name: `Copy the code ${userCode}` })).toHaveText('Copied');
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(userCode);

  await page.getByRole('button', { name: 'Cancel sign-in' }).click();
  await expect(page.getByText('Sign-in cancelled. Nothing was signed in.')).toBeVisible();
  await expect(page.getByLabel('Sign-in code')).toHaveCount(0);
  await expect(page.getByText('Sign-in problem')).toHaveCount(0);
  await expect(page.getByText('No account is signed in yet.')).toBeVisible();

  // The browser sign-in too: its page is open, the analyst changes their mind.
  const [signInPage] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Sign in with the browser' }).click(),
  ]);
  await expect(signInPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel sign-in' }).click();
  await expect(page.getByText('Sign-in cancelled. Nothing was signed in.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with the browser' })).toBeEnabled();
  await signInPage.close();

  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await signInOnSandboxPage(page, /Ada Analyst/);
  const accounts = page.getByRole('list', { name: 'Signed-in accounts' });
  await expect(accounts.getByRole('listitem')).toHaveCount(2);
  await expect(
    accounts.getByRole('button', { name: 'Sign out pat.admin@contosomssp.onmicrosoft.com' }),
  ).toBeVisible();
  await accounts.getByRole('button', { name: 'Sign out ada.analyst@contosomssp.onmicrosoft.com' }).click();
  await expect(accounts.getByRole('listitem')).toHaveCount(1);
  await expect(accounts).toContainText('pat.admin@contosomssp.onmicrosoft.com');
});

test('with two partner accounts, a launch in the default browser names the account to use and offers its own window', async ({
  page,
  context,
  host,
}) => {
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  const dialog = await openAddCustomer(page);
  await dialog.getByRole('textbox', { name: 'Tenant ID or domain' }).fill('adatum.onmicrosoft.com');
  await dialog.getByRole('radio', { name: /^GDAP:/ }).check();
  await dialog.getByRole('button', { name: 'Find tenant' }).click();
  await dialog.getByRole('button', { name: 'Add this customer' }).click();
  await expect(dialog).toBeHidden();

  // One account: nothing to say.
  const launch = async () => {
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Launch Security Copilot for Adatum' }).click(),
    ]);
    await tab.close();
  };
  await launch();
  await expect(page.getByText('Security Copilot opened for Adatum', { exact: true })).toBeVisible();
  await expect(page.getByTestId('launch-identity')).toHaveCount(0);

  // A second account signs in and becomes the active one: the launch says which account to use.
  await signInOnSandboxPage(page, /Ada Analyst/);
  await page.getByRole('tab', { name: 'Customers', exact: true }).click();
  await launch();
  const notice = page.getByTestId('launch-identity');
  await expect(notice).toContainText(
    'Check the browser is signed in as ada.analyst@contosomssp.onmicrosoft.com',
  );
  await expect(notice).toContainText('2 partner accounts are signed in');
  await notice
    .getByRole('button', {
      name: 'Open ada.analyst@contosomssp.onmicrosoft.com’s launches in a private Microsoft Edge window',
    })
    .click();
  await expect(notice).toContainText(
    'From now on, launches as ada.analyst@contosomssp.onmicrosoft.com open in a private Microsoft Edge window',
  );

  // Accounts shows the mode Ada's launches now use.
  await page.getByRole('tab', { name: 'Accounts' }).click();
  const ada = page.getByRole('listitem', { name: 'ada.analyst@contosomssp.onmicrosoft.com' });
  await expect(ada.getByTestId('launch-mode')).toContainText('Now: a private Microsoft Edge window.');
});
