import { describe, expect, it } from 'vitest';
import { Faults, parseFaultSpec } from '../../main/sandbox/faults';
import { SeededRandom } from '../../main/sandbox/random';

// Faults a test (or a faults.json) arms before the app starts: `after` lets a sync through first,
// `unless` spares paths under the matched one, so the failure lands on exactly the read rehearsed.
describe('sandbox faults', () => {
  const faults = (rules: Parameters<Faults['set']>[0]) => new Faults(new SeededRandom(1), rules);

  it('a reset after N lets the first N matching requests through and resets every one after', () => {
    for (const after of [0, 1, 3]) {
      const f = faults([{ kind: 'reset', match: '/graph/v1.0/groups', method: 'GET', after }]);
      const kinds = Array.from({ length: after + 3 }, () => f.decide('/graph/v1.0/groups').kind);
      expect(kinds, `after=${after}`).toEqual([...Array(after).fill('none'), 'reset', 'reset', 'reset']);
      // Another method or path does not count towards `after`, nor is it reset.
      expect(f.decide('/graph/v1.0/groups', 'POST').kind).toBe('none');
      expect(f.decide('/graph/v1.0/users').kind).toBe('none');
    }
  });

  it('unless spares the paths that also match it', () => {
    const f = faults([
      {
        kind: 'reset',
        match: '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/',
        unless: '*/accessAssignments',
      },
    ]);
    const rel = '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/a-b';
    expect(f.decide(rel).kind).toBe('reset');
    expect(f.decide(`${rel}/accessAssignments`).kind).toBe('none');
    expect(f.decide(`${rel}/accessAssignments/x`).kind).toBe('none');
    expect(f.decide('/graph/v1.0/tenantRelationships/delegatedAdminRelationships').kind).toBe('none');
  });

  it('a 403 refuses only the method it names, and the CLI spells it 403@rate:path', () => {
    const f = faults([{ kind: '403', match: '/graph/v1.0/tenantRelationships/*', method: 'PATCH' }]);
    expect(f.decide('/graph/v1.0/tenantRelationships/delegatedAdminRelationships/a', 'PATCH').kind).toBe(
      '403',
    );
    expect(f.decide('/graph/v1.0/tenantRelationships/delegatedAdminRelationships/a', 'GET').kind).toBe(
      'none',
    );
    expect(parseFaultSpec('403@1:/arm/*')).toMatchObject({ kind: '403', match: '/arm/*' });
  });

  it('the CLI spelling takes after=N, and says how to write a fault when it is wrong', () => {
    expect(parseFaultSpec('reset@1:/graph/v1.0/groups,after=2')).toMatchObject({
      kind: 'reset',
      rate: 1,
      match: '/graph/v1.0/groups',
      after: 2,
    });
    expect(parseFaultSpec('reset@1:/graph/*')).toMatchObject({ after: 0 });
    expect(() => parseFaultSpec('reset:/graph')).toThrow(/after=N/);
  });
});
