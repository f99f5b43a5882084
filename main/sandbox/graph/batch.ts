/**
 * Graph JSON batching (`POST /v1.0/$batch`): at most 20 requests with unique ids; each runs through
 * the same routes with the batch's Authorization; `dependsOn` on a failed request answers 424; the
 * outer response is 200 whatever the parts did (docs/microsoft-cloud.md section 3).
 */
import type { SandboxContext } from '../context';
import { graphError } from '../http/errors';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';

const MAX_REQUESTS = 20;

interface BatchPart {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  readonly dependsOn?: ReadonlyArray<string>;
}

export function registerBatchRoute(router: Router, ctx: SandboxContext): void {
  void ctx;
  router.post('/graph/v1.0/$batch', async (req) => {
    const parts = (req.body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(parts))
      return graphError(req, 400, 'BadRequest', 'The batch body must have a requests array.');
    if (parts.length > MAX_REQUESTS) {
      return graphError(
        req,
        400,
        'BadRequest',
        `Number of batch request steps exceeds the maximum value of ${MAX_REQUESTS}.`,
      );
    }
    const ids = new Set<string>();
    for (const p of parts as BatchPart[]) {
      if (typeof p?.id !== 'string' || typeof p.method !== 'string' || typeof p.url !== 'string') {
        return graphError(req, 400, 'BadRequest', 'Each batch request needs an id, a method and a url.');
      }
      if (ids.has(p.id))
        return graphError(req, 400, 'BadRequest', `Batch request ids must be unique; '${p.id}' is repeated.`);
      ids.add(p.id);
    }
    const statuses = new Map<string, number>();
    const responses: Array<Record<string, unknown>> = [];
    for (const part of parts as BatchPart[]) {
      const failedDependency = (part.dependsOn ?? []).find((d) => (statuses.get(d) ?? 424) >= 400);
      let response: SandboxResponse;
      if (failedDependency !== undefined) {
        response = graphError(
          req,
          424,
          'FailedDependency',
          `Request ${part.id} depends on request ${failedDependency}, which failed.`,
        );
      } else if (
        part.body !== undefined &&
        !Object.keys(part.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')
      ) {
        response = graphError(
          req,
          400,
          'BadRequest',
          'Content-Type header must be specified when a body is present.',
        );
      } else {
        response = await dispatch(router, req, part);
      }
      statuses.set(part.id, response.status);
      responses.push({
        id: part.id,
        status: response.status,
        headers: {
          'content-type': 'application/json',
          ...(response.headers as Record<string, string> | undefined),
        },
        ...(response.json !== undefined ? { body: response.json } : {}),
      });
    }
    return { status: 200, json: { responses } };
  });
}

async function dispatch(router: Router, outer: SandboxRequest, part: BatchPart): Promise<SandboxResponse> {
  // Parts are relative to the version ('/me'); SDKs may also send '/v1.0/me' or '/graph/v1.0/me'.
  const relative = (part.url.startsWith('/') ? part.url : `/${part.url}`)
    .replace(/^\/graph(?=\/)/i, '')
    .replace(/^\/v1\.0(?=\/)/i, '');
  const url = new URL(`/graph/v1.0${relative}`, outer.url.origin);
  const match = router.match(part.method, url.pathname);
  if (!('handler' in match))
    return graphError(
      outer,
      400,
      'BadRequest',
      `Resource not found for the segment '${url.pathname.split('/').pop() ?? ''}'.`,
    );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.headers ?? {})) headers[k.toLowerCase()] = v;
  const authorization = outer.header('authorization');
  if (authorization) headers.authorization = authorization;
  const inner: SandboxRequest = {
    method: part.method.toUpperCase(),
    url,
    params: match.params,
    query: url.searchParams,
    headers,
    body: part.body,
    rawBody: Buffer.from(part.body === undefined ? '' : JSON.stringify(part.body)),
    requestId: outer.requestId,
    clientRequestId: outer.clientRequestId,
    header: (name) => headers[name.toLowerCase()],
    cookie: () => undefined,
  };
  return match.handler(inner);
}
