/**
 * Why does (or doesn't) this partner user reach Security Copilot in this customer through GDAP? Each
 * link of the chain is checked and, where it is broken, the one next step that fixes it is named:
 * an access-granting relationship that is not about to end, with Security Reader or Security
 * Operator among its roles, and an active access assignment giving one of those roles to a partner
 * security group the user is in (nested groups count: Graph's transitiveMemberOf).
 */
import type { DirectoryAssignment, DirectoryRelationship } from '../directory/directory';
import { daysLeft as daysLeftUntil } from '../platform/time';
import {
  ACCESS_GRANTING_STATUSES,
  RELATIONSHIP_STATUS_LABEL,
  rolesBlockAutoExtend,
  willAutoExtend as willExtend,
} from './gdap';
import { pluginReachFor, type PluginReach } from '../plugins/plugin-reach';
import { ROLE_IDS, roleName } from './roles';

/** The roles that open Security Copilot to a GDAP user (Microsoft Learn: partner access). */
export const COPILOT_ROLE_IDS: ReadonlyArray<string> = [ROLE_IDS.securityReader, ROLE_IDS.securityOperator];

/**
 * Access ending within this many days without auto-extend is a warning, not a pass: the same 30
 * days the customer list and the expiry alerts warn at (shared/directory/directory.ts).
 */
export const ACCESS_ENDING_WARNING_DAYS = 30;

export type CheckState = 'pass' | 'warn' | 'fail';

export interface AccessStep {
  readonly id: 'relationship' | 'roles' | 'assignment' | 'membership';
  readonly state: CheckState;
  readonly title: string;
  readonly detail: string;
  /** The one next step that fixes it; null when nothing needs doing. */
  readonly fix: string | null;
}

export interface AccessPathFound {
  readonly relationship: string;
  readonly group: string;
  readonly roles: ReadonlyArray<string>;
}

export interface AccessCheck {
  readonly user: { readonly id: string; readonly displayName: string; readonly userPrincipalName: string };
  readonly customer: { readonly tenantId: string; readonly displayName: string };
  /** green: works now; amber: works, with a warning; red: does not work. */
  readonly verdict: 'green' | 'amber' | 'red';
  readonly summary: string;
  readonly steps: ReadonlyArray<AccessStep>;
  /** Every relationship → group → Copilot role path that works for the user now. */
  readonly paths: ReadonlyArray<AccessPathFound>;
  readonly plugins: ReadonlyArray<PluginReach>;
  readonly checkedAt: string;
}

export interface AccessCheckInput {
  readonly user: AccessCheck['user'];
  readonly customer: AccessCheck['customer'];
  readonly relationships: ReadonlyArray<DirectoryRelationship>;
  readonly assignments: ReadonlyArray<DirectoryAssignment>;
  /** The partner groups the user is in, directly or through nested groups. */
  readonly userGroupIds: ReadonlyArray<string>;
  readonly now: Date;
}

const copilotRoles = (ids: ReadonlyArray<string>) =>
  ids.filter((id) => COPILOT_ROLE_IDS.includes(id.toLowerCase()));

function daysLeft(r: DirectoryRelationship, now: Date): number | null {
  return r.endDateTime === null ? null : daysLeftUntil(r.endDateTime, now);
}

function relationshipStep(
  relationships: ReadonlyArray<DirectoryRelationship>,
  granting: ReadonlyArray<DirectoryRelationship>,
  now: Date,
): AccessStep {
  const title = 'An active GDAP relationship';
  if (granting.length === 0) {
    const pending = relationships.find((r) => r.status === 'approvalPending');
    const created = relationships.find((r) => r.status === 'created');
    const ended = relationships.find((r) => ['expired', 'terminated', 'terminating'].includes(r.status));
    if (pending)
      return {
        id: 'relationship',
        state: 'fail',
        title,
        detail: `"${pending.displayName}" is waiting for the customer's approval.`,
        fix: 'Send the approval link to the customer admin (Approval link on the relationship) and ask them to approve it.',
      };
    if (created)
      return {
        id: 'relationship',
        state: 'fail',
        title,
        detail: `"${created.displayName}" is a draft: it was never sent for approval.`,
        fix: 'Lock it for approval, then send the approval link to the customer admin.',
      };
    return {
      id: 'relationship',
      state: 'fail',
      title,
      detail: ended
        ? `The last relationship, "${ended.displayName}", is ${RELATIONSHIP_STATUS_LABEL[ended.status].toLowerCase()}.`
        : 'There is no GDAP relationship with this customer.',
      fix: 'Create a relationship from the "Security Copilot: analyst" template and send the approval link.',
    };
  }
  // The relationship that lasts longest is the one access depends on.
  const best = [...granting].sort((a, b) => {
    if (willExtend(a) !== willExtend(b)) return willExtend(a) ? -1 : 1;
    return (b.endDateTime ?? '').localeCompare(a.endDateTime ?? '');
  })[0] as DirectoryRelationship;
  const left = daysLeft(best, now);
  if (!willExtend(best) && left !== null && left <= ACCESS_ENDING_WARNING_DAYS) {
    const ga = rolesBlockAutoExtend(best.roleIds);
    return {
      id: 'relationship',
      state: 'warn',
      title,
      detail: `"${best.displayName}" is active but ends in ${Math.max(0, left)} day${left === 1 ? '' : 's'} and will not auto-extend.`,
      fix: ga
        ? 'Remove Global Administrator from it so it can auto-extend, then turn auto-extend on.'
        : 'Turn auto-extend on for it, or create a new relationship before it ends.',
    };
  }
  return {
    id: 'relationship',
    state: 'pass',
    title,
    detail:
      left === null
        ? `"${best.displayName}" is active.`
        : `"${best.displayName}" is active${willExtend(best) ? ' and auto-extends' : `, ${left} days left`}.`,
    fix: null,
  };
}

export function checkAccess(input: AccessCheckInput): AccessCheck {
  const { now } = input;
  const granting = input.relationships.filter((r) => ACCESS_GRANTING_STATUSES.has(r.status));
  const steps: AccessStep[] = [relationshipStep(input.relationships, granting, now)];
  const withCopilotRole = granting.filter((r) => copilotRoles(r.roleIds).length > 0);
  const paths: AccessPathFound[] = [];
  if (granting.length > 0) {
    steps.push(
      withCopilotRole.length > 0
        ? {
            id: 'roles',
            state: 'pass',
            title: 'Security Reader or Security Operator in the relationship',
            detail: `"${withCopilotRole[0]?.displayName ?? ''}" includes ${copilotRoles(
              withCopilotRole[0]?.roleIds ?? [],
            )
              .map(roleName)
              .join(' and ')}.`,
            fix: null,
          }
        : {
            id: 'roles',
            state: 'fail',
            title: 'Security Reader or Security Operator in the relationship',
            detail: 'No active relationship includes Security Reader or Security Operator.',
            fix: 'Roles of an active relationship cannot be added: create a new relationship from the "Security Copilot: analyst" template.',
          },
    );
  }
  if (withCopilotRole.length > 0) {
    const relIds = new Set(withCopilotRole.map((r) => r.id));
    const relevant = input.assignments.filter(
      (a) => relIds.has(a.relationshipId) && copilotRoles(a.roleIds).length > 0,
    );
    const live = relevant.filter((a) => a.status === 'active');
    const groups = new Set(input.userGroupIds.map((g) => g.toLowerCase()));
    for (const a of live) {
      if (!groups.has(a.groupId.toLowerCase())) continue;
      const rel = withCopilotRole.find((r) => r.id === a.relationshipId);
      const allowed = new Set((rel?.roleIds ?? []).map((id) => id.toLowerCase()));
      const roles = copilotRoles(a.roleIds).filter((id) => allowed.has(id.toLowerCase()));
      if (rel && roles.length > 0)
        paths.push({
          relationship: rel.displayName,
          group: a.groupName ?? a.groupId,
          roles: roles.map(roleName),
        });
    }
    if (live.length === 0) {
      const pending = relevant.find((a) => a.status === 'pending');
      steps.push(
        pending
          ? {
              id: 'assignment',
              state: 'warn',
              title: 'A partner group assigned a Copilot role',
              detail: `The assignment for "${pending.groupName ?? pending.groupId}" is still being applied by Microsoft.`,
              fix: 'Wait a few minutes and check again.',
            }
          : {
              id: 'assignment',
              state: 'fail',
              title: 'A partner group assigned a Copilot role',
              detail:
                'No partner security group is assigned Security Reader or Security Operator in this relationship.',
              fix: `Add an access assignment: a security group (for example "SOC Analysts") with Security Reader in "${withCopilotRole[0]?.displayName ?? ''}".`,
            },
      );
    } else {
      steps.push({
        id: 'assignment',
        state: 'pass',
        title: 'A partner group assigned a Copilot role',
        detail: live
          .map((a) => `${a.groupName ?? a.groupId} → ${copilotRoles(a.roleIds).map(roleName).join(', ')}`)
          .join('; '),
        fix: null,
      });
      steps.push(
        paths.length > 0
          ? {
              id: 'membership',
              state: 'pass',
              title: `${input.user.displayName} is in one of those groups`,
              detail: `Through ${[...new Set(paths.map((p) => p.group))].join(', ')} (nested groups count).`,
              fix: null,
            }
          : {
              id: 'membership',
              state: 'fail',
              title: `${input.user.displayName} is in one of those groups`,
              detail: `${input.user.userPrincipalName} is not a member of ${live.map((a) => `"${a.groupName ?? a.groupId}"`).join(' or ')}, directly or through a nested group.`,
              fix: `Add ${input.user.userPrincipalName} to "${live[0]?.groupName ?? live[0]?.groupId ?? ''}" in your partner tenant (Microsoft Entra admin center, Groups).`,
            },
      );
    }
  }
  const failed = steps.some((s) => s.state === 'fail');
  const warned = steps.some((s) => s.state === 'warn');
  const verdict = failed || paths.length === 0 ? 'red' : warned ? 'amber' : 'green';
  const firstGap = steps.find((s) => s.state !== 'pass');
  const roles = [...new Set(paths.flatMap((p) => p.roles))];
  const summary =
    verdict === 'red'
      ? `${input.user.displayName} cannot use Security Copilot in ${input.customer.displayName} through GDAP. ${firstGap?.fix ?? ''}`.trim()
      : `${input.user.displayName} reaches Security Copilot in ${input.customer.displayName} as ${roles.join(' and ')}.${verdict === 'amber' && firstGap ? ` ${firstGap.detail}` : ''}`;
  return {
    user: input.user,
    customer: input.customer,
    verdict,
    summary,
    steps,
    paths,
    plugins: pluginReachFor(verdict === 'red' ? 'none' : 'gdap'),
    checkedAt: now.toISOString(),
  };
}
