import { CLOUD_PROFILE_LABELS, type CloudProfile } from '../../shared/platform/cloud-profile';
import { AccountService } from './accounts/account-service';
import { CloudService, type SandboxConnector } from './platform/cloud/cloud-service';
import { DIRECTORY_DOCUMENT } from './directory/directory-document';
import { DirectoryService, SYNC_CONCURRENCY } from './directory/directory-service';
import { MemoryOnlyCipher, type SecretCipher } from './platform/secrets/secret-cipher';
import { SETTINGS_DOCUMENT } from './settings/settings-document';
import { SettingsService } from './settings/settings-service';
import type { AppInfo, CommandResult, EventName, EventPayload, Notice } from '../../shared/contract/contract';
import { CUSTOMER_DOCUMENT } from './customers/customer-document';
import { CustomerService } from './customers/customer-service';
import { dispatch, type DispatchLog, type Handlers } from './platform/dispatcher';
import { LaunchService } from './launch/launch-service';
import type { Opener } from './launch/opener';
import { openDocument } from './platform/persistence/document-store';
import type { StoreBackends } from './platform/persistence/store-backend';
import { AuditLog, auditToCsv } from './audit/audit-log';
import { GdapService } from './gdap/gdap-service';
import { GdapBulk } from './gdap/gdap-bulk';
import { GdapAccess } from './gdap/gdap-access';
import { GdapAssignments } from './gdap/gdap-assignments';
import { ALERT_DOCUMENT, TEMPLATE_DOCUMENT } from './gdap/gdap-documents';
import { BUILT_IN_TEMPLATES, type RoleTemplate } from '../../shared/gdap/gdap-draft';
import { expiringRelationships, newlyCrossed } from '../../shared/gdap/expiring';
import { ACCESS_GRANTING_STATUSES } from '../../shared/gdap/gdap';
import { deepLinkFor, parseDeepLink } from '../../shared/launch/deep-link';
import type { ShortcutWriter } from './launch/shortcut-writer';
import { createHash } from 'node:crypto';
import {
  accountPartition,
  DEFAULT_LAUNCH_MODE,
  LAUNCH_MODE_LABELS,
  LAUNCH_MODES,
  type LaunchModeId,
} from '../../shared/launch/launch-mode';
import type { LaunchModes } from '../../shared/contract/contract';
import { LAUNCH_MODE_DOCUMENT } from './launch/launch-mode-document';
import type { LaunchHow } from './launch/opener';
import type { LaunchTarget } from '../../shared/launch/portal-targets';
import type { TenantId } from '../../shared/platform/tenant-id';
import { UserFacingError } from './platform/errors';
import { gdapHandlers } from './gdap/handlers';

export interface CoreDependencies {
  readonly host: AppInfo['host'];
  readonly version: string;
  readonly dataDir: string;
  readonly backends: StoreBackends;
  readonly opener: Opener;
  /** Protects the token cache at rest (Electron safeStorage); absent, tokens stay in memory. */
  readonly cipher?: SecretCipher;
  /** Opens a sign-in page in the OS browser; absent (browser host), the page opens it itself. */
  readonly openSignInPage?: (url: string, authorityOrigin: string) => Promise<boolean>;
  /** Customers read at once during a sync (default SYNC_CONCURRENCY); the benchmark varies it. */
  readonly syncConcurrency?: number;
  /** Called for each Graph request a sync sends (the benchmark counts them). */
  readonly onGraphRequest?: () => void;
  /** How soon followed GDAP relationships are read again after a change (default 3 s, backing off to 5 min). */
  readonly followIntervalMs?: number;
  /** Shows a desktop notification (Electron); absent, the renderer's own notice is all. */
  readonly notify?: (title: string, body: string) => void;
  /** Writes per-customer desktop shortcuts (the desktop app); absent, shortcuts are not offered. */
  readonly shortcuts?: ShortcutWriter;
  /** Starts the local sandbox when the sandbox cloud is chosen; absent, that cloud is unavailable. */
  readonly sandbox?: SandboxConnector;
  readonly now?: () => Date;
  readonly log?: DispatchLog;
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Everything the app does, behind the contract. Each shell creates one and carries its commands. */
export interface SwitchboardCore {
  invoke(name: unknown, input: unknown): Promise<CommandResult<unknown>>;
  onEvent(listener: EventListener): () => void;
  /** The cloud in use, once resolved (the sandbox's only after it started); shells allow-list by it. */
  activeProfile(): CloudProfile | undefined;
  /** Stops what core started (the local sandbox). */
  close(): Promise<void>;
  /**
   * A notice from the shell itself (the switcher hotkey is taken by another app): kept for windows
   * that open later (`app.info`) and sent to those open now (`app.notice`).
   */
  notify(notice: Notice): void;
}

export function createCore(deps: CoreDependencies): SwitchboardCore {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? { error: (message, error) => console.error(message, error) };
  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  };

  const notices = new Map<string, Notice>();
  const customerDoc = openDocument(deps.backends, CUSTOMER_DOCUMENT, now);
  for (const notice of customerDoc.notices) notices.set(notice.id, notice);

  const settingsDoc = openDocument(deps.backends, SETTINGS_DOCUMENT, now);
  for (const notice of settingsDoc.notices) notices.set(notice.id, notice);
  const settings = new SettingsService(settingsDoc.store, (s) => emit('settings.changed', s));
  const cloud = new CloudService(() => settings.get(), deps.sandbox);

  const accounts = new AccountService({
    dataDir: deps.dataDir,
    cipher: deps.cipher ?? new MemoryOnlyCipher(),
    cloud,
    settings: () => settings.get(),
    openSignInPage: deps.openSignInPage ?? (async () => false),
    onBrowserUrl: (url) => emit('auth.browser', { url }),
    onDeviceCode: (prompt) => emit('auth.deviceCode', prompt),
    onChange: (status) => emit('auth.changed', status),
  });
  if (accounts.cacheProblem) {
    notices.set('token-cache-unreadable', {
      id: 'token-cache-unreadable',
      level: 'warning',
      title: 'Saved sign-ins could not be read',
      message: accounts.cacheProblem,
    });
  }

  const directoryDoc = openDocument(deps.backends, DIRECTORY_DOCUMENT, now);
  for (const notice of directoryDoc.notices) notices.set(notice.id, notice);
  const customers = new CustomerService(
    customerDoc.store,
    now,
    (list) => emit('customers.changed', list),
    () => directoryDoc.store.get().snapshot,
  );
  const directory = new DirectoryService(
    directoryDoc.store,
    accounts,
    cloud,
    now,
    deps.syncConcurrency ?? SYNC_CONCURRENCY,
    {
      onProgress: (done, total) => emit('directory.progress', { done, total }),
      onGraphRequest: deps.onGraphRequest,
      onChange: (status) => {
        emit('directory.changed', status);
        customers.announce();
        if (!status.running) checkExpiry();
      },
    },
  );
  const audit = new AuditLog(deps.dataDir, now);
  const gdap = new GdapService(
    accounts,
    cloud,
    directory,
    audit,
    now,
    {
      onStatusChange: (change) => {
        emit('gdap.statusChanged', change);
        deps.notify?.('GDAP relationship update', change.message);
      },
    },
    deps.followIntervalMs,
  );
  const gdapAssignments = new GdapAssignments(gdap, now);
  const gdapAccess = new GdapAccess(gdap, directory, now);
  const templateDoc = openDocument(deps.backends, TEMPLATE_DOCUMENT, now);
  for (const notice of templateDoc.notices) notices.set(notice.id, notice);
  const templates = (): Array<RoleTemplate & { builtIn: boolean }> => {
    const own = templateDoc.store.get().templates;
    const builtIns = BUILT_IN_TEMPLATES.map((t) => ({
      ...(own.find((o) => o.id === t.id) ?? t),
      builtIn: true,
    }));
    return [
      ...builtIns,
      ...own
        .filter((o) => !BUILT_IN_TEMPLATES.some((t) => t.id === o.id))
        .map((t) => ({ ...t, builtIn: false })),
    ];
  };
  const bulk = new GdapBulk(gdap, directory, templates, (done, total, results, running) =>
    emit('gdap.bulkProgress', { done, total, results, running }),
  );
  const alertDoc = openDocument(deps.backends, ALERT_DOCUMENT, now);
  /** Alerts once per relationship and threshold (30/7/1 days) when access will lapse. */
  const checkExpiry = (): void => {
    const items = expiringRelationships(directory.snapshot(), now());
    const alerted = alertDoc.store.get().alerted;
    const crossed = newlyCrossed(items, alerted);
    if (crossed.length === 0) return;
    const next = { ...alerted };
    for (const i of crossed) next[i.relationship.id] = i.threshold;
    alertDoc.store.set({ alerted: next });
    emit('gdap.expiryAlert', { items: crossed });
    const first = crossed[0];
    if (first)
      deps.notify?.(
        crossed.length === 1
          ? 'GDAP access is about to end'
          : `${crossed.length} GDAP relationships are about to end`,
        crossed.length === 1
          ? `${first.customerName}: "${first.relationship.displayName}" ends in ${first.daysLeft} days. ${first.advice}`
          : `${crossed
              .map((c) => c.customerName)
              .slice(0, 3)
              .join(', ')}${crossed.length > 3 ? '…' : ''}: open Expiring in Switchboard.`,
      );
  };
  const launchModeDoc = openDocument(deps.backends, LAUNCH_MODE_DOCUMENT, now);
  for (const notice of launchModeDoc.notices) notices.set(notice.id, notice);
  const availableModes: LaunchModeId[] =
    deps.host === 'electron' ? [...LAUNCH_MODES] : LAUNCH_MODES.filter((m) => m !== 'appWindow');
  /** The active account's launch mode (or this launch's override), and its own session partition. */
  const howFor = async (override?: LaunchModeId): Promise<LaunchHow> => {
    // Launching needs no sign-in (nor an app registration): without an account, the default mode.
    const id = await accounts.status().then(
      (status) => status.activeAccountId,
      () => null,
    );
    const configured =
      (id !== null ? launchModeDoc.store.get().accounts[id] : undefined) ?? DEFAULT_LAUNCH_MODE;
    const mode = override ? { ...configured, mode: override } : configured;
    if (!availableModes.includes(mode.mode)) {
      throw new UserFacingError(
        'unavailable',
        `${LAUNCH_MODE_LABELS[mode.mode]} needs the desktop app. Choose another launch mode for this account in Accounts.`,
      );
    }
    const hash = createHash('sha256')
      .update(id ?? 'no-account')
      .digest('hex')
      .slice(0, 16);
    return { mode, partition: accountPartition(hash) };
  };
  const launchModes = (): LaunchModes => ({
    accounts: launchModeDoc.store.get().accounts,
    available: availableModes,
  });
  const launch = new LaunchService(
    customers,
    async () => (await cloud.active()).profile,
    deps.opener,
    howFor,
  );

  /**
   * The relationship a relationship-specific target opens when none is named: the one awaiting
   * approval for the approval link, else the access-granting one that lasts longest.
   */
  const relationshipFor = (tenantId: string, target: LaunchTarget): string | undefined => {
    if (target !== 'gdapApproval' && target !== 'partnerCenter') return undefined;
    const rels = directory.customer(tenantId as TenantId)?.relationships ?? [];
    if (target === 'gdapApproval') return rels.find((r) => r.status === 'approvalPending')?.id;
    return (
      [...rels]
        .filter((r) => ACCESS_GRANTING_STATUSES.has(r.status))
        .sort((a, b) => (b.endDateTime ?? '').localeCompare(a.endDateTime ?? ''))[0]?.id ?? rels[0]?.id
    );
  };

  const shortcutWriter = (): ShortcutWriter => {
    if (!deps.shortcuts) {
      throw new UserFacingError(
        'unavailable',
        'Desktop shortcuts come from the desktop app, which registers switchboard:// links with the system. The browser host cannot; use the desktop app, or bookmark the launch instead.',
      );
    }
    return deps.shortcuts;
  };

  const handlers: Handlers = {
    'app.info': () => ({
      version: deps.version,
      host: deps.host,
      dataDir: deps.dataDir,
      profile: { id: settings.get().cloudProfile, label: CLOUD_PROFILE_LABELS[settings.get().cloudProfile] },
      notices: [...notices.values()],
    }),
    'app.dismissNotice': ({ id }) => ({ dismissed: notices.delete(id) }),
    'customers.list': () => customers.list(),
    'customers.add': (draft) => customers.add(draft),
    'customers.update': ({ tenantId, draft }) => customers.update(tenantId, draft),
    'customers.remove': ({ tenantId }) => ({ removed: customers.remove(tenantId) }),
    'customers.setFavourite': ({ tenantId, favourite }) => customers.setFavourite(tenantId, favourite),
    'settings.get': () => settings.get(),
    'settings.update': async (next) => {
      const saved = settings.update(next);
      await cloud.settingsChanged();
      return saved;
    },
    'auth.status': () => accounts.status(),
    'auth.signIn': ({ method }) => accounts.signIn(method),
    'auth.signOut': ({ homeAccountId }) => accounts.signOut(homeAccountId),
    'auth.setActive': ({ homeAccountId }) => accounts.setActive(homeAccountId),
    'directory.status': () => directory.status(),
    'directory.sync': () => directory.sync(),
    'directory.cancel': () => ({ cancelled: directory.cancel() }),
    'directory.customer': ({ tenantId }) => directory.customer(tenantId),
    'launch.open': ({ tenantId, target, relationshipId, mode }) =>
      launch.open(
        tenantId,
        target,
        { relationshipId: relationshipId ?? relationshipFor(tenantId, target) },
        mode,
      ),
    'launch.modes': () => launchModes(),
    'launch.setMode': async ({ homeAccountId, mode }) => {
      const known = (await accounts.status()).accounts.some((a) => a.homeAccountId === homeAccountId);
      if (!known)
        throw new UserFacingError(
          'not_found',
          'That account is not signed in here. Sign it in first, then choose its launch mode.',
        );
      if (!availableModes.includes(mode.mode))
        throw new UserFacingError(
          'invalid_input',
          `${LAUNCH_MODE_LABELS[mode.mode]} needs the desktop app.`,
          [{ field: 'mode', message: 'Not offered by the browser host.' }],
        );
      launchModeDoc.store.set({ accounts: { ...launchModeDoc.store.get().accounts, [homeAccountId]: mode } });
      return launchModes();
    },
    'shortcuts.create': async ({ tenantId }) => {
      const customer = customers.get(tenantId);
      return {
        paths: await shortcutWriter().create(
          { name: customer.displayName, tenantId },
          deepLinkFor('launch', tenantId, 'securityCopilot'),
        ),
      };
    },
    'shortcuts.list': async ({ tenantId }) => ({
      paths: deps.shortcuts ? await deps.shortcuts.existing(tenantId) : [],
    }),
    'shortcuts.remove': async ({ tenantId }) => ({ paths: await shortcutWriter().remove(tenantId) }),
    'deepLink.open': async ({ url }) => {
      const known = new Set(customers.list().map((c) => c.tenantId as string));
      const link = parseDeepLink(url, (tenantId) => known.has(tenantId));
      if (!link.ok) {
        emit('app.notice', {
          id: 'deep-link',
          level: 'warning',
          title: 'That link was not opened',
          message: link.message,
        });
        throw new UserFacingError('invalid_input', link.message);
      }
      if (link.action === 'customer') {
        emit('app.openCustomer', { tenantId: link.tenantId });
        return { action: 'customer', tenantId: link.tenantId };
      }
      const result = await launch.open(link.tenantId, link.target, {
        relationshipId: relationshipFor(link.tenantId, link.target),
      });
      return { action: 'launch', tenantId: link.tenantId, result };
    },
    ...gdapHandlers({
      gdap,
      assignments: gdapAssignments,
      access: gdapAccess,
      bulk,
      directory,
      templateStore: templateDoc.store,
      templates,
      now,
    }),
    'audit.list': ({ tenantId, action, from, to }) =>
      audit.read({
        tenantId,
        action,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      }),
    'audit.export': ({ format, tenantId, action }) => {
      const { entries } = audit.read({ tenantId, action });
      const stamp = now().toISOString().slice(0, 10);
      return format === 'csv'
        ? { fileName: `switchboard-audit-${stamp}.csv`, mimeType: 'text/csv', content: auditToCsv(entries) }
        : {
            fileName: `switchboard-audit-${stamp}.json`,
            mimeType: 'application/json',
            content: `${JSON.stringify(entries, null, 2)}\n`,
          };
    },
  };
  checkExpiry();

  return {
    invoke: (name, input) => dispatch(handlers, name, input, log),
    activeProfile: () => cloud.activeProfile(),
    close: async () => {
      gdap.close();
      await cloud.close();
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (notice) => {
      notices.set(notice.id, notice);
      emit('app.notice', notice);
    },
  };
}
