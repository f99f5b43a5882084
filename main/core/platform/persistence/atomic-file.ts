import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Replaces a file whole, as conf (and so electron-store) writes every document: the bytes go to a new
 * temporary file beside it (created exclusively, owner-only), are flushed to disk, and the temporary
 * file is renamed over the old one. A crash leaves the old file or the new one, never a mix; a
 * failure leaves the old file as it was and no temporary file behind.
 */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, mode = 0o600): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', mode);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(path.dirname(file));
}

/** Flushes the rename itself; some systems (Windows) cannot open a folder, which is fine. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
