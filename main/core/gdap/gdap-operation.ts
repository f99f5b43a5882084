/**
 * GDAP's long-running operations: a change Graph accepts with 202 (an access assignment edit,
 * removing Global Administrator from an active relationship) names the operation in `Location` and
 * how long to wait in `Retry-After`. The change is done only when the operation says `succeeded`, so
 * Switchboard follows it to its end before telling the user it is done.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { graphGet } from '../platform/graph/graph-client';
import { parseRetryAfter } from '../platform/graph/retry';
import type { GraphAnswer } from './graph-write';

const operationSchema = z.object({ id: z.string(), status: z.string() });

/** How an operation ended: done, failed at Microsoft, or still running when we stopped waiting. */
export type OperationOutcome = 'succeeded' | 'failed' | 'stillRunning';

export interface FollowOptions {
  readonly now: () => Date;
  /** How long to follow before giving the user an answer (default: a minute). */
  readonly limitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Waits between polls: Retry-After within 0.2-10 s (1 s when Graph sends none or nonsense). */
function pause(retryAfter: string | null, now: Date): number {
  return Math.min(Math.max(parseRetryAfter(retryAfter, now) ?? 1000, 200), 10_000);
}

/**
 * Follows the operation of a 202 answer until it succeeds or fails, or `limitMs` passes. A 202
 * without Location cannot be followed: `stillRunning` (the caller reads the state again).
 */
export async function followOperation(
  client: Client,
  answer: GraphAnswer,
  options: FollowOptions,
): Promise<OperationOutcome> {
  const location = answer.headers.get('location');
  if (!location) return 'stillRunning';
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const wait = pause(answer.headers.get('retry-after'), options.now());
  const deadline = options.now().getTime() + (options.limitMs ?? 60_000);
  for (;;) {
    await sleep(wait);
    const op = await graphGet(client, location, operationSchema);
    if (op.status === 'succeeded') return 'succeeded';
    if (op.status === 'failed') return 'failed';
    if (options.now().getTime() > deadline) return 'stillRunning';
  }
}
