/**
 * The favourites the OS launcher offers: the Windows Jump List's tasks (each starts the app with a
 * switchboard:// link, which the running instance receives as second-instance argv) and the macOS
 * dock menu. Linux gets a static "Switch tenant" desktop action from electron-builder.yml. Pure, so
 * it is tested in plain Node; main/app/main.ts hands the result to Electron.
 */
import type { Customer } from '../../../shared/customers/customer';
import { deepLinkFor } from '../../../shared/launch/deep-link';
import type { TenantId } from '../../../shared/platform/tenant-id';
import { launchList, menuLabel, MENU_LIST_LIMIT } from './tray-menu';

/**
 * Starts (or reaches, through the single-instance lock) the app with the switcher shown: the Jump
 * List's and the Linux desktop action's way in to the switcher.
 */
export const SWITCHER_ARGUMENT = '--switch-tenant';

/** Whether a command line (the first instance's or a second instance's) asks for the switcher. */
export function wantsSwitcher(argv: ReadonlyArray<string>): boolean {
  return argv.some((arg) => arg === SWITCHER_ARGUMENT);
}

/** Electron's `Task` (app.setUserTasks), spelled out so this module needs no Electron. */
export interface JumpListTask {
  readonly program: string;
  readonly arguments: string;
  readonly title: string;
  readonly description: string;
  readonly iconPath: string;
  readonly iconIndex: number;
}

export interface JumpListOptions {
  /** `process.execPath`. */
  readonly executable: string;
  /** Arguments before ours: the app's folder when Electron runs unpackaged (process.defaultApp). */
  readonly leadingArgs?: ReadonlyArray<string>;
  readonly limit?: number;
}

/**
 * One argument as Windows' CommandLineToArgvW reads it back: quoted when it holds a space or a
 * quote, with backslashes doubled only where they precede a quote.
 */
export function windowsArgument(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let quoted = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes++;
      continue;
    }
    quoted += ch === '"' ? '\\'.repeat(backslashes * 2 + 1) + '"' : '\\'.repeat(backslashes) + ch;
    backslashes = 0;
  }
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}

/**
 * The Jump List: "Switch tenant…", then each favourite (by name, capped) opening its Security
 * Copilot through `switchboard://launch/<tenant>?target=securityCopilot`, the same link desktop
 * shortcuts use, so a refused or unknown tenant is handled by core's one strict parser.
 */
export function jumpListTasks(
  customers: ReadonlyArray<Customer>,
  options: JumpListOptions,
): ReadonlyArray<JumpListTask> {
  const command = (arg: string): string =>
    [...(options.leadingArgs ?? []), arg].map(windowsArgument).join(' ');
  const task = (title: string, description: string, arg: string): JumpListTask => ({
    program: options.executable,
    arguments: command(arg),
    title,
    description,
    iconPath: options.executable,
    iconIndex: 0,
  });
  const { favourites } = launchList(customers, options.limit ?? MENU_LIST_LIMIT);
  return [
    task('Switch tenant…', 'Find a customer and open its Security Copilot', SWITCHER_ARGUMENT),
    ...favourites.map((c) =>
      // The Jump List shows titles as they are: no mnemonic escaping (win32 rules do not apply).
      task(
        menuLabel(c.displayName, 'darwin'),
        `Open Security Copilot in ${menuLabel(c.displayName, 'darwin')}’s tenant`,
        deepLinkFor('launch', c.tenantId, 'securityCopilot'),
      ),
    ),
  ];
}

export type DockMenuItem =
  | { readonly kind: 'launch'; readonly label: string; readonly tenantId: TenantId }
  | { readonly kind: 'separator' }
  | { readonly kind: 'switchTenant'; readonly label: string };

/** The macOS dock menu: favourites by name (capped), then "Switch tenant…". */
export function dockMenu(
  customers: ReadonlyArray<Customer>,
  limit = MENU_LIST_LIMIT,
): ReadonlyArray<DockMenuItem> {
  const { favourites } = launchList(customers, limit);
  const items: DockMenuItem[] = favourites.map((c) => ({
    kind: 'launch',
    label: menuLabel(c.displayName, 'darwin'),
    tenantId: c.tenantId,
  }));
  if (items.length > 0) items.push({ kind: 'separator' });
  items.push({ kind: 'switchTenant', label: 'Switch tenant…' });
  return items;
}
