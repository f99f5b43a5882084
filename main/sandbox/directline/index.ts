/**
 * A stand-in for the Bot Framework Direct Line host Copilot in Azure opens a websocket to: in the
 * sandbox profile `wss://directline.botframework.com/<path>` becomes
 * `wss://<sandbox>/portals/directline.botframework.com/<path>` (shared/platform/cloud-profile.ts).
 * It accepts the websocket upgrade, says what it is, and closes: enough for the app's network check.
 * Any other upgrade is refused with 404.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

const DIRECT_LINE_STAND_IN_PREFIX = '/portals/directline.botframework.com/';

export function attachDirectLineStandIn(server: Pick<Server, 'on'>): void {
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!(req.url ?? '').toLowerCase().startsWith(DIRECT_LINE_STAND_IN_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.send(JSON.stringify({ standIn: 'Sandbox Direct Line (not a Microsoft service)' }));
      ws.close(1000, 'connectivity check');
    });
  });
}
