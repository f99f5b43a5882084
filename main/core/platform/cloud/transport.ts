/**
 * How the Microsoft SDKs reach a cloud. Real clouds use the system's trust store. The sandbox's CA is
 * handed to each SDK explicitly (MSAL's network client, the Graph client's fetch dispatcher, the ARM
 * pipeline's TLS options): nothing switches TLS checking off, and no process-wide setting changes,
 * so a sandbox certificate can never be trusted for a real Microsoft host.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';

/** A dispatcher that trusts exactly `caPem` (the sandbox), or undefined for the system's trust. */
export function dispatcherTrusting(caPem: string | undefined): Dispatcher | undefined {
  return caPem === undefined ? undefined : new Agent({ connect: { ca: caPem } });
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * MSAL's network client over undici with our dispatcher. MSAL reads JSON bodies (metadata, tokens,
 * AADSTS errors); a body that is not JSON (a proxy's HTML page) becomes an OAuth error MSAL reports.
 */
export class TrustingNetworkClient implements INetworkModule {
  constructor(private readonly dispatcher: Dispatcher | undefined) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(
    url: string,
    method: 'GET' | 'POST',
    options: NetworkRequestOptions | undefined,
    timeout = DEFAULT_TIMEOUT_MS,
  ): Promise<NetworkResponse<T>> {
    const response = await undiciFetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? options?.body : undefined,
      dispatcher: this.dispatcher,
      signal: AbortSignal.timeout(timeout),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      body = {
        error: 'invalid_response',
        error_description: `The sign-in service at ${new URL(url).origin} answered ${response.status} with something that is not JSON.`,
      };
    }
    return { headers, body: body as T, status: response.status };
  }
}

/** Graph client fetch options carrying the dispatcher (Node's fetch accepts undici dispatchers). */
export function graphFetchOptions(dispatcher: Dispatcher | undefined): RequestInit {
  return dispatcher === undefined ? {} : ({ dispatcher } as RequestInit);
}

/** ARM (core-rest-pipeline) TLS options for the CA, or none for the system's trust. */
export function armTlsOptions(caPem: string | undefined): { tlsOptions?: { ca: string } } {
  return caPem === undefined ? {} : { tlsOptions: { ca: caPem } };
}
