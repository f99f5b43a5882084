import { describe, expect, it } from 'vitest';
import { describeAge, gdapSummary, type DirectoryRelationship } from '../../../shared/directory/directory';

const NOW = new Date('2026-11-22T13:42:00Z');
const rel = (over: Partial<DirectoryRelationship>): DirectoryRelationship => ({
  id: 'r',
  displayName: 'r',
  status: 'active',
  customerTenantId: '4b1e2c3d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
  customerName: 'Contoso',
  roleIds: ['5d6b6bb7-de71-4623-b4af-96380a352509'],
  duration: 'P730D',
  autoExtendDuration: 'PT0S',
  createdDateTime: '2025-01-01T00:00:00Z',
  activatedDateTime: '2025-01-02T00:00:00Z',
  endDateTime: '2027-01-02T00:00:00Z',
  etag: null,
  ...over,
});

describe('gdapSummary', () => {
  it('flags access that ends within 30 days and will not auto-extend', () => {
    const s = gdapSummary({ relationships: [rel({ endDateTime: '2026-12-10T00:00:00Z' })] }, NOW);
    expect(s).toMatchObject({
      active: 1,
      nearestEnd: '2026-12-10T00:00:00Z',
      endingSoon: true,
      autoExtends: false,
    });
  });

  it('does not flag a relationship that auto-extends, unless it has Global Administrator', () => {
    const extending = rel({ endDateTime: '2026-12-10T00:00:00Z', autoExtendDuration: 'P180D' });
    expect(gdapSummary({ relationships: [extending] }, NOW).endingSoon).toBe(false);
    const withGa = { ...extending, roleIds: [...extending.roleIds, '62e90394-69f5-4237-9190-012177145e10'] };
    expect(gdapSummary({ relationships: [withGa] }, NOW)).toMatchObject({
      endingSoon: true,
      includesGlobalAdministrator: true,
    });
  });

  it('counts only relationships that grant access now', () => {
    const s = gdapSummary(
      {
        relationships: [
          rel({ status: 'expired', endDateTime: '2026-01-01T00:00:00Z' }),
          rel({ status: 'approvalPending', endDateTime: null }),
        ],
      },
      NOW,
    );
    expect(s).toMatchObject({ active: 0, nearestEnd: null, endingSoon: false });
    expect(s.statuses).toEqual(['expired', 'approvalPending']);
  });
});

describe('describeAge', () => {
  it('says when, and how long ago', () => {
    expect(describeAge('2026-11-22T10:42:00Z', NOW, 'UTC')).toBe('as of 10:42, 3 h ago');
    expect(describeAge('2026-11-22T13:41:40Z', NOW, 'UTC')).toBe('as of 13:41, just now');
    expect(describeAge('2026-11-22T13:20:00Z', NOW, 'UTC')).toBe('as of 13:20, 22 min ago');
    expect(describeAge('2026-11-18T09:05:00Z', NOW, 'UTC')).toBe('as of 18 Nov 09:05, 4 days ago');
  });
});
