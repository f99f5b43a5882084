/**
 * One data folder has one writer. Each document is read once at start and then rewritten whole, so
 * two processes on one folder (two browser hosts, or the desktop app and a browser host, which share
 * the default folder) would each overwrite the other's changes. The first process to start takes
 * `<data folder>/switchboard.lock`; a second one is refused and told who holds the folder. A lock
 * left by a process that no longer runs (a crash, a power cut) is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const LOCK_FILE = 'switchboard.lock';

/** Which Switchboard holds a folder, in the words the refusal uses. */
export type LockHolderKind = 'desktop' | 'web';

const HOLDER_LABELS: Readonly<Record<LockHolderKind, string>> = {
  desktop: 'the Switchboard desktop app',
  web: 'a Switchboard browser host (npm run start:web)',
};

const holderSchema = z.object({
  pid: z.number().int().positive(),
  kind: z.enum(['desktop', 'web']),
  startedAt: z.string(),
  hostname: z.string(),
});

export type LockHolder = z.infer<typeof holderSchema>;

export interface DataFolderLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still this process's. Safe to call more than once. */
  release(): void;
}

/** The folder is in use by another running Switchboard; the message says which and what to do. */
export class DataFolderBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(busyMessage(dataDir, holder));
    this.name = 'DataFolderBusyError';
  }
}

export interface AcquireOptions {
  readonly kind: LockHolderKind;
  readonly pid?: number;
  readonly hostname?: string;
  readonly now?: () => Date;
  /** Whether a process runs on this machine; the default asks the OS (signal 0). */
  readonly isAlive?: (pid: number) => boolean;
}

/** A lock file that cannot be parsed this long after it was written is left over, not being written. */
const UNREADABLE_STALE_MS = 5_000;

/**
 * Takes the data folder for this process, or throws DataFolderBusyError naming the holder. The lock
 * file is created with O_EXCL, so of two processes starting at once exactly one wins. It is removed
 * when this process exits; a stale one (its process is gone) is moved out of the way and replaced.
 */
export function acquireDataFolderLock(dataDir: string, options: AcquireOptions): DataFolderLock {
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: options.pid ?? process.pid,
    kind: options.kind,
    startedAt: (options.now ?? (() => new Date()))().toISOString(),
    hostname: options.hostname ?? os.hostname(),
  };
  const isAlive = options.isAlive ?? processIsAlive;
  const text = `${JSON.stringify(holder)}\n`;

  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, text)) return heldLock(file, holder, text);
    const current = readLock(file);
    if (current.state === 'gone') continue;
    if (current.state === 'foreign') throw new DataFolderBusyError(dataDir, undefined);
    if (current.state === 'unreadable') {
      // Another process may be between creating and writing it: only an old one is left over.
      if (Date.now() - current.mtimeMs < UNREADABLE_STALE_MS) {
        sleepSync(100);
        continue;
      }
    } else if (current.holder.hostname !== holder.hostname || isAlive(current.holder.pid)) {
      // On another machine (a shared folder) the process cannot be checked: it is taken as running.
      throw new DataFolderBusyError(dataDir, current.holder);
    }
    takeOver(file, current.text);
  }
  throw new DataFolderBusyError(dataDir, undefined);
}

function tryCreate(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

type ReadLock =
  | { state: 'gone' }
  | { state: 'foreign' }
  | { state: 'unreadable'; text: string; mtimeMs: number }
  | { state: 'held'; text: string; holder: LockHolder };

function readLock(file: string): ReadLock {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'gone' };
    // A folder where the lock should be is left over from nothing we wrote: it is moved aside.
    if (code === 'EISDIR') return { state: 'unreadable', text: '', mtimeMs: 0 };
    // Another account's lock (owner-only) cannot be read: it is held, never taken.
    if (code === 'EACCES' || code === 'EPERM') return { state: 'foreign' };
    throw error;
  }
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: 'held', text, holder: parsed.data };
  } catch {
    // not JSON: judged by its age below
  }
  return { state: 'unreadable', text, mtimeMs };
}

/**
 * Moves a stale lock out of the way. The rename is atomic, so of two processes taking over the same
 * stale lock only one moves it; if what was moved is not the stale lock that was judged (another
 * process replaced it meanwhile), it is put back (link fails if yet another lock is already there).
 */
function takeOver(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let moved: string;
  try {
    moved = fs.readFileSync(aside, 'utf8');
  } catch {
    moved = ''; // a folder: nothing of ours; it is kept aside for whoever put it there
    if (staleText === '') return;
  }
  if (moved !== staleText) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // a lock is there again; the next attempt reads it
    }
  }
  fs.rmSync(aside, { force: true });
}

function heldLock(file: string, holder: LockHolder, text: string): DataFolderLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      // Only ever this process's own lock: a lock taken over by another process stays.
      if (fs.readFileSync(file, 'utf8') === text) fs.rmSync(file, { force: true });
    } catch {
      // already gone, or the folder went away
    }
  };
  process.on('exit', release);
  return { file, holder, release };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function busyMessage(dataDir: string, holder: LockHolder | undefined): string {
  const file = path.join(dataDir, LOCK_FILE);
  const advice = `Only one Switchboard can use a data folder at a time: use the one that is running, or close it first. To run both, start this one with --data-dir and another folder.`;
  if (holder === undefined)
    return `The data folder ${dataDir} is in use by another Switchboard (its lock, ${file}, belongs to another account or keeps changing). ${advice}`;
  const where = holder.hostname === os.hostname() ? '' : ` on the computer ${holder.hostname}`;
  return `The data folder ${dataDir} is in use by ${HOLDER_LABELS[holder.kind]} (process ${holder.pid}${where}, started ${holder.startedAt}). ${advice} If no Switchboard is running there, delete ${file} and start again.`;
}
