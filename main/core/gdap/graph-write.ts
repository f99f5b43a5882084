/**
 * Changes sent to Microsoft Graph through the SDK, with the answer's status, headers and request-id
 * kept (the audit trail records them; a 202 carries the operation to follow in Location).
 *
 * Retrying a change is riskier than retrying a read: only answers that say the change was not
 * processed are retried (429 and 503, after their Retry-After). A connection that drops without an
 * answer is not retried blind, because the change may have been made; the caller reads the state
 * again instead (UNCONFIRMED whether Graph dedupes GDAP writes; conservative reading).
 */
import {
  GraphError,
  ResponseType,
  RetryHandlerOptions,
  type Client,
} from '@microsoft/microsoft-graph-client';
import { parseRetryAfter, withRetry, type RetryVerdict } from '../platform/graph/retry';

export interface GraphAnswer {
  readonly status: number;
  readonly requestId: string | null;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface WriteRequest {
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  /** The ETag the user saw: Graph answers 412 when the resource changed since. */
  readonly ifMatch?: string;
  readonly signal?: AbortSignal;
}

const WRITE_ATTEMPTS = 4;

function judgeWrite(outcome: { ok: true } | { ok: false; error: unknown }, attempt: number): RetryVerdict {
  if (outcome.ok || attempt >= WRITE_ATTEMPTS) return { retry: false };
  const error = outcome.error;
  if (error instanceof GraphError && (error.statusCode === 429 || error.statusCode === 503)) {
    return {
      retry: true,
      afterMs: parseRetryAfter(error.headers?.get('retry-after'), new Date()),
      reason: `HTTP ${error.statusCode}`,
    };
  }
  return { retry: false };
}

/** Graph's error body `{"error":{"code","message","innerError":{"request-id"}}}` as a GraphError. */
async function toGraphError(response: Response): Promise<GraphError> {
  const text = await response.text().catch(() => '');
  let body: { error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON (a proxy's page): keep the status only.
  }
  const error = new GraphError(
    response.status,
    body.error?.message ?? (response.statusText || `HTTP ${response.status}`),
  );
  error.code = body.error?.code ?? null;
  error.requestId = response.headers.get('request-id') ?? body.error?.innerError?.['request-id'] ?? null;
  error.headers = response.headers;
  error.body = text;
  return error;
}

export async function graphWrite(client: Client, request: WriteRequest): Promise<GraphAnswer> {
  return withRetry(
    async () => {
      let builder = client
        .api(request.path)
        .middlewareOptions([new RetryHandlerOptions(0, 0)])
        .responseType(ResponseType.RAW);
      if (request.ifMatch !== undefined) builder = builder.header('If-Match', request.ifMatch);
      const response = (await (request.method === 'POST'
        ? builder.post(request.body ?? {})
        : request.method === 'PATCH'
          ? builder.patch(request.body ?? {})
          : builder.delete())) as Response;
      if (!response.ok) throw await toGraphError(response);
      const text = response.status === 204 ? '' : await response.text();
      return {
        status: response.status,
        requestId: response.headers.get('request-id'),
        headers: response.headers,
        body: text === '' ? null : (JSON.parse(text) as unknown),
      };
    },
    judgeWrite,
    { signal: request.signal },
  );
}

/** Graph answered 412: the resource changed since the user read it. */
export function isStale(error: unknown): boolean {
  return error instanceof GraphError && error.statusCode === 412;
}
