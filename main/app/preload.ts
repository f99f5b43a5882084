/**
 * The preload: exposes exactly the contract as `window.switchboard` (a SwitchboardBridge) and nothing
 * else; the page never sees ipcRenderer or an IPC event. It runs in a sandboxed renderer, where a
 * preload can require only a few Electron modules, so scripts/build-main.mjs bundles it to one
 * CommonJS file with the name lists of shared/contract/contract-names.ts inlined.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandResult, EventName, SwitchboardBridge } from '../../shared/contract/contract';
import {
  commandChannel,
  EVENT_CHANNEL,
  isCommandName,
  isEventName,
} from '../../shared/contract/contract-names';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const bridge: SwitchboardBridge = {
  invoke(name, input) {
    // The same answer core gives an unknown name, without a round trip: nothing but the contract's
    // own channels is ever sent.
    if (!isCommandName(name)) {
      const refused: CommandResult<never> = {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `"${String(name).slice(0, 80)}" is not a Switchboard command.`,
        },
      };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(commandChannel(name), input);
  },
  on(name, listener) {
    if (!isEventName(name)) throw new TypeError(`"${String(name).slice(0, 80)}" is not a Switchboard event.`);
    if (typeof listener !== 'function')
      throw new TypeError('A Switchboard event listener must be a function.');
    const set = listeners.get(name) ?? new Set();
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    listeners.set(name, set);
    return () => {
      set.delete(wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('switchboard', bridge);
