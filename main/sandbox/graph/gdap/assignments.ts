/**
 * Graph GDAP access assignments (within the relationship's roles, never to Partner Center's agent
 * groups; updates answered 202 with an operation to follow) and the operations.
 */
import { ACCESS_GRANTING_STATUSES } from '../../../../shared/gdap/gdap';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { newId } from '../../identity/token-service';
import type { AccessAssignment, Relationship } from '../../state/model';
import { etagOf, pageOf } from '../odata';
import { checkRoles } from './rules';
import { BASE, CODES, ENTITIES, gdapPage, RESERVED_GROUPS, type GdapKit } from './common';

export function registerAssignmentRoutes(router: Router, ctx: SandboxContext, kit: GdapKit): void {
  const { state } = ctx;
  const { now, authorize, fail, findRelationship, notFound, checkIfMatch, assignmentJson, operationJson } =
    kit;
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
    // UNCONFIRMED (docs/microsoft-cloud.md 1.4): roles must be within the relationship's roles; we refuse others.
    if (outside)
      return graphError(
        req,
        400,
        CODES.badRequest,
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
      `${ctx.baseUrl}/graph/v1.0/tenantRelationships/$metadata#accessAssignments`,
      gdapPage(ENTITIES.assignment),
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
        CODES.badRequest,
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
        CODES.badRequest,
        "accessContainer.accessContainerType must be 'securityGroup'.",
      );
    }
    const group = typeof groupId === 'string' ? state.group(groupId) : undefined;
    if (!group || group.tenantId !== state.partnerTenantId) {
      return graphError(
        req,
        400,
        CODES.badRequest,
        `The security group '${String(groupId)}' does not exist in the partner tenant.`,
      );
    }
    if (RESERVED_GROUPS.has(group.displayName.toLowerCase())) {
      return graphError(
        req,
        400,
        CODES.badRequest,
        `The ${group.displayName} group is reserved by Partner Center and cannot be assigned GDAP roles. Use a security group of your own.`,
      );
    }
    const roleProblem = checkAssignmentRoles(req, r, body.accessDetails?.unifiedRoles);
    if (roleProblem) return roleProblem;
    if (assignmentsOf(r).some((a) => a.accessContainer.accessContainerId === group.id)) {
      return graphError(
        req,
        409,
        CODES.conflict,
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
      return graphError(req, 400, CODES.badRequest, `Only accessDetails can be updated, not '${extra}'.`);
    const roleProblem = checkAssignmentRoles(req, r, body.accessDetails?.unifiedRoles);
    if (roleProblem) return roleProblem;
    const wanted = (body.accessDetails?.unifiedRoles as Array<{ roleDefinitionId: string }>)
      .map((x) => x.roleDefinitionId.toLowerCase())
      .sort();
    const current = a.accessDetails.unifiedRoles.map((x) => x.roleDefinitionId).sort();
    // Nothing differs: 200 with the unchanged object (docs/microsoft-cloud.md 1.4).
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
      // The documented payload: the access assignment as it will be.
      data: JSON.stringify({
        id: a.id,
        accessContainer: a.accessContainer,
        accessDetails: a.accessDetails,
        status: 'active',
      }),
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
  router.get(`${BASE}/delegatedAdminRelationships/:id/operations`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const r = findRelationship(req.params.id);
    if (!r) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    return pageOf(
      req,
      state.data.operations.filter((o) => o.relationshipId === r.id).map((o) => operationJson(req, o)),
      `${ctx.baseUrl}/graph/v1.0/tenantRelationships/$metadata#operations`,
      gdapPage(ENTITIES.operation),
    );
  });

  router.get(`${BASE}/delegatedAdminRelationships/:id/operations/:operationId`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    if (!findRelationship(req.params.id)) return notFound(req, 'delegatedAdminRelationship', req.params.id);
    const o = state.data.operations.find(
      (x) => x.relationshipId === req.params.id && x.id === req.params.operationId,
    );
    return o
      ? {
          status: 200,
          json: {
            '@odata.context': `${ctx.baseUrl}/graph/v1.0/tenantRelationships/$metadata#operations/$entity`,
            ...operationJson(req, o),
          },
        }
      : notFound(req, 'delegatedAdminRelationshipOperation', req.params.operationId);
  });
}
