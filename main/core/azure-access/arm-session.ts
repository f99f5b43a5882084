/**
 * Azure Resource Manager for one tenant, as the signed-in account: the @azure/arm-authorization
 * client (its role assignment and definition operations) and, for what that package has no operation
 * for (elevateAccess at the documented api-version, the root-scope listing, Microsoft.PortalServices),
 * the same client's ARM pipeline (bearer token, retries, the sandbox CA). Errors become ArmError with
 * ARM's status, code, message and request-id.
 */
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { CloudProfile } from '../../../shared/platform/cloud-profile';
import { armTlsOptions } from '../platform/cloud/transport';
import { describeFailure } from '../platform/cloud-errors';
import { UserFacingError } from '../platform/errors';

/** Global Administrator's role template ID (the `wids` claim lists directory roles by template ID). */
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

export interface ArmRetry {
  readonly maxRetries: number;
  readonly retryDelayInMs: number;
  readonly maxRetryDelayInMs: number;
}

const DEFAULT_ARM_RETRY: ArmRetry = { maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 8_000 };

export interface ArmSession {
  readonly client: AuthorizationManagementClient;
  readonly endpoint: string;
  readonly profile: CloudProfile;
  /** The account's sign-in name and MSAL home account ID. */
  readonly account: string;
  readonly homeAccountId: string;
  readonly tenantId: string;
  readonly home: boolean;
  /** The account's object ID in that tenant (the token's `oid`): whose elevation to find. */
  readonly oid: string;
  readonly globalAdministrator: boolean;
}

/** ARM's refusal: status, ARM's error code and message, and the request-id for support. */
export class ArmError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ArmError';
  }
}

/** The claims Switchboard reads from its own ARM token (to decide before sending anything). */
export function tokenClaims(token: string): { oid: string; tid: string; wids: ReadonlyArray<string> } {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      oid?: unknown;
      tid?: unknown;
      wids?: unknown;
    };
    return {
      oid: typeof payload.oid === 'string' ? payload.oid.toLowerCase() : '',
      tid: typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '',
      wids: Array.isArray(payload.wids) ? payload.wids.filter((w): w is string => typeof w === 'string') : [],
    };
  } catch {
    return { oid: '', tid: '', wids: [] };
  }
}

/**
 * Whether the token says Global Administrator. UNCONFIRMED: that Entra lists roles reached through
 * GDAP in `wids` of a customer-tenant token; without it, Switchboard refuses rather than tries (the
 * conservative reading), and the message says how to check.
 */
export const isGlobalAdministrator = (wids: ReadonlyArray<string>) => wids.includes(GLOBAL_ADMINISTRATOR);

export function createArmClient(
  profile: CloudProfile,
  caPem: string | undefined,
  getToken: () => Promise<string>,
  retry: ArmRetry = DEFAULT_ARM_RETRY,
): AuthorizationManagementClient {
  return new AuthorizationManagementClient(
    {
      getToken: async () => {
        const token = await getToken();
        const exp = (
          JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as {
            exp?: number;
          }
        ).exp;
        return { token, expiresOnTimestamp: typeof exp === 'number' ? exp * 1000 : Date.now() + 600_000 };
      },
    },
    // Required by the client; tenant-level operations do not use it.
    '00000000-0000-0000-0000-000000000000',
    {
      endpoint: profile.armEndpoint,
      credentialScopes: [`${profile.armResource}/.default`],
      retryOptions: retry,
      ...armTlsOptions(caPem),
    },
  );
}

/** ARM's error from an SDK failure (RestError) or a pipeline response; anything else passes through. */
export function toArmError(error: unknown): unknown {
  if (error instanceof ArmError || error instanceof UserFacingError) return error;
  const e = error as {
    name?: unknown;
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: { headers?: { get(name: string): string | undefined } };
  };
  if (e && typeof e === 'object' && typeof e.statusCode === 'number') {
    return new ArmError(
      e.statusCode,
      typeof e.code === 'string' ? e.code : 'Unknown',
      typeof e.message === 'string' ? e.message : 'Azure Resource Manager refused the request.',
      e.response?.headers?.get('x-ms-request-id') ?? null,
    );
  }
  return error;
}

function fromResponse(response: PipelineResponse): ArmError {
  let code = 'Unknown';
  let message = `Azure Resource Manager answered ${response.status}.`;
  try {
    const body = JSON.parse(response.bodyAsText ?? '') as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not ARM's JSON error body (a proxy's page): the status says enough.
  }
  return new ArmError(response.status, code, message, response.headers.get('x-ms-request-id') ?? null);
}

export interface ArmAnswer {
  readonly status: number;
  readonly requestId: string | null;
  readonly json: unknown;
}

/**
 * One request through the client's ARM pipeline: `path` below the endpoint (with its api-version),
 * an optional JSON body. 4xx and 5xx (after the pipeline's retries) throw ArmError.
 */
export async function armSend(
  session: Pick<ArmSession, 'client' | 'endpoint'>,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH',
  path: string,
  options: { readonly body?: unknown; readonly signal?: AbortSignal } = {},
): Promise<ArmAnswer> {
  const url = /^https:\/\//i.test(path) ? path : `${session.endpoint}${path}`;
  if (!url.startsWith(`${session.endpoint}/`)) {
    throw new UserFacingError(
      'unavailable',
      'Azure Resource Manager sent a link to another host; Switchboard did not follow it.',
    );
  }
  const request = createPipelineRequest({ url, method, abortSignal: options.signal });
  if (options.body !== undefined) {
    request.headers.set('content-type', 'application/json');
    request.body = JSON.stringify(options.body);
  }
  const response = await session.client.sendRequest(request);
  if (response.status >= 400) throw fromResponse(response);
  let json: unknown = null;
  if (response.bodyAsText) {
    try {
      json = JSON.parse(response.bodyAsText);
    } catch {
      json = null;
    }
  }
  return { status: response.status, requestId: response.headers.get('x-ms-request-id') ?? null, json };
}

/** ARM's answer in words, with its code, the request-id for support and the next step (platform/cloud-errors.ts). */
export function describeArmError(error: unknown): string {
  return describeFailure(toArmError(error));
}
