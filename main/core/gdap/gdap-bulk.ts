/**
 * Bulk GDAP changes over many customers: a plan of exactly what will change in each tenant, read
 * fresh from Graph, then apply with progress and a result per customer. Applying plans each
 * customer again from fresh state, so a retry of the failed ones does only what is still missing.
 */
import { z } from 'zod';
import type { BulkChange, BulkPlanItem, BulkRequest, BulkResult } from '../../../shared/gdap/gdap-contract';
import {
  checkRelationshipDraft,
  relationshipRequestBody,
  type RoleTemplate,
} from '../../../shared/gdap/gdap-draft';
import {
  ACCESS_GRANTING_STATUSES,
  accessAssignmentSchema,
  autoExtends,
  GLOBAL_ADMIN_AUTO_EXTEND,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  includesGlobalAdministrator,
  relationshipSchema,
  RELATIONSHIP_LIMITS,
  type DelegatedAdminRelationship,
} from '../../../shared/gdap/gdap';
import { roleName } from '../../../shared/gdap/roles';
import type { DirectoryService } from '../directory/directory-service';
import { toDirectoryRelationship } from '../directory/read-directory';
import { describeFailure } from '../platform/cloud-errors';
import { UserFacingError } from '../platform/errors';
import { graphGetAll } from '../platform/graph/graph-client';
import { runPool } from '../platform/graph/pool';
import { followOperation } from './gdap-operation';
import { relationshipsOfCustomer, type GdapService, type Session } from './gdap-service';

const BASE = '/tenantRelationships/delegatedAdminRelationships';
const TOP = `$top=${RELATIONSHIP_LIMITS.maxPageSize}`;
/** Customers changed at once: writes are throttled per tenant and per partner; keep it modest. */
export const BULK_CONCURRENCY = 4;

/** One planned step with what it needs to be carried out. */
interface Step extends BulkChange {
  readonly run: (s: Session) => Promise<{ requestId: string | null }>;
}

interface CustomerPlan {
  readonly item: BulkPlanItem;
  readonly steps: ReadonlyArray<Step>;
}

export class GdapBulk {
  private last: BulkResult[] = [];
  private running = false;

  constructor(
    private readonly gdap: GdapService,
    private readonly directory: DirectoryService,
    private readonly templates: () => ReadonlyArray<RoleTemplate>,
    private readonly onProgress: (
      done: number,
      total: number,
      results: ReadonlyArray<BulkResult>,
      running: boolean,
    ) => void,
    private readonly concurrency = BULK_CONCURRENCY,
  ) {}

  lastResults(): ReadonlyArray<BulkResult> {
    return this.last;
  }

  private customerName(tenantId: string): string {
    return this.directory.customer(tenantId)?.displayName ?? tenantId;
  }

  private async validate(
    s: Session,
    request: BulkRequest,
  ): Promise<{ template?: RoleTemplate; groupName?: string }> {
    if (request.action === 'create') {
      const template = this.templates().find((t) => t.id === request.templateId);
      if (!template)
        throw new UserFacingError('invalid_input', 'Choose the role template to create relationships from.', [
          { field: 'templateId', message: 'Choose a template.' },
        ]);
      return { template };
    }
    if (request.action === 'addAssignment') {
      if (request.groupId === undefined || request.roleIds === undefined)
        throw new UserFacingError('invalid_input', 'Choose the partner group and the roles to assign.', [
          { field: 'groupId', message: 'Choose a group.' },
        ]);
      const group = (await this.gdap.partnerGroups('', s)).find(
        (g) => g.id.toLowerCase() === request.groupId?.toLowerCase(),
      );
      if (!group)
        throw new UserFacingError(
          'invalid_input',
          `There is no security group ${request.groupId} in your partner tenant.`,
          [{ field: 'groupId', message: 'Pick a group of your partner tenant.' }],
        );
      if (group.reserved)
        throw new UserFacingError(
          'invalid_input',
          `${group.displayName} is reserved by Partner Center and cannot hold GDAP roles. Use a security group of your own.`,
          [{ field: 'groupId', message: `${group.displayName} cannot be assigned.` }],
        );
      return { groupName: group.displayName };
    }
    return {};
  }

  /** What the request would change in one customer, from Graph's state now. */
  private async planCustomer(
    s: Session,
    request: BulkRequest,
    tenantId: string,
    context: { template?: RoleTemplate; groupName?: string; names: string[] },
  ): Promise<CustomerPlan> {
    const customerName = this.customerName(tenantId);
    const rels = await graphGetAll(s.client, relationshipsOfCustomer(tenantId), relationshipSchema);
    const granting = rels.filter((r) => ACCESS_GRANTING_STATUSES.has(r.status));
    const steps: Step[] = [];
    let skipped: string | null = null;
    const patch =
      (r: DelegatedAdminRelationship, action: string, body: Record<string, unknown>) =>
      async (session: Session) => {
        const answer = await this.gdap.send(session, tenantId, action, {
          method: 'PATCH',
          path: `${BASE}/${encodeURIComponent(r.id)}`,
          body,
          ifMatch: r['@odata.etag'] ?? '*',
        });
        if (answer.status === 202) {
          // Removing Global Administrator runs as an operation: the step is done when it succeeds.
          const outcome = await followOperation(session.client, answer, { now: () => new Date() });
          if (outcome !== 'succeeded')
            throw new UserFacingError(
              'unavailable',
              outcome === 'failed'
                ? `Microsoft reported that the change to "${r.displayName}" failed; nothing changed.`
                : `Microsoft is still applying the change to "${r.displayName}" after a minute; check it again in a few minutes.`,
            );
          return { requestId: answer.requestId };
        }
        const parsed = relationshipSchema.safeParse(answer.body);
        if (parsed.success) this.directory.applyRelationship(toDirectoryRelationship(parsed.data));
        return { requestId: answer.requestId };
      };

    switch (request.action) {
      case 'create': {
        const t = context.template as RoleTemplate;
        const covered = granting.find((r) =>
          t.roleIds.every((id) =>
            r.accessDetails.unifiedRoles.some((u) => u.roleDefinitionId.toLowerCase() === id.toLowerCase()),
          ),
        );
        if (covered) {
          skipped = `Already has an active relationship with these roles: "${covered.displayName}".`;
          break;
        }
        const suffix = (request.nameSuffix ?? '- Security Copilot').trim();
        const room = RELATIONSHIP_LIMITS.displayNameMaxLength - suffix.length - 1;
        const displayName = `${customerName.slice(0, Math.max(1, room)).trim()} ${suffix}`.trim();
        const draft = {
          displayName,
          customerTenantId: tenantId,
          roleIds: t.roleIds,
          durationDays: t.durationDays,
          autoExtend: t.autoExtend,
        };
        const issues = checkRelationshipDraft(draft, context.names);
        if (issues.length > 0) {
          skipped = `Cannot create: ${issues.map((i) => i.message).join(' ')}`;
          break;
        }
        context.names.push(displayName);
        steps.push({
          relationshipId: null,
          description: `Create "${displayName}": ${t.roleIds.map(roleName).join(', ')}; ${t.durationDays} days; auto-extend ${t.autoExtend ? 'on' : 'off'}. Then lock it for approval.`,
          run: async (session) => {
            const answer = await this.gdap.send(session, tenantId, 'relationship.create', {
              method: 'POST',
              path: BASE,
              body: relationshipRequestBody(draft),
            });
            const created = relationshipSchema.parse(answer.body);
            await this.gdap.send(session, tenantId, 'relationship.lockForApproval', {
              method: 'POST',
              path: `${BASE}/${encodeURIComponent(created.id)}/requests`,
              body: { action: 'lockForApproval' },
            });
            this.directory.applyRelationship({
              ...toDirectoryRelationship(created),
              status: 'approvalPending',
            });
            this.gdap.follow(created.id, 'approvalPending');
            return { requestId: answer.requestId };
          },
        });
        break;
      }
      case 'autoExtend': {
        for (const r of granting) {
          if (autoExtends(r)) continue;
          if (includesGlobalAdministrator(r.accessDetails.unifiedRoles)) continue;
          steps.push({
            relationshipId: r.id,
            description: `Turn auto-extend on for "${r.displayName}" (ends ${r.endDateTime?.slice(0, 10) ?? 'unknown'}): it renews by 180 days.`,
            run: patch(r, 'relationship.autoExtend.on', { autoExtendDuration: 'P180D' }),
          });
        }
        if (steps.length === 0) {
          const blocked = granting.filter(
            (r) => !autoExtends(r) && includesGlobalAdministrator(r.accessDetails.unifiedRoles),
          );
          skipped =
            granting.length === 0
              ? 'No active relationship.'
              : blocked.length > 0
                ? `"${blocked[0]?.displayName ?? ''}": ${GLOBAL_ADMIN_AUTO_EXTEND.rule} ${GLOBAL_ADMIN_AUTO_EXTEND.relationshipFix}`
                : 'Every active relationship already auto-extends.';
        }
        break;
      }
      case 'removeGlobalAdmin': {
        for (const r of granting) {
          if (!includesGlobalAdministrator(r.accessDetails.unifiedRoles)) continue;
          const rest = r.accessDetails.unifiedRoles.filter(
            (u) => u.roleDefinitionId.toLowerCase() !== GLOBAL_ADMINISTRATOR_ROLE_ID,
          );
          if (rest.length === 0) continue;
          steps.push({
            relationshipId: r.id,
            description: `Remove Global Administrator from "${r.displayName}"; it keeps ${rest.map((u) => roleName(u.roleDefinitionId)).join(', ')}.`,
            run: patch(r, 'relationship.removeGlobalAdministrator', {
              accessDetails: { unifiedRoles: rest },
            }),
          });
        }
        if (steps.length === 0)
          skipped =
            granting.length === 0
              ? 'No active relationship.'
              : 'No active relationship includes Global Administrator.';
        break;
      }
      case 'addAssignment': {
        const roleIds = request.roleIds ?? [];
        const groupId = (request.groupId ?? '').toLowerCase();
        for (const r of granting) {
          const has = new Set(r.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId.toLowerCase()));
          if (!roleIds.every((id) => has.has(id.toLowerCase()))) continue;
          const existing = await graphGetAll(
            s.client,
            `${BASE}/${encodeURIComponent(r.id)}/accessAssignments?${TOP}`,
            accessAssignmentSchema,
          );
          if (
            existing.some(
              (a) => a.accessContainer.accessContainerId.toLowerCase() === groupId && a.status !== 'deleted',
            )
          )
            continue;
          steps.push({
            relationshipId: r.id,
            description: `Assign ${context.groupName ?? groupId} → ${roleIds.map(roleName).join(', ')} in "${r.displayName}".`,
            run: async (session) => {
              const answer = await this.gdap.send(session, tenantId, 'assignment.create', {
                method: 'POST',
                path: `${BASE}/${encodeURIComponent(r.id)}/accessAssignments`,
                body: {
                  accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
                  accessDetails: {
                    unifiedRoles: roleIds.map((id) => ({ roleDefinitionId: id.toLowerCase() })),
                  },
                },
              });
              const created = accessAssignmentSchema.safeParse(answer.body);
              if (created.success) this.gdap.settle(r.id, created.data.id);
              return { requestId: answer.requestId };
            },
          });
        }
        if (steps.length === 0)
          skipped =
            granting.length === 0
              ? 'No active relationship.'
              : `Already assigned, or no active relationship includes ${roleIds.map(roleName).join(', ')}.`;
        break;
      }
    }
    return {
      item: {
        tenantId,
        customerName,
        changes: steps.map(({ relationshipId, description }) => ({ relationshipId, description })),
        skipped,
      },
      steps,
    };
  }

  private async context(s: Session, request: BulkRequest) {
    const base = await this.validate(s, request);
    const names =
      request.action === 'create'
        ? (
            await graphGetAll(
              s.client,
              `${BASE}?${TOP}&$select=id,displayName`,
              z.object({ displayName: z.string() }),
            )
          ).map((r) => r.displayName)
        : [];
    return { ...base, names };
  }

  async plan(request: BulkRequest): Promise<BulkPlanItem[]> {
    const s = await this.gdap.session();
    const context = await this.context(s, request);
    const tenants = [...new Set(request.tenantIds)];
    const outcomes = await runPool(tenants, this.concurrency, (tenantId) =>
      this.planCustomer(s, request, tenantId, context),
    );
    return outcomes.map((o, i) =>
      o.ok
        ? o.value.item
        : {
            tenantId: tenants[i] as string,
            customerName: this.customerName(tenants[i] as string),
            changes: [],
            skipped: `Reading this customer’s relationships failed. ${describeFailure(o.error)}`,
          },
    );
  }

  async apply(request: BulkRequest): Promise<BulkResult[]> {
    if (this.running)
      throw new UserFacingError('conflict', 'A bulk change is already running. Wait for it to finish.');
    this.running = true;
    const tenants = [...new Set(request.tenantIds)];
    const results: BulkResult[] = [];
    const live: BulkResult[] = [];
    try {
      const s = await this.gdap.session();
      const context = await this.context(s, request);
      this.onProgress(0, tenants.length, results, true);
      const outcomes = await runPool(tenants, this.concurrency, async (tenantId): Promise<BulkResult> => {
        const result = await this.applyCustomer(s, request, tenantId, context);
        live.push(result);
        this.onProgress(live.length, tenants.length, live, true);
        return result;
      });
      outcomes.forEach((o, i) => {
        const tenantId = tenants[i] as string;
        results.push(
          o.ok
            ? o.value
            : {
                tenantId,
                customerName: this.customerName(tenantId),
                outcome: 'failed',
                message: String((o.error as Error).message),
                requestIds: [],
              },
        );
      });
      // A retry replaces the earlier results of the customers it covered.
      const covered = new Set<string>(tenants);
      this.last = [...this.last.filter((r) => !covered.has(r.tenantId)), ...results];
      return results;
    } finally {
      this.running = false;
      this.onProgress(results.length, tenants.length, results, false);
    }
  }

  private async applyCustomer(
    s: Session,
    request: BulkRequest,
    tenantId: string,
    context: { template?: RoleTemplate; groupName?: string; names: string[] },
  ): Promise<BulkResult> {
    const customerName = this.customerName(tenantId);
    let plan: CustomerPlan;
    try {
      plan = await this.planCustomer(s, request, tenantId, context);
    } catch (error) {
      return {
        tenantId,
        customerName,
        outcome: 'failed',
        message: `Reading this customer’s relationships failed. ${describeFailure(error)}`,
        requestIds: [],
      };
    }
    if (plan.steps.length === 0)
      return {
        tenantId,
        customerName,
        outcome: 'skipped',
        message: plan.item.skipped ?? 'Nothing to change.',
        requestIds: [],
      };
    const requestIds: string[] = [];
    const done: string[] = [];
    for (const step of plan.steps) {
      try {
        const { requestId } = await step.run(s);
        if (requestId) requestIds.push(requestId);
        done.push(step.description);
      } catch (error) {
        const message = describeFailure(error);
        return {
          tenantId,
          customerName,
          outcome: 'failed',
          message: `${done.length > 0 ? `Done: ${done.join(' ')} ` : ''}Failed: ${step.description} ${message}`,
          requestIds,
        };
      }
    }
    return { tenantId, customerName, outcome: 'succeeded', message: done.join(' '), requestIds };
  }
}
