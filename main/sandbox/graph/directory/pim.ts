/**
 * Graph PIM schedule requests for directory roles: roleAssignmentScheduleRequests (active) and
 * roleEligibilityScheduleRequests (eligible), adminAssign and adminRemove, with expirations on the
 * sandbox clock.
 */
import { durationInDays } from '../../../../shared/gdap/gdap';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { newId } from '../../identity/token-service';
import { createdEntity } from '../odata';
import { RM, ROLE_ADMINS, type DirectoryKit } from './common';

export function registerPimRoutes(router: Router, ctx: SandboxContext, kit: DirectoryKit): void {
  const { state } = ctx;
  const { ctxUrl, authorizeWrite, checkPrincipalAndRole } = kit;

  // PIM: assignment and eligibility schedule requests with expirations on the sandbox clock.
  for (const [segment, kind] of [
    ['roleAssignmentScheduleRequests', 'active'],
    ['roleEligibilityScheduleRequests', 'eligible'],
  ] as const) {
    const scope =
      kind === 'active'
        ? 'RoleAssignmentSchedule.ReadWrite.Directory'
        : 'RoleEligibilitySchedule.ReadWrite.Directory';
    router.post(`${RM}/${segment}`, (req) => {
      const a = authorizeWrite(req, [scope, 'RoleManagement.ReadWrite.Directory'], ROLE_ADMINS);
      if (!a.ok) return a.response;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const action = body.action;
      if (action !== 'adminAssign' && action !== 'adminRemove') {
        return graphError(
          req,
          400,
          'BadRequest',
          `The sandbox supports the actions adminAssign and adminRemove, not '${String(action)}'.`,
        );
      }
      if (body.directoryScopeId !== '/')
        return graphError(req, 400, 'BadRequest', "directoryScopeId must be '/'.");
      const problem = checkPrincipalAndRole(req, a.claims.tid, body.principalId, body.roleDefinitionId);
      if (problem) return problem;
      const roleId = (body.roleDefinitionId as string).toLowerCase();
      const now = ctx.clock.now();
      const matching = state.data.roleAssignments.filter(
        (r) =>
          r.tenantId === a.claims.tid &&
          r.kind === kind &&
          r.principalId === body.principalId &&
          r.roleDefinitionId === roleId,
      );
      let status = 'Provisioned';
      let targetScheduleId = newId();
      if (action === 'adminRemove') {
        if (matching.length === 0)
          return graphError(req, 400, 'RoleAssignmentDoesNotExist', 'The role assignment does not exist.');
        state.data.roleAssignments = state.data.roleAssignments.filter((r) => !matching.includes(r));
        status = 'Revoked';
        targetScheduleId = matching[0]?.id ?? targetScheduleId;
      } else {
        const info = (body.scheduleInfo ?? {}) as {
          startDateTime?: unknown;
          expiration?: { type?: unknown; endDateTime?: unknown; duration?: unknown };
        };
        const start = typeof info.startDateTime === 'string' ? Date.parse(info.startDateTime) : now.getTime();
        if (Number.isNaN(start))
          return graphError(req, 400, 'BadRequest', 'scheduleInfo.startDateTime is not a date.');
        const type = info.expiration?.type ?? 'noExpiration';
        let end: number | null = null;
        if (type === 'afterDateTime') {
          end =
            typeof info.expiration?.endDateTime === 'string'
              ? Date.parse(info.expiration.endDateTime)
              : Number.NaN;
          if (Number.isNaN(end))
            return graphError(
              req,
              400,
              'BadRequest',
              'expiration.endDateTime is required for afterDateTime.',
            );
        } else if (type === 'afterDuration') {
          const days =
            typeof info.expiration?.duration === 'string'
              ? durationInDays(info.expiration.duration)
              : undefined;
          if (days === undefined || days <= 0)
            return graphError(
              req,
              400,
              'BadRequest',
              'expiration.duration must be an ISO 8601 duration such as PT8H.',
            );
          end = start + days * 86_400_000;
        } else if (type !== 'noExpiration' && type !== 'notSpecified') {
          return graphError(req, 400, 'BadRequest', `'${String(type)}' is not an expiration type.`);
        }
        if (end !== null && end <= start)
          return graphError(req, 400, 'BadRequest', 'The schedule ends before it starts.');
        state.data.roleAssignments = state.data.roleAssignments.filter((r) => !matching.includes(r));
        state.data.roleAssignments.push({
          id: targetScheduleId,
          tenantId: a.claims.tid,
          roleDefinitionId: roleId,
          principalId: body.principalId as string,
          directoryScopeId: '/',
          startDateTime: new Date(start).toISOString(),
          endDateTime: end === null ? null : new Date(end).toISOString(),
          kind,
        });
      }
      ctx.changed();
      return createdEntity(ctxUrl(`roleManagement/directory/${segment}/$entity`), {
        id: newId(),
        status,
        action,
        principalId: body.principalId,
        roleDefinitionId: roleId,
        directoryScopeId: '/',
        appScopeId: null,
        justification: body.justification ?? null,
        createdDateTime: now.toISOString(),
        completedDateTime: now.toISOString(),
        isValidationOnly: false,
        targetScheduleId,
        scheduleInfo: body.scheduleInfo ?? null,
      });
    });
  }
}
