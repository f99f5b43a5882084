import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SwitchboardCore } from '../core/compose';
import { readStaticFile } from './static-files';
import { clientMessageSchema, MAX_MESSAGE_BYTES } from './wire';
import { CONTENT_SECURITY_POLICY } from '../../shared/platform/content-security-policy';

export interface WebHostOptions {
  readonly core: SwitchboardCore;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** 0 or absent: a free port. */
  readonly port?: number;
  /** The per-run secret; random when absent. */
  readonly token?: string;
  /** Where problems with a client are reported (default: stderr). */
  readonly log?: (message: string, error?: unknown) => void;
}

export interface WebHost {
  /** The address to open, with the per-run secret. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * The browser host: serves the built renderer on 127.0.0.1 and carries the contract over a WebSocket.
 * Only this machine may use it: it listens on loopback only, every request must name this host in
 * `Host` (so a DNS-rebound name is refused), the WebSocket must come from this origin and present the
 * per-run secret that is printed in the URL.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const log =
    options.log ??
    ((message: string, error?: unknown) => console.error(`[switchboard] ${message}`, errorText(error)));
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;
  const allowedHosts = (): ReadonlyArray<string> => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): ReadonlyArray<string> => allowedHosts().map((h) => `http://${h}`);

  // A client that resets its connection makes its socket emit 'error'; unhandled, that ends the
  // process. Every socket and WebSocket error is handled (Node's own 'clientError' default answers
  // malformed requests): the bad client is dropped, the host stays up for the page with the secret.
  server.on('request', (req, res) => {
    req.on('error', () => req.socket.destroy());
    res.on('error', () => res.socket?.destroy());
    void (async () => {
      if (!allowedHosts().includes(req.headers.host ?? '')) {
        res.writeHead(421, { 'content-type': 'text/plain' }).end('This address is not served here.');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const file = await readStaticFile(options.rendererDir, pathname);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.');
        return;
      }
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => {
      log(`A request for ${req.url ?? '/'} failed`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    // Node hands the socket over without its own error handler; a reset during the refusal (or
    // before ws takes over) would otherwise be an unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, reason: string): void => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(421, 'Misdirected Request');
    if (!allowedOrigins().includes(req.headers.origin ?? '')) return refuse(403, 'Forbidden');
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  const unsubscribe = options.core.onEvent((name, payload) => {
    const frame = JSON.stringify({ kind: 'event', name, payload });
    for (const client of wss.clients) client.send(frame);
  });

  function serve(ws: WebSocket): void {
    // ws reports a frame it refuses (larger than MAX_MESSAGE_BYTES, text that is not UTF-8, a bad
    // opcode) as an 'error' and closes the connection itself (1009, 1007, 1002): only that page goes.
    ws.on('error', (error) =>
      log('A page sent a frame the browser host does not accept; its connection was closed', error),
    );
    ws.on('message', (data, isBinary) => {
      void (async () => {
        if (isBinary) return ws.close(1003, 'Text frames only');
        let message: unknown;
        try {
          message = JSON.parse(data.toString());
        } catch {
          return ws.send(JSON.stringify({ kind: 'error', message: 'The message was not JSON.' }));
        }
        const parsed = clientMessageSchema.safeParse(message);
        if (!parsed.success) {
          return ws.send(
            JSON.stringify({
              kind: 'error',
              message: 'The message is not a Switchboard command invocation.',
            }),
          );
        }
        const result = await options.core.invoke(parsed.data.name, parsed.data.input);
        if (ws.readyState === ws.OPEN)
          ws.send(JSON.stringify({ kind: 'result', id: parsed.data.id, result }));
      })().catch((error: unknown) => {
        log('A message from the page could not be answered', error);
        ws.terminate();
      });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, a connection that cannot be accepted (too many open files) is that client's
  // loss, not the host's end.
  server.on('error', (error) => log('The browser host could not accept a connection', error));
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function errorText(error: unknown): string {
  if (error === undefined) return '';
  return error instanceof Error ? error.message : String(error);
}
