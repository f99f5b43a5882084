import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startHost, test } from './host';

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';

async function addCustomer(page: Page, name: string, tenant: string, path: RegExp, tags = ''): Promise<void> {
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill(tenant);
  await dialog.getByRole('radio', { name: path }).check();
  if (tags) await dialog.getByRole('textbox', { name: 'Tags' }).fill(tags);
  await dialog.getByRole('button', { name: 'Add customer' }).click();
}

test('add a customer by hand and launch its Security Copilot in the right tenant', async ({
  page,
  context,
  host,
}) => {
  // The real portal is out of reach here: answer for it at the browser edge, and look at the URL.
  await context.route('https://securitycopilot.microsoft.com/**', (route) =>
    route.fulfill({ body: '<title>Security Copilot stand-in</title>' }),
  );
  await page.goto(host.url);
  await expect(page.getByText('No customers yet.')).toBeVisible();

  await addCustomer(page, 'Contoso Ltd', CONTOSO.toUpperCase(), /^GDAP:/, 'retail, tier-1');
  const row = page.locator(`[data-tenant="${CONTOSO}"]`);
  await expect(row).toContainText('Contoso Ltd');
  await expect(row).toContainText(CONTOSO);
  await expect(row).toContainText('GDAP');

  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    row.getByRole('button', { name: 'Launch Security Copilot for Contoso Ltd' }).click(),
  ]);
  await tab.waitForLoadState();
  expect(tab.url()).toBe(`https://securitycopilot.microsoft.com/?tenantId=${CONTOSO}`);
  await expect(page.getByText('Security Copilot opened for Contoso Ltd', { exact: true })).toBeVisible();
});

test('bad tenant IDs are refused with a message that says what a tenant ID looks like, and nothing typed is lost', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Customer name' }).fill('Fabrikam');
  await dialog.getByRole('radio', { name: /^B2B guest/ }).check();
  for (const [bad, reason] of [
    // A domain is looked up instead (test/e2e/customers-accounts.spec.ts); braces are forgiven, not what is inside.
    ['{fabrikam}', /is not a tenant ID/],
    ['', /The tenant ID is empty/],
    [`${CONTOSO}0`, /extra characters after the GUID/],
    ['x&redirect=https://evil.example', /is not a tenant ID/],
  ] as const) {
    await dialog.getByRole('textbox', { name: 'Tenant ID' }).fill(bad);
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await expect(dialog.getByText(reason)).toBeVisible();
    await expect(dialog.getByText(/A tenant ID is a GUID/)).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Customer name' })).toHaveValue('Fabrikam');
  }
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No customers yet.')).toBeVisible();
});

test('a duplicate tenant ID is refused and the existing entry is named', async ({ page, host }) => {
  await page.goto(host.url);
  await addCustomer(page, 'Contoso Ltd', CONTOSO, /^GDAP:/);
  await expect(page.locator(`[data-tenant="${CONTOSO}"]`)).toBeVisible();
  await addCustomer(page, 'Contoso again', CONTOSO, /^B2B guest/);
  await expect(page.getByRole('dialog').getByText(/already in your list as "Contoso Ltd"/)).toBeVisible();
});

test('customers are kept across a restart of the host, and can be searched, edited and removed', async ({
  page,
  dataDir,
  host,
}) => {
  await page.goto(host.url);
  await addCustomer(page, 'Contoso Ltd', CONTOSO, /^GDAP:/, 'retail');
  await addCustomer(page, 'Fabrikam', '11111111-2222-4333-8444-555555555555', /^B2B guest/, 'manufacturing');
  await expect(page.locator('[data-tenant]')).toHaveCount(2);
  await host.stop();

  const again = await startHost(dataDir);
  try {
    await page.goto(again.url);
    await expect(page.locator('[data-tenant]')).toHaveCount(2);
    const search = page.getByRole('searchbox', { name: 'Search customers' });
    await search.fill('manufact');
    await expect(page.locator('[data-tenant]')).toHaveCount(1);
    await expect(page.locator('[data-tenant]')).toContainText('Fabrikam');
    await search.fill('72f988bf');
    await expect(page.locator('[data-tenant]')).toContainText('Contoso Ltd');
    await search.fill('');

    await page.getByRole('button', { name: 'More actions for Fabrikam' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Customer name' }).fill('Fabrikam Inc');
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('[data-tenant="11111111-2222-4333-8444-555555555555"]')).toContainText(
      'Fabrikam Inc',
    );

    await page.getByRole('button', { name: 'More actions for Contoso Ltd' }).click();
    await page.getByRole('menuitem', { name: 'Remove' }).click();
    await expect(page.getByRole('dialog')).toContainText('Nothing changes in the customer’s tenant');
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(page.locator('[data-tenant]')).toHaveCount(1);
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'customers.json'), 'utf8'));
    expect(saved.customers.map((c: { displayName: string }) => c.displayName)).toEqual(['Fabrikam Inc']);
  } finally {
    await again.stop();
  }
});

test('a customer page says which plugins its access path reaches and what to do', async ({ page, host }) => {
  await page.goto(host.url);
  await addCustomer(page, 'Contoso Ltd', CONTOSO, /^GDAP:/);
  await page.locator(`[data-tenant="${CONTOSO}"]`).getByText('Contoso Ltd').click();
  const detail = page.getByTestId('customer-detail');
  await expect(detail.locator('[data-plugin="intune"]')).toContainText('Reached');
  await expect(detail.locator('[data-plugin="entra"]')).toContainText('Partly');
  await expect(detail.locator('[data-plugin="sentinel"]')).toContainText('Not reached');
  await expect(detail.locator('[data-plugin="sentinel"]')).toContainText('Reach Sentinel through B2B');
});

test('a corrupt customer file is moved aside and the user is told where it went', async ({
  page,
  dataDir,
}) => {
  fs.writeFileSync(path.join(dataDir, 'customers.json'), '{"customers": [ {"displayName": "half');
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    const notice = page.locator('[data-notice="store-corrupt-customers"]');
    await expect(notice).toContainText('Your customer list could not be read');
    await expect(notice).toContainText('customers.corrupt-');
    const aside = fs.readdirSync(dataDir).find((f) => f.startsWith('customers.corrupt-'));
    expect(fs.readFileSync(path.join(dataDir, aside ?? ''), 'utf8')).toBe(
      '{"customers": [ {"displayName": "half',
    );
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('the page refuses to work without the per-run secret and says what to open', async ({ page, host }) => {
  await page.goto(host.origin + '/');
  await expect(page.getByText(/opened without its access key/).first()).toBeVisible();
});

test('a long customer list stays light: only the rows in view are in the page, and search and scrolling reach every customer', async ({
  page,
  dataDir,
}) => {
  const hex = (n: number) => n.toString(16).padStart(12, '0');
  const customers = Array.from({ length: 5000 }, (_, i) => ({
    tenantId: `00000000-0000-4000-8000-${hex(i)}`,
    displayName: `Customer ${String(i).padStart(4, '0')}`,
    accessPath: i % 3 === 0 ? 'b2b' : 'gdap',
    tags: i % 10 === 0 ? ['tier-1'] : [],
    notes: '',
    source: 'manual',
    addedAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  }));
  fs.writeFileSync(path.join(dataDir, 'customers.json'), JSON.stringify({ schemaVersion: 1, customers }));
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.locator('[data-tenant="00000000-0000-4000-8000-000000000000"]')).toBeVisible();
    expect(await page.locator('[data-tenant]').count()).toBeLessThan(80);
    await expect(page.getByRole('table', { name: 'Customers' })).toHaveAttribute('aria-rowcount', '5001');

    await page.getByTestId('customer-table').evaluate((table) => table.parentElement?.scrollBy(0, 1e9));
    await expect(page.locator(`[data-tenant="00000000-0000-4000-8000-${hex(4999)}"]`)).toBeVisible();
    expect(await page.locator('[data-tenant]').count()).toBeLessThan(80);

    await page.getByRole('searchbox', { name: 'Search customers' }).fill('Customer 4321');
    await expect(page.locator('[data-tenant]')).toHaveCount(1);
    await expect(page.locator('[data-tenant]')).toContainText(`00000000-0000-4000-8000-${hex(4321)}`);
  } finally {
    await host.stop();
  }
});

test('favourites and recent launches have their own lists, kept across a restart', async ({
  page,
  context,
  dataDir,
  host,
}) => {
  await context.route('https://securitycopilot.microsoft.com/**', (route) =>
    route.fulfill({ body: '<title>Security Copilot stand-in</title>' }),
  );
  await page.goto(host.url);
  await addCustomer(page, 'Contoso Ltd', CONTOSO, /^GDAP:/);
  await addCustomer(page, 'Fabrikam', '11111111-2222-4333-8444-555555555555', /^B2B guest/);
  await addCustomer(page, 'Northwind', '22222222-3333-4444-8555-666666666666', /^GDAP:/);

  await page.getByRole('button', { name: 'Favourite Fabrikam' }).click();
  await expect(page.getByRole('button', { name: 'Favourite Fabrikam' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('tab', { name: /Favourites \(1\)/ }).click();
  await expect(page.locator('[data-tenant]')).toHaveCount(1);
  await expect(page.locator('[data-tenant]')).toContainText('Fabrikam');

  await page.getByRole('tab', { name: /Recent/ }).click();
  await expect(page.getByText('Nothing launched yet')).toBeVisible();
  await page.getByRole('tab', { name: /All/ }).click();
  for (const name of ['Northwind', 'Contoso Ltd']) {
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: `Launch Security Copilot for ${name}` }).click(),
    ]);
    await tab.close();
  }
  await page.getByRole('tab', { name: /Recent \(2\)/ }).click();
  await expect(page.locator('[data-tenant]')).toHaveText([/Contoso Ltd/, /Northwind/]);

  await host.stop();
  const again = await startHost(dataDir);
  try {
    await page.goto(again.url);
    await page.getByRole('tab', { name: /Favourites \(1\)/ }).click();
    await expect(page.locator('[data-tenant]')).toContainText('Fabrikam');
    await page.getByRole('tab', { name: /Recent \(2\)/ }).click();
    await expect(page.locator('[data-tenant]')).toHaveText([/Contoso Ltd/, /Northwind/]);
  } finally {
    await again.stop();
  }
});
