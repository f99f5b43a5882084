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
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;
  const allowedHosts = (): ReadonlyArray<string> => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): ReadonlyArray<string> => allowedHosts().map((h) => `http://${h}`);

  server.on('request', (req, res) => {
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
    })();
  });

  server.on('upgrade', (req, socket, head) => {
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
      })();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
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
