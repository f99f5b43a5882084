/**
 * Microsoft's documented rules for GDAP relationships (Graph v1.0 delegatedAdminRelationship and
 * delegatedAdminAccessAssignment; docs/microsoft-cloud.md section 1), as Graph enforces them.
 */
import {
  durationInDays,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  RELATIONSHIP_LIMITS,
} from '../../../../shared/gdap/gdap';
import { isKnownRole } from '../../../../shared/gdap/roles';
import { isGuid } from '../../../../shared/platform/tenant-id';
import type { SandboxState } from '../../state/state';

export type Check = { ok: true } | { ok: false; status: number; code: string; message: string };

const OK: Check = { ok: true };
const bad = (message: string, code = 'badRequest', status = 400): Check => ({
  ok: false,
  status,
  code,
  message,
});

export function checkDisplayName(state: SandboxState, name: unknown, exceptId?: string): Check {
  if (typeof name !== 'string' || name.trim() === '') return bad('The displayName is required.');
  if (name.length > RELATIONSHIP_LIMITS.displayNameMaxLength) {
    return bad(`The displayName must be ${RELATIONSHIP_LIMITS.displayNameMaxLength} characters or fewer.`);
  }
  // Unique across *all* of the partner's relationships (Graph's update docs), terminated and expired
  // ones included: a name is never reused.
  const clash = state.data.relationships.find(
    (r) =>
      r.id !== exceptId &&
      r.partnerTenantId === state.partnerTenantId &&
      r.displayName.toLowerCase() === name.toLowerCase(),
  );
  // UNCONFIRMED: the status code for a duplicate name; Graph documents uniqueness, we answer 409.
  if (clash)
    return bad(
      `A relationship named '${name}' already exists (${clash.status}). Display names must be unique across all of the partner's relationships, terminated ones included.`,
      'conflict',
      409,
    );
  return OK;
}

export function checkDuration(duration: unknown): Check {
  if (typeof duration !== 'string')
    return bad('The duration is required, as an ISO 8601 duration such as P730D.');
  const days = durationInDays(duration);
  if (days === undefined) return bad(`'${duration}' is not an ISO 8601 duration.`);
  if (days < RELATIONSHIP_LIMITS.minDurationDays || days > RELATIONSHIP_LIMITS.maxDurationDays) {
    return bad(`The duration must be between P1D and P2Y (730 days); '${duration}' is ${days} days.`);
  }
  return OK;
}

export function checkRoles(roles: unknown, field = 'accessDetails'): Check {
  if (!Array.isArray(roles) || roles.length === 0)
    return bad(`${field}.unifiedRoles must list at least one role.`);
  for (const r of roles) {
    const id = (r as { roleDefinitionId?: unknown })?.roleDefinitionId;
    if (typeof id !== 'string' || !isGuid(id) || !isKnownRole(id)) {
      return bad(`'${String(id)}' is not a Microsoft Entra built-in role template ID.`);
    }
  }
  return OK;
}

export function checkAutoExtend(value: unknown, roles: ReadonlyArray<{ roleDefinitionId: string }>): Check {
  if (value === undefined || value === null) return OK;
  if (
    typeof value !== 'string' ||
    !(RELATIONSHIP_LIMITS.autoExtendValues as readonly string[]).includes(value)
  ) {
    return bad(`autoExtendDuration must be PT0S, P0D or P180D, not '${String(value)}'.`);
  }
  if (
    value === 'P180D' &&
    roles.some((r) => r.roleDefinitionId.toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_ID)
  ) {
    return bad('A relationship that includes the Global Administrator role cannot be auto-extended.');
  }
  return OK;
}
