import { useCallback, useEffect, useReducer, useRef } from 'react';
import type {
  CommandError,
  CommandInput,
  CommandName,
  CommandOutput,
  EventName,
} from '../../../../shared/contract/contract';
import { getBridge } from './bridge';
import {
  commandKey,
  commandReducer,
  initialCommandState,
  thrownToError,
  type CommandAction,
  type CommandState,
} from '../../../../shared/contract/command-state';

export interface UseCommandOptions {
  /** Read again whenever one of these events arrives (the events that change what is shown). */
  readonly reloadOn?: ReadonlyArray<EventName>;
  /** False: do not read (e.g. nothing typed yet); nothing is shown, and a read in flight is ignored. */
  readonly enabled?: boolean;
}

export interface CommandRead<O> {
  /** The last good answer; kept while the same input is read again. */
  readonly data: O | undefined;
  /** Why the latest read failed: show it where the data would have been (components/CommandError). */
  readonly error: CommandError | undefined;
  readonly loading: boolean;
  /** Reads again now; resolves once this read is answered (or outdated). */
  readonly reload: () => Promise<void>;
  /** Shows what a write answered with (the fresh list), without reading again. */
  readonly replace: (data: O) => void;
}

/**
 * A read of the contract for a view: `useCommand('gdap.templates', {})`. It reads when the view
 * shows, again when `input` changes (by value, not identity) and when a `reloadOn` event arrives;
 * it ignores stale answers, keeps the last good data while reloading, and never drops an error (a
 * failed read, or a carrier that threw, comes back as `error`). Writes stay `invoke` calls.
 */
export function useCommand<N extends CommandName>(
  name: N,
  input: CommandInput<N>,
  options: UseCommandOptions = {},
): CommandRead<CommandOutput<N>> {
  type O = CommandOutput<N>;
  const enabled = options.enabled ?? true;
  const key = commandKey(name, input);
  const events = (options.reloadOn ?? []).join(',');
  const [state, dispatch] = useReducer(
    commandReducer as (s: CommandState<O>, a: CommandAction<O>) => CommandState<O>,
    undefined,
    () => initialCommandState<O>(),
  );
  const seq = useRef(0);
  // The input of the latest render, read when a read starts (its value is what `key` stands for).
  const latestInput = useRef(input);
  latestInput.current = input;

  const read = useCallback((): Promise<void> => {
    const mine = ++seq.current;
    dispatch({ type: 'start', seq: mine, key });
    let answer;
    try {
      answer = getBridge().invoke(name, latestInput.current);
    } catch (thrown) {
      answer = Promise.reject(thrown);
    }
    return answer.then(
      (result) => dispatch({ type: 'settle', seq: mine, result }),
      (thrown: unknown) =>
        dispatch({ type: 'settle', seq: mine, result: { ok: false, error: thrownToError(name, thrown) } }),
    );
  }, [name, key]);

  useEffect(() => {
    if (!enabled) {
      dispatch({ type: 'disable', seq: ++seq.current });
      return;
    }
    void read();
    if (events === '') return;
    const bridge = getBridge();
    const offs = events.split(',').map((event) => bridge.on(event as EventName, () => void read()));
    return () => offs.forEach((off) => off());
  }, [read, enabled, events]);

  const reload = useCallback(() => (enabled ? read() : Promise.resolve()), [read, enabled]);
  const replace = useCallback((data: O) => dispatch({ type: 'replace', seq: ++seq.current, data }), []);

  return { data: state.data, error: state.error, loading: state.loading, reload, replace };
}
