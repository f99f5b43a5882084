import { expect, signInOnSandboxPage, startHost, test } from './host';

// The sandbox cloud end to end: sign in on the sandbox's page, sync the GDAP directory, see an
// expiring relationship flagged, launch Security Copilot into the sandbox's stand-in (which shows
// the analyst's access there), and find the directory again after a restart. The test browser
// accepts the sandbox's certificate, as the analyst's browser would after trusting its CA.
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

test('sign in, sync the directory, see expiring access flagged, launch into the tenant, and keep the directory across a restart', async ({
  page,
  context,
  host,
  dataDir,
}) => {
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Ada Analyst/);
  await expect(page.getByRole('list', { name: 'Signed-in accounts' })).toContainText('ada.analyst');

  await page.getByRole('tab', { name: 'Customers' }).click();
  await expect(page.getByTestId('directory-age')).toContainText('not synced yet');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('directory-age')).toContainText(
    /GDAP directory as of \d\d:\d\d, just now · \d+ customers · read as ada\.analyst/,
  );

  // Northwind Traders' access ends within 30 days without auto-extend (sample data).
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Northwind Traders');
  const northwind = page.locator('[data-tenant]').first();
  await expect(northwind.locator('[data-gdap-note="ending-soon"]')).toContainText(/Access ends in \d+ days?/);
  // Its page: the relationships, roles by name, dates, and which partner group holds which role.
  await northwind.getByText('Northwind Traders', { exact: true }).click();
  const relationships = page.getByTestId('customer-detail').getByRole('list', { name: 'GDAP relationships' });
  await expect(relationships.getByRole('listitem').first()).toContainText(
    'Roles: Security Reader, Security Operator',
  );
  await expect(relationships.getByRole('listitem').first()).toContainText('no auto-extend');
  await expect(relationships).toContainText('SOC Analysts - Security Reader → Security Reader');
  await expect(relationships).toContainText('SOC Responders - Security Operator → Security Operator');

  // Search by default domain finds the customer too.
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('northwindtraders.onmicrosoft');
  await expect(page.locator('[data-tenant]')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Fabrikam');
  const fabrikam = page.locator('[data-tenant]').first();
  await expect(fabrikam).toContainText('GDAP');
  const tenantId = await fabrikam.getAttribute('data-tenant');
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    fabrikam.getByRole('button', { name: /Launch Security Copilot for Fabrikam/ }).click(),
  ]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe('/portals/securitycopilot.microsoft.com/');
  expect(new URL(tab.url()).searchParams.get('tenantId')).toBe(tenantId);
  await expect(tab.locator('[data-user]')).toHaveText('ada.analyst@contosomssp.onmicrosoft.com');
  await expect(tab.locator('[data-roles]')).toHaveText('Security Reader');
  await expect(tab.getByText('only some plugins work')).toBeVisible();

  await host.stop();
  const again = await startHost(dataDir);
  try {
    await page.goto(again.url);
    await expect(page.getByTestId('directory-age')).toContainText(/GDAP directory as of \d\d:\d\d/);
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('Northwind Traders');
    await expect(page.locator('[data-gdap-note="ending-soon"]').first()).toBeVisible();
  } finally {
    await again.stop();
  }
});
