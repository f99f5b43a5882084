import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore } from '../../main/core/compose';
import { startWebHost, type WebHost } from '../../main/web/web-host';

let dir: string;
let rendererDir: string;
let host: WebHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-web-'));
  rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  const dataDir = path.join(dir, 'data');
  // The analyst chose the public cloud: launching needs no sandbox there.
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ schemaVersion: 1, cloudProfile: 'public', clientId: null }),
  );
  const core = createCore({
    host: 'web',
    version: 't',
    dataDir,
    backends: confBackends(dataDir),
    opener: { open: async () => ({ handled: false }) },
  });
  host = await startWebHost({ core, rendererDir });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathname,
        headers: { host: `127.0.0.1:${host.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function connect(options: { token?: string; origin?: string; host?: string } = {}): Promise<WebSocket> {
  const token = options.token ?? host.token;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`, {
      origin: options.origin ?? host.origin,
      headers: options.host ? { host: options.host } : {},
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(
  ws: WebSocket,
  id: number,
  name: string,
  input: unknown,
): Promise<{ kind: string; id: number; result: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = JSON.parse(data.toString());
      if (frame.kind === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ kind: 'invoke', id, name, input }));
  });
}

describe('the browser host', () => {
  it('prints a loopback URL carrying the per-run secret', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Switchboard</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await get('/assets/app.js')).headers['content-type']).toContain('javascript');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt'])(
    'serves nothing outside the renderer for %s',
    async (p) => {
      const res = await get(p);
      expect(res.body).not.toContain('outside the renderer');
    },
  );

  it('refuses requests for another host name (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
  });

  it('refuses a WebSocket without the secret, from another origin, or for another host', async () => {
    await expect(connect({ token: '' })).rejects.toThrow('HTTP 401');
    await expect(connect({ token: 'x'.repeat(32) })).rejects.toThrow('HTTP 401');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ host: `rebound.example:${host.port}` })).rejects.toThrow('HTTP 421');
  });

  it('carries the contract: commands with validation, and events to every connected page', async () => {
    const a = await connect();
    const b = await connect();
    const event = new Promise((resolve) =>
      b.on('message', (d) => JSON.parse(d.toString()).kind === 'event' && resolve(JSON.parse(d.toString()))),
    );
    const added = await call(a, 1, 'customers.add', {
      displayName: 'Contoso',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      accessPath: 'b2b',
    });
    expect(added.result.ok).toBe(true);
    expect(await event).toMatchObject({
      kind: 'event',
      name: 'customers.changed',
      payload: [{ displayName: 'Contoso' }],
    });
    const bad = await call(a, 2, 'customers.add', {
      displayName: 'X',
      tenantId: 'contoso.com',
      accessPath: 'b2b',
    });
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const launch = await call(a, 3, 'launch.open', {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      target: 'securityCopilot',
    });
    expect(launch.result).toEqual({
      ok: true,
      value: {
        url: 'https://securitycopilot.microsoft.com/?tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47',
        openedBy: 'page',
      },
    });
    a.close();
    b.close();
  });

  it('answers malformed messages with an error instead of crashing', async () => {
    const ws = await connect();
    const replies: unknown[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    ws.send('not json');
    ws.send(JSON.stringify({ kind: 'eval', code: 'process.exit()' }));
    await new Promise((r) => setTimeout(r, 200));
    expect(replies).toEqual([
      { kind: 'error', message: 'The message was not JSON.' },
      { kind: 'error', message: 'The message is not a Switchboard command invocation.' },
    ]);
    const still = await call(ws, 9, 'customers.list', {});
    expect(still.result.ok).toBe(true);
    ws.close();
  });
});
