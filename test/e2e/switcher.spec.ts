import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, startHost, test, type RunningHost } from './host';

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FABRIKAM = '11111111-2222-4333-8444-555555555555';
const FABRIKAM_EU = '33333333-4444-4555-8666-777777777777';
const NORTHWIND = '22222222-3333-4444-8555-666666666666';

function stored(displayName: string, tenantId: string, more: { favourite?: boolean; tags?: string[] } = {}) {
  return {
    tenantId,
    displayName,
    accessPath: 'gdap',
    tags: more.tags ?? [],
    notes: '',
    source: 'manual',
    addedAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    favourite: more.favourite ?? false,
    lastLaunchedAt: null,
  };
}

/** The customers an analyst has: one favourite whose name sorts last among the Fabrikams. */
function writeCustomers(dataDir: string): void {
  const customers = [
    stored('Contoso Ltd', CONTOSO, { tags: ['retail'] }),
    stored('Fabrikam', FABRIKAM),
    stored('Northwind Traders', NORTHWIND),
    stored('Zeta Fabrikam Europe', FABRIKAM_EU, { favourite: true, tags: ['eu'] }),
  ];
  fs.writeFileSync(path.join(dataDir, 'customers.json'), JSON.stringify({ schemaVersion: 2, customers }));
}

/** The real portals are out of reach here: answer for them at the browser edge, and look at the URL. */
async function standInPortals(context: BrowserContext): Promise<void> {
  for (const host of ['securitycopilot.microsoft.com', 'security.microsoft.com'])
    await context.route(`https://${host}/**`, (route) =>
      route.fulfill({ body: `<title>${host} stand-in</title>` }),
    );
}

async function openWithShortcut(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /Switch tenant/ })).toBeVisible();
  await page.keyboard.press('Control+K');
  await expect(page.getByRole('dialog', { name: 'Switch tenant' })).toBeVisible();
}

const options = (page: Page) => page.getByRole('listbox', { name: 'Customers' }).getByRole('option');

test.describe('the tenant switcher', () => {
  let host: RunningHost;
  test.beforeEach(async ({ dataDir }) => {
    writeCustomers(dataDir);
    host = await startHost(dataDir);
  });
  test.afterEach(async () => host.stop());

  test('Ctrl+K, part of a name, Enter: Security Copilot opens in that customer’s tenant', async ({
    page,
    context,
  }) => {
    await standInPortals(context);
    await page.goto(host.url);
    await openWithShortcut(page);
    const box = page.getByRole('combobox', { name: 'Find a customer' });
    await expect(box).toBeFocused();
    await expect(page.getByTestId('switcher')).toContainText('Opens Security Copilot');
    await page.keyboard.type('northw');
    await expect(options(page)).toHaveText([/Northwind Traders/]);
    await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');

    const [tab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`https://securitycopilot.microsoft.com/?tenantId=${NORTHWIND}`);
    await expect(page.getByRole('dialog', { name: 'Switch tenant' })).toHaveCount(0);
    await expect(
      page.getByText('Security Copilot opened for Northwind Traders', { exact: true }),
    ).toBeVisible();
    // The launch is recorded: next time Northwind comes right after the favourite.
    await openWithShortcut(page);
    await expect(options(page)).toHaveText([
      /Zeta Fabrikam Europe/,
      /Northwind Traders/,
      /Contoso Ltd/,
      /^Fabrikam/,
    ]);
  });

  test('arrows move the highlight and Tab picks another portal, which Enter then opens', async ({
    page,
    context,
  }) => {
    await standInPortals(context);
    await page.goto(host.url);
    await openWithShortcut(page);
    await page.keyboard.type('fabrikam');
    await expect(options(page)).toHaveText([/Zeta Fabrikam Europe/, /^Fabrikam/]);
    await page.keyboard.press('ArrowDown');
    await expect(options(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('combobox')).toBeFocused();

    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: 'Microsoft Defender XDR' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await expect(page.getByTestId('switcher')).toContainText('Opens Microsoft Defender XDR');
    await expect(page.getByRole('combobox')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('switcher')).toContainText('Opens Security Copilot');
    await page.keyboard.press('Tab');

    const [tab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`https://security.microsoft.com/?tid=${FABRIKAM}`);
  });

  test('favourites come first, with nothing typed and when the query matches both', async ({ page }) => {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Switch tenant (Ctrl+K)' }).click();
    await expect(page.getByRole('combobox', { name: 'Find a customer' })).toBeFocused();
    await expect(options(page)).toHaveText([
      /Zeta Fabrikam Europe/,
      /Contoso Ltd/,
      /^Fabrikam/,
      /Northwind Traders/,
    ]);
    await expect(options(page).first().getByLabel('Favourite')).toBeVisible();
    // Nothing was read yet (no sync, no guest accounts): the hand-set path, said to be set by hand.
    await expect(options(page).first().locator('[data-access-path]')).toHaveText('via GDAP (set by hand)');

    // "fab" starts the name "Fabrikam" but only a later word of the favourite: the favourite still leads.
    await page.keyboard.type('fab');
    await expect(options(page)).toHaveText([/Zeta Fabrikam Europe/, /^Fabrikam/]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Switch tenant' })).toHaveCount(0);
  });

  test('finds customers by tag and tenant ID, says when nothing matches, and shows why a launch failed', async ({
    page,
  }) => {
    await page.goto(host.url);
    await openWithShortcut(page);
    const box = page.getByRole('combobox', { name: 'Find a customer' });
    // The tenant ID Enter opens in is on the highlighted row; a row with tags leaves its ID out
    // until it is highlighted or found by it.
    const contoso = options(page).filter({ hasText: 'Contoso Ltd' });
    await expect(options(page).first()).toContainText(`eu · ${FABRIKAM_EU}`);
    await expect(contoso).not.toContainText(CONTOSO);
    await page.keyboard.press('ArrowDown');
    await expect(contoso).toHaveAttribute('aria-selected', 'true');
    await expect(contoso).toContainText(`retail · ${CONTOSO}`);
    await expect(options(page).first()).not.toContainText(FABRIKAM_EU);
    await box.fill('retail');
    await expect(options(page)).toHaveText([/Contoso Ltd/]);
    await box.fill('72F9');
    await expect(options(page)).toHaveText([new RegExp(`Contoso Ltd.*${CONTOSO}`)]);
    await box.fill('2222');
    await expect(options(page)).toHaveText([/Northwind Traders/]);
    await box.fill('no such customer');
    await expect(options(page)).toHaveCount(0);
    await expect(page.getByText('No customer matches “no such customer”')).toBeVisible();

    // Microsoft 365 admin opens a customer by its domain, which only a directory sync reads.
    await box.fill('contoso');
    const m365 = page.getByRole('radio', { name: 'Microsoft 365 admin center' });
    await m365.click();
    await expect(box).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('switcher')).toContainText(
      'Could not open Microsoft 365 admin center for Contoso Ltd',
    );
    await expect(page.getByTestId('switcher')).toContainText(/Sync the directory/);
  });
});

test('a long list stays light: only the rows in view are in the page, and the arrows reach every match', async ({
  page,
  dataDir,
}) => {
  const customers = Array.from({ length: 400 }, (_, i) =>
    stored(
      `Customer ${String(i).padStart(3, '0')}`,
      `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    ),
  );
  fs.writeFileSync(path.join(dataDir, 'customers.json'), JSON.stringify({ schemaVersion: 2, customers }));
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await openWithShortcut(page);
    await page.keyboard.type('customer');
    await expect(page.getByTestId('switcher')).toContainText('50 of 400 shown: type more to narrow');
    expect(await options(page).count()).toBeLessThan(25);
    // Up from the first match wraps to the last of the 50 shown, scrolled into view.
    await page.keyboard.press('ArrowUp');
    const last = page.getByRole('option', { name: /Customer 049/ });
    await expect(last).toHaveAttribute('aria-selected', 'true');
    await expect(last).toHaveAttribute('aria-posinset', '50');
    await expect(last).toBeInViewport();
    // "39" starts a word in Customer 390 to 399, and is inside one in Customer 039, 139, 239, 339.
    await page.keyboard.type(' 39');
    await expect(page.getByTestId('switcher')).toContainText('14 customers');
    await expect(options(page).first()).toContainText('Customer 390');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('option', { name: /Customer 339/ })).toHaveAttribute('aria-selected', 'true');
  } finally {
    await host.stop();
  }
});

test('the switcher says what to do when there are no customers', async ({ page, host }) => {
  await page.goto(host.url);
  await openWithShortcut(page);
  await expect(page.getByText('No customers yet: add one under Customers')).toBeVisible();
});
