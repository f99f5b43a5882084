/**
 * The state of one read of the contract, as the renderer's `useCommand` keeps it
 * (renderer/src/app/bridge/use-command.ts): a pure reducer (no React, no bridge), so its rules are
 * unit-tested on their own: an answer to a read that is no longer the latest (the input changed, the
 * view reloaded, or the read was switched off while it was in flight) is ignored; the last good data
 * stays on screen while the same input is read again; a failed read's error is kept until a later
 * read of the same kind succeeds, never dropped.
 */
import type { CommandError, CommandResult } from './contract';

export interface CommandState<O> {
  /** The last good answer for `key`; undefined before the first one (or after the input changed). */
  readonly data: O | undefined;
  /** Why the latest read failed; cleared only by a read that succeeds. */
  readonly error: CommandError | undefined;
  /** A read is in flight. */
  readonly loading: boolean;
  /** Which read is the latest: answers carrying another number are stale. */
  readonly seq: number;
  /** The input (serialised) the latest read was for, and the one `data` belongs to. */
  readonly key: string | undefined;
}

export type CommandAction<O> =
  | { readonly type: 'start'; readonly seq: number; readonly key: string }
  | { readonly type: 'settle'; readonly seq: number; readonly result: CommandResult<O> }
  /** The read is switched off: nothing in flight counts any more, and nothing is shown. */
  | { readonly type: 'disable'; readonly seq: number }
  /** A write answered with the fresh data: it replaces what is shown, and outdates reads in flight. */
  | { readonly type: 'replace'; readonly seq: number; readonly data: O };

export function initialCommandState<O>(): CommandState<O> {
  return { data: undefined, error: undefined, loading: false, seq: 0, key: undefined };
}

export function commandReducer<O>(state: CommandState<O>, action: CommandAction<O>): CommandState<O> {
  switch (action.type) {
    case 'start': {
      const sameInput = action.key === state.key;
      return {
        // Another input's data would be the wrong answer on screen; the same input's stays until replaced.
        data: sameInput ? state.data : undefined,
        error: sameInput ? state.error : undefined,
        loading: true,
        seq: action.seq,
        key: action.key,
      };
    }
    case 'settle':
      if (action.seq !== state.seq) return state;
      return action.result.ok
        ? { ...state, data: action.result.value, error: undefined, loading: false }
        : { ...state, error: action.result.error, loading: false };
    case 'disable':
      return { data: undefined, error: undefined, loading: false, seq: action.seq, key: undefined };
    case 'replace':
      return { ...state, data: action.data, error: undefined, loading: false, seq: action.seq };
  }
}

/** The serialised input a read is for: two inputs with the same JSON are the same read. */
export function commandKey(name: string, input: unknown): string {
  return `${name} ${JSON.stringify(input ?? {})}`;
}

/** A carrier that threw instead of answering (a broken preload, a bug): said, not swallowed. */
export function thrownToError(name: string, thrown: unknown): CommandError {
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return {
    code: 'unavailable',
    message: `Switchboard could not ask for "${name}" (${detail}). Try again; if it keeps happening, restart Switchboard.`,
  };
}
