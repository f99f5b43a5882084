/**
 * Graph v1.0 `tenantRelationships` for the partner: relationships (create, list, get, update,
 * delete), their requests (lockForApproval, terminate), access assignments (202 operations on
 * update), operations, delegatedAdminCustomers and their service management details.
 */
import { ACCESS_GRANTING_STATUSES, GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../../shared/gdap';
import { isGuid } from '../../../../shared/tenant-id';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { hasPermission, newId, type AccessClaims } from '../../identity/token-service';
import type { AccessAssignment, Relationship } from '../../state/model';
import { etagOf, pageOf } from '../odata';
import { checkAutoExtend, checkDisplayName, checkDuration, checkRoles, type Check } from './rules';

const BASE = '/graph/v1.0/tenantRelationships';
const PAGE = { defaultTop: 300, maxTop: 300 };
/** Partner Center's own groups may not be the target of an access assignment. */
const RESERVED_GROUPS = new Set(['adminagents', 'helpdeskagents', 'salesagents']);

export function registerGdapRoutes(router: Router, ctx: SandboxContext): void {
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

  // --- relationships ------------------------------------------------------------------------------
  router.get(`${BASE}/delegatedAdminRelationships`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    state.advance();
    return pageOf(
      req,
      state.data.relationships.map(relationshipJson),
      `${ctx.baseUrl}/graph/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships`,
      PAGE,
    );
  });

  router.post(`${BASE}/delegatedAdminRelationships`, (req) => {
    const auth = authorize(req, true);
    if (!auth.ok) return auth.response;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const allowed = new Set([
      'displayName',
      'duration',
      'customer',
      'accessDetails',
      'autoExtendDuration',
      '@odata.type',
    ]);
    const extra = Object.keys(body).find((k) => !allowed.has(k));
    if (extra)
      return graphError(
        req,
        400,
        'BadRequest',
        `The property '${extra}' cannot be set when creating a relationship.`,
      );
    const roles = (body.accessDetails as { unifiedRoles?: unknown } | undefined)?.unifiedRoles;
    for (const check of [
      checkDisplayName(state, body.displayName),
      checkDuration(body.duration),
      checkRoles(roles),
    ]) {
      if (!check.ok) return fail(req, check);
    }
    const unifiedRoles = (roles as Array<{ roleDefinitionId: string }>).map((r) => ({
      roleDefinitionId: r.roleDefinitionId.toLowerCase(),
    }));
    const auto = checkAutoExtend(body.autoExtendDuration, unifiedRoles);
    if (!auto.ok) return fail(req, auto);
    let customer: Relationship['customer'] = null;
    if (body.customer !== undefined && body.customer !== null) {
      const tenantId = (body.customer as { tenantId?: unknown }).tenantId;
      const tenant = typeof tenantId === 'string' && isGuid(tenantId) ? state.tenant(tenantId) : undefined;
      if (!tenant || tenant.kind !== 'customer') {
        return graphError(req, 400, 'BadRequest', `The customer tenant '${String(tenantId)}' is not valid.`);
      }
      customer = { tenantId: tenant.id, displayName: tenant.displayName };
    }
    const at = now();
    const relationship: Relationship = {
      id: `${newId()}-${newId()}`,
      partnerTenantId: state.partnerTenantId,
      displayName: body.displayName as string,
      duration: body.duration as string,
      customer,
      accessDetails: { unifiedRoles },
      autoExtendDuration: (body.autoExtendDuration as string | undefined) ?? 'PT0S',
      status: 'created',
      createdDateTime: at,
      lastModifiedDateTime: at,
      activatedDateTime: null,
      endDateTime: null,
      version: 1,
      approvedDateTime: null,
      lockedDateTime: null,
      terminationRequestedDateTime: null,
      requests: [],
    };
    state.data.relationships.push(relationship);
    ctx.changed();
    return {
      status: 201,
      headers: { location: `${ctx.baseUrl}${BASE}/delegatedAdminRelationships/${relationship.id}` },
      json: {
        '@odata.context': `${ctx.baseUrl}/graph/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships/$entity`,
        ...relationshipJson(relationship),
      },
    };
  });

  router.get(`${BASE}/delegatedAdminRelationships/:id`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    return {
      status: 200,
      json: {
        '@odata.context': `${ctx.baseUrl}/graph/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships/$entity`,
        ...relationshipJson(r),
      },
    };
  });

  router.patch(`${BASE}/delegatedAdminRelationships/:id`, (req) => {
    const auth = authorize(req, true);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    const stale = checkIfMatch(req, etagOf(r.id, r.version));
    if (stale) return stale;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fields = Object.keys(body).filter((k) => !k.startsWith('@odata.'));
    if (r.status === 'created') {
      const allowed = new Set(['displayName', 'duration', 'customer', 'accessDetails', 'autoExtendDuration']);
      const extra = fields.find((k) => !allowed.has(k));
      if (extra) return graphError(req, 400, 'BadRequest', `The property '${extra}' cannot be changed.`);
      const roles =
        body.accessDetails === undefined
          ? r.accessDetails.unifiedRoles
          : (body.accessDetails as { unifiedRoles?: unknown }).unifiedRoles;
      const checks = [
        body.displayName === undefined
          ? ({ ok: true } as Check)
          : checkDisplayName(state, body.displayName, r.id),
        body.duration === undefined ? ({ ok: true } as Check) : checkDuration(body.duration),
        checkRoles(roles),
      ];
      for (const c of checks) if (!c.ok) return fail(req, c);
      const unifiedRoles = (roles as Array<{ roleDefinitionId: string }>).map((x) => ({
        roleDefinitionId: x.roleDefinitionId.toLowerCase(),
      }));
      const auto = checkAutoExtend(body.autoExtendDuration ?? r.autoExtendDuration, unifiedRoles);
      if (!auto.ok) return fail(req, auto);
      if (body.customer !== undefined) {
        const tenantId = (body.customer as { tenantId?: unknown } | null)?.tenantId;
        const tenant = typeof tenantId === 'string' ? state.tenant(tenantId) : undefined;
        if (body.customer !== null && (!tenant || tenant.kind !== 'customer')) {
          return graphError(
            req,
            400,
            'BadRequest',
            `The customer tenant '${String(tenantId)}' is not valid.`,
          );
        }
        r.customer = tenant ? { tenantId: tenant.id, displayName: tenant.displayName } : null;
      }
      if (body.displayName !== undefined) r.displayName = body.displayName as string;
      if (body.duration !== undefined) r.duration = body.duration as string;
      r.accessDetails = { unifiedRoles };
      if (body.autoExtendDuration !== undefined) r.autoExtendDuration = body.autoExtendDuration as string;
    } else if (ACCESS_GRANTING_STATUSES.has(r.status)) {
      // In active: only auto-extend, and removing Global Administrator (microsoft-cloud.md, gotcha 1).
      const extra = fields.find((k) => k !== 'autoExtendDuration' && k !== 'accessDetails');
      if (extra)
        return graphError(
          req,
          400,
          'BadRequest',
          `The property '${extra}' cannot be changed while the relationship is ${r.status}.`,
        );
      let roles = r.accessDetails.unifiedRoles;
      if (body.accessDetails !== undefined) {
        const wanted = (
          (body.accessDetails as { unifiedRoles?: Array<{ roleDefinitionId: string }> }).unifiedRoles ?? []
        ).map((x) => x.roleDefinitionId.toLowerCase());
        const current = roles.map((x) => x.roleDefinitionId);
        const removed = current.filter((id) => !wanted.includes(id));
        const added = wanted.filter((id) => !current.includes(id));
        if (added.length > 0 || removed.some((id) => id !== GLOBAL_ADMINISTRATOR_ROLE_ID)) {
          return graphError(
            req,
            400,
            'BadRequest',
            `Roles of an ${r.status} relationship cannot be changed, except removing Global Administrator.`,
          );
        }
        roles = roles.filter((x) => wanted.includes(x.roleDefinitionId));
      }
      const auto = checkAutoExtend(body.autoExtendDuration ?? r.autoExtendDuration, roles);
      if (!auto.ok) return fail(req, auto);
      r.accessDetails = { unifiedRoles: roles };
      if (body.autoExtendDuration !== undefined) r.autoExtendDuration = body.autoExtendDuration as string;
    } else {
      return graphError(req, 400, 'BadRequest', `A relationship in status '${r.status}' cannot be changed.`);
    }
    r.version++;
    r.lastModifiedDateTime = now();
    ctx.changed();
    return { status: 200, json: relationshipJson(r) };
  });

  router.delete(`${BASE}/delegatedAdminRelationships/:id`, (req) => {
    const auth = authorize(req, true);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    const stale = checkIfMatch(req, etagOf(r.id, r.version));
    if (stale) return stale;
    if (r.status !== 'created') {
      return graphError(
        req,
        400,
        'BadRequest',
        `Only a relationship in status 'created' can be deleted; this one is '${r.status}'. Terminate it instead.`,
      );
    }
    state.data.relationships = state.data.relationships.filter((x) => x !== r);
    ctx.changed();
    return { status: 204 };
  });

  // --- requests -----------------------------------------------------------------------------------
  router.post(`${BASE}/delegatedAdminRelationships/:id/requests`, (req) => {
    const auth = authorize(req, true);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    const action = (req.body as { action?: unknown } | undefined)?.action;
    const at = now();
    if (action === 'lockForApproval') {
      if (r.status !== 'created')
        return graphError(
          req,
          400,
          'BadRequest',
          `lockForApproval needs a relationship in status 'created'; this one is '${r.status}'.`,
        );
      r.status = 'approvalPending';
      r.lockedDateTime = at;
    } else if (action === 'terminate') {
      if (!ACCESS_GRANTING_STATUSES.has(r.status))
        return graphError(
          req,
          400,
          'BadRequest',
          `terminate needs an active relationship; this one is '${r.status}'.`,
        );
      r.status = 'terminationRequested';
      r.terminationRequestedDateTime = at;
    } else {
      return graphError(
        req,
        400,
        'BadRequest',
        `The action must be 'lockForApproval' or 'terminate', not '${String(action)}'.`,
      );
    }
    const request = {
      id: newId(),
      action,
      status: action === 'lockForApproval' ? 'succeeded' : 'pending',
      createdDateTime: at,
      lastModifiedDateTime: at,
    } as Relationship['requests'][number];
    r.requests.push(request);
    r.version++;
    r.lastModifiedDateTime = at;
    ctx.changed();
    return {
      status: 201,
      headers: {
        location: `${ctx.baseUrl}${BASE}/delegatedAdminRelationships/${r.id}/requests/${request.id}`,
      },
      json: request,
    };
  });

  router.get(`${BASE}/delegatedAdminRelationships/:id/requests`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    return pageOf(req, r.requests, `${ctx.baseUrl}/graph/v1.0/$metadata#requests`, PAGE);
  });

  router.get(`${BASE}/delegatedAdminRelationships/:id/requests/:requestId`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const request = findRelationship(req.params.id)?.requests.find((q) => q.id === req.params.requestId);
    return request
      ? { status: 200, json: request }
      : notFound(req, 'delegatedAdminRelationshipRequest', req.params.requestId);
  });

  // --- access assignments --------------------------------------------------------------------------
  const assignmentsOf = (r: Relationship) =>
    state.data.accessAssignments.filter((a) => a.relationshipId === r.id && a.status !== 'deleted');

  function checkAssignmentRoles(
    req: SandboxRequest,
    r: Relationship,
    roles: unknown,
  ): SandboxResponse | undefined {
    const check = checkRoles(roles);
    if (!check.ok) return fail(req, check);
    const allowed = new Set(r.accessDetails.unifiedRoles.map((x) => x.roleDefinitionId));
    const outside = (roles as Array<{ roleDefinitionId: string }>).find(
      (x) => !allowed.has(x.roleDefinitionId.toLowerCase()),
    );
    // UNCONFIRMED (microsoft-cloud.md 1.4): roles must be within the relationship's roles; we refuse others.
    if (outside)
      return graphError(
        req,
        400,
        'BadRequest',
        `The role '${outside.roleDefinitionId}' is not one of the relationship's roles.`,
      );
    return undefined;
  }

  router.get(`${BASE}/delegatedAdminRelationships/:id/accessAssignments`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    return pageOf(
      req,
      assignmentsOf(r).map(assignmentJson),
      `${ctx.baseUrl}/graph/v1.0/$metadata#accessAssignments`,
      PAGE,
    );
  });

  router.post(`${BASE}/delegatedAdminRelationships/:id/accessAssignments`, (req) => {
    const auth = authorize(req, true);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    if (!ACCESS_GRANTING_STATUSES.has(r.status)) {
      return graphError(
        req,
        400,
        'BadRequest',
        `Access assignments can be created once the relationship is active; this one is '${r.status}'.`,
      );
    }
    const body = (req.body ?? {}) as {
      accessContainer?: { accessContainerId?: unknown; accessContainerType?: unknown };
      accessDetails?: { unifiedRoles?: unknown };
    };
    const groupId = body.accessContainer?.accessContainerId;
    if (body.accessContainer?.accessContainerType !== 'securityGroup') {
      return graphError(
        req,
        400,
        'BadRequest',
        "accessContainer.accessContainerType must be 'securityGroup'.",
      );
    }
    const group = typeof groupId === 'string' ? state.group(groupId) : undefined;
    if (!group || group.tenantId !== state.partnerTenantId) {
      return graphError(
        req,
        400,
        'BadRequest',
        `The security group '${String(groupId)}' does not exist in the partner tenant.`,
      );
    }
    if (RESERVED_GROUPS.has(group.displayName.toLowerCase())) {
      return graphError(
        req,
        400,
        'BadRequest',
        `The ${group.displayName} group is reserved by Partner Center and cannot be assigned GDAP roles. Use a security group of your own.`,
      );
    }
    const roleProblem = checkAssignmentRoles(req, r, body.accessDetails?.unifiedRoles);
    if (roleProblem) return roleProblem;
    if (assignmentsOf(r).some((a) => a.accessContainer.accessContainerId === group.id)) {
      return graphError(
        req,
        409,
        'Conflict',
        `The group '${group.displayName}' already has an access assignment in this relationship. Update that one instead.`,
      );
    }
    const at = now();
    const assignment: AccessAssignment = {
      id: newId(),
      relationshipId: r.id,
      accessContainer: { accessContainerId: group.id, accessContainerType: 'securityGroup' },
      accessDetails: {
        unifiedRoles: (body.accessDetails?.unifiedRoles as Array<{ roleDefinitionId: string }>).map((x) => ({
          roleDefinitionId: x.roleDefinitionId.toLowerCase(),
        })),
      },
      status: 'pending',
      createdDateTime: at,
      lastModifiedDateTime: at,
      version: 1,
      settlesAt: new Date(ctx.clock.nowMs() + state.timings.assignmentDelayMs).toISOString(),
    };
    state.data.accessAssignments.push(assignment);
    ctx.changed();
    return {
      status: 201,
      headers: {
        location: `${ctx.baseUrl}${BASE}/delegatedAdminRelationships/${r.id}/accessAssignments/${assignment.id}`,
      },
      json: assignmentJson(assignment),
    };
  });

  function findAssignment(r: Relationship | undefined, id: string | undefined): AccessAssignment | undefined {
    return r ? assignmentsOf(r).find((a) => a.id === id) : undefined;
  }

  router.get(`${BASE}/delegatedAdminRelationships/:id/accessAssignments/:assignmentId`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const a = findAssignment(findRelationship(req.params.id), req.params.assignmentId);
    return a
      ? { status: 200, json: assignmentJson(a) }
      : notFound(req, 'delegatedAdminAccessAssignment', req.params.assignmentId);
  });

  router.patch(`${BASE}/delegatedAdminRelationships/:id/accessAssignments/:assignmentId`, (req) => {
    const auth = authorize(req, true);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    const a = findAssignment(r, req.params.assignmentId);
    if (!r || !a) return notFound(req, 'delegatedAdminAccessAssignment', req.params.assignmentId);
    const stale = checkIfMatch(req, etagOf(a.id, a.version));
    if (stale) return stale;
    const body = (req.body ?? {}) as { accessDetails?: { unifiedRoles?: unknown } };
    const extra = Object.keys(body).find((k) => k !== 'accessDetails' && !k.startsWith('@odata.'));
    if (extra)
      return graphError(req, 400, 'BadRequest', `Only accessDetails can be updated, not '${extra}'.`);
    const roleProblem = checkAssignmentRoles(req, r, body.accessDetails?.unifiedRoles);
    if (roleProblem) return roleProblem;
    const wanted = (body.accessDetails?.unifiedRoles as Array<{ roleDefinitionId: string }>)
      .map((x) => x.roleDefinitionId.toLowerCase())
      .sort();
    const current = a.accessDetails.unifiedRoles.map((x) => x.roleDefinitionId).sort();
    // Nothing differs: 200 with the unchanged object (microsoft-cloud.md 1.4).
    if (wanted.join() === current.join()) return { status: 200, json: assignmentJson(a) };
    const at = ctx.clock.nowMs();
    const completesAt = new Date(at + state.timings.assignmentDelayMs).toISOString();
    // UNCONFIRMED: when the new roles take effect; we apply them at once and keep the assignment
    // pending until the operation completes.
    a.accessDetails = { unifiedRoles: wanted.map((id) => ({ roleDefinitionId: id })) };
    a.status = 'pending';
    a.settlesAt = completesAt;
    a.version++;
    a.lastModifiedDateTime = new Date(at).toISOString();
    const operation = {
      id: newId(),
      relationshipId: r.id,
      operationType: 'delegatedAdminAccessAssignmentUpdate' as const,
      data: JSON.stringify({ accessAssignmentId: a.id, accessDetails: a.accessDetails }),
      status: 'notStarted' as const,
      createdDateTime: new Date(at).toISOString(),
      lastModifiedDateTime: new Date(at).toISOString(),
      completesAt,
    };
    state.data.operations.push(operation);
    ctx.changed();
    return {
      status: 202,
      headers: {
        location: `${ctx.baseUrl}${BASE}/delegatedAdminRelationships/${r.id}/operations/${operation.id}`,
        'retry-after': String(Math.max(1, Math.ceil(state.timings.assignmentDelayMs / 1000))),
      },
    };
  });

  router.delete(`${BASE}/delegatedAdminRelationships/:id/accessAssignments/:assignmentId`, (req) => {
    const auth = authorize(req, true);
    if (!auth.ok) return auth.response;
    const a = findAssignment(findRelationship(req.params.id), req.params.assignmentId);
    if (!a) return notFound(req, 'delegatedAdminAccessAssignment', req.params.assignmentId);
    const stale = checkIfMatch(req, etagOf(a.id, a.version));
    if (stale) return stale;
    a.status = 'deleting';
    a.settlesAt = new Date(ctx.clock.nowMs() + state.timings.assignmentDelayMs).toISOString();
    a.version++;
    ctx.changed();
    return { status: 204 };
  });

  // --- operations ---------------------------------------------------------------------------------
  const operationJson = (o: (typeof state.data.operations)[number]) => ({
    '@odata.etag': etagOf(o.id, o.status.length),
    id: o.id,
    operationType: o.operationType,
    data: o.data,
    status: o.status,
    createdDateTime: o.createdDateTime,
    lastModifiedDateTime: o.lastModifiedDateTime,
  });

  router.get(`${BASE}/delegatedAdminRelationships/:id/operations`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    return pageOf(
      req,
      state.data.operations.filter((o) => o.relationshipId === r.id).map(operationJson),
      `${ctx.baseUrl}/graph/v1.0/$metadata#operations`,
      PAGE,
    );
  });

  router.get(`${BASE}/delegatedAdminRelationships/:id/operations/:operationId`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    findRelationship(req.params.id);
    const o = state.data.operations.find(
      (x) => x.relationshipId === req.params.id && x.id === req.params.operationId,
    );
    return o
      ? { status: 200, json: operationJson(o) }
      : notFound(req, 'delegatedAdminRelationshipOperation', req.params.operationId);
  });

  // --- customers ----------------------------------------------------------------------------------
  /** A delegatedAdminCustomer exists while the customer has an active relationship (GDAP docs). */
  function customers() {
    state.advance();
    const tenants = new Map<string, string>();
    for (const r of state.data.relationships) {
      if (r.customer && ACCESS_GRANTING_STATUSES.has(r.status))
        tenants.set(r.customer.tenantId, r.customer.displayName);
    }
    return [...tenants.entries()].map(([tenantId, displayName]) => ({ id: tenantId, tenantId, displayName }));
  }

  router.get(`${BASE}/delegatedAdminCustomers`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    return pageOf(
      req,
      customers(),
      `${ctx.baseUrl}/graph/v1.0/$metadata#tenantRelationships/delegatedAdminCustomers`,
      PAGE,
    );
  });

  router.get(`${BASE}/delegatedAdminCustomers/:id`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const c = customers().find((x) => x.id === req.params.id);
    return c ? { status: 200, json: c } : notFound(req, 'delegatedAdminCustomer', req.params.id);
  });

  // findTenantInformationByTenantId(tenantId='{id}'): a tenant's public facts (name, default domain).
  // Any signed-in caller with CrossTenantInformation.ReadBasic.All may look up any tenant.
  router.get(`${BASE}/:fn`, (req) => {
    const m = /^findTenantInformationByTenantId\(tenantId='([^']*)'\)$/i.exec(req.params.fn ?? '');
    if (!m)
      return graphError(
        req,
        400,
        'BadRequest',
        `Resource not found for the segment '${req.params.fn ?? ''}'.`,
      );
    const a = ctx.tokens.requireGraph(req);
    if (!a.ok) return a.response;
    if (!hasPermission(a.claims, 'CrossTenantInformation.ReadBasic.All')) {
      return graphError(
        req,
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    }
    const tenant = isGuid(m[1] ?? '') ? state.tenant(m[1] as string) : undefined;
    if (!tenant)
      return graphError(req, 404, 'Request_ResourceNotFound', `Tenant '${m[1] ?? ''}' was not found.`);
    return {
      status: 200,
      json: {
        '@odata.context': `${ctx.baseUrl}/graph/v1.0/$metadata#microsoft.graph.tenantInformation`,
        tenantId: tenant.id,
        federationBrandName: null,
        displayName: tenant.displayName,
        defaultDomainName: tenant.defaultDomain,
      },
    };
  });

  router.get(`${BASE}/delegatedAdminCustomers/:id/serviceManagementDetails`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    if (!customers().some((x) => x.id === req.params.id))
      return notFound(req, 'delegatedAdminCustomer', req.params.id);
    const details = state.data.serviceManagement
      .filter((d) => d.tenantId === req.params.id)
      .map((d) => ({ id: d.id, serviceName: d.serviceName, serviceManagementUrl: d.serviceManagementUrl }));
    return {
      status: 200,
      json: {
        '@odata.context': `${ctx.baseUrl}/graph/v1.0/$metadata#serviceManagementDetails`,
        value: details,
      },
    };
  });
}
