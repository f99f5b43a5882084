import type { IncomingHttpHeaders } from 'node:http';

/** A request as routes see it: path normalised (doubled slashes collapsed), body parsed. */
export interface SandboxRequest {
  readonly method: string;
  /** The full URL on the sandbox origin, with repeated slashes collapsed. */
  readonly url: URL;
  /** Route parameters (`:name` segments), URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** JSON bodies parsed; form bodies as a record; otherwise undefined. */
  readonly body: unknown;
  readonly rawBody: Buffer;
  /** The id the response carries as `request-id` (Graph) / `x-ms-request-id` (ARM). */
  readonly requestId: string;
  readonly clientRequestId: string | undefined;
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
}

export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | ReadonlyArray<string>>>;
  /** Sent as application/json. */
  readonly json?: unknown;
  /** Sent as text/html. */
  readonly html?: string;
  readonly text?: string;
}

export type RouteHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;
