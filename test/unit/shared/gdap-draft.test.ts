import { describe, expect, it } from 'vitest';
import { commands } from '../../../shared/contract/contract';
import { GLOBAL_ADMIN_AUTO_EXTEND } from '../../../shared/gdap/gdap';
import {
  BUILT_IN_TEMPLATES,
  checkRelationshipDraft,
  checkRoleTemplate,
  relationshipRequestBody,
  type RelationshipDraft,
  type RoleTemplate,
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

describe('checking a role template (the Templates tab as the user types, and main before saving)', () => {
  const template = (over: Partial<RoleTemplate> = {}): RoleTemplate => ({
    id: 'tier-1-abc',
    name: 'Tier 1',
    description: 'First line analysts',
    roleIds: [ROLE_IDS.securityReader],
    durationDays: 365,
    autoExtend: true,
    ...over,
  });
  /** What main answers: the contract's input schema for gdap.saveTemplate, field by field. */
  const mainSays = (t: unknown) => {
    const parsed = commands['gdap.saveTemplate'].input.safeParse(t);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.message]));
  };

  it('accepts every built-in template, on both sides', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      expect(checkRoleTemplate(t)).toEqual({});
      expect(mainSays(t)).toEqual({});
    }
  });

  it.each([
    [{ name: '   ' }, 'name', /Give the template a name/],
    [{ name: 'x'.repeat(81) }, 'name', /at most 80 characters/],
    [{ description: 'x'.repeat(401) }, 'description', /at most 400 characters/],
    [{ roleIds: [] }, 'roleIds', /at least one role/],
    [{ roleIds: ['00000000-0000-4000-8000-000000000000'] }, 'roleIds', /not a Microsoft Entra built-in role/],
    [{ durationDays: 0 }, 'durationDays', /whole number of days from 1 to 730/],
    [{ durationDays: 731 }, 'durationDays', /whole number of days from 1 to 730/],
    [{ durationDays: 1.5 }, 'durationDays', /whole number of days from 1 to 730/],
    [{ durationDays: Number('') || Number.NaN }, 'durationDays', /whole number of days from 1 to 730/],
    [
      { roleIds: [ROLE_IDS.securityReader, ROLE_IDS.globalAdministrator.toUpperCase()] },
      'autoExtend',
      /with Global Administrator cannot auto-extend/,
    ],
  ] as const)('refuses %j on %s, with the same words in the tab and in main', (over, field, message) => {
    const t = template(over as Partial<RoleTemplate>);
    const inTab = checkRoleTemplate(t);
    expect(inTab[field]).toMatch(message);
    expect(mainSays(t)[field]).toBe(inTab[field]);
  });

  it('says the Global Administrator rule alongside other problems, in the one wording', () => {
    const issues = checkRoleTemplate(template({ name: '', roleIds: [ROLE_IDS.globalAdministrator] }));
    expect(issues.name).toMatch(/Give the template a name/);
    expect(issues.autoExtend).toBe(`${GLOBAL_ADMIN_AUTO_EXTEND.rule} ${GLOBAL_ADMIN_AUTO_EXTEND.draftFix}`);
    // A relationship draft says the same.
    const draftIssue = checkRelationshipDraft(draft({ roleIds: [ROLE_IDS.globalAdministrator] }), []).find(
      (i) => i.field === 'autoExtend',
    );
    expect(draftIssue?.message).toBe(issues.autoExtend);
  });

  it('allows Global Administrator once auto-extend is off', () => {
    const t = template({ roleIds: [ROLE_IDS.globalAdministrator], autoExtend: false });
    expect(checkRoleTemplate(t)).toEqual({});
    expect(mainSays(t)).toEqual({});
  });

  it('main also refuses a field the tab never sends', () => {
    const parsed = commands['gdap.saveTemplate'].input.safeParse({ ...template(), admin: true });
    expect(parsed.error?.issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
  });
});
