/**
 * Copilot in Azure access (issue 16), as the app shows and changes it per tenant: whether the tenant
 * restricts Copilot in Azure to holders of the Azure Copilot User role, who holds it, and a guided
 * change (elevate, set the switch, assign or remove the role, remove the elevation). Plain data and
 * zod schemas shared by core and the renderer.
 */
import { z } from 'zod';
import { tenantIdSchema } from '../customers/customer';
import { isGuid } from '../platform/tenant-id';

/**
 * The role that lets a user use Copilot in Azure once the tenant is restricted. It was renamed; the
 * app looks it up by name at its scope (current name first, then the former one) rather than trusting
 * the ID. UNCONFIRMED: the ID comes from a third-party catalogue, not from Microsoft's documentation.
 */
export const COPILOT_ROLE = {
  name: 'Azure Copilot User',
  formerName: 'Copilot for Azure User',
  reportedId: '6cd4ddd5-44f4-45bf-853e-a23e79738ce8',
  /** Its only assignable scope (ARM writes scopes with a leading slash). */
  scope: '/providers/Microsoft.PortalServices',
} as const;

/** What a Global Administrator gets from elevateAccess: User Access Administrator at `/`. */
export const USER_ACCESS_ADMINISTRATOR_ROLE_ID = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

/** A user or group of a tenant's directory, as the panel and the picker show it. */
export interface DirectoryPrincipal {
  readonly id: string;
  readonly kind: 'user' | 'group';
  readonly displayName: string;
  /** A user's sign-in name, a group's description; null when there is none. */
  readonly detail: string | null;
}

/** Whether the tenant restricts Copilot in Azure: `unknown` when it could not be read. */
export type CopilotAvailability = 'everyone' | 'restricted' | 'unknown';

export interface CopilotPanel {
  readonly tenantId: string;
  readonly tenantName: string;
  /** True for the partner's own tenant. */
  readonly home: boolean;
  /** The signed-in account the panel was read as. */
  readonly account: string;
  /** Whether that account is Global Administrator there (from its token's directory roles). */
  readonly globalAdministrator: boolean;
  readonly availability: CopilotAvailability;
  /** The availability in words, with why it could not be read when it could not. */
  readonly availabilityText: string;
  /** Who holds the role; null when it could not be read (holdersText says why). */
  readonly holders: ReadonlyArray<DirectoryPrincipal> | null;
  readonly holdersText: string | null;
  /** The role as ARM names it now, and its former name; null when the lookup failed. */
  readonly role: { readonly name: string; readonly formerName: string; readonly id: string } | null;
  /** Whether the account holds elevated access there now (null: could not tell). */
  readonly elevated: boolean | null;
  /** Whether this reading elevated for a moment (and removed it again). */
  readonly readWithElevation: boolean;
}

const guid = (what: string) =>
  z
    .string()
    .trim()
    .refine(isGuid, { message: `The ${what} must be a GUID like 00000000-0000-0000-0000-000000000000.` });

export const principalRefSchema = z
  .object({
    id: guid('user or group ID'),
    kind: z.enum(['user', 'group'], { error: 'A principal is a "user" or a "group".' }),
    displayName: z.string().trim().min(1, 'The name is missing.').max(256),
    /** As the picker showed it (a sign-in name or a description); not sent to Azure. */
    detail: z.string().max(1024).nullable().optional(),
  })
  .strict();
export type PrincipalRef = z.output<typeof principalRefSchema>;

export const tenantRefSchema = tenantIdSchema.nullable();

/** One guided change in one tenant: the switch (null: leave it) and the role holders to add and remove. */
export const copilotChangeSchema = z
  .object({
    /** null: the partner's own tenant. */
    tenantId: tenantRefSchema,
    /** true: only role holders may use Copilot in Azure; false: everyone; null: leave the switch. */
    restrict: z.boolean().nullable(),
    add: z.array(principalRefSchema).max(100, 'Add at most 100 users or groups at once.'),
    remove: z.array(principalRefSchema).max(100, 'Remove at most 100 users or groups at once.'),
  })
  .strict()
  .refine((c) => c.restrict !== null || c.add.length > 0 || c.remove.length > 0, {
    message: 'Nothing to change: choose on or off, or users or groups to add or remove.',
  })
  .refine((c) => !c.add.some((a) => c.remove.some((r) => r.id.toLowerCase() === a.id.toLowerCase())), {
    message: 'The same user or group is both added and removed; pick one.',
  });
export type CopilotChange = z.output<typeof copilotChangeSchema>;

export type PlanStepKind = 'elevate' | 'keepElevation' | 'switch' | 'assign' | 'remove' | 'unelevate';

export interface PlanStep {
  readonly kind: PlanStepKind;
  readonly description: string;
}

export interface CopilotPlan {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly account: string;
  /** The account already held elevated access: it is left as found. */
  readonly alreadyElevated: boolean;
  readonly steps: ReadonlyArray<PlanStep>;
}

export type StepOutcome = 'done' | 'unchanged' | 'failed' | 'skipped';

export interface CopilotChangeResult {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly outcome: 'succeeded' | 'failed' | 'cancelled';
  readonly steps: ReadonlyArray<{
    readonly kind: PlanStepKind;
    readonly description: string;
    readonly outcome: StepOutcome;
    readonly message: string | null;
  }>;
  /** What happened to the elevation, in words (removed, left as found, or how to remove it by hand). */
  readonly elevation: string;
  readonly message: string;
}

/** Restrict Copilot in Azure and grant one group (found by name in each tenant) the role, in many tenants. */
export const copilotBulkSchema = z
  .object({
    tenantIds: z.array(tenantIdSchema).min(1, 'Pick at least one customer.').max(2_000),
    groupName: z
      .string()
      .trim()
      .min(1, 'Type the name of the group to grant the role (as it is named in each customer’s directory).')
      .max(256),
  })
  .strict();
export type CopilotBulkRequest = z.output<typeof copilotBulkSchema>;

export interface CopilotBulkPlanItem {
  readonly tenantId: string;
  readonly customerName: string;
  readonly changes: ReadonlyArray<string>;
  /** Why nothing will change there, when nothing will. */
  readonly skipped: string | null;
}

export interface CopilotBulkResult {
  readonly tenantId: string;
  readonly customerName: string;
  readonly outcome: 'succeeded' | 'failed' | 'skipped';
  readonly message: string;
}

export interface NetworkCheck {
  /** The Direct Line host tested (from the cloud profile); null where the cloud names none. */
  readonly host: string | null;
  /** works: a websocket opened; reachable: the host answered without opening one; blocked: no answer. */
  readonly outcome: 'works' | 'reachable' | 'blocked' | 'notOffered';
  readonly message: string;
}

/** The availability as the panel words it. */
export function availabilityText(availability: CopilotAvailability, neverSet: boolean): string {
  switch (availability) {
    case 'everyone':
      return neverSet
        ? 'Available to all users (never restricted: Microsoft’s default)'
        : 'Available to all users';
    case 'restricted':
      return `Restricted: only users who hold the ${COPILOT_ROLE.name} role, directly or through a group`;
    case 'unknown':
      return 'Not known';
  }
}
