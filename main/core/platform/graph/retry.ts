/**
 * Retries a request the way Microsoft asks clients to: on 429 (and 503) wait exactly the server's
 * Retry-After before trying again; on other 5xx answers and on connection resets, back off
 * exponentially with full jitter so many clients do not retry in step. Anything else (4xx) is the
 * answer and is returned at once. Source: Microsoft Graph throttling guidance
 * (docs/microsoft-cloud.md, section 3).
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000 };

/** What the caller saw, as far as retrying is concerned. */
export type RetryVerdict =
  { readonly retry: false } | { readonly retry: true; readonly afterMs?: number; readonly reason: string };

export interface RetryEnvironment {
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

const REAL_RETRY_ENVIRONMENT: RetryEnvironment = {
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  random: Math.random,
};

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d{1,6}$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date in IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT"), nothing looser.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** How long to wait before attempt `attempt` (1-based count of failures so far). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Runs `attempt` until `judge` says its result (or error) is final, or attempts run out; returns the
 * last result or throws the last error. `onRetry` reports each wait (for progress and the bench).
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  judge: (outcome: { ok: true; value: T } | { ok: false; error: unknown }, attempt: number) => RetryVerdict,
  options: {
    readonly policy?: RetryPolicy;
    readonly env?: RetryEnvironment;
    readonly signal?: AbortSignal;
    readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const env = options.env ?? REAL_RETRY_ENVIRONMENT;
  for (let n = 1; ; n++) {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await attempt(n) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const verdict = judge(outcome, n);
    if (!verdict.retry || n >= policy.maxAttempts || options.signal?.aborted) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    const delayMs = verdict.afterMs ?? backoffDelay(n, policy, env.random);
    options.onRetry?.({ attempt: n, delayMs, reason: verdict.reason });
    await env.sleep(delayMs, options.signal);
  }
}
