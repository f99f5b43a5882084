import { armFaults, expect, signInOnSandboxPage, syncDirectoryAs, test, type RunningHost } from './host';
import type { Locator, Page } from '@playwright/test';

// Issue 13's GDAP items, each as the partner admin (or an analyst) would notice it, against the
// sandbox's sample (40 customers in every state: Fabrikam active with Security Operator and Security
// Reader, Northwind Traders ending soon, Coho Winery with one assignment, Adatum awaiting approval, Woodgrove Bank with Global
// Administrator, Proseware terminated, Alpine Ski House still a draft).
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

async function signedIn(
  page: Page,
  host: RunningHost,
  user = /Pat Partner-Admin/,
  upn = /read as pat\.admin/,
) {
  await page.goto(host.url);
  await signInOnSandboxPage(page, user);
  await syncDirectoryAs(page, upn);
}

/** The words of a role checkbox's label (the role's name, then its template ID), as a person clicks them. */
function words(scope: Locator, role: string): Locator {
  return scope.locator('label').filter({ hasText: new RegExp(`^${role} [0-9a-f]{8}`) });
}

async function openCustomer(page: Page, name: string) {
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(name);
  await page.locator('[data-tenant]').first().getByText(name, { exact: true }).click();
  return page.getByTestId('customer-detail');
}

test('1. each role label ticks its own role: New relationship and Add assignment', async ({ page, host }) => {
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Fabrikam');
  await detail.getByRole('button', { name: 'New relationship' }).click();
  const create = page.getByRole('dialog', { name: 'New GDAP relationship' });
  const box = (name: string) => create.getByRole('checkbox', { name: new RegExp(`^${name} `) });
  await expect(box('Security Reader')).toBeChecked();
  // Clicking the words, as a person does.
  await words(create, 'Security Administrator').click();
  await expect(box('Security Administrator')).toBeChecked();
  await expect(box('Global Administrator')).not.toBeChecked();
  await words(create, 'Security Reader').click();
  await expect(box('Security Reader')).not.toBeChecked();
  await expect(box('Global Administrator')).not.toBeChecked();
  await words(create, 'Global Reader').click();
  await expect(box('Global Reader')).toBeChecked();
  await expect(box('Security Administrator')).toBeChecked();
  await create.getByRole('button', { name: 'Cancel' }).click();

  // Fabrikam's relationship has Security Operator and Security Reader.
  const card = detail.locator('[data-relationship]', { hasText: 'Fabrikam SOC 1' }).first();
  await card.getByRole('button', { name: 'Add assignment' }).click();
  const assign = page.getByRole('dialog', { name: 'Add access assignment' });
  await words(assign, 'Security Reader').click();
  await expect(assign.getByRole('checkbox', { name: /^Security Reader/ })).toBeChecked();
  await expect(assign.getByRole('checkbox', { name: /^Security Operator/ })).not.toBeChecked();
  await words(assign, 'Security Operator').click();
  await expect(assign.getByRole('checkbox', { name: /^Security Operator/ })).toBeChecked();
  await words(assign, 'Security Reader').click();
  await expect(assign.getByRole('checkbox', { name: /^Security Reader/ })).not.toBeChecked();
  await expect(assign.getByRole('checkbox', { name: /^Security Operator/ })).toBeChecked();
});

test('3. the duration takes days or ISO 8601, says what it means, and refuses anything else with the rule', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Tailspin Toys');
  await detail.getByRole('button', { name: 'New relationship' }).click();
  const create = page.getByRole('dialog', { name: 'New GDAP relationship' });
  const duration = create.getByLabel(/^Duration/);
  const createButton = create.getByRole('button', { name: 'Create relationship' });
  await expect(create).toContainText(/730 days, ends [A-Za-z0-9 ,]*\d{4} if approved today/);

  await duration.fill('P3Y');
  await expect(create).toContainText('"P3Y" is 1095 days. Microsoft allows 1 to 730 days');
  await expect(createButton).toBeDisabled();
  await duration.fill('P2Y');
  await expect(create).toContainText(/730 days, ends/);
  await expect(createButton).toBeEnabled();
  await duration.fill('p180d');
  await expect(create).toContainText(/180 days, ends/);
  await duration.fill('two years');
  await expect(create).toContainText('"two years" is not a duration. Microsoft allows 1 to 730 days');
  await expect(createButton).toBeDisabled();
  await duration.fill('0');
  await expect(create).toContainText('"0" is 0 days.');
  await duration.fill('90 days');
  await expect(create).toContainText(/90 days, ends/);
  await expect(createButton).toBeEnabled();
  await createButton.click();
  await expect(create).toBeHidden();
  const card = detail.locator('[data-relationship]', { hasText: 'Tailspin Toys - Security Copilot' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('90 days');
});

test('10. the "Full GDAP management" template leaves out Privileged Role Administrator and says why', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Tailspin Toys');
  await detail.getByRole('button', { name: 'New relationship' }).click();
  const create = page.getByRole('dialog', { name: 'New GDAP relationship' });
  await create.getByRole('combobox', { name: 'Role template' }).click();
  await page.getByRole('option', { name: 'Full GDAP management (no Global Administrator)' }).click();
  const box = (name: string) => create.getByRole('checkbox', { name: new RegExp(`^${name} `) });
  await expect(box('Security Administrator')).toBeChecked();
  await expect(box('User Administrator')).toBeChecked();
  await expect(box('Privileged Role Administrator')).not.toBeChecked();
  await expect(box('Global Administrator')).not.toBeChecked();
  await create.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect(
    page.getByText(
      /Without Privileged Role Administrator too: that role can assign any role, Global Administrator included/,
    ),
  ).toBeVisible();
});

test('6. the expiring alert names as many relationships as it counts, in words, and links to Expiring', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  // Four sample customers' relationships end within 30 days without auto-extend.
  const toast = page.locator('.fui-Toast').filter({ hasText: 'GDAP relationships are about to end' });
  await expect(toast).toContainText('4 GDAP relationships are about to end');
  for (const name of ['Northwind Traders', 'Trey Research', 'Wingtip Toys', 'Lakeshore Retail'])
    await expect(toast).toContainText(new RegExp(`${name}: ends in \\d+ days?`));
  await expect(toast).not.toContainText(/\b1 days\b/);
  await toast.getByText('Open GDAP, Expiring').click();
  await expect(page.getByRole('tab', { name: 'Expiring', selected: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'GDAP relationships' })).toBeVisible();
});

test('2. the access check answers for the person typed, or refuses; never for the signed-in admin instead', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Fabrikam');
  const check = detail.getByTestId('access-check');
  const who = check.getByRole('combobox');
  const button = check.getByRole('button', { name: 'Check access' });

  // Typed in full, no suggestion picked.
  await who.fill('ada.analyst@contosomssp.onmicrosoft.com');
  await button.click();
  await expect(check.getByTestId('access-summary')).toHaveText(
    'Ada Analyst reaches Security Copilot in Fabrikam as Security Reader.',
  );
  await expect(check).toContainText('ada.analyst@contosomssp.onmicrosoft.com · checked');
  await expect(check).not.toContainText('pat.admin');

  // A name, typed in a hurry (lower case).
  await who.fill('rory responder');
  await button.click();
  await expect(check.getByTestId('access-summary')).toContainText(
    'Rory Responder reaches Security Copilot in Fabrikam',
  );

  // Nobody by that name: refused, and no answer about anyone.
  await who.fill('ada.analsyt@contosomssp.onmicrosoft.com');
  await button.click();
  await expect(check).toContainText(
    'No user in your partner tenant matches "ada.analsyt@contosomssp.onmicrosoft.com".',
  );
  await expect(check.locator('[data-verdict]')).toHaveCount(0);

  // Several people: pick one.
  await who.fill('a');
  await button.click();
  await expect(check).toContainText(
    /"a" matches \d+ users in your partner tenant\. Pick one from the list\./,
  );
  await expect(check.locator('[data-verdict]')).toHaveCount(0);

  // Empty: yourself, as the hint says.
  await who.fill('');
  await button.click();
  await expect(check).toContainText('pat.admin@contosomssp.onmicrosoft.com · checked');
});

test('4. statuses in words; ended relationships show no end or renewal; nobody assigned is said; ending soon is amber', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const raw =
    /approvalPending|terminationRequested|unknownFutureValue|\bcreated\b|\bterminated\b|\bexpired\b/;

  const adatum = await openCustomer(page, 'Adatum');
  const pending = adatum.locator('[data-relationship]').first();
  await expect(pending).toContainText('Awaiting customer approval');
  await expect(page.getByTestId('customer-detail')).not.toContainText(raw);

  const alpine = await openCustomer(page, 'Alpine Ski House');
  await expect(alpine.locator('[data-relationship]').first()).toContainText('Draft, not sent for approval');
  await expect(alpine).not.toContainText(raw);

  const proseware = await openCustomer(page, 'Proseware');
  const ended = proseware.locator('[data-relationship]').filter({ hasText: 'Terminated' }).first();
  await expect(ended).toContainText('Gives no access');
  await expect(ended).not.toContainText(/ends |auto-extend|renews/i);
  await expect(proseware).not.toContainText(raw);

  // Northwind Traders' access ends within 30 days and will not auto-extend: amber, not green.
  const northwind = await openCustomer(page, 'Northwind Traders');
  const check = northwind.getByTestId('access-check');
  await check.getByRole('combobox').fill('ada.analyst@contosomssp.onmicrosoft.com');
  await check.getByRole('button', { name: 'Check access' }).click();
  await expect(check.locator('[data-verdict]')).toHaveText('Has access, with a warning');
  await expect(check.getByTestId('access-summary')).toContainText(
    /ends in \d+ days and will not auto-extend/,
  );

  // Coho Winery's one assignment removed: the list no longer says it renews; it says nobody has access.
  const coho = await openCustomer(page, 'Coho Winery');
  const card = coho.locator('[data-relationship]').first();
  await card.getByRole('button', { name: 'Remove', exact: true }).click();
  await card.getByRole('button', { name: /^Confirm: remove/ }).click();
  await expect(card.getByTestId('no-assignment')).toHaveText(
    'Nobody has access through it yet: add an assignment to give a partner group its roles.',
  );
  const row = page.locator('[data-tenant]').filter({ hasText: 'Coho Winery' });
  await expect(row.locator('[data-gdap-note]')).toHaveText(
    '⚠ GDAP active, but nobody has access yet: assign a partner group on the customer page',
  );
  await expect(row).not.toContainText(/Renews/);
});

test('5. the approval link is offered only for a relationship awaiting approval, and opens that one', async ({
  page,
  context,
  host,
}) => {
  await signedIn(page, host);
  const fabrikam = await openCustomer(page, 'Fabrikam');
  await fabrikam.getByRole('button', { name: 'Other portals and ways to open' }).click();
  await expect(
    page.getByRole('menuitem', { name: /Microsoft 365 admin center|Entra|Defender/ }).first(),
  ).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /GDAP approval link/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  const adatum = await openCustomer(page, 'Adatum');
  await adatum.getByRole('button', { name: 'Other portals and ways to open' }).click();
  const item = page.getByRole('menuitem', { name: /^GDAP approval link: Adatum SOC 3$/ });
  await expect(item).toBeVisible();
  const [tab] = await Promise.all([context.waitForEvent('page'), item.click()]);
  await tab.waitForLoadState();
  // The sandbox's admin center answers the approval link with its approval page for that relationship.
  expect(tab.url()).toMatch(/\/portals\/admin\.microsoft\.com\/.*[0-9a-f-]{73}$/);
  await expect(adatum.getByTestId('launch-menu-result')).toHaveText(/^Opened https:\/\//);
});

test('7. an analyst who is not an admin agent sees GDAP changes as unavailable, with the reason, before filling anything', async ({
  page,
  host,
}) => {
  await signedIn(page, host, /Ada Analyst/, /read as ada\.analyst/);
  const detail = await openCustomer(page, 'Fabrikam');
  await expect(detail.getByTestId('gdap-write-block')).toHaveText(
    /^Only admin agents can change GDAP: ada\.analyst@contosomssp\.onmicrosoft\.com is not in your partner tenant's AdminAgents group\./,
  );
  await expect(detail.getByRole('button', { name: 'New relationship' })).toBeDisabled();
  const card = detail.locator('[data-relationship]').first();
  await expect(card.getByRole('button', { name: 'Add assignment' })).toBeDisabled();
  await expect(card.getByRole('button', { name: 'Terminate…' })).toBeDisabled();
  // Reading is still open to them.
  const check = detail.getByTestId('access-check');
  await check.getByRole('button', { name: 'Check access' }).click();
  await expect(check.locator('[data-verdict]')).toHaveText('Has access');

  // The GDAP page says it once; Expiring's changes and Open offers' new offer are off.
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await expect(page.getByTestId('gdap-write-block')).toContainText('Only admin agents can change GDAP');
  await page.getByRole('tab', { name: 'Expiring' }).click();
  const northwind = page
    .locator('[data-relationship]')
    .filter({ has: page.getByText('Northwind Traders', { exact: true }) });
  await expect(northwind.getByRole('button', { name: 'Turn auto-extend on' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Open offers' }).click();
  await expect(page.getByRole('button', { name: 'New open offer' })).toBeDisabled();
});

test('7. the partner admin (an admin agent) may change GDAP: nothing is marked unavailable', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Fabrikam');
  await expect(
    detail.locator('[data-relationship]').first().getByRole('button', { name: 'Add assignment' }),
  ).toBeEnabled();
  await expect(detail.getByRole('button', { name: 'New relationship' })).toBeEnabled();
  await expect(detail.getByTestId('gdap-write-block')).toHaveCount(0);
});

test('8. Remove Global Administrator names what will change, asks, then shows its result', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Woodgrove Bank');
  const card = detail.locator('[data-relationship]').filter({ hasText: 'Global Administrator' }).first();
  await card.getByRole('button', { name: 'Remove Global Administrator…' }).click();
  const confirm = card.getByTestId('confirm-remove-ga');
  await expect(confirm).toContainText(
    'Remove Global Administrator from "Woodgrove Bank SOC 4" (Woodgrove Bank)?',
  );
  await expect(confirm).toContainText(
    /It keeps (Security Operator, Security Reader|Security Reader, Security Operator);/,
  );
  await expect(confirm).toContainText(
    "Getting it back needs a new relationship and the customer's approval.",
  );
  // Changing one's mind changes nothing.
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(card.getByText(/^Roles: /)).toContainText('Global Administrator');

  await card.getByRole('button', { name: 'Remove Global Administrator…' }).click();
  await card
    .getByTestId('confirm-remove-ga')
    .getByRole('button', { name: 'Remove Global Administrator' })
    .click();
  await expect(card.getByTestId('relationship-result')).toHaveText(
    /^Global Administrator was removed from "Woodgrove Bank SOC 4"; it now has (Security Operator, Security Reader|Security Reader, Security Operator)\.$/,
    { timeout: 30_000 },
  );
  await expect(card.getByText(/^Roles: /)).not.toContainText('Global Administrator');
  // Said on the card and, for whoever looked away, as a toast.
  await expect(page.getByText(/^Global Administrator was removed from "Woodgrove Bank SOC 4"/)).toHaveCount(
    2,
  );
});

test('a draft relationship can be deleted from its card, after confirming', async ({ page, host }) => {
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Alpine Ski House');
  const card = detail
    .locator('[data-relationship]')
    .filter({ hasText: 'Draft, not sent for approval' })
    .first();
  await expect(card).toContainText('Alpine Ski House SOC 9');
  await card.getByRole('button', { name: 'Delete draft…' }).click();
  await expect(card.getByTestId('confirm-delete')).toContainText(
    'Delete the draft "Alpine Ski House SOC 9"? It was never sent to the customer; deleting it cannot be undone.',
  );
  await card.getByTestId('confirm-delete').getByRole('button', { name: 'Delete draft' }).click();
  await expect(
    detail.locator('[data-relationship]', { hasText: /Alpine Ski House SOC 9(?!\.)/ }),
  ).toHaveCount(0);
  // Active relationships have no delete.
  const fabrikam = await openCustomer(page, 'Fabrikam');
  await expect(fabrikam.getByRole('button', { name: 'Delete draft…' })).toHaveCount(0);
});

test('8 and 9. bulk: the plan is kept while the user looks elsewhere; Apply names every customer that changes and asks first', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'Bulk changes' }).click();
  const filter = page.getByRole('searchbox', { name: 'Filter customers' });
  const picker = page.getByRole('group', { name: 'Pick customers' });
  for (const name of ['Northwind Traders', 'Trey Research', 'Fabrikam']) {
    await filter.fill(name);
    await picker.getByRole('checkbox', { name, exact: true }).check();
  }
  await expect(page.getByText('1. Customers (3 picked)')).toBeVisible();
  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'Extend: turn auto-extend on' }).click();
  await page.getByRole('button', { name: 'Plan' }).click();
  const plan = page.getByRole('table', { name: 'Bulk plan' });
  await expect(plan.locator('tbody tr')).toHaveCount(3);

  // Elsewhere and back: the picks, the action and the plan are as they were.
  await page.getByRole('tab', { name: 'Customers', exact: true }).click();
  await expect(plan).toHaveCount(0);
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Bulk changes', selected: true })).toBeVisible();
  await expect(page.getByText('1. Customers (3 picked)')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Action' })).toHaveText('Extend: turn auto-extend on');
  await expect(plan.locator('tbody tr')).toHaveCount(3);
  await expect(filter).toHaveValue('Fabrikam');

  // Apply says what will change, for whom, before anything is sent.
  await page.getByRole('button', { name: 'Apply to 2 customers…' }).click();
  const confirm = page.getByTestId('bulk-confirm');
  await expect(confirm).toContainText('Extend: turn auto-extend on for 2 customers: ');
  await expect(confirm).toContainText('Northwind Traders (');
  await expect(confirm).toContainText('Trey Research (');
  await expect(confirm).not.toContainText('Fabrikam (');
  await confirm.getByRole('button', { name: 'Not yet' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('bulk-summary')).toHaveCount(0);
  await page.getByRole('button', { name: 'Apply to 2 customers…' }).click();
  await confirm.getByRole('button', { name: 'Apply now' }).click();
  await expect(page.getByTestId('bulk-summary')).toHaveText('Results: 2 succeeded, 0 failed, 1 unchanged', {
    timeout: 60_000,
  });
});

test('all relationships: one table across customers; "which still hold Global Administrator?" is one tick', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'All relationships' }).click();
  const table = page.getByRole('table', { name: 'All relationships' });
  const count = page.getByTestId('relationship-count');
  await expect(count).toHaveText(/^(\d+) of \1 relationships$/);
  const total = Number(/of (\d+)/.exec((await count.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(40);

  await page.getByRole('checkbox', { name: 'Holds Global Administrator' }).check();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Active', exact: true }).click();
  await expect(count).toHaveText(`4 of ${total} relationships`);
  for (const name of ['Woodgrove Bank', 'Fourth Coffee', 'Southridge Video', 'Woodgrove Pharmacy'])
    await expect(table.locator('[data-relationship-row]', { hasText: name })).toHaveCount(1);
  await expect(table).not.toContainText(/approvalPending|terminated\b/);

  // Relationships that give nobody access: none in the sample until one is made.
  await page.getByRole('checkbox', { name: 'Holds Global Administrator' }).uncheck();
  await page.getByRole('checkbox', { name: 'No group assigned' }).check();
  await expect(count).toHaveText(`0 of ${total} relationships`);
  await page.getByRole('checkbox', { name: 'No group assigned' }).uncheck();
  await expect(count).not.toHaveText(`0 of ${total} relationships`);

  // Ending within 30 days, without auto-extend (Graph says those are "expiring": any status here).
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Any status' }).click();
  await page.getByRole('combobox', { name: 'Ends' }).click();
  await page.getByRole('option', { name: 'Within 30 days' }).click();
  await expect(page.getByRole('combobox', { name: 'Ends' })).toHaveText('Within 30 days');
  await page.getByRole('combobox', { name: 'Auto-extend' }).click();
  await page.getByRole('option', { name: 'Will not auto-extend' }).click();
  await expect(count).toHaveText(`4 of ${total} relationships`);
  await expect(table.locator('[data-relationship-row]', { hasText: 'Northwind Traders' })).toContainText(
    /in \d+ days?/,
  );

  await table.getByRole('button', { name: /^Actions for Northwind Traders:/ }).click();
  await page.getByRole('menuitem', { name: 'Open customer' }).click();
  await expect(page.getByTestId('customer-detail')).toContainText('Northwind Traders');
});

async function allRelationships(page: Page) {
  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'All relationships' }).click();
  return page.getByRole('table', { name: 'All relationships' });
}

/** The names of the menu items a row's Actions button offers, in order. */
async function rowActions(page: Page, table: Locator, name: RegExp): Promise<string[]> {
  await table.getByRole('button', { name }).click();
  const items = page.getByRole('menuitem');
  await expect(items.first()).toBeVisible();
  const names = (await items.allTextContents()).map((t) => t.trim());
  await page.keyboard.press('Escape');
  await expect(items).toHaveCount(0);
  return names;
}

test("all relationships: each row offers its own relationship's actions, by status", async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const table = await allRelationships(page);
  await page.getByRole('searchbox', { name: 'Search relationships' }).fill('Alpine Ski House SOC 9');
  expect(await rowActions(page, table, /^Actions for Alpine Ski House: Alpine Ski House SOC 9$/)).toEqual([
    'Open customer',
    'Lock for approval',
    'Delete draft…',
  ]);
  await page.getByRole('searchbox', { name: 'Search relationships' }).fill('Woodgrove Bank SOC 4');
  expect(await rowActions(page, table, /^Actions for Woodgrove Bank: Woodgrove Bank SOC 4$/)).toEqual([
    'Open customer',
    'Add assignment…',
    'Remove Global Administrator…',
    'Terminate…',
  ]);
  await page.getByRole('searchbox', { name: 'Search relationships' }).fill('Fabrikam SOC 1');
  const fabrikam = await rowActions(page, table, /^Actions for Fabrikam: Fabrikam SOC 1$/);
  expect(fabrikam).toContain('Terminate…');
  expect(fabrikam).not.toContain('Remove Global Administrator…');
  expect(fabrikam).not.toContain('Delete draft…');
  expect(fabrikam.filter((n) => /^Turn auto-extend (on|off)$/.test(n))).toHaveLength(1);

  // Awaiting approval: the link, for that relationship.
  await page.getByRole('searchbox', { name: 'Search relationships' }).fill('Adatum');
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Awaiting customer approval' }).click();
  await table
    .getByRole('button', { name: /^Actions for Adatum/ })
    .first()
    .click();
  await page.getByRole('menuitem', { name: 'Approval link and message' }).click();
  const approval = page.getByRole('dialog');
  await expect(approval).toContainText('Adatum');
  await expect(approval).toContainText('https://');
});

test('all relationships: Remove Global Administrator from a row asks first, then says how it ended; the filter follows', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const table = await allRelationships(page);
  const count = page.getByTestId('relationship-count');
  await page.getByRole('checkbox', { name: 'Holds Global Administrator' }).check();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Active', exact: true }).click();
  await expect(count).toHaveText(/^4 of \d+ relationships$/);

  const actions = table.getByRole('button', { name: /^Actions for Woodgrove Bank: Woodgrove Bank SOC 4$/ });
  await actions.click();
  await page.getByRole('menuitem', { name: 'Remove Global Administrator…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove Global Administrator' });
  await expect(confirm).toContainText(
    'Remove Global Administrator from "Woodgrove Bank SOC 4" (Woodgrove Bank)?',
  );
  await expect(confirm).toContainText(
    /It keeps (Security Operator, Security Reader|Security Reader, Security Operator);/,
  );
  // Changing one's mind changes nothing.
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(count).toHaveText(/^4 of \d+ relationships$/);

  await actions.click();
  await page.getByRole('menuitem', { name: 'Remove Global Administrator…' }).click();
  await confirm.getByRole('button', { name: 'Remove Global Administrator' }).click();
  // The result reaches the user as a toast even though the row leaves the filtered table.
  const toast = page.getByText(/^Global Administrator was removed from "Woodgrove Bank SOC 4"; it now has /);
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(count).toHaveText(/^3 of \d+ relationships$/, { timeout: 15_000 });
  await expect(table.locator('[data-relationship-row]', { hasText: 'Woodgrove Bank SOC 4' })).toHaveCount(0);
});

test('7. when Graph refuses a change the permission check allowed, the user reads why and what to do; nothing changes', async ({
  page,
  host,
  dataDir,
}) => {
  // Pat is an admin agent, so the app offers the change; Graph still answers 403 (as it does when
  // the Admin Agent role was removed in Partner Center after the app read it).
  armFaults(dataDir, [
    {
      kind: '403',
      match: '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/*',
      method: 'PATCH',
    },
  ]);
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Fabrikam');
  const card = detail.locator('[data-relationship]', { hasText: 'Fabrikam SOC 1' }).first();
  const toggle = card.getByRole('button', { name: /^Turn auto-extend (on|off)$/ });
  const before = (await toggle.textContent()) ?? '';
  await expect(toggle).toBeEnabled();
  await toggle.click();
  const message = card.getByText(/^Changing the relationship’s auto-extend failed\. Microsoft Graph refused/);
  await expect(message).toBeVisible({ timeout: 30_000 });
  await expect(message).toContainText('Admin Agent');
  await expect(message).not.toContainText(/internal|unexpected problem/i);
  // Nothing changed: the same action is still offered.
  await expect(card.getByRole('button', { name: before })).toBeVisible();
});

test('names with control or direction characters are refused for relationships and templates, with the reason', async ({
  page,
  host,
}) => {
  await signedIn(page, host);
  const detail = await openCustomer(page, 'Tailspin Toys');
  await detail.getByRole('button', { name: 'New relationship' }).click();
  const create = page.getByRole('dialog', { name: 'New GDAP relationship' });
  const name = create.getByLabel(/^Name/);
  // Pasted with a right-to-left override: it would display as "Tailspin Toys - SOCcod.exe".
  await name.fill('Tailspin Toys - SOC\u202Eexe.doc');
  await expect(create).toContainText('The name contains the invisible direction control U+202E');
  await expect(create.getByRole('button', { name: 'Create relationship' })).toBeDisabled();
  await name.fill('Tailspin\tToys');
  await expect(create).toContainText('The name contains a tab. Use one line of ordinary text.');
  await name.fill('Tailspin Toys - SOC');
  await expect(create.getByRole('button', { name: 'Create relationship' })).toBeEnabled();
  await create.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'GDAP', exact: true }).click();
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Edit Security Copilot: analyst' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Analyst \u2066template');
  await expect(dialog).toContainText("The template's name contains the invisible direction control U+2066");
  await expect(dialog.getByRole('button', { name: 'Save template' })).toBeDisabled();
});
