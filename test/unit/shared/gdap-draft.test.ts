import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_TEMPLATES,
  checkRelationshipDraft,
  relationshipRequestBody,
  type RelationshipDraft,
} from '../../../shared/gdap/gdap-draft';
import { ROLE_IDS } from '../../../shared/gdap/roles';

const draft = (over: Partial<RelationshipDraft> = {}): RelationshipDraft => ({
  displayName: 'Fabrikam - Security Copilot',
  customerTenantId: '4B1E2C3D-5E6F-4A1B-8C2D-3E4F5A6B7C8D',
  roleIds: [ROLE_IDS.securityReader],
  durationDays: 730,
  autoExtend: true,
  ...over,
});

describe('checking a GDAP relationship before anything is sent', () => {
  it('accepts every built-in template as it ships, and builds the Graph body', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      expect(
        checkRelationshipDraft(
          draft({ roleIds: t.roleIds, durationDays: t.durationDays, autoExtend: t.autoExtend }),
          [],
        ),
      ).toEqual([]);
    }
    expect(relationshipRequestBody(draft())).toEqual({
      displayName: 'Fabrikam - Security Copilot',
      duration: 'P730D',
      customer: { tenantId: '4b1e2c3d-5e6f-4a1b-8c2d-3e4f5a6b7c8d' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLE_IDS.securityReader }] },
      autoExtendDuration: 'P180D',
    });
  });

  it.each([
    [{ displayName: 'x'.repeat(51) }, 'displayName', /51 characters; Microsoft allows at most 50/],
    [{ displayName: '  ' }, 'displayName', /Give the relationship a name/],
    [{ displayName: 'fabrikam - security copilot' }, 'displayName', /already have a relationship named/],
    [{ durationDays: 0 }, 'durationDays', /from 1 to 730/],
    [{ durationDays: 731 }, 'durationDays', /from 1 to 730/],
    [{ durationDays: 1.5 }, 'durationDays', /whole number/],
    [{ roleIds: [] }, 'roleIds', /at least one role/],
    [{ roleIds: ['00000000-0000-4000-8000-000000000000'] }, 'roleIds', /Not Microsoft Entra built-in roles/],
    [
      { roleIds: [ROLE_IDS.globalAdministrator], autoExtend: true },
      'autoExtend',
      /Global Administrator cannot auto-extend/,
    ],
    [{ customerTenantId: 'fabrikam.com' }, 'customerTenantId', /looks like a domain name/],
  ] as const)('refuses %j on %s', (over, field, message) => {
    const issues = checkRelationshipDraft(draft(over as Partial<RelationshipDraft>), [
      'Fabrikam - Security Copilot',
    ]);
    const issue = issues.find((i) => i.field === field);
    expect(issue?.message).toMatch(message);
  });

  it('allows a relationship without a customer, and Global Administrator without auto-extend', () => {
    expect(checkRelationshipDraft(draft({ customerTenantId: null }), [])).toEqual([]);
    expect(
      checkRelationshipDraft(draft({ roleIds: [ROLE_IDS.globalAdministrator], autoExtend: false }), []),
    ).toEqual([]);
    expect(relationshipRequestBody(draft({ customerTenantId: null, autoExtend: false }))).not.toHaveProperty(
      'customer',
    );
  });
});
