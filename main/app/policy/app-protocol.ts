/**
 * The renderer is served from `app://switchboard/`, a privileged standard+secure scheme of our own,
 * never from `file://` (which would give the page file-system-wide reach; Electron security
 * checklist, "Avoid usage of the file protocol"). This module is the pure part: which URLs are ours
 * and which file of the built renderer a request may read.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
const APP_HOST = 'switchboard';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * True for a URL on the app's own origin, `app://switchboard`. Compared by parts because Node's URL
 * gives custom schemes an opaque origin ("null"), while Chromium treats our registered standard
 * scheme as a real origin.
 */
export function isAppUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The file of the built renderer (`root`, absolute) that an `app://switchboard/...` request reads, or
 * undefined when the request must be refused: another origin, a path that resolves outside `root`
 * (`..`, encoded dots or slashes, backslashes, NUL). Paths without an extension get index.html, so a
 * reload on an in-app route still finds the app.
 */
export function resolveAppFile(root: string, requestUrl: string): string | undefined {
  if (!isAppUrl(requestUrl)) return undefined;
  const { pathname } = new URL(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  if (decoded.split('/').some((segment) => segment === '..')) return undefined;
  const relative =
    decoded === '/' || decoded === '' || path.posix.extname(decoded) === ''
      ? 'index.html'
      : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const full = path.resolve(base, relative);
  if (!full.startsWith(base + path.sep)) return undefined;
  return full;
}

/** The Content-Type to serve a renderer file with; unknown kinds are served as opaque bytes. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
