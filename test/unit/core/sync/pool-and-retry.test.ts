import { describe, expect, it } from 'vitest';
import { runPool } from '../../../../main/core/platform/graph/pool';
import {
  backoffDelay,
  parseRetryAfter,
  withRetry,
  type RetryVerdict,
} from '../../../../main/core/platform/graph/retry';

describe('runPool', () => {
  it('never runs more than the limit at once, and runs every item', async () => {
    let running = 0;
    let peak = 0;
    const outcomes = await runPool(
      Array.from({ length: 25 }, (_, i) => i),
      4,
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 1 + (i % 3)));
        running--;
        return i * 2;
      },
    );
    expect(peak).toBe(4);
    expect(outcomes.map((o) => (o.ok ? o.value : undefined))).toEqual(
      Array.from({ length: 25 }, (_, i) => i * 2),
    );
  });

  it('a failing item does not stop the others, and reports progress for each', async () => {
    const progress: number[] = [];
    const outcomes = await runPool(
      ['a', 'b', 'c'],
      2,
      async (x) => {
        if (x === 'b') throw new Error('tenant b failed');
        return x;
      },
      { onSettled: (done) => progress.push(done) },
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('cancel stops items that have not started', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const outcomes = await runPool(
      [0, 1, 2, 3, 4],
      1,
      async (i) => {
        started.push(i);
        if (i === 1) controller.abort(new Error('cancelled by the user'));
        return i;
      },
      { signal: controller.signal },
    );
    expect(started).toEqual([0, 1]);
    expect(outcomes.slice(2).every((o) => !o.ok && o.cancelled)).toBe(true);
  });
});

describe('retry', () => {
  const judge = (o: { ok: true; value: number } | { ok: false; error: unknown }): RetryVerdict => {
    if (o.ok) {
      if (o.value === 429) return { retry: true, afterMs: 2000, reason: '429' };
      if (o.value >= 500) return { retry: true, reason: String(o.value) };
      return { retry: false };
    }
    return { retry: true, reason: 'reset' };
  };

  it('waits exactly Retry-After on 429, backs off with jitter on 5xx and resets, and stops at the answer', async () => {
    const answers: Array<number | Error> = [429, 503, new Error('ECONNRESET'), 200];
    const waits: number[] = [];
    const result = await withRetry(
      async () => {
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next ?? 0;
      },
      judge,
      {
        policy: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
        env: { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
      },
    );
    expect(result).toBe(200);
    expect(waits).toEqual([2000, 100, 200]);
  });

  it('gives up after the last attempt and returns what the server last said', async () => {
    let calls = 0;
    const result = await withRetry(async () => (calls++, 503), judge, {
      policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      env: { sleep: async () => undefined, random: () => 0 },
    });
    expect(result).toBe(503);
    expect(calls).toBe(3);
  });

  it('does not retry a 4xx', async () => {
    let calls = 0;
    expect(await withRetry(async () => (calls++, 404), judge)).toBe(404);
    expect(calls).toBe(1);
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores nonsense', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('full jitter stays under the exponential ceiling', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(4, policy, () => 0.999)).toBe(799);
    expect(backoffDelay(9, policy, () => 0.999)).toBe(999);
  });
});
