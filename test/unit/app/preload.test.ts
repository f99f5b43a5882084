/**
 * The preload against a stand-in for Electron's contextBridge and ipcRenderer (the runtime is not
 * installable here): what the page gets is exactly the contract, and nothing but contract channels is
 * ever sent.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { commandChannel, EVENT_CHANNEL, type SwitchboardBridge } from '../../../shared/contract/contract';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const invoked: Array<[string, unknown]> = [];
  const subscriptions = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    exposed,
    invoked,
    subscriptions,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        invoked.push([channel, input]);
        return Promise.resolve({ ok: true, value: 'from main' });
      },
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
        subscriptions.set(channel, listener),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let bridge: SwitchboardBridge;
beforeAll(async () => {
  await import('../../../main/app/preload');
  bridge = electron.exposed.get('switchboard') as SwitchboardBridge;
});

describe('the preload bridge', () => {
  it('exposes one object, window.switchboard, with exactly invoke and on', () => {
    expect([...electron.exposed.keys()]).toEqual(['switchboard']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it("sends a contract command on that command's own channel", async () => {
    const result = await bridge.invoke('customers.list', {});
    expect(result).toEqual({ ok: true, value: 'from main' });
    expect(electron.invoked).toEqual([[commandChannel('customers.list'), {}]]);
  });

  it('answers a name outside the contract itself, and sends nothing', async () => {
    electron.invoked.length = 0;
    const invokeAny = bridge.invoke as (name: string, input: unknown) => Promise<unknown>;
    for (const name of ['shell.openExternal', 'electron-store-get-data', '__proto__', 'switchboard:event']) {
      await expect(invokeAny(name, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(electron.invoked).toEqual([]);
  });

  it('delivers contract events to their listeners until unsubscribed, and drops unknown ones', () => {
    const seen: unknown[] = [];
    const off = bridge.on('customers.changed', (payload) => seen.push(payload));
    const deliver = electron.subscriptions.get(EVENT_CHANNEL);
    expect(deliver).toBeDefined();
    deliver?.({ sender: 'ipc event, never passed on' }, 'customers.changed', ['a']);
    deliver?.({}, 'not.an.event', ['b']);
    deliver?.({}, 'app.notice', { id: 'n' });
    off();
    deliver?.({}, 'customers.changed', ['c']);
    expect(seen).toEqual([['a']]);
  });

  it('refuses to subscribe to a name outside the contract', () => {
    const onAny = bridge.on as (name: string, listener: () => void) => () => void;
    expect(() => onAny('ipc-message', () => undefined)).toThrow(/not a Switchboard event/);
  });
});
