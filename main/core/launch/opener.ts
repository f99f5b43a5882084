import type { LaunchMode } from '../../../shared/launch/launch-mode';

/** How one launch opens: the mode and, for app windows, the account's own session partition. */
export interface LaunchHow {
  readonly mode: LaunchMode;
  /** `persist:switchboard-account-<hash>`: the account's cookies, kept apart from other accounts. */
  readonly partition: string;
}

/**
 * Hands a validated URL to the outside world. In Electron it is `shell.openExternal` (or a browser
 * profile, or an app window) behind the allow-list; the browser host returns `handled: false` for
 * the default browser so the page opens the tab itself; tests use a recording fake. Core decides what
 * to open and how, the shell opens it.
 */
export interface Opener {
  open(url: string, how?: LaunchHow): Promise<{ readonly handled: boolean }>;
}
