/**
 * The B2B guests part of the contract (issue 15): read a customer's guest accounts for the partner's
 * analysts, invite, grant or extend Security Reader / Security Operator, remove a role or the guest,
 * and the access matrix (analysts x customers) with its CSV export. Inputs are zod schemas (an IPC
 * message is input like any other); outputs are plain types.
 */
import { z } from 'zod';
import { tenantIdSchema } from '../customers/customer';
import { displayNameProblem } from '../platform/display-name';
import type { AccessMatrix } from './access-matrix';
import {
  grantSchema,
  guestEmailSchema,
  guestIdSchema,
  guestRoleSchema,
  partnerGroupIdSchema,
  partnerUserIdSchema,
  type CustomerGuests,
  type InviteResult,
  type OffboardPlan,
  type OffboardResults,
  type OnboardPlan,
  type OnboardResults,
} from './guests';

function spec<I extends z.ZodType>(input: I) {
  return { returns: <O>() => ({ input, output: undefined as O | undefined }) };
}

/** An invitation's personal message: Graph's customizedMessageBody, plain text. */
export const MAX_INVITE_MESSAGE = 2000;

const displayNameSchema = z
  .string()
  .trim()
  .max(256, 'The display name can be at most 256 characters.')
  .superRefine((name, ctx) => {
    const problem = name === '' ? null : displayNameProblem(name, 'The display name');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export interface GuestChange {
  readonly guests: CustomerGuests;
  /** What happened, in the user's words. */
  readonly summary: string;
}

export interface MatrixExport {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
}

const onboardSchema = z
  .object({
    partnerUserId: partnerUserIdSchema,
    tenantIds: z.array(tenantIdSchema).min(1, 'Pick at least one customer.').max(20000),
    role: guestRoleSchema,
    grant: grantSchema,
  })
  .strict();

export const guestCommands = {
  'guests.list': spec(z.object({ tenantId: tenantIdSchema }).strict()).returns<CustomerGuests>(),
  'guests.invite': spec(
    z
      .object({
        tenantId: tenantIdSchema,
        email: guestEmailSchema,
        displayName: displayNameSchema.optional(),
        message: z
          .string()
          .max(MAX_INVITE_MESSAGE, `The message can be at most ${MAX_INVITE_MESSAGE} characters.`)
          .optional(),
        /** The role to grant once invited; none: invite only. */
        role: guestRoleSchema.optional(),
        grant: grantSchema.optional(),
      })
      .strict(),
  ).returns<InviteResult>(),
  'guests.assignRole': spec(
    z
      .object({ tenantId: tenantIdSchema, guestId: guestIdSchema, role: guestRoleSchema, grant: grantSchema })
      .strict(),
  ).returns<GuestChange>(),
  'guests.removeRole': spec(
    z
      .object({
        tenantId: tenantIdSchema,
        guestId: guestIdSchema,
        role: guestRoleSchema,
        kind: z.enum(['assigned', 'eligible'], {
          error: 'Say which to remove: the assigned or the eligible role.',
        }),
      })
      .strict(),
  ).returns<GuestChange>(),
  'guests.remove': spec(
    z.object({ tenantId: tenantIdSchema, guestId: guestIdSchema }).strict(),
  ).returns<GuestChange>(),
  /** The access matrix from the last sync and the guests last read; `refresh` reads every customer's guests first. */
  'guests.matrix': spec(z.object({ refresh: z.boolean() }).strict()).returns<AccessMatrix>(),
  /** Everything that gives one analyst access, read fresh from every customer. */
  'guests.offboardPlan': spec(
    z.object({ partnerUserId: partnerUserIdSchema }).strict(),
  ).returns<OffboardPlan>(),
  /**
   * Applies the plan: removes the guest accounts and the partner group memberships. With `tenantIds`
   * or `groupIds` (retrying failures), only those customers' guest accounts and those groups.
   */
  'guests.offboardApply': spec(
    z
      .object({
        partnerUserId: partnerUserIdSchema,
        tenantIds: z.array(tenantIdSchema).max(20000).optional(),
        groupIds: z.array(partnerGroupIdSchema).max(1000).optional(),
      })
      .strict(),
  ).returns<OffboardResults>(),
  /** Onboarding, the offboarding plan in reverse: invite or give the role in each chosen customer. */
  'guests.onboardPlan': spec(onboardSchema).returns<OnboardPlan>(),
  /**
   * Applies the plan: invites or gives the role (`tenantIds`: only those customers, retrying failures)
   * and adds the analyst to the partner groups picked from the plan (`groupIds`; none when omitted).
   */
  'guests.onboardApply': spec(
    z
      .object({
        partnerUserId: partnerUserIdSchema,
        tenantIds: z.array(tenantIdSchema).max(20000).optional(),
        groupIds: z.array(partnerGroupIdSchema).max(1000).optional(),
      })
      .strict(),
  ).returns<OnboardResults>(),
  'guests.exportMatrix': spec(
    z
      .object({
        /** The cells to export, as the view filtered them: analyst and customer IDs. */
        analystIds: z.array(z.string().max(100)).max(5000).optional(),
        tenantIds: z.array(tenantIdSchema).max(20000).optional(),
      })
      .strict(),
  ).returns<MatrixExport>(),
};

export interface GuestEventPayloads {
  /** Reading every customer's guests for the matrix: n of N. */
  readonly 'guests.progress': { readonly done: number; readonly total: number };
}
