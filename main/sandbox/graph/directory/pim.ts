/**
 * Graph PIM schedule requests for directory roles: roleAssignmentScheduleRequests (active) and
 * roleEligibilityScheduleRequests (eligible) with adminAssign, adminUpdate, adminExtend, adminRenew
 * and adminRemove, expirations on the sandbox clock; and the schedules they make
 * (roleAssignmentSchedules, roleEligibilitySchedules), listed while they have not ended. A second
 * adminAssign of the same role to the same principal answers 400 RoleAssignmentExists, as Graph does
 * (docs/docs/microsoft-cloud.md records it): a schedule is changed, extended or renewed instead.
 */
import { durationInDays } from '../../../../shared/gdap/gdap';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { newId } from '../../identity/token-service';
import type { RoleAssignment } from '../../state/model';
import { createdEntity, pageOf } from '../odata';
import { RM, ROLE_ADMINS, USERS_PAGE, type DirectoryKit } from './common';

const ACTIONS = ['adminAssign', 'adminUpdate', 'adminExtend', 'adminRenew', 'adminRemove'] as const;
type Action = (typeof ACTIONS)[number];

export function registerPimRoutes(router: Router, ctx: SandboxContext, kit: DirectoryKit): void {
  const { state } = ctx;
  const { ctxUrl, authorize, authorizeWrite, checkPrincipalAndRole } = kit;
  const ended = (r: RoleAssignment, now: number) =>
    r.endDateTime !== null && Date.parse(r.endDateTime) <= now;
  const scheduleJson = (r: RoleAssignment) => ({
    id: r.id,
    principalId: r.principalId,
    roleDefinitionId: r.roleDefinitionId,
    directoryScopeId: r.directoryScopeId,
    appScopeId: null,
    createdUsing: r.id,
    createdDateTime: r.startDateTime,
    modifiedDateTime: null,
    status: 'Provisioned',
    memberType: 'Direct',
    ...(r.kind === 'active' ? { assignmentType: 'Assigned' } : {}),
    scheduleInfo: {
      startDateTime: r.startDateTime,
      recurrence: null,
      expiration:
        r.endDateTime === null
          ? { type: 'noExpiration', endDateTime: null, duration: null }
          : { type: 'afterDateTime', endDateTime: r.endDateTime, duration: null },
    },
  });

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
      if (!ACTIONS.includes(action as Action)) {
        return graphError(
          req,
          400,
          'BadRequest',
          `The sandbox supports the actions ${ACTIONS.join(', ')}, not '${String(action)}'.`,
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
      const current = matching.filter((r) => !ended(r, now.getTime()));
      const lapsed = matching.filter((r) => ended(r, now.getTime()));
      if (action === 'adminAssign' && current.length > 0)
        return graphError(req, 400, 'RoleAssignmentExists', 'The Role assignment already exists.');
      if ((action === 'adminUpdate' || action === 'adminExtend') && current.length === 0)
        return graphError(req, 400, 'RoleAssignmentDoesNotExist', 'The role assignment does not exist.');
      // UNCONFIRMED: whether adminRenew also accepts a schedule that has not ended; we refuse it (only
      // an expired assignment is renewed; a current one is extended or updated).
      if (action === 'adminRenew' && (lapsed.length === 0 || current.length > 0))
        return graphError(
          req,
          400,
          'RoleAssignmentDoesNotExist',
          'There is no expired role assignment to renew.',
        );
      let status = 'Provisioned';
      const targetScheduleId = current[0]?.id ?? newId();
      if (action === 'adminRemove') {
        if (current.length === 0)
          return graphError(req, 400, 'RoleAssignmentDoesNotExist', 'The role assignment does not exist.');
        state.data.roleAssignments = state.data.roleAssignments.filter((r) => !matching.includes(r));
        status = 'Revoked';
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

  for (const [segment, kind] of [
    ['roleAssignmentSchedules', 'active'],
    ['roleEligibilitySchedules', 'eligible'],
  ] as const) {
    router.get(`${RM}/${segment}`, (req) => {
      const a = authorize(req);
      if (!a.ok) return a.response;
      const now = ctx.clock.nowMs();
      return pageOf(
        req,
        state.data.roleAssignments
          .filter((r) => r.tenantId === a.claims.tid && r.kind === kind && !ended(r, now))
          .map(scheduleJson),
        ctxUrl(`roleManagement/directory/${segment}`),
        USERS_PAGE,
      );
    });
  }
}
