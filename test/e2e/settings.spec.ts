import { expect, startHost, test } from './host';

// A fresh install: the sandbox cloud, no app registration.
test.use({ cloud: 'sandbox' });

test('settings choose the cloud and app registration, refuse a bad client ID, and keep the choice', async ({
  page,
  host,
  dataDir,
}) => {
  await page.goto(host.url);
  // The first-run cloud is the sandbox, and the header and Settings say it is a stand-in.
  await expect(page.getByRole('banner')).toContainText('Sandbox: a stand-in, not your tenant');
  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Cloud and app registration' });
  await expect(form.getByRole('radio', { name: /^Sandbox/ })).toBeChecked();
  await expect(form).toContainText('nothing you do here reaches a real tenant');
  await expect(form).toContainText('To use your own tenant, choose Microsoft public cloud');

  await form.getByRole('radio', { name: /^Microsoft public cloud/ }).check();
  await expect(form).toContainText('To sign in (directory sync, GDAP, guests), register the app');
  const clientId = form.getByRole('textbox', { name: /client\) ID/ });
  await clientId.fill('switchboard.contoso.com');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form).toContainText('is not a client ID');
  await expect(clientId).toHaveValue('switchboard.contoso.com');
  await expect(page.getByRole('banner')).toContainText('Sandbox');

  await clientId.fill('1B730954-1685-4B74-9BFD-DAC224A7B894');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Switchboard now uses the Microsoft public cloud');
  await expect(page.getByRole('banner')).toContainText('Microsoft public cloud');
  await expect(page.getByRole('banner')).not.toContainText('stand-in');
  await expect(page.getByRole('table', { name: 'Permissions Switchboard asks for' })).toContainText(
    'DelegatedAdminRelationship.ReadWrite.All',
  );

  await host.stop();
  const again = await startHost(dataDir);
  try {
    await page.goto(again.url);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(page.getByRole('radio', { name: /^Microsoft public cloud/ })).toBeChecked();
    await expect(page.getByRole('textbox', { name: /client\) ID/ })).toHaveValue(
      '1b730954-1685-4b74-9bfd-dac224a7b894',
    );
  } finally {
    await again.stop();
  }
});

test('the switcher hotkey: a bare key is refused with the reason, a chosen one is kept as Electron writes it', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Cloud and app registration' });
  const hotkey = form.getByRole('textbox', { name: /Switcher hotkey/ });
  await expect(hotkey).toHaveAttribute('placeholder', 'CommandOrControl+Alt+K');
  await hotkey.fill('K');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form).toContainText('would take K from every other app');
  await expect(hotkey).toHaveValue('K');

  await hotkey.fill(' ctrl + shift + space ');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(hotkey).toHaveValue('Control+Shift+Space');
  await page.reload();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('textbox', { name: /Switcher hotkey/ })).toHaveValue('Control+Shift+Space');
});
