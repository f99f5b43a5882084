import { describe, expect, it } from 'vitest';
import { approvalLink, approvalMessage } from '../../../shared/gdap/approval-link';
import { PUBLIC_CLOUD, sandboxCloud } from '../../../shared/platform/cloud-profile';
import { ROLE_IDS } from '../../../shared/gdap/roles';

const ID = '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836';

describe('the GDAP approval link', () => {
  it('is the admin center link with the relationship ID in the fragment, in the profile’s cloud', () => {
    expect(approvalLink(PUBLIC_CLOUD, ID.toUpperCase())).toEqual({
      ok: true,
      url: `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${ID}`,
    });
    expect(approvalLink(sandboxCloud('https://127.0.0.1:8443'), ID)).toEqual({
      ok: true,
      url: `https://127.0.0.1:8443/portals/admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${ID}`,
    });
  });

  it.each([
    '',
    'not-an-id',
    `${ID}/../../evil`,
    `${ID}#x`,
    'https://evil.example/',
    '5d027261-d21f-4aa9-b7db-7fa1f56fb163',
  ])('refuses %j', (bad) => {
    expect(approvalLink(PUBLIC_CLOUD, bad).ok).toBe(false);
  });

  it('the message says what is approved, for how long, and by when it lapses', () => {
    const text = approvalMessage({
      partnerName: 'Contoso MSSP',
      customerName: 'Fabrikam',
      link: 'https://admin.microsoft.com/AdminPortal/Home#/x',
      roleIds: [ROLE_IDS.securityReader, ROLE_IDS.securityOperator],
      durationDays: 730,
      autoExtend: true,
      lockedAt: new Date('2026-11-22T10:00:00Z'),
    });
    expect(text).toContain('  - Security Reader\n  - Security Operator');
    expect(text).toContain('lasts 730 days and renews every 180 days');
    expect(text).toContain('before 2027-02-20, when the request lapses');
    expect(text.endsWith('https://admin.microsoft.com/AdminPortal/Home#/x')).toBe(true);
  });
});
