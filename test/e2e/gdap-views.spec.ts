import fs from 'node:fs';
import { expect, signInOnSandboxPage, syncDirectoryAs, test } from './host';

// The GDAP overview screens against the sandbox: the expiring view flags a relationship that will
// lapse, the partner admin turns auto-extend on from there, the audit trail shows that change with
// Graph's request ID and exports it, and a template cannot combine Global Administrator with
// auto-extend (Microsoft never extends such a relationship).
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

test('expiring: turn auto-extend on; audit: the change succeeded, with its request ID, exported as CSV; templates refuse Global Administrator with auto-extend', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await signInOnSandboxPage(page, /Pat Partner-Admin/);
  await syncDirectoryAs(page, /read as pat\.admin/);

  // The audit trail starts empty and says what it will hold.
  await page.getByRole('tab', { name: 'Audit', exact: true }).click();
  await expect(page.getByText(/^No changes yet\. Every change Switchboard makes in a tenant/)).toBeVisible();

  // Northwind Traders' relationship ends within 30 days without auto-extend (sample data).
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'Expiring' }).click();
  const northwind = page
    .locator('[data-relationship]')
    .filter({ has: page.getByText('Northwind Traders', { exact: true }) });
  await expect(northwind).toHaveCount(1);
  await expect(northwind.locator('[data-status]')).toHaveText('Will lapse');
  await expect(northwind).toContainText(/in \d+ days?/);
  await northwind.getByRole('button', { name: 'Turn auto-extend on' }).click();
  await expect(northwind.locator('[data-status]')).toHaveText('Will auto-extend');
  await expect(northwind.getByRole('button', { name: 'Turn auto-extend on' })).toHaveCount(0);
  await expect(page.getByTestId('expiring-error')).toHaveCount(0);

  // The audit trail recorded it: succeeded, with Graph's request ID, and the body that was sent.
  await page.getByRole('tab', { name: 'Audit', exact: true }).click();
  const trail = page.getByRole('table', { name: 'Audit trail' });
  const entry = trail.locator('[data-audit-entry]').first();
  await expect(entry).toContainText('Northwind Traders');
  await expect(entry).toContainText('relationship.autoExtend.on');
  await expect(entry).toContainText('pat.admin');
  await expect(entry.locator('[data-outcome]')).toHaveText('Succeeded');
  await expect(entry.locator('[data-request-id]')).toHaveText(/^[0-9a-f-]{8,}$/i);
  await entry.getByRole('button', { name: /^Show what was sent/ }).click();
  await expect(trail.locator('[data-audit-body] pre')).toContainText('"autoExtendDuration": "P180D"');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^switchboard-audit-\d{4}-\d\d-\d\d\.csv$/);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const [header, first] = csv.split('\r\n');
  expect(header).toBe(
    'at,account,tenantId,customerName,action,relationshipId,relationshipName,outcome,status,requestId,error,body',
  );
  // The customer and the relationship are named beside their IDs, for a reader without the app.
  expect(first).toMatch(
    /,Northwind Traders,relationship\.autoExtend\.on,[0-9a-f-]{73},[^,]*Northwind[^,]*,succeeded,/i,
  );

  // A template with Global Administrator cannot auto-extend: said inline, and Save is refused.
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Edit Security Copilot: analyst' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('switch', { name: /Auto-extend/ })).toBeChecked();
  await dialog.getByRole('checkbox', { name: /Global Administrator/ }).check();
  await expect(dialog).toContainText('A relationship with Global Administrator cannot auto-extend');
  await expect(dialog.getByRole('button', { name: 'Save template' })).toBeDisabled();
  await dialog.getByRole('switch', { name: /Auto-extend/ }).uncheck();
  await expect(dialog.getByRole('button', { name: 'Save template' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Save template' }).click();
  await expect(dialog).toBeHidden();
  const analyst = page.locator('[data-template="copilot-analyst"]');
  await expect(analyst).toContainText('Built-in, edited');
  await expect(analyst).toContainText('62e90394-69f5-4237-9190-012177145e10');
  await analyst.getByRole('button', { name: 'Reset to built-in' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset to built-in' }).click();
  await expect(analyst).not.toContainText('Global Administrator');
  await expect(analyst).toContainText('Built-in');
});
