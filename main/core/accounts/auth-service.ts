/**
 * Sign-in with msal-node's PublicClientApplication: the system browser (auth code + PKCE on a
 * loopback redirect), or a device code; several partner accounts side by side; silent renewal; and
 * tokens for customer tenants on the same account (the GDAP path).
 */
import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type DeviceCodeRequest,
} from '@azure/msal-node';
import { request as httpRequest } from 'node:http';
import type { CloudProfile } from '../../../shared/platform/cloud-profile';
import type { TenantId } from '../../../shared/platform/tenant-id';
import type { ActiveCloud } from '../platform/cloud/cloud-service';
import { dispatcherTrusting, TrustingNetworkClient } from '../platform/cloud/transport';
import { CloudFailure, explainFailure, failureSentence } from '../platform/cloud-errors';
import { UserFacingError } from '../platform/errors';
import type { EncryptedTokenCache } from './token-cache';

export type Resource = 'graph' | 'arm';

/** A signed-in partner account, as the app shows it. */
export interface PartnerAccount {
  readonly homeAccountId: string;
  readonly username: string;
  readonly name: string;
  readonly tenantId: string;
}

/** What sign-in needs to know about the cloud: its profile, extra CA, and the app's client ID. */
export interface SignInCloud extends ActiveCloud {
  readonly clientId: string;
}

export interface AuthDependencies {
  readonly cloud: () => Promise<SignInCloud>;
  readonly cache: EncryptedTokenCache;
  /** Opens the sign-in page in the user's browser (the shell's job). */
  readonly openBrowser: (url: string) => Promise<void>;
}

export function scopesFor(profile: CloudProfile, resource: Resource): string[] {
  return [`${resource === 'graph' ? profile.graphResource : profile.armResource}/.default`];
}

/**
 * Graph permissions Switchboard asks for only when a feature needs them (incremental consent), not
 * in the app registration's list that `.default` carries: each needs an administrator's consent for
 * the partner tenant, given once in the browser (docs/microsoft-cloud.md 2.5).
 */
export const ON_DEMAND_PERMISSIONS = ['GroupMember.ReadWrite.All'] as const;
export type OnDemandPermission = (typeof ON_DEMAND_PERMISSIONS)[number];

/** What each on-demand permission is for, in the sentence that says it was not granted. */
const PERMISSION_PURPOSE: Readonly<Record<OnDemandPermission, string>> = {
  'GroupMember.ReadWrite.All': 'to change the members of your partner security groups',
};

const SUCCESS_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Signed in</title><p style="font-family:sans-serif">You are signed in to MSSP Switchboard. You can close this tab.</p>';
const ERROR_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Sign-in failed</title><p style="font-family:sans-serif">Sign-in did not complete. Return to MSSP Switchboard for details.</p>';

export class AuthService {
  private app: { key: string; pca: PublicClientApplication; profile: CloudProfile } | undefined;
  /** Access tokens in hand, so a sync's thousands of requests don't each go through MSAL's cache. */
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  /**
   * MSAL's accounts, one per account and tenant, read once and again only after a sign-in or a
   * sign-out. msal-node's getAllAccounts matches every ID token in the cache against every tenant
   * profile (a customer tenant adds one of each), so reading it for each token grew with the square
   * of the customer tenants read.
   */
  private accountList: Promise<AccountInfo[]> | undefined;
  /** The account of each tenant as MSAL last answered it (`homeAccountId|tenantId`), newer than the list. */
  private readonly tenantAccounts = new Map<string, AccountInfo>();

  constructor(private readonly deps: AuthDependencies) {}

  /**
   * Sign in through the system browser; resolves once the loopback redirect has been answered.
   * `signal` cancels it: msal-node's loopback server gets the answer a declined sign-in gets
   * (`error=access_denied` with the request's state), so the flow ends and the port is closed.
   */
  async signInInteractive(signal?: AbortSignal): Promise<PartnerAccount> {
    const { pca, profile } = await this.client();
    let authorizeUrl: URL | undefined;
    const endFlow = () => {
      if (authorizeUrl) void answerLoopbackAsDeclined(authorizeUrl);
    };
    signal?.addEventListener('abort', endFlow, { once: true });
    try {
      const result = await this.guard(() =>
        pca.acquireTokenInteractive({
          scopes: scopesFor(profile, 'graph'),
          prompt: 'select_account',
          openBrowser: async (url) => {
            if (signal?.aborted) throw cancelledSignIn();
            authorizeUrl = new URL(url);
            await this.deps.openBrowser(url);
          },
          successTemplate: SUCCESS_PAGE,
          errorTemplate: ERROR_PAGE,
        }),
      );
      this.signedIn();
      return toPartnerAccount(result.account);
    } catch (error) {
      throw signal?.aborted ? cancelledSignIn() : error;
    } finally {
      signal?.removeEventListener('abort', endFlow);
    }
  }

  /**
   * Sign in with a device code; `onCode` shows the code and where to enter it. `signal` cancels it
   * through msal-node's own `cancel` flag, which ends the polling at its next round.
   */
  async signInWithDeviceCode(
    onCode: (code: { userCode: string; verificationUri: string; message: string; expiresIn: number }) => void,
    signal?: AbortSignal,
  ): Promise<PartnerAccount> {
    const { pca, profile } = await this.client();
    const request: DeviceCodeRequest = {
      scopes: scopesFor(profile, 'graph'),
      deviceCodeCallback: (r) => {
        if (signal?.aborted) return;
        onCode({
          userCode: r.userCode,
          verificationUri: r.verificationUri,
          message: r.message,
          expiresIn: r.expiresIn,
        });
      },
    };
    const stop = () => {
      request.cancel = true;
    };
    if (signal?.aborted) throw cancelledSignIn();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const result = await this.guard(() => pca.acquireTokenByDeviceCode(request));
      this.signedIn();
      return toPartnerAccount(result?.account ?? null);
    } catch (error) {
      throw signal?.aborted ? cancelledSignIn() : error;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /** The partner accounts signed in (home accounts only; customer-tenant profiles are not accounts). */
  async accounts(): Promise<ReadonlyArray<PartnerAccount>> {
    const all = await this.allAccounts();
    return all.filter((a) => a.tenantId === a.homeAccountId.split('.')[1]).map((a) => toPartnerAccount(a));
  }

  /** Forgets the account and every token it holds, for every tenant. */
  async signOut(homeAccountId: string): Promise<boolean> {
    const { pca } = await this.client();
    const cache = pca.getTokenCache();
    const mine = (await cache.getAllAccounts()).filter((a) => a.homeAccountId === homeAccountId);
    for (const map of [this.tokens, this.tenantAccounts])
      for (const key of [...map.keys()]) if (key.startsWith(`${homeAccountId}|`)) map.delete(key);
    this.accountList = undefined;
    try {
      for (const account of mine) await cache.removeAccount(account);
    } finally {
      // Gone from the disk at once, not after the write delay.
      this.deps.cache.flush();
    }
    return mine.length > 0;
  }

  /**
   * An access token for `resource` in `tenantId` (default: the account's home tenant), silently. For a
   * customer tenant this is the GDAP path: the same account, that tenant's authority. Refusals become
   * messages the user can act on.
   */
  async token(homeAccountId: string, resource: Resource, tenantId?: TenantId): Promise<string> {
    const memoKey = `${homeAccountId}|${resource}|${tenantId ?? 'home'}`;
    const memo = this.tokens.get(memoKey);
    // Reused until five minutes before it expires (MSAL renews from then on).
    if (memo && memo.expiresAt - Date.now() > 5 * 60_000) return memo.token;
    const { pca, profile } = await this.client();
    const accounts = await this.allAccounts();
    const home = accounts.find(
      (a) => a.homeAccountId === homeAccountId && a.tenantId === a.homeAccountId.split('.')[1],
    );
    if (!home) {
      throw new UserFacingError('not_found', 'That account is not signed in any more. Sign in again.');
    }
    const target = tenantId ?? home.tenantId;
    // msal-node needs the AccountInfo of that tenant, where it has one, or it refreshes every time.
    const tenantKey = `${homeAccountId}|${target}`;
    const account =
      this.tenantAccounts.get(tenantKey) ??
      accounts.find((a) => a.homeAccountId === homeAccountId && a.tenantId === target) ??
      home;
    const request = {
      account,
      scopes: scopesFor(profile, resource),
      authority: `${profile.authorityHost}/${target}`,
      // A customer tenant's ID token is not kept (nothing here reads it): msal-node matches every ID
      // token in the cache against every tenant profile each time it stores a refreshed token
      // (ResponseHandler.handleServerTokenResponse, through getAllAccounts), so one ID token per
      // customer made each new customer's token cost more than the last. msal-common honours
      // storeInCache for every token response (CacheManager.saveCacheRecord); msal-node's
      // SilentFlowRequest type leaves it out, so it goes beside the typed fields.
      ...(target !== home.tenantId ? { storeInCache: { idToken: false } } : {}),
    };
    try {
      const result = await pca.acquireTokenSilent(request).finally(() => this.deps.cache.noteChanges());
      if (result.account?.tenantId === target) this.tenantAccounts.set(tenantKey, result.account);
      this.tokens.set(memoKey, { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? 0 });
      return result.accessToken;
    } catch (error) {
      this.tokens.delete(memoKey);
      throw explainTokenError(
        error,
        home.username,
        target,
        tenantId !== undefined && tenantId !== home.tenantId,
      );
    }
  }

  /**
   * A Graph token for the account's home (partner) tenant that carries `permission`: silently once it
   * has been consented; otherwise the browser opens for the consent (the sign-in page, then the
   * permission, which an administrator of the partner tenant grants for everyone), once. `signal`
   * ends a consent that is never answered, as it ends a sign-in.
   */
  async permissionToken(
    homeAccountId: string,
    permission: OnDemandPermission,
    signal?: AbortSignal,
  ): Promise<string> {
    const memoKey = `${homeAccountId}|graph|home|${permission}`;
    const memo = this.tokens.get(memoKey);
    if (memo && memo.expiresAt - Date.now() > 5 * 60_000) return memo.token;
    const { pca, profile } = await this.client();
    const home = (await this.allAccounts()).find(
      (a) => a.homeAccountId === homeAccountId && a.tenantId === a.homeAccountId.split('.')[1],
    );
    if (!home)
      throw new UserFacingError('not_found', 'That account is not signed in any more. Sign in again.');
    const request = {
      scopes: [`${profile.graphResource}/${permission}`],
      authority: `${profile.authorityHost}/${home.tenantId}`,
    };
    const silently = () => pca.acquireTokenSilent({ ...request, account: home });
    let result: AuthenticationResult;
    try {
      result = await silently();
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError))
        throw explainTokenError(error, home.username, home.tenantId, false);
      let authorizeUrl: URL | undefined;
      const endFlow = () => {
        if (authorizeUrl) void answerLoopbackAsDeclined(authorizeUrl);
      };
      signal?.addEventListener('abort', endFlow, { once: true });
      try {
        const consented = await pca.acquireTokenInteractive({
          ...request,
          loginHint: home.username,
          openBrowser: async (url) => {
            if (signal?.aborted) throw cancelledSignIn();
            authorizeUrl = new URL(url);
            await this.deps.openBrowser(url);
          },
          successTemplate: SUCCESS_PAGE,
          errorTemplate: ERROR_PAGE,
        });
        // Like a sign-in: written at once, and whoever signed in on that page is an account now.
        this.signedIn();
        // Someone else may have signed in on that page (an administrator consenting for everyone):
        // the token must still be this account's.
        result = consented.account?.homeAccountId === homeAccountId ? consented : await silently();
      } catch (failure) {
        if (signal?.aborted) throw cancelledSignIn();
        throw explainConsentError(failure, home.username, permission);
      } finally {
        signal?.removeEventListener('abort', endFlow);
      }
    }
    this.deps.cache.noteChanges();
    this.tokens.set(memoKey, { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? 0 });
    return result.accessToken;
  }

  private async client(): Promise<{ pca: PublicClientApplication; profile: CloudProfile }> {
    const cloud = await this.deps.cloud();
    const key = `${cloud.profile.id}|${cloud.profile.authorityHost}|${cloud.clientId}`;
    if (this.app?.key !== key) {
      const host = new URL(cloud.profile.authorityHost).host;
      const config: Configuration = {
        auth: {
          clientId: cloud.clientId,
          authority: `${cloud.profile.authorityHost}/organizations`,
          // The sandbox is not a Microsoft host: naming it skips instance discovery (docs/microsoft-cloud.md 6.1).
          ...(cloud.profile.sandboxBaseUrl !== undefined ? { knownAuthorities: [host] } : {}),
        },
        // No cache plugin: the cache is read once and written behind (./token-cache.ts says why).
        system: { networkClient: new TrustingNetworkClient(dispatcherTrusting(cloud.caPem)) },
      };
      this.tokens.clear();
      this.tenantAccounts.clear();
      this.accountList = undefined;
      const pca = new PublicClientApplication(config);
      this.deps.cache.attach(pca.getTokenCache());
      this.app = { key, pca, profile: cloud.profile };
    }
    return { pca: this.app.pca, profile: this.app.profile };
  }

  /** Writes what is pending now (Switchboard is closing). */
  close(): void {
    this.deps.cache.flush();
  }

  private async allAccounts(): Promise<AccountInfo[]> {
    const { pca } = await this.client();
    const list = (this.accountList ??= pca.getAllAccounts());
    // A failed read is not kept.
    list.catch(() => {
      if (this.accountList === list) this.accountList = undefined;
    });
    return list;
  }

  /** A sign-in added an account: it is written at once, and the accounts are read again. */
  private signedIn(): void {
    this.accountList = undefined;
    this.deps.cache.flush();
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw explainSignInError(error);
    } finally {
      this.deps.cache.noteChanges();
    }
  }
}

/** What a sign-in the user cancelled ends with. */
export function cancelledSignIn(): UserFacingError {
  return new UserFacingError('refused', 'Sign-in was cancelled. Nothing was signed in.');
}

/**
 * Ends msal-node's pending browser sign-in the way a declined sign-in ends: its loopback server (the
 * authorize URL's redirect_uri, on this computer) receives `error=access_denied` with the request's
 * own state, as the sign-in page would post it. Any other redirect target is left alone.
 */
async function answerLoopbackAsDeclined(authorizeUrl: URL): Promise<void> {
  const redirect = authorizeUrl.searchParams.get('redirect_uri');
  const state = authorizeUrl.searchParams.get('state');
  if (redirect === null || state === null) return;
  const target = new URL(redirect);
  if (target.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(target.hostname)) return;
  const body = new URLSearchParams({
    error: 'access_denied',
    error_description: 'The user cancelled the sign-in in Switchboard.',
    state,
  }).toString();
  await new Promise<void>((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(target.port),
        path: '/',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', () => resolve());
    req.end(body);
  });
}

function toPartnerAccount(account: AccountInfo | null): PartnerAccount {
  if (!account) throw new UserFacingError('internal', 'Sign-in finished without an account. Try again.');
  return {
    homeAccountId: account.homeAccountId,
    username: account.username,
    name: account.name ?? account.username,
    tenantId: account.tenantId,
  };
}

/** The AADSTS code at the start of an error message, if any ("AADSTS50020: ..."). */
function aadsts(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  return /AADSTS(\d{5,6})/.exec(text)?.[0];
}

function explainSignInError(error: unknown): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/expired_token|code_expired/i.test(text)) {
    return new UserFacingError(
      'refused',
      'The device code expired before it was entered. Start sign-in again.',
    );
  }
  if (/authorization_declined|access_denied/i.test(text)) {
    return new UserFacingError(
      'refused',
      'Sign-in was declined in the browser. Start again when you are ready.',
    );
  }
  const explanation = explainFailure(error);
  if (explanation.kind === 'bug') throw error;
  return new CloudFailure(explanation, `Sign-in did not complete. ${failureSentence(explanation)}`);
}

/** A consent that was not given: who may give it, and that nothing was changed. */
function explainConsentError(
  error: unknown,
  username: string,
  permission: OnDemandPermission,
): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = aadsts(error);
  const who = `A Global Administrator or Privileged Role Administrator of your partner tenant must consent to it for Switchboard's app registration (in the browser when Switchboard asks, or under API permissions, "Grant admin consent"), then try again.`;
  if (code === 'AADSTS90094' || code === 'AADSTS65001' || /access_denied|consent/i.test(text)) {
    return new UserFacingError(
      'refused',
      `Switchboard needs the ${permission} permission ${PERMISSION_PURPOSE[permission]}, and it was not granted${code ? ` (${code})` : ''} for ${username}. Nothing was changed. ${who}`,
    );
  }
  const explanation = explainFailure(error);
  if (explanation.kind === 'bug') throw error;
  return new CloudFailure(
    explanation,
    `Asking for the ${permission} permission did not work. ${failureSentence(explanation)}`,
  );
}

function explainTokenError(
  error: unknown,
  username: string,
  tenantId: string,
  customer: boolean,
): UserFacingError {
  const code = aadsts(error);
  if (customer && (code === 'AADSTS50020' || code === 'AADSTS50177' || code === 'AADSTS65001')) {
    return new UserFacingError(
      'refused',
      `${username} has no access to tenant ${tenantId} (${code}). Through GDAP that needs an active relationship with an access assignment for a security group you are in; as a guest, an invitation the customer has approved.`,
    );
  }
  if (error instanceof InteractionRequiredAuthError) {
    return new UserFacingError(
      'refused',
      `${username} must sign in again${customer ? ` for tenant ${tenantId}` : ''}${code ? ` (${code})` : ''}: the saved sign-in is no longer enough (expired, or more verification is needed).`,
    );
  }
  const explanation = explainFailure(error);
  if (explanation.kind === 'bug') throw error;
  return new CloudFailure(
    explanation,
    `Signing in ${username} to tenant ${tenantId} did not work. ${failureSentence(explanation)}`,
  );
}

export type { AuthenticationResult };
