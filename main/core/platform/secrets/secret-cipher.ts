/**
 * How core protects secrets at rest (the MSAL token cache). The Electron app supplies one backed by
 * the OS (safeStorage: Keychain, DPAPI, libsecret/kwallet); where the OS offers no real encryption,
 * the cipher says so and secrets stay in memory for the session instead of being written to disk.
 */
export interface SecretCipher {
  /** True only when `encrypt` uses real OS-backed encryption; never write secrets to disk otherwise. */
  readonly isEncryptionAvailable: boolean;
  /** Where the key lives, in the user's words, for the about box and for notices. */
  readonly backendDescription: string;
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

export class SecretEncryptionUnavailableError extends Error {
  constructor(backendDescription: string) {
    super(
      `Secrets cannot be encrypted here (${backendDescription}), so they are kept in memory for this session and never written to disk.`,
    );
    this.name = 'SecretEncryptionUnavailableError';
  }
}

/**
 * The cipher of a host without OS encryption (the browser host, or a Linux desktop without a
 * keyring): it offers none, and refuses to pretend. Callers check `isEncryptionAvailable` and keep
 * secrets in memory; calling `encrypt`/`decrypt` anyway is a bug and throws.
 */
export class MemoryOnlyCipher implements SecretCipher {
  readonly isEncryptionAvailable = false;

  constructor(readonly backendDescription = 'no OS encryption; secrets are kept in memory only') {}

  encrypt(_plain: string): Buffer {
    throw new SecretEncryptionUnavailableError(this.backendDescription);
  }

  decrypt(_encrypted: Buffer): string {
    throw new SecretEncryptionUnavailableError(this.backendDescription);
  }
}
