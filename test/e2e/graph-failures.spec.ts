import type { Locator, Page } from '@playwright/test';
import type { FaultRuleInput } from '../../main/sandbox/faults';
import { armFaults, expect, signInOnSandboxPage, syncDirectoryAs, test } from './host';

// A connection reset on any Graph read the UI makes shows, where the person is looking, a sentence
// naming what failed ("Reading your partner security groups failed. No answer from Microsoft
// Graph …") and what to do, never "internal" or "unexpected problem". The sandbox drops the
// connection (its `reset` fault) on exactly that read: `after` lets the sync's own read through
// first, `unless` spares the sync's neighbouring paths.
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

/** The visible message that names `purpose` and says Graph did not answer; never jargon. */
async function expectNamedFailure(page: Page, purpose: string): Promise<Locator> {
  const message = page.getByText(`${purpose} failed. No answer from Microsoft Graph`).first();
  await expect(message).toBeVisible({ timeout: 30_000 });
  await expect(message).toContainText('Check your internet connection');
  await expect(message).not.toContainText(/internal|unexpected problem|fetch failed|TypeError/i);
  await expect(page.getByText(/unexpected problem/i)).toHaveCount(0);
  return message;
}

async function openCustomer(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(name);
  await page.locator('[data-tenant]').first().getByText(name, { exact: true }).click();
  return page.getByTestId('customer-detail');
}

/** Northwind Traders' relationship is active, with the sample's two assignments (sample data). */
async function northwindCard(page: Page): Promise<Locator> {
  const detail = await openCustomer(page, 'Northwind Traders');
  const card = detail.locator('[data-relationship]').filter({ hasText: 'active' }).first();
  await expect(card).toBeVisible();
  return card;
}

test('directory sync: a reset on the relationships read says the sync failed and the directory is kept', async ({
  page,
  host,
  dataDir,
}) => {
  armFaults(dataDir, [{ kind: 'reset', match: '/graph/v1.0/tenantRelationships/', method: 'GET' }]);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  const message = await expectNamedFailure(page, 'Syncing your customers from Microsoft');
  await expect(message).toContainText('The directory is as it was before.');
});

test('partner groups: a reset when the assignment dialog reads the groups names that read', async ({
  page,
  host,
  dataDir,
}) => {
  // The sync reads the groups once (to name assignments); the next read is the dialog's.
  armFaults(dataDir, [{ kind: 'reset', match: '/graph/v1.0/groups', method: 'GET', after: 1 }]);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  const card = await northwindCard(page);
  await card.getByRole('button', { name: 'Add assignment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add access assignment' });
  await expect(dialog).toBeVisible();
  await expectNamedFailure(page, 'Reading your partner security groups');
});

test('relationship details: a reset when an assignment is read fresh names that read', async ({
  page,
  host,
  dataDir,
}) => {
  // Only single-relationship reads: the sync's list and its assignment reads go through.
  armFaults(dataDir, [
    {
      kind: 'reset',
      match: '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/',
      unless: '*/accessAssignments',
      method: 'GET',
    },
  ]);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  const card = await northwindCard(page);
  await card.getByRole('button', { name: 'Edit roles' }).first().click();
  await expectNamedFailure(page, 'Reading the relationship’s details and access assignments');
  // Nothing opened on stale data.
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('access check: a reset on the check’s own read names it, and no verdict is shown', async ({
  page,
  host,
  dataDir,
}) => {
  armFaults(dataDir, [{ kind: 'reset', match: '/graph/v1.0/me', method: 'GET' }]);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  const check = (await openCustomer(page, 'Northwind Traders')).getByTestId('access-check');
  await check.getByRole('button', { name: 'Check access' }).click();
  await expectNamedFailure(page, 'Checking the analyst’s access to the customer');
  await expect(check.locator('[data-verdict]')).toHaveCount(0);
});

test('access check: a reset on the partner user search names it', async ({ page, host, dataDir }) => {
  armFaults(dataDir, [{ kind: 'reset', match: '/graph/v1.0/users', method: 'GET' }]);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  const check = (await openCustomer(page, 'Northwind Traders')).getByTestId('access-check');
  await check.getByRole('combobox').fill('Ada');
  await expectNamedFailure(page, 'Searching the users of your partner tenant');
});

/** The sync reads the relationship list once; the reads after are the GDAP tab's. */
const RELATIONSHIP_LIST_AFTER_SYNC: FaultRuleInput = {
  kind: 'reset',
  match: '/graph/v1.0/tenantRelationships/delegatedAdminRelationships',
  unless: '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/',
  method: 'GET',
  after: 1,
};

test('GDAP tab: resets on the open offers read and on the bulk plan’s reads name each', async ({
  page,
  host,
  dataDir,
}) => {
  armFaults(dataDir, [RELATIONSHIP_LIST_AFTER_SYNC]);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();

  await page.getByRole('tab', { name: 'Open offers' }).click();
  await expectNamedFailure(page, 'Reading the GDAP relationships');

  await page.getByRole('tab', { name: 'Bulk changes' }).click();
  const boxes = page.getByRole('group', { name: 'Pick customers' }).getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Plan' }).click();
  const plan = page.getByRole('table', { name: 'Bulk plan' });
  await expect(plan.locator('tbody tr')).toHaveCount(2);
  for (const row of await plan.locator('tbody tr').all()) {
    await expect(row).toContainText(
      'Reading this customer’s relationships failed. No answer from Microsoft Graph',
    );
    await expect(row).not.toContainText(/internal|unexpected problem|fetch failed/i);
  }
});

test('GDAP tab: a reset on the bulk view’s partner groups read names it', async ({ page, host, dataDir }) => {
  // The sync reads the groups once (to name assignments); the next read is the bulk view's.
  armFaults(dataDir, [{ kind: 'reset', match: '/graph/v1.0/groups', method: 'GET', after: 1 }]);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'Bulk changes' }).click();
  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'Add an access assignment' }).click();
  await expectNamedFailure(page, 'Reading your partner security groups');
});
