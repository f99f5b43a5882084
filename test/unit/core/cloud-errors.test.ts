import { RestError } from '@azure/core-rest-pipeline';
import {
  ClientAuthError,
  ClientConfigurationError,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-node';
import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type CommandName } from '../../../shared/contract/contract';
import {
  CloudFailure,
  describeFailure,
  explainFailure,
  failureSentence,
} from '../../../main/core/platform/cloud-errors';
import { GROUP_MEMBERS_WRITE, purposeOf } from '../../../main/core/platform/command-purposes';
import { dispatch, type Handlers } from '../../../main/core/platform/dispatcher';
import { UserFacingError } from '../../../main/core/platform/errors';
import { ArmError } from '../../../main/core/azure-access/arm-session';
import {
  createGraphClient,
  graphGet,
  judgeGraphOutcome,
} from '../../../main/core/platform/graph/graph-client';
import { sandboxCloud } from '../../../shared/platform/cloud-profile';
import { z } from 'zod';

/** A Graph error as the SDK builds it from Graph's answer (GraphErrorHandler.constructErrorFromResponse). */
function graphAnswer(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  const error = new GraphError(status, message);
  error.code = code;
  error.requestId = 'a1b2c3d4-0000-4000-8000-000000000001';
  error.headers = new Headers(headers);
  return error;
}

/** What the SDK throws when fetch itself fails (GraphErrorHandler.constructError: status -1, the name as code). */
function graphNoAnswer(message = 'fetch failed') {
  const error = new GraphError(-1, '', new TypeError(message));
  error.code = 'TypeError';
  return error;
}

/** undici's own failure: a TypeError whose cause carries the socket's code. */
function fetchFailed(code: string) {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code }) });
}

const GROUPS = purposeOf('gdap.partnerGroups');
const RELATIONSHIP_ID = '11111111-2222-4333-8444-555555555555-66666666-7777-4888-9999-000000000000';
const INPUTS: Partial<Record<CommandName, unknown>> = {
  'gdap.partnerGroups': { search: '' },
  'gdap.approvalRequest': { relationshipId: RELATIONSHIP_ID },
  'gdap.terminate': { relationshipId: RELATIONSHIP_ID, etag: 'W/"1"', confirmName: 'Contoso' },
};

describe('one translation of cloud failures', () => {
  it('no answer from Graph (reset, timeout, DNS) says the service, that nothing came back, and to check the connection', () => {
    for (const [label, error] of [
      ['SDK status -1', graphNoAnswer()],
      ['socket hang up', graphNoAnswer('socket hang up')],
      ['ECONNRESET', fetchFailed('ECONNRESET')],
      ['UND_ERR_SOCKET', fetchFailed('UND_ERR_SOCKET')],
      ['ETIMEDOUT', fetchFailed('ETIMEDOUT')],
      ['ENOTFOUND', fetchFailed('ENOTFOUND')],
      ['timeout signal', new DOMException('The operation was aborted due to timeout', 'TimeoutError')],
    ] as const) {
      const e = explainFailure(error, GROUPS);
      expect(e.kind, label).toBe('offline');
      expect(e.code, label).toBe('unavailable');
      const sentence = failureSentence(e, GROUPS);
      expect(sentence, label).toMatch(
        /^Reading your partner security groups failed\. No answer from (Microsoft Graph|the Microsoft cloud) \(.+\)\. Check your internet connection/,
      );
      expect(sentence, label).not.toMatch(/internal|unexpected|fetch failed|TypeError/i);
    }
    // A success status whose body broke off: the SDK keeps the status; still no usable answer.
    const cut = new GraphError(200, 'terminated');
    cut.code = 'TypeError';
    expect(failureSentence(explainFailure(cut))).toMatch(
      /^No answer from Microsoft Graph \(its answer was cut off/,
    );
    expect(judgeGraphOutcome({ ok: false, error: cut })).toMatchObject({ retry: true });
    // The SDK's failure names Graph; a bare fetch failure does not claim a service it cannot know.
    expect(explainFailure(graphNoAnswer()).service).toBe('Microsoft Graph');
    expect(explainFailure(fetchFailed('ECONNRESET')).service).toBe('the Microsoft cloud');
    expect(failureSentence(explainFailure(fetchFailed('ETIMEDOUT')))).toContain('it took too long to answer');
    expect(failureSentence(explainFailure(fetchFailed('ENOTFOUND')))).toContain('could not be found');
    expect(failureSentence(explainFailure(fetchFailed('ECONNRESET')))).toContain('cut off');
  });

  it('each Graph status gets its own code and next step, with status, Graph code and request-id for support', () => {
    const cases: Array<[number, string, string, RegExp]> = [
      [401, 'InvalidAuthenticationToken', 'refused', /sign in again/],
      [403, 'Authorization_RequestDenied', 'refused', /GroupMember\.Read\.All.*Global Administrator/],
      [404, 'Request_ResourceNotFound', 'not_found', /Sync the directory/],
      [409, 'Conflict', 'conflict', /current state/],
      [412, 'PreconditionFailed', 'conflict', /changed since you loaded it/],
      [400, 'BadRequest', 'refused', /refused the request \(400\)/],
      [408, 'RequestTimeout', 'unavailable', /gave up waiting.*Check your internet connection/],
      [500, 'InternalServerError', 'unavailable', /Microsoft's side \(error 500\).*not caused by you/],
      [502, 'BadGateway', 'unavailable', /Microsoft's side/],
    ];
    for (const [status, code, errorCode, next] of cases) {
      const e = explainFailure(graphAnswer(status, code, 'Graph says no.'), GROUPS);
      const sentence = failureSentence(e, GROUPS);
      expect(e.code, String(status)).toBe(errorCode);
      expect(e.kind, String(status)).toBe('answered');
      expect(sentence, String(status)).toMatch(next);
      expect(sentence, String(status)).toMatch(
        /^Reading your partner security groups failed\. Microsoft Graph/,
      );
      expect(sentence, String(status)).toContain(
        `(For support: Microsoft Graph answered ${status} ${code}, request-id a1b2c3d4-0000-4000-8000-000000000001.)`,
      );
    }
  });

  it('a 403 says whom to ask where someone else must act (a group only its managers or owner may change)', () => {
    const sentence = describeFailure(
      graphAnswer(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      GROUP_MEMBERS_WRITE,
    );
    expect(sentence).toMatch(
      /^Microsoft Graph refused: .*\. This needs the Groups Administrator or User Administrator role in your partner tenant, or ownership of the group, besides the GroupMember\.ReadWrite\.All permission .*\. Ask a Groups Administrator of your partner tenant, or the group’s owner, to remove the membership .* then apply again\. \(For support: Microsoft Graph answered 403 Authorization_RequestDenied, request-id /,
    );
    expect(sentence).not.toContain('Global Administrator to grant it');
  });

  it('429 and 503 say how long to wait, from Retry-After', () => {
    for (const [seconds, status] of [
      ['7', 429],
      ['42', 429],
      ['120', 503],
    ] as const) {
      const e = explainFailure(
        graphAnswer(status, 'TooManyRequests', 'Too many requests.', { 'Retry-After': seconds }),
      );
      expect(e.code).toBe('unavailable');
      expect(e.retryAfterSeconds).toBe(Number(seconds));
      expect(failureSentence(e)).toContain(`Try again in ${seconds} seconds.`);
    }
    // Without Retry-After a throttled read still says when.
    expect(failureSentence(explainFailure(graphAnswer(429, 'TooManyRequests', 'x')))).toMatch(
      /Try again in \d+ seconds/,
    );
  });

  it('the request-id comes from the header when Graph’s body has none', () => {
    const error = graphAnswer(403, 'Forbidden', 'No.', { 'request-id': 'from-header-1' });
    error.requestId = null;
    expect(explainFailure(error).support).toBe(
      'Microsoft Graph answered 403 Forbidden, request-id from-header-1',
    );
  });

  it('Azure Resource Manager: the RestError’s status, code and x-ms-request-id; a send error is no answer', () => {
    const forbidden = new RestError('The client does not have authorization', {
      statusCode: 403,
      code: 'AuthorizationFailed',
      response: {
        status: 403,
        headers: { get: (n: string) => (n === 'x-ms-request-id' ? 'arm-req-9' : undefined) },
      } as never,
    });
    const e = explainFailure(forbidden);
    expect(e).toMatchObject({ service: 'Azure Resource Manager', code: 'refused', requestId: 'arm-req-9' });
    expect(failureSentence(e)).toContain(
      'Azure Resource Manager answered 403 AuthorizationFailed, request-id arm-req-9',
    );
    const correlation = new RestError('Busy', {
      statusCode: 503,
      code: 'ServiceUnavailable',
      response: {
        status: 503,
        headers: { get: (n: string) => (n === 'x-ms-correlation-request-id' ? 'corr-1' : undefined) },
      } as never,
    });
    expect(explainFailure(correlation)).toMatchObject({ code: 'unavailable', requestId: 'corr-1' });
    // Copilot in Azure access reads ARM's answer into its own ArmError first: the same words.
    const read = explainFailure(new ArmError(403, 'AuthorizationFailed', 'No access.', 'arm-req-7'));
    expect(read).toMatchObject({ kind: 'answered', code: 'refused', service: 'Azure Resource Manager' });
    expect(failureSentence(read)).toContain(
      'Azure Resource Manager answered 403 AuthorizationFailed, request-id arm-req-7',
    );
    expect(explainFailure(new ArmError(404, 'RoleAssignmentNotFound', 'Gone.', null)).code).toBe('not_found');
    const send = new RestError('read ECONNRESET', { code: RestError.REQUEST_SEND_ERROR });
    expect(failureSentence(explainFailure(send))).toMatch(/^No answer from Azure Resource Manager/);
  });

  it('MSAL: interaction required says sign in again; its network failure is no answer from sign-in', () => {
    const again = explainFailure(
      new InteractionRequiredAuthError('interaction_required', 'AADSTS50076: MFA.'),
    );
    expect(again).toMatchObject({ kind: 'sign-in', code: 'refused' });
    expect(failureSentence(again)).toMatch(/sign in again/);
    const consent = explainFailure(new InteractionRequiredAuthError('consent_required', 'AADSTS65001'));
    expect(failureSentence(consent)).toMatch(/sign in again/);
    const offline = explainFailure(new ClientAuthError('network_error', 'Network request failed'));
    expect(offline).toMatchObject({ kind: 'offline', service: 'Microsoft Entra sign-in' });
    const refused = explainFailure(
      new ServerError('invalid_client', 'AADSTS7000215: Invalid client secret.'),
    );
    expect(refused).toMatchObject({ kind: 'sign-in', code: 'refused' });
    expect(failureSentence(refused)).toContain('AADSTS7000215');
    const setup = explainFailure(new ClientConfigurationError('invalid_authority', 'bad authority'));
    expect(setup).toMatchObject({ kind: 'sign-in', code: 'refused' });
    expect(failureSentence(setup)).toContain('client ID');
  });

  it('a token failure the Graph client carried stays the sign-in failure, not "no answer from Graph"', () => {
    const inner = new UserFacingError(
      'refused',
      'pat must sign in again: the saved sign-in is no longer enough.',
    );
    const wrapped = Object.assign(new GraphClientError(inner.message), { cause: inner });
    expect(describeFailure(wrapped)).toBe(inner.message);
    expect(explainFailure(wrapped).code).toBe('refused');
  });

  it('through the real Graph client, a token failure is neither retried nor read as "no answer from Graph"', async () => {
    for (const failure of [
      new UserFacingError('refused', 'pat must sign in again: the saved sign-in is no longer enough.'),
      new InteractionRequiredAuthError('interaction_required', 'AADSTS50076: MFA needed.'),
    ]) {
      let asked = 0;
      const client = createGraphClient(sandboxCloud('https://127.0.0.1:9'), undefined, async () => {
        asked++;
        throw failure;
      });
      const thrown = await graphGet(client, '/groups', z.unknown()).catch((e: unknown) => e);
      expect(asked, failure.name).toBe(1);
      expect(judgeGraphOutcome({ ok: false, error: thrown })).toEqual({ retry: false });
      const e = explainFailure(thrown);
      expect(e.kind, failure.name).not.toBe('offline');
      expect(describeFailure(thrown), failure.name).not.toContain('No answer from Microsoft Graph');
      expect(describeFailure(thrown), failure.name).toMatch(/sign in again/i);
    }
    // A connection that dropped is still worth another try.
    expect(judgeGraphOutcome({ ok: false, error: graphNoAnswer() })).toMatchObject({ retry: true });
  });

  it('a cancel is a cancel; a full disk is this computer; only our own TypeError is a bug', () => {
    expect(explainFailure(new DOMException('stopped', 'AbortError'))).toMatchObject({
      kind: 'cancelled',
      code: 'refused',
    });
    const disk = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: '/data/x.json',
    });
    expect(explainFailure(disk)).toMatchObject({ kind: 'local', code: 'unavailable' });
    expect(failureSentence(explainFailure(disk))).toMatch(/^The disk is full\. Free up space/);
    const locked = Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY', syscall: 'rename' });
    expect(failureSentence(explainFailure(locked))).toMatch(/in use by another program\. Close/);
    for (const bug of [
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new RangeError('Invalid array length'),
      new Error('invariant broken'),
      'a thrown string',
    ]) {
      const e = explainFailure(bug, GROUPS);
      expect(e.kind).toBe('bug');
      expect(e.code).toBe('internal');
      const sentence = failureSentence(e, GROUPS);
      expect(sentence).toMatch(
        /^Reading your partner security groups failed\. Switchboard itself went wrong/,
      );
      expect(sentence).not.toMatch(/internal|unexpected problem|Cannot read|undefined/);
    }
  });
});

describe('the dispatcher translates every thrown error once', () => {
  function run(name: CommandName, error: unknown) {
    const logged = { errors: [] as string[], warnings: [] as string[] };
    const handlers = new Proxy({} as Handlers, {
      get: () => () => {
        throw error;
      },
    });
    return dispatch(handlers, name, INPUTS[name] ?? {}, {
      error: (m) => logged.errors.push(m),
      warn: (m) => logged.warnings.push(m),
    }).then((result) => ({ result, logged }));
  }

  it('a reset on partner groups answers a sentence naming what failed, logged as a warning, not a crash', async () => {
    const { result, logged } = await run('gdap.partnerGroups', graphNoAnswer());
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const message = (result as { error: { message: string } }).error.message;
    expect(message).toMatch(/^Reading your partner security groups failed\. No answer from Microsoft Graph/);
    expect(message).not.toMatch(/internal|unexpected problem/i);
    expect(logged.errors).toEqual([]);
    expect(logged.warnings).toHaveLength(1);
    expect(logged.warnings[0]).toMatch(/^Command gdap\.partnerGroups failed: offline/);
    expect(logged.warnings[0]).not.toContain('\n    at ');
  });

  it('a bug is logged as a crash and answered without jargon', async () => {
    const { result, logged } = await run('directory.sync', new TypeError('x is not a function'));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const message = (result as { error: { message: string } }).error.message;
    expect(message).toMatch(/^Syncing your customers from Microsoft failed\. Switchboard itself went wrong/);
    expect(message).not.toMatch(/internal|unexpected problem|not a function/i);
    expect(logged.errors).toEqual(['Command directory.sync failed']);
  });

  it('a call site’s own words pass through; a CloudFailure is prefixed with what the command was doing', async () => {
    const own = await run(
      'gdap.approvalRequest',
      new UserFacingError('refused', '"X" is active; only a draft can be locked.'),
    );
    expect(own.result).toEqual({
      ok: false,
      error: { code: 'refused', message: '"X" is active; only a draft can be locked.' },
    });
    const e = explainFailure(graphNoAnswer());
    const cloud = await run(
      'gdap.terminate',
      new CloudFailure(e, 'No answer. The change may or may not have been made.'),
    );
    expect(cloud.result).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'Terminating the relationship failed. No answer. The change may or may not have been made.',
      },
    });
    expect(cloud.logged.warnings).toHaveLength(1);
  });

  it('every command has a purpose in words', () => {
    for (const name of COMMAND_NAMES) {
      expect(purposeOf(name).doing, name).toMatch(/^[a-z].{5,}[a-z]$/);
    }
  });
});
