import { describe, expect, it } from 'vitest';
import type { AccountService } from '../../../main/core/accounts/account-service';
import type { CustomerService } from '../../../main/core/customers/customer-service';
import type { LaunchModeDocument } from '../../../main/core/launch/launch-mode-document';
import { LaunchModeService } from '../../../main/core/launch/launch-modes';
import { LaunchService } from '../../../main/core/launch/launch-service';
import type { LaunchHow } from '../../../main/core/launch/opener';
import type { DocumentStore } from '../../../main/core/platform/persistence/document-store';
import type { AuthStatus } from '../../../shared/contract/contract';
import type { ListedCustomer } from '../../../shared/customers/customer-directory';
import { PUBLIC_CLOUD } from '../../../shared/platform/cloud-profile';
import { tenantId } from '../../../shared/platform/tenant-id';

const ADA = { homeAccountId: 'ada.home', username: 'ada@contoso.com', name: 'Ada', tenantId: 't' };
const PAT = { homeAccountId: 'pat.home', username: 'pat@contoso.com', name: 'Pat', tenantId: 't' };
const T = tenantId('0b8f6c3e-1d2a-4e5f-9a7b-3c4d5e6f7a8b');

function modes(host: 'web' | 'electron', signedIn: AuthStatus['accounts'], active: string | null) {
  let doc: LaunchModeDocument = { accounts: {} } as LaunchModeDocument;
  const store = { get: () => doc, set: (d: LaunchModeDocument) => void (doc = d) };
  const accounts = {
    status: async (): Promise<AuthStatus> => ({
      accounts: signedIn,
      activeAccountId: active,
      tokenStorage: 'memory',
    }),
  };
  return new LaunchModeService(
    host,
    store as unknown as DocumentStore<LaunchModeDocument>,
    accounts as unknown as AccountService,
  );
}

describe('launching as the right partner account', () => {
  it.each([
    ['no account', [], null],
    ['one account', [ADA], ADA.homeAccountId],
  ] as const)('says nothing with %s signed in', async (_what, signedIn, active) => {
    expect((await modes('web', signedIn, active).howFor()).warning).toBeUndefined();
  });

  it.each([
    [
      'the browser host',
      'web',
      { mode: 'browserProfile', privateWindow: true },
      'a private Microsoft Edge window',
    ],
    ['the desktop app', 'electron', { mode: 'appWindow' }, 'a Switchboard window signed in as this account'],
  ] as const)(
    'with two accounts and the default browser, %s names the active account and offers its own launches',
    async (_host, host, suggested, label) => {
      const service = modes(host, [ADA, PAT], PAT.homeAccountId);
      const { warning } = await service.howFor();
      expect(warning?.account).toEqual({ homeAccountId: PAT.homeAccountId, username: PAT.username });
      expect(warning?.message).toMatch(/2 partner accounts are signed in/);
      expect(warning?.message).toContain('pat@contoso.com');
      expect(warning?.message).not.toContain('ada@contoso.com');
      expect(warning?.suggestedMode).toMatchObject(suggested);
      expect(warning?.suggestedLabel).toBe(label);

      // One click later (launch.setMode with the suggestion), that account's launches say nothing.
      await service.setMode(PAT.homeAccountId, warning!.suggestedMode);
      expect((await service.howFor()).warning).toBeUndefined();
      // ... unless this one launch is sent to the default browser after all.
      expect((await service.howFor('defaultBrowser')).warning?.account.username).toBe(PAT.username);
    },
  );

  it('the launch answers with the warning, and the opener gets only how to open', async () => {
    const service = modes('web', [ADA, PAT], ADA.homeAccountId);
    const handed: Array<LaunchHow | undefined> = [];
    const customer = {
      tenantId: T,
      displayName: 'Fabrikam',
      domain: 'fabrikam.com',
      source: 'gdap',
      accessPath: 'gdap',
      reach: null,
    } as ListedCustomer;
    const launch = new LaunchService(
      { get: () => customer, recordLaunch: () => undefined } as unknown as CustomerService,
      async () => PUBLIC_CLOUD,
      { open: async (_url, how) => (handed.push(how), { handled: false }) },
      (override) => service.howFor(override),
    );
    const result = await launch.open(T, 'securityCopilot');
    expect(result.openedBy).toBe('page');
    expect(result.warning?.account.username).toBe('ada@contoso.com');
    expect(handed[0]).not.toHaveProperty('warning');
    expect(handed[0]?.mode.mode).toBe('defaultBrowser');
  });
});
