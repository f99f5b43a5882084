/**
 * What every GDAP route of the sandbox shares: Graph's authorization for the GDAP API (a partner
 * token with the scope; Admin agents only for writes), If-Match checks, lookups and the JSON shapes.
 */
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { hasPermission, type AccessClaims } from '../../identity/token-service';
import type { AccessAssignment, Relationship } from '../../state/model';
import { etagOf } from '../odata';
import { type Check } from './rules';

export const BASE = '/graph/v1.0/tenantRelationships';
export const PAGE = { defaultTop: 300, maxTop: 300 };
/** Partner Center's own groups may not be the target of an access assignment. */
export const RESERVED_GROUPS = new Set(['adminagents', 'helpdeskagents', 'salesagents']);

export type GdapKit = ReturnType<typeof gdapKit>;

export function gdapKit(ctx: SandboxContext) {
  const { state } = ctx;
  const now = () => ctx.clock.now().toISOString();

  /** Graph's checks for the GDAP API: a partner-tenant token with the scope (and Admin agent for writes). */
  function authorize(
    req: SandboxRequest,
    write: boolean,
  ): { ok: true; claims: AccessClaims } | { ok: false; response: SandboxResponse } {
    const auth = ctx.tokens.requireGraph(req);
    if (!auth.ok) return auth;
    const claims = auth.claims;
    const scopes = write
      ? ['DelegatedAdminRelationship.ReadWrite.All']
      : ['DelegatedAdminRelationship.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'];
    const forbidden = (message: string) => ({
      ok: false as const,
      response: graphError(req, 403, 'Forbidden', message),
    });
    if (claims.tid !== state.partnerTenantId) {
      return forbidden(
        'The tenant of the token is not a partner tenant: delegated admin relationships are managed from the partner tenant.',
      );
    }
    if (!hasPermission(claims, ...scopes)) {
      return forbidden(`Missing permission: the token needs ${scopes.join(' or ')}.`);
    }
    if (write && claims.idtyp === 'user') {
      const agent = state
        .transitiveGroupsOf(claims.oid)
        .some((g) => g.tenantId === state.partnerTenantId && g.displayName === 'AdminAgents');
      if (!agent) {
        return forbidden(
          'The user (principal) does not have the required permissions to perform the specified action on the resource. Only Admin agents (AdminAgents) may manage GDAP.',
        );
      }
    }
    return { ok: true, claims };
  }

  function fail(req: SandboxRequest, check: Check): SandboxResponse {
    return check.ok ? { status: 500 } : graphError(req, check.status, check.code, check.message);
  }

  function findRelationship(id: string | undefined): Relationship | undefined {
    state.advance();
    return state.data.relationships.find((r) => r.id === id && r.partnerTenantId === state.partnerTenantId);
  }

  function notFound(req: SandboxRequest, what: string, id: string | undefined): SandboxResponse {
    return graphError(req, 404, 'NotFound', `The ${what} '${id ?? ''}' was not found.`);
  }

  /** If-Match is required on updates and deletes (GDAP docs); a stale ETag is 412. */
  function checkIfMatch(req: SandboxRequest, etag: string): SandboxResponse | undefined {
    const ifMatch = req.header('if-match');
    // UNCONFIRMED: Graph's status for a missing If-Match on these APIs; we answer 400, the conservative
    // reading (the request is refused either way).
    if (!ifMatch)
      return graphError(
        req,
        400,
        'BadRequest',
        'The If-Match header is required. Send the @odata.etag of the resource you read.',
      );
    if (ifMatch !== '*' && ifMatch !== etag) {
      return graphError(
        req,
        412,
        'PreconditionFailed',
        'The resource has changed since it was read (ETag mismatch). Read it again and retry.',
      );
    }
    return undefined;
  }

  const relationshipJson = (r: Relationship) => ({
    '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
    '@odata.etag': etagOf(r.id, r.version),
    id: r.id,
    displayName: r.displayName,
    duration: r.duration,
    customer: r.customer,
    accessDetails: r.accessDetails,
    status: r.status,
    autoExtendDuration: r.autoExtendDuration,
    createdDateTime: r.createdDateTime,
    lastModifiedDateTime: r.lastModifiedDateTime,
    activatedDateTime: r.activatedDateTime,
    endDateTime: r.endDateTime,
  });

  const assignmentJson = (a: AccessAssignment) => ({
    '@odata.etag': etagOf(a.id, a.version),
    id: a.id,
    status: a.status,
    accessContainer: a.accessContainer,
    accessDetails: a.accessDetails,
    createdDateTime: a.createdDateTime,
    lastModifiedDateTime: a.lastModifiedDateTime,
  });

  return { now, authorize, fail, findRelationship, notFound, checkIfMatch, relationshipJson, assignmentJson };
}
