import { z } from 'zod';
import { customerSchema, type Customer } from '../../../shared/customers/customer';
import type { DocumentSpec } from '../platform/persistence/document-store';

export interface CustomerDocument {
  readonly customers: ReadonlyArray<Customer>;
}

/** customers.json: the customers the analyst added by hand (and, later, the synced directory). */
export const CUSTOMER_DOCUMENT: DocumentSpec<CustomerDocument> = {
  name: 'customers',
  description: 'your customer list',
  version: 2,
  schema: z.object({ customers: z.array(customerSchema) }) as unknown as z.ZodType<CustomerDocument>,
  empty: () => ({ customers: [] }),
  migrations: [
    // v2 (favourites and recents): every customer starts unpinned and never launched.
    {
      from: 1,
      migrate: (data) => ({
        ...data,
        customers: Array.isArray(data.customers)
          ? data.customers.map((c: unknown) =>
              typeof c === 'object' && c !== null ? { favourite: false, lastLaunchedAt: null, ...c } : c,
            )
          : data.customers,
      }),
    },
  ],
};
