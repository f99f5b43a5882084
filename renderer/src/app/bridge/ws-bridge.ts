import type { CommandResult, EventName, SwitchboardBridge } from '../../../../shared/contract/contract';

type Pending = (result: CommandResult<unknown>) => void;

const TOKEN_KEY = 'switchboard.token';

/**
 * The browser host's carrier: the same contract over a WebSocket to 127.0.0.1. The per-run secret
 * arrives in the page URL (`?token=`); it is kept for this tab in sessionStorage and removed from the
 * address bar so it is not bookmarked or shared by accident.
 */
export function connectWebSocketBridge(
  location: Location,
  storage: Storage,
  history: History,
): SwitchboardBridge {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  }
  const token = storage.getItem(TOKEN_KEY) ?? '';
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`;

  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: Promise<WebSocket> | undefined;

  const unavailable = (message: string): CommandResult<never> => ({
    ok: false,
    error: { code: 'unavailable', message },
  });

  function open(): Promise<WebSocket> {
    socket ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('message', (event) => {
        let frame: {
          kind?: string;
          id?: number;
          result?: CommandResult<unknown>;
          name?: EventName;
          payload?: unknown;
        };
        try {
          frame = JSON.parse(String(event.data)) as typeof frame;
        } catch {
          return;
        }
        if (frame.kind === 'result' && typeof frame.id === 'number' && frame.result) {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else if (frame.kind === 'event' && frame.name) {
          for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
        }
      });
      ws.addEventListener('close', () => {
        socket = undefined;
        for (const settle of pending.values()) {
          settle(
            unavailable(
              'The connection to Switchboard was closed. Is `npm run start:web` still running? Reload the page after starting it again.',
            ),
          );
        }
        pending.clear();
        reject(new Error('closed'));
      });
    });
    return socket;
  }

  return {
    async invoke(name, input) {
      let ws: WebSocket;
      try {
        ws = await open();
      } catch {
        return unavailable(
          token === ''
            ? 'This page was opened without its access key. Open the full address that `npm run start:web` printed (it ends in ?token=...).'
            : 'Switchboard is not reachable. Is `npm run start:web` still running? Open the address it printed.',
        );
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        ws.send(JSON.stringify({ kind: 'invoke', id, name, input }));
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      void open().catch(() => undefined);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
