import type {
  CommandInput,
  CommandName,
  CommandOutput,
  CommandResult,
  SwitchboardBridge,
} from '../../../../shared/contract/contract';
import { connectWebSocketBridge } from './ws-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    readonly switchboard?: SwitchboardBridge;
  }
}

let bridge: SwitchboardBridge | undefined;

/** The contract, whichever carrier this page has: the Electron preload, or the browser host's WebSocket. */
export function getBridge(): SwitchboardBridge {
  bridge ??=
    window.switchboard ?? connectWebSocketBridge(window.location, window.sessionStorage, window.history);
  return bridge;
}

export function invoke<N extends CommandName>(
  name: N,
  input: CommandInput<N>,
): Promise<CommandResult<CommandOutput<N>>> {
  return getBridge().invoke(name, input);
}
