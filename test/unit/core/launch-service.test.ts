import { describe, expect, it } from 'vitest';
import { PUBLIC_CLOUD, US_GOVERNMENT_CLOUD, type CloudProfile } from '../../../shared/platform/cloud-profile';
import type { ListedCustomer } from '../../../shared/customers/customer-directory';
import { tenantId } from '../../../shared/platform/tenant-id';
import type { CustomerService } from '../../../main/core/customers/customer-service';
import { UserFacingError } from '../../../main/core/platform/errors';
import { LaunchService } from '../../../main/core/launch/launch-service';

const T = tenantId('0b8f6c3e-1d2a-4e5f-9a7b-3c4d5e6f7a8b');
const REL = '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836';

function service(profile: CloudProfile, domain: string | null = 'fabrikam.com') {
  const opened: string[] = [];
  const launched: string[] = [];
  const customer = {
    tenantId: T,
    displayName: 'Fabrikam',
    domain,
    source: 'gdap',
    accessPath: 'gdap',
    reach: null,
  } as ListedCustomer;
  const customers = {
    get: () => customer,
    recordLaunch: (id: string) => void launched.push(id),
  } as unknown as CustomerService;
  const launch = new LaunchService(customers, async () => profile, {
    open: async (url) => {
      opened.push(url);
      return { handled: true };
    },
  });
  return { launch, opened, launched };
}

describe('LaunchService', () => {
  it('opens any target for a known customer with the customer’s domain, and records the launch', async () => {
    const { launch, opened, launched } = service(PUBLIC_CLOUD);
    expect(await launch.open(T, 'exchangeAdmin')).toEqual({
      url: 'https://admin.cloud.microsoft/exchange?delegatedOrg=fabrikam.com',
      openedBy: 'shell',
    });
    await launch.open(T, 'partnerCenter', { relationshipId: REL });
    expect(opened).toEqual([
      'https://admin.cloud.microsoft/exchange?delegatedOrg=fabrikam.com',
      `https://partner.microsoft.com/en-us/dashboard/commerce2/customers/${T}/adminrelationships/${REL}`,
    ]);
    expect(launched).toEqual([T, T]);
  });

  it('a target that cannot be built opens nothing and says why', async () => {
    const { launch, opened, launched } = service(US_GOVERNMENT_CLOUD, null);
    await expect(launch.open(T, 'partnerCenter')).rejects.toThrow(UserFacingError);
    await expect(launch.open(T, 'm365Admin')).rejects.toThrow(/does not know a domain of Fabrikam/);
    await expect(launch.open(T, 'securityCopilot')).rejects.toThrow(/not offered/);
    expect(opened).toEqual([]);
    expect(launched).toEqual([]);
  });
});
