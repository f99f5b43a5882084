/**
 * Attacks on the browser host by anything else on this machine: a local process without the secret
 * that resets its connection mid-refusal, and a page that sends frames the host must not accept. Each
 * bad client is dropped; the host keeps serving the good ones.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { confBackends } from '../../main/core/platform/persistence/conf-backend';
import { createCore } from '../../main/core/compose';
import { startWebHost, type WebHost } from '../../main/web/web-host';

let dir: string;
let host: WebHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-web-attack-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  const dataDir = path.join(dir, 'data');
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

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: host.origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A signed-in page can still list its customers: the host is up and serving. */
async function stillServing(): Promise<void> {
  const ws = await connect();
  const reply = await new Promise<{ kind: string; result: { ok: boolean } }>((resolve) => {
    ws.once('message', (d) => resolve(JSON.parse(d.toString())));
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, name: 'customers.list', input: {} }));
  });
  expect(reply).toMatchObject({ kind: 'result', result: { ok: true } });
  ws.close();
}

/** Sends an upgrade request and resets the connection (TCP RST) before or while the host answers. */
function upgradeAndReset(target: string, origin: string, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(host.port, '127.0.0.1', () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: ${origin}\r\n` +
          'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      setTimeout(() => socket.resetAndDestroy(), waitMs);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

describe('the browser host under attack', () => {
  it('keeps serving after 200 unauthenticated upgrades that reset their connection', async () => {
    const targets = [
      ['/ws?token=bad', host.origin],
      ['/ws', host.origin],
      ['/ws?token=bad', 'http://evil.example'],
      ['/elsewhere', host.origin],
    ] as const;
    for (let i = 0; i < 200; i++) {
      const [target, origin] = targets[i % targets.length]!;
      await upgradeAndReset(target, origin, i % 3);
    }
    await stillServing();
  });

  it('keeps serving after pages with the secret reset their connection during the upgrade', async () => {
    for (let i = 0; i < 50; i++) await upgradeAndReset(`/ws?token=${host.token}`, host.origin, i % 3);
    await stillServing();
  });

  it.each([
    ['a 2 MiB text frame', () => 'x'.repeat(2 * 1024 * 1024), 1009],
    ['a text frame that is not UTF-8', () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 1007],
  ] as const)('drops a page that sends %s and keeps serving the others', async (_label, frame, code) => {
    const other = await connect();
    const bad = await connect();
    const closed = new Promise<number>((resolve) => bad.once('close', (c) => resolve(c)));
    bad.on('error', () => undefined);
    bad.send(frame(), { binary: false });
    expect(await closed).toBe(code);
    expect(other.readyState).toBe(WebSocket.OPEN);
    other.close();
    await stillServing();
  });
});
