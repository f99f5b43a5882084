/**
 * What the tray icon's menu lists: the analyst's favourites first, then the customers launched most
 * recently (each opens that customer's Security Copilot), then the ways into the app. Pure, so the
 * order and the caps are tested in plain Node; main/app/tray.ts turns it into an Electron Menu.
 */
import { compareCustomersByName, recentCustomers, type Customer } from '../../../shared/customers/customer';
import type { TenantId } from '../../../shared/platform/tenant-id';

/** How many favourites, and how many recent launches, a menu lists (a menu is not a search). */
export const MENU_LIST_LIMIT = 10;

/** Longer customer names are cut with an ellipsis, so the menu stays on screen. */
const MAX_LABEL_LENGTH = 60;

export type TrayMenuItem =
  | { readonly kind: 'heading'; readonly label: string }
  | { readonly kind: 'launch'; readonly label: string; readonly tenantId: TenantId }
  | { readonly kind: 'note'; readonly label: string }
  | { readonly kind: 'separator' }
  | {
      readonly kind: 'action';
      readonly action: 'openMain' | 'switchTenant' | 'quit';
      readonly label: string;
      /** Shown beside the label (the global hotkey); the menu does not register it. */
      readonly accelerator?: string;
    };

export interface LaunchList {
  readonly favourites: ReadonlyArray<Customer>;
  /** Launched recently, newest first, without the favourites already listed. */
  readonly recents: ReadonlyArray<Customer>;
}

/** Favourites by name, then recent launches newest first, each capped at `limit`. */
export function launchList(customers: ReadonlyArray<Customer>, limit = MENU_LIST_LIMIT): LaunchList {
  const favourites = customers.filter((c) => c.favourite).sort(compareCustomersByName);
  const recents = recentCustomers(
    customers.filter((c) => !c.favourite),
    limit,
  );
  return { favourites: favourites.slice(0, limit), recents };
}

/**
 * A customer's name as a menu label: cut to length, and with "&" doubled where Windows and Linux
 * menus would take it as the mnemonic marker ("Smith & Jones" would show "Smith  Jones").
 */
export function menuLabel(name: string, platform: NodeJS.Platform): string {
  const oneLine = name.replace(/\s+/g, ' ').trim();
  const cut = oneLine.length > MAX_LABEL_LENGTH ? `${oneLine.slice(0, MAX_LABEL_LENGTH - 1)}…` : oneLine;
  return platform === 'darwin' ? cut : cut.replace(/&/g, '&&');
}

export function trayMenu(
  customers: ReadonlyArray<Customer>,
  options: { readonly platform: NodeJS.Platform; readonly hotkey?: string; readonly limit?: number },
): ReadonlyArray<TrayMenuItem> {
  const { favourites, recents } = launchList(customers, options.limit);
  const launchItem = (c: Customer): TrayMenuItem => ({
    kind: 'launch',
    label: menuLabel(c.displayName, options.platform),
    tenantId: c.tenantId,
  });
  const items: TrayMenuItem[] = [];
  if (favourites.length > 0) {
    items.push(
      { kind: 'heading', label: 'Favourites: open Security Copilot' },
      ...favourites.map(launchItem),
    );
  }
  if (recents.length > 0) {
    if (items.length > 0) items.push({ kind: 'separator' });
    items.push({ kind: 'heading', label: 'Recent' }, ...recents.map(launchItem));
  }
  if (items.length === 0) {
    items.push({ kind: 'note', label: 'Star a customer to list it here' });
  }
  items.push(
    { kind: 'separator' },
    {
      kind: 'action',
      action: 'switchTenant',
      label: 'Switch tenant…',
      ...(options.hotkey ? { accelerator: options.hotkey } : {}),
    },
    { kind: 'action', action: 'openMain', label: 'Open Switchboard' },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: 'Quit Switchboard' },
  );
  return items;
}
