/**
 * What a (second) instance was started for, read from its command line. Today only a
 * `switchboard://` deep link is recognised (the scheme electron-builder registers with the OS); the
 * shell focuses the running window and will route the link once deep links are handled. Kept pure so
 * the parsing is tested without Electron.
 */
export const DEEP_LINK_SCHEME = 'switchboard';

const MAX_DEEP_LINK_LENGTH = 2048;

export interface InstanceRequest {
  /** The first `switchboard://` URL on the command line, normalised; absent when there is none. */
  readonly deepLink?: string;
}

export function parseInstanceArgv(argv: ReadonlyArray<string>): InstanceRequest {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    if (arg.length > MAX_DEEP_LINK_LENGTH) continue;
    try {
      const url = new URL(arg);
      if (url.protocol === `${DEEP_LINK_SCHEME}:`) return { deepLink: url.href };
    } catch {
      // Not a URL: ignore it like any other argument we do not know.
    }
  }
  return {};
}
