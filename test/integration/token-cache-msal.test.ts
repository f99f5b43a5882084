/**
 * The token cache with the real msal-node against the sandbox: silent tokens for many customer
 * tenants neither re-read nor rewrite the cache each time (main/core/accounts/token-cache.ts), what
 * was written behind is on disk after a sign-in, a sign-out, a close and the write delay, and the
 * next Switchboard reads it once and signs in to each tenant from it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PublicClientApplication, TokenCache } from '@azure/msal-node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthService } from '../../main/core/accounts/auth-service';
import {
  EncryptedTokenCache,
  TOKEN_CACHE_FILE,
  type TokenCacheOptions,
} from '../../main/core/accounts/token-cache';
import type { SecretCipher } from '../../main/core/platform/secrets/secret-cipher';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { tenantId, type TenantId } from '../../shared/platform/tenant-id';
import { scriptedBrowser, startTestSandbox, type TestSandbox } from '../sandbox/helpers/sandbox';

let sandbox: TestSandbox;
let dir: string;
/** Customer tenants the analyst reaches through GDAP or as a guest (a token each). */
let reachable: TenantId[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 24 });
  const ada = sandbox.state.data.users.find((u) => u.userPrincipalName === sandbox.upn('analyst'));
  reachable = sandbox.state.data.tenants
    .filter(
      (t) => t.kind === 'customer' && ada !== undefined && sandbox.tokens.rolesIn(ada, t.id) !== undefined,
    )
    .map((t) => tenantId(t.id));
});
afterAll(async () => {
  await sandbox.dispose();
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

// A stand-in for the OS keychain: reversible, but never plain text on disk.
const xor = (data: Buffer): Buffer => Buffer.from(data.map((b) => b ^ 0x5a));

/** The keychain stand-in, counting: each encrypt is a write of the file, each decrypt a read. */
function countingCipher(): SecretCipher & { encrypted: number; decrypted: number } {
  const cipher = {
    isEncryptionAvailable: true,
    backendDescription: 'test keychain',
    encrypted: 0,
    decrypted: 0,
    encrypt: (plain: string) => {
      cipher.encrypted++;
      return xor(Buffer.from(plain, 'utf8'));
    },
    decrypt: (data: Buffer) => {
      cipher.decrypted++;
      return xor(data).toString('utf8');
    },
  };
  return cipher;
}

/** One Switchboard's sign-ins over the data folder: a fresh start reads the file again. */
function start(cipher: SecretCipher, options: TokenCacheOptions = { writeDelayMs: 60_000 }): AuthService {
  return new AuthService({
    cloud: async () => ({
      profile: sandboxCloud(sandbox.baseUrl),
      caPem: sandbox.caPem,
      clientId: sandbox.publicClientId,
    }),
    cache: new EncryptedTokenCache(dir, cipher, options),
    openBrowser: scriptedBrowser(sandbox, sandbox.upn('analyst')).openBrowser,
  });
}

const cacheFile = (): string => path.join(dir, TOKEN_CACHE_FILE);
const inode = (): number => fs.statSync(cacheFile()).ino;
/** The tenants of each saved entry of one kind, read as the next Switchboard would (not counted). */
const realms = (kind: string): string[] => {
  const saved = JSON.parse(xor(fs.readFileSync(cacheFile())).toString('utf8')) as Record<
    string,
    Record<string, { realm?: string }> | undefined
  >;
  return Object.values(saved[kind] ?? {}).map((entry) => entry.realm ?? '');
};
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());

describe('the token cache with msal-node', () => {
  it('reads tokens for many customer tenants without re-reading or rewriting the cache per token, and writes them once on close', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-tokens-msal-'));
    expect(reachable.length).toBeGreaterThanOrEqual(6);
    const cipher = countingCipher();
    const auth = start(cipher);
    const account = await auth.signInInteractive();
    // The sign-in is written at once, not after the write delay.
    expect(cipher.encrypted).toBe(1);
    const signedInFile = inode();

    const deserialize = vi.spyOn(TokenCache.prototype, 'deserialize');
    const serialize = vi.spyOn(TokenCache.prototype, 'serialize');
    const allAccounts = vi.spyOn(PublicClientApplication.prototype, 'getAllAccounts');
    for (const tenant of reachable)
      expect(claims(await auth.token(account.homeAccountId, 'graph', tenant)).tid).toBe(tenant);

    expect(deserialize).not.toHaveBeenCalled();
    expect(serialize).not.toHaveBeenCalled();
    expect(cipher.decrypted).toBe(0);
    expect(cipher.encrypted).toBe(1);
    expect(inode()).toBe(signedInFile);
    // The accounts are read once (or not at all, still known from the sign-in), not once per tenant.
    expect(allAccounts.mock.calls.length).toBeLessThanOrEqual(1);

    auth.close();
    expect(cipher.encrypted).toBe(2);
    expect(serialize).toHaveBeenCalledTimes(1);
    expect(realms('AccessToken')).toEqual(expect.arrayContaining(reachable));
    // One ID token, the partner tenant's: a customer's is not kept, so each new customer's token
    // does not cost more than the last (main/core/accounts/auth-service.ts).
    expect(realms('IdToken')).toEqual([sandbox.partnerTenantId]);

    // The next Switchboard reads the file once, hands it to MSAL once, and gets every tenant's token
    // silently from the saved sign-in; the tokens it renews are written together, on close.
    const written = inode();
    const restarted = start(cipher);
    expect(cipher.decrypted).toBe(1);
    for (const tenant of reachable)
      expect(claims(await restarted.token(account.homeAccountId, 'graph', tenant)).tid).toBe(tenant);
    expect(deserialize).toHaveBeenCalledTimes(1);
    expect(cipher.decrypted).toBe(1);
    expect(inode()).toBe(written);
    restarted.close();
    expect(cipher.encrypted).toBe(3);
  });

  it('writes a new token behind, within the write delay, for the next Switchboard to find', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-tokens-msal-behind-'));
    const cipher = countingCipher();
    const auth = start(cipher, { writeDelayMs: 50 });
    const account = await auth.signInInteractive();
    const tenant = reachable[0]!;
    await auth.token(account.homeAccountId, 'graph', tenant);
    const before = cipher.encrypted;
    await vi.waitFor(() => expect(cipher.encrypted).toBe(before + 1), { timeout: 2000, interval: 20 });
    expect(realms('AccessToken')).toContain(tenant);

    // Not closed: what was written behind is all the next one has, and it is enough to sign in.
    const restarted = start(cipher);
    expect((await restarted.accounts()).map((a) => a.username)).toEqual([sandbox.upn('analyst')]);
    expect(claims(await restarted.token(account.homeAccountId, 'graph', tenant)).tid).toBe(tenant);
  });

  it('takes a signed-out account off the disk at once', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-tokens-msal-signout-'));
    const cipher = countingCipher();
    const auth = start(cipher);
    const account = await auth.signInInteractive();
    for (const tenant of reachable.slice(0, 3)) await auth.token(account.homeAccountId, 'graph', tenant);
    expect(await auth.signOut(account.homeAccountId)).toBe(true);

    for (const kind of ['Account', 'IdToken', 'AccessToken', 'RefreshToken'])
      expect(realms(kind)).toEqual([]);
    expect(await start(cipher).accounts()).toEqual([]);
  });
});
