import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, auditToCsv, type AuditNames } from '../../../main/core/audit/audit-log';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-audit-csv-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const REL = '11111111-2222-4333-8444-555555555555-66666666-7777-4888-9999-000000000000';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const names: AuditNames = {
  customerName: (t) => (t === TENANT ? 'Contoso, Ltd' : undefined),
  relationshipName: (id) => (id === REL ? '=Contoso SOC' : undefined),
};

function rows(csv: string): string[] {
  return csv.split('\r\n').filter((l) => l !== '');
}

describe('the audit CSV', () => {
  it('names the customer and the relationship beside their IDs (quoted, formulas defused)', async () => {
    const log = new AuditLog(dir, () => new Date('2026-11-22T10:00:00Z'));
    const account = 'pat.admin@contosomssp.onmicrosoft.com';
    await log.record(
      {
        account,
        tenantId: TENANT,
        action: 'relationship.autoExtend.on',
        target: `/tenantRelationships/delegatedAdminRelationships/${encodeURIComponent(REL)}`,
        body: { autoExtendDuration: 'P180D' },
      },
      async () => ({ status: 200, requestId: 'req-1' }),
    );
    await log.record(
      {
        account,
        tenantId: TENANT,
        action: 'assignment.create',
        target: `/tenantRelationships/delegatedAdminRelationships/${REL}/accessAssignments`,
        body: {},
      },
      async () => ({ status: 201, requestId: 'req-2' }),
    );
    const [header, ...lines] = rows(auditToCsv(log.read().entries, names));
    expect(header?.split(',').slice(0, 7)).toEqual([
      'at',
      'account',
      'tenantId',
      'customerName',
      'action',
      'relationshipId',
      'relationshipName',
    ]);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toContain(`,${TENANT},"Contoso, Ltd",`);
      expect(line).toContain(`,${REL},'=Contoso SOC,`);
    }
  });

  it('names a relationship being created from what was sent, and leaves unknown names empty', async () => {
    const log = new AuditLog(dir);
    await log.record(
      {
        account: 'a',
        tenantId: 'none',
        action: 'relationship.create',
        target: '/tenantRelationships/delegatedAdminRelationships',
        body: { displayName: 'Fabrikam SOC 2026' },
      },
      async () => ({ status: 201, requestId: null }),
    );
    // An entry from before targets were kept: no relationship ID to name.
    await log.record(
      { account: 'a', tenantId: 'unknown-tenant', action: 'relationship.terminate', body: {} },
      async () => ({ status: 201, requestId: null }),
    );
    const lines = rows(auditToCsv(log.read().entries, names)).slice(1);
    expect(lines.find((l) => l.includes('relationship.create'))).toContain(
      ',none,,relationship.create,,Fabrikam SOC 2026,',
    );
    expect(lines.find((l) => l.includes('relationship.terminate'))).toContain(
      ',unknown-tenant,,relationship.terminate,,,',
    );
  });
});
