import { create } from 'zustand';
import type { BulkAction, BulkPlanItem, BulkResult } from '../../../../shared/gdap/gdap-contract';
import { ROLE_IDS } from '../../../../shared/gdap/roles';

/** The GDAP page's tabs, in order. */
export const GDAP_TABS = ['expiring', 'all', 'bulk', 'offers', 'templates'] as const;
export type GdapTab = (typeof GDAP_TABS)[number];

/** A bulk change being prepared: the picked customers, the action and its choices, the plan, the results. */
export interface BulkState {
  readonly filter: string;
  readonly onlyGdap: boolean;
  readonly picked: ReadonlySet<string>;
  readonly action: BulkAction;
  readonly templateId: string;
  readonly nameSuffix: string;
  readonly groupId: string;
  readonly roleId: string;
  readonly plan: BulkPlanItem[] | undefined;
  readonly results: BulkResult[] | undefined;
}

const BULK_START: BulkState = {
  filter: '',
  onlyGdap: true,
  picked: new Set(),
  action: 'autoExtend',
  templateId: 'copilot-analyst',
  nameSuffix: '- Security Copilot',
  groupId: '',
  roleId: ROLE_IDS.securityReader,
  plan: undefined,
  results: undefined,
};

/**
 * What the GDAP page keeps while the user looks elsewhere (another tab, another view): the tab it
 * shows, and the bulk change being prepared, so coming back finds them as they were left.
 */
interface GdapUiState {
  readonly tab: GdapTab;
  setTab(tab: GdapTab): void;
  readonly bulk: BulkState;
  setBulk<K extends keyof BulkState>(
    key: K,
    value: BulkState[K] | ((before: BulkState[K]) => BulkState[K]),
  ): void;
}

export const useGdapUi = create<GdapUiState>()((set) => ({
  tab: 'expiring',
  setTab: (tab) => set({ tab }),
  bulk: BULK_START,
  setBulk: (key, value) =>
    set((s) => ({
      bulk: {
        ...s.bulk,
        [key]:
          typeof value === 'function'
            ? (value as (before: BulkState[typeof key]) => BulkState[typeof key])(s.bulk[key])
            : value,
      },
    })),
}));

/** One field of the bulk change, as `useState` gives it, kept in the store. */
export function useBulkState<K extends keyof BulkState>(
  key: K,
): [BulkState[K], (value: BulkState[K] | ((before: BulkState[K]) => BulkState[K])) => void] {
  const value = useGdapUi((s) => s.bulk[key]);
  const setBulk = useGdapUi((s) => s.setBulk);
  return [value, (v) => setBulk(key, v)];
}

/** Shows a tab of the GDAP page the next time it renders (the app's toasts link to Expiring). */
export function openGdapTab(tab: GdapTab): void {
  useGdapUi.getState().setTab(tab);
}
