/**
 * The renderer's Content-Security-Policy, sent as a header by both shells: the Electron app's
 * `app://` protocol and the browser host. The renderer's HTML carries the same policy in a meta tag
 * (without `frame-ancestors`, which only a header can set). Nothing but the app's own origin may
 * supply scripts, styles, images, fonts or connections; no plugins, no <base>, no form posts, no
 * framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
