import { describe, expect, it } from 'vitest';
import {
  MemoryOnlyCipher,
  SecretEncryptionUnavailableError,
  type SecretCipher,
} from '../../../main/core/platform/secrets/secret-cipher';

describe('MemoryOnlyCipher', () => {
  it('says it offers no encryption, and why, in words a user can read', () => {
    const cipher: SecretCipher = new MemoryOnlyCipher();
    expect(cipher.isEncryptionAvailable).toBe(false);
    expect(cipher.backendDescription).toMatch(/memory only/);
  });

  it('refuses to encrypt or decrypt rather than pretend, so a secret never reaches disk in the clear', () => {
    const cipher = new MemoryOnlyCipher('the browser host has no OS encryption');
    expect(() => cipher.encrypt('refresh-token')).toThrow(SecretEncryptionUnavailableError);
    expect(() => cipher.encrypt('refresh-token')).toThrow(
      /the browser host has no OS encryption.*never written to disk/,
    );
    expect(() => cipher.decrypt(Buffer.from('x'))).toThrow(SecretEncryptionUnavailableError);
  });
});
