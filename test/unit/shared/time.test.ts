import { describe, expect, it } from 'vitest';
import { relationshipsToCsv } from '../../../main/core/gdap/gdap-csv';
import type { DirectoryRelationship, DirectorySnapshot } from '../../../shared/directory/directory';
import { checkAccess } from '../../../shared/gdap/access-check';
import { expiringRelationships } from '../../../shared/gdap/expiring';
import { daysUntilEnd } from '../../../shared/gdap/gdap';
import { ROLE_IDS } from '../../../shared/gdap/roles';
import { DAY_MS, daysLeft, describeDaysLeft, formatDate } from '../../../shared/platform/time';

const NOW = new Date('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('daysLeft', () => {
  it.each([
    ['a whole number of days', 12 * DAY_MS, 12],
    ['a day and a minute', DAY_MS + 60_000, 2],
    ['an hour', HOUR, 1],
    ['one millisecond', 1, 1],
    ['exactly one day', DAY_MS, 1],
    ['the very moment it ends', 0, 0],
    ['an hour after the end', -HOUR, 0],
    ['a day and an hour after the end', -(DAY_MS + HOUR), -1],
    ['ten and a half days after the end', -10.5 * DAY_MS, -10],
  ])('counts %s as %d', (_label, ms, expected) => {
    expect(daysLeft(at(ms), NOW)).toBe(expected);
    // A Date and its ISO string are the same end.
    expect(daysLeft(new Date(NOW.getTime() + ms), NOW)).toBe(expected);
  });

  it('never says -0, and says NaN for an end that is not a date', () => {
    expect(Object.is(daysLeft(at(-HOUR), NOW), 0)).toBe(true);
    expect(daysLeft('next Tuesday', NOW)).toBeNaN();
  });
});

describe('describeDaysLeft', () => {
  it.each([
    [30, 'in 30 days'],
    [2, 'in 2 days'],
    [1, 'in 1 day'],
    [0, 'ended less than a day ago'],
    [-1, 'ended 1 day ago'],
    [-14, 'ended 14 days ago'],
  ])('%d reads "%s"', (days, text) => {
    expect(describeDaysLeft(days)).toBe(text);
  });
});

describe('formatDate', () => {
  it('writes the day, short month and year, in the locale and time zone asked for', () => {
    expect(formatDate('2027-12-12T08:00:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('12 Dec 2027');
    // Late on the 31st in UTC is already the 1st in Tokyo.
    expect(formatDate('2027-12-31T20:00:00Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe(
      '1 Jan 2028',
    );
    expect(formatDate(new Date('2026-03-05T10:00:00Z'), { locale: 'en-US', timeZone: 'UTC' })).toBe(
      'Mar 5, 2026',
    );
  });

  it.each([null, undefined, '', 'soon'])('writes a dash for %j', (value) => {
    expect(formatDate(value)).toBe('—');
  });
});

describe('one count of days everywhere', () => {
  const TENANT = '11111111-1111-1111-1111-111111111111';
  function rel(id: string, endMs: number): DirectoryRelationship {
    return {
      id,
      displayName: id,
      status: 'active',
      customerTenantId: TENANT,
      customerName: 'Contoso',
      roleIds: [ROLE_IDS.securityReader],
      duration: 'P730D',
      autoExtendDuration: 'PT0S',
      createdDateTime: at(-700 * DAY_MS),
      activatedDateTime: at(-700 * DAY_MS),
      endDateTime: at(endMs),
      etag: null,
    };
  }
  const snapshot = (relationships: DirectoryRelationship[]): DirectorySnapshot => ({
    syncedAt: NOW.toISOString(),
    account: 'pat',
    openRelationships: [],
    customers: [
      {
        tenantId: TENANT,
        displayName: 'Contoso',
        domain: null,
        relationships,
        assignments: [],
        serviceManagement: [],
        problem: null,
      },
    ],
  });

  // Ends that are not whole days away: where rounding down (the CSV's old way) and up (the UI's) differ.
  it.each([
    ['10 days and 10 hours', 10 * DAY_MS + 10 * HOUR, 11],
    ['2 hours', 2 * HOUR, 1],
    ['6 days and 23 hours', 6 * DAY_MS + 23 * HOUR, 7],
    ['exactly 5 days', 5 * DAY_MS, 5],
  ])(
    'a relationship ending in %s: the CSV, the expiring view and the access check all say %d',
    (_l, ms, days) => {
      const r = rel('r1', ms);
      const csv = relationshipsToCsv(snapshot([r]), NOW).split('\r\n');
      const header = csv[0]!.split(',');
      const row = csv[1]!.split(',');
      const csvDays = Number(row[header.indexOf('daysLeft')]);

      const [expiring] = expiringRelationships(snapshot([r]), NOW);
      expect(expiring?.daysLeft).toBe(days);
      expect(csvDays).toBe(days);
      expect(daysUntilEnd(r, NOW)).toBe(days);
      expect(describeDaysLeft(csvDays)).toBe(days === 1 ? 'in 1 day' : `in ${days} days`);

      const check = checkAccess({
        customer: { tenantId: TENANT, displayName: 'Contoso' },
        relationships: [r],
        assignments: [],
        user: { id: 'u', displayName: 'Ada', userPrincipalName: 'ada@contoso.com' },
        userGroupIds: [],
        now: NOW,
      });
      const step = check.steps.find((s) => s.id === 'relationship');
      expect(step?.detail).toMatch(new RegExp(`\\b${days} days?\\b`));
      expect(step?.detail).not.toMatch(new RegExp(`\\b${days - 1} days?\\b`));
    },
  );
});
