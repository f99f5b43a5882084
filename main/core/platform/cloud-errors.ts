/**
 * The one translation of a failure into words a person can act on. Every error a command throws
 * passes through here once (main/core/platform/dispatcher.ts): Microsoft Graph's (the SDK's
 * GraphError), Azure Resource Manager's (core-rest-pipeline's RestError), Microsoft Entra sign-in's
 * (MSAL's AuthError and its kinds), the network's (fetch failed, ECONNRESET, ETIMEDOUT, a timeout)
 * and, last, Switchboard's own bugs. Each becomes the contract's error code and a sentence that says
 * which service, what Switchboard was doing, what happened (status, the service's code and the
 * request-id for support) and what to do next.
 *
 * Call sites translate only where they add meaning the service's answer cannot carry (a 412 on a
 * relationship means "someone changed it"; a 404 on a user means "no such user"); everything else is
 * thrown as it came and translated here.
 */
import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client';
import type { ErrorCode } from '../../../shared/contract/contract';
import { UserFacingError } from './errors';
import { parseRetryAfter } from './graph/retry';

export type CloudServiceName =
  | 'Microsoft Graph'
  | 'Azure Resource Manager'
  | 'Microsoft Entra sign-in'
  /** A bare fetch failure that no SDK claimed: which service it was is not known here. */
  | 'the Microsoft cloud';

/** What kind of failure it was; only `bug` is logged as a crash. */
export type FailureKind =
  /** No answer at all: the connection dropped, timed out, or the host could not be reached. */
  | 'offline'
  /** The service answered with an error status. */
  | 'answered'
  /** Sign-in is needed again, or was refused. */
  | 'sign-in'
  /** The person (or shutdown) cancelled it. */
  | 'cancelled'
  /** Already in the user's words (a UserFacingError): passed through. */
  | 'explained'
  /** This computer refused (a file could not be written, the disk is full). */
  | 'local'
  /** Switchboard's own fault (a TypeError in our code, a broken invariant). */
  | 'bug';

export interface FailureExplanation {
  readonly kind: FailureKind;
  readonly code: ErrorCode;
  readonly service: CloudServiceName | null;
  /** The HTTP status, when the service answered. */
  readonly status: number | null;
  /** The service's own error code (Graph's `error.code`, ARM's, MSAL's `errorCode`). */
  readonly serviceCode: string | null;
  readonly requestId: string | null;
  /** For 429/503: how long the service asked to wait. */
  readonly retryAfterSeconds: number | null;
  /** What happened, as a sentence without the final full stop ("No answer from Microsoft Graph (…)"). */
  readonly happened: string;
  /** What to do next, as whole sentences. */
  readonly next: string;
  /** Status, code and request-id, for support ("Microsoft Graph answered 403 …, request-id …"); null when there is none. */
  readonly support: string | null;
}

/** What a command was doing, to name it in the sentence; and what it needs when access is refused. */
export interface FailureContext {
  /** "reading your partner security groups" */
  readonly doing?: string;
  /** What access it needs ("the GroupMember.Read.All permission for …"): said on 403. */
  readonly needs?: string;
  /**
   * Whom to ask and what to do on 403, as whole sentences, where that is not the Global
   * Administrator granting a permission (a role or an owner that must make the change instead).
   */
  readonly ask?: string;
}

/** Node's and undici's codes for "no answer": the connection never came, dropped or timed out. */
const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNRESET: 'the connection was cut off',
  ECONNABORTED: 'the connection was cut off',
  EPIPE: 'the connection was cut off',
  UND_ERR_SOCKET: 'the connection was cut off',
  UND_ERR_CLOSED: 'the connection was cut off',
  ECONNREFUSED: 'the connection was refused',
  ETIMEDOUT: 'it took too long to answer',
  ESOCKETTIMEDOUT: 'it took too long to answer',
  UND_ERR_CONNECT_TIMEOUT: 'it took too long to answer',
  UND_ERR_HEADERS_TIMEOUT: 'it took too long to answer',
  UND_ERR_BODY_TIMEOUT: 'it took too long to answer',
  ENOTFOUND: 'its address could not be found (DNS)',
  EAI_AGAIN: 'its address could not be found (DNS)',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  CERT_HAS_EXPIRED: 'its certificate was not accepted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate was not accepted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate was not accepted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate was not accepted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate was not accepted',
};

/** Node's codes for "this computer refused": files and disks, not the network. */
const PERMISSIONS = 'Check that your account may write to Switchboard’s data folder, then try again.';
const LOCAL_CODES: Readonly<Record<string, readonly [happened: string, next: string]>> = {
  EACCES: ['This computer refused access to a file Switchboard needs', PERMISSIONS],
  EPERM: ['This computer refused access to a file Switchboard needs', PERMISSIONS],
  ENOSPC: ['The disk is full', 'Free up space on the disk, then try again.'],
  EROFS: ['The disk is read-only', PERMISSIONS],
  EMFILE: ['Too many files are open on this computer', 'Close some programs, then try again.'],
  EBUSY: [
    'A file Switchboard needs is in use by another program',
    'Close the program using it (a backup or sync tool, an editor), then try again.',
  ],
};

/** MSAL's error codes that mean "sign in again". */
const SIGN_IN_AGAIN = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'invalid_grant',
  'no_tokens_found',
  'refresh_token_expired',
  'bad_token',
  'native_account_unavailable',
]);

/** MSAL's error codes that mean "no answer from the sign-in service". */
const SIGN_IN_NETWORK = new Set(['network_error', 'no_network_connectivity', 'post_request_failed']);

const OFFLINE_NEXT = 'Check your internet connection (and VPN or proxy), then try again.';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The errors inside `error` (its `cause` chain, the SDK's wrapped `customError`), outermost first. */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && out.length < 6 && !out.includes(current)) {
    out.push(current);
    const r = record(current);
    current = r?.cause ?? r?.customError;
  }
  return out;
}

/** The first network code in the error's chain (`fetch failed` carries it in `cause.code`). */
function networkCode(error: unknown): string | undefined {
  for (const e of chain(error)) {
    const code = str(record(e)?.code);
    if (code !== null && code in NETWORK_CODES) return code;
  }
  return undefined;
}

function isAbort(error: unknown): boolean {
  const name = str(record(error)?.name);
  return name === 'AbortError';
}

function isTimeout(error: unknown): boolean {
  return str(record(error)?.name) === 'TimeoutError';
}

/** undici's "fetch failed" (a TypeError with the network cause) is the network, not a bug. */
function isFetchFailure(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.message === 'fetch failed' ||
      /^(socket hang up|other side closed|terminated)$/i.test(error.message) ||
      networkCode(error) !== undefined)
  );
}

function headerOf(headers: unknown, name: string): string | null {
  const h = record(headers);
  if (!h) return null;
  if (typeof h.get === 'function') {
    const value = (h.get as (n: string) => unknown).call(headers, name);
    return str(value);
  }
  return str(h[name]) ?? str(h[name.toLowerCase()]);
}

function offline(service: CloudServiceName, why: string, support: string | null = null): FailureExplanation {
  return {
    kind: 'offline',
    code: 'unavailable',
    service,
    status: null,
    serviceCode: null,
    requestId: null,
    retryAfterSeconds: null,
    happened: `No answer from ${service} (${why})`,
    next: OFFLINE_NEXT,
    support,
  };
}

function seconds(n: number): string {
  return n === 1 ? '1 second' : `${n} seconds`;
}

/** The answer's status, in words, and what to do next. */
function answered(
  service: CloudServiceName,
  status: number,
  serviceCode: string | null,
  serviceMessage: string | null,
  requestId: string | null,
  retryAfterMs: number | undefined,
  context: FailureContext,
): FailureExplanation {
  const retryAfterSeconds = retryAfterMs === undefined ? null : Math.max(1, Math.ceil(retryAfterMs / 1000));
  const support = [
    `${service} answered ${status}${serviceCode ? ` ${serviceCode}` : ''}`,
    requestId ? `request-id ${requestId}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  // The service's own message only where our words cannot say what was wrong (a 400's "why"), and
  // only when it is a short sentence (not a stack or a page); the log keeps it always.
  const said =
    serviceMessage && serviceMessage.length <= 300 && !/[<{]/.test(serviceMessage)
      ? ` ("${serviceMessage.replace(/\s+/g, ' ').trim()}")`
      : '';
  const base = { kind: 'answered' as const, service, status, serviceCode, requestId, support };
  if (status === 401) {
    return {
      ...base,
      code: 'refused',
      retryAfterSeconds: null,
      happened: `${service} no longer accepts your sign-in`,
      next: 'Open Accounts and sign in again, then try again.',
    };
  }
  if (status === 403) {
    return {
      ...base,
      code: 'refused',
      retryAfterSeconds: null,
      happened: `${service} refused: your account or Switchboard's app registration lacks the permission for this`,
      next: context.needs
        ? `This needs ${context.needs}. ${context.ask ?? 'Ask your Global Administrator to grant it, then sign in again.'}`
        : "Check that your account has the role this needs in your partner tenant (for GDAP: Admin Agent in Partner Center) and that an administrator granted Switchboard's app registration its API permissions.",
    };
  }
  if (status === 404) {
    return {
      ...base,
      code: 'not_found',
      retryAfterSeconds: null,
      happened: `${service} has no such item (it was removed, or it is not in this tenant)`,
      next: 'Sync the directory to see what is there now.',
    };
  }
  if (status === 409 || status === 412) {
    return {
      ...base,
      code: 'conflict',
      retryAfterSeconds: null,
      happened:
        status === 412
          ? `${service} refused because it changed since you loaded it`
          : `${service} refused because it conflicts with the current state`,
      next: 'Reload to see the current state, then decide again.',
    };
  }
  if (status === 408) {
    return {
      ...base,
      code: 'unavailable',
      retryAfterSeconds: null,
      happened: `${service} gave up waiting for the request to arrive (408)`,
      next: OFFLINE_NEXT,
    };
  }
  if (status === 429) {
    return {
      ...base,
      code: 'unavailable',
      retryAfterSeconds,
      happened: `${service} is receiving too many requests from you right now (it throttles)`,
      next: `Try again in ${seconds(retryAfterSeconds ?? 30)}.`,
    };
  }
  if (status >= 500) {
    return {
      ...base,
      code: 'unavailable',
      retryAfterSeconds,
      happened: `${service} had a problem on Microsoft's side (${status === 503 ? 'it is temporarily unavailable' : `error ${status}`})`,
      next:
        retryAfterSeconds !== null
          ? `This is not caused by you or Switchboard. Try again in ${seconds(retryAfterSeconds)}.`
          : "This is not caused by you or Switchboard. Try again in a few minutes; if it persists, check Microsoft's service health.",
    };
  }
  return {
    ...base,
    code: 'refused',
    retryAfterSeconds: null,
    happened: `${service} refused the request (${status})${said}`,
    next: 'If it happens again, give support the details at the end of this message.',
  };
}

function fromGraph(error: GraphError, context: FailureContext): FailureExplanation {
  if (error.statusCode <= 0) {
    if (isAbort(error) || error.code === 'AbortError') return cancelled('Microsoft Graph');
    // The SDK wraps the fetch error: its name lands in `code`, its message in `message`.
    const code = networkCode(error);
    return offline(
      'Microsoft Graph',
      code ? (NETWORK_CODES[code] ?? 'the connection dropped') : 'the connection dropped',
    );
  }
  // A success status with a GraphError: the body broke off (or was not JSON) on the way.
  if (error.statusCode < 400) return offline('Microsoft Graph', 'its answer was cut off half way');
  const requestId =
    error.requestId ?? headerOf(error.headers, 'request-id') ?? headerOf(error.headers, 'client-request-id');
  return answered(
    'Microsoft Graph',
    error.statusCode,
    error.code,
    error.message,
    requestId,
    parseRetryAfter(headerOf(error.headers, 'retry-after'), new Date()),
    context,
  );
}

/** core-rest-pipeline's RestError, recognised by name as its own `isRestError` does (no import). */
function isRestError(error: unknown): error is Error & {
  statusCode?: number;
  code?: string;
  response?: { headers?: unknown };
} {
  return error instanceof Error && error.name === 'RestError';
}

/**
 * An ARM answer a feature has already read into its own error (main/core/azure-access's ArmError:
 * status, ARM's code, request-id), recognised by shape: platform does not import features.
 */
function isArmAnswer(
  error: unknown,
): error is Error & { statusCode: number; code?: unknown; requestId?: string | null } {
  const status = record(error)?.statusCode;
  return error instanceof Error && error.name === 'ArmError' && typeof status === 'number' && status > 0;
}

function fromArm(
  error: Error & { statusCode?: number; code?: string; response?: { headers?: unknown } },
  context: FailureContext,
): FailureExplanation {
  const status = error.statusCode;
  if (status === undefined || status <= 0) {
    const code = networkCode(error);
    return offline(
      'Azure Resource Manager',
      code ? (NETWORK_CODES[code] ?? 'the connection dropped') : 'the connection dropped',
    );
  }
  const headers = error.response?.headers;
  return answered(
    'Azure Resource Manager',
    status,
    str(error.code),
    error.message,
    headerOf(headers, 'x-ms-request-id') ?? headerOf(headers, 'x-ms-correlation-request-id'),
    parseRetryAfter(headerOf(headers, 'retry-after'), new Date()),
    context,
  );
}

/** MSAL's AuthError (and its kinds), by shape: `errorCode` and an MSAL error name. */
function isMsalError(error: unknown): error is Error & { errorCode: string; correlationId?: string } {
  return (
    error instanceof Error &&
    typeof (error as { errorCode?: unknown }).errorCode === 'string' &&
    /AuthError$|^ServerError$|^ClientConfigurationError$/.test(error.name)
  );
}

function fromMsal(error: Error & { errorCode: string; correlationId?: string }): FailureExplanation {
  const aadsts = /AADSTS\d{5,6}/.exec(error.message)?.[0] ?? null;
  const support = [
    `Microsoft Entra sign-in: ${error.errorCode}${aadsts ? ` ${aadsts}` : ''}`,
    error.correlationId ? `correlation-id ${error.correlationId}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  if (SIGN_IN_NETWORK.has(error.errorCode) || networkCode(error) !== undefined) {
    return offline('Microsoft Entra sign-in', 'the sign-in service could not be reached', support);
  }
  const base = {
    kind: 'sign-in' as const,
    service: 'Microsoft Entra sign-in' as const,
    status: null,
    serviceCode: error.errorCode,
    requestId: error.correlationId ?? null,
    retryAfterSeconds: null,
    support,
  };
  if (error.name === 'ClientConfigurationError') {
    return {
      ...base,
      code: 'refused',
      happened: 'Sign-in is not set up correctly (Microsoft Entra refused Switchboard’s settings)',
      next: 'Open Settings and check the cloud and your app registration’s client ID, then sign in again.',
    };
  }
  if (SIGN_IN_AGAIN.has(error.errorCode) || error.name === 'InteractionRequiredAuthError') {
    return {
      ...base,
      code: 'refused',
      happened: 'Your saved sign-in is no longer enough (it expired, or more verification is needed)',
      next: 'Open Accounts and sign in again, then try again.',
    };
  }
  return {
    ...base,
    code: 'refused',
    happened: `Microsoft Entra sign-in refused${aadsts ? ` (${aadsts})` : ''}`,
    next: 'Sign in again from Accounts. If it keeps failing, give your administrator the details at the end of this message.',
  };
}

function cancelled(service: CloudServiceName | null): FailureExplanation {
  return {
    kind: 'cancelled',
    code: 'refused',
    service,
    status: null,
    serviceCode: null,
    requestId: null,
    retryAfterSeconds: null,
    happened: 'It was cancelled before it finished',
    next: 'Start it again when you are ready.',
    support: null,
  };
}

function explained(error: UserFacingError): FailureExplanation {
  return {
    kind: 'explained',
    code: error.code,
    service: null,
    status: null,
    serviceCode: null,
    requestId: null,
    retryAfterSeconds: null,
    happened: error.message.replace(/\.\s*$/, ''),
    next: '',
    support: null,
  };
}

/** The failure itself: a token failure the Graph SDK handed back wrapped (graph-client.ts) is unwrapped. */
export function unwrapFailure(error: unknown): unknown {
  const cause = record(error)?.cause;
  return error instanceof GraphClientError && cause !== undefined ? unwrapFailure(cause) : error;
}

/** Any failure, classified and put in words (without naming what was being done). */
export function explainFailure(thrown: unknown, context: FailureContext = {}): FailureExplanation {
  const error = unwrapFailure(thrown);
  if (error instanceof UserFacingError) return explained(error);
  if (error instanceof GraphError) {
    // A token failure the SDK wrapped itself: its original's name lands in `code`.
    if (error.statusCode <= 0 && error.code === 'UserFacingError')
      return explained(new UserFacingError('refused', error.message));
    return fromGraph(error, context);
  }
  if (isRestError(error)) return fromArm(error, context);
  if (isArmAnswer(error)) {
    return answered(
      'Azure Resource Manager',
      error.statusCode,
      str(error.code),
      error.message,
      error.requestId ?? null,
      undefined,
      context,
    );
  }
  if (isMsalError(error)) return fromMsal(error);
  if (isAbort(error)) return cancelled(null);
  if (isTimeout(error)) return offline('the Microsoft cloud', 'it took too long to answer');
  if (isFetchFailure(error)) {
    const code = networkCode(error);
    return offline(
      'the Microsoft cloud',
      code ? (NETWORK_CODES[code] ?? 'the connection dropped') : 'the connection dropped',
    );
  }
  const local = str(record(error)?.code);
  if (local !== null && local in LOCAL_CODES && str(record(error)?.syscall) !== null) {
    return {
      kind: 'local',
      code: 'unavailable',
      service: null,
      status: null,
      serviceCode: local,
      requestId: null,
      retryAfterSeconds: null,
      happened: LOCAL_CODES[local]?.[0] ?? 'This computer refused',
      next: LOCAL_CODES[local]?.[1] ?? PERMISSIONS,
      support: `${local} ${str(record(error)?.syscall) ?? ''} ${str(record(error)?.path) ?? ''}`.trim(),
    };
  }
  return {
    kind: 'bug',
    code: 'internal',
    service: null,
    status: null,
    serviceCode: null,
    requestId: null,
    retryAfterSeconds: null,
    happened: 'Switchboard itself went wrong (a fault in the app, not in your connection or at Microsoft)',
    next: 'Try again. If it happens again, send the log file to support: it has the details.',
    support: null,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Reading your partner security groups failed. " (empty when the command has no purpose). */
export function failedHead(context: FailureContext = {}): string {
  return context.doing ? `${capitalize(context.doing)} failed. ` : '';
}

/**
 * The sentence for a person: "Reading your partner security groups failed. No answer from Microsoft
 * Graph (the connection dropped). Check your internet connection … (For support: …)".
 */
export function failureSentence(explanation: FailureExplanation, context: FailureContext = {}): string {
  const next = explanation.next ? ` ${explanation.next}` : '';
  const support = explanation.support ? ` (For support: ${explanation.support}.)` : '';
  return `${failedHead(context)}${capitalize(explanation.happened)}.${next}${support}`;
}

/** The failure in words without naming what was being done (the caller names it: a bulk step, a customer). */
export function describeFailure(error: unknown, context: Omit<FailureContext, 'doing'> = {}): string {
  const failure = unwrapFailure(error);
  if (failure instanceof UserFacingError) return failure.message;
  return failureSentence(explainFailure(failure, context));
}

/**
 * A cloud failure a call site has put in context (what it means for the change it sent, for the
 * directory it kept); the dispatcher adds what the command was doing in front of it.
 */
export class CloudFailure extends UserFacingError {
  constructor(
    readonly explanation: FailureExplanation,
    message: string,
  ) {
    super(explanation.code, message);
    this.name = 'CloudFailure';
  }
}

/** A short line for the log (no stack): kind, service, status, code and request-id. */
export function logLine(explanation: FailureExplanation, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return `${explanation.kind}: ${explanation.support ?? explanation.happened} (${raw.replace(/\s+/g, ' ').slice(0, 200)})`;
}
