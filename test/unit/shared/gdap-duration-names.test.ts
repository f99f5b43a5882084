import { describe, expect, it } from 'vitest';
import {
  checkRelationshipDraft,
  checkRoleTemplate,
  parseDurationInput,
} from '../../../shared/gdap/gdap-draft';
import { ROLE_IDS } from '../../../shared/gdap/roles';

describe('a relationship duration as people type it', () => {
  it.each([
    ['730', 730],
    [' 90 days', 90],
    ['1 day', 1],
    ['P2Y', 730],
    ['p180d', 180],
    ['P1Y6M', 545],
    ['P4W', 28],
  ])('reads %j as %i days', (text, days) => {
    expect(parseDurationInput(text)).toEqual({ ok: true, days });
  });
  it.each([
    ['P3Y', '"P3Y" is 1095 days. Microsoft allows 1 to 730 days'],
    ['731', '"731" is 731 days.'],
    ['0', '"0" is 0 days.'],
    ['PT12H', '"PT12H" is not a whole number of days.'],
    ['two years', '"two years" is not a duration.'],
    ['3y', '"3y" is not a duration.'],
    ['-5', '"-5" is not a duration.'],
    ['', 'Type a duration.'],
  ])('refuses %j with the rule', (text, start) => {
    const read = parseDurationInput(text);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.message.startsWith(start)).toBe(true);
      expect(read.message).toContain('Microsoft allows 1 to 730 days');
    }
  });
});

describe('names with control or direction characters', () => {
  const draft = (displayName: string) => ({
    displayName,
    customerTenantId: null,
    roleIds: [ROLE_IDS.securityReader],
    durationDays: 730,
    autoExtend: true,
  });
  it.each([
    ['Contoso - SOC\u202Eexe.doc', 'U+202E'],
    ['Contoso\u2066 SOC', 'U+2066'],
    ['Contoso\nSOC', 'a line break'],
    ['Contoso\u0000SOC', 'U+0000'],
  ])('refuses the relationship name %j, naming %s', (name, named) => {
    const issue = checkRelationshipDraft(draft(name), []).find((i) => i.field === 'displayName');
    expect(issue?.message).toContain(named);
  });
  it('keeps names with joiners and other scripts', () => {
    expect(checkRelationshipDraft(draft('مشتری\u200Cها - SOC'), [])).toEqual([]);
  });
  it("refuses a template's name with a direction control, and keeps an ordinary one", () => {
    const template = {
      id: 't',
      name: 'Analyst\u202E',
      description: '',
      roleIds: [ROLE_IDS.securityReader],
      durationDays: 730,
      autoExtend: true,
    };
    expect(checkRoleTemplate(template).name).toContain(
      "The template's name contains the invisible direction control U+202E",
    );
    expect(checkRoleTemplate({ ...template, name: 'Analyst' })).toEqual({});
  });
});
