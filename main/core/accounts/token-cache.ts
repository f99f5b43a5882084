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
import { writeFileAtomicSync } from '../platform/persistence/atomic-file';
import { cannotWrite } from '../platform/persistence/data-folder';
import { osProblem } from '../platform/persistence/os-problem';

export const TOKEN_CACHE_FILE = 'token-cache.bin';

export interface TokenCacheReport {
  /** Where tokens are kept, for the notice. */
  readonly persisted: boolean;
  readonly problem?: string;
}

export class EncryptedTokenCache implements ICachePlugin {
  private memory = '';
  /** Set when a saved cache could not be read nor moved aside: it is then never overwritten. */
  private keepOffDisk = false;
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
    if (!this.cipher.isEncryptionAvailable || this.keepOffDisk) return;
    try {
      writeFileAtomicSync(this.file, this.cipher.encrypt(this.memory));
    } catch (error) {
      // A folder that cannot be written is said once by the data folder (data-folder.ts); the
      // sign-in works on from memory for this run.
      if (!cannotWrite(error)) throw error;
    }
  }

  private readFile(): string {
    let encrypted: Buffer;
    try {
      encrypted = fs.readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      return this.setAside(`could not be read (${osProblem(error)})`);
    }
    try {
      const text = this.cipher.decrypt(encrypted);
      JSON.parse(text);
      return text;
    } catch {
      return this.setAside('could not be decrypted here');
    }
  }

  /** Moves an unusable saved cache out of the way, never deleting it, and says where it went. */
  private setAside(why: string): string {
    const aside = `${this.file}.unreadable-${Date.now()}`;
    let problem: string;
    try {
      fs.renameSync(this.file, aside);
      problem = `Saved sign-ins ${why} and were moved to ${aside}. Sign in again.`;
    } catch (error) {
      this.keepOffDisk = true;
      problem = `Saved sign-ins in ${this.file} ${why}, and the file could not be moved aside (${osProblem(error)}). Sign-ins are kept only until Switchboard closes. Remove or fix that file, then restart Switchboard.`;
    }
    (this as { report: TokenCacheReport }).report = { persisted: !this.keepOffDisk, problem };
    return '';
  }
}
