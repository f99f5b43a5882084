/** The contract's `customers.*` commands: the analyst's own customer list. */
import type { CommandName } from '../../../shared/contract/contract';
import type { Handlers } from '../platform/dispatcher';
import type { TenantInformation } from '../../../shared/customers/customer';
import type { DomainName } from '../../../shared/platform/tenant-id';
import type { CustomerService } from './customer-service';

export type CustomerHandlers = Pick<Handlers, Extract<CommandName, `customers.${string}`>>;

export function customerHandlers(
  customers: CustomerService,
  /** Finds the tenant a domain belongs to (tenant-lookup.ts). */
  findTenant: (domain: DomainName) => Promise<TenantInformation>,
): CustomerHandlers {
  return {
    'customers.findTenant': ({ domain }) => findTenant(domain),
    'customers.list': () => customers.list(),
    'customers.firstScreen': ({ rows }) => customers.firstScreen(rows),
    'customers.add': (draft) => customers.add(draft),
    'customers.update': ({ tenantId, draft }) => customers.update(tenantId, draft),
    'customers.remove': ({ tenantId }) => ({ removed: customers.remove(tenantId) }),
    'customers.setFavourite': ({ tenantId, favourite }) => customers.setFavourite(tenantId, favourite),
  };
}
