import { describe, expect, it } from 'vitest';
import {
  customerDraftSchema,
  recentCustomers,
  searchCustomers,
  type Customer,
} from '../../../shared/customers/customer';
import { tenantId } from '../../../shared/platform/tenant-id';

const T = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('customerDraftSchema', () => {
  it('trims, lower-cases the tenant, de-duplicates tags and defaults notes', () => {
    const draft = customerDraftSchema.parse({
      displayName: '  Contoso ',
      tenantId: T.toUpperCase(),
      accessPath: 'gdap',
      tags: ['retail', ' retail ', 'eu'],
    });
    expect(draft).toEqual({
      displayName: 'Contoso',
      tenantId: T,
      accessPath: 'gdap',
      tags: ['retail', 'eu'],
      notes: '',
    });
  });

  it.each([
    [{ displayName: '', tenantId: T, accessPath: 'gdap' }, 'displayName', /Give the customer a name/],
    [{ displayName: 'A', tenantId: 'contoso.com', accessPath: 'gdap' }, 'tenantId', /looks like a domain/],
    [{ displayName: 'A', tenantId: T, accessPath: 'none' }, 'accessPath', /GDAP, B2B guest, or both/],
    [{ displayName: 'A', tenantId: T, accessPath: 'b2b', tags: ['x'.repeat(41)] }, 'tags', /at most 40/],
    [{ displayName: 'A', tenantId: T, accessPath: 'b2b', tags: ['<script>'] }, 'tags', /angle brackets/],
    [{ displayName: 'A', tenantId: T, accessPath: 'b2b', notes: 'x'.repeat(4001) }, 'notes', /at most 4000/],
  ])('refuses %o on %s with a clear message', (input, field, message) => {
    const result = customerDraftSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path[0]).toBe(field);
    expect(issue?.message).toMatch(message);
  });
});

describe('searchCustomers', () => {
  const customer = (displayName: string, id: string, tags: string[]): Customer => ({
    displayName,
    tenantId: tenantId(id),
    tags,
    accessPath: 'gdap',
    notes: '',
    source: 'manual',
    addedAt: '',
    updatedAt: '',
    favourite: false,
    lastLaunchedAt: null,
  });
  const list = [
    customer('Contoso Ltd', '11111111-1111-4111-8111-111111111111', ['retail']),
    customer('Fabrikam', '22222222-2222-4222-8222-222222222222', ['manufacturing', 'eu']),
  ];

  it('matches name, tenant ID and tags, every word', () => {
    expect(searchCustomers(list, 'conto').map((c) => c.displayName)).toEqual(['Contoso Ltd']);
    expect(searchCustomers(list, '2222-4222').map((c) => c.displayName)).toEqual(['Fabrikam']);
    expect(searchCustomers(list, 'EU fab').map((c) => c.displayName)).toEqual(['Fabrikam']);
    expect(searchCustomers(list, 'eu retail')).toEqual([]);
  });
});

describe('recentCustomers', () => {
  const at = (name: string, lastLaunchedAt: string | null): Customer => ({
    displayName: name,
    tenantId: tenantId('72f988bf-86f1-41af-91ab-2d7cd011db47'),
    tags: [],
    accessPath: 'gdap',
    notes: '',
    source: 'manual',
    addedAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    favourite: false,
    lastLaunchedAt,
  });

  it('lists launched customers newest first and leaves out the never launched', () => {
    const list = [
      at('Old', '2026-11-20T08:00:00.000Z'),
      at('Never', null),
      at('New', '2026-11-22T08:00:00.000Z'),
    ];
    expect(recentCustomers(list).map((c) => c.displayName)).toEqual(['New', 'Old']);
    expect(recentCustomers(list, 1).map((c) => c.displayName)).toEqual(['New']);
  });
});
