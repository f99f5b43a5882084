/**
 * Core's SecretCipher on Electron's safeStorage. Electron's object is passed in (main.ts hands over
 * `safeStorage`) so this file has no runtime import of 'electron' and is tested in plain Node.
 */
import type { SecretCipher } from '../core/platform/secrets/secret-cipher';
import { SecretEncryptionUnavailableError } from '../core/platform/secrets/secret-cipher';

/** The part of Electron's `safeStorage` this cipher uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

const LINUX_BACKENDS: Readonly<Record<string, string>> = {
  gnome_libsecret: 'the desktop keyring (libsecret)',
  kwallet: 'KDE Wallet',
  kwallet5: 'KDE Wallet 5',
  kwallet6: 'KDE Wallet 6',
};

/**
 * Create after the app's `ready` event: safeStorage cannot answer before it. On Linux, Chromium falls
 * back to the `basic_text` backend when no keyring is running; that "encrypts" with a hard-coded
 * password (Electron docs, safeStorage.getSelectedStorageBackend), so it counts as no encryption.
 */
export class SafeStorageCipher implements SecretCipher {
  readonly isEncryptionAvailable: boolean;
  readonly backendDescription: string;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    platform: NodeJS.Platform = process.platform,
  ) {
    const available = safeStorage.isEncryptionAvailable();
    switch (platform) {
      case 'darwin':
        this.isEncryptionAvailable = available;
        this.backendDescription = available ? 'the macOS Keychain' : 'the macOS Keychain is not available';
        break;
      case 'win32':
        this.isEncryptionAvailable = available;
        this.backendDescription = available ? 'Windows DPAPI' : 'Windows DPAPI is not available';
        break;
      default: {
        const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
        const described = LINUX_BACKENDS[backend];
        this.isEncryptionAvailable = available && described !== undefined;
        this.backendDescription =
          this.isEncryptionAvailable && described !== undefined
            ? described
            : backend === 'basic_text'
              ? 'no desktop keyring is running (only the plain-text fallback is offered)'
              : 'no desktop keyring is available';
      }
    }
  }

  encrypt(plain: string): Buffer {
    if (!this.isEncryptionAvailable) throw new SecretEncryptionUnavailableError(this.backendDescription);
    return this.safeStorage.encryptString(plain);
  }

  decrypt(encrypted: Buffer): string {
    if (!this.isEncryptionAvailable) throw new SecretEncryptionUnavailableError(this.backendDescription);
    return this.safeStorage.decryptString(encrypted);
  }
}
