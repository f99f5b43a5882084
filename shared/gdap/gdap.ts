/**
 * GDAP as Microsoft Graph v1.0 describes it (`tenantRelationships`): the resource shapes the app reads
 * from Graph, validated with zod because a server's answer is input too, and the rules Microsoft
 * documents for a relationship, checked before anything is sent.
 * Source: Graph v1.0 delegatedAdminRelationship / delegatedAdminAccessAssignment resource types
 * (docs/microsoft-cloud.md, section 1).
 */
import { z } from 'zod';
import { isGuid } from '../platform/tenant-id';
import { daysLeft } from '../platform/time';

export const RELATIONSHIP_STATUSES = [
  'created',
  'approvalPending',
  'approved',
  'activating',
  'active',
  'expiring',
  'expired',
  'terminationRequested',
  'terminating',
  'terminated',
  'unknownFutureValue',
] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

/** Statuses in which the relationship grants access (Graph: `active`, and `expiring` until its end). */
export const ACCESS_GRANTING_STATUSES: ReadonlySet<RelationshipStatus> = new Set(['active', 'expiring']);

export const ACCESS_ASSIGNMENT_STATUSES = [
  'pending',
  'active',
  'deleting',
  'deleted',
  'error',
  'unknownFutureValue',
] as const;
export type AccessAssignmentStatus = (typeof ACCESS_ASSIGNMENT_STATUSES)[number];

/** Graph adds enum members over time; an unknown one is read as `unknownFutureValue`, not refused. */
function evolvableEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((v): T[number] => ((values as readonly string[]).includes(v) ? v : 'unknownFutureValue'));
}

const guid = z.string().refine(isGuid, { message: 'is not a GUID' });
const dateTime = z.iso.datetime({ offset: true });

export const unifiedRoleSchema = z.object({ roleDefinitionId: guid });
const accessDetailsSchema = z.object({ unifiedRoles: z.array(unifiedRoleSchema) });

export const relationshipSchema = z.object({
  '@odata.etag': z.string().optional(),
  '@odata.type': z.string().optional(),
  id: z.string().min(1),
  displayName: z.string(),
  duration: z.string(),
  customer: z.object({ tenantId: guid, displayName: z.string().nullish() }).nullish(),
  accessDetails: accessDetailsSchema,
  autoExtendDuration: z.string().nullish(),
  status: evolvableEnum(RELATIONSHIP_STATUSES),
  createdDateTime: dateTime,
  lastModifiedDateTime: dateTime.nullish(),
  activatedDateTime: dateTime.nullish(),
  endDateTime: dateTime.nullish(),
});
export type DelegatedAdminRelationship = z.output<typeof relationshipSchema>;

export const accessAssignmentSchema = z.object({
  '@odata.etag': z.string().optional(),
  id: z.string().min(1),
  status: evolvableEnum(ACCESS_ASSIGNMENT_STATUSES),
  accessContainer: z.object({ accessContainerId: guid, accessContainerType: z.string() }),
  accessDetails: accessDetailsSchema,
  createdDateTime: dateTime.nullish(),
  lastModifiedDateTime: dateTime.nullish(),
});
export type AccessAssignment = z.output<typeof accessAssignmentSchema>;

export const delegatedAdminCustomerSchema = z.object({
  id: z.string().min(1),
  tenantId: guid,
  displayName: z.string(),
});
export type DelegatedAdminCustomer = z.output<typeof delegatedAdminCustomerSchema>;

export const serviceManagementDetailSchema = z.object({
  id: z.string().min(1),
  serviceName: z.string(),
  serviceManagementUrl: z.url({ protocol: /^https$/ }),
});
export type ServiceManagementDetail = z.output<typeof serviceManagementDetailSchema>;

/** One page of an OData collection. */
export function odataPageSchema<T extends z.ZodType>(item: T) {
  return z.object({ value: z.array(item), '@odata.nextLink': z.url().optional() });
}

/** Global Administrator's role template ID: never auto-extended (Partner Center guidance). */
export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';

/** Graph's limits for a relationship (delegatedAdminRelationship, "Properties"). */
export const RELATIONSHIP_LIMITS = {
  displayNameMaxLength: 50,
  minDurationDays: 1,
  /** P2Y; tools send days, and 730 days is what Partner Center offers as the maximum. */
  maxDurationDays: 730,
  autoExtendValues: ['PT0S', 'P0D', 'P180D'] as const,
  /** An unapproved request lapses after this many days. */
  approvalLapseDays: 90,
  /** Graph refuses a larger `$top` on GDAP lists. */
  maxPageSize: 300,
} as const;

/**
 * Whole days in an ISO-8601 duration of the forms Graph uses for relationships (`P730D`, `P2Y`,
 * `P1Y6M`, `P180D`, `PT0S`), or undefined when it is not one. Years count 365 days and months 30,
 * as Partner Center's P2Y = 730 days does.
 */
export function durationInDays(duration: string): number | undefined {
  const m =
    /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,8})M)?(?:(\d{1,9})S)?)?$/.exec(
      duration,
    );
  if (m === null || duration === 'P' || duration.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  const seconds =
    (((y ?? 0) * 365 + (mo ?? 0) * 30 + (w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 3600 +
    (mi ?? 0) * 60 +
    (s ?? 0);
  return seconds / 86_400;
}

/** Whether the relationship has Global Administrator among its roles. */
export function includesGlobalAdministrator(
  roles: ReadonlyArray<{ readonly roleDefinitionId: string }>,
): boolean {
  return roles.some((r) => r.roleDefinitionId.toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_ID);
}

/** `daysLeft` (shared/platform/time.ts) until the relationship ends, or undefined without an end. */
export function daysUntilEnd(
  relationship: Pick<DelegatedAdminRelationship, 'endDateTime'>,
  now: Date,
): number | undefined {
  if (!relationship.endDateTime) return undefined;
  return daysLeft(relationship.endDateTime, now);
}

/** Whether auto-extend is on: Graph's `P180D` (the only non-zero value it accepts). */
export function autoExtends(relationship: Pick<DelegatedAdminRelationship, 'autoExtendDuration'>): boolean {
  const days = relationship.autoExtendDuration ? durationInDays(relationship.autoExtendDuration) : 0;
  return (days ?? 0) > 0;
}

/**
 * The one rule about Global Administrator and auto-extend: Microsoft never auto-extends a relationship
 * that includes Global Administrator, so a draft or template may not ask for both, and a relationship
 * that has both will lapse at its end date all the same. Every check and every message uses these.
 */
export const GLOBAL_ADMIN_AUTO_EXTEND = {
  /** The rule, as forms and refusals say it. */
  rule: 'A relationship with Global Administrator cannot auto-extend: Microsoft never extends it.',
  /** What to do about it while drafting (a template, a new relationship). */
  draftFix: 'Switch auto-extend off or remove Global Administrator.',
  /** What to do about it for a relationship that exists. */
  relationshipFix: 'Remove Global Administrator, then turn auto-extend on.',
  /** A status in a few words. */
  label: 'Cannot auto-extend: includes Global Administrator',
} as const;

/** Whether these roles keep a relationship from auto-extending (they include Global Administrator). */
export function rolesBlockAutoExtend(roleIds: ReadonlyArray<string>): boolean {
  return includesGlobalAdministrator(roleIds.map((id) => ({ roleDefinitionId: id })));
}

/** The refusal for a draft or template that asks for auto-extend with Global Administrator, if it does. */
export function autoExtendIssue(draft: {
  readonly autoExtend: boolean;
  readonly roleIds: ReadonlyArray<string>;
}): string | undefined {
  return draft.autoExtend && rolesBlockAutoExtend(draft.roleIds)
    ? `${GLOBAL_ADMIN_AUTO_EXTEND.rule} ${GLOBAL_ADMIN_AUTO_EXTEND.draftFix}`
    : undefined;
}

/** Whether the relationship will really auto-extend: it is set, and Global Administrator does not block it. */
export function willAutoExtend(
  relationship: Pick<DelegatedAdminRelationship, 'autoExtendDuration'> & {
    readonly roleIds: ReadonlyArray<string>;
  },
): boolean {
  return autoExtends(relationship) && !rolesBlockAutoExtend(relationship.roleIds);
}

/**
 * Every relationship status in the user's words: the only way a status reaches the screen (Graph's
 * raw values, such as `approvalPending`, never do).
 */
export const RELATIONSHIP_STATUS_LABEL: Readonly<Record<RelationshipStatus, string>> = {
  created: 'Draft, not sent for approval',
  approvalPending: 'Awaiting customer approval',
  approved: 'Approved, being activated',
  activating: 'Being activated',
  active: 'Active',
  expiring: 'Active, ending soon',
  expired: 'Expired',
  terminationRequested: 'Ending: termination requested',
  terminating: 'Ending: being terminated',
  terminated: 'Terminated',
  unknownFutureValue: 'Status not known to Switchboard',
};

/** Every access assignment status in the user's words. */
export const ASSIGNMENT_STATUS_LABEL: Readonly<Record<AccessAssignmentStatus, string>> = {
  pending: 'being applied',
  active: 'applied',
  deleting: 'being removed',
  deleted: 'removed',
  error: 'failed',
  unknownFutureValue: 'status not known to Switchboard',
};

/** Statuses after which a relationship gives no access any more and has no end or renewal to show. */
export const ENDED_STATUSES: ReadonlySet<RelationshipStatus> = new Set([
  'expired',
  'terminationRequested',
  'terminating',
  'terminated',
]);
