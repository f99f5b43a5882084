/**
 * Graph directory roles: the built-in role definitions, and role assignments (active ones listed;
 * create, delete). PIM schedule requests are in pim.ts.
 */
import { DIRECTORY_ROLES } from '../../../../shared/gdap/roles';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { newId } from '../../identity/token-service';
import type { RoleAssignment } from '../../state/model';
import { createdEntity, pageOf } from '../odata';
import type { SandboxRequest } from '../../http/types';
import { RM, ROLE_ADMINS, USERS_PAGE, type DirectoryKit } from './common';

export function registerRoleRoutes(router: Router, ctx: SandboxContext, kit: DirectoryKit): void {
  const { state } = ctx;
  const { ctxUrl, authorize, authorizeWrite, notFound, checkPrincipalAndRole } = kit;

  router.get(`${RM}/roleDefinitions`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    return pageOf(
      req,
      DIRECTORY_ROLES.map((r) => ({
        id: r.id,
        templateId: r.id,
        displayName: r.displayName,
        description: r.description,
        isBuiltIn: true,
        isEnabled: true,
      })),
      ctxUrl('roleManagement/directory/roleDefinitions'),
      { defaultTop: 500, maxTop: 500 },
    );
  });

  const assignmentJson = (r: RoleAssignment) => ({
    '@odata.type': '#microsoft.graph.unifiedRoleAssignment',
    id: r.id,
    roleDefinitionId: r.roleDefinitionId,
    principalId: r.principalId,
    directoryScopeId: r.directoryScopeId,
  });
  const activeAssignments = (tenantId: string) => {
    const now = ctx.clock.nowMs();
    return state.data.roleAssignments.filter(
      (r) =>
        r.tenantId === tenantId &&
        r.kind === 'active' &&
        (r.endDateTime === null || Date.parse(r.endDateTime) > now),
    );
  };
  const authorizeAssigner = (req: SandboxRequest) =>
    authorizeWrite(req, ['RoleManagement.ReadWrite.Directory'], ROLE_ADMINS);

  router.get(`${RM}/roleAssignments`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    return pageOf(
      req,
      activeAssignments(a.claims.tid).map(assignmentJson),
      ctxUrl('roleManagement/directory/roleAssignments'),
      USERS_PAGE,
    );
  });

  router.post(`${RM}/roleAssignments`, (req) => {
    const a = authorizeAssigner(req);
    if (!a.ok) return a.response;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.directoryScopeId !== '/' && typeof body.appScopeId !== 'string') {
      return graphError(
        req,
        400,
        'Request_BadRequest',
        "Exactly one of directoryScopeId ('/') or appScopeId is required.",
      );
    }
    const problem = checkPrincipalAndRole(req, a.claims.tid, body.principalId, body.roleDefinitionId);
    if (problem) return problem;
    const roleId = (body.roleDefinitionId as string).toLowerCase();
    if (
      activeAssignments(a.claims.tid).some(
        (r) => r.principalId === body.principalId && r.roleDefinitionId === roleId,
      )
    ) {
      return graphError(
        req,
        409,
        'Request_BadRequest',
        'A conflicting object with one or more of the specified property values is present in the directory.',
      );
    }
    const assignment: RoleAssignment = {
      id: `${newId()}-1`,
      tenantId: a.claims.tid,
      roleDefinitionId: roleId,
      principalId: body.principalId as string,
      directoryScopeId: '/',
      startDateTime: null,
      endDateTime: null,
      kind: 'active',
    };
    state.data.roleAssignments.push(assignment);
    ctx.changed();
    return createdEntity(
      ctxUrl('roleManagement/directory/roleAssignments/$entity'),
      assignmentJson(assignment),
    );
  });

  router.delete(`${RM}/roleAssignments/:id`, (req) => {
    const a = authorizeAssigner(req);
    if (!a.ok) return a.response;
    const found = activeAssignments(a.claims.tid).find((r) => r.id === req.params.id);
    if (!found) return notFound(req, req.params.id);
    state.data.roleAssignments = state.data.roleAssignments.filter((r) => r !== found);
    ctx.changed();
    return { status: 204 };
  });
}
