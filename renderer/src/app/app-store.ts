import { create } from 'zustand';
import type { AppInfo, CommandError, Notice } from '../../../shared/contract/contract';
import { getBridge, invoke } from './bridge/bridge';

export const VIEWS = [
  'customers',
  'gdap',
  'access',
  'copilotAzure',
  'audit',
  'accounts',
  'plugins',
  'settings',
] as const;
export type ViewId = (typeof VIEWS)[number];

interface AppState {
  readonly info: AppInfo | undefined;
  readonly infoError: CommandError | undefined;
  readonly view: ViewId;
  readonly notices: ReadonlyArray<Notice>;
  loadInfo(): Promise<void>;
  show(view: ViewId): void;
  dismiss(id: string): Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  info: undefined,
  infoError: undefined,
  view: 'customers',
  notices: [],
  async loadInfo() {
    const result = await invoke('app.info', {});
    if (result.ok) set({ info: result.value, notices: result.value.notices, infoError: undefined });
    else set({ infoError: result.error });
  },
  show(view) {
    set({ view });
  },
  async dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
    await invoke('app.dismissNotice', { id });
  },
}));

/** The header shows the cloud in use: reload the app info whenever the settings change. */
export function subscribeToSettings(): () => void {
  return getBridge().on('settings.changed', () => void useApp.getState().loadInfo());
}

export function subscribeToNotices(): () => void {
  return getBridge().on('app.notice', (notice) =>
    useApp.setState((s) => ({ notices: [...s.notices.filter((n) => n.id !== notice.id), notice] })),
  );
}
