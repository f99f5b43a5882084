/**
 * The partner accounts the analyst is signed in with, and which one is active: sign-in (browser or
 * device code), sign-out, and the status the app shows. Tokens live in MSAL's cache, encrypted at
 * rest through the SecretCipher or kept in memory where no real encryption exists.
 */
import type { AuthStatus, DeviceCodePrompt, PartnerAccount } from '../../../shared/contract/contract';
import type { Settings } from '../../../shared/settings/settings';
import type { CloudService } from '../platform/cloud/cloud-service';
import { UserFacingError } from '../platform/errors';
import type { SecretCipher } from '../platform/secrets/secret-cipher';
import {
  AuthService,
  cancelledSignIn,
  type OnDemandPermission,
  type Resource,
  type SignInCloud,
} from './auth-service';
import { EncryptedTokenCache } from './token-cache';
import type { TenantId } from '../../../shared/platform/tenant-id';

export interface AccountDependencies {
  readonly dataDir: string;
  readonly cipher: SecretCipher;
  readonly cloud: CloudService;
  readonly settings: () => Settings;
  /**
   * Opens the sign-in page in the user's browser. Returns false when the shell cannot (the browser
   * host), and then the page is asked to open it (`auth.browser`).
   */
  readonly openSignInPage: (url: string, authorityOrigin: string) => Promise<boolean>;
  readonly onBrowserUrl: (url: string) => void;
  readonly onDeviceCode: (prompt: DeviceCodePrompt) => void;
  readonly onChange: (status: AuthStatus) => void;
  /** Saved sign-ins could not be written (./token-cache.ts); said as a notice. */
  readonly onTokenCacheProblem?: (message: string) => void;
}

export class AccountService {
  private readonly auth: AuthService;
  private readonly cache: EncryptedTokenCache;
  private activeAccountId: string | null = null;
  private signingIn: Promise<PartnerAccount> | undefined;
  private cancelSigningIn: AbortController | undefined;
  private readonly asking = new Map<string, Promise<string>>();

  constructor(private readonly deps: AccountDependencies) {
    this.cache = new EncryptedTokenCache(deps.dataDir, deps.cipher, {
      onWriteProblem: deps.onTokenCacheProblem,
    });
    this.auth = new AuthService({
      cloud: () => this.signInCloud(),
      cache: this.cache,
      openBrowser: async (url) => {
        const cloud = await this.signInCloud();
        const origin = new URL(cloud.profile.authorityHost).origin;
        if (new URL(url).origin !== origin) {
          throw new UserFacingError(
            'refused',
            `Sign-in tried to open ${new URL(url).origin}, which is not ${origin}.`,
          );
        }
        if (!(await deps.openSignInPage(url, origin))) deps.onBrowserUrl(url);
      },
    });
  }

  /** Problems reading saved sign-ins, for the app's notices. */
  get cacheProblem(): string | undefined {
    return this.cache.report.problem;
  }

  async status(): Promise<AuthStatus> {
    const accounts = await this.auth.accounts();
    if (this.activeAccountId === null || !accounts.some((a) => a.homeAccountId === this.activeAccountId)) {
      this.activeAccountId = accounts[0]?.homeAccountId ?? null;
    }
    return {
      accounts,
      activeAccountId: this.activeAccountId,
      tokenStorage: this.deps.cipher.isEncryptionAvailable ? 'encrypted' : 'memory',
    };
  }

  async signIn(method: 'browser' | 'deviceCode'): Promise<PartnerAccount> {
    if (this.signingIn) {
      throw new UserFacingError(
        'conflict',
        'A sign-in is already in progress. Finish it in the browser, or cancel it first.',
      );
    }
    const abort = new AbortController();
    this.cancelSigningIn = abort;
    const flow =
      method === 'browser'
        ? this.auth.signInInteractive(abort.signal)
        : this.auth.signInWithDeviceCode((code) => this.deps.onDeviceCode(code), abort.signal);
    // A cancelled flow settles in the background (msal-node's next poll, the loopback's answer);
    // the command answers at once.
    flow.catch(() => undefined);
    const cancelled = new Promise<never>((_, reject) =>
      abort.signal.addEventListener('abort', () => reject(cancelledSignIn()), { once: true }),
    );
    cancelled.catch(() => undefined);
    this.signingIn = Promise.race([flow, cancelled]);
    try {
      const account = await this.signingIn;
      this.activeAccountId = account.homeAccountId;
      this.deps.onChange(await this.status());
      return account;
    } finally {
      this.signingIn = undefined;
      if (this.cancelSigningIn === abort) this.cancelSigningIn = undefined;
    }
  }

  /** Cancels the sign-in in progress, if any; the pending `signIn` answers "cancelled". */
  cancelSignIn(): { cancelled: boolean } {
    const pending = this.cancelSigningIn;
    if (!pending || pending.signal.aborted) return { cancelled: false };
    pending.abort();
    return { cancelled: true };
  }

  async signOut(homeAccountId: string): Promise<AuthStatus> {
    if (!(await this.auth.signOut(homeAccountId))) {
      throw new UserFacingError('not_found', 'That account is not signed in.');
    }
    if (this.activeAccountId === homeAccountId) this.activeAccountId = null;
    const status = await this.status();
    this.deps.onChange(status);
    return status;
  }

  async setActive(homeAccountId: string): Promise<AuthStatus> {
    const accounts = await this.auth.accounts();
    if (!accounts.some((a) => a.homeAccountId === homeAccountId)) {
      throw new UserFacingError('not_found', 'That account is not signed in. Sign in with it first.');
    }
    this.activeAccountId = homeAccountId;
    const status = await this.status();
    this.deps.onChange(status);
    return status;
  }

  /** Writes the sign-ins still pending (Switchboard is closing). */
  close(): void {
    this.auth.close();
  }

  /** A token for the active account, in its home tenant or (GDAP) a customer tenant. */
  async token(resource: Resource, tenantId?: TenantId, homeAccountId?: string): Promise<string> {
    const accountId = homeAccountId ?? (await this.status()).activeAccountId;
    if (accountId === null) {
      throw new UserFacingError('refused', 'Sign in first: open Accounts and choose Sign in.');
    }
    return this.auth.token(accountId, resource, tenantId);
  }

  /**
   * A Graph token for the account's partner tenant carrying a permission Switchboard asks for only
   * when a feature needs it (incremental consent, auth-service.ts): silent once consented, otherwise
   * the browser opens once for the consent, and `auth.cancelSignIn` stops waiting for it. Callers
   * asking at the same time share the one request.
   */
  async permissionToken(permission: OnDemandPermission, homeAccountId?: string): Promise<string> {
    const accountId = homeAccountId ?? (await this.status()).activeAccountId;
    if (accountId === null) {
      throw new UserFacingError('refused', 'Sign in first: open Accounts and choose Sign in.');
    }
    const key = `${accountId}|${permission}`;
    const pending = this.asking.get(key);
    if (pending) return pending;
    const abort = new AbortController();
    const cancellable = this.cancelSigningIn === undefined;
    if (cancellable) this.cancelSigningIn = abort;
    const asking = this.auth.permissionToken(accountId, permission, abort.signal).finally(() => {
      this.asking.delete(key);
      if (cancellable && this.cancelSigningIn === abort) this.cancelSigningIn = undefined;
    });
    this.asking.set(key, asking);
    return asking;
  }

  private async signInCloud(): Promise<SignInCloud> {
    const active = await this.deps.cloud.active();
    const clientId = this.deps.settings().clientId ?? this.deps.cloud.sandboxClientId();
    if (clientId === undefined) {
      throw new UserFacingError(
        'refused',
        `Signing in to the ${active.profile.label} needs your app registration's client ID. Open Settings, follow the registration steps, and paste the client ID.`,
      );
    }
    return { ...active, clientId };
  }
}
