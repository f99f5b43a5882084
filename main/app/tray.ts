/**
 * The tray icon: favourites and recent launches (each opens that customer's Security Copilot through
 * core, as the window's launch button does), "Switch tenant…", "Open Switchboard" and "Quit". The
 * menu is rebuilt whenever core says the customers changed; what it lists is decided in
 * policy/tray-menu.ts.
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { ListedCustomer } from '../../shared/customers/customer-directory';
import { PRODUCT_NAME } from '../core/platform/host-options';
import { trayMenu, type TrayMenuItem } from './policy/tray-menu';
import type { TenantId } from '../../shared/platform/tenant-id';

export interface TrayOptions {
  /** A PNG; it is scaled to the size trays use. */
  readonly iconPath: string;
  readonly platform: NodeJS.Platform;
  /** The switcher's global hotkey when this app holds it, shown beside "Switch tenant…". */
  readonly hotkey: () => string | undefined;
  readonly launch: (tenantId: TenantId) => void;
  readonly switchTenant: () => void;
  readonly openMain: () => void;
  readonly quit: () => void;
  readonly log: { warn(message: string): void };
}

export interface SwitchboardTray {
  /** Rebuilds the menu from the current customers. */
  update(customers: ReadonlyArray<ListedCustomer>): void;
  destroy(): void;
}

/** Call after `app` is ready. */
export function createTray(options: TrayOptions): SwitchboardTray {
  const image = nativeImage.createFromPath(options.iconPath);
  if (image.isEmpty()) options.log.warn(`The tray icon ${options.iconPath} could not be read.`);
  // macOS menu bar icons are 16-22 pt; Windows and Linux trays scale from a 32 px image.
  const size = options.platform === 'darwin' ? 18 : 32;
  const tray = new Tray(image.isEmpty() ? image : image.resize({ width: size, height: size }));
  tray.setToolTip(PRODUCT_NAME);
  // Windows opens the menu on right-click only; a left click brings up the switcher instead.
  tray.on('click', () => {
    if (options.platform === 'win32') options.switchTenant();
  });

  const toElectron = (item: TrayMenuItem): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'heading':
      case 'note':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'launch':
        return { label: item.label, click: () => options.launch(item.tenantId) };
      case 'action': {
        const click =
          item.action === 'openMain'
            ? options.openMain
            : item.action === 'switchTenant'
              ? options.switchTenant
              : options.quit;
        return {
          label: item.label,
          click: () => click(),
          ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
        };
      }
    }
  };

  const update = (customers: ReadonlyArray<ListedCustomer>): void => {
    const items = trayMenu(customers, { platform: options.platform, hotkey: options.hotkey() });
    // Linux (AppIndicator) reads the menu only when it is set, so it is set anew on every change.
    tray.setContextMenu(Menu.buildFromTemplate(items.map(toElectron)));
  };
  update([]);

  return { update, destroy: () => tray.destroy() };
}
