/**
 * Keeps the GDAP directory: a sync reads it from Graph as the active account (progress n of N,
 * cancel), and replaces the stored one only when it completes. A sync that cannot reach Graph keeps
 * the last directory and says so.
 */
import type {
  DirectoryAssignment,
  DirectoryCustomer,
  DirectoryRelationship,
  DirectorySnapshot,
} from '../../../shared/directory/directory';
import type { DirectoryStatus } from '../../../shared/contract/contract';
import type { AccountService } from '../accounts/account-service';
import type { CloudService } from '../platform/cloud/cloud-service';
import { CloudFailure, explainFailure, failureSentence } from '../platform/cloud-errors';
import { purposeOf } from '../platform/command-purposes';
import { UserFacingError } from '../platform/errors';
import { createGraphClient } from '../platform/graph/graph-client';
import type { DocumentStore } from '../platform/persistence/document-store';
import type { DirectoryDocument } from './directory-document';
import { readDirectory } from './read-directory';

/** Customers read at once: Graph throttles per app and tenant; this keeps well inside it. */
export const SYNC_CONCURRENCY = 8;

export interface DirectoryEvents {
  readonly onProgress: (done: number, total: number) => void;
  /** Each Graph request a sync sends (retries included): for the benchmark. */
  readonly onGraphRequest?: () => void;
  readonly onChange: (status: DirectoryStatus) => void;
}

export class DirectoryService {
  private running: AbortController | undefined;
  private lastError: string | null = null;

  constructor(
    private readonly store: DocumentStore<DirectoryDocument>,
    private readonly accounts: AccountService,
    private readonly cloud: CloudService,
    private readonly now: () => Date,
    private readonly concurrency: number = SYNC_CONCURRENCY,
    private readonly events: DirectoryEvents = { onProgress: () => undefined, onChange: () => undefined },
  ) {}

  snapshot(): DirectorySnapshot | null {
    return this.store.get().snapshot;
  }

  customer(tenantId: string): DirectoryCustomer | null {
    return this.snapshot()?.customers.find((c) => c.tenantId === tenantId) ?? null;
  }

  status(): DirectoryStatus {
    const s = this.snapshot();
    return {
      syncedAt: s?.syncedAt ?? null,
      account: s?.account ?? null,
      customers: s?.customers.length ?? 0,
      problems: s?.customers.filter((c) => c.problem !== null).length ?? 0,
      running: this.running !== undefined,
      lastError: this.lastError,
    };
  }

  async sync(): Promise<DirectoryStatus> {
    if (this.running)
      throw new UserFacingError('conflict', 'A sync is already running. Wait for it, or cancel it.');
    const controller = new AbortController();
    this.running = controller;
    this.events.onChange(this.status());
    try {
      const auth = await this.accounts.status();
      const account = auth.accounts.find((a) => a.homeAccountId === auth.activeAccountId);
      if (!account) throw new UserFacingError('refused', 'Sign in first: open Accounts and choose Sign in.');
      const active = await this.cloud.active();
      const client = createGraphClient(active.profile, active.caPem, () =>
        this.accounts.token('graph', undefined, account.homeAccountId),
      );
      const read = await readDirectory(client, {
        concurrency: this.concurrency,
        signal: controller.signal,
        onProgress: (done, total) => this.events.onProgress(done, total),
        onRequest: this.events.onGraphRequest,
        knownDomains: new Map(
          (this.snapshot()?.customers ?? [])
            .filter((c) => typeof c.domain === 'string')
            .map((c) => [c.tenantId, c.domain as string]),
        ),
      });
      this.store.set({
        snapshot: {
          syncedAt: this.now().toISOString(),
          account: account.username,
          customers: read.customers,
          openRelationships: read.openRelationships,
          reader: read.reader,
        },
      });
      this.lastError = null;
    } catch (error) {
      if (controller.signal.aborted) {
        this.lastError = 'The sync was cancelled; the directory is as it was before.';
        throw new UserFacingError('refused', this.lastError);
      }
      const explanation = explainFailure(error, purposeOf('directory.sync'));
      if (explanation.kind === 'bug') {
        this.lastError = `${failureSentence(explanation)} The directory is as it was before.`;
        throw error;
      }
      if (error instanceof UserFacingError) {
        this.lastError = `${error.message} The directory is as it was before.`;
        throw new UserFacingError(error.code, this.lastError, error.issues);
      }
      const kept = failureSentence({
        ...explanation,
        next: `The directory is as it was before. ${explanation.next}`,
      });
      this.lastError = `The last sync failed. ${kept}`;
      throw new CloudFailure(explanation, kept);
    } finally {
      this.running = undefined;
      this.events.onChange(this.status());
    }
    return this.status();
  }

  /**
   * Puts one relationship as Graph now has it into the stored directory (after a change the app
   * made), and optionally its access assignments, so the lists stay true without a full sync.
   */
  applyRelationship(
    relationship: DirectoryRelationship,
    assignments?: ReadonlyArray<DirectoryAssignment>,
  ): void {
    const snapshot = this.snapshot();
    if (snapshot === null) return;
    const upsert = (list: ReadonlyArray<DirectoryRelationship>) =>
      list.some((r) => r.id === relationship.id)
        ? list.map((r) => (r.id === relationship.id ? relationship : r))
        : [...list, relationship];
    const withAssignments = (list: ReadonlyArray<DirectoryAssignment>) =>
      assignments === undefined
        ? list
        : [...list.filter((a) => a.relationshipId !== relationship.id), ...assignments];
    let customers = snapshot.customers;
    let open = snapshot.openRelationships.filter((r) => r.id !== relationship.id);
    const tenantId = relationship.customerTenantId;
    if (tenantId === null) {
      open = [...open, relationship];
    } else if (customers.some((c) => c.tenantId === tenantId)) {
      customers = customers.map((c) =>
        c.tenantId === tenantId
          ? { ...c, relationships: upsert(c.relationships), assignments: withAssignments(c.assignments) }
          : c,
      );
    } else {
      customers = [
        ...customers,
        {
          tenantId,
          displayName: relationship.customerName ?? tenantId,
          domain: null,
          relationships: [relationship],
          assignments: assignments ?? [],
          serviceManagement: [],
          problem: null,
        },
      ];
    }
    this.store.set({ snapshot: { ...snapshot, customers, openRelationships: open } });
    this.events.onChange(this.status());
  }

  /** Takes a relationship that no longer exists (deleted while still a draft) out of the stored directory. */
  removeRelationship(id: string): void {
    const snapshot = this.snapshot();
    if (snapshot === null) return;
    const customers = snapshot.customers.map((c) =>
      c.relationships.some((r) => r.id === id)
        ? {
            ...c,
            relationships: c.relationships.filter((r) => r.id !== id),
            assignments: c.assignments.filter((a) => a.relationshipId !== id),
          }
        : c,
    );
    const open = snapshot.openRelationships.filter((r) => r.id !== id);
    this.store.set({ snapshot: { ...snapshot, customers, openRelationships: open } });
    this.events.onChange(this.status());
  }

  cancel(): boolean {
    if (!this.running) return false;
    this.running.abort(new Error('cancelled'));
    return true;
  }
}
