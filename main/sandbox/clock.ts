/**
 * The sandbox's clock. Every time-based rule (token expiry, relationship activation and expiry,
 * the 90-day lapse of unapproved requests, PIM end dates, device codes) reads it, so tests can move
 * time forward instead of waiting.
 */
export class SandboxClock {
  private offsetMs = 0;
  private fixed: number | undefined;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return (this.fixed ?? Date.now()) + this.offsetMs;
  }

  /** Moves time forward (or back, with a negative value). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jumps to a given time; the clock keeps running from there. */
  set(date: Date): void {
    this.offsetMs = date.getTime() - (this.fixed ?? Date.now());
  }

  /** Freezes the clock at its current time (or `at`): handy for exact assertions. */
  freeze(at?: Date): void {
    this.fixed = (at ?? this.now()).getTime();
    this.offsetMs = 0;
  }
}

export const DAY_MS = 86_400_000;
