import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/platform/content-security-policy';
import { APP_SCHEME, contentTypeOf, resolveAppFile } from './policy/app-protocol';

/**
 * Must run before the app's `ready` event. `standard` gives app://switchboard a real origin (so
 * 'self' in the CSP, relative URLs and module scripts work), `secure` makes it a secure context like
 * https. `corsEnabled` lets Vite's `<script type="module" crossorigin>` load; no response carries
 * Access-Control-Allow-Origin, so no other origin can read ours.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/**
 * Serves the built renderer (`rendererDir`) on app://switchboard/ in `session`, with the same headers
 * as the browser host. Only GET/HEAD of files inside `rendererDir` are answered.
 */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const file = resolveAppFile(rendererDir, request.url);
    let body: Buffer | undefined;
    if (file !== undefined) {
      try {
        body = await fs.readFile(file);
      } catch {
        body = undefined;
      }
    }
    if (file === undefined || body === undefined) {
      return new Response('Not found.', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
      },
    });
  });
}
