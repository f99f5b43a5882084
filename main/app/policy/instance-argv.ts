/**
 * What a (second) instance was started for, read from its command line: a `switchboard://` deep link
 * (the scheme electron-builder registers with the OS). The argument is handed on exactly as it came,
 * never normalised: core's strict parser (shared/launch/deep-link.ts) must see `..`, `%2F` and the like to
 * refuse them. Kept pure so the picking is tested without Electron.
 */
const DEEP_LINK_SCHEME = 'switchboard';

/** Longer arguments are not links we would open anyway (the parser's own limit is lower). */
const MAX_ARGUMENT_LENGTH = 2048;

export interface InstanceRequest {
  /** The first argument that starts with `switchboard:`, as given; absent when there is none. */
  readonly deepLink?: string;
}

export function parseInstanceArgv(argv: ReadonlyArray<string>): InstanceRequest {
  for (const arg of argv) {
    if (typeof arg !== 'string' || !arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    if (arg.length > MAX_ARGUMENT_LENGTH) continue;
    return { deepLink: arg };
  }
  return {};
}
