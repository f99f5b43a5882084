/**
 * What every GDAP route of the sandbox shares: Graph's authorization for the GDAP API (a partner
 * token with the scope; Admin agents only for writes), If-Match checks, lookups and the JSON shapes.
 * The GDAP APIs answer errors with camelCase codes (`badRequest`, `notFound`), and a relationship ID
 * that is not of the form `{guid}-{guid}` is a 400, not a 404 (docs/microsoft-cloud.md 1.5).
 */
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { hasPermission, type AccessClaims } from '../../identity/token-service';
import type {
  AccessAssignment,
  Relationship,
  RelationshipOperation,
  RelationshipRequest,
} from '../../state/model';
import { etagOf, type EntityShape, type PageOptions } from '../odata';
import { type Check } from './rules';

export const BASE = '/graph/v1.0/tenantRelationships';
/** GDAP error codes, as the GDAP APIs send them (camelCase). */
export const CODES = {
  badRequest: 'badRequest',
  notFound: 'notFound',
  forbidden: 'forbidden',
  conflict: 'conflict',
  preconditionFailed: 'preconditionFailed',
} as const;
/** GDAP lists: `$top` up to 300; `$filter`, `$orderby`, `$count`, `$select` on the entity's properties. */
export function gdapPage(entity: EntityShape, extra: Partial<PageOptions> = {}): PageOptions {
  return {
    defaultTop: 300,
    maxTop: 300,
    entity,
    orderby: true,
    count: true,
    badRequestCode: CODES.badRequest,
    ...extra,
  };
}
const graphType = (name: string, properties: ReadonlyArray<string>): EntityShape => ({
  type: `microsoft.graph.${name}`,
  properties: ['id', ...properties],
});
export const ENTITIES = {
  relationship: graphType('delegatedAdminRelationship', [
    'displayName',
    'duration',
    'customer',
    'customer/tenantId',
    'customer/displayName',
    'accessDetails',
    'accessDetails/unifiedRoles',
    'status',
    'autoExtendDuration',
    'createdDateTime',
    'lastModifiedDateTime',
    'activatedDateTime',
    'endDateTime',
  ]),
  assignment: graphType('delegatedAdminAccessAssignment', [
    'status',
    'accessContainer',
    'accessContainer/accessContainerId',
    'accessContainer/accessContainerType',
    'accessDetails',
    'accessDetails/unifiedRoles',
    'createdDateTime',
    'lastModifiedDateTime',
  ]),
  request: graphType('delegatedAdminRelationshipRequest', [
    'action',
    'status',
    'createdDateTime',
    'lastModifiedDateTime',
  ]),
  operation: graphType('delegatedAdminRelationshipOperation', [
    'operationType',
    'data',
    'status',
    'createdDateTime',
    'lastModifiedDateTime',
  ]),
  customer: graphType('delegatedAdminCustomer', ['tenantId', 'displayName']),
};
/** A relationship ID is two GUIDs joined by a hyphen (`{guid}-{guid}`). */
const RELATIONSHIP_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
      response: graphError(req, 403, CODES.forbidden, message),
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

  /**
   * The answer for a relationship (or something under it) that cannot be found: a malformed
   * relationship ID is a 400 (Graph: "The passed in delegatedAdminRelationshipId is invalid."), a
   * well-formed one that is not the partner's a 404.
   */
  function notFound(req: SandboxRequest, what: string, id: string | undefined): SandboxResponse {
    const relationshipId = /\/delegatedAdminRelationships\//i.test(req.url.pathname)
      ? req.params.id
      : undefined;
    if (relationshipId !== undefined && !RELATIONSHIP_ID.test(relationshipId)) {
      return graphError(req, 400, CODES.badRequest, 'The passed in delegatedAdminRelationshipId is invalid.');
    }
    return graphError(req, 404, CODES.notFound, `The ${what} '${id ?? ''}' was not found.`);
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
        CODES.badRequest,
        'The If-Match header is required. Send the @odata.etag of the resource you read.',
      );
    if (ifMatch !== '*' && ifMatch !== etag) {
      return graphError(
        req,
        412,
        CODES.preconditionFailed,
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

  /**
   * Graph's evolvable enums: members added after `unknownFutureValue` (a request's `reject`, an
   * operation's `delegatedAdminRelationshipUpdate`) are sent only to a caller that asks with
   * `Prefer: include-unknown-enum-members`; others read `unknownFutureValue`.
   */
  function wantsUnknownEnumMembers(req: SandboxRequest): boolean {
    return (req.header('prefer') ?? '')
      .split(',')
      .some((p) => p.trim().toLowerCase() === 'include-unknown-enum-members');
  }

  const requestJson = (req: SandboxRequest, q: RelationshipRequest) => ({
    '@odata.type': '#microsoft.graph.delegatedAdminRelationshipRequest',
    id: q.id,
    action: q.action === 'reject' && !wantsUnknownEnumMembers(req) ? 'unknownFutureValue' : q.action,
    status: q.status,
    createdDateTime: q.createdDateTime,
    lastModifiedDateTime: q.lastModifiedDateTime,
  });

  const operationJson = (req: SandboxRequest, o: RelationshipOperation) => ({
    '@odata.type': '#microsoft.graph.delegatedAdminRelationshipOperation',
    '@odata.etag': etagOf(o.id, o.status.length),
    id: o.id,
    operationType:
      o.operationType === 'delegatedAdminRelationshipUpdate' && !wantsUnknownEnumMembers(req)
        ? 'unknownFutureValue'
        : o.operationType,
    data: o.data,
    status: o.status,
    createdDateTime: o.createdDateTime,
    lastModifiedDateTime: o.lastModifiedDateTime,
  });

  return {
    now,
    authorize,
    fail,
    findRelationship,
    notFound,
    checkIfMatch,
    relationshipJson,
    assignmentJson,
    requestJson,
    operationJson,
    wantsUnknownEnumMembers,
  };
}
