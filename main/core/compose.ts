/**
 * The composition root: creates each feature's services over the shared platform (documents, cloud,
 * accounts, audit) and joins every feature's part of the contract's handlers into the one map the
 * dispatcher serves. It only wires: behaviour lives in main/core/<feature>/.
 */
import type { CloudProfile } from '../../shared/platform/cloud-profile';
import type { AppInfo, CommandResult, EventName, EventPayload, Notice } from '../../shared/contract/contract';
import { AccountService } from './accounts/account-service';
import { accountHandlers } from './accounts/handlers';
import { AuditLog } from './audit/audit-log';
import { auditHandlers } from './audit/handlers';
import { CUSTOMER_DOCUMENT } from './customers/customer-document';
import { CustomerService } from './customers/customer-service';
import { customerHandlers } from './customers/handlers';
import { findTenantByDomain } from './customers/tenant-lookup';
import { DIRECTORY_DOCUMENT } from './directory/directory-document';
import { DirectoryService, SYNC_CONCURRENCY } from './directory/directory-service';
import { directoryHandlers } from './directory/handlers';
import { expiryAlerts } from './gdap/expiry-alerts';
import { GdapAccess } from './gdap/gdap-access';
import { GdapAssignments } from './gdap/gdap-assignments';
import { GdapBulk } from './gdap/gdap-bulk';
import { ALERT_DOCUMENT, TEMPLATE_DOCUMENT } from './gdap/gdap-documents';
import { GdapService } from './gdap/gdap-service';
import { gdapHandlers } from './gdap/handlers';
import { templateList } from './gdap/templates';
import { GuestService } from './guests/guest-service';
import { guestHandlers } from './guests/handlers';
import { azureAccessHandlers } from './azure-access/handlers';
import { launchHandlers } from './launch/handlers';
import { LAUNCH_MODE_DOCUMENT } from './launch/launch-mode-document';
import { LaunchModeService } from './launch/launch-modes';
import { LaunchService } from './launch/launch-service';
import type { Opener } from './launch/opener';
import type { ShortcutWriter } from './launch/shortcut-writer';
import { appHandlers } from './platform/app-handlers';
import { CloudService, type SandboxConnector } from './platform/cloud/cloud-service';
import { dispatch, type DispatchLog, type Handlers } from './platform/dispatcher';
import { Notices } from './platform/notices';
import { openDocument, type DocumentSpec } from './platform/persistence/document-store';
import type { StoreBackends } from './platform/persistence/store-backend';
import { MemoryOnlyCipher, type SecretCipher } from './platform/secrets/secret-cipher';
import { settingsHandlers } from './settings/handlers';
import { SETTINGS_DOCUMENT } from './settings/settings-document';
import { SettingsService } from './settings/settings-service';

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
  const notices = new Notices((notice) => emit('app.notice', notice));
  /** Opens a document; what was wrong with its file (moved aside, unreadable) becomes a notice. */
  const open = <T>(spec: DocumentSpec<T>) => {
    const document = openDocument(deps.backends, spec, now);
    notices.keep(document.notices);
    return document.store;
  };

  // Platform: settings, the cloud they choose, the partner accounts signed in to it, the audit log.
  const settings = new SettingsService(open(SETTINGS_DOCUMENT), (s) => emit('settings.changed', s));
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
    onTokenCacheProblem: (message) =>
      notices.raise({
        id: 'token-cache-unwritten',
        level: 'warning',
        title: 'Saved sign-ins could not be written',
        message,
      }),
  });
  if (accounts.cacheProblem) {
    notices.keep([
      {
        id: 'token-cache-unreadable',
        level: 'warning',
        title: 'Saved sign-ins could not be read',
        message: accounts.cacheProblem,
      },
    ]);
  }
  const audit = new AuditLog(deps.dataDir, now);

  // Customers and the GDAP directory they are merged with.
  const customerStore = open(CUSTOMER_DOCUMENT);
  const directoryStore = open(DIRECTORY_DOCUMENT);
  const customers = new CustomerService(
    customerStore,
    now,
    (list) => emit('customers.changed', list),
    () => directoryStore.get().snapshot,
    // What the guests feature read: how the analyst reaches each customer as a guest.
    () => ({ guests: guests.knownGuests(), redeemLinks: guests.knownRedeemLinks() }),
  );
  const directory = new DirectoryService(
    directoryStore,
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

  // B2B guests: their accounts in customer tenants, read through GDAP or the analyst's own guest account.
  const guests = new GuestService({
    accounts,
    cloud,
    audit,
    snapshot: () => directory.snapshot(),
    now,
    onGuests: (read) => customers.guestsRead(read),
    onGraphRequest: deps.onGraphRequest,
  });

  // GDAP.
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
  const templateStore = open(TEMPLATE_DOCUMENT);
  const templates = templateList(templateStore);
  const bulk = new GdapBulk(gdap, directory, templates, (done, total, results, running) =>
    emit('gdap.bulkProgress', { done, total, results, running }),
  );
  const checkExpiry = expiryAlerts({
    directory,
    store: open(ALERT_DOCUMENT),
    now,
    emit,
    notify: deps.notify,
  });

  // Launch: portals, launch modes, shortcuts and deep links.
  const modes = new LaunchModeService(deps.host, open(LAUNCH_MODE_DOCUMENT), accounts);
  const launch = new LaunchService(
    customers,
    async () => (await cloud.active()).profile,
    deps.opener,
    (override) => modes.howFor(override),
  );

  const handlers: Handlers = {
    ...appHandlers({ host: deps.host, version: deps.version, dataDir: deps.dataDir, settings, notices }),
    ...customerHandlers(customers, (domain) => findTenantByDomain({ accounts, cloud }, domain)),
    ...settingsHandlers(settings, cloud),
    ...accountHandlers(accounts),
    ...directoryHandlers(directory),
    ...launchHandlers({ launch, modes, customers, directory, shortcuts: deps.shortcuts, emit }),
    ...gdapHandlers({
      gdap,
      assignments: new GdapAssignments(gdap, now),
      access: new GdapAccess(gdap, directory, now),
      bulk,
      directory,
      templateStore,
      templates,
      now,
    }),
    ...auditHandlers(audit, now, {
      customers: () => customers.list(),
      snapshot: () => directory.snapshot(),
      partnerTenants: async () => (await accounts.status()).accounts.map((a) => a.tenantId),
    }),
    ...guestHandlers({
      guests,
      directory,
      customers: () => customers.list(),
      onProgress: (done, total) => emit('guests.progress', { done, total }),
      now,
    }),
    ...azureAccessHandlers({
      accounts,
      cloud,
      audit,
      dataDir: deps.dataDir,
      customerName: (tenantId) => customers.list().find((c) => c.tenantId === tenantId)?.displayName,
      notify: (notice) => notices.raise(notice),
      emit: (progress) => emit('azureAccess.progress', progress),
    }),
  };
  checkExpiry();

  return {
    invoke: (name, input) => dispatch(handlers, name, input, log),
    activeProfile: () => cloud.activeProfile(),
    close: async () => {
      gdap.close();
      // Tokens written behind (main/core/accounts/token-cache.ts) are saved before the app exits.
      accounts.close();
      await cloud.close();
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (notice) => notices.raise(notice),
  };
}
