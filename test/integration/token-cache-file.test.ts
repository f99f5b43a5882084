/**
 * MSAL's token cache on disk is written like every document (temp file, flushed, renamed), owner-only,
 * and a saved cache that cannot be read is moved aside and said, never overwritten in silence. It is
 * written behind: changes within the write delay go in one write, and a write that fails is said.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EncryptedTokenCache,
  TOKEN_CACHE_FILE,
  type MsalCache,
  type TokenCacheOptions,
} from '../../main/core/accounts/token-cache';
import type { SecretCipher } from '../../main/core/platform/secrets/secret-cipher';
import { asOrdinaryUser, makeTestFolder, type TestFolder } from './helpers/data-folder';

// A stand-in for the OS keychain: reversible, but never plain text on disk.
const cipher: SecretCipher = {
  isEncryptionAvailable: true,
  backendDescription: 'test keychain',
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
};

/** A stand-in for MSAL's in-memory cache: what it was handed, and changes as a sign-in makes them. */
function msalCache(): MsalCache & { given: string | undefined; change(serialized: string): void } {
  let text = '';
  let changed = false;
  const cache = {
    given: undefined as string | undefined,
    serialize: () => ((changed = false), text),
    deserialize: (serialized: string) => {
      cache.given = text = serialized;
      changed = true;
    },
    hasChanged: () => changed,
    change: (serialized: string) => {
      text = serialized;
      changed = true;
    },
  };
  return cache;
}

/** A cache over the folder, handed an MSAL cache that then holds `serialized` as a sign-in left it. */
function signedIn(
  serialized: string,
  options?: TokenCacheOptions,
): { cache: EncryptedTokenCache; msal: ReturnType<typeof msalCache> } {
  const cache = new EncryptedTokenCache(folder.dataDir, cipher, options);
  const msal = msalCache();
  cache.attach(msal);
  msal.change(serialized);
  cache.noteChanges();
  return { cache, msal };
}

let folder: TestFolder;
afterEach(() => {
  vi.useRealTimers();
  folder.remove();
});

const cacheFile = (): string => folder.file(TOKEN_CACHE_FILE);

describe('the token cache file', () => {
  it('is owner-only, and a file planted where a temporary file might go is never written into', async () => {
    folder = makeTestFolder('sb-tokens-mode-');
    // Another local user could create the old fixed temp name (<file>.<pid>.tmp) in a shared folder.
    const planted = `${cacheFile()}.${process.pid}.tmp`;
    fs.writeFileSync(planted, '', { mode: 0o644 });
    signedIn('{"Account":{"a":1}}').cache.flush();
    expect(fs.statSync(cacheFile()).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(planted, 'utf8')).toBe('');
    const again = msalCache();
    new EncryptedTokenCache(folder.dataDir, cipher).attach(again);
    expect(again.given).toBe('{"Account":{"a":1}}');
  });

  it('leaves the saved cache as it was, and no temporary file behind, when a write fails', async () => {
    folder = makeTestFolder('sb-tokens-fail-');
    const { cache, msal } = signedIn('{"Account":{"first":1}}');
    cache.flush();
    const before = fs.readFileSync(cacheFile());
    // The rename cannot replace a folder: the write fails after the temporary file was written.
    fs.renameSync(cacheFile(), `${cacheFile()}.kept`);
    fs.mkdirSync(cacheFile());
    fs.writeFileSync(path.join(cacheFile(), 'x'), '');
    msal.change('{"Account":{"second":2}}');
    expect(() => cache.flush()).toThrow();
    expect(fs.readdirSync(folder.dataDir).sort()).toEqual([TOKEN_CACHE_FILE, `${TOKEN_CACHE_FILE}.kept`]);
    expect(fs.readFileSync(`${cacheFile()}.kept`)).toEqual(before);
  });

  it('moves a saved cache it cannot read aside, says so, and keeps it whole', async () => {
    folder = makeTestFolder('sb-tokens-unreadable-');
    const saved = cipher.encrypt('{"Account":{"kept":1}}');
    fs.writeFileSync(cacheFile(), saved, { mode: 0o000 });
    await asOrdinaryUser(folder, async () => {
      const { cache } = signedIn('{"Account":{"new":1}}');
      expect(cache.report.problem).toContain('could not be read (permission denied)');
      expect(cache.report.problem).toContain('Sign in again');
      cache.flush();
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
      const { cache } = signedIn('{"Account":{"a":1}}');
      cache.flush();
      // A new MSAL cache (another cloud chosen) is handed the sign-ins from memory.
      const next = msalCache();
      cache.attach(next);
      expect(next.given).toBe('{"Account":{"a":1}}');
    });
    expect(fs.existsSync(cacheFile())).toBe(false);
  });

  it('writes a burst of changes once, after the write delay, and nothing when nothing changed', () => {
    folder = makeTestFolder('sb-tokens-behind-');
    vi.useFakeTimers();
    const encrypt = vi.spyOn(cipher, 'encrypt');
    const { cache, msal } = signedIn('{"Account":{"a":1}}', { writeDelayMs: 500 });
    for (let i = 0; i < 20; i++) {
      msal.change(`{"Account":{"a":1},"AccessToken":{"t${i}":${i}}}`);
      cache.noteChanges();
    }
    vi.advanceTimersByTime(499);
    expect(fs.existsSync(cacheFile())).toBe(false);
    vi.advanceTimersByTime(1);
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(cipher.decrypt(fs.readFileSync(cacheFile()))).toBe('{"Account":{"a":1},"AccessToken":{"t19":19}}');

    // Read again at start and handed to MSAL: nothing changed, nothing is written.
    const inode = fs.statSync(cacheFile()).ino;
    const restarted = new EncryptedTokenCache(folder.dataDir, cipher, { writeDelayMs: 500 });
    const again = msalCache();
    restarted.attach(again);
    restarted.noteChanges();
    vi.advanceTimersByTime(1000);
    restarted.flush();
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(fs.statSync(cacheFile()).ino).toBe(inode);
    encrypt.mockRestore();
  });

  it('says a write behind that failed, keeps the change, and writes it when it can', () => {
    folder = makeTestFolder('sb-tokens-behind-fail-');
    vi.useFakeTimers();
    const problems: string[] = [];
    const { cache, msal } = signedIn('{"Account":{"a":1}}', {
      writeDelayMs: 100,
      onWriteProblem: (message) => problems.push(message),
    });
    fs.mkdirSync(cacheFile());
    fs.writeFileSync(path.join(cacheFile(), 'x'), '');
    vi.advanceTimersByTime(100);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`could not be written to ${cacheFile()}`);
    fs.rmSync(cacheFile(), { recursive: true });
    // Nothing new changed: the pending change is still written when Switchboard closes.
    cache.flush();
    expect(cipher.decrypt(fs.readFileSync(cacheFile()))).toBe('{"Account":{"a":1}}');
    msal.change('{"Account":{"b":2}}');
    cache.noteChanges();
    vi.advanceTimersByTime(100);
    expect(cipher.decrypt(fs.readFileSync(cacheFile()))).toBe('{"Account":{"b":2}}');
    expect(problems).toHaveLength(1);
  });
});
