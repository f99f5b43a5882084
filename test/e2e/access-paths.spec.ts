import { customerRow as row, inviteAdaAsPat, openCustomer, seedAccessPaths } from './access-paths-seed';
import { expect, signInOnSandboxPage, startHost, syncDirectoryAs, test } from './host';

// Which path the signed-in analyst arrives by, per customer, in the customers list and the switcher,
// from facts (the directory synced as them, the guest accounts read), against the sandbox: Pat (the
// partner admin) invites Ada to a customer where only his admin agents have GDAP; Ada signs in on the
// same Switchboard and syncs; the list and the switcher say "via GDAP", "GDAP + guest", "no access"
// and, where she is only invited, to accept the invitation first, with the link.
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

test('the customers list and the switcher say which path the analyst arrives by; an invitation not accepted is to be accepted first', async ({
  page,
  context,
  dataDir,
}) => {
  test.setTimeout(180_000);
  const seeded = seedAccessPaths(dataDir);
  const host = await startHost(dataDir);
  try {
    // Pat invites Ada as a guest where only his admin agents have GDAP.
    await page.goto(host.url);
    await signInOnSandboxPage(page, /Pat Partner-Admin/);
    await syncDirectoryAs(page, /read as pat\.admin/);
    const link = await inviteAdaAsPat(page, seeded.invitedTo);
    // For Pat himself that customer is reached through GDAP, by his admin agents group.
    await page.getByRole('button', { name: 'Close details' }).click();
    await expect(row(page, seeded.invitedTo).getByTestId('reach-detail')).toHaveText(
      'AdminAgents → Guest Inviter, User Administrator, Privileged Role Administrator',
    );

    // Ada signs in on the same Switchboard and syncs: the list now says how she reaches each customer.
    await signInOnSandboxPage(page, /Ada Analyst/);
    await syncDirectoryAs(page, /read as ada\.analyst/);
    // Her guest account in "both" is read on its page.
    const both = await openCustomer(page, seeded.both);
    await expect(both.getByRole('region', { name: 'Guest accounts' })).toContainText('Ada Analyst');
    await expect(both.getByTestId('customer-reach')).toContainText(
      `You reach ${seeded.both} through GDAP: SOC Analysts - Security Reader → Security Reader; and as a B2B guest: Security Reader, permanent.`,
    );
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('');

    const expectRow = async (name: string, label: string, detail: string | RegExp) => {
      await page.getByRole('searchbox', { name: 'Search customers' }).fill(name);
      const r = row(page, name);
      await expect(r.locator('[data-access-path]')).toHaveText(label);
      await expect(r.getByTestId('reach-detail')).toHaveText(detail);
    };
    await expectRow(seeded.gdapOnly, 'via GDAP', 'SOC Analysts - Security Reader → Security Reader');
    await expectRow(
      seeded.both,
      'GDAP + guest',
      'SOC Analysts - Security Reader → Security Reader; guest: Security Reader',
    );
    await expectRow(seeded.expired, 'no access', 'No GDAP group of yours');
    await expectRow(seeded.invitedTo, 'accept invite first', 'Invited, not accepted yet');

    // The switcher says the same per customer.
    await page.keyboard.press('Control+K');
    const switcher = page.getByRole('dialog', { name: 'Switch tenant' });
    const box = switcher.getByRole('combobox', { name: 'Find a customer' });
    const option = (name: string) =>
      switcher.getByRole('option').filter({ has: page.getByText(name, { exact: true }) });
    for (const [name, words] of [
      [seeded.gdapOnly, 'via GDAP'],
      [seeded.both, 'GDAP + guest'],
      [seeded.expired, 'no access'],
      [seeded.invitedTo, 'accept invite first'],
    ] as const) {
      await box.fill(name);
      await expect(option(name).locator('[data-access-path]')).toHaveText(words);
    }

    // Enter on the customer she is only invited to: nothing opens; she is told to accept first, with the link.
    await box.fill(seeded.invitedTo);
    await expect(option(seeded.invitedTo)).toHaveAttribute('aria-selected', 'true');
    const pagesBefore = context.pages().length;
    await page.keyboard.press('Enter');
    const acceptFirst = switcher.getByTestId('accept-first');
    await expect(acceptFirst).toContainText(`Accept your invitation to ${seeded.invitedTo} first`);
    await expect(acceptFirst.getByRole('textbox', { name: 'Link to accept the invitation' })).toHaveValue(
      link,
    );
    expect(context.pages()).toHaveLength(pagesBefore);
    // She still may open it: Open anyway, or Enter again, launches Security Copilot there.
    await expect(acceptFirst.getByRole('button', { name: 'Open anyway' })).toBeVisible();
    const [tab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe('/portals/securitycopilot.microsoft.com/');
    await tab.close();

    // The list's Launch button says the same before it opens anything: Not now opens nothing, Open anyway opens it.
    await page.keyboard.press('Escape');
    await expect(switcher).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Search customers' }).fill(seeded.invitedTo);
    const launchButton = row(page, seeded.invitedTo).getByRole('button', {
      name: `Launch Security Copilot for ${seeded.invitedTo}`,
    });
    await launchButton.click();
    const held = page.getByRole('dialog', { name: `Launch Security Copilot for ${seeded.invitedTo}` });
    await expect(held.getByTestId('accept-first')).toContainText(
      `Accept your invitation to ${seeded.invitedTo} first`,
    );
    await expect(held.getByRole('textbox', { name: 'Link to accept the invitation' })).toHaveValue(link);
    const pagesNow = context.pages().length;
    await held.getByRole('button', { name: 'Not now' }).click();
    await expect(held).toHaveCount(0);
    expect(context.pages()).toHaveLength(pagesNow);
    await launchButton.click();
    const [anyway] = await Promise.all([
      context.waitForEvent('page'),
      held.getByRole('button', { name: 'Open anyway' }).click(),
    ]);
    await anyway.waitForLoadState();
    expect(new URL(anyway.url()).searchParams.get('tenantId')).toBeTruthy();
    await anyway.close();

    // She accepts; her guest account is read again on the customer's page: "as guest" now.
    const redeem = await context.newPage();
    await redeem.goto(link);
    await redeem.getByRole('button', { name: 'Accept' }).click();
    await expect(redeem.getByText('You are now a guest in this organization.')).toBeVisible();
    await redeem.close();
    const invited = await openCustomer(page, seeded.invitedTo);
    await expect(invited.getByRole('region', { name: 'Guest accounts' })).toContainText(/Accepted since/);
    await expect(row(page, seeded.invitedTo).locator('[data-access-path]')).toHaveText('as guest');
    await expect(invited.getByTestId('shortcut-arrival')).toHaveText(
      `Its description: “Security Copilot for ${seeded.invitedTo} (arrives as a B2B guest)”`,
    );
  } finally {
    await host.stop();
  }
});
