/**
 * The small always-on-top switcher window the global hotkey shows: the same renderer and the same
 * hardened webPreferences as the main window, at `app://switchboard/index.html#switcher`, where the
 * renderer shows only the tenant switcher. Created on first use and kept (hidden) afterwards, so the
 * hotkey brings it back at once; it hides when it loses focus, on Escape, and when the renderer
 * closes it after a launch.
 */
import { app, BrowserWindow, screen } from 'electron';
import { PRODUCT_NAME } from '../core/platform/host-options';
import { APP_ENTRY_URL } from './policy/app-protocol';
import { hardenedWebPreferences, trackOurWindow } from './window';

/** The renderer shows only the switcher at this hash (renderer/src/app/switcher-window.tsx). */
const SWITCHER_URL = `${APP_ENTRY_URL}#switcher`;

const WIDTH = 680;
const HEIGHT = 460;

export interface SwitcherWindow {
  /** Shows and focuses the switcher on the display the pointer is on. */
  show(): void;
  /** The hotkey: shows the switcher, or hides it when it is already in front. */
  toggle(): void;
  /** The window, once created (tests and the Electron spec look at it). */
  current(): BrowserWindow | undefined;
  /** Closes it for good (the main window closed, or the app quits). */
  destroy(): void;
}

export function createSwitcherWindow(preloadPath: string): SwitcherWindow {
  let window: BrowserWindow | undefined;
  let quitting = false;
  app.once('before-quit', () => (quitting = true));

  const create = (): BrowserWindow => {
    const created = new BrowserWindow({
      title: `${PRODUCT_NAME}: switch tenant`,
      width: WIDTH,
      height: HEIGHT,
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      show: false,
      backgroundColor: '#ffffff',
      webPreferences: hardenedWebPreferences(preloadPath),
    });
    trackOurWindow(created, 'switcher');
    // Above full-screen apps too, where the OS allows it.
    created.setAlwaysOnTop(true, 'pop-up-menu');
    created.removeMenu();
    created.on('blur', () => created.hide());
    created.webContents.on('before-input-event', (_event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') created.hide();
    });
    // window.close() from the renderer (after a launch) hides it, so the next hotkey is instant.
    created.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      created.hide();
    });
    created.once('closed', () => {
      if (window === created) window = undefined;
    });
    void created.loadURL(SWITCHER_URL);
    return created;
  };

  const placeOnPointerDisplay = (target: BrowserWindow): void => {
    const { workArea } = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    target.setBounds({
      x: Math.round(workArea.x + (workArea.width - WIDTH) / 2),
      y: Math.round(workArea.y + workArea.height * 0.2),
      width: WIDTH,
      height: HEIGHT,
    });
  };

  const show = (): void => {
    const existing = window && !window.isDestroyed() ? window : undefined;
    const target = existing ?? (window = create());
    placeOnPointerDisplay(target);
    const reveal = (): void => {
      target.show();
      target.focus();
    };
    // A new window shows once its first paint is ready, so it never flashes empty.
    if (existing) reveal();
    else target.once('ready-to-show', reveal);
  };

  return {
    show,
    toggle: () => {
      if (window && !window.isDestroyed() && window.isVisible() && window.isFocused()) window.hide();
      else show();
    },
    current: () => (window && !window.isDestroyed() ? window : undefined),
    destroy: () => {
      if (window && !window.isDestroyed()) window.destroy();
      window = undefined;
    },
  };
}
