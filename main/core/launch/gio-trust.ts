import { execFile } from 'node:child_process';

/** Long enough for gio to reach the GVfs metadata service; a shortcut is never held up for longer. */
const GIO_TIMEOUT_MS = 5_000;

/**
 * Marks a `.desktop` launcher on the desktop as trusted, the way GNOME's desktop (Desktop Icons NG,
 * Nautilus before it) wants before it runs one without asking: `gio set <file> metadata::trusted true`
 * on a file that is also executable. Best effort, never throws: other desktops (KDE, Xfce) do not read
 * the attribute, and where GVfs's metadata service is not running gio cannot set it. Then the desktop
 * asks once ("Allow Launching") and the shortcut works from there on. Resolves to whether it was set.
 */
export function markDesktopFileTrusted(file: string, gio = 'gio'): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      execFile(
        gio,
        ['set', file, 'metadata::trusted', 'true'],
        { timeout: GIO_TIMEOUT_MS, windowsHide: true },
        (error) => resolve(error === null),
      );
    } catch {
      resolve(false);
    }
  });
}
