/**
 * MSAL's token cache on disk is written like every document (temp file, flushed, renamed), owner-only,
 * and a saved cache that cannot be read is moved aside and said, never overwritten in silence.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TokenCacheContext } from '@azure/msal-node';
import { afterEach, describe, expect, it } from 'vitest';
import { EncryptedTokenCache, TOKEN_CACHE_FILE } from '../../main/core/accounts/token-cache';
import type { SecretCipher } from '../../main/core/platform/secrets/secret-cipher';
import { asOrdinaryUser, makeTestFolder, type TestFolder } from './helpers/data-folder';

// A stand-in for the OS keychain: reversible, but never plain text on disk.
const cipher: SecretCipher = {
  isEncryptionAvailable: true,
  backendDescription: 'test keychain',
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
};

/** What MSAL hands the plugin after a sign-in changed the cache. */
function changed(serialized: string): TokenCacheContext {
  return {
    cacheHasChanged: true,
    tokenCache: { serialize: () => serialized, deserialize: () => undefined },
  } as unknown as TokenCacheContext;
}

/** What MSAL hands the plugin before reading the cache: records what it was given. */
function reading(): { context: TokenCacheContext; given: () => string | undefined } {
  let given: string | undefined;
  const context = {
    cacheHasChanged: false,
    tokenCache: { serialize: () => '', deserialize: (text: string) => void (given = text) },
  } as unknown as TokenCacheContext;
  return { context, given: () => given };
}

let folder: TestFolder;
afterEach(() => folder.remove());

const cacheFile = (): string => folder.file(TOKEN_CACHE_FILE);

describe('the token cache file', () => {
  it('is owner-only, and a file planted where a temporary file might go is never written into', async () => {
    folder = makeTestFolder('sb-tokens-mode-');
    // Another local user could create the old fixed temp name (<file>.<pid>.tmp) in a shared folder.
    const planted = `${cacheFile()}.${process.pid}.tmp`;
    fs.writeFileSync(planted, '', { mode: 0o644 });
    const cache = new EncryptedTokenCache(folder.dataDir, cipher);
    await cache.afterCacheAccess(changed('{"Account":{"a":1}}'));
    expect(fs.statSync(cacheFile()).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(planted, 'utf8')).toBe('');
    const again = reading();
    await new EncryptedTokenCache(folder.dataDir, cipher).beforeCacheAccess(again.context);
    expect(again.given()).toBe('{"Account":{"a":1}}');
  });

  it('leaves the saved cache as it was, and no temporary file behind, when a write fails', async () => {
    folder = makeTestFolder('sb-tokens-fail-');
    const cache = new EncryptedTokenCache(folder.dataDir, cipher);
    await cache.afterCacheAccess(changed('{"Account":{"first":1}}'));
    const before = fs.readFileSync(cacheFile());
    // The rename cannot replace a folder: the write fails after the temporary file was written.
    fs.renameSync(cacheFile(), `${cacheFile()}.kept`);
    fs.mkdirSync(cacheFile());
    fs.writeFileSync(path.join(cacheFile(), 'x'), '');
    await expect(cache.afterCacheAccess(changed('{"Account":{"second":2}}'))).rejects.toThrow();
    expect(fs.readdirSync(folder.dataDir).sort()).toEqual([TOKEN_CACHE_FILE, `${TOKEN_CACHE_FILE}.kept`]);
    expect(fs.readFileSync(`${cacheFile()}.kept`)).toEqual(before);
  });

  it('moves a saved cache it cannot read aside, says so, and keeps it whole', async () => {
    folder = makeTestFolder('sb-tokens-unreadable-');
    const saved = cipher.encrypt('{"Account":{"kept":1}}');
    fs.writeFileSync(cacheFile(), saved, { mode: 0o000 });
    await asOrdinaryUser(folder, async () => {
      const cache = new EncryptedTokenCache(folder.dataDir, cipher);
      expect(cache.report.problem).toContain('could not be read (permission denied)');
      expect(cache.report.problem).toContain('Sign in again');
      await cache.afterCacheAccess(changed('{"Account":{"new":1}}'));
    });
    const aside = fs
      .readdirSync(folder.dataDir)
      .filter((f) => f.startsWith(`${TOKEN_CACHE_FILE}.unreadable-`));
    expect(aside).toHaveLength(1);
    fs.chmodSync(path.join(folder.dataDir, aside[0]!), 0o600);
    expect(fs.readFileSync(path.join(folder.dataDir, aside[0]!))).toEqual(saved);
    expect(cipher.decrypt(fs.readFileSync(cacheFile()))).toBe('{"Account":{"new":1}}');
  });

  it('keeps signing in from memory when the data folder cannot be written', async () => {
    folder = makeTestFolder('sb-tokens-readonly-');
    fs.chmodSync(folder.dataDir, 0o555);
    await asOrdinaryUser(folder, async () => {
      const cache = new EncryptedTokenCache(folder.dataDir, cipher);
      await cache.afterCacheAccess(changed('{"Account":{"a":1}}'));
      const next = reading();
      await cache.beforeCacheAccess(next.context);
      expect(next.given()).toBe('{"Account":{"a":1}}');
    });
    expect(fs.existsSync(cacheFile())).toBe(false);
  });
});
