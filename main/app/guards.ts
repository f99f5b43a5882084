/**
 * Deny by default, for every webContents the app ever has (Electron security checklist items 5, 12,
 * 13, 14; VS Code's main process does the same): no navigation away from app://switchboard, no
 * redirects elsewhere, no <webview>, no new windows, no permissions. A portal URL that passes the
 * allow-list goes to the user's browser instead of loading in the app.
 */
import { app, session, type Session, type WebContents } from 'electron';
import type { CloudProfile } from '../../shared/platform/cloud-profile';
import { decideNavigation, decideNewWindow } from './policy/navigation-policy';
import { isAppUrl } from './policy/app-protocol';
import { decidePortalNavigation, decidePortalNewWindow } from './policy/portal-navigation';
import { isPortalSession } from './portal-window';

export interface GuardOptions {
  readonly profile: () => CloudProfile | undefined;
  /** Opens an already allow-listed URL in the OS browser (`shell.openExternal`). */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: { warn(message: string): void };
}

const hardenedSessions = new WeakSet<Session>();

/** Call once, before any window is created. */
export function installGuards(options: GuardOptions): void {
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

function hardenSession(ses: Session): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

function guardWebContents(contents: WebContents, options: GuardOptions): void {
  hardenSession(contents.session);
  if (isPortalSession(contents.session)) {
    guardPortalContents(contents, options);
    return;
  }

  const openOrDeny = (url: string, kind: string, allowInApp: boolean): boolean => {
    const decision = allowInApp
      ? decideNavigation(url, options.profile())
      : decideNewWindow(url, options.profile());
    switch (decision.action) {
      case 'stay':
        return true;
      case 'open-externally':
        options.openExternal(decision.url).catch((error: unknown) => {
          options.log.warn(`Could not open ${decision.url} in the browser: ${String(error)}`);
        });
        return false;
      case 'deny':
        options.log.warn(`Blocked ${kind} to ${url.slice(0, 200)}`);
        return false;
    }
  };

  contents.on('will-navigate', (event) => {
    if (!openOrDeny(event.url, 'navigation', true)) event.preventDefault();
  });
  // Sub-frames navigate without will-navigate; they may only ever show our own pages.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url)) {
      options.log.warn(`Blocked frame navigation to ${event.url.slice(0, 200)}`);
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) {
      options.log.warn(`Blocked redirect to ${event.url.slice(0, 200)}`);
      event.preventDefault();
    }
  });
  contents.on('will-attach-webview', (event) => {
    options.log.warn('Blocked a <webview>');
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOrDeny(url, 'new window', false);
    return { action: 'deny' };
  });
}

/**
 * A portal window (the app-window launch mode): it may move between the profile's sign-in and portal
 * hosts and nowhere else; it never opens windows of its own; it gets no permissions.
 */
function guardPortalContents(contents: WebContents, options: GuardOptions): void {
  const stayOrDeny = (event: { url: string; preventDefault(): void }, kind: string) => {
    if (decidePortalNavigation(event.url, options.profile()).action !== 'stay') {
      options.log.warn(`Blocked ${kind} of a portal window to ${event.url.slice(0, 200)}`);
      event.preventDefault();
    }
  };
  contents.on('will-navigate', (event) => stayOrDeny(event, 'navigation'));
  contents.on('will-redirect', (event) => stayOrDeny(event, 'redirect'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) stayOrDeny(event, 'frame navigation');
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decidePortalNewWindow(url, options.profile());
    if (decision.action === 'open-externally') void options.openExternal(decision.url).catch(() => undefined);
    return { action: 'deny' };
  });
}
