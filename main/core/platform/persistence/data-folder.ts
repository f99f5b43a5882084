/**
 * The data folder as a whole, as each shell opens it at start: taken for this process alone (the
 * lock), checked once for being writable, and its documents' writes guarded so a folder that turns
 * read-only (or a full disk) is said once, as a notice, instead of failing every change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Notice } from '../../../../shared/contract/contract';
import { acquireDataFolderLock, type DataFolderLock, type LockHolderKind } from './data-folder-lock';
import { osProblem } from './os-problem';
import type { StoreBackends } from './store-backend';

export interface DataFolder {
  readonly dir: string;
  /** False when Switchboard could not write in the folder at start (checked once). */
  readonly writable: boolean;
  /**
   * The documents of this folder with their writes guarded: a write the OS refuses because the
   * folder cannot be written (read-only, permission, full disk) keeps the change in memory for this
   * run and is reported once; the next write that works saves the whole document again.
   */
  guard(backends: StoreBackends): StoreBackends;
  /** A problem found in the folder (a damaged file elsewhere), for the user. */
  report(notice: Notice | undefined): void;
  /** Sends every notice so far, and each later one, to `to` (core's notify). */
  relay(to: (notice: Notice) => void): void;
  /** Gives the folder back (removes the lock). */
  release(): void;
}

export interface OpenDataFolderOptions {
  readonly kind: LockHolderKind;
  readonly now?: () => Date;
}

/** OS error codes that mean "this folder or disk cannot be written now". */
const CANNOT_WRITE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

export function cannotWrite(error: unknown): boolean {
  return CANNOT_WRITE.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/**
 * Opens the data folder for this process: creates it if needed, takes its lock (throws
 * DataFolderBusyError when another Switchboard holds it) and checks it can be written. A folder that
 * cannot be written is not an error: Switchboard starts, says so once, and keeps changes in memory.
 */
export function openDataFolder(dir: string, options: OpenDataFolderOptions): DataFolder {
  // A new folder is the account's own: it tells who works for which customer.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let lock: DataFolderLock | undefined;
  let writeProblem: unknown;
  try {
    lock = acquireDataFolderLock(dir, { kind: options.kind, now: options.now });
  } catch (error) {
    // Where nothing can be written, nothing can be overwritten either: a second reader is harmless.
    if (!cannotWrite(error)) throw error;
    writeProblem = error;
  }
  writeProblem ??= probeWrite(dir);

  const pending: Notice[] = [];
  let sink: ((notice: Notice) => void) | undefined;
  const report = (notice: Notice | undefined): void => {
    if (notice === undefined) return;
    if (sink) sink(notice);
    else pending.push(notice);
  };
  let saidCannotWrite = false;
  const sayCannotWrite = (error: unknown): void => {
    if (saidCannotWrite) return;
    saidCannotWrite = true;
    report(cannotWriteNotice(dir, error));
  };
  if (writeProblem !== undefined) sayCannotWrite(writeProblem);
  let refusing = writeProblem !== undefined;

  return {
    dir,
    writable: writeProblem === undefined,
    guard: (backends) => ({
      pathOf: (name) => backends.pathOf(name),
      open: (name) => {
        const backend = backends.open(name);
        return {
          path: backend.path,
          read: () => backend.read(),
          write: (data) => {
            // While the folder refuses writes, a quick check first: the store's own write retries a
            // refused write for a while (atomically), which would slow every change down.
            if (refusing && probeWrite(dir) !== undefined) return;
            try {
              backend.write(data);
              refusing = false;
            } catch (error) {
              if (!cannotWrite(error)) throw error;
              refusing = true;
              sayCannotWrite(error);
            }
          },
        };
      },
    }),
    report,
    relay: (to) => {
      sink = to;
      for (const notice of pending.splice(0)) to(notice);
    },
    release: () => lock?.release(),
  };
}

/** Writes and removes a small file: the one sure way to know the folder takes writes. */
function probeWrite(dir: string): unknown {
  const probe = path.join(dir, `.switchboard-write-check-${process.pid}`);
  try {
    fs.writeFileSync(probe, '', { flag: 'wx', mode: 0o600 });
    fs.rmSync(probe, { force: true });
    return undefined;
  } catch (error) {
    if (cannotWrite(error)) return error;
    fs.rmSync(probe, { force: true });
    return undefined;
  }
}

const CANNOT_WRITE_NOTICE_ID = 'data-folder-not-writable';

function cannotWriteNotice(dir: string, error: unknown): Notice {
  const full = ['ENOSPC', 'EDQUOT'].includes((error as NodeJS.ErrnoException).code ?? '');
  return {
    id: CANNOT_WRITE_NOTICE_ID,
    level: 'error',
    title: full
      ? 'The disk is full: changes are not saved'
      : 'Changes are not saved: the data folder cannot be written',
    message: `Switchboard cannot save to its data folder ${dir} (${osProblem(error)}). What you change now works until Switchboard closes, but is not kept. ${
      full
        ? 'Free some space on that disk'
        : 'Make the folder writable for your account, or start Switchboard with --data-dir and a folder you can write to'
    }.`,
  };
}
