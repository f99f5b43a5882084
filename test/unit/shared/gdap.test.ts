import { describe, expect, it } from 'vitest';
import {
  autoExtends,
  daysUntilEnd,
  durationInDays,
  includesGlobalAdministrator,
  odataPageSchema,
  relationshipSchema,
} from '../../../shared/gdap/gdap';

const relationship = {
  '@odata.etag': 'W/"JyIwMzAwNjUzMy0wMDAwLTAyMDAtMDAwMC02M2I0NTRlZjAwMDAiJw=="',
  id: '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836',
  displayName: 'Contoso Security Copilot readers',
  duration: 'P730D',
  customer: { tenantId: '4b1e2c3d-5e6f-4a1b-8c2d-3e4f5a6b7c8d', displayName: 'Contoso' },
  accessDetails: { unifiedRoles: [{ roleDefinitionId: '5d6b6bb7-de71-4623-b4af-96380a352509' }] },
  autoExtendDuration: 'P180D',
  status: 'active',
  createdDateTime: '2026-01-10T08:00:00Z',
  lastModifiedDateTime: '2026-01-10T09:00:00Z',
  activatedDateTime: '2026-01-11T08:00:00Z',
  endDateTime: '2028-01-11T08:00:00Z',
};

describe('GDAP resources from Graph', () => {
  it('reads a relationship as Graph sends it', () => {
    const parsed = relationshipSchema.parse(relationship);
    expect(parsed.status).toBe('active');
    expect(autoExtends(parsed)).toBe(true);
  });

  it('reads a status Graph added later as unknownFutureValue instead of refusing the page', () => {
    expect(relationshipSchema.parse({ ...relationship, status: 'somethingNew' }).status).toBe(
      'unknownFutureValue',
    );
  });

  it('refuses a relationship whose customer tenant ID is not a GUID', () => {
    const result = relationshipSchema.safeParse({ ...relationship, customer: { tenantId: 'contoso.com' } });
    expect(result.success).toBe(false);
  });

  it('accepts a relationship created without a customer', () => {
    expect(
      relationshipSchema.parse({ ...relationship, customer: null, status: 'created' }).customer,
    ).toBeNull();
  });

  it('reads a page with its next link', () => {
    const page = odataPageSchema(relationshipSchema).parse({
      value: [relationship],
      '@odata.nextLink':
        'https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships?$skiptoken=abc',
    });
    expect(page.value).toHaveLength(1);
  });
});

describe('durations and dates', () => {
  it.each([
    ['P1D', 1],
    ['P730D', 730],
    ['P2Y', 730],
    ['P180D', 180],
    ['PT0S', 0],
    ['P0D', 0],
    ['P1Y6M', 545],
    ['PT12H', 0.5],
  ])('%s is %d days', (duration, days) => {
    expect(durationInDays(duration)).toBe(days);
  });

  it.each(['', 'P', 'PT', '730', 'P-1D', 'P1.5D', 'P1DT', 'p1d', 'P1D ', 'P1D\nP2D'])(
    '%j is not a duration',
    (bad) => {
      expect(durationInDays(bad)).toBeUndefined();
    },
  );

  it('counts the days left until the end date and flags Global Administrator', () => {
    expect(daysUntilEnd(relationship, new Date('2027-12-12T08:00:00Z'))).toBe(30);
    expect(daysUntilEnd({ endDateTime: null }, new Date())).toBeUndefined();
    expect(includesGlobalAdministrator([{ roleDefinitionId: '62E90394-69F5-4237-9190-012177145E10' }])).toBe(
      true,
    );
    expect(includesGlobalAdministrator(relationship.accessDetails.unifiedRoles)).toBe(false);
  });
});
