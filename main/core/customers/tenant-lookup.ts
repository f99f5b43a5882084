/**
 * Finds a customer's tenant from a domain it uses, through Microsoft Graph's
 * findTenantInformationByDomainName (docs/microsoft-cloud.md): the analyst types contoso.com and sees
 * the tenant's name and ID to confirm before adding the customer. Needs CrossTenantInformation.ReadBasic.All
 * for Switchboard's app registration and a signed-in partner account; changes nothing anywhere.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { TenantInformation } from '../../../shared/customers/customer';
import { parseTenantId, type DomainName } from '../../../shared/platform/tenant-id';
import type { AccountService } from '../accounts/account-service';
import type { CloudService } from '../platform/cloud/cloud-service';
import { UserFacingError } from '../platform/errors';
import { unwrapFailure } from '../platform/cloud-errors';
import { createGraphClient, graphGet } from '../platform/graph/graph-client';

const tenantInformationSchema = z.object({
  tenantId: z.string(),
  displayName: z.string().nullish(),
  defaultDomainName: z.string().nullish(),
  federationBrandName: z.string().nullish(),
});

export interface TenantLookupDependencies {
  readonly accounts: AccountService;
  readonly cloud: CloudService;
}

export async function findTenantByDomain(
  deps: TenantLookupDependencies,
  domain: DomainName,
): Promise<TenantInformation> {
  const status = await deps.accounts.status();
  if (status.activeAccountId === null) {
    throw new UserFacingError(
      'refused',
      `Looking up ${domain} needs a signed-in partner account: open Accounts and sign in, or paste the customer’s tenant ID instead.`,
    );
  }
  const active = await deps.cloud.active();
  const client = createGraphClient(active.profile, active.caPem, () => deps.accounts.token('graph'));
  let info: z.output<typeof tenantInformationSchema>;
  try {
    info = await graphGet(
      client,
      `/tenantRelationships/findTenantInformationByDomainName(domainName='${domain}')`,
      tenantInformationSchema,
    );
  } catch (error) {
    const failure = unwrapFailure(error);
    if (failure instanceof GraphError && failure.statusCode === 404) {
      throw new UserFacingError(
        'not_found',
        `No Microsoft Entra tenant uses the domain ${domain}. Check the spelling (the customer signs in as name@${domain}?), try the customer’s .onmicrosoft.com domain, or paste the tenant ID.`,
      );
    }
    throw error;
  }
  const tenantId = parseTenantId(info.tenantId);
  if (!tenantId.ok) {
    throw new UserFacingError(
      'unavailable',
      `Microsoft Graph answered for ${domain} with a tenant ID Switchboard does not understand. Paste the customer’s tenant ID instead.`,
    );
  }
  return {
    domain,
    tenantId: tenantId.value,
    displayName: info.displayName?.trim() || info.federationBrandName?.trim() || null,
    defaultDomainName: info.defaultDomainName ?? null,
  };
}
