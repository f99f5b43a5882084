/**
 * The "app window" launch mode: a portal in a window of its own, on the partner account's persistent
 * session partition, so each partner identity keeps its own sign-in and cookies (teams-for-linux's
 * per-profile partitions). The window has no preload and no bridge to Switchboard: it is a sandboxed
 * view of a Microsoft portal, and the guards limit where it may go (policy/portal-navigation.ts).
 */
import { BrowserWindow, session, type Session } from 'electron';
import { PRODUCT_NAME } from '../core/platform/host-options';

const portalSessions = new WeakSet<Session>();

/** Whether these contents belong to a portal window (the guards apply the portal policy to them). */
export function isPortalSession(ses: Session): boolean {
  return portalSessions.has(ses);
}

function portalSession(partition: string): Session {
  if (!partition.startsWith('persist:switchboard-account-')) {
    throw new Error(`Not an account partition: ${partition}`);
  }
  const ses = session.fromPartition(partition);
  portalSessions.add(ses);
  return ses;
}

export async function openPortalWindow(url: string, partition: string): Promise<void> {
  const ses = portalSession(partition);
  const window = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 1280,
    height: 860,
    autoHideMenuBar: true,
    webPreferences: {
      session: ses,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.removeMenu();
  await window.loadURL(url);
}
