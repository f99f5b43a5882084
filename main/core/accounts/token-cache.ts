/**
 * MSAL's token cache at rest. It is written only encrypted through the SecretCipher (Electron
 * safeStorage); where no real encryption exists the cache lives in memory for the session, and the
 * user is told once. A file that cannot be decrypted (another machine's key, a damaged file) is
 * moved aside, never trusted and never silently deleted.
 *
 * The file is read once, when Switchboard starts, and handed to MSAL's in-memory cache once. This
 * process is the only one that writes it (one Switchboard per data folder, the lock of
 * main/core/platform/persistence/data-folder-lock.ts), so MSAL's in-memory cache is always at least
 * as new as the file and is never re-read from it. This is deliberately not an msal-node cache
 * plugin: msal-node calls a plugin around every cache access, and before every acquireTokenSilent it
 * empties its in-memory cache and rebuilds it from the plugin's text (TokenCache.overwriteCache), so
 * each silent token cost a parse of the whole cache, and each new token a serialisation and an
 * encrypted, flushed write of it. With thousands of customer tenants (a token each) that grew with
 * the square of their number.
 *
 * Changes are written behind: after MSAL answered, the owner says so (`noteChanges`) and the whole
 * cache is serialised, encrypted and written atomically at most once per write delay, so a burst of
 * tokens for many tenants costs a few writes, not one per tenant. `flush` writes at once (after a
 * sign-in, a sign-out, and when Switchboard closes); a write that fails for another reason than a
 * folder that cannot be written is kept pending, said through `onWriteProblem`, and tried again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TokenCache } from '@azure/msal-node';
import type { SecretCipher } from '../platform/secrets/secret-cipher';
import { writeFileAtomicSync } from '../platform/persistence/atomic-file';
import { cannotWrite } from '../platform/persistence/data-folder';
import { osProblem } from '../platform/persistence/os-problem';

export const TOKEN_CACHE_FILE = 'token-cache.bin';

/** How long after a change the cache is written, changes in between going with it. */
export const TOKEN_CACHE_WRITE_DELAY_MS = 1000;

export interface TokenCacheReport {
  /** Where tokens are kept, for the notice. */
  readonly persisted: boolean;
  readonly problem?: string;
}

/** What this needs of MSAL's in-memory cache (`pca.getTokenCache()`). */
export type MsalCache = Pick<TokenCache, 'serialize' | 'deserialize' | 'hasChanged'>;

export interface TokenCacheOptions {
  /** Default TOKEN_CACHE_WRITE_DELAY_MS. */
  readonly writeDelayMs?: number;
  /** A write behind failed (not for a folder that cannot be written): said to the user. */
  readonly onWriteProblem?: (message: string) => void;
}

export class EncryptedTokenCache {
  /** The cache as MSAL serialised it last (or as read at start), not yet handed to `attached`. */
  private memory = '';
  /** The MSAL cache that holds the sign-ins now; its own changes are newer than `memory`. */
  private attached: MsalCache | undefined;
  /** `memory` (or `attached`) holds changes the file does not have yet. */
  private unsaved = false;
  private timer: NodeJS.Timeout | undefined;
  /** Set when a saved cache could not be read nor moved aside: it is then never overwritten. */
  private keepOffDisk = false;
  private readonly file: string;
  private readonly writeDelayMs: number;
  readonly report: TokenCacheReport;

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
    private readonly options: TokenCacheOptions = {},
  ) {
    this.file = path.join(dataDir, TOKEN_CACHE_FILE);
    this.writeDelayMs = options.writeDelayMs ?? TOKEN_CACHE_WRITE_DELAY_MS;
    this.report = { persisted: cipher.isEncryptionAvailable };
    if (cipher.isEncryptionAvailable) this.memory = this.readFile();
  }

  /**
   * Hands the sign-ins to a new MSAL cache (the first, or the next one after the cloud or the client
   * ID changed): what the previous one held, or what was read at start. Once per cache.
   */
  attach(cache: MsalCache): void {
    if (this.attached === cache) return;
    this.takeChanges();
    this.attached = cache;
    if (this.unsaved) this.schedule();
    if (this.memory === '') return;
    cache.deserialize(this.memory);
    // Deserialising marks MSAL's cache changed; serialising clears that, so only real changes count.
    cache.serialize();
  }

  /** Called after each MSAL call: a change is written within the write delay, with any that follow. */
  noteChanges(): void {
    if (this.attached?.hasChanged()) this.schedule();
  }

  private schedule(): void {
    if (!this.writesToDisk() || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.flush();
      } catch (error) {
        this.options.onWriteProblem?.(
          `Saved sign-ins could not be written to ${this.file} (${osProblem(error)}). They are kept in memory and written again with the next change; until then a restart would ask you to sign in again.`,
        );
      }
    }, this.writeDelayMs);
  }

  /**
   * Writes pending changes now. Throws when the write fails for another reason than a folder that
   * cannot be written (said once by the data folder, main/core/platform/persistence/data-folder.ts);
   * the changes stay pending either way.
   */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.takeChanges();
    if (!this.unsaved || !this.writesToDisk()) return;
    try {
      writeFileAtomicSync(this.file, this.cipher.encrypt(this.memory));
      this.unsaved = false;
    } catch (error) {
      // The sign-in works on from memory for this run.
      if (!cannotWrite(error)) throw error;
    }
  }

  /** Serialises the attached cache's changes into `memory`. */
  private takeChanges(): void {
    if (!this.attached?.hasChanged()) return;
    this.memory = this.attached.serialize();
    this.unsaved = true;
  }

  private writesToDisk(): boolean {
    return this.cipher.isEncryptionAvailable && !this.keepOffDisk;
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
