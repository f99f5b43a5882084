import { describe, expect, it } from 'vitest';
import { SafeStorageCipher, type SafeStorageLike } from '../../../main/app/safe-storage-cipher';
import { SecretEncryptionUnavailableError } from '../../../main/core/platform/secrets/secret-cipher';

/** A reversible stand-in for Electron's safeStorage (the real one needs the Electron runtime). */
function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`enc:${plain}`),
    decryptString: (encrypted) => encrypted.toString().replace(/^enc:/, ''),
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
  };
}

describe('SafeStorageCipher', () => {
  it('encrypts through safeStorage where the OS offers it', () => {
    const cipher = new SafeStorageCipher(fakeSafeStorage(true), 'win32');
    expect(cipher.isEncryptionAvailable).toBe(true);
    expect(cipher.backendDescription).toBe('Windows DPAPI');
    expect(cipher.decrypt(cipher.encrypt('refresh-token'))).toBe('refresh-token');
    expect(new SafeStorageCipher(fakeSafeStorage(true), 'darwin').backendDescription).toBe(
      'the macOS Keychain',
    );
  });

  it('on Linux, counts a real keyring as encryption', () => {
    const cipher = new SafeStorageCipher(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    expect(cipher.isEncryptionAvailable).toBe(true);
    expect(cipher.backendDescription).toContain('libsecret');
  });

  it("on Linux, treats Chromium's basic_text fallback as no encryption and refuses to use it", () => {
    const cipher = new SafeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'linux');
    expect(cipher.isEncryptionAvailable).toBe(false);
    expect(cipher.backendDescription).toMatch(/no desktop keyring/);
    expect(() => cipher.encrypt('refresh-token')).toThrow(SecretEncryptionUnavailableError);
    expect(() => cipher.decrypt(Buffer.from('x'))).toThrow(/kept in memory/);
  });

  it('says so when the OS offers nothing at all', () => {
    expect(new SafeStorageCipher(fakeSafeStorage(false), 'darwin').isEncryptionAvailable).toBe(false);
    expect(new SafeStorageCipher(fakeSafeStorage(false, 'kwallet5'), 'linux').isEncryptionAvailable).toBe(
      false,
    );
    expect(new SafeStorageCipher(fakeSafeStorage(true, 'unknown'), 'linux').isEncryptionAvailable).toBe(
      false,
    );
  });
});
