/**
 * Runs `work` over `items` with at most `limit` at a time, in order of start, and returns each item's
 * outcome: one failing item never stops the others (a sync shows the failure on that customer).
 * Cancelling stops new items from starting; the ones in flight finish or see the signal themselves.
 */
export type Outcome<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly error: unknown; readonly cancelled: boolean };

export async function runPool<T, R>(
  items: ReadonlyArray<T>,
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  options: { readonly signal?: AbortSignal; readonly onSettled?: (done: number, total: number) => void } = {},
): Promise<ReadonlyArray<Outcome<R>>> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, not ${limit}`);
  const outcomes: Outcome<R>[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      if (options.signal?.aborted) {
        outcomes[index] = { ok: false, error: options.signal.reason, cancelled: true };
      } else {
        try {
          outcomes[index] = { ok: true, value: await work(items[index] as T, index) };
        } catch (error) {
          outcomes[index] = { ok: false, error, cancelled: options.signal?.aborted ?? false };
        }
      }
      done++;
      options.onSettled?.(done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return outcomes;
}
