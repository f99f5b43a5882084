import { seedAzureAccessSandbox } from './azure-access-seed';
import { expect, signInOnSandboxPage, syncDirectoryAs, test } from './host';

// Copilot in Azure in the browser host against the sandbox: the partner admin (Global Administrator
// of one customer through GDAP) restricts Copilot in Azure there and grants the customer's "Azure
// Operators" group the role; the sandbox's Azure portal stand-in then shows the tenant restricted,
// the group's member allowed and another user not; no elevation is left (read back through ARM by
// the panel).
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

test('restrict Copilot in Azure for a customer, grant a group, and the Azure portal shows who may use it', async ({
  page,
  context,
  host,
  dataDir,
}) => {
  test.setTimeout(120_000);
  const seed = seedAzureAccessSandbox(dataDir);
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);

  await page.getByRole('tab', { name: 'Copilot in Azure' }).click();
  await page.getByRole('combobox', { name: 'Tenant' }).click();
  await page.getByRole('option', { name: seed.customerName, exact: true }).click();
  const panel = page.getByTestId('copilot-panel');
  await expect(panel).toContainText(`Copilot in Azure in ${seed.customerName}`);
  await expect(panel).toContainText('Global Administrator here');
  await expect(page.getByTestId('copilot-availability')).toHaveText(
    'Who may use it: Available to all users (never restricted: Microsoft’s default)',
  );
  await expect(panel).toContainText('needs elevated access here');

  // Restrict and grant the group, found by name as a hurried person types it.
  await page.getByRole('radio', { name: /^Restrict to holders/ }).check();
  await page.getByRole('searchbox', { name: 'Find users or groups' }).fill('  azure oper');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByRole('button', { name: 'Grant Azure Operators' }).click();
  await expect(page.getByRole('list', { name: 'To grant' })).toContainText('Azure Operators');
  await page.getByRole('button', { name: 'Review the plan' }).click();
  const plan = page.getByTestId('copilot-plan');
  await expect(plan.locator('li')).toHaveText([
    /^Elevate pat\.admin@.*'s access/,
    'Restrict Copilot in Azure: only holders of the Azure Copilot User role may use it.',
    'Grant the group "Azure Operators" the Azure Copilot User role.',
    'Remove the elevated access again (always: also if a step fails or you cancel).',
  ]);
  await plan.getByRole('button', { name: 'Apply' }).click();
  const result = page.getByTestId('copilot-result');
  await expect(result).toContainText('Changed');
  await expect(result).toContainText('The elevated access was removed.');
  await expect(result.locator('li[data-outcome="done"]')).toHaveCount(4);

  // Read back through ARM: restricted, the group holds the role, and no elevation is left.
  await expect(page.getByTestId('copilot-availability')).toHaveAttribute('data-availability', 'restricted');
  await page.getByRole('button', { name: 'Read with temporary elevation' }).click();
  await expect(page.getByTestId('copilot-holders')).toContainText('Azure Operators');
  await expect(panel).toHaveAttribute('data-elevated', 'false');
  await expect(panel).not.toContainText('Elevated access is on');

  // The customer's Azure portal (the switcher's Azure portal target) as the group's member and as another user.
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(seed.customerName);
  await page.locator('[data-tenant]').first().getByText(seed.customerName, { exact: true }).click();
  const detail = page.getByTestId('customer-detail');
  await detail.getByRole('button', { name: 'Other portals and ways to open' }).click();
  const [portal] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('menuitem', { name: /Azure portal/ }).click(),
  ]);
  await portal.waitForLoadState();
  const opened = new URL(portal.url());
  expect(opened.pathname).toBe(`/portals/portal.azure.com/${seed.tenantId}/`);
  for (const [upn, you] of [
    [
      seed.operatorUpn,
      'Allowed: through the group “Azure Operators”, which holds the Azure Copilot User role',
    ],
    [seed.adminUpn, 'Not allowed: you do not hold the Azure Copilot User role'],
  ] as const) {
    await portal.goto(
      `${opened.origin}/portals/portal.azure.com/sandbox/signin?return=${encodeURIComponent(opened.pathname)}`,
    );
    await portal.getByRole('textbox', { name: 'Or type a user name' }).fill(upn);
    await portal.getByRole('button', { name: 'Sign in' }).click();
    await expect(portal.locator('[data-user]')).toHaveText(upn);
    await expect(portal.locator('[data-copilot-tenant]')).toHaveText(
      'Restricted: only holders of the Azure Copilot User role',
    );
    await expect(portal.locator('[data-copilot-you]')).toHaveText(you);
  }

  // Every change is in the audit trail.
  await page.getByRole('tab', { name: 'Audit' }).click();
  const trail = page.getByRole('table', { name: 'Audit trail' });
  for (const action of [
    'azureAccess.elevate',
    'azureAccess.setCopilotAccess',
    'azureAccess.assignRole',
    'azureAccess.removeElevation',
  ])
    await expect(trail).toContainText(action);
});
