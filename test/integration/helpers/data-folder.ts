/**
 * Data folders for the damaged-file tests: a fresh folder with a built-looking renderer beside it, and
 * a way to run as an ordinary user. Tests here often run as root, whom file permissions do not stop;
 * `asOrdinaryUser` switches the effective user to `nobody` while the app runs, as a real analyst's
 * account would be, and back afterwards. Only the OS edge is changed: the app code runs unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const NOBODY = 65534;

export interface TestFolder {
  readonly root: string;
  readonly dataDir: string;
  readonly rendererDir: string;
  file(name: string): string;
  remove(): void;
}

export function makeTestFolder(prefix: string): TestFolder {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(root, 'data');
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  return {
    root,
    dataDir,
    rendererDir,
    file: (name) => path.join(dataDir, name),
    remove: () => {
      chmodTree(root, true);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

const runningAsRoot = (): boolean => process.getuid?.() === 0;

/**
 * Runs `fn` with the rights of an ordinary user who owns `folder` (as root: the effective user becomes
 * `nobody`, and the folder is given to it first). Everything `fn` does to files is checked against
 * that user's rights, so chmod 000 and a read-only folder stop it as they would stop the analyst.
 */
export async function asOrdinaryUser<T>(
  folder: TestFolder,
  fn: () => Promise<T> | T,
  /** Files left to their owner (root here): another account's files, for the ordinary user. */
  othersFiles: ReadonlyArray<string> = [],
): Promise<T> {
  const { seteuid, setegid } = process;
  if (!runningAsRoot() || seteuid === undefined || setegid === undefined) return fn();
  chownTree(folder.root, NOBODY);
  for (const file of othersFiles) fs.chownSync(file, 0, 0);
  setegid(NOBODY);
  seteuid(NOBODY);
  try {
    return await fn();
  } finally {
    seteuid(0);
    setegid(0);
  }
}

function chownTree(dir: string, id: number): void {
  fs.chownSync(dir, id, id);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, id);
    else fs.chownSync(full, id, id);
  }
}

/** Gives the owner back every right under `dir`, so the test can clean up. */
function chmodTree(dir: string, top: boolean): void {
  try {
    fs.chmodSync(dir, 0o700);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) chmodTree(full, false);
      else fs.chmodSync(full, 0o600);
    }
  } catch {
    if (top) return;
  }
}
