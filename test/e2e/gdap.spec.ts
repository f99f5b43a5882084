import fs from 'node:fs';
import path from 'node:path';
import { expect, signInOnSandboxPage, syncDirectoryAs, test } from './host';

// GDAP end to end in the browser host against the sandbox: the partner admin creates a relationship,
// the customer's Global Administrator approves it on the sandbox's admin center page, the admin maps
// a group, the analyst's access check turns green, and the launch shows the analyst as Security
// Reader in that tenant. And a bulk change over 20 customers where 2 writes fail and are retried.
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

test('create → lock → the customer approves → active → assign → access check green → launch shows Security Reader', async ({
  page,
  context,
  host,
}) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);

  // Tailspin Toys' only relationship has expired (sample data): the access check says what to do.
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Tailspin Toys');
  await page.locator('[data-tenant]').first().getByText('Tailspin Toys', { exact: true }).click();
  const detail = page.getByTestId('customer-detail');
  const check = detail.getByTestId('access-check');
  await check.getByRole('button', { name: 'Check access' }).click();
  await expect(check.locator('[data-verdict]')).toHaveText('No access');
  await expect(check.locator('[data-step="relationship"]')).toContainText(
    'Next step: Create a relationship from the "Security Copilot: analyst" template',
  );

  await detail.getByRole('button', { name: 'New relationship' }).click();
  const create = page.getByRole('dialog', { name: 'New GDAP relationship' });
  await create.getByLabel(/^Name/).fill('x'.repeat(51));
  await expect(create).toContainText('The name is 51 characters; Microsoft allows at most 50.');
  await expect(create.getByRole('button', { name: 'Create relationship' })).toBeDisabled();
  await create.getByLabel(/^Name/).fill('Tailspin Toys - Security Copilot');
  await create.getByRole('button', { name: 'Create relationship' }).click();
  await expect(create).toBeHidden();

  const card = detail.locator('[data-relationship]', { hasText: 'Tailspin Toys - Security Copilot' });
  await expect(card).toContainText('Draft, not sent for approval');
  await expect(card).toContainText('Roles: Security Reader');
  await card.getByRole('button', { name: 'Lock for approval' }).click();
  const approval = page.getByRole('dialog', { name: 'Customer approval' });
  const link = await approval.getByTestId('approval-link').inputValue();
  expect(link).toMatch(
    /\/portals\/admin\.microsoft\.com\/AdminPortal\/Home#\/partners\/invitation\/granularAdminRelationships\/[0-9a-f-]{73}$/,
  );
  await expect(approval.getByTestId('approval-message')).toHaveValue(
    /approve it before \d{4}-\d\d-\d\d, when the request lapses/,
  );
  await approval.getByRole('button', { name: 'Close' }).click();
  await expect(card).toContainText('Awaiting customer approval');

  // The customer's Global Administrator opens the link and approves.
  const admin = await context.newPage();
  await admin.goto(link);
  await admin
    .getByRole('radio', { name: /^admin@/ })
    .first()
    .check();
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin.getByRole('button', { name: 'Approve' }).click();
  await expect(admin.locator('[data-status]')).toHaveText(/^(approved|activating|active)$/);
  await admin.close();

  // Switchboard follows the status and says when it is active.
  await expect(page.getByText(/"Tailspin Toys - Security Copilot" is active/).first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(card.getByText('Active', { exact: true })).toBeVisible();

  await card.getByRole('button', { name: 'Add assignment' }).click();
  const assign = page.getByRole('dialog', { name: 'Add access assignment' });
  await assign.getByRole('combobox').fill('SOC Analysts');
  await assign.getByRole('combobox').press('ArrowDown');
  await page.getByRole('option', { name: 'SOC Analysts - Security Reader' }).click();
  await assign.getByRole('checkbox', { name: /Security Reader/ }).check();
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(assign).toBeHidden();
  await expect(card).toContainText('SOC Analysts - Security Reader → Security Reader');

  // The analyst's access check turns green once Microsoft has applied the assignment.
  await check.getByRole('combobox').fill('Ada');
  await check.getByRole('combobox').press('ArrowDown');
  await page.getByRole('option', { name: /Ada Analyst/ }).click();
  await expect(async () => {
    await check.getByRole('button', { name: 'Check access' }).click();
    await expect(check.locator('[data-verdict]')).toHaveText('Has access', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(check.getByTestId('access-summary')).toHaveText(
    'Ada Analyst reaches Security Copilot in Tailspin Toys as Security Reader.',
  );

  // Launch: the analyst's browser opens the tenant-explicit URL and sees Security Reader there.
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    detail.getByRole('button', { name: 'Launch Security Copilot' }).click(),
  ]);
  await tab.waitForLoadState();
  const launched = new URL(tab.url());
  expect(launched.pathname).toBe('/portals/securitycopilot.microsoft.com/');
  await tab.goto(
    `${launched.origin}/portals/securitycopilot.microsoft.com/sandbox/signin?return=${encodeURIComponent(launched.pathname + launched.search)}`,
  );
  await tab.getByRole('radio', { name: /Ada Analyst/ }).check();
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab.locator('[data-user]')).toHaveText('ada.analyst@contosomssp.onmicrosoft.com');
  await expect(tab.locator('[data-roles]')).toHaveText('Security Reader');

  // Every change is in the audit trail.
  await page.getByRole('tab', { name: 'Audit' }).click();
  const trail = page.getByRole('table', { name: 'Audit trail' });
  for (const action of ['relationship.create', 'relationship.lockForApproval', 'assignment.create'])
    await expect(trail).toContainText(action);
});

test('bulk: plan over 20 customers, apply with progress, 2 failures retried alone, results exported', async ({
  page,
  host,
  dataDir,
}) => {
  test.setTimeout(120_000);
  // The first two assignment writes get no answer (the sandbox drops the connection).
  fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'sandbox', 'faults.json'),
    JSON.stringify([
      {
        match: '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/*/accessAssignments',
        method: 'POST',
        kind: 'reset',
        count: 2,
      },
    ]),
  );
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);
  await page.getByRole('tab', { name: 'GDAP' }).click();
  await page.getByRole('tab', { name: 'Bulk changes' }).click();
  const picker = page.getByRole('group', { name: 'Pick customers' });
  const boxes = picker.getByRole('checkbox');
  for (let i = 0; i < 20; i++) await boxes.nth(i).check();
  await expect(page.getByText('1. Customers (20 picked)')).toBeVisible();

  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'Add an access assignment' }).click();
  await page.getByRole('combobox', { name: 'Partner group' }).click();
  await page.getByRole('option', { name: 'Tier 2 Responders' }).click();
  await page.getByRole('button', { name: 'Plan' }).click();
  const plan = page.getByRole('table', { name: 'Bulk plan' });
  await expect(plan.locator('tbody tr')).toHaveCount(20);
  await expect(plan).toContainText('Assign Tier 2 Responders → Security Reader in "');
  const applyButton = page.getByRole('button', { name: /^Apply to \d+ customers…$/ });
  const changing = Number(/\d+/.exec((await applyButton.textContent()) ?? '')?.[0]);
  expect(changing).toBeGreaterThan(4);
  await applyButton.click();
  await page.getByTestId('bulk-confirm').getByRole('button', { name: 'Apply now' }).click();

  const results = page.getByRole('table', { name: 'Bulk results' });
  await expect(page.getByTestId('bulk-summary')).toHaveText(
    `Results: ${changing - 2} succeeded, 2 failed, ${20 - changing} unchanged`,
    { timeout: 60_000 },
  );
  await expect(results.locator('[data-outcome="failed"]').first()).toContainText(
    /No answer from Microsoft Graph/,
  );
  await page.getByRole('button', { name: 'Retry 2 failed' }).click();
  await expect(page.getByTestId('bulk-summary')).toHaveText(
    `Results: ${changing} succeeded, 0 failed, ${20 - changing} unchanged`,
    { timeout: 60_000 },
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export results (CSV)' }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('customer,tenantId,outcome,message,requestIds');
  expect(csv.match(/,succeeded,/g)).toHaveLength(changing);
});
