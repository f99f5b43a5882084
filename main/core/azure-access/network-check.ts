/**
 * Whether Copilot in Azure can work from this machine: it needs websocket connections to the Bot
 * Framework Direct Line host (the host comes from the cloud profile). The check opens a websocket
 * there and reports what happened in words. UNCONFIRMED: whether the 2026 Copilot in Azure still
 * needs Direct Line (the 2024 access document required it; its later revision no longer says so).
 */
import WebSocket from 'ws';
import { directLineUrl } from '../../../shared/platform/cloud-profile';
import type { NetworkCheck } from '../../../shared/azure-access/azure-access';
import type { ActiveCloud } from '../platform/cloud/cloud-service';

const CHECK_PATH = '/v3/directline/conversations/connectivity-check/stream';

export async function checkDirectLine(cloud: ActiveCloud, timeoutMs = 10_000): Promise<NetworkCheck> {
  const host = cloud.profile.directLineHost;
  const url = directLineUrl(cloud.profile, CHECK_PATH);
  if (host === null || url === undefined) {
    return {
      host: null,
      outcome: 'notOffered',
      message: `${cloud.profile.label} names no Direct Line host for Copilot in Azure, so there is nothing to test here.`,
    };
  }
  const outcome = await new Promise<
    { kind: 'open' } | { kind: 'http'; status: number } | { kind: 'error'; message: string }
  >((resolve) => {
    const ws = new WebSocket(url, {
      handshakeTimeout: timeoutMs,
      ...(cloud.caPem !== undefined ? { ca: cloud.caPem } : {}),
    });
    const done = (value: Parameters<typeof resolve>[0]) => {
      resolve(value);
      ws.terminate();
    };
    ws.once('open', () => done({ kind: 'open' }));
    ws.once('unexpected-response', (_req, res) => done({ kind: 'http', status: res.statusCode ?? 0 }));
    ws.once('error', (error) => done({ kind: 'error', message: error.message }));
  });
  switch (outcome.kind) {
    case 'open':
      return {
        host,
        outcome: 'works',
        message: `A websocket to ${host} opened from this machine: Copilot in Azure can reach Direct Line here.`,
      };
    case 'http':
      // Without a Copilot conversation the real host refuses the upgrade itself; it was reached,
      // but whether a proxy would let the websocket through cannot be told from here.
      return {
        host,
        outcome: 'reachable',
        message: `${host} answered (HTTP ${outcome.status}) but did not open a websocket without a Copilot conversation. The host is reachable; if Copilot in Azure still does not answer, ask your network administrator to allow websocket connections to https://${host}.`,
      };
    case 'error':
      return {
        host,
        outcome: 'blocked',
        message: `No websocket to ${host} from this machine (${outcome.message}). Copilot in Azure needs it: ask your network administrator to allow websocket connections to https://${host}.`,
      };
  }
}
