/**
 * Hands a validated URL to the outside world. In Electron it is `shell.openExternal` behind the
 * allow-list; the browser host returns `handled: false` so the page opens the tab itself; tests use a
 * recording fake. Core decides what to open, the shell opens it.
 */
export interface Opener {
  open(url: string): Promise<{ readonly handled: boolean }>;
}
