import { create } from 'zustand';
import type { CommandError, DirectoryStatus } from '../../../../shared/contract/contract';
import { getBridge, invoke } from '../../app/bridge/bridge';

interface DirectoryState {
  readonly status: DirectoryStatus | undefined;
  readonly progress: { readonly done: number; readonly total: number } | undefined;
  readonly error: CommandError | undefined;
  load(): Promise<void>;
  sync(): Promise<void>;
  cancel(): Promise<void>;
}

export const useDirectory = create<DirectoryState>((set) => ({
  status: undefined,
  progress: undefined,
  error: undefined,
  async load() {
    const result = await invoke('directory.status', {});
    set(result.ok ? { status: result.value } : { error: result.error });
  },
  async sync() {
    set({ error: undefined, progress: undefined });
    const result = await invoke('directory.sync', {});
    set({ progress: undefined, ...(result.ok ? { status: result.value } : { error: result.error }) });
  },
  async cancel() {
    const result = await invoke('directory.cancel', {});
    if (!result.ok) set({ error: result.error });
  },
}));

export function subscribeToDirectory(): () => void {
  const bridge = getBridge();
  const offs = [
    bridge.on('directory.changed', (status) => useDirectory.setState({ status })),
    bridge.on('directory.progress', (progress) => useDirectory.setState({ progress })),
  ];
  return () => offs.forEach((off) => off());
}
