/**
 * Each partner account's launch mode (default browser, a browser profile, a private window, or a
 * Switchboard window on the account's own session), and which modes this host offers: the browser
 * host cannot open app windows.
 */
import { createHash } from 'node:crypto';
import type { AppInfo, LaunchIdentityWarning, LaunchModes } from '../../../shared/contract/contract';
import {
  accountPartition,
  DEFAULT_LAUNCH_MODE,
  describeLaunchMode,
  LAUNCH_MODE_LABELS,
  LAUNCH_MODES,
  type LaunchMode,
  type LaunchModeId,
} from '../../../shared/launch/launch-mode';
import type { AccountService } from '../accounts/account-service';
import { UserFacingError } from '../platform/errors';
import type { DocumentStore } from '../platform/persistence/document-store';
import type { LaunchModeDocument } from './launch-mode-document';
import type { LaunchHow } from './opener';

export class LaunchModeService {
  readonly available: ReadonlyArray<LaunchModeId>;

  constructor(
    host: AppInfo['host'],
    private readonly store: DocumentStore<LaunchModeDocument>,
    private readonly accounts: AccountService,
  ) {
    this.available = host === 'electron' ? [...LAUNCH_MODES] : LAUNCH_MODES.filter((m) => m !== 'appWindow');
  }

  modes(): LaunchModes {
    return { accounts: this.store.get().accounts, available: this.available };
  }

  /**
   * The active account's launch mode (or this launch's override), and its own session partition; with
   * a warning when several accounts are signed in and the launch opens in the shared default browser.
   */
  async howFor(override?: LaunchModeId): Promise<LaunchHow & { readonly warning?: LaunchIdentityWarning }> {
    // Launching needs no sign-in (nor an app registration): without an account, the default mode.
    const status = await this.accounts.status().catch(() => null);
    const id = status?.activeAccountId ?? null;
    const configured = (id !== null ? this.store.get().accounts[id] : undefined) ?? DEFAULT_LAUNCH_MODE;
    const mode = override ? { ...configured, mode: override } : configured;
    if (!this.available.includes(mode.mode)) {
      throw new UserFacingError(
        'unavailable',
        `${LAUNCH_MODE_LABELS[mode.mode]} needs the desktop app. Choose another launch mode for this account in Accounts.`,
      );
    }
    const hash = createHash('sha256')
      .update(id ?? 'no-account')
      .digest('hex')
      .slice(0, 16);
    const active = status?.accounts.find((a) => a.homeAccountId === id);
    const warning =
      active && (status?.accounts.length ?? 0) > 1 && mode.mode === 'defaultBrowser'
        ? this.identityWarning(active, status?.accounts.length ?? 0, configured)
        : undefined;
    return { mode, partition: accountPartition(hash), ...(warning ? { warning } : {}) };
  }

  /**
   * The default browser keeps one set of Microsoft cookies, so with several partner accounts it opens
   * as whichever signed in there last. Offered instead: a Switchboard window on the account's own
   * session where this host has them (the desktop app), else a private browser window, which starts
   * with no one signed in.
   */
  private identityWarning(
    account: { readonly homeAccountId: string; readonly username: string },
    signedIn: number,
    configured: LaunchMode,
  ): LaunchIdentityWarning {
    const suggestedMode: LaunchMode = this.available.includes('appWindow')
      ? { ...configured, mode: 'appWindow' }
      : { ...configured, mode: 'browserProfile', privateWindow: true, profileDirectory: null };
    return {
      message: `${signedIn} partner accounts are signed in, and this opened in the default browser, which uses whichever account signed in there last. Check it is ${account.username} before you work in this tenant, or sign in there as ${account.username}.`,
      account: { homeAccountId: account.homeAccountId, username: account.username },
      suggestedMode,
      suggestedLabel: describeLaunchMode(suggestedMode),
    };
  }

  async setMode(homeAccountId: string, mode: LaunchMode): Promise<LaunchModes> {
    const known = (await this.accounts.status()).accounts.some((a) => a.homeAccountId === homeAccountId);
    if (!known)
      throw new UserFacingError(
        'not_found',
        'That account is not signed in here. Sign it in first, then choose its launch mode.',
      );
    if (!this.available.includes(mode.mode))
      throw new UserFacingError('invalid_input', `${LAUNCH_MODE_LABELS[mode.mode]} needs the desktop app.`, [
        { field: 'mode', message: 'Not offered by the browser host.' },
      ]);
    this.store.set({ accounts: { ...this.store.get().accounts, [homeAccountId]: mode } });
    return this.modes();
  }
}
