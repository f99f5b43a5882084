/**
 * The contract's `gdap.*` commands. Core creates the GDAP services (they share its account, cloud,
 * directory and audit log, and core's events) and spreads these handlers into its own; here they only
 * keep the templates and shape answers (export files).
 */
import type { CommandName } from '../../../shared/contract/contract';
import { expiringRelationships } from '../../../shared/gdap/expiring';
import type { RoleTemplate } from '../../../shared/gdap/gdap-draft';
import type { DirectoryService } from '../directory/directory-service';
import type { Handlers } from '../platform/dispatcher';
import type { DocumentStore } from '../platform/persistence/document-store';
import type { GdapAccess } from './gdap-access';
import type { GdapAssignments } from './gdap-assignments';
import type { GdapBulk } from './gdap-bulk';
import { bulkResultsToCsv, relationshipsToCsv } from './gdap-csv';
import type { TemplateDocument } from './gdap-documents';
import type { GdapService } from './gdap-service';

/** gdap.* only: the audit commands the GDAP contract also lists read core's audit log, so core keeps them. */
export type GdapHandlers = Pick<Handlers, Extract<CommandName, `gdap.${string}`>>;

export interface GdapHandlerDependencies {
  readonly gdap: GdapService;
  readonly assignments: GdapAssignments;
  readonly access: GdapAccess;
  readonly bulk: GdapBulk;
  /** Expiring relationships and the relationships export come from the last sync, not from Graph. */
  readonly directory: DirectoryService;
  readonly templateStore: DocumentStore<TemplateDocument>;
  /** The templates as the analyst sees them; core keeps the list, since bulk plans read it too. */
  readonly templates: () => ReadonlyArray<RoleTemplate & { builtIn: boolean }>;
  readonly now: () => Date;
}

export function gdapHandlers(deps: GdapHandlerDependencies): GdapHandlers {
  const { gdap, assignments, access, bulk, directory, templateStore, templates, now } = deps;
  return {
    'gdap.templates': () => templates(),
    // The dispatcher has checked the template against the one template schema (roleTemplateSchema in
    // shared/gdap/gdap-draft.ts, the same the Templates tab checks as the user types), every rule in it.
    'gdap.saveTemplate': (template) => {
      const own = templateStore.get().templates.filter((t) => t.id !== template.id);
      templateStore.set({ templates: [...own, template] });
      return templates();
    },
    'gdap.resetTemplate': ({ id }) => {
      templateStore.set({ templates: templateStore.get().templates.filter((t) => t.id !== id) });
      return templates();
    },
    'gdap.relationships': ({ tenantId }) => gdap.relationships(tenantId),
    'gdap.allRelationships': () => {
      const snapshot = directory.snapshot();
      if (!snapshot) return [];
      const rows = snapshot.customers.flatMap((c) =>
        c.relationships.map((r) => ({
          ...r,
          assignedGroups: c.assignments
            .filter((a) => a.relationshipId === r.id && (a.status === 'active' || a.status === 'pending'))
            .map((a) => a.groupName ?? a.groupId),
        })),
      );
      return [...rows, ...snapshot.openRelationships.map((r) => ({ ...r, assignedGroups: [] }))];
    },
    'gdap.relationship': ({ relationshipId }) => gdap.relationship(relationshipId),
    'gdap.create': (draft) => gdap.create(draft),
    'gdap.lock': ({ relationshipId, etag }) => gdap.lock(relationshipId, etag),
    'gdap.approvalRequest': ({ relationshipId }) => gdap.approvalRequest(relationshipId),
    'gdap.setAutoExtend': ({ relationshipId, etag, autoExtend }) =>
      gdap.setAutoExtend(relationshipId, etag, autoExtend),
    'gdap.removeGlobalAdmin': ({ relationshipId, etag }) => gdap.removeGlobalAdmin(relationshipId, etag),
    'gdap.terminate': ({ relationshipId, etag, confirmName }) =>
      gdap.terminate(relationshipId, etag, confirmName),
    'gdap.deleteRelationship': ({ relationshipId, etag }) => gdap.deleteRelationship(relationshipId, etag),
    'gdap.permissions': () => access.permissions(),
    'gdap.partnerGroups': ({ search }) => gdap.partnerGroups(search),
    'gdap.partnerUsers': ({ search }) => gdap.partnerUsers(search),
    'gdap.addAssignment': ({ relationshipId, groupId, roleIds }) =>
      assignments.addAssignment(relationshipId, groupId, roleIds),
    'gdap.updateAssignment': ({ relationshipId, assignmentId, etag, roleIds }) =>
      assignments.updateAssignment(relationshipId, assignmentId, etag, roleIds),
    'gdap.removeAssignment': ({ relationshipId, assignmentId, etag }) =>
      assignments.removeAssignment(relationshipId, assignmentId, etag),
    'gdap.accessCheck': ({ tenantId, userId }) => access.accessCheck(tenantId, userId),
    'gdap.expiring': () => expiringRelationships(directory.snapshot(), now()),
    'gdap.bulkPlan': (request) => bulk.plan(request),
    'gdap.bulkApply': (request) => bulk.apply(request),
    'gdap.exportRelationships': () => ({
      fileName: `gdap-relationships-${now().toISOString().slice(0, 10)}.csv`,
      mimeType: 'text/csv',
      content: relationshipsToCsv(directory.snapshot(), now()),
    }),
    'gdap.exportBulkResults': () => ({
      fileName: `gdap-bulk-results-${now().toISOString().slice(0, 10)}.csv`,
      mimeType: 'text/csv',
      content: bulkResultsToCsv(bulk.lastResults()),
    }),
  };
}
