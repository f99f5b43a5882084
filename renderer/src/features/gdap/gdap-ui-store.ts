import { create } from 'zustand';

/** The GDAP page's tabs, in order. */
export const GDAP_TABS = ['expiring', 'bulk', 'offers', 'templates'] as const;
export type GdapTab = (typeof GDAP_TABS)[number];

/**
 * What the GDAP page keeps while the user looks elsewhere: the tab it shows, and the bulk change being
 * prepared (picked customers, the action and its plan), so coming back finds them as they were left.
 */
export interface GdapUiState {
  readonly tab: GdapTab;
  setTab(tab: GdapTab): void;
  /** BulkView's own state, opaque here (BulkView.tsx reads and writes it). */
  readonly bulk: Readonly<Record<string, unknown>>;
  setBulk(patch: Readonly<Record<string, unknown>>): void;
}

export const useGdapUi = create<GdapUiState>()((set) => ({
  tab: 'expiring',
  setTab: (tab) => set({ tab }),
  bulk: {},
  setBulk: (patch) => set((s) => ({ bulk: { ...s.bulk, ...patch } })),
}));

/** Shows a tab of the GDAP page the next time it renders (the app's toasts link to Expiring). */
export function openGdapTab(tab: GdapTab): void {
  useGdapUi.getState().setTab(tab);
}
