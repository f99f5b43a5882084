import fs from 'node:fs';
import path from 'node:path';
import { generateSample, sampleKind } from '../../main/sandbox/state/sample';
import { ACCESS_GRANTING_STATUSES } from '../../shared/gdap/gdap';
import { ROLE_IDS } from '../../shared/gdap/roles';
import { expect, signInOnSandboxPage, startHost, syncDirectoryAs, test } from './host';

// B2B guests end to end in the browser host against the sandbox: the partner admin invites Ada to a
// customer where the partner's GDAP path carries Guest Inviter and Privileged Role Administrator, Ada
// redeems the link on the sandbox's redeem page, the access matrix shows her guest role, and
// launching that customer's Security Copilot shows her there as a guest with Security Reader.
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

/** The sandbox's sample (as the app would start it), with AdminAgents holding inviting roles in one customer. */
function seedSandbox(dataDir: string): string {
  const data = generateSample({ customers: 40, seed: 1, now: new Date() });
  const customers = data.tenants.filter((t) => t.kind === 'customer');
  const index = customers.findIndex((_, i) => sampleKind(i) === 'created');
  const customer = customers[index];
  const relationship = data.relationships.find(
    (r) => r.customer?.tenantId === customer?.id && r.status === 'created',
  );
  const adminAgents = data.groups.find((g) => g.displayName === 'AdminAgents');
  if (!customer || !relationship || !adminAgents)
    throw new Error('The sample changed: no draft relationship to use');
  const now = Date.now();
  const roles = [ROLE_IDS.guestInviter, ROLE_IDS.userAdministrator, ROLE_IDS.privilegedRoleAdministrator].map(
    (roleDefinitionId) => ({ roleDefinitionId }),
  );
  Object.assign(relationship, {
    status: 'active',
    accessDetails: { unifiedRoles: roles },
    activatedDateTime: new Date(now - 86_400_000).toISOString(),
    endDateTime: new Date(now + 700 * 86_400_000).toISOString(),
    approvedDateTime: new Date(now - 2 * 86_400_000).toISOString(),
    lockedDateTime: new Date(now - 3 * 86_400_000).toISOString(),
  });
  data.accessAssignments.push({
    id: crypto.randomUUID(),
    relationshipId: relationship.id,
    accessContainer: { accessContainerId: adminAgents.id, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: roles },
    status: 'active',
    createdDateTime: new Date(now - 86_400_000).toISOString(),
    lastModifiedDateTime: new Date(now - 86_400_000).toISOString(),
    version: 1,
    settlesAt: null,
  });
  fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'sandbox', 'sandbox-state.json'), JSON.stringify(data));
  return customer.displayName;
}

test('invite an analyst → she redeems → the matrix shows her guest role → Security Copilot shows her as a guest with Security Reader', async ({
  page,
  context,
  dataDir,
}) => {
  test.setTimeout(120_000);
  const customerName = seedSandbox(dataDir);
  // The host starts after the seed, so its sandbox loads it.
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await signInOnSandboxPage(page, /Pat Partner-Admin/);
    await syncDirectoryAs(page, /read as pat\.admin/);

    await page.getByRole('searchbox', { name: 'Search customers' }).fill(customerName);
    await page.locator('[data-tenant]').first().getByText(customerName, { exact: true }).click();
    const detail = page.getByTestId('customer-detail');
    const section = detail.getByRole('region', { name: 'Guest accounts' });
    await expect(section).toContainText(`None of your analysts has a guest account in ${customerName}.`);

    await section.getByRole('button', { name: 'Invite an analyst' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite an analyst as a guest' });
    // A hurried paste of a display-name address is refused as it is typed.
    await invite.getByLabel('Email address').fill('Ada Analyst <ada.analyst@contosomssp.onmicrosoft.com>');
    await expect(invite).toContainText('Enter the address only, without a name or angle brackets');
    await expect(invite.getByRole('button', { name: 'Invite' })).toBeDisabled();
    await invite.getByRole('combobox', { name: 'Analyst' }).fill('Ada');
    await invite.getByRole('combobox', { name: 'Analyst' }).press('ArrowDown');
    await page.getByRole('option', { name: /Ada Analyst/ }).click();
    await expect(invite.getByLabel('Email address')).toHaveValue('ada.analyst@contosomssp.onmicrosoft.com');
    await invite.getByLabel('Directory role').selectOption({ label: 'Security Reader' });
    await invite.getByRole('radio', { name: 'Permanent' }).check();
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect(invite).toBeHidden();
    await expect(section).toContainText('Invited ada.analyst@contosomssp.onmicrosoft.com');
    const link = await section
      .getByRole('textbox', { name: 'Link for the analyst to accept the invitation' })
      .inputValue();
    expect(link).toMatch(/\/portals\/invitations\.microsoft\.com\/redeem\/\?tenant=/);
    const guest = section.getByRole('listitem', { name: 'Ada Analyst' });
    await expect(guest).toContainText('Invited, not accepted yet');
    await expect(guest).toContainText('Security Reader, permanent');

    // Ada opens the link and accepts; Switchboard reads the guest again and says accepted.
    const redeem = await context.newPage();
    await redeem.goto(link);
    await redeem.getByRole('button', { name: 'Accept' }).click();
    await expect(redeem.getByText('You are now a guest in this organization.')).toBeVisible();
    const landing = await redeem.getByRole('link', { name: 'Continue' }).getAttribute('href');
    expect(landing).toMatch(/securitycopilot\.microsoft\.com\/\?tenantId=[0-9a-f-]{36}$/);
    await redeem.close();
    await section.getByRole('button', { name: 'Read again' }).click();
    await expect(guest).toContainText(/Accepted since/);

    // The access matrix: Ada reaches this customer as a guest with Security Reader.
    await page.getByRole('tab', { name: 'Access matrix' }).click();
    await page.getByRole('button', { name: 'Read guests from every customer' }).click();
    await page.getByRole('textbox', { name: 'Customer' }).fill(customerName);
    const row = page.getByRole('row', { name: customerName });
    await expect(row.getByRole('gridcell', { name: 'Ada Analyst: Guest' })).toContainText(
      'Guest · Security Reader',
      {
        timeout: 30_000,
      },
    );
    await page.getByRole('checkbox', { name: 'Reaches Sentinel' }).check();
    await expect(row).toBeVisible();
    await page.getByRole('checkbox', { name: 'Reaches Sentinel' }).uncheck();

    // Onboarding Rory to the customer shown: one invitation with Security Operator, and its link.
    await page.getByRole('button', { name: 'Onboard an analyst' }).click();
    const onboard = page.getByRole('dialog', { name: 'Onboard an analyst' });
    await expect(onboard).toContainText('Onboard an analyst to 1 customer');
    await onboard
      .getByLabel('Analyst')
      .selectOption({ label: 'Rory Responder (rory.responder@contosomssp.onmicrosoft.com)' });
    await onboard.getByLabel('Directory role').selectOption({ label: 'Security Operator' });
    await onboard.getByRole('button', { name: 'Plan' }).click();
    await expect(onboard.getByRole('list', { name: 'Planned onboarding' })).toContainText(
      'Invite rory.responder@contosomssp.onmicrosoft.com as a guest with Security Operator.',
    );
    // The partner group GDAP maps there is offered, not picked, and said to reach all its customers.
    await expect(onboard.getByRole('group', { name: 'Partner groups to add the analyst to' })).toContainText(
      'Add Rory Responder to the partner group “AdminAgents”: one change that gives Rory Responder GDAP access through it in',
    );
    await onboard.getByRole('button', { name: 'Apply to 1 customer' }).click();
    await expect(onboard.getByTestId('onboard-link')).toContainText('/redeem/?tenant=');
    await onboard.getByRole('button', { name: 'Close' }).click();
    await expect(row.getByRole('gridcell', { name: 'Rory Responder: Invited' })).toBeVisible();

    // Launch: the customer's Security Copilot shows Ada as a guest with Security Reader.
    await page.getByRole('tab', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill(customerName);
    await page.locator('[data-tenant]').first().getByText(customerName, { exact: true }).click();
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('customer-detail').getByRole('button', { name: 'Launch Security Copilot' }).click(),
    ]);
    await tab.waitForLoadState();
    const launched = new URL(tab.url());
    await tab.goto(
      `${launched.origin}/portals/securitycopilot.microsoft.com/sandbox/signin?return=${encodeURIComponent(launched.pathname + launched.search)}`,
    );
    await tab.getByRole('radio', { name: /Ada Analyst/ }).check();
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await expect(tab.locator('[data-user]')).toHaveText('ada.analyst@contosomssp.onmicrosoft.com');
    await expect(tab.locator('[data-access-path]')).toHaveText(/^B2B guest account/);
    await expect(tab.locator('[data-roles]')).toHaveText('Security Reader');
  } finally {
    await host.stop();
  }
});

/** The sample as the app would start it; the customers Ada reaches through "SOC Analysts - Security Reader". */
function seedForOffboarding(dataDir: string): string[] {
  const data = generateSample({ customers: 12, seed: 3, now: new Date() });
  const readers = data.groups.find((g) => g.displayName === 'SOC Analysts - Security Reader');
  if (!readers) throw new Error('The sample changed: no readers group');
  const granting = new Map(
    data.relationships
      .filter((r) => ACCESS_GRANTING_STATUSES.has(r.status))
      .map((r) => [r.id, r.customer?.displayName ?? '']),
  );
  const reached = data.accessAssignments
    .filter((a) => a.status === 'active' && a.accessContainer.accessContainerId === readers.id)
    .map((a) => granting.get(a.relationshipId))
    .filter((name): name is string => name !== undefined && name !== '');
  fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'sandbox', 'sandbox-state.json'), JSON.stringify(data));
  return [...new Set(reached)];
}

test('offboard an analyst → the plan names her partner group once with all its customers → the partner admin consents → the matrix shows no GDAP path for her there', async ({
  page,
  dataDir,
}) => {
  test.setTimeout(120_000);
  const reached = seedForOffboarding(dataDir);
  expect(reached.length).toBeGreaterThan(1);
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await signInOnSandboxPage(page, /Pat Partner-Admin/);
    await syncDirectoryAs(page, /read as pat\.admin/);

    // Before: Ada reaches each of those customers through GDAP.
    await page.getByRole('tab', { name: 'Access matrix' }).click();
    const adaIn = (customer: string) =>
      page
        .getByRole('row', { name: customer, exact: true })
        .getByRole('gridcell', { name: /^Ada Analyst: / });
    await page.getByRole('textbox', { name: 'Customer' }).fill(reached[0] ?? '');
    await expect(adaIn(reached[0] ?? '')).toHaveAccessibleName(/^Ada Analyst: GDAP/);

    await page.getByRole('button', { name: 'Offboard an analyst' }).click();
    const dialog = page.getByRole('dialog', { name: 'Offboard an analyst' });
    await dialog
      .getByLabel('Analyst')
      .selectOption({ label: 'Ada Analyst (ada.analyst@contosomssp.onmicrosoft.com)' });
    await dialog.getByRole('button', { name: 'Plan' }).click();
    // The group is one step, in words, with how many customers it reaches and some of their names.
    const steps = dialog.getByRole('list', { name: 'Planned partner group removals' });
    await expect(steps.getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });
    await expect(steps).toContainText(
      `Remove Ada Analyst from the partner group “SOC Analysts - Security Reader”: one change that ends Ada Analyst's GDAP access through it in all ${reached.length} customers it is mapped to (`,
    );
    const firstNames = [...reached].sort((a, b) => a.localeCompare(b)).slice(0, 2);
    for (const name of firstNames) await expect(steps).toContainText(name);

    // Applying asks for GroupMember.ReadWrite.All the first time: the partner admin consents in the browser.
    const [consent] = await Promise.all([
      page.context().waitForEvent('page'),
      dialog.getByRole('button', { name: /^Remove .*1 partner group membership$/ }).click(),
    ]);
    await consent.getByRole('radio', { name: /Pat Partner-Admin/ }).check();
    await consent.getByRole('button', { name: 'Next' }).click();
    await expect(consent.getByText('GroupMember.ReadWrite.All needs an administrator')).toBeVisible();
    await consent.getByRole('button', { name: 'Accept' }).click();
    await expect(consent.getByText('You are signed in to MSSP Switchboard')).toBeVisible();
    await consent.close();

    const groupResults = dialog.getByRole('list', { name: 'Partner group results' });
    await expect(groupResults).toContainText(
      `SOC Analysts - Security Reader (${reached.length} customers), Succeeded: Removed Ada Analyst from “SOC Analysts - Security Reader”: Ada Analyst no longer reaches its ${reached.length} customers through it.`,
      { timeout: 30_000 },
    );
    await expect(dialog.getByTestId('offboard-summary')).toContainText('0 failed');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // After: no GDAP path for Ada in any of those customers (a guest account may remain where it could not be removed).
    for (const customer of reached) {
      await page.getByRole('textbox', { name: 'Customer' }).fill(customer);
      await expect(adaIn(customer)).toHaveAccessibleName(
        /^Ada Analyst: (No access|no access|Guest|Invited)$/,
      );
    }
  } finally {
    await host.stop();
  }
});
