/**
 * The Microsoft Graph client for a cloud, through the real SDK. Every request goes through
 * `graphRequest`, which owns retrying: the SDK's own RetryHandler is turned off per request so
 * Retry-After is honoured exactly once, connection resets and 5xx are retried with jittered backoff,
 * and the caller's cancel is respected between attempts.
 */
import { Client, GraphClientError, GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { z } from 'zod';
import type { CloudProfile } from '../../../../shared/platform/cloud-profile';
import { odataPageSchema } from '../../../../shared/gdap/gdap';
import { dispatcherTrusting, graphFetchOptions } from '../cloud/transport';
import { UserFacingError } from '../errors';
import {
  parseRetryAfter,
  withRetry,
  type RetryEnvironment,
  type RetryPolicy,
  type RetryVerdict,
} from './retry';

export function createGraphClient(
  profile: CloudProfile,
  caPem: string | undefined,
  getToken: () => Promise<string>,
): Client {
  const host = new URL(profile.graphEndpoint).hostname;
  return Client.initWithMiddleware({
    authProvider: { getAccessToken: () => getToken().catch(keepTokenFailure) },
    baseUrl: `${profile.graphEndpoint}/`,
    defaultVersion: 'v1.0',
    // The SDK sends tokens only to hosts it knows as Graph; the sandbox's must be named.
    ...(profile.sandboxBaseUrl !== undefined ? { customHosts: new Set([host]) } : {}),
    fetchOptions: graphFetchOptions(dispatcherTrusting(caPem)),
  });
}

/**
 * The SDK turns whatever the token provider throws into a GraphError with status -1, which reads as
 * "no answer from Graph" and loses the sign-in failure's own meaning. A GraphClientError is handed
 * through as it is, so the token failure rides in it as `cause` (cloud-errors.ts unwraps it).
 */
function keepTokenFailure(error: unknown): never {
  throw Object.assign(new GraphClientError(error instanceof Error ? error.message : String(error)), {
    cause: error,
  });
}

export interface GraphCallOptions {
  readonly signal?: AbortSignal;
  readonly policy?: RetryPolicy;
  readonly env?: RetryEnvironment;
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  readonly onRequest?: () => void;
}

/** Whether a Graph failure is worth another try, and when. */
/** Network failures (no answer at all) are retried a few times only: they often mean "offline". */
const NETWORK_ATTEMPTS = 4;

export function judgeGraphOutcome(
  outcome: { ok: true } | { ok: false; error: unknown },
  attempt = 1,
  now = new Date(),
): RetryVerdict {
  const network = (): RetryVerdict =>
    attempt < NETWORK_ATTEMPTS ? { retry: true, reason: 'network' } : { retry: false };
  if (outcome.ok) return { retry: false };
  const error = outcome.error;
  if (error instanceof GraphError) {
    const status = error.statusCode;
    if (status === 429 || status === 503 || status === 504) {
      return {
        retry: true,
        afterMs: parseRetryAfter(error.headers?.get('retry-after'), now),
        reason: `HTTP ${status}`,
      };
    }
    if (status >= 500) return { retry: true, reason: `HTTP ${status}` };
    // -1: the SDK saw no response at all (reset, DNS); a success status whose body broke off half
    // way (the SDK reports the status it had): both are network failures.
    if (status < 400) return network();
    return { retry: false };
  }
  // A token failure (sign in again, no access to that tenant) or our own refusal: not the network.
  if (error instanceof UserFacingError || error instanceof GraphClientError) return { retry: false };
  // fetch failed / socket hang up / body cut off: network trouble, worth a few more tries.
  return network();
}

/** GET a Graph path (relative or an absolute nextLink) and validate the answer with `schema`. */
export async function graphGet<S extends z.ZodType>(
  client: Client,
  path: string,
  schema: S,
  options: GraphCallOptions = {},
): Promise<z.output<S>> {
  const body = await withRetry(
    () => {
      options.onRequest?.();
      return client
        .api(path)
        .middlewareOptions([new RetryHandlerOptions(0, 0)])
        .get() as Promise<unknown>;
    },
    (o, attempt) => judgeGraphOutcome(o, attempt),
    { signal: options.signal, policy: options.policy, env: options.env, onRetry: options.onRetry },
  );
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new UserFacingError(
      'unavailable',
      `Microsoft Graph answered ${path.split('?')[0]} with data Switchboard does not understand (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}).`,
    );
  }
  return parsed.data;
}

/** Every item of a paged collection, following @odata.nextLink unchanged until it is absent. */
export async function graphGetAll<T>(
  client: Client,
  path: string,
  item: z.ZodType<T>,
  options: GraphCallOptions = {},
): Promise<T[]> {
  const pageSchema = odataPageSchema(item);
  const items: T[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const page = (await graphGet(client, next, pageSchema, options)) as {
      value: T[];
      '@odata.nextLink'?: string;
    };
    items.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return items;
}
