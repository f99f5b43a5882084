import { compareCustomersByName, type Customer, type CustomerDraft } from '../../../shared/customer';
import type { TenantId } from '../../../shared/tenant-id';
import { UserFacingError } from '../errors';
import type { DocumentStore } from '../persistence/document-store';
import type { CustomerDocument } from './customer-document';

/** The customer directory: add, edit and remove customers, kept in one document. */
export class CustomerService {
  constructor(
    private readonly store: DocumentStore<CustomerDocument>,
    private readonly now: () => Date,
    private readonly onChange: (customers: ReadonlyArray<Customer>) => void,
  ) {}

  list(): ReadonlyArray<Customer> {
    return [...this.store.get().customers].sort(compareCustomersByName);
  }

  get(tenantId: TenantId): Customer {
    const found = this.store.get().customers.find((c) => c.tenantId === tenantId);
    if (!found) throw notFound(tenantId);
    return found;
  }

  add(draft: CustomerDraft): Customer {
    const existing = this.store.get().customers.find((c) => c.tenantId === draft.tenantId);
    if (existing) throw duplicate(draft.tenantId, existing);
    const at = this.now().toISOString();
    const customer: Customer = {
      ...draft,
      source: 'manual',
      addedAt: at,
      updatedAt: at,
      favourite: false,
      lastLaunchedAt: null,
    };
    this.save([...this.store.get().customers, customer]);
    return customer;
  }

  update(tenantId: TenantId, draft: CustomerDraft): Customer {
    const current = this.get(tenantId);
    if (draft.tenantId !== tenantId) {
      const clash = this.store.get().customers.find((c) => c.tenantId === draft.tenantId);
      if (clash) throw duplicate(draft.tenantId, clash);
    }
    const updated: Customer = { ...current, ...draft, updatedAt: this.now().toISOString() };
    this.save(this.store.get().customers.map((c) => (c.tenantId === tenantId ? updated : c)));
    return updated;
  }

  /** Pins or unpins a customer. */
  setFavourite(tenantId: TenantId, favourite: boolean): Customer {
    return this.patch(tenantId, { favourite });
  }

  /** Records a launch, for the Recent list. */
  recordLaunch(tenantId: TenantId): Customer {
    return this.patch(tenantId, { lastLaunchedAt: this.now().toISOString() });
  }

  private patch(
    tenantId: TenantId,
    change: Partial<Pick<Customer, 'favourite' | 'lastLaunchedAt'>>,
  ): Customer {
    const updated: Customer = { ...this.get(tenantId), ...change };
    this.save(this.store.get().customers.map((c) => (c.tenantId === tenantId ? updated : c)));
    return updated;
  }

  remove(tenantId: TenantId): Customer {
    const removed = this.get(tenantId);
    this.save(this.store.get().customers.filter((c) => c.tenantId !== tenantId));
    return removed;
  }

  private save(customers: ReadonlyArray<Customer>): void {
    this.store.set({ customers });
    this.onChange(this.list());
  }
}

function notFound(tenantId: TenantId): UserFacingError {
  return new UserFacingError(
    'not_found',
    `No customer with tenant ID ${tenantId} is in your list. It may have been removed in another window; reload the list.`,
  );
}

function duplicate(tenantId: TenantId, existing: Customer): UserFacingError {
  return new UserFacingError(
    'conflict',
    `Tenant ID ${tenantId} is already in your list as "${existing.displayName}". Each customer tenant can be added once; edit that entry instead.`,
    [{ field: 'tenantId', message: `Already added as "${existing.displayName}".` }],
  );
}
