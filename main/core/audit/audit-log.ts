/**
 * The audit trail of every change Switchboard makes in any tenant: who, when, which tenant, what
 * (action and body), and the result (status, Graph request-id, error). Each change is written twice,
 * before it is sent and after the answer, as JSON Lines appended and flushed to disk, so a crash in
 * the middle leaves the "before" entry and the change shows as interrupted, never as missing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AuditEntryView } from '../../../shared/audit/audit';
import type { Notice } from '../../../shared/contract/contract';
import { csvTable } from '../../../shared/platform/csv';
import { UserFacingError } from '../platform/errors';
import { osProblem } from '../platform/persistence/os-problem';

export const AUDIT_FILE = 'audit.jsonl';

const beforeSchema = z.object({
  id: z.string(),
  phase: z.literal('before'),
  at: z.string(),
  account: z.string(),
  tenantId: z.string(),
  action: z.string(),
  /** The path the change was sent to (a Graph or ARM resource); absent in entries made before it was kept. */
  target: z.string().optional(),
  /** What the target is called, kept where it may be gone later (a deleted relationship). */
  targetName: z.string().optional(),
  body: z.unknown().optional(),
});
const afterSchema = z.object({
  id: z.string(),
  phase: z.literal('after'),
  at: z.string(),
  status: z.number().int(),
  requestId: z.string().nullable(),
  error: z.string().nullable(),
});

export type AuditEntry = AuditEntryView;

export interface AuditFilter {
  readonly tenantId?: string;
  readonly action?: string;
  readonly from?: Date;
  readonly to?: Date;
}

export class AuditLog {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, AUDIT_FILE);
  }

  /**
   * Records the change, runs it, and records the result. `send` returns the HTTP status and Graph
   * request-id, or throws; a thrown error is recorded and rethrown.
   */
  async record<T extends { status: number; requestId: string | null }>(
    change: {
      readonly account: string;
      readonly tenantId: string;
      readonly action: string;
      readonly target?: string;
      readonly targetName?: string;
      readonly body?: unknown;
    },
    send: () => Promise<T>,
  ): Promise<T> {
    const id = randomUUID();
    this.append({ id, phase: 'before', at: this.now().toISOString(), ...change });
    let result: T;
    try {
      result = await send();
    } catch (error) {
      const e = error as { statusCode?: unknown; requestId?: unknown; message?: unknown };
      this.append({
        id,
        phase: 'after',
        at: this.now().toISOString(),
        status: typeof e.statusCode === 'number' ? e.statusCode : 0,
        requestId: typeof e.requestId === 'string' ? e.requestId : null,
        error: typeof e.message === 'string' ? e.message : String(error),
      });
      throw error;
    }
    this.append({
      id,
      phase: 'after',
      at: this.now().toISOString(),
      status: result.status,
      requestId: result.requestId,
      error: null,
    });
    return result;
  }

  /**
   * Why the audit trail cannot be read, as a notice for the start of the app; undefined when it can
   * (or does not exist yet: no change was made). An unreadable trail must never look like an empty one.
   */
  static startupNotice(dataDir: string): Notice | undefined {
    const file = path.join(dataDir, AUDIT_FILE);
    try {
      fs.closeSync(fs.openSync(file, 'r'));
      if (!fs.statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return {
        id: 'audit-unreadable',
        level: 'error',
        title: 'The audit trail could not be read',
        message: unreadableMessage(file, error),
      };
    }
  }

  /** Every change, newest first, filtered; and how many lines could not be read. */
  read(filter: AuditFilter = {}): { entries: AuditEntry[]; unreadableLines: number } {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      // No file yet: no change was made. Any other failure is said, never shown as an empty trail.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], unreadableLines: 0 };
      throw new UserFacingError('unavailable', unreadableMessage(this.file, error));
    }
    const befores = new Map<string, z.output<typeof beforeSchema>>();
    const afters = new Map<string, z.output<typeof afterSchema>>();
    let unreadableLines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        unreadableLines++; // e.g. the last line of a write cut short by a crash
        continue;
      }
      const before = beforeSchema.safeParse(value);
      if (before.success) {
        befores.set(before.data.id, before.data);
        continue;
      }
      const after = afterSchema.safeParse(value);
      if (after.success) afters.set(after.data.id, after.data);
      else unreadableLines++;
    }
    const entries: AuditEntry[] = [...befores.values()].map((b) => {
      const a = afters.get(b.id);
      return {
        id: b.id,
        at: b.at,
        account: b.account,
        tenantId: b.tenantId,
        action: b.action,
        target: b.target ?? null,
        targetName: b.targetName ?? null,
        body: b.body ?? null,
        outcome:
          a === undefined ? 'interrupted' : a.error === null && a.status < 400 ? 'succeeded' : 'failed',
        status: a?.status ?? null,
        requestId: a?.requestId ?? null,
        error: a?.error ?? null,
        finishedAt: a?.at ?? null,
      };
    });
    return {
      entries: entries
        .filter((e) => filter.tenantId === undefined || e.tenantId === filter.tenantId)
        .filter((e) => filter.action === undefined || e.action === filter.action)
        .filter((e) => filter.from === undefined || Date.parse(e.at) >= filter.from.getTime())
        .filter((e) => filter.to === undefined || Date.parse(e.at) <= filter.to.getTime())
        .sort((x, y) => y.at.localeCompare(x.at)),
      unreadableLines,
    };
  }

  private append(record: z.input<typeof beforeSchema> | z.input<typeof afterSchema>): void {
    try {
      this.appendLine(record);
    } catch (error) {
      if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
      const problem = `Switchboard could not write its audit trail ${this.file} (${osProblem(error)})`;
      const advice = 'Make that file and its folder writable for your account';
      throw new UserFacingError(
        'unavailable',
        record.phase === 'before'
          ? `The change was not made: ${problem}. ${advice}, then try again.`
          : `The change was sent, but its result is not in the audit trail: ${problem}. ${advice}, and check the change in the tenant before trying it again.`,
      );
    }
  }

  private appendLine(record: unknown): void {
    const fd = fs.openSync(this.file, 'a+', 0o600);
    try {
      // A crash can leave the last line cut short: start on a fresh line so this record stays whole.
      const size = fs.fstatSync(fd).size;
      let lead = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        fs.readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) lead = '\n';
      }
      fs.writeSync(fd, `${lead}${JSON.stringify(record)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

function unreadableMessage(file: string, error: unknown): string {
  return `Switchboard could not read its audit trail ${file} (${osProblem(error)}), so the changes it made are not shown. Nothing in it was changed or removed. Give your account read access to that file (or move away whatever is at that path), then open the audit trail again.`;
}

const CSV_COLUMNS = [
  'at',
  'account',
  'tenantId',
  'customerName',
  'action',
  'relationshipId',
  'relationshipName',
  'outcome',
  'status',
  'requestId',
  'error',
  'body',
] as const;

/** Names for the IDs in the trail: customers by tenant ID, GDAP relationships by ID. */
export interface AuditNames {
  customerName(tenantId: string): string | undefined;
  relationshipName(relationshipId: string): string | undefined;
}

const RELATIONSHIP_IN_PATH = /\/delegatedAdminRelationships\/([^/?#]+)/i;

/**
 * The GDAP relationship an entry changed: from the path the change went to (kept since the trail
 * records targets); for a relationship being created, none yet (its name is in the body).
 */
export function relationshipIdOf(entry: AuditEntry): string | null {
  const match = entry.target ? RELATIONSHIP_IN_PATH.exec(entry.target) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * The audit trail as CSV (formula cells defused), with the customer's and the relationship's names
 * beside their IDs so a reader of the file needs no other list.
 */
export function auditToCsv(entries: ReadonlyArray<AuditEntry>, names?: AuditNames): string {
  return csvTable(
    CSV_COLUMNS,
    entries.map((e) => {
      const relationshipId = relationshipIdOf(e);
      const body = e.body as { displayName?: unknown } | null;
      const createdName =
        e.action === 'relationship.create' && typeof body?.displayName === 'string'
          ? body.displayName
          : undefined;
      return {
        ...e,
        customerName: names?.customerName(e.tenantId) ?? '',
        relationshipId: relationshipId ?? '',
        relationshipName:
          (relationshipId !== null ? names?.relationshipName(relationshipId) : undefined) ??
          e.targetName ??
          createdName ??
          '',
      };
    }),
  );
}
