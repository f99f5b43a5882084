import { create } from 'zustand';
import type { AuthStatus, CommandError, DeviceCodePrompt } from '../../../../shared/contract/contract';
import { getBridge, invoke } from '../../app/bridge/bridge';

interface AccountsState {
  readonly status: AuthStatus | undefined;
  readonly error: CommandError | undefined;
  readonly signingIn: 'browser' | 'deviceCode' | undefined;
  readonly deviceCode: DeviceCodePrompt | undefined;
  /** The sign-in page the browser host asked this page to open (also offered as a link). */
  readonly browserUrl: string | undefined;
  /** The last sign-in was cancelled by the user (said plainly, not as a problem). */
  readonly cancelled: boolean;
  load(): Promise<void>;
  signIn(method: 'browser' | 'deviceCode'): Promise<void>;
  cancelSignIn(): Promise<void>;
  signOut(homeAccountId: string): Promise<void>;
  setActive(homeAccountId: string): Promise<void>;
}

export const useAccounts = create<AccountsState>((set, get) => ({
  status: undefined,
  error: undefined,
  signingIn: undefined,
  deviceCode: undefined,
  browserUrl: undefined,
  cancelled: false,
  async load() {
    const result = await invoke('auth.status', {});
    if (result.ok) set({ status: result.value, error: undefined });
    else set({ error: result.error });
  },
  async signIn(method) {
    set({
      signingIn: method,
      error: undefined,
      deviceCode: undefined,
      browserUrl: undefined,
      cancelled: false,
    });
    const result = await invoke('auth.signIn', { method });
    set({
      signingIn: undefined,
      deviceCode: undefined,
      browserUrl: undefined,
      error: result.ok || get().cancelled ? undefined : result.error,
    });
  },
  async cancelSignIn() {
    set({ cancelled: true });
    const result = await invoke('auth.cancelSignIn', {});
    if (!result.ok) set({ cancelled: false, error: result.error });
  },
  async signOut(homeAccountId) {
    const result = await invoke('auth.signOut', { homeAccountId });
    if (result.ok) set({ status: result.value, error: undefined });
    else set({ error: result.error });
  },
  async setActive(homeAccountId) {
    const result = await invoke('auth.setActive', { homeAccountId });
    if (result.ok) set({ status: result.value, error: undefined });
    else set({ error: result.error });
  },
}));

/** Sign-in events from main: the status, a device code to show, a page to open (browser host). */
export function subscribeToAccounts(): () => void {
  const bridge = getBridge();
  const offs = [
    bridge.on('auth.changed', (status) => useAccounts.setState({ status })),
    bridge.on('auth.deviceCode', (deviceCode) => useAccounts.setState({ deviceCode })),
    bridge.on('auth.browser', ({ url }) => {
      useAccounts.setState({ browserUrl: url });
      window.open(url, '_blank', 'noopener');
    }),
  ];
  return () => offs.forEach((off) => off());
}
