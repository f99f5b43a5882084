import { BrowserWindow } from 'electron';
import { PRODUCT_NAME } from '../core/platform/host-options';
import { APP_ENTRY_URL } from './policy/app-protocol';

/** The windows this shell created, by webContents id: the only senders IPC trusts. */
const ourWindows = new Map<number, BrowserWindow>();
/** Which of them are main windows (the others: the switcher). */
const mainWindows = new WeakSet<BrowserWindow>();

/**
 * The renderer of every window of ours: sandboxed, context-isolated, no Node, talking to main only
 * through the preload's contract bridge (Electron security checklist items 2-4, 6, 18).
 */
export function hardenedWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click must not become a second way to open links (Electronegativity AUXCLICK_JS_CHECK).
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
  };
}

/** Makes a window of ours a trusted IPC sender (and an event receiver) until it closes. */
export function trackOurWindow(window: BrowserWindow, role: 'main' | 'switcher'): void {
  const id = window.webContents.id;
  ourWindows.set(id, window);
  if (role === 'main') mainWindows.add(window);
  window.once('closed', () => ourWindows.delete(id));
}

export function ourWebContentsIds(): ReadonlySet<number> {
  return new Set(ourWindows.keys());
}

export function allOurWindows(): ReadonlyArray<BrowserWindow> {
  return [...ourWindows.values()].filter((w) => !w.isDestroyed());
}

/**
 * The main window: the renderer from app://switchboard/, in a sandboxed, context-isolated renderer
 * with no Node, talking to main only through the preload's contract bridge (Electron security
 * checklist items 2-4, 6, 18).
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Fluent's light theme background, so nothing flashes before the first paint.
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: hardenedWebPreferences(preloadPath),
  });
  trackOurWindow(window, 'main');
  window.once('ready-to-show', () => window.show());
  window.removeMenu();
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Our main window, if one is open (the switcher window does not count). */
export function ourMainWindow(): BrowserWindow | undefined {
  return allOurWindows().find((w) => mainWindows.has(w));
}

/** Brings our main window to the front (a second instance was started, or the dock icon clicked). */
export function focusMainWindow(): boolean {
  const window = ourMainWindow();
  if (window === undefined) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}
