import type { Customer } from '../../../shared/customers/customer';
import type { TenantId } from '../../../shared/platform/tenant-id';

/** A customer for the menu tests, with a tenant ID made from `n`. */
export function customer(n: number, name: string, more: Partial<Customer> = {}): Customer {
  return {
    tenantId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as TenantId,
    displayName: name,
    accessPath: 'gdap',
    tags: [],
    notes: '',
    source: 'manual',
    addedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    favourite: false,
    lastLaunchedAt: null,
    ...more,
  };
}
