/**
 * Hands the favourites to the OS launcher: the Windows Jump List (`app.setUserTasks`) and the macOS
 * dock menu (`app.dock.setMenu`). Linux has no run-time equivalent; its "Switch tenant" desktop
 * action is static, in electron-builder.yml. What is listed is decided in policy/launcher-menus.ts.
 */
import path from 'node:path';
import { app, Menu } from 'electron';
import type { Customer } from '../../shared/customers/customer';
import type { TenantId } from '../../shared/platform/tenant-id';
import { dockMenu, jumpListTasks } from './policy/launcher-menus';

export interface LauncherMenuOptions {
  readonly platform: NodeJS.Platform;
  readonly launch: (tenantId: TenantId) => void;
  readonly switchTenant: () => void;
  readonly log: { warn(message: string): void };
}

export function updateLauncherMenus(customers: ReadonlyArray<Customer>, options: LauncherMenuOptions): void {
  if (options.platform === 'win32') {
    const tasks = jumpListTasks(customers, {
      executable: process.execPath,
      // Unpackaged, Electron needs the app's folder before our arguments (as for the protocol).
      leadingArgs: process.defaultApp ? [path.resolve(process.argv[1] ?? '.')] : [],
    });
    if (!app.setUserTasks([...tasks])) options.log.warn('The Jump List could not be updated.');
  }
  if (options.platform === 'darwin' && app.dock) {
    const menu = Menu.buildFromTemplate(
      dockMenu(customers).map((item) =>
        item.kind === 'separator'
          ? { type: 'separator' as const }
          : item.kind === 'launch'
            ? { label: item.label, click: () => options.launch(item.tenantId) }
            : { label: item.label, click: () => options.switchTenant() },
      ),
    );
    app.dock.setMenu(menu);
  }
}
