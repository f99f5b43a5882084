/**
 * Microsoft's error bodies, exactly as each service sends them, so the SDKs parse them as they would
 * the real thing.
 */
import type { SandboxRequest, SandboxResponse } from './types';

/** Graph: `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`. */
export function graphError(
  req: SandboxRequest,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers,
    json: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': req.requestId,
          'client-request-id': req.clientRequestId ?? req.requestId,
        },
      },
    },
  };
}

/** ARM: `{"error":{"code","message"}}`. */
export function armError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return { status, headers, json: { error: { code, message } } };
}

/** Microsoft identity (AADSTS) errors, RFC 6749 shaped with Entra's extra fields. */
export function oauthError(
  req: SandboxRequest,
  status: number,
  error: string,
  aadsts: number,
  description: string,
  extra: Record<string, unknown> = {},
): SandboxResponse {
  return {
    status,
    json: {
      error,
      error_description: `AADSTS${aadsts}: ${description} Trace ID: ${req.requestId} Correlation ID: ${req.clientRequestId ?? req.requestId} Timestamp: ${new Date().toISOString()}`,
      error_codes: [aadsts],
      timestamp: new Date().toISOString(),
      trace_id: req.requestId,
      correlation_id: req.clientRequestId ?? req.requestId,
      ...extra,
    },
  };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, html: body, headers };
}

/** Escapes text for HTML. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
