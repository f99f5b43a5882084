import { recentCustomers, type Customer, type CustomerDraft } from '../../../shared/customers/customer';
import type { CustomersFirstScreen } from '../../../shared/contract/contract';
import {
  mergeDirectory,
  storedPart,
  type ListedCustomer,
  type ReachFacts,
} from '../../../shared/customers/customer-directory';
import type { DirectorySnapshot } from '../../../shared/directory/directory';
import type { CustomerGuests } from '../../../shared/guests/guests';
import type { TenantId } from '../../../shared/platform/tenant-id';
import { UserFacingError } from '../platform/errors';
import type { DocumentStore } from '../platform/persistence/document-store';
import type { CustomerDocument } from './customer-document';

/** How soon after a read of guest accounts that changed the analyst's access the list is sent again. */
const GUESTS_ANNOUNCE_MS = 300;

/**
 * The customers list: customers added by hand (and the analyst's notes, tags and favourites on GDAP
 * customers), kept in one document, merged with the GDAP directory of the last sync and with what is
 * known of the guest accounts (`reach`: how the analyst who synced reaches each customer).
 */
export class CustomerService {
  /** Per customer, the analysts' guest accounts as last announced: a read that changes none is quiet. */
  private readonly guestsSeen = new Map<string, string>();
  private announcing: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: DocumentStore<CustomerDocument>,
    private readonly now: () => Date,
    private readonly onChange: (customers: ReadonlyArray<ListedCustomer>) => void,
    private readonly directory: () => DirectorySnapshot | null = () => null,
    /** The guest accounts read so far (main/core/guests/guest-service.ts). */
    private readonly facts: () => ReachFacts | undefined = () => undefined,
  ) {}

  list(): ReadonlyArray<ListedCustomer> {
    return mergeDirectory(this.store.get().customers, this.directory(), this.now(), this.facts());
  }

  /**
   * A customer's guest accounts were read: when that changes anything the list shows (the first read
   * of that customer, an invitation accepted, a role given or ended), the list is sent again, once for
   * a burst of reads (reading every customer's guests reads hundreds one after another).
   */
  guestsRead(guests: CustomerGuests): void {
    const links = this.facts()?.redeemLinks;
    const seen = JSON.stringify(
      guests.guests.map((g) => [
        g.id,
        g.partnerUserId,
        g.state,
        g.roles.map((r) => [r.role, r.kind, r.endDateTime]),
        links?.get(`${guests.tenantId}/${g.id}`) ?? null,
      ]),
    );
    if (this.guestsSeen.get(guests.tenantId) === seen) return;
    this.guestsSeen.set(guests.tenantId, seen);
    if (this.announcing !== undefined) return;
    this.announcing = setTimeout(() => {
      this.announcing = undefined;
      this.announce();
    }, GUESTS_ANNOUNCE_MS);
    this.announcing.unref?.();
  }

  /** The first `rows` of the list, and the tabs' counts (see CustomersFirstScreen). */
  firstScreen(rows: number): CustomersFirstScreen {
    const all = this.list();
    return {
      total: all.length,
      favourites: all.filter((c) => c.favourite).length,
      recents: recentCustomers(all).length,
      customers: all.slice(0, rows),
    };
  }

  get(tenantId: TenantId): ListedCustomer {
    const found = this.list().find((c) => c.tenantId === tenantId);
    if (!found) throw notFound(tenantId);
    return found;
  }

  /** Tells listeners the merged list changed (after a sync). */
  announce(): void {
    this.onChange(this.list());
  }

  add(draft: CustomerDraft): Customer {
    const existing = this.list().find((c) => c.tenantId === draft.tenantId);
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
      if (current.source === 'gdap') {
        throw new UserFacingError(
          'refused',
          `${current.displayName} comes from your GDAP relationships; its tenant ID cannot be changed. Edit its tags and notes instead.`,
          [{ field: 'tenantId', message: 'Set by GDAP.' }],
        );
      }
      const clash = this.list().find((c) => c.tenantId === draft.tenantId);
      if (clash) throw duplicate(draft.tenantId, clash);
    }
    const updated: Customer = { ...storedPart(current), ...draft, updatedAt: this.now().toISOString() };
    this.upsert(tenantId, updated);
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
    const updated: Customer = { ...storedPart(this.get(tenantId)), ...change };
    this.upsert(tenantId, updated);
    return updated;
  }

  /** Stores a customer's entry; a GDAP customer gets one the first time the analyst annotates it. */
  private upsert(tenantId: TenantId, entry: Customer): void {
    const stored = this.store.get().customers;
    const exists = stored.some((c) => c.tenantId === tenantId);
    this.save(exists ? stored.map((c) => (c.tenantId === tenantId ? entry : c)) : [...stored, entry]);
  }

  remove(tenantId: TenantId): Customer {
    const removed = this.get(tenantId);
    if (removed.gdap !== null) {
      throw new UserFacingError(
        'refused',
        `${removed.displayName} comes from your GDAP relationships and would come back at the next sync. End the relationship to remove it.`,
      );
    }
    this.save(this.store.get().customers.filter((c) => c.tenantId !== tenantId));
    return storedPart(removed);
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
