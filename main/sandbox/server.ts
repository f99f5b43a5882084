/**
 * The Microsoft cloud sandbox: one HTTPS origin on 127.0.0.1 speaking Microsoft identity (at
 * `/{tenant}/...`), Graph (`/graph/v1.0/...`), ARM (`/arm/...`) and portal stand-ins
 * (`/portals/<host>/...`), with a sample MSSP and its customers.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { registerArmRoutes } from './arm';
import { attachDirectLineStandIn } from './directline';
import { loadOrCreateTls } from './ca';
import { SandboxClock } from './clock';
import type { SandboxContext } from './context';
import { Faults, type FaultRuleInput, type ThrottleOptions } from './faults';
import { registerGraphRoutes } from './graph';
import { html } from './http/errors';
import { Router } from './http/router';
import type { SandboxRequest, SandboxResponse } from './http/types';
import { registerIdentityRoutes } from './identity';
import { loadOrCreateSigningKey, peekClaims } from './identity/jwt';
import { TokenService } from './identity/token-service';
import { registerPortalRoutes } from './portals';
import { SeededRandom } from './random';
import type { SandboxData } from './state/model';
import { generateSample, SAMPLE_PARTNER_USERS } from './state/sample';
import { DEFAULT_TIMINGS, SandboxState, type Timings } from './state/state';

export interface SandboxOptions {
  /** Where the CA, the signing key and (optionally) the state file live. */
  readonly dataDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly customers?: number;
  readonly seed?: number;
  readonly faults?: ReadonlyArray<FaultRuleInput>;
  readonly throttle?: ThrottleOptions;
  /** Save the state to `sandbox-state.json` after changes, and load it at start when present. */
  readonly persistState?: boolean;
  readonly timings?: Partial<Timings>;
  /** Seconds between device-code polls (Microsoft says 5; lower makes tests quicker). */
  readonly deviceCodeIntervalSeconds?: number;
}

export interface SandboxUser {
  readonly upn: string;
  readonly description: string;
}

export interface RunningSandbox {
  readonly baseUrl: string;
  readonly caPath: string;
  readonly caPem: string;
  readonly partnerTenantId: string;
  readonly users: ReadonlyArray<SandboxUser>;
  readonly publicClientId: string;
  readonly automationClient: { readonly clientId: string; readonly clientSecret: string };
  readonly clock: SandboxClock;
  readonly state: SandboxState;
  readonly faults: Faults;
  readonly tokens: TokenService;
  close(): Promise<void>;
}

/** Graph and ARM refuse a request body over 4 MiB with 413. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Past this the sandbox stops reading a refused body and drops the connection. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const tls = await loadOrCreateTls(options.dataDir);
  const key = loadOrCreateSigningKey(options.dataDir);
  const clock = new SandboxClock();
  const random = new SeededRandom(options.seed ?? 1);
  const stateFile = path.join(options.dataDir, 'sandbox-state.json');
  let data: SandboxData;
  if (options.persistState && fs.existsSync(stateFile)) {
    data = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as SandboxData;
  } else {
    data = generateSample({ customers: options.customers ?? 40, seed: options.seed ?? 1, now: clock.now() });
  }
  const state = new SandboxState(data, clock, { ...DEFAULT_TIMINGS, ...options.timings });
  const faults = new Faults(
    new SeededRandom((options.seed ?? 1) + 7),
    options.faults ?? [],
    options.throttle,
  );

  const server = https.createServer({ key: tls.key, cert: tls.cert });
  attachDirectLineStandIn(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://127.0.0.1:${port}`;
  const tokens = new TokenService(key, state, clock, baseUrl);

  let saveTimer: NodeJS.Timeout | undefined;
  const context: SandboxContext = {
    state,
    clock,
    tokens,
    random,
    baseUrl,
    changed: () => {
      if (!options.persistState || saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        state.save(stateFile);
      }, 50);
    },
  };

  const router = new Router();
  registerIdentityRoutes(router, context, {
    deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds ?? 1,
  });
  registerGraphRoutes(router, context);
  registerArmRoutes(router, context);
  registerPortalRoutes(router, context);

  const sockets = new Set<Duplex>();
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DISCARD_BYTES) req.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks), size > MAX_BODY_BYTES);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer, tooLarge = false) {
    // The ARM SDK builds `//providers/...` for scopes that start with `/`: collapse repeated slashes.
    const rawPath = (req.url ?? '/').replace(/^\/{2,}/, '/').replace(/(?<=\/)\/+/g, '');
    const url = new URL(rawPath, baseUrl);
    const requestId = randomUUID();
    const clientRequestId =
      headerValue(req.headers['client-request-id']) ?? headerValue(req.headers['x-ms-client-request-id']);
    const decision = faults.decide(url.pathname, req.method ?? 'GET');
    const bearer = headerValue(req.headers.authorization)?.replace(/^Bearer /, '');
    const claims = bearer ? peekClaims(bearer) : undefined;
    const throttleKey = claims ? `${String(claims.appid)}|${String(claims.tid)}` : undefined;
    const throttled = url.pathname.startsWith('/graph/') || url.pathname.startsWith('/arm/');
    // The throttle counts requests in flight per app and tenant, latency included (like Graph's).
    const slot = throttled ? faults.acquire(throttleKey) : { ok: true as const };
    const acquired = throttled && slot.ok;
    try {
      if (decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
      if (decision.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      let response: SandboxResponse;
      if (!slot.ok) response = tooMany(429, slot.retryAfterSeconds, url.pathname);
      else if (decision.kind === '429' || decision.kind === '503') {
        response = tooMany(decision.kind === '429' ? 429 : 503, decision.retryAfterSeconds, url.pathname);
      } else if (decision.kind === '403') {
        response = refused(url.pathname);
      } else {
        response = tooLarge
          ? bodyTooLarge(url.pathname, requestId)
          : await route(req, url, raw, requestId, clientRequestId);
      }
      write(res, response, requestId, clientRequestId, decision.kind === 'cutoff');
    } finally {
      if (acquired) faults.release(throttleKey);
    }
  }

  function tooMany(status: 429 | 503, retryAfterSeconds: number, pathname: string): SandboxResponse {
    const headers = { 'retry-after': String(retryAfterSeconds) };
    if (pathname.startsWith('/arm/')) {
      return {
        status,
        headers,
        json: {
          error: {
            code: status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
            message: status === 429 ? 'The request is being throttled.' : 'The service is unavailable.',
          },
        },
      };
    }
    return {
      status,
      headers,
      json: {
        error: {
          code: status === 429 ? 'TooManyRequests' : 'serviceNotAvailable',
          message: status === 429 ? 'Too many requests.' : 'The service is temporarily unavailable.',
          innerError: { date: new Date().toISOString() },
        },
      },
    };
  }

  /** An injected 403, shaped as the service at that path refuses a caller without the right. */
  function refused(pathname: string): SandboxResponse {
    if (pathname.startsWith('/arm/'))
      return {
        status: 403,
        json: {
          error: {
            code: 'AuthorizationFailed',
            message: 'The client does not have authorization to perform this action.',
          },
        },
      };
    return {
      status: 403,
      json: {
        error: {
          code: 'Forbidden',
          message: 'Insufficient privileges to complete the operation.',
          innerError: { date: new Date().toISOString() },
        },
      },
    };
  }

  /** 413 for a body over 4 MiB, shaped as the service at that path answers. */
  function bodyTooLarge(pathname: string, requestId: string): SandboxResponse {
    const message = `The request body is larger than the ${MAX_BODY_BYTES / 1024 / 1024} MiB limit.`;
    // UNCONFIRMED: the error codes of Graph's and ARM's 413; the status is documented.
    if (pathname.startsWith('/arm/'))
      return { status: 413, json: { error: { code: 'RequestEntityTooLarge', message } } };
    if (pathname.startsWith('/graph/'))
      return {
        status: 413,
        json: { error: { code: 'RequestEntityTooLarge', message, innerError: { 'request-id': requestId } } },
      };
    return { status: 413, text: message };
  }

  async function route(
    req: IncomingMessage,
    url: URL,
    raw: Buffer,
    requestId: string,
    clientRequestId: string | undefined,
  ): Promise<SandboxResponse> {
    const match = router.match(req.method ?? 'GET', url.pathname);
    const contentType = headerValue(req.headers['content-type']) ?? '';
    let body: unknown;
    if (raw.length > 0) {
      if (contentType.includes('application/x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
      } else if (contentType.includes('json')) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          body = Symbol.for('invalid-json');
        }
      }
    }
    const cookies = parseCookies(headerValue(req.headers.cookie));
    const request: SandboxRequest = {
      method: req.method ?? 'GET',
      url,
      params: 'handler' in match ? match.params : {},
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody: raw,
      requestId,
      clientRequestId,
      header: (name) => headerValue(req.headers[name.toLowerCase()]),
      cookie: (name) => cookies.get(name),
    };
    if (!('handler' in match)) {
      if (match.allowed.length > 0) {
        return {
          status: 405,
          headers: { allow: match.allowed.join(', ') },
          json: { error: { code: 'MethodNotAllowed', message: `${request.method} is not allowed here.` } },
        };
      }
      if (url.pathname.startsWith('/graph/')) {
        return {
          status: 400,
          json: {
            error: {
              code: 'BadRequest',
              message: `Resource not found for the segment '${url.pathname.split('/').pop()}'.`,
              innerError: { 'request-id': requestId },
            },
          },
        };
      }
      if (url.pathname.startsWith('/arm/')) {
        return {
          status: 404,
          json: {
            error: {
              code: 'InvalidResourceType',
              message: `The resource type could not be found for path '${url.pathname.slice(4)}'.`,
            },
          },
        };
      }
      return html(404, '<!doctype html><title>Not found</title><p>Not found in the sandbox.</p>');
    }
    const service = url.pathname.startsWith('/arm/')
      ? 'arm'
      : url.pathname.startsWith('/graph/')
        ? 'graph'
        : 'other';
    // Graph and ARM take JSON bodies only: anything else is 415 (ARM: UnsupportedMediaType).
    if (
      raw.length > 0 &&
      service !== 'other' &&
      !/^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim())
    ) {
      const message = `The content type '${contentType || '(none)'}' is not supported; send application/json.`;
      if (service === 'arm')
        return { status: 415, json: { error: { code: 'UnsupportedMediaType', message } } };
      // UNCONFIRMED: the code of Graph's 415; the status is documented (Graph errors).
      return {
        status: 415,
        json: { error: { code: 'UnsupportedMediaType', message, innerError: { 'request-id': requestId } } },
      };
    }
    if (body === Symbol.for('invalid-json') && service === 'arm') {
      return {
        status: 400,
        json: {
          error: {
            code: 'InvalidRequestContent',
            message: 'The request content was invalid and could not be deserialized.',
          },
        },
      };
    }
    if (body === Symbol.for('invalid-json')) {
      return {
        status: 400,
        json: {
          error: {
            code: 'BadRequest',
            message:
              'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
            innerError: { 'request-id': requestId },
          },
        },
      };
    }
    try {
      return await match.handler(request);
    } catch (error) {
      return {
        status: 500,
        json: {
          error: {
            code: 'InternalServerError',
            message: `Sandbox error: ${error instanceof Error ? error.message : String(error)}`,
          },
        },
      };
    }
  }

  const partnerUsers = SAMPLE_PARTNER_USERS.map((u) => {
    const user = state.data.users.find(
      (x) => x.tenantId === state.partnerTenantId && x.userPrincipalName.startsWith(`${u.upn}@`),
    );
    return { upn: user?.userPrincipalName ?? u.upn, description: u.description };
  });
  const customerAdmin = state.data.users.find(
    (u) => u.tenantId !== state.partnerTenantId && u.userPrincipalName.startsWith('admin@'),
  );
  const users: SandboxUser[] = [
    ...partnerUsers,
    ...(customerAdmin
      ? [
          {
            upn: customerAdmin.userPrincipalName,
            description: `${customerAdmin.description} (every customer has an admin@<domain>)`,
          },
        ]
      : []),
  ];
  const publicApp = state.data.applications.find((a) => a.kind === 'public');
  const automation = state.data.applications.find((a) => a.kind === 'confidential');

  return {
    baseUrl,
    caPath: tls.caPath,
    caPem: tls.caPem,
    partnerTenantId: state.partnerTenantId,
    users,
    publicClientId: publicApp?.clientId ?? '',
    automationClient: { clientId: automation?.clientId ?? '', clientSecret: automation?.clientSecret ?? '' },
    clock,
    state,
    faults,
    tokens,
    close: async () => {
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = undefined;
        state.save(stateFile);
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of header?.split(';') ?? []) {
    const i = part.indexOf('=');
    if (i > 0) map.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return map;
}

function write(
  res: ServerResponse,
  response: SandboxResponse,
  requestId: string,
  clientRequestId: string | undefined,
  cutOff: boolean,
): void {
  res.statusCode = response.status;
  res.setHeader('request-id', requestId);
  res.setHeader('x-ms-request-id', requestId);
  res.setHeader('x-ms-correlation-request-id', clientRequestId ?? requestId);
  if (clientRequestId) res.setHeader('client-request-id', clientRequestId);
  for (const [name, value] of Object.entries(response.headers ?? {}))
    res.setHeader(name, value as string | string[]);
  let payload: string | undefined;
  if (response.json !== undefined) {
    res.setHeader('content-type', 'application/json; odata.metadata=minimal; charset=utf-8');
    payload = JSON.stringify(response.json);
  } else if (response.html !== undefined) {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    payload = response.html;
  } else if (response.text !== undefined) {
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    payload = response.text;
  }
  if (payload === undefined) {
    res.end();
    return;
  }
  const bytes = Buffer.from(payload, 'utf8');
  res.setHeader('content-length', String(bytes.length));
  if (cutOff) {
    // A body cut off half way: the declared length never arrives.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    res.socket?.destroy();
    return;
  }
  res.end(bytes);
}
