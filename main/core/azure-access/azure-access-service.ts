/**
 * Copilot in Azure access per tenant (issue 16): read whether the tenant restricts Copilot in Azure
 * and who holds the Azure Copilot User role; change it as one guided, audited step (elevate, set the
 * switch, assign or remove the role, remove the elevation). Elevation is always removed: after
 * success, in every failure path, on cancel, and after a crash (a marker on disk, found at the next
 * start). An account that was already elevated is left as found. A non-Global-Administrator is
 * refused before anything is sent.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  availabilityText,
  COPILOT_ROLE,
  USER_ACCESS_ADMINISTRATOR_ROLE_ID,
  type CopilotAvailability,
  type CopilotChange,
  type CopilotChangeResult,
  type CopilotPanel,
  type CopilotPlan,
  type DirectoryPrincipal,
  type PlanStep,
  type PlanStepKind,
  type PrincipalRef,
  type StepOutcome,
} from '../../../shared/azure-access/azure-access';
import type { TenantId } from '../../../shared/platform/tenant-id';
import type { AccountService } from '../accounts/account-service';
import type { AuditLog } from '../audit/audit-log';
import type { CloudService } from '../platform/cloud/cloud-service';
import { UserFacingError } from '../platform/errors';
import { createGraphClient, graphGetAll } from '../platform/graph/graph-client';
import {
  ArmError,
  armSend,
  createArmClient,
  describeArmError,
  isGlobalAdministrator,
  toArmError,
  tokenClaims,
  type ArmRetry,
  type ArmSession,
} from './arm-session';
import { ElevationMarkers, type ElevationMarker } from './elevation-markers';

const COPILOT_SETTINGS = '/providers/Microsoft.PortalServices/copilotSettings/default?api-version=2024-04-01';
/** The role's scope as the SDK takes it: without the leading slash (a leading one doubles it). */
const ROLE_SCOPE = COPILOT_ROLE.scope.slice(1);
const ELEVATE = '/providers/Microsoft.Authorization/elevateAccess?api-version=2016-07-01';
/** How long an elevation may take to show before the work goes ahead anyway. */
const ELEVATION_TAKES_EFFECT_MS = 60_000;
const ROLE_ASSIGNMENTS_API = '2022-04-01';

const settingsSchema = z.object({ properties: z.object({ accessControlEnabled: z.boolean() }) });
const assignmentListSchema = z.object({
  value: z.array(
    z.object({
      name: z.string(),
      properties: z.object({ scope: z.string(), roleDefinitionId: z.string(), principalId: z.string() }),
    }),
  ),
  nextLink: z.string().nullish(),
});
const userSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  userPrincipalName: z.string(),
});
const groupSchema = z.object({ id: z.string(), displayName: z.string(), description: z.string().nullish() });

export interface AzureAccessDependencies {
  readonly accounts: AccountService;
  readonly cloud: CloudService;
  readonly audit: AuditLog;
  readonly dataDir: string;
  /** A customer's name as the app knows it (customers and the last sync). */
  readonly tenantName: (tenantId: string) => string | undefined;
  readonly onProgress?: (progress: {
    tenantId: string;
    message: string;
    done: number;
    total: number;
  }) => void;
  /** ARM retries (tests shorten them). */
  readonly armRetry?: ArmRetry;
}

interface HeldRole {
  readonly id: string;
  readonly name: string;
}

interface Assignment {
  readonly name: string;
  readonly principalId: string;
}

/** What the caller learns about the elevation around a piece of work. */
interface Elevation {
  readonly alreadyElevated: boolean;
  /** How it ended, in words. */
  text: string;
  removed: boolean;
}

export class AzureAccessService {
  readonly markers: ElevationMarkers;
  private running: AbortController | undefined;
  /** Markers this run wrote: its own changes in flight, never "left behind". */
  private readonly own = new Set<string>();
  private readonly principalCache = new Map<string, { at: number; list: DirectoryPrincipal[] }>();

  constructor(private readonly deps: AzureAccessDependencies) {
    this.markers = new ElevationMarkers(deps.dataDir);
  }

  // --- sessions -----------------------------------------------------------------------------------

  /** ARM as the active account in `tenantId` (null: its own tenant). Only a token is fetched. */
  async session(tenantId: TenantId | null, homeAccountId?: string): Promise<ArmSession> {
    const auth = await this.deps.accounts.status();
    const id = homeAccountId ?? auth.activeAccountId;
    const account = auth.accounts.find((a) => a.homeAccountId === id);
    if (!account) {
      throw new UserFacingError(
        'refused',
        homeAccountId
          ? 'The account that made this change is not signed in here any more. Sign it in under Accounts.'
          : 'Sign in first: open Accounts and choose Sign in.',
      );
    }
    const target = (tenantId ?? account.tenantId).toLowerCase();
    const home = target === account.tenantId.toLowerCase();
    const token = () =>
      this.deps.accounts.token('arm', home ? undefined : (target as TenantId), account.homeAccountId);
    const claims = tokenClaims(await token());
    const active = await this.deps.cloud.active();
    return {
      client: createArmClient(active.profile, active.caPem, token, this.deps.armRetry),
      endpoint: active.profile.armEndpoint,
      profile: active.profile,
      account: account.username,
      homeAccountId: account.homeAccountId,
      tenantId: target,
      home,
      oid: claims.oid,
      globalAdministrator: isGlobalAdministrator(claims.wids),
    };
  }

  private nameOf(s: Pick<ArmSession, 'tenantId' | 'home'>): string {
    return s.home ? 'your own tenant' : (this.deps.tenantName(s.tenantId) ?? `tenant ${s.tenantId}`);
  }

  private refuseUnlessGlobalAdmin(s: ArmSession): void {
    if (s.globalAdministrator) return;
    throw new UserFacingError(
      'refused',
      `${s.account} is not Global Administrator in ${this.nameOf(s)}, and only a Global Administrator can elevate access to change Copilot in Azure there. Nothing was sent. Ask that tenant's Global Administrator, or get the role (for a customer: a GDAP relationship with Global Administrator mapped to a group you are in, or a guest account holding it), sign in again and retry.`,
    );
  }

  // --- reading ------------------------------------------------------------------------------------

  private async readSettings(
    s: ArmSession,
    signal?: AbortSignal,
  ): Promise<{ availability: CopilotAvailability; neverSet: boolean }> {
    try {
      const answer = await armSend(s, 'GET', COPILOT_SETTINGS, { signal });
      const parsed = settingsSchema.safeParse(answer.json);
      if (!parsed.success) {
        throw new UserFacingError(
          'unavailable',
          'Azure answered the Copilot in Azure setting with data Switchboard does not understand.',
        );
      }
      return {
        availability: parsed.data.properties.accessControlEnabled ? 'restricted' : 'everyone',
        neverSet: false,
      };
    } catch (error) {
      const e = toArmError(error);
      // Never written: Microsoft's default, available to everyone (UNCONFIRMED: 404 is how ARM says so).
      if (e instanceof ArmError && e.statusCode === 404) return { availability: 'everyone', neverSet: true };
      throw e;
    }
  }

  /** The role by name at its scope: the current name, then the former one. */
  private async lookupRole(s: ArmSession): Promise<HeldRole> {
    for (const name of [COPILOT_ROLE.name, COPILOT_ROLE.formerName]) {
      try {
        for await (const d of s.client.roleDefinitions.list(ROLE_SCOPE, {
          filter: `roleName eq '${name}'`,
        })) {
          if (d.id && d.name) return { id: d.id, name: d.roleName ?? name };
        }
      } catch (error) {
        throw toArmError(error);
      }
    }
    throw new UserFacingError(
      'unavailable',
      `Azure knows no role named "${COPILOT_ROLE.name}" (formerly "${COPILOT_ROLE.formerName}") at ${COPILOT_ROLE.scope} in ${this.nameOf(s)}. Copilot in Azure may not be offered in this cloud or tenant; nothing was changed.`,
    );
  }

  private async holdersOf(s: ArmSession, role: HeldRole, signal?: AbortSignal): Promise<Assignment[]> {
    const roleId = role.id.split('/').pop()?.toLowerCase() ?? '';
    const out: Assignment[] = [];
    try {
      for await (const a of s.client.roleAssignments.listForScope(ROLE_SCOPE, {
        filter: 'atScope()',
        abortSignal: signal,
      })) {
        if (a.name && a.principalId && a.roleDefinitionId?.toLowerCase().endsWith(`/${roleId}`))
          out.push({ name: a.name, principalId: a.principalId.toLowerCase() });
      }
    } catch (error) {
      throw toArmError(error);
    }
    return out;
  }

  /** The account's own User Access Administrator assignments at `/` (its elevation). */
  private async elevationsOf(s: ArmSession, signal?: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    let next: string | undefined =
      `/providers/Microsoft.Authorization/roleAssignments?api-version=${ROLE_ASSIGNMENTS_API}&$filter=${encodeURIComponent(`principalId eq '${s.oid}'`)}`;
    while (next) {
      const answer = await armSend(s, 'GET', next, { signal });
      const page = assignmentListSchema.safeParse(answer.json);
      if (!page.success) {
        throw new UserFacingError(
          'unavailable',
          'Azure answered the role assignment list with data Switchboard does not understand.',
        );
      }
      for (const a of page.data.value) {
        if (
          a.properties.scope === '/' &&
          a.properties.roleDefinitionId.toLowerCase().endsWith(USER_ACCESS_ADMINISTRATOR_ROLE_ID)
        )
          names.push(a.name);
      }
      next = page.data.nextLink ?? undefined;
    }
    return names;
  }

  /**
   * Whether the account holds elevated access now. A 403 means no: an elevated account holds User
   * Access Administrator at `/`, which reads every role assignment.
   */
  private async isElevated(s: ArmSession, signal?: AbortSignal): Promise<boolean> {
    try {
      return (await this.elevationsOf(s, signal)).length > 0;
    } catch (error) {
      const e = toArmError(error);
      if (e instanceof ArmError && e.statusCode === 403) return false;
      throw e;
    }
  }

  /** The tenant's users and groups (Graph, as the same account in that tenant), cached a minute. */
  private async directoryOf(s: ArmSession): Promise<DirectoryPrincipal[]> {
    const key = `${s.homeAccountId}|${s.tenantId}`;
    const cached = this.principalCache.get(key);
    if (cached && Date.now() - cached.at < 60_000) return cached.list;
    const active = await this.deps.cloud.active();
    const client = createGraphClient(active.profile, active.caPem, () =>
      this.deps.accounts.token('graph', s.home ? undefined : (s.tenantId as TenantId), s.homeAccountId),
    );
    const [users, groups] = await Promise.all([
      graphGetAll(client, '/users?$select=id,displayName,userPrincipalName&$top=999', userSchema),
      graphGetAll(client, '/groups?$select=id,displayName,description&$top=999', groupSchema),
    ]);
    const list: DirectoryPrincipal[] = [
      ...users.map((u) => ({
        id: u.id.toLowerCase(),
        kind: 'user' as const,
        displayName: u.displayName ?? u.userPrincipalName,
        detail: u.userPrincipalName,
      })),
      ...groups.map((g) => ({
        id: g.id.toLowerCase(),
        kind: 'group' as const,
        displayName: g.displayName,
        detail: g.description ?? null,
      })),
    ];
    this.principalCache.set(key, { at: Date.now(), list });
    return list;
  }

  /** Users and groups of that tenant whose name (or sign-in name) contains `search`. */
  async principals(tenantId: TenantId | null, search: string): Promise<DirectoryPrincipal[]> {
    const s = await this.session(tenantId);
    const term = search.trim().toLowerCase();
    const all = await this.directoryOf(s);
    return all
      .filter(
        (p) =>
          term === '' ||
          p.displayName.toLowerCase().includes(term) ||
          (p.detail ?? '').toLowerCase().includes(term),
      )
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .slice(0, 50);
  }

  private async named(s: ArmSession, ids: ReadonlyArray<string>): Promise<DirectoryPrincipal[]> {
    let directory: DirectoryPrincipal[] = [];
    try {
      directory = await this.directoryOf(s);
    } catch {
      // Names are a courtesy; the holders are still shown.
    }
    return ids.map(
      (id) =>
        directory.find((p) => p.id === id) ?? {
          id,
          kind: 'user' as const,
          displayName: 'A user or group Switchboard cannot read in this directory',
          detail: id,
        },
    );
  }

  /** The panel: availability and holders, elevating for a moment when `elevate` and reading needs it. */
  async panel(tenantId: TenantId | null, elevate: boolean): Promise<CopilotPanel> {
    const s = await this.session(tenantId);
    const base = { tenantId: s.tenantId, tenantName: this.nameOf(s), home: s.home, account: s.account };
    const read = async () => {
      let availability: CopilotAvailability = 'unknown';
      let text: string;
      let role: HeldRole | null = null;
      let holders: DirectoryPrincipal[] | null = null;
      let holdersText: string | null = null;
      try {
        const settings = await this.readSettings(s);
        availability = settings.availability;
        text = availabilityText(availability, settings.neverSet);
      } catch (error) {
        text = this.readRefusal(s, error, 'whether Copilot in Azure is restricted');
      }
      try {
        role = await this.lookupRole(s);
        holders = await this.named(
          s,
          (await this.holdersOf(s, role)).map((a) => a.principalId),
        );
        if (holders.length === 0)
          holdersText =
            availability === 'restricted'
              ? `Nobody holds the ${COPILOT_ROLE.name} role, so nobody can use Copilot in Azure here.`
              : `Nobody holds the ${COPILOT_ROLE.name} role (it matters only once access is restricted).`;
      } catch (error) {
        holdersText = this.readRefusal(s, error, `who holds the ${COPILOT_ROLE.name} role`);
      }
      return { availability, text, role, holders, holdersText };
    };
    let result = await read();
    let readWithElevation = false;
    const blocked = result.availability === 'unknown' || result.holders === null;
    if (elevate && blocked) {
      this.refuseUnlessGlobalAdmin(s);
      const outcome = await this.withElevation(s, 'read', new AbortController().signal, async () => {
        result = await read();
      });
      readWithElevation = !outcome.alreadyElevated;
      if (!outcome.removed && !outcome.alreadyElevated)
        result.holdersText = `${result.holdersText ?? ''} ${outcome.text}`.trim();
    }
    return {
      ...base,
      globalAdministrator: s.globalAdministrator,
      availability: result.availability,
      availabilityText: result.text,
      holders: result.holders,
      holdersText: result.holdersText,
      role: result.role
        ? {
            name: result.role.name,
            formerName: COPILOT_ROLE.formerName,
            id: result.role.id.split('/').pop() ?? '',
          }
        : null,
      elevated: await this.isElevated(s).catch(() => null),
      readWithElevation,
    };
  }

  private readRefusal(s: ArmSession, error: unknown, what: string): string {
    const e = toArmError(error);
    if (e instanceof ArmError && e.statusCode === 403) {
      return s.globalAdministrator
        ? `Reading ${what} needs elevated access here (Azure answered 403). Choose "Read with temporary elevation": Switchboard elevates, reads and removes the elevation.`
        : `${s.account} may not read ${what} here (Azure answered 403), and is not Global Administrator in ${this.nameOf(s)}, so it cannot elevate to read it.`;
    }
    return `Could not read ${what}: ${describeArmError(e)}`;
  }

  // --- the guided change --------------------------------------------------------------------------

  private stepsFor(change: CopilotChange, alreadyElevated: boolean, account: string): PlanStep[] {
    const steps: PlanStep[] = [];
    steps.push(
      alreadyElevated
        ? {
            kind: 'keepElevation',
            description: `${account} already holds elevated access (User Access Administrator at the root scope); Switchboard uses it and leaves it as found.`,
          }
        : {
            kind: 'elevate',
            description: `Elevate ${account}'s access (User Access Administrator at the root scope, for this change only).`,
          },
    );
    if (change.restrict !== null)
      steps.push({
        kind: 'switch',
        description: change.restrict
          ? `Restrict Copilot in Azure: only holders of the ${COPILOT_ROLE.name} role may use it.`
          : 'Make Copilot in Azure available to all users.',
      });
    for (const p of change.add)
      steps.push({
        kind: 'assign',
        description:
          `Grant ${p.kind === 'group' ? 'the group' : ''} "${p.displayName}" the ${COPILOT_ROLE.name} role.`.replace(
            /\s+/g,
            ' ',
          ),
      });
    for (const p of change.remove)
      steps.push({
        kind: 'remove',
        description:
          `Remove the ${COPILOT_ROLE.name} role from ${p.kind === 'group' ? 'the group' : ''} "${p.displayName}".`.replace(
            /\s+/g,
            ' ',
          ),
      });
    if (!alreadyElevated)
      steps.push({
        kind: 'unelevate',
        description: `Remove the elevated access again (always: also if a step fails or you cancel).`,
      });
    return steps;
  }

  async plan(change: CopilotChange): Promise<CopilotPlan> {
    const s = await this.session(change.tenantId);
    this.refuseUnlessGlobalAdmin(s);
    const alreadyElevated = await this.isElevated(s);
    return {
      tenantId: s.tenantId,
      tenantName: this.nameOf(s),
      account: s.account,
      alreadyElevated,
      steps: this.stepsFor(change, alreadyElevated, s.account),
    };
  }

  /** Stops the running change after its current request; the elevation is removed as always. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.abort(new Error('Cancelled'));
    return true;
  }

  async apply(change: CopilotChange, homeAccountId?: string): Promise<CopilotChangeResult> {
    const s = await this.session(change.tenantId, homeAccountId);
    this.refuseUnlessGlobalAdmin(s);
    return this.exclusive((signal) => this.applyIn(s, change, signal));
  }

  /**
   * Runs one change (or one bulk change) at a time: another is refused while one runs, so at most
   * one elevation is ever open; `cancel` stops the one running.
   */
  async exclusive<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running) {
      throw new UserFacingError(
        'conflict',
        'Another Copilot in Azure change is running. Wait for it, or cancel it.',
      );
    }
    const controller = new AbortController();
    this.running = controller;
    try {
      return await work(controller.signal);
    } finally {
      this.running = undefined;
    }
  }

  /** One change in one tenant, the session already checked (the bulk change reuses it). */
  async applyIn(s: ArmSession, change: CopilotChange, signal: AbortSignal): Promise<CopilotChangeResult> {
    const results: Array<CopilotChangeResult['steps'][number]> = [];
    const record = (
      kind: PlanStepKind,
      description: string,
      outcome: StepOutcome,
      message: string | null = null,
    ) => results.push({ kind, description, outcome, message });
    let planned: PlanStep[] = [];
    const outcome = await this.withElevation(s, 'change', signal, async (alreadyElevated) => {
      planned = this.stepsFor(change, alreadyElevated, s.account);
      const first = planned[0] as PlanStep;
      record(first.kind, first.description, 'done');
      let index = 1;
      const next = () => planned[index++] as PlanStep;
      const progress = (step: PlanStep) =>
        this.deps.onProgress?.({
          tenantId: s.tenantId,
          message: step.description,
          done: index - 1,
          total: planned.length,
        });
      if (change.restrict !== null) {
        const step = next();
        progress(step);
        await this.audited(s, 'azureAccess.setCopilotAccess', { accessControlEnabled: change.restrict }, () =>
          armSend(s, 'PUT', COPILOT_SETTINGS, {
            body: { properties: { accessControlEnabled: change.restrict } },
            signal,
          }),
        ).then(
          () => record(step.kind, step.description, 'done'),
          (error: unknown) => {
            record(step.kind, step.description, 'failed', describeArmError(error));
            throw error;
          },
        );
      }
      if (change.add.length === 0 && change.remove.length === 0) return;
      const role = await this.lookupRole(s);
      const holders = await this.holdersOf(s, role, signal);
      for (const p of change.add) {
        const step = next();
        progress(step);
        if (signal.aborted) throw signal.reason;
        if (holders.some((h) => h.principalId === p.id.toLowerCase())) {
          record(step.kind, step.description, 'unchanged', 'Already holds the role.');
          continue;
        }
        try {
          await this.assign(s, role, p, signal);
          record(step.kind, step.description, 'done');
        } catch (error) {
          const e = toArmError(error);
          if (e instanceof ArmError && e.statusCode === 409 && e.code === 'RoleAssignmentExists') {
            record(step.kind, step.description, 'unchanged', 'Already holds the role.');
            continue;
          }
          record(step.kind, step.description, 'failed', describeArmError(e));
          throw e;
        }
      }
      for (const p of change.remove) {
        const step = next();
        progress(step);
        if (signal.aborted) throw signal.reason;
        const held = holders.filter((h) => h.principalId === p.id.toLowerCase());
        if (held.length === 0) {
          record(step.kind, step.description, 'unchanged', 'Did not hold the role.');
          continue;
        }
        try {
          for (const h of held) {
            await this.audited(
              s,
              'azureAccess.removeRole',
              { principalId: h.principalId, roleAssignment: h.name },
              async () => {
                const r = await s.client.roleAssignments
                  .delete(ROLE_SCOPE, h.name, { abortSignal: signal })
                  .catch((e: unknown) => {
                    throw toArmError(e);
                  });
                void r;
                return { status: 200, requestId: null };
              },
            );
          }
          record(step.kind, step.description, 'done');
        } catch (error) {
          record(step.kind, step.description, 'failed', describeArmError(error));
          throw error;
        }
      }
    });
    // Steps never reached.
    for (const step of planned.slice(1)) {
      if (step.kind === 'unelevate') continue;
      if (!results.some((r) => r.description === step.description))
        record(step.kind, step.description, 'skipped', 'Not reached.');
    }
    if (!outcome.alreadyElevated)
      record(
        'unelevate',
        'Remove the elevated access again.',
        outcome.removed ? 'done' : 'failed',
        outcome.text,
      );
    const cancelled = outcome.error !== undefined && signal.aborted;
    const failed = outcome.error !== undefined;
    return {
      tenantId: s.tenantId,
      tenantName: this.nameOf(s),
      outcome: cancelled ? 'cancelled' : failed ? 'failed' : 'succeeded',
      steps: results,
      elevation: outcome.text,
      message: cancelled
        ? `Cancelled. ${outcome.text}`
        : failed
          ? `The change stopped: ${describeArmError(outcome.error)} ${outcome.text}`
          : `Done in ${this.nameOf(s)}. ${outcome.text}`,
    };
  }

  private async assign(s: ArmSession, role: HeldRole, p: PrincipalRef, signal: AbortSignal): Promise<void> {
    const name = randomUUID();
    await this.audited(
      s,
      'azureAccess.assignRole',
      {
        principalId: p.id,
        principalType: p.kind === 'group' ? 'Group' : 'User',
        role: role.name,
        scope: COPILOT_ROLE.scope,
      },
      async () => {
        await s.client.roleAssignments
          .create(
            ROLE_SCOPE,
            name,
            {
              roleDefinitionId: role.id,
              principalId: p.id,
              principalType: p.kind === 'group' ? 'Group' : 'User',
            },
            { abortSignal: signal },
          )
          .catch((e: unknown) => {
            throw toArmError(e);
          });
        return { status: 201, requestId: null };
      },
    );
  }

  private audited(
    s: ArmSession,
    action: string,
    body: unknown,
    send: () => Promise<{ status: number; requestId: string | null }>,
  ): Promise<{ status: number; requestId: string | null }> {
    return this.deps.audit.record({ account: s.account, tenantId: s.tenantId, action, body }, async () => {
      try {
        return await send();
      } catch (error) {
        throw toArmError(error);
      }
    });
  }

  /**
   * Runs `work` with the account elevated: elevated first unless it already was (then left as found),
   * and the elevation removed afterwards whatever happened: a marker on disk before elevateAccess is
   * sent covers a crash in between.
   */
  private async withElevation(
    s: ArmSession,
    purpose: 'read' | 'change',
    signal: AbortSignal,
    work: (alreadyElevated: boolean) => Promise<void>,
  ): Promise<Elevation & { error?: unknown }> {
    const alreadyElevated = await this.isElevated(s, signal);
    if (alreadyElevated) {
      let error: unknown;
      try {
        await work(true);
      } catch (e) {
        error = e;
      }
      return {
        alreadyElevated,
        removed: false,
        text: `${s.account} was already elevated before; that elevated access is left as found. Remove it yourself when you no longer need it.`,
        error,
      };
    }
    const marker: ElevationMarker = {
      id: randomUUID(),
      tenantId: s.tenantId,
      tenantName: this.nameOf(s),
      homeAccountId: s.homeAccountId,
      account: s.account,
      oid: s.oid,
      at: new Date().toISOString(),
    };
    this.own.add(marker.id);
    this.markers.add(marker);
    let error: unknown;
    try {
      await this.audited(s, 'azureAccess.elevate', { purpose }, () =>
        armSend(s, 'POST', ELEVATE, { signal }),
      );
      await this.untilElevationTakesEffect(s, signal);
      await work(false);
    } catch (e) {
      error = e;
    }
    const removal = await this.removeElevation(s, marker);
    return { alreadyElevated, removed: removal.removed, text: removal.text, error };
  }

  /**
   * Waits, up to ELEVATION_TAKES_EFFECT_MS, until Azure answers as if the account is elevated (its
   * User Access Administrator assignment at `/` can be read). UNCONFIRMED how long that takes:
   * Microsoft's page says to sign out and in again after elevating (for the portal), and Azure caches
   * role assignments, so a write sent at once may still be refused; the sandbox applies it at once,
   * so there this returns on the first look. If it never shows, the work goes ahead and says what
   * Azure answered, and the elevation is removed as always.
   */
  private async untilElevationTakesEffect(s: ArmSession, signal: AbortSignal): Promise<void> {
    const until = Date.now() + ELEVATION_TAKES_EFFECT_MS;
    for (let delay = 500; ; delay = Math.min(delay * 2, 8_000)) {
      if (await this.isElevated(s, signal).catch(() => false)) return;
      if (Date.now() + delay > until || signal.aborted) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }

  /** Removes the account's elevation (every UAA assignment of it at `/`), with a few tries. */
  private async removeElevation(
    s: ArmSession,
    marker: ElevationMarker,
  ): Promise<{ removed: boolean; text: string }> {
    let last: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const names = await this.elevationsOf(s);
        for (const name of names) {
          await this.audited(s, 'azureAccess.removeElevation', { roleAssignment: name }, async () => {
            await s.client.roleAssignments.deleteById(
              `providers/Microsoft.Authorization/roleAssignments/${name}`,
            );
            return { status: 200, requestId: null };
          });
        }
        this.markers.remove(marker.id);
        this.own.delete(marker.id);
        return { removed: true, text: 'The elevated access was removed.' };
      } catch (error) {
        last = error;
        await new Promise((r) => setTimeout(r, 300 * attempt));
      }
    }
    return { removed: false, text: manualRemoval(marker, describeArmError(last)) };
  }

  /** Whether a previous run left markers (elevations to remove). */
  leftBehind(): boolean {
    const { markers, problem } = this.markers.list();
    return problem !== null || markers.some((m) => !this.own.has(m.id));
  }

  /**
   * At start: removes every elevation a marker says Switchboard left (the app stopped before it could),
   * and tells the user exactly how to remove the ones it cannot.
   */
  async recoverElevations(): Promise<Array<{ marker: ElevationMarker; removed: boolean; text: string }>> {
    const { markers: all, problem } = this.markers.list();
    const markers = all.filter((m) => !this.own.has(m.id));
    const out: Array<{ marker: ElevationMarker; removed: boolean; text: string }> = [];
    if (problem) {
      out.push({
        marker: {
          id: 'unreadable',
          tenantId: '',
          tenantName: '',
          homeAccountId: '',
          account: '',
          oid: '',
          at: '',
        },
        removed: false,
        text: `${problem} Check each tenant where you changed Copilot in Azure: in the Microsoft Entra admin center, Identity > Overview > Properties, "Access management for Azure resources" must be No.`,
      });
    }
    for (const marker of markers) {
      let s: ArmSession;
      try {
        s = await this.session(marker.tenantId as TenantId, marker.homeAccountId);
      } catch (error) {
        out.push({
          marker,
          removed: false,
          text: manualRemoval(marker, error instanceof Error ? error.message : String(error)),
        });
        continue;
      }
      out.push({ marker, ...(await this.removeElevation(s, marker)) });
    }
    return out;
  }
}

/** Exactly how to remove an elevation by hand, for when Switchboard could not. */
function manualRemoval(marker: ElevationMarker, reason: string): string {
  return `Switchboard could not remove the elevated access it gave ${marker.account} in ${marker.tenantName} (${reason}). Remove it now: sign in to the Microsoft Entra admin center as ${marker.account} in that tenant (${marker.tenantId}), open Identity > Overview > Properties, set "Access management for Azure resources" to No and save. Switchboard tries again at each start, and before each Copilot in Azure command once that account is signed in, until it is gone.`;
}
