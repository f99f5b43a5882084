import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_FILE, AuditLog, auditToCsv } from '../../../main/core/audit/audit-log';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-audit-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const change = {
  account: 'pat.admin@contosomssp.onmicrosoft.com',
  tenantId: 'tenant-a',
  action: 'relationship.create',
  body: { displayName: 'x' },
};

describe('the audit trail', () => {
  it('records who, when, which tenant, what, and the result', async () => {
    const log = new AuditLog(dir, () => new Date('2026-11-22T10:00:00Z'));
    await log.record(change, async () => ({ status: 201, requestId: 'req-1' }));
    const { entries } = log.read();
    expect(entries).toEqual([
      expect.objectContaining({
        ...change,
        outcome: 'succeeded',
        status: 201,
        requestId: 'req-1',
        error: null,
        at: '2026-11-22T10:00:00.000Z',
      }),
    ]);
  });

  it('records a refused change with Graph’s status, request-id and message, and rethrows it', async () => {
    const log = new AuditLog(dir);
    const refusal = Object.assign(new Error('The If-Match header is required.'), {
      statusCode: 400,
      requestId: 'req-2',
    });
    await expect(log.record(change, async () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(log.read().entries[0]).toMatchObject({
      outcome: 'failed',
      status: 400,
      requestId: 'req-2',
      error: 'The If-Match header is required.',
    });
  });

  it('survives a crash mid-change: the "before" entry is there and shows as interrupted; a cut-off line is skipped and counted', async () => {
    const log = new AuditLog(dir);
    // The process dies while the request is in flight: "after" is never written.
    void log.record(change, () => new Promise<{ status: number; requestId: string | null }>(() => undefined));
    fs.appendFileSync(path.join(dir, AUDIT_FILE), '{"id":"x","phase":"bef');
    const again = new AuditLog(dir).read();
    expect(again.entries).toEqual([
      expect.objectContaining({ action: 'relationship.create', outcome: 'interrupted', status: null }),
    ]);
    expect(again.unreadableLines).toBe(1);
    // The next change after the restart starts on a line of its own: nothing more is lost.
    const after = new AuditLog(dir);
    await after.record({ ...change, action: 'relationship.lockForApproval' }, async () => ({
      status: 201,
      requestId: 'r',
    }));
    const read = after.read();
    expect(read.entries.map((e) => [e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        ['relationship.create', 'interrupted'],
        ['relationship.lockForApproval', 'succeeded'],
      ]),
    );
    expect(read.unreadableLines).toBe(1);
  });

  it('filters by tenant, action and time, newest first, and exports safe CSV', async () => {
    let t = Date.parse('2026-11-20T00:00:00Z');
    const log = new AuditLog(dir, () => new Date((t += 3_600_000)));
    await log.record(change, async () => ({ status: 201, requestId: null }));
    await log.record(
      {
        ...change,
        account: '=HYPERLINK("https://evil.example")',
        tenantId: 'tenant-b',
        action: 'relationship.terminate',
      },
      async () => ({ status: 201, requestId: null }),
    );
    expect(log.read({ tenantId: 'tenant-b' }).entries.map((e) => e.action)).toEqual([
      'relationship.terminate',
    ]);
    expect(log.read().entries.map((e) => e.tenantId)).toEqual(['tenant-b', 'tenant-a']);
    expect(log.read({ from: new Date('2026-11-20T02:30:00Z') }).entries).toHaveLength(1);
    const csv = auditToCsv(log.read().entries);
    expect(csv.split('\r\n')[0]).toBe(
      'at,account,tenantId,customerName,action,relationshipId,relationshipName,outcome,status,requestId,error,body',
    );
    // A cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(csv).not.toMatch(/,"?=HYPERLINK/);
  });
});
