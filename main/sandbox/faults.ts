/**
 * Faults the sandbox can inject, per route pattern and as rates (from the seeded generator):
 * latency (fixed plus jitter), 429 with Retry-After, 503, 403 (the service refusing what the app
 * believed allowed, e.g. Partner Center's Admin Agent role removed after the app read it), a reset connection (the socket closed with
 * no answer: what a client sees as ECONNRESET / "fetch failed"), a body cut off half way. A rule can
 * leave paths alone (`unless`) and start only after some matching requests (`after`), so a running
 * app can sync first and meet the failure on the read that follows. And a throttle like Graph's: a limit of concurrent requests per app and tenant, answered with
 * 429 and Retry-After beyond it.
 */
import { z } from 'zod';
import type { SeededRandom } from './random';

export const faultRuleSchema = z.object({
  /** A path prefix, with `*` matching any run of characters (e.g. `/graph/v1.0/tenantRelationships/*`). */
  match: z.string().min(1),
  kind: z.enum(['latency', '429', '503', '403', 'reset', 'cutoff']),
  /** The share of matching requests affected, 0..1. */
  rate: z.number().min(0).max(1).default(1),
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  jitterMs: z.number().int().min(0).max(600_000).default(0),
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  /** Only requests with this HTTP method (any method when absent). */
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).optional(),
  /** Affect only the first N matching requests, then stop (to rehearse a failure that a retry fixes). */
  count: z.number().int().min(1).max(1_000_000).optional(),
  /** Leave the first N matching requests alone, then affect the rest (a sync first, then the read). */
  after: z.number().int().min(0).max(1_000_000).default(0),
  // Paths that also match this pattern are left alone, e.g. "*/accessAssignments".
  unless: z.string().min(1).optional(),
});
export type FaultRule = z.output<typeof faultRuleSchema>;
export type FaultRuleInput = z.input<typeof faultRuleSchema>;

export interface ThrottleOptions {
  /** Requests one app may have in flight per tenant; more are answered 429. */
  readonly concurrentPerAppAndTenant: number;
  readonly retryAfterSeconds: number;
}

export type FaultDecision =
  | { readonly kind: 'none'; readonly delayMs: number }
  | { readonly kind: '429' | '503'; readonly delayMs: number; readonly retryAfterSeconds: number }
  | { readonly kind: '403' | 'reset' | 'cutoff'; readonly delayMs: number };

function toRegex(match: string): RegExp {
  const escaped = match.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}`, 'i');
}

export class Faults {
  private rules: Array<
    FaultRule & { regex: RegExp; except: RegExp | undefined; seen: number; used: number }
  > = [];
  private throttle: ThrottleOptions | undefined;
  private readonly inFlight = new Map<string, number>();
  /** Counters for tests and benchmarks. */
  readonly counts = { requests: 0, throttled: 0, injected: 0 };

  constructor(
    private readonly random: SeededRandom,
    rules: ReadonlyArray<FaultRuleInput> = [],
    throttle?: ThrottleOptions,
  ) {
    this.set(rules);
    this.throttle = throttle;
  }

  set(rules: ReadonlyArray<FaultRuleInput>): void {
    this.rules = rules.map((r) => {
      const rule = faultRuleSchema.parse(r);
      return {
        ...rule,
        regex: toRegex(rule.match),
        except: rule.unless === undefined ? undefined : toRegex(rule.unless),
        seen: 0,
        used: 0,
      };
    });
  }

  setThrottle(throttle: ThrottleOptions | undefined): void {
    this.throttle = throttle;
  }

  decide(path: string, method = 'GET'): FaultDecision {
    this.counts.requests++;
    let delayMs = 0;
    for (const rule of this.rules) {
      if (!rule.regex.test(path) || rule.except?.test(path)) continue;
      if (rule.method !== undefined && rule.method !== method.toUpperCase()) continue;
      if (++rule.seen <= rule.after) continue;
      if (rule.count !== undefined && rule.used >= rule.count) continue;
      if (rule.kind === 'latency') {
        if (this.random.next() < rule.rate)
          delayMs += rule.latencyMs + Math.floor(this.random.next() * rule.jitterMs);
        continue;
      }
      if (this.random.next() >= rule.rate) continue;
      this.counts.injected++;
      rule.used++;
      if (rule.kind === '429' || rule.kind === '503')
        return { kind: rule.kind, delayMs, retryAfterSeconds: rule.retryAfterSeconds };
      return { kind: rule.kind, delayMs };
    }
    return { kind: 'none', delayMs };
  }

  /** Takes a throttle slot for (app, tenant); false when over the limit. Release with `release`. */
  acquire(key: string | undefined): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (!this.throttle || key === undefined) return { ok: true };
    const n = this.inFlight.get(key) ?? 0;
    if (n >= this.throttle.concurrentPerAppAndTenant) {
      this.counts.throttled++;
      return { ok: false, retryAfterSeconds: this.throttle.retryAfterSeconds };
    }
    this.inFlight.set(key, n + 1);
    return { ok: true };
  }

  release(key: string | undefined): void {
    if (!this.throttle || key === undefined) return;
    const n = (this.inFlight.get(key) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(key);
    else this.inFlight.set(key, n);
  }
}

/** Parses the CLI's `--fault` syntax: `<kind>@<rate>:<path pattern>[,ms=..][,jitter=..][,retry=..][,after=..]`. */
export function parseFaultSpec(spec: string): FaultRuleInput {
  const m = /^(latency|429|503|403|reset|cutoff)@([0-9.]+):([^,]+)((?:,[a-z]+=\d+)*)$/.exec(spec.trim());
  if (!m) {
    throw new Error(
      `"${spec}" is not a fault. Write <kind>@<rate>:<path>[,ms=N][,jitter=N][,retry=N][,after=N], for example 429@0.1:/graph/v1.0/tenantRelationships/*,retry=2, latency@1:/*,ms=40 or reset@1:/graph/v1.0/groups,after=1.`,
    );
  }
  const options = Object.fromEntries(
    (m[4] ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  );
  return faultRuleSchema.parse({
    kind: m[1],
    rate: Number(m[2]),
    match: m[3],
    latencyMs: options.ms === undefined ? 0 : Number(options.ms),
    jitterMs: options.jitter === undefined ? 0 : Number(options.jitter),
    retryAfterSeconds: options.retry === undefined ? 1 : Number(options.retry),
    after: options.after === undefined ? 0 : Number(options.after),
  });
}
