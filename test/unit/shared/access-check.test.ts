import { describe, expect, it } from 'vitest';
import { checkAccess, type AccessCheckInput } from '../../../shared/gdap/access-check';
import type { DirectoryAssignment, DirectoryRelationship } from '../../../shared/directory/directory';
import { ROLE_IDS } from '../../../shared/gdap/roles';

const NOW = new Date('2026-12-01T12:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000 - 3_600_000).toISOString();
const READERS = 'aaaaaaaa-0000-0000-0000-000000000001';
const NESTED = 'aaaaaaaa-0000-0000-0000-000000000002';

function rel(over: Partial<DirectoryRelationship> = {}): DirectoryRelationship {
  return {
    id: 'r1',
    displayName: 'Contoso - Copilot',
    status: 'active',
    customerTenantId: '11111111-1111-1111-1111-111111111111',
    customerName: 'Contoso',
    roleIds: [ROLE_IDS.securityReader],
    duration: 'P730D',
    autoExtendDuration: 'P180D',
    createdDateTime: day(-100),
    activatedDateTime: day(-99),
    endDateTime: day(600),
    etag: 'W/"1"',
    ...over,
  };
}

function assignment(over: Partial<DirectoryAssignment> = {}): DirectoryAssignment {
  return {
    id: 'a1',
    relationshipId: 'r1',
    status: 'active',
    groupId: READERS,
    groupName: 'SOC Analysts',
    roleIds: [ROLE_IDS.securityReader],
    ...over,
  };
}

function input(over: Partial<AccessCheckInput> = {}): AccessCheckInput {
  return {
    user: { id: 'u1', displayName: 'Ada Analyst', userPrincipalName: 'ada@contoso-mssp.example' },
    customer: { tenantId: '11111111-1111-1111-1111-111111111111', displayName: 'Contoso' },
    relationships: [rel()],
    assignments: [assignment()],
    userGroupIds: [READERS],
    now: NOW,
    ...over,
  };
}

describe('the access check', () => {
  it('is green with the path when every link holds, and lists the plugins GDAP reaches', () => {
    const check = checkAccess(input());
    expect(check.verdict).toBe('green');
    expect(check.summary).toBe('Ada Analyst reaches Security Copilot in Contoso as Security Reader.');
    expect(check.paths).toEqual([
      { relationship: 'Contoso - Copilot', group: 'SOC Analysts', roles: ['Security Reader'] },
    ]);
    expect(check.steps.every((s) => s.state === 'pass')).toBe(true);
    expect(check.plugins.some((p) => p.reach === 'reached')).toBe(true);
  });

  it('names the one next step for each broken link', () => {
    expect(checkAccess(input({ relationships: [], assignments: [] })).steps[0]?.fix).toMatch(
      /Create a relationship/,
    );
    expect(checkAccess(input({ relationships: [rel({ status: 'approvalPending' })] })).steps[0]?.fix).toMatch(
      /Send the approval link/,
    );
    expect(checkAccess(input({ relationships: [rel({ status: 'created' })] })).steps[0]?.fix).toMatch(
      /Lock it for approval/,
    );
    const noRole = checkAccess(input({ relationships: [rel({ roleIds: [ROLE_IDS.userAdministrator] })] }));
    expect(noRole.verdict).toBe('red');
    expect(noRole.steps.find((s) => s.id === 'roles')?.fix).toMatch(/create a new relationship/);
    const noAssignment = checkAccess(input({ assignments: [] }));
    expect(noAssignment.steps.find((s) => s.id === 'assignment')?.fix).toMatch(/Add an access assignment/);
    const notMember = checkAccess(input({ userGroupIds: [] }));
    expect(notMember.verdict).toBe('red');
    expect(notMember.steps.find((s) => s.id === 'membership')?.fix).toBe(
      'Add ada@contoso-mssp.example to "SOC Analysts" in your partner tenant (Microsoft Entra admin center, Groups).',
    );
    expect(notMember.plugins.every((p) => p.reach === 'not-reached')).toBe(true);
  });

  it('counts nested groups (the transitive membership main passes in), and only roles the relationship holds', () => {
    expect(checkAccess(input({ userGroupIds: [NESTED, READERS] })).verdict).toBe('green');
    // An assignment naming Security Operator in a relationship that only holds Security Reader grants nothing of it.
    const outside = checkAccess(
      input({ assignments: [assignment({ roleIds: [ROLE_IDS.securityOperator] })] }),
    );
    expect(outside.paths).toEqual([]);
    expect(outside.verdict).toBe('red');
  });

  it('warns when access ends within 7 days without auto-extend, and says Global Administrator blocks it', () => {
    const ending = checkAccess(
      input({ relationships: [rel({ autoExtendDuration: 'PT0S', endDateTime: day(3) })] }),
    );
    expect(ending.verdict).toBe('amber');
    expect(ending.steps[0]?.detail).toMatch(/ends in 3 days and will not auto-extend/);
    const ga = checkAccess(
      input({
        relationships: [
          rel({ roleIds: [ROLE_IDS.securityReader, ROLE_IDS.globalAdministrator], endDateTime: day(2) }),
        ],
      }),
    );
    expect(ga.steps[0]?.fix).toMatch(/Remove Global Administrator from it so it can auto-extend/);
  });

  it('a pending assignment is a wait, not a failure to fix', () => {
    const pending = checkAccess(input({ assignments: [assignment({ status: 'pending' })] }));
    expect(pending.steps.find((s) => s.id === 'assignment')).toMatchObject({
      state: 'warn',
      fix: 'Wait a few minutes and check again.',
    });
  });
});
