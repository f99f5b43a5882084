/**
 * MSAL's token cache at rest. It is written only encrypted through the SecretCipher (Electron
 * safeStorage); where no real encryption exists the cache lives in memory for the session, and the
 * user is told once. A file that cannot be decrypted (another machine's key, a damaged file) is
 * moved aside, never trusted and never silently deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { SecretCipher } from '../platform/secrets/secret-cipher';

export const TOKEN_CACHE_FILE = 'token-cache.bin';

export interface TokenCacheReport {
  /** Where tokens are kept, for the notice. */
  readonly persisted: boolean;
  readonly problem?: string;
}

export class EncryptedTokenCache implements ICachePlugin {
  private memory = '';
  private readonly file: string;
  readonly report: TokenCacheReport;

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
  ) {
    this.file = path.join(dataDir, TOKEN_CACHE_FILE);
    this.report = { persisted: cipher.isEncryptionAvailable };
    if (cipher.isEncryptionAvailable) this.memory = this.readFile();
  }

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    context.tokenCache.deserialize(this.memory);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    this.memory = context.tokenCache.serialize();
    if (!this.cipher.isEncryptionAvailable) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, this.cipher.encrypt(this.memory), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }

  private readFile(): string {
    let encrypted: Buffer;
    try {
      encrypted = fs.readFileSync(this.file);
    } catch {
      return '';
    }
    try {
      const text = this.cipher.decrypt(encrypted);
      JSON.parse(text);
      return text;
    } catch {
      const aside = `${this.file}.unreadable-${Date.now()}`;
      fs.renameSync(this.file, aside);
      (this as { report: TokenCacheReport }).report = {
        persisted: true,
        problem: `Saved sign-ins could not be read and were moved to ${aside}. Sign in again.`,
      };
      return '';
    }
  }
}
