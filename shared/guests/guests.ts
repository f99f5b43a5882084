/**
 * B2B guest access: the partner's analysts as guest accounts in customer tenants, their state
 * (invited, accepted) and their directory roles (Security Reader or Security Operator; permanent,
 * active until a date, or eligible through PIM), as read fresh from Graph in the customer tenant.
 * Also the rules Entra applies to an invited address, checked here before anything is sent.
 */
import { z } from 'zod';
import { ROLE_IDS } from '../gdap/roles';
import { isGuid } from '../platform/tenant-id';

/** The roles Switchboard grants guests: the two Security Copilot needs (seed: B2B step 1.3.3). */
export const GUEST_ROLES = ['securityReader', 'securityOperator'] as const;
export type GuestRole = (typeof GUEST_ROLES)[number];
export const GUEST_ROLE_IDS: Readonly<Record<GuestRole, string>> = {
  securityReader: ROLE_IDS.securityReader,
  securityOperator: ROLE_IDS.securityOperator,
};
export const GUEST_ROLE_LABELS: Readonly<Record<GuestRole, string>> = {
  securityReader: 'Security Reader',
  securityOperator: 'Security Operator',
};

export function guestRoleOf(roleDefinitionId: string): GuestRole | undefined {
  const id = roleDefinitionId.toLowerCase();
  return GUEST_ROLES.find((r) => GUEST_ROLE_IDS[r] === id);
}

/**
 * How a role is held: `permanent` (no end), `active` (PIM, active until `endDateTime`) or `eligible`
 * (PIM: the guest activates it when needed, until `endDateTime`).
 */
export const GRANT_KINDS = ['permanent', 'active', 'eligible'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];
export const GRANT_KIND_LABELS: Readonly<Record<GrantKind, string>> = {
  permanent: 'Permanent',
  active: 'Active until a date',
  eligible: 'Eligible (activate in PIM) until a date',
};

export interface GuestRoleGrant {
  readonly role: GuestRole;
  readonly kind: GrantKind;
  /** When it ends; null for a permanent role. */
  readonly endDateTime: string | null;
}

export type GuestState = 'pendingAcceptance' | 'accepted';
export const GUEST_STATE_LABELS: Readonly<Record<GuestState, string>> = {
  pendingAcceptance: 'Invited, not accepted yet',
  accepted: 'Accepted',
};

/** One guest account in a customer tenant. */
export interface GuestAccount {
  /** The guest's object ID in the customer tenant. */
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
  /** The partner user it stands for (matched by address), when there is one. */
  readonly partnerUserId: string | null;
  readonly state: GuestState;
  /** Since when it is in that state (or when it was created, if Graph gives no change time). */
  readonly since: string | null;
  readonly roles: ReadonlyArray<GuestRoleGrant>;
}

/** What the partner may do in a customer, from the roles its GDAP path grants the signed-in user. */
export interface GuestPermissions {
  /** Guest Inviter, User Administrator or Global Administrator. */
  readonly invite: boolean;
  /** Privileged Role Administrator or Global Administrator. */
  readonly assignRoles: boolean;
  /** User Administrator or Global Administrator: delete a guest account. */
  readonly removeGuests: boolean;
}

/** A customer's guest accounts for the partner's users, as read now. */
export interface CustomerGuests {
  readonly tenantId: string;
  readonly readAt: string;
  /** Only the guests that stand for partner users (matched by address). */
  readonly guests: ReadonlyArray<GuestAccount>;
  readonly permissions: GuestPermissions;
  /** The tenant-explicit Security Copilot URL guests are sent to after redeeming. */
  readonly redirectUrl: string;
}

export interface InviteResult {
  readonly guests: CustomerGuests;
  readonly guest: GuestAccount;
  /** The link the analyst opens to accept; null when the account already existed and was accepted. */
  readonly redeemUrl: string | null;
  /** What happened, in the user's words (invited; already a guest; role assigned or extended). */
  readonly summary: string;
}

// --- the invited address ------------------------------------------------------------------------

/** Entra's limits: an address of at most 254 characters, a local part of at most 64. */
export const EMAIL_LIMITS = { total: 254, local: 64, label: 63 } as const;

// C0/C1 controls, and the bidirectional marks and overrides that can disguise an address.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export type EmailCheck =
  { readonly ok: true; readonly email: string } | { readonly ok: false; readonly message: string };

/**
 * One email address, as Entra accepts it for an invitation: no display-name form ("Ada <ada@x>"), no
 * list, no control or bidirectional characters; a local part of letters, digits and . - _ (. and -
 * not at either end, no two dots in a row); a domain of dot-separated labels; Entra's lengths.
 */
export function checkGuestEmail(input: string): EmailCheck {
  const email = input.trim();
  if (email === '') return { ok: false, message: 'Enter the analyst’s email address.' };
  if (CONTROL.test(email))
    return { ok: false, message: 'The address contains an invisible control character. Type it again.' };
  if (BIDI.test(email))
    return {
      ok: false,
      message: 'The address contains a hidden text-direction mark, which can disguise it. Type it again.',
    };
  if (/[<>]/.test(email))
    return {
      ok: false,
      message:
        'Enter the address only, without a name or angle brackets: ada@contoso.com, not "Ada <ada@contoso.com>".',
    };
  if (/[,;\s]/.test(email))
    return { ok: false, message: 'Enter one address only, without spaces, commas or semicolons.' };
  const at = email.split('@');
  if (at.length !== 2)
    return {
      ok: false,
      message:
        at.length < 2
          ? 'An email address needs an @, like ada@contoso.com.'
          : 'An email address has one @ only.',
    };
  const [local = '', domain = ''] = at;
  if (email.length > EMAIL_LIMITS.total)
    return {
      ok: false,
      message: `The address is ${email.length} characters; Entra accepts at most ${EMAIL_LIMITS.total}.`,
    };
  if (local === '') return { ok: false, message: 'The part before the @ is missing.' };
  if (local.length > EMAIL_LIMITS.local)
    return {
      ok: false,
      message: `The part before the @ is ${local.length} characters; Entra accepts at most ${EMAIL_LIMITS.local}.`,
    };
  if (!/^[A-Za-z0-9._-]+$/.test(local))
    return {
      ok: false,
      message:
        'Before the @, Entra accepts letters, digits and . - _ only (no other punctuation or accents).',
    };
  if (/^[.-]|[.-]$/.test(local))
    return { ok: false, message: 'The part before the @ cannot start or end with a dot or a hyphen.' };
  if (local.includes('..')) return { ok: false, message: 'The address cannot have two dots in a row.' };
  const labels = domain.split('.');
  if (
    labels.length < 2 ||
    labels.some(
      (l) =>
        l === '' || l.length > EMAIL_LIMITS.label || !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(l),
    ) ||
    !/^[A-Za-z]{2,}$/.test(labels[labels.length - 1] ?? '')
  )
    return { ok: false, message: `"${domain}" is not a domain name like contoso.com.` };
  return { ok: true, email };
}

export const guestEmailSchema = z
  .string({ error: 'The email address is missing.' })
  .max(1000, 'That is far too long for an email address.')
  .transform((value, ctx) => {
    const checked = checkGuestEmail(value);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }
    return checked.email;
  });

export const guestRoleSchema = z.enum(GUEST_ROLES, {
  error: 'Choose Security Reader or Security Operator.',
});

const guidSchema = (what: string) =>
  z
    .string()
    .trim()
    .refine(isGuid, { message: `The ${what} must be a GUID like 00000000-0000-0000-0000-000000000000.` });
export const guestIdSchema = guidSchema('guest account ID');
export const partnerUserIdSchema = guidSchema('partner user ID');
export const partnerGroupIdSchema = guidSchema('partner group ID');

/** How long a PIM-bound role lasts: Microsoft's role settings allow at most a year by default. */
export const MAX_GRANT_DAYS = 365;

/** A grant as the user chooses it: permanent, or active/eligible until a date. */
export const grantSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('permanent') }).strict(),
    z
      .object({
        kind: z.enum(['active', 'eligible']),
        endDateTime: z.iso.datetime({ offset: true, error: 'Choose the date the role ends.' }),
      })
      .strict(),
  ],
  { error: 'Choose permanent, active until a date, or eligible until a date.' },
);
export type Grant = z.output<typeof grantSchema>;

/** Why a grant's end date cannot be used, or undefined: after now, within MAX_GRANT_DAYS. */
export function checkGrantEnd(grant: Grant, now: Date): string | undefined {
  if (grant.kind === 'permanent') return undefined;
  const end = Date.parse(grant.endDateTime);
  if (end <= now.getTime()) return 'The end date has passed. Choose a date in the future.';
  if (end - now.getTime() > MAX_GRANT_DAYS * 86_400_000)
    return `Choose an end within ${MAX_GRANT_DAYS} days; for longer, choose permanent.`;
  return undefined;
}

/** "Security Reader, active until 3 Jan 2027" */
export function describeGrant(g: GuestRoleGrant, timeZone?: string): string {
  const until =
    g.endDateTime === null
      ? ''
      : new Date(g.endDateTime).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          timeZone,
        });
  const how =
    g.kind === 'permanent'
      ? 'permanent'
      : g.kind === 'active'
        ? `active until ${until}`
        : `eligible until ${until}`;
  return `${GUEST_ROLE_LABELS[g.role]}, ${how}`;
}

// --- offboarding ----------------------------------------------------------------------------------

/** One change of an offboarding plan: a guest account to remove in one customer (with its roles). */
export interface OffboardItem {
  readonly tenantId: string;
  readonly customerName: string;
  readonly guestId: string;
  /** "Guest account (accepted) with Security Reader, permanent" */
  readonly detail: string;
  /** False where the partner's GDAP roles there do not allow deleting a guest. */
  readonly possible: boolean;
  /** Why not, and what to do instead. */
  readonly reason: string | null;
}

/**
 * One partner group membership that gives the analyst GDAP access: the analyst is removed from this
 * group (a direct member of it), once, which ends the access it gives in every customer it reaches;
 * a group usually reaches many customers.
 */
export interface OffboardGroup {
  /** The group the analyst is a direct member of. */
  readonly groupId: string;
  readonly groupName: string;
  /**
   * The GDAP-mapped groups this one is nested in, when the analyst reaches them through it; empty when
   * GDAP access assignments map this group itself.
   */
  readonly through: ReadonlyArray<string>;
  /** The customers reached through it: names (sorted) and their tenant IDs. */
  readonly customers: ReadonlyArray<string>;
  readonly tenantIds: ReadonlyArray<string>;
  /** The step in words, naming the group and how many customers it reaches (describeGroupStep). */
  readonly detail: string;
}

export interface OffboardPlan {
  readonly partnerUserId: string;
  readonly displayName: string;
  readonly items: ReadonlyArray<OffboardItem>;
  /** Partner group memberships to remove, one step per group. */
  readonly groups: ReadonlyArray<OffboardGroup>;
  /** Customers whose guests could not be read now: the plan may miss a guest account there. */
  readonly unread: ReadonlyArray<{
    readonly tenantId: string;
    readonly customerName: string;
    readonly message: string;
  }>;
}

/**
 * How a step ended: `unchanged` when there was nothing left to do (already gone, no longer a member),
 * `skipped` when Switchboard may not do it there and said why.
 */
export type StepOutcome = 'succeeded' | 'unchanged' | 'failed' | 'skipped';
export const STEP_OUTCOME_LABELS: Readonly<Record<StepOutcome, string>> = {
  succeeded: 'Succeeded',
  unchanged: 'Unchanged',
  failed: 'Failed',
  skipped: 'Not possible',
};

export interface OffboardResult {
  readonly tenantId: string;
  readonly customerName: string;
  readonly outcome: StepOutcome;
  readonly message: string;
}

/** The result of one partner group step: one line, however many customers the group reaches. */
export interface OffboardGroupResult {
  readonly groupId: string;
  readonly groupName: string;
  readonly customerCount: number;
  readonly outcome: StepOutcome;
  readonly message: string;
}

export interface OffboardResults {
  /** One per customer with a guest account. */
  readonly customers: ReadonlyArray<OffboardResult>;
  /** One per partner group. */
  readonly groups: ReadonlyArray<OffboardGroupResult>;
}

/** "Adatum, Fabrikam, Northwind Traders and 9 more" */
export function someNames(names: ReadonlyArray<string>, shown = 3): string {
  if (names.length <= shown + 1)
    return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/**
 * A group step in words: which group; that removing the analyst from it is one change that ends the
 * GDAP access it gives in every customer it is mapped to; how many, and some of their names.
 */
export function describeGroupStep(
  analyst: string,
  group: { readonly groupName: string; readonly through: ReadonlyArray<string> },
  customers: ReadonlyArray<string>,
): string {
  const nested =
    group.through.length === 0
      ? ''
      : `, which is nested in ${group.through.map((t) => `“${t}”`).join(' and ')}`;
  const count = customers.length === 1 ? 'the 1 customer' : `all ${customers.length} customers`;
  return `Remove ${analyst} from the partner group “${group.groupName}”${nested}: one change that ends ${analyst}'s GDAP access through it in ${count} it is mapped to (${someNames(customers)}).`;
}

// --- onboarding: the same plan in reverse ----------------------------------------------------------

/** One customer of an onboarding plan: invite the analyst with the role, give the role, or nothing. */
export interface OnboardItem {
  readonly tenantId: string;
  readonly customerName: string;
  readonly action: 'invite' | 'assign' | 'none';
  /** What will be done, or why nothing is needed. */
  readonly detail: string;
  readonly possible: boolean;
  /** Why it is not possible, and what to do instead. */
  readonly reason: string | null;
}

/**
 * A partner group GDAP access assignments map to at least one chosen customer, which the user may pick
 * to add the analyst to: the offboarding group step in reverse. Adding is one change that gives access
 * in every customer the group is mapped to, not only the chosen ones.
 */
export interface OnboardGroup {
  readonly groupId: string;
  readonly groupName: string;
  /** Every customer the group is mapped to: names (sorted) and their tenant IDs. */
  readonly customers: ReadonlyArray<string>;
  readonly tenantIds: ReadonlyArray<string>;
  /** How many of them are among the chosen customers. */
  readonly chosen: number;
  /** The analyst is a direct member already: nothing to do. */
  readonly alreadyMember: boolean;
  /** The step in words (describeGroupAddStep). */
  readonly detail: string;
}

/**
 * An onboarding group step in words: which group, and that adding the analyst is one change that
 * gives GDAP access in every customer the group is mapped to (how many, some names), not only the
 * chosen ones.
 */
export function describeGroupAddStep(
  analyst: string,
  group: { readonly groupName: string; readonly customers: ReadonlyArray<string>; readonly chosen: number },
  alreadyMember: boolean,
): string {
  const n = group.customers.length;
  const count = n === 1 ? 'the 1 customer' : `every one of the ${n} customers`;
  if (alreadyMember)
    return `${analyst} is already a member of the partner group “${group.groupName}” (mapped to ${n === 1 ? '1 customer' : `${n} customers`}: ${someNames(group.customers)}); nothing to do.`;
  const beyond =
    n > group.chosen ? `: not only the ${group.chosen} chosen here, also ${n - group.chosen} more` : '';
  return `Add ${analyst} to the partner group “${group.groupName}”: one change that gives ${analyst} GDAP access through it in ${count} it is mapped to${beyond} (${someNames(group.customers)}).`;
}

export interface OnboardPlan {
  readonly partnerUserId: string;
  readonly displayName: string;
  readonly email: string;
  readonly role: GuestRole;
  readonly grant: Grant;
  readonly items: ReadonlyArray<OnboardItem>;
  /** Partner groups mapped to the chosen customers, which the user may pick (none is added unless picked). */
  readonly groups: ReadonlyArray<OnboardGroup>;
  readonly unread: ReadonlyArray<{
    readonly tenantId: string;
    readonly customerName: string;
    readonly message: string;
  }>;
}

export interface OnboardResult extends OffboardResult {
  /** The link to accept, where an invitation was sent. */
  readonly redeemUrl: string | null;
}

export interface OnboardResults {
  /** One per customer with something to do. */
  readonly customers: ReadonlyArray<OnboardResult>;
  /** One per picked partner group. */
  readonly groups: ReadonlyArray<OffboardGroupResult>;
}
