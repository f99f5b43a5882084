/**
 * Copilot in Azure across customers: restrict it and grant one group (found by its name in each
 * customer's own directory) the Azure Copilot User role, as a plan of exactly what changes where and
 * then an apply with a result per tenant. Each tenant goes through the same guided change as one
 * tenant does (elevate, switch, assign, always remove the elevation), one tenant at a time so at most
 * one elevation is ever open. Applying plans each tenant again from fresh state.
 */
import {
  COPILOT_ROLE,
  type CopilotBulkPlanItem,
  type CopilotBulkRequest,
  type CopilotBulkResult,
} from '../../../shared/azure-access/azure-access';
import type { TenantId } from '../../../shared/platform/tenant-id';
import { describeArmError } from './arm-session';
import type { AzureAccessService } from './azure-access-service';

export class AzureAccessBulk {
  constructor(
    private readonly service: AzureAccessService,
    private readonly customerName: (tenantId: string) => string,
    private readonly onProgress: (
      done: number,
      total: number,
      tenantId: string,
      message: string,
    ) => void = () => undefined,
  ) {}

  /** What would change in one tenant, or why nothing will. */
  private async planOne(
    tenantId: TenantId,
    groupName: string,
  ): Promise<CopilotBulkPlanItem & { group?: { id: string; displayName: string } }> {
    const customerName = this.customerName(tenantId);
    const skip = (skipped: string) => ({ tenantId, customerName, changes: [], skipped });
    try {
      const panel = await this.service.panel(tenantId, false);
      if (!panel.globalAdministrator) {
        return skip(
          `${panel.account} is not Global Administrator there, so access cannot be elevated to change it.`,
        );
      }
      const wanted = groupName.trim().toLowerCase();
      const groups = (await this.service.principals(tenantId, groupName)).filter(
        (p) => p.kind === 'group' && p.displayName.trim().toLowerCase() === wanted,
      );
      if (groups.length === 0) return skip(`No group named "${groupName}" in this customer's directory.`);
      if (groups.length > 1)
        return skip(
          `${groups.length} groups are named "${groupName}" here; change this customer on its own and pick one.`,
        );
      const group = groups[0] as (typeof groups)[number];
      const holds = panel.holders?.some((h) => h.id === group.id) === true;
      const changes: string[] = [];
      if (panel.availability !== 'restricted')
        changes.push(`Restrict Copilot in Azure to holders of the ${COPILOT_ROLE.name} role.`);
      if (!holds) changes.push(`Grant the group "${group.displayName}" the ${COPILOT_ROLE.name} role.`);
      if (changes.length === 0) return skip('Already restricted, and the group already holds the role.');
      if (panel.holders === null)
        changes.push(
          '(Who holds the role could not be read without elevation; an existing grant is kept as is.)',
        );
      return {
        tenantId,
        customerName,
        changes: ['Elevate access for the change.', ...changes, 'Remove the elevated access again.'],
        skipped: null,
        group,
      };
    } catch (error) {
      return skip(`Could not be read: ${describeArmError(error)}`);
    }
  }

  async plan(request: CopilotBulkRequest): Promise<CopilotBulkPlanItem[]> {
    const out: CopilotBulkPlanItem[] = [];
    for (const tenantId of request.tenantIds) {
      const { group: _group, ...item } = await this.planOne(tenantId, request.groupName);
      void _group;
      out.push(item);
    }
    return out;
  }

  /** One customer at a time, as one exclusive change of the service (cancel stops it between customers). */
  apply(request: CopilotBulkRequest): Promise<CopilotBulkResult[]> {
    return this.service.exclusive(async (signal) => {
      const results: CopilotBulkResult[] = [];
      let done = 0;
      for (const tenantId of request.tenantIds) {
        const customerName = this.customerName(tenantId);
        if (signal.aborted) {
          results.push({
            tenantId,
            customerName,
            outcome: 'skipped',
            message: 'Cancelled before this customer.',
          });
          continue;
        }
        const planned = await this.planOne(tenantId, request.groupName);
        if (planned.skipped !== null || !planned.group) {
          results.push({
            tenantId,
            customerName,
            outcome: 'skipped',
            message: planned.skipped ?? 'Nothing to change.',
          });
        } else {
          try {
            const s = await this.service.session(tenantId);
            const result = await this.service.applyIn(
              s,
              {
                tenantId,
                restrict: true,
                add: [{ id: planned.group.id, kind: 'group', displayName: planned.group.displayName }],
                remove: [],
              },
              signal,
            );
            results.push({
              tenantId,
              customerName,
              outcome: result.outcome === 'succeeded' ? 'succeeded' : 'failed',
              message: result.message,
            });
          } catch (error) {
            results.push({ tenantId, customerName, outcome: 'failed', message: describeArmError(error) });
          }
        }
        done++;
        this.onProgress(done, request.tenantIds.length, tenantId, results[results.length - 1]?.message ?? '');
      }
      return results;
    });
  }
}
