/**
 * The GDAP part of the contract (issue 5): commands to create, approve, map, extend and terminate
 * relationships, the access check, the expiring view, bulk changes and the audit trail. Inputs are
 * zod schemas (an IPC message is input like any other); outputs are plain types.
 */
import { z } from 'zod';
import type { AuditEntryView } from '../audit/audit';
import type { AccessCheck } from './access-check';
import type { DirectoryAssignment, DirectoryRelationship } from '../directory/directory';
import type { ExpiringRelationship } from './expiring';
import { roleTemplateSchema, type RoleTemplate } from './gdap-draft';
import { isKnownRole } from './roles';
import { isGuid } from '../platform/tenant-id';
import { tenantIdSchema } from '../customers/customer';

const guid = (what: string) =>
  z
    .string()
    .trim()
    .refine(isGuid, { message: `The ${what} must be a GUID like 00000000-0000-0000-0000-000000000000.` });

/** A relationship ID: two hyphen-joined GUIDs (Graph; graph-docs #21272). */
export const relationshipIdSchema = z
  .string()
  .trim()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'A relationship ID is two GUIDs joined by a hyphen, as Partner Center shows it.',
  );
const etagSchema = z.string().min(1, 'The ETag of the relationship you saw is needed.').max(200);
const roleIdsSchema = z
  .array(z.string().refine(isKnownRole, { message: 'is not a Microsoft Entra built-in role' }))
  .min(1, 'Choose at least one role.')
  .max(80);

export const relationshipDraftSchema = z
  .object({
    displayName: z.string().max(200),
    customerTenantId: z.string().max(100).nullable(),
    roleIds: z.array(z.string().max(100)).max(80),
    durationDays: z.number(),
    autoExtend: z.boolean(),
  })
  .strict();

/** A relationship with its access assignments and the ETags to change them. */
export interface RelationshipDetails {
  readonly relationship: DirectoryRelationship;
  readonly assignments: ReadonlyArray<DirectoryAssignment & { readonly etag: string | null }>;
  /** The approval link while the customer has to approve it; null otherwise. */
  readonly approvalLink: string | null;
}

export interface ApprovalRequest {
  readonly relationship: DirectoryRelationship;
  readonly link: string;
  readonly message: string;
}

export interface PartnerGroup {
  readonly id: string;
  readonly displayName: string;
  readonly description: string | null;
  /** AdminAgents, HelpdeskAgents and SalesAgents cannot hold GDAP roles. */
  readonly reserved: boolean;
}

export interface PartnerUser {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
}

export const BULK_ACTIONS = ['create', 'autoExtend', 'removeGlobalAdmin', 'addAssignment'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_ACTION_LABELS: Readonly<Record<BulkAction, string>> = {
  create: 'Create a relationship from a template',
  autoExtend: 'Extend: turn auto-extend on',
  removeGlobalAdmin: 'Remove Global Administrator',
  addAssignment: 'Add an access assignment',
};

export const bulkRequestSchema = z
  .object({
    action: z.enum(BULK_ACTIONS, { error: `The bulk action must be one of: ${BULK_ACTIONS.join(', ')}.` }),
    tenantIds: z.array(tenantIdSchema).min(1, 'Pick at least one customer.').max(10_000),
    /** create: the template; the name is `<customer name> <nameSuffix>`, cut to fit 50 characters. */
    templateId: z.string().min(1).max(80).optional(),
    nameSuffix: z.string().max(40).optional(),
    /** addAssignment: the partner group and its roles. */
    groupId: guid('group ID').optional(),
    roleIds: roleIdsSchema.optional(),
  })
  .strict();
export type BulkRequest = z.output<typeof bulkRequestSchema>;

export interface BulkChange {
  /** The relationship it changes; null for a relationship still to be created. */
  readonly relationshipId: string | null;
  readonly description: string;
}

export interface BulkPlanItem {
  readonly tenantId: string;
  readonly customerName: string;
  /** What will change in this tenant, exactly. */
  readonly changes: ReadonlyArray<BulkChange>;
  /** Why nothing will change here, when nothing will. */
  readonly skipped: string | null;
}

export interface BulkResult {
  readonly tenantId: string;
  readonly customerName: string;
  readonly outcome: 'succeeded' | 'failed' | 'skipped';
  readonly message: string;
  readonly requestIds: ReadonlyArray<string>;
}

export interface BulkProgress {
  readonly done: number;
  readonly total: number;
  readonly results: ReadonlyArray<BulkResult>;
  readonly running: boolean;
}

export interface ExportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
}

export interface StatusChange {
  readonly relationshipId: string;
  readonly displayName: string;
  readonly customerName: string | null;
  readonly from: string;
  readonly to: string;
  readonly message: string;
}

const relationshipRef = z.object({ relationshipId: relationshipIdSchema }).strict();
const relationshipChange = z.object({ relationshipId: relationshipIdSchema, etag: etagSchema }).strict();

/** Partner Center's group of admin agents: only its members may change GDAP. */
export const ADMIN_AGENTS_GROUP = 'AdminAgents';

/** Whether the signed-in account may change GDAP, known before any form is filled. */
export interface GdapPermissions {
  readonly account: string;
  /** null: the account's groups could not be read; Graph decides when a change is sent. */
  readonly canWrite: boolean | null;
  /** Why not, and what to do, when it may not. */
  readonly reason: string | null;
}

/** One relationship of the last sync, for the all-relationships table: its customer and its assignments. */
export interface RelationshipRow extends DirectoryRelationship {
  /** Partner groups assigned roles in it (active or being applied). */
  readonly assignedGroups: ReadonlyArray<string>;
}

function spec<I extends z.ZodType>(input: I) {
  return { returns: <O>() => ({ input, output: undefined as O | undefined }) };
}

export const gdapCommands = {
  'gdap.templates': spec(z.object({}).strict()).returns<ReadonlyArray<RoleTemplate & { builtIn: boolean }>>(),
  'gdap.saveTemplate': spec(roleTemplateSchema.strict()).returns<
    ReadonlyArray<RoleTemplate & { builtIn: boolean }>
  >(),
  'gdap.resetTemplate': spec(z.object({ id: z.string().min(1).max(80) }).strict()).returns<
    ReadonlyArray<RoleTemplate & { builtIn: boolean }>
  >(),
  'gdap.relationships': spec(z.object({ tenantId: tenantIdSchema.nullable() }).strict()).returns<
    ReadonlyArray<DirectoryRelationship>
  >(),
  /** Every relationship of the last sync, across customers (and open offers). */
  'gdap.allRelationships': spec(z.object({}).strict()).returns<ReadonlyArray<RelationshipRow>>(),
  'gdap.relationship': spec(relationshipRef).returns<RelationshipDetails>(),
  'gdap.create': spec(relationshipDraftSchema).returns<DirectoryRelationship>(),
  'gdap.lock': spec(relationshipChange).returns<ApprovalRequest>(),
  'gdap.approvalRequest': spec(relationshipRef).returns<ApprovalRequest>(),
  'gdap.setAutoExtend': spec(
    z.object({ relationshipId: relationshipIdSchema, etag: etagSchema, autoExtend: z.boolean() }).strict(),
  ).returns<DirectoryRelationship>(),
  'gdap.removeGlobalAdmin': spec(relationshipChange).returns<DirectoryRelationship>(),
  'gdap.terminate': spec(
    z
      .object({
        relationshipId: relationshipIdSchema,
        etag: etagSchema,
        /** The customer's (or, without one, the relationship's) name, typed by the user to confirm. */
        confirmName: z.string().max(200),
      })
      .strict(),
  ).returns<DirectoryRelationship>(),
  /** Deletes a relationship still in draft (created); answers the relationship as it was. */
  'gdap.deleteRelationship': spec(relationshipChange).returns<DirectoryRelationship>(),
  'gdap.permissions': spec(z.object({}).strict()).returns<GdapPermissions>(),
  'gdap.partnerGroups': spec(z.object({ search: z.string().max(120) }).strict()).returns<
    ReadonlyArray<PartnerGroup>
  >(),
  'gdap.partnerUsers': spec(z.object({ search: z.string().max(120) }).strict()).returns<
    ReadonlyArray<PartnerUser>
  >(),
  'gdap.addAssignment': spec(
    z
      .object({ relationshipId: relationshipIdSchema, groupId: guid('group ID'), roleIds: roleIdsSchema })
      .strict(),
  ).returns<RelationshipDetails>(),
  'gdap.updateAssignment': spec(
    z
      .object({
        relationshipId: relationshipIdSchema,
        assignmentId: guid('assignment ID'),
        etag: etagSchema,
        roleIds: roleIdsSchema,
      })
      .strict(),
  ).returns<RelationshipDetails>(),
  'gdap.removeAssignment': spec(
    z
      .object({ relationshipId: relationshipIdSchema, assignmentId: guid('assignment ID'), etag: etagSchema })
      .strict(),
  ).returns<RelationshipDetails>(),
  'gdap.accessCheck': spec(
    z.object({ tenantId: tenantIdSchema, userId: guid('user ID').nullable() }).strict(),
  ).returns<AccessCheck>(),
  'gdap.expiring': spec(z.object({}).strict()).returns<ReadonlyArray<ExpiringRelationship>>(),
  'gdap.bulkPlan': spec(bulkRequestSchema).returns<ReadonlyArray<BulkPlanItem>>(),
  'gdap.bulkApply': spec(bulkRequestSchema).returns<ReadonlyArray<BulkResult>>(),
  'gdap.exportRelationships': spec(z.object({}).strict()).returns<ExportFile>(),
  'gdap.exportBulkResults': spec(z.object({}).strict()).returns<ExportFile>(),
  'audit.list': spec(
    z
      .object({
        tenantId: tenantIdSchema.optional(),
        action: z.string().max(80).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
  ).returns<{ readonly entries: ReadonlyArray<AuditEntryView>; readonly unreadableLines: number }>(),
  'audit.export': spec(
    z
      .object({
        format: z.enum(['csv', 'json'], { error: 'Export the audit trail as "csv" or "json".' }),
        tenantId: tenantIdSchema.optional(),
        action: z.string().max(80).optional(),
      })
      .strict(),
  ).returns<ExportFile>(),
};

export interface GdapEventPayloads {
  /** A followed relationship changed status (approved, active, ...). */
  readonly 'gdap.statusChanged': StatusChange;
  readonly 'gdap.bulkProgress': BulkProgress;
  /** Relationships that crossed a 30/7/1-day threshold since the last alert. */
  readonly 'gdap.expiryAlert': { readonly items: ReadonlyArray<ExpiringRelationship> };
}
