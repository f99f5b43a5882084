import { CLOUD_PROFILE_LABELS, type CloudProfile } from '../../shared/cloud-profile';
import { AccountService } from './auth/account-service';
import { CloudService, type SandboxConnector } from './cloud/cloud-service';
import { DIRECTORY_DOCUMENT } from './directory/directory-document';
import { DirectoryService, SYNC_CONCURRENCY } from './directory/directory-service';
import { MemoryOnlyCipher, type SecretCipher } from './secrets/secret-cipher';
import { SETTINGS_DOCUMENT } from './settings/settings-document';
import { SettingsService } from './settings/settings-service';
import type { AppInfo, CommandResult, EventName, EventPayload, Notice } from '../../shared/contract';
import { CUSTOMER_DOCUMENT } from './customers/customer-document';
import { CustomerService } from './customers/customer-service';
import { dispatch, type DispatchLog, type Handlers } from './dispatcher';
import { LaunchService } from './launch/launch-service';
import type { Opener } from './launch/opener';
import { openDocument } from './persistence/document-store';
import type { StoreBackends } from './persistence/store-backend';

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
      },
    },
  );
  const launch = new LaunchService(customers, async () => (await cloud.active()).profile, deps.opener);

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
    'launch.open': ({ tenantId, target }) => launch.open(tenantId, target),
  };

  return {
    invoke: (name, input) => dispatch(handlers, name, input, log),
    activeProfile: () => cloud.activeProfile(),
    close: () => cloud.close(),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
