/**
 * The Copilot in Azure access part of the contract (issue 16): the per-tenant panel, the directory
 * picker, the guided change (plan, apply, cancel), the bulk change across customers and the network
 * check. Inputs are zod schemas; outputs are plain types.
 */
import { z } from 'zod';
import {
  copilotBulkSchema,
  copilotChangeSchema,
  tenantRefSchema,
  type CopilotBulkPlanItem,
  type CopilotBulkResult,
  type CopilotChangeResult,
  type CopilotPanel,
  type CopilotPlan,
  type DirectoryPrincipal,
  type NetworkCheck,
} from './azure-access';

function spec<I extends z.ZodType>(input: I) {
  return { returns: <O>() => ({ input, output: undefined as O | undefined }) };
}

export const azureAccessCommands = {
  'azureAccess.panel': spec(
    z
      .object({
        /** null: the partner's own tenant. */
        tenantId: tenantRefSchema,
        /** Elevate for the reading (and remove it again) where reading needs it. */
        elevate: z.boolean(),
      })
      .strict(),
  ).returns<CopilotPanel>(),
  'azureAccess.principals': spec(
    z.object({ tenantId: tenantRefSchema, search: z.string().max(120) }).strict(),
  ).returns<ReadonlyArray<DirectoryPrincipal>>(),
  'azureAccess.plan': spec(copilotChangeSchema).returns<CopilotPlan>(),
  'azureAccess.apply': spec(copilotChangeSchema).returns<CopilotChangeResult>(),
  'azureAccess.cancel': spec(z.object({}).strict()).returns<{ readonly cancelled: boolean }>(),
  'azureAccess.bulkPlan': spec(copilotBulkSchema).returns<ReadonlyArray<CopilotBulkPlanItem>>(),
  'azureAccess.bulkApply': spec(copilotBulkSchema).returns<ReadonlyArray<CopilotBulkResult>>(),
  'azureAccess.networkCheck': spec(z.object({}).strict()).returns<NetworkCheck>(),
};

export interface AzureAccessEventPayloads {
  /** A guided change's step started (one tenant), or a bulk change finished a tenant. */
  readonly 'azureAccess.progress': {
    readonly tenantId: string;
    readonly message: string;
    readonly done: number;
    readonly total: number;
  };
}
