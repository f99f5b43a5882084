import { describe, expect, it } from 'vitest';
import {
  commandKey,
  commandReducer,
  initialCommandState,
  thrownToError,
  type CommandAction,
  type CommandState,
} from '../../../shared/contract/command-state';
import type { CommandError } from '../../../shared/contract/contract';

type Names = ReadonlyArray<string>;
const run = (actions: ReadonlyArray<CommandAction<Names>>, from = initialCommandState<Names>()) =>
  actions.reduce<CommandState<Names>>(commandReducer, from);
const ok = (value: Names) => ({ ok: true as const, value });
const fail = (message: string, code: CommandError['code'] = 'unavailable') => ({
  ok: false as const,
  error: { code, message },
});
const SEARCH = (q: string) => commandKey('gdap.partnerGroups', { search: q });

describe('one read of the contract (the state behind useCommand)', () => {
  it('shows the answer to the latest read', () => {
    const s = run([
      { type: 'start', seq: 1, key: SEARCH('') },
      { type: 'settle', seq: 1, result: ok(['Tier 1', 'Tier 2']) },
    ]);
    expect(s).toMatchObject({ data: ['Tier 1', 'Tier 2'], error: undefined, loading: false });
  });

  it('ignores the answer to a search the user has already typed past, whichever answers last', () => {
    const typedTwice: CommandAction<Names>[] = [
      { type: 'start', seq: 1, key: SEARCH('ti') },
      { type: 'start', seq: 2, key: SEARCH('tier 2') },
    ];
    // The older read answers last: it must not overwrite the newer one's answer.
    const lateOld = run([
      ...typedTwice,
      { type: 'settle', seq: 2, result: ok(['Tier 2']) },
      { type: 'settle', seq: 1, result: ok(['Tier 1', 'Tier 2']) },
    ]);
    expect(lateOld.data).toEqual(['Tier 2']);
    // The older read answers first: it is not shown for a moment either.
    const earlyOld = run([...typedTwice, { type: 'settle', seq: 1, result: ok(['Tier 1', 'Tier 2']) }]);
    expect(earlyOld).toMatchObject({ data: undefined, loading: true });
    // Nor does a stale failure replace a good answer.
    const staleFailure = run([
      ...typedTwice,
      { type: 'settle', seq: 2, result: ok(['Tier 2']) },
      { type: 'settle', seq: 1, result: fail('Graph did not answer.') },
    ]);
    expect(staleFailure).toMatchObject({ data: ['Tier 2'], error: undefined });
  });

  it('keeps the last good data on screen while the same input is read again', () => {
    const loaded = run([
      { type: 'start', seq: 1, key: SEARCH('') },
      { type: 'settle', seq: 1, result: ok(['Tier 1']) },
    ]);
    const reloading = run([{ type: 'start', seq: 2, key: SEARCH('') }], loaded);
    expect(reloading).toMatchObject({ data: ['Tier 1'], loading: true });
    const reloaded = run([{ type: 'settle', seq: 2, result: ok(['Tier 1', 'Tier 3']) }], reloading);
    expect(reloaded).toMatchObject({ data: ['Tier 1', 'Tier 3'], loading: false });
  });

  it("does not show another input's data while the new input is read", () => {
    const s = run([
      { type: 'start', seq: 1, key: commandKey('directory.customer', { tenantId: 'contoso' }) },
      { type: 'settle', seq: 1, result: ok(['Contoso relationship']) },
      { type: 'start', seq: 2, key: commandKey('directory.customer', { tenantId: 'fabrikam' }) },
    ]);
    expect(s).toMatchObject({ data: undefined, loading: true });
  });

  it('never drops an error: kept while retrying, with the last good data, until a read succeeds', () => {
    const failed = run([
      { type: 'start', seq: 1, key: SEARCH('') },
      { type: 'settle', seq: 1, result: ok(['Tier 1']) },
      { type: 'start', seq: 2, key: SEARCH('') },
      { type: 'settle', seq: 2, result: fail('No answer from Microsoft Graph.') },
    ]);
    expect(failed).toMatchObject({
      data: ['Tier 1'],
      error: { message: 'No answer from Microsoft Graph.' },
      loading: false,
    });
    const retrying = run([{ type: 'start', seq: 3, key: SEARCH('') }], failed);
    expect(retrying).toMatchObject({ error: { message: 'No answer from Microsoft Graph.' }, loading: true });
    const failedAgain = run(
      [{ type: 'settle', seq: 3, result: fail('Sign in first.', 'refused') }],
      retrying,
    );
    expect(failedAgain.error).toEqual({ code: 'refused', message: 'Sign in first.' });
    const fixed = run(
      [
        { type: 'start', seq: 4, key: SEARCH('') },
        { type: 'settle', seq: 4, result: ok([]) },
      ],
      failedAgain,
    );
    expect(fixed).toMatchObject({ data: [], error: undefined, loading: false });
  });

  it('a read switched off shows nothing and ignores what was in flight', () => {
    const s = run([
      { type: 'start', seq: 1, key: SEARCH('ada') },
      { type: 'disable', seq: 2 },
      { type: 'settle', seq: 1, result: ok(['Ada']) },
    ]);
    expect(s).toMatchObject({ data: undefined, error: undefined, loading: false });
  });

  it("a write's fresh answer replaces the data and outdates a read still in flight", () => {
    const s = run([
      { type: 'start', seq: 1, key: SEARCH('') },
      { type: 'replace', seq: 2, data: ['Saved'] },
      { type: 'settle', seq: 1, result: ok(['Before the save']) },
    ]);
    expect(s).toMatchObject({ data: ['Saved'], loading: false });
  });

  it('serialises inputs by value, and says what a carrier that threw means', () => {
    expect(commandKey('a', { x: 1 })).toBe(commandKey('a', { x: 1 }));
    expect(commandKey('a', { x: 1 })).not.toBe(commandKey('a', { x: 2 }));
    expect(commandKey('a', {})).not.toBe(commandKey('b', {}));
    const error = thrownToError('gdap.templates', new Error('port closed'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/"gdap\.templates" \(port closed\)\. Try again/);
  });
});
