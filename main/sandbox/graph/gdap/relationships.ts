/**
 * Graph GDAP relationships (create, list, get, update with If-Match, delete while created) and
 * their requests (lockForApproval, terminate). Removing Global Administrator from an active
 * relationship is a long-running operation: 202 with Location and Retry-After, the role gone only
 * when the operation succeeds (docs/microsoft-cloud.md, "Added 2026-12").
 */
import { ACCESS_GRANTING_STATUSES, GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../../shared/gdap/gdap';
import { isGuid } from '../../../../shared/platform/tenant-id';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { newId } from '../../identity/token-service';
import type { Relationship } from '../../state/model';
import { createdEntity, etagOf, pageOf } from '../odata';
import { checkAutoExtend, checkDisplayName, checkDuration, checkRoles, type Check } from './rules';
import { BASE, CODES, ENTITIES, gdapPage, type GdapKit } from './common';

export function registerRelationshipRoutes(router: Router, ctx: SandboxContext, kit: GdapKit): void {
  const { state } = ctx;
  const {
    now,
    authorize,
    fail,
    findRelationship,
    notFound,
    checkIfMatch,
    relationshipJson,
    requestJson,
    wantsUnknownEnumMembers,
  } = kit;
  // --- relationships ------------------------------------------------------------------------------
  router.get(`${BASE}/delegatedAdminRelationships`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    state.advance();
    return pageOf(
      req,
      state.data.relationships.map(relationshipJson),
      `${ctx.baseUrl}/graph/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships`,
      gdapPage(ENTITIES.relationship),
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
        CODES.badRequest,
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
        return graphError(
          req,
          400,
          CODES.badRequest,
          `The customer tenant '${String(tenantId)}' is not valid.`,
        );
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
    return createdEntity(
      `${ctx.baseUrl}/graph/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships/$entity`,
      relationshipJson(relationship),
      `${ctx.baseUrl}${BASE}/delegatedAdminRelationships/${relationship.id}`,
    );
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
      if (extra) return graphError(req, 400, CODES.badRequest, `The property '${extra}' cannot be changed.`);
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
            CODES.badRequest,
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
      // In active: only auto-extend, and removing Global Administrator (docs/microsoft-cloud.md, gotcha 1).
      const extra = fields.find((k) => k !== 'autoExtendDuration' && k !== 'accessDetails');
      if (extra)
        return graphError(
          req,
          400,
          CODES.badRequest,
          `The property '${extra}' cannot be changed while the relationship is ${r.status}.`,
        );
      const roles = r.accessDetails.unifiedRoles;
      let kept = roles;
      if (body.accessDetails !== undefined) {
        // Still at least one role, each a built-in role template ID.
        const sent = (body.accessDetails as { unifiedRoles?: unknown } | null)?.unifiedRoles;
        const valid = checkRoles(sent);
        if (!valid.ok) return fail(req, valid);
        const wanted = (sent as Array<{ roleDefinitionId: string }>).map((x) =>
          x.roleDefinitionId.toLowerCase(),
        );
        const current = roles.map((x) => x.roleDefinitionId);
        const removed = current.filter((id) => !wanted.includes(id));
        const added = wanted.filter((id) => !current.includes(id));
        if (added.length > 0 || removed.some((id) => id !== GLOBAL_ADMINISTRATOR_ROLE_ID)) {
          return graphError(
            req,
            400,
            CODES.badRequest,
            `Roles of an ${r.status} relationship cannot be changed, except removing Global Administrator.`,
          );
        }
        kept = roles.filter((x) => wanted.includes(x.roleDefinitionId));
      }
      const auto = checkAutoExtend(body.autoExtendDuration ?? r.autoExtendDuration, kept);
      if (!auto.ok) return fail(req, auto);
      if (body.autoExtendDuration !== undefined) r.autoExtendDuration = body.autoExtendDuration as string;
      if (kept.length < roles.length) {
        // Removing Global Administrator runs as an operation: the role stays until it succeeds.
        r.version++;
        r.lastModifiedDateTime = now();
        const at = ctx.clock.nowMs();
        const operation = {
          id: newId(),
          relationshipId: r.id,
          operationType: 'delegatedAdminRelationshipUpdate' as const,
          // UNCONFIRMED: the payload of a relationship update; we send the relationship as it will
          // be, as the documented access assignment update sends the assignment.
          data: JSON.stringify({
            id: r.id,
            displayName: r.displayName,
            accessDetails: { unifiedRoles: kept },
            status: r.status,
          }),
          status: 'notStarted' as const,
          createdDateTime: new Date(at).toISOString(),
          lastModifiedDateTime: new Date(at).toISOString(),
          completesAt: new Date(at + state.timings.assignmentDelayMs).toISOString(),
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
      }
    } else {
      return graphError(
        req,
        400,
        CODES.badRequest,
        `A relationship in status '${r.status}' cannot be changed.`,
      );
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
        CODES.badRequest,
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
    // `reject` is an evolvable enum member: Graph knows it only with Prefer: include-unknown-enum-members.
    const known = ['lockForApproval', 'approve', 'terminate', 'unknownFutureValue'];
    if (wantsUnknownEnumMembers(req)) known.push('reject');
    if (typeof action !== 'string' || !known.includes(action)) {
      return graphError(
        req,
        400,
        CODES.badRequest,
        `The action must be 'lockForApproval' or 'terminate', not '${String(action)}'.`,
      );
    }
    if (action === 'approve' || action === 'reject' || action === 'unknownFutureValue') {
      // Approve and reject are for an indirect reseller answering its provider; a partner's own
      // relationship is approved by the customer (docs/microsoft-cloud.md 1.3).
      return graphError(
        req,
        403,
        CODES.forbidden,
        `Only an indirect reseller can ${action === 'reject' ? 'reject' : 'approve'} a relationship; the customer approves this one.`,
      );
    }
    if (action === 'lockForApproval') {
      if (r.status !== 'created')
        return graphError(
          req,
          400,
          CODES.badRequest,
          `lockForApproval needs a relationship in status 'created'; this one is '${r.status}'.`,
        );
      r.status = 'approvalPending';
      r.lockedDateTime = at;
    } else if (action === 'terminate') {
      if (!ACCESS_GRANTING_STATUSES.has(r.status))
        return graphError(
          req,
          400,
          CODES.badRequest,
          `terminate needs an active relationship; this one is '${r.status}'.`,
        );
      r.status = 'terminationRequested';
      r.terminationRequestedDateTime = at;
    }
    // A request is born `created` (Graph's example answer); the sandbox settles a lockForApproval
    // at the next read and a terminate when the relationship is terminated (state.ts).
    const request = {
      id: newId(),
      action,
      status: 'created',
      createdDateTime: at,
      lastModifiedDateTime: at,
    } as Relationship['requests'][number];
    r.requests.push(request);
    r.version++;
    r.lastModifiedDateTime = at;
    ctx.changed();
    return createdEntity(
      `${ctx.baseUrl}/graph/v1.0/tenantRelationships/$metadata#requests`,
      requestJson(req, request),
      `${ctx.baseUrl}${BASE}/delegatedAdminRelationships/${r.id}/requests/${request.id}`,
    );
  });

  router.get(`${BASE}/delegatedAdminRelationships/:id/requests`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    return pageOf(
      req,
      r.requests.map((q) => requestJson(req, q)),
      `${ctx.baseUrl}/graph/v1.0/tenantRelationships/$metadata#requests`,
      gdapPage(ENTITIES.request),
    );
  });

  router.get(`${BASE}/delegatedAdminRelationships/:id/requests/:requestId`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const request = findRelationship(req.params.id)?.requests.find((q) => q.id === req.params.requestId);
    return request
      ? {
          status: 200,
          json: {
            '@odata.context': `${ctx.baseUrl}/graph/v1.0/tenantRelationships/$metadata#requests/$entity`,
            ...requestJson(req, request),
          },
        }
      : notFound(req, 'delegatedAdminRelationshipRequest', req.params.requestId);
  });
}
