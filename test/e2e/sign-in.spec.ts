import { expect, test } from './host';

// A fresh install: the sandbox cloud. The test browser stands in for the analyst's browser; it is told
// to accept the sandbox's certificate (its CA is not in this throwaway profile), as a person would
// after trusting the CA the sandbox prints.
test.use({ cloud: 'sandbox', ignoreHTTPSErrors: true });

test('an analyst signs in through the sandbox sign-in page and sees the account', async ({
  page,
  context,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await expect(page.getByText('No account is signed in yet.')).toBeVisible();

  const [signInPage] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Sign in with the browser' }).click(),
  ]);
  await expect(signInPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signInPage.getByRole('radio', { name: /Ada Analyst/ }).check();
  await signInPage.getByRole('button', { name: 'Next' }).click();
  await expect(signInPage.getByRole('heading', { name: 'Permissions requested' })).toBeVisible();
  await signInPage.getByRole('button', { name: 'Accept' }).click();
  // msal-node's loopback listener answers the form_post with Switchboard's success page.
  await expect(signInPage.getByText('You are signed in to MSSP Switchboard')).toBeVisible();

  const accounts = page.getByRole('list', { name: 'Signed-in accounts' });
  await expect(accounts.getByRole('listitem')).toHaveCount(1);
  await expect(accounts).toContainText('ada.analyst@contosomssp.onmicrosoft.com');
  await expect(accounts).toContainText('(active)');
  await expect(page.getByText('kept in memory only')).toBeVisible();

  await accounts.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('No account is signed in yet.')).toBeVisible();
});
