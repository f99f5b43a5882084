/**
 * The contract's `azureAccess.*` commands (shared/azure-access/azure-access-contract.ts). Creates the
 * feature's services over core's accounts, cloud and audit log, and at start removes any elevation a
 * previous run left behind (a marker on disk), raising a notice that says what was done or exactly
 * how to do it by hand.
 */
import type { z } from 'zod';
import type {
  azureAccessCommands,
  AzureAccessEventPayloads,
} from '../../../shared/azure-access/azure-access-contract';
import type { Notice } from '../../../shared/contract/contract';
import type { AccountService } from '../accounts/account-service';
import type { AuditLog } from '../audit/audit-log';
import type { CloudService } from '../platform/cloud/cloud-service';
import { AzureAccessBulk } from './azure-access-bulk';
import { AzureAccessService } from './azure-access-service';
import { checkDirectLine } from './network-check';

type Commands = typeof azureAccessCommands;
export type AzureAccessHandlers = {
  readonly [N in keyof Commands]: (
    input: z.output<Commands[N]['input']>,
  ) => Promise<NonNullable<Commands[N]['output']>> | NonNullable<Commands[N]['output']>;
};

export interface AzureAccessHandlerDependencies {
  readonly accounts: AccountService;
  readonly cloud: CloudService;
  readonly audit: AuditLog;
  readonly dataDir: string;
  /** A customer's name (customers and the last sync). */
  readonly customerName: (tenantId: string) => string | undefined;
  readonly notify: (notice: Notice) => void;
  readonly emit: (payload: AzureAccessEventPayloads['azureAccess.progress']) => void;
}

export function azureAccessHandlers(deps: AzureAccessHandlerDependencies): AzureAccessHandlers {
  const service = new AzureAccessService({
    accounts: deps.accounts,
    cloud: deps.cloud,
    audit: deps.audit,
    dataDir: deps.dataDir,
    tenantName: deps.customerName,
    onProgress: (p) => deps.emit(p),
  });
  const bulk = new AzureAccessBulk(
    service,
    (tenantId) => deps.customerName(tenantId) ?? tenantId,
    (done, total, tenantId, message) => deps.emit({ tenantId, message, done, total }),
  );
  // At start, and again before each command while a previous run's elevation is left (e.g. its
  // account was not signed in at start: once it is, the next command removes it).
  let recovering: Promise<void> | undefined;
  const recoverLeft = (): Promise<void> => {
    if (!recovering && service.leftBehind()) {
      recovering = recover(service, deps.notify).finally(() => (recovering = undefined));
    }
    return recovering ?? Promise.resolve();
  };
  void recoverLeft();
  const first =
    <I, O>(handler: (input: I) => Promise<O> | O) =>
    async (input: I): Promise<O> => {
      await recoverLeft();
      return handler(input);
    };
  return {
    'azureAccess.panel': first(({ tenantId, elevate }) => service.panel(tenantId, elevate)),
    'azureAccess.principals': first(({ tenantId, search }) => service.principals(tenantId, search)),
    'azureAccess.plan': first((change) => service.plan(change)),
    'azureAccess.apply': first((change) => service.apply(change)),
    'azureAccess.cancel': () => ({ cancelled: service.cancel() }),
    'azureAccess.bulkPlan': first((request) => bulk.plan(request)),
    'azureAccess.bulkApply': first((request) => bulk.apply(request)),
    'azureAccess.networkCheck': async () => checkDirectLine(await deps.cloud.active()),
  };
}

/** Elevations a previous run left (it stopped before removing them): removed now, or how to by hand. */
async function recover(service: AzureAccessService, notify: (notice: Notice) => void): Promise<void> {
  let reports: Awaited<ReturnType<AzureAccessService['recoverElevations']>>;
  try {
    reports = await service.recoverElevations();
  } catch (error) {
    reports = [];
    notify({
      id: 'azure-elevation-recovery',
      level: 'error',
      title: 'Elevated access may have been left behind',
      message: `Switchboard could not check the elevated access it left when it stopped (${error instanceof Error ? error.message : String(error)}). It will try again at the next start.`,
    });
  }
  for (const report of reports) {
    notify({
      id: `azure-elevation-${report.marker.id}`,
      level: report.removed ? 'info' : 'error',
      title: report.removed
        ? `Elevated access removed in ${report.marker.tenantName}`
        : `Elevated access left in ${report.marker.tenantName || 'a tenant'}`,
      message: report.removed
        ? `Switchboard stopped during a Copilot in Azure change (${report.marker.account}, ${report.marker.at}) and has now removed the elevated access it had given. Check the change in the audit trail.`
        : report.text,
    });
  }
}
