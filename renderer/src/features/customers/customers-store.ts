import { create } from 'zustand';
import type { CommandError, CustomersFirstScreen } from '../../../../shared/contract/contract';
import type { CustomerDraftInput } from '../../../../shared/customers/customer';
import type { ListedCustomer as Customer } from '../../../../shared/customers/customer-directory';
import type { TenantId } from '../../../../shared/platform/tenant-id';
import { getBridge, invoke } from '../../app/bridge/bridge';
import { useApp } from '../../app/app-store';

/**
 * Rows asked for before the whole list: more than the tallest screen shows, so the first screen is
 * whole and a first scroll still finds rows while the rest of the list arrives.
 */
const FIRST_SCREEN_ROWS = 60;

interface CustomersState {
  /** The whole list, once it has arrived (`loaded`); every feature reads this. */
  readonly customers: ReadonlyArray<Customer>;
  readonly loaded: boolean;
  /**
   * Until the whole list arrives, the customers view paints its first screen from this: with 10,000
   * customers the list is megabytes, and the first rows need not wait for it.
   */
  readonly firstScreen: CustomersFirstScreen | undefined;
  readonly loadError: CommandError | undefined;
  readonly selected: TenantId | undefined;
  load(): Promise<void>;
  select(tenantId: TenantId | undefined): void;
  /** Each write returns the error to show next to the form, or undefined on success. */
  add(draft: CustomerDraftInput): Promise<CommandError | undefined>;
  update(tenantId: TenantId, draft: CustomerDraftInput): Promise<CommandError | undefined>;
  remove(tenantId: TenantId): Promise<CommandError | undefined>;
  setFavourite(tenantId: TenantId, favourite: boolean): Promise<CommandError | undefined>;
}

export const useCustomers = create<CustomersState>((set, get) => ({
  customers: [],
  loaded: false,
  firstScreen: undefined,
  loadError: undefined,
  selected: undefined,
  async load() {
    const first = await invoke('customers.firstScreen', { rows: FIRST_SCREEN_ROWS });
    if (first.ok && first.value.total <= first.value.customers.length) {
      // The whole list fitted in the first answer.
      set({ customers: first.value.customers, loaded: true, firstScreen: undefined, loadError: undefined });
      return;
    }
    if (first.ok && !get().loaded) set({ firstScreen: first.value });
    // The rest after the first screen has painted.
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const result = await invoke('customers.list', {});
    if (result.ok)
      set({ customers: result.value, loaded: true, firstScreen: undefined, loadError: undefined });
    else set({ loaded: true, firstScreen: undefined, loadError: result.error });
  },
  select(tenantId) {
    set({ selected: tenantId });
  },
  async add(draft) {
    const result = await invoke('customers.add', draft);
    if (!result.ok) return result.error;
    set({ selected: result.value.tenantId });
    return undefined;
  },
  async update(tenantId, draft) {
    const result = await invoke('customers.update', { tenantId, draft });
    if (!result.ok) return result.error;
    if (get().selected === tenantId) set({ selected: result.value.tenantId });
    return undefined;
  },
  async setFavourite(tenantId, favourite) {
    const result = await invoke('customers.setFavourite', { tenantId, favourite });
    return result.ok ? undefined : result.error;
  },
  async remove(tenantId) {
    const result = await invoke('customers.remove', { tenantId });
    if (!result.ok) return result.error;
    if (get().selected === tenantId) set({ selected: undefined });
    return undefined;
  },
}));

/** Keeps the list in step with main: every change (from this window or another) arrives as an event. */
export function subscribeToCustomerChanges(): () => void {
  const bridge = getBridge();
  const offs = [
    bridge.on('customers.changed', (customers) =>
      useCustomers.setState({ customers, loaded: true, firstScreen: undefined }),
    ),
    // A switchboard://customer/<tenant> link: show that customer's page.
    bridge.on('app.openCustomer', ({ tenantId }) => {
      useCustomers.setState({ selected: tenantId as TenantId });
      useApp.getState().show('customers');
    }),
  ];
  return () => offs.forEach((off) => off());
}
