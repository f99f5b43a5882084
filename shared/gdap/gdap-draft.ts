/**
 * A GDAP relationship as the partner admin drafts it, checked against every rule Microsoft documents
 * before anything is sent (delegatedAdminRelationship: name ≤ 50 characters and unique, duration
 * P1D..P2Y, auto-extend only P180D or off and never with Global Administrator, roles from the
 * catalogue). The role templates Switchboard ships start from least privilege for Security Copilot.
 */
import { z } from 'zod';
import { autoExtendIssue, durationInDays, GLOBAL_ADMIN_AUTO_EXTEND, RELATIONSHIP_LIMITS } from './gdap';
import { isKnownRole, ROLE_IDS } from './roles';
import { displayNameProblem } from '../platform/display-name';
import { parseTenantId } from '../platform/tenant-id';

export interface RoleTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly roleIds: ReadonlyArray<string>;
  readonly durationDays: number;
  readonly autoExtend: boolean;
}

export const BUILT_IN_TEMPLATES: ReadonlyArray<RoleTemplate> = [
  {
    id: 'copilot-analyst',
    name: 'Security Copilot: analyst',
    description: 'Least privilege to use Security Copilot in the customer tenant: read security data.',
    roleIds: [ROLE_IDS.securityReader],
    durationDays: 730,
    autoExtend: true,
  },
  {
    id: 'copilot-responder',
    name: 'Security Copilot: responder',
    description: 'Investigate and respond to incidents through Security Copilot and Defender.',
    roleIds: [ROLE_IDS.securityOperator, ROLE_IDS.securityReader],
    durationDays: 730,
    autoExtend: true,
  },
  {
    id: 'gdap-management',
    name: 'Full GDAP management (no Global Administrator)',
    description:
      'The broader set many MSSPs use for day-to-day administration, still without Global Administrator so it can auto-extend. Without Privileged Role Administrator too: that role can assign any role, Global Administrator included, to anyone (itself too).',
    roleIds: [
      ROLE_IDS.securityAdministrator,
      ROLE_IDS.securityOperator,
      ROLE_IDS.securityReader,
      ROLE_IDS.globalReader,
      ROLE_IDS.userAdministrator,
      ROLE_IDS.intuneAdministrator,
      ROLE_IDS.exchangeAdministrator,
      ROLE_IDS.helpdeskAdministrator,
    ],
    durationDays: 730,
    autoExtend: true,
  },
];

export interface RelationshipDraft {
  readonly displayName: string;
  /** Null: a relationship any customer may approve (Microsoft allows it). */
  readonly customerTenantId: string | null;
  readonly roleIds: ReadonlyArray<string>;
  readonly durationDays: number;
  readonly autoExtend: boolean;
}

export type DraftIssue = { readonly field: keyof RelationshipDraft; readonly message: string };

/** Every problem with a draft, in the user's words; empty when Graph would accept it. */
export function checkRelationshipDraft(
  draft: RelationshipDraft,
  existingNames: ReadonlyArray<string>,
): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const name = draft.displayName.trim();
  if (name === '')
    issues.push({
      field: 'displayName',
      message: 'Give the relationship a name, for example "Contoso - Security Copilot".',
    });
  else if (displayNameProblem(draft.displayName, 'The name') !== null) {
    issues.push({ field: 'displayName', message: displayNameProblem(draft.displayName, 'The name') ?? '' });
  } else if (name.length > RELATIONSHIP_LIMITS.displayNameMaxLength) {
    issues.push({
      field: 'displayName',
      message: `The name is ${name.length} characters; Microsoft allows at most ${RELATIONSHIP_LIMITS.displayNameMaxLength}.`,
    });
  } else if (existingNames.some((n) => n.toLowerCase() === name.toLowerCase())) {
    issues.push({
      field: 'displayName',
      message: `You already have a relationship named "${name}". Names must be unique across your relationships.`,
    });
  }
  if (draft.customerTenantId !== null) {
    const parsed = parseTenantId(draft.customerTenantId);
    if (!parsed.ok) issues.push({ field: 'customerTenantId', message: parsed.message });
  }
  if (
    !Number.isInteger(draft.durationDays) ||
    draft.durationDays < RELATIONSHIP_LIMITS.minDurationDays ||
    draft.durationDays > RELATIONSHIP_LIMITS.maxDurationDays
  ) {
    issues.push({
      field: 'durationDays',
      message: `The duration must be a whole number of days from 1 to ${RELATIONSHIP_LIMITS.maxDurationDays} (two years).`,
    });
  }
  if (draft.roleIds.length === 0) issues.push({ field: 'roleIds', message: 'Choose at least one role.' });
  const unknown = draft.roleIds.filter((id) => !isKnownRole(id));
  if (unknown.length > 0)
    issues.push({ field: 'roleIds', message: `Not Microsoft Entra built-in roles: ${unknown.join(', ')}.` });
  const autoExtend = autoExtendIssue(draft);
  if (autoExtend) issues.push({ field: 'autoExtend', message: autoExtend });
  return issues;
}

/** The Graph body for a draft that passed the checks. */
export function relationshipRequestBody(draft: RelationshipDraft): Record<string, unknown> {
  return {
    displayName: draft.displayName.trim(),
    duration: `P${draft.durationDays}D`,
    ...(draft.customerTenantId
      ? { customer: { tenantId: draft.customerTenantId.trim().toLowerCase() } }
      : {}),
    accessDetails: { unifiedRoles: draft.roleIds.map((id) => ({ roleDefinitionId: id.toLowerCase() })) },
    autoExtendDuration: draft.autoExtend ? 'P180D' : 'PT0S',
  };
}

/** A role template's own limits (Switchboard's; the relationship it creates has Graph's). */
export const TEMPLATE_LIMITS = { nameMaxLength: 80, descriptionMaxLength: 400 } as const;

const durationMessage = `A whole number of days from ${RELATIONSHIP_LIMITS.minDurationDays} to ${RELATIONSHIP_LIMITS.maxDurationDays} (two years).`;

/**
 * A role template, as the Templates tab checks it while the user types and main checks it again
 * before saving (the contract's `gdap.saveTemplate` input): one schema, one set of messages.
 */
export const roleTemplateSchema = z
  .object({
    id: z.string().min(1).max(80),
    name: z
      .string()
      .trim()
      .min(1, 'Give the template a name.')
      .max(TEMPLATE_LIMITS.nameMaxLength, `A name of at most ${TEMPLATE_LIMITS.nameMaxLength} characters.`)
      // An empty name is said by min() above.
      .refine((name) => name === '' || displayNameProblem(name, "The template's name") === null, {
        error: (issue) => displayNameProblem(String(issue.input), "The template's name") ?? '',
      }),
    description: z
      .string()
      .max(
        TEMPLATE_LIMITS.descriptionMaxLength,
        `A description of at most ${TEMPLATE_LIMITS.descriptionMaxLength} characters.`,
      ),
    roleIds: z
      .array(
        z.string().refine(isKnownRole, {
          error: (issue) => `${String(issue.input)} is not a Microsoft Entra built-in role.`,
        }),
      )
      .min(1, 'Choose at least one role.'),
    durationDays: z
      .number({ error: durationMessage })
      .int(durationMessage)
      .min(RELATIONSHIP_LIMITS.minDurationDays, durationMessage)
      .max(RELATIONSHIP_LIMITS.maxDurationDays, durationMessage),
    autoExtend: z.boolean(),
  })
  .refine((template) => autoExtendIssue(template) === undefined, {
    path: ['autoExtend'],
    error: `${GLOBAL_ADMIN_AUTO_EXTEND.rule} ${GLOBAL_ADMIN_AUTO_EXTEND.draftFix}`,
    // Said alongside the other fields' problems, whenever the roles and the switch could be read.
    when: ({ value }) => {
      const t = value as { roleIds?: unknown; autoExtend?: unknown } | null;
      return (
        typeof t?.autoExtend === 'boolean' &&
        Array.isArray(t.roleIds) &&
        t.roleIds.every((id) => typeof id === 'string')
      );
    },
  });

export type RoleTemplateFieldIssues = Partial<Record<keyof RoleTemplate, string>>;

/** A template's problems by field (the first message for each), empty when it may be saved. */
export function checkRoleTemplate(template: RoleTemplate): RoleTemplateFieldIssues {
  const parsed = roleTemplateSchema.safeParse(template);
  if (parsed.success) return {};
  const issues: RoleTemplateFieldIssues = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof RoleTemplate | undefined;
    if (field !== undefined && issues[field] === undefined) issues[field] = issue.message;
  }
  return issues;
}

export type DurationInput =
  { readonly ok: true; readonly days: number } | { readonly ok: false; readonly message: string };

/** The duration rule as the create form says it. */
export const DURATION_RULE = `Microsoft allows 1 to ${RELATIONSHIP_LIMITS.maxDurationDays} days (two years): type days (730) or an ISO 8601 duration (P2Y, P180D, P1Y6M).`;

/**
 * A relationship's duration as a person types it: a whole number of days ("730", "730 days") or an
 * ISO 8601 duration as Graph writes it ("P2Y", "p180d", "P1Y6M"; years count 365 days and months 30,
 * as `durationInDays` in shared/gdap/gdap.ts does). Anything else, or a length outside 1..730 days, is
 * refused with the rule: never read "P3Y" as 3.
 */
export function parseDurationInput(text: string): DurationInput {
  const t = text.trim();
  if (t === '') return { ok: false, message: `Type a duration. ${DURATION_RULE}` };
  let days: number | undefined;
  const plain = /^(\d{1,6})(?:\s*(?:d|days?))?$/i.exec(t);
  if (plain?.[1] !== undefined) days = Number(plain[1]);
  else if (/^p/i.test(t)) days = durationInDays(t.toUpperCase());
  if (days === undefined) return { ok: false, message: `"${t}" is not a duration. ${DURATION_RULE}` };
  if (!Number.isInteger(days))
    return { ok: false, message: `"${t}" is not a whole number of days. ${DURATION_RULE}` };
  if (days < RELATIONSHIP_LIMITS.minDurationDays || days > RELATIONSHIP_LIMITS.maxDurationDays)
    return { ok: false, message: `"${t}" is ${days} days. ${DURATION_RULE}` };
  return { ok: true, days };
}
