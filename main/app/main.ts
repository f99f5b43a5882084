/**
 * The Electron app's entry: wires main/core to Electron and nothing more. One instance per data
 * folder; a second start focuses the running window.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, globalShortcut, Notification, safeStorage, session, shell } from 'electron';
import type { CloudProfile } from '../../shared/platform/cloud-profile';
import {
  OptionsError,
  parseHostOptions,
  PRODUCT_NAME,
  type HostOptions,
} from '../core/platform/host-options';
import { inProcessSandbox } from '../core/platform/cloud/sandbox-connector';
import { createCore } from '../core/compose';
import { markDesktopFileTrusted } from '../core/launch/gio-trust';
import { shortcutExecutable, ShortcutWriter, type ShortcutPlatform } from '../core/launch/shortcut-writer';
import { AuditLog } from '../core/audit/audit-log';
import { openDataFolder, type DataFolder } from '../core/platform/persistence/data-folder';
import { DataFolderBusyError } from '../core/platform/persistence/data-folder-lock';
import type { LaunchResult, Notice } from '../../shared/contract/contract';
import { installGuards } from './guards';
import { registerIpc } from './ipc';
import { createShellOpener } from './opener';
import { modeOpener } from '../core/launch/mode-opener';
import type { LaunchPlatform } from '../../shared/launch/launch-mode';
import { openPortalWindow } from './portal-window';
import { SafeStorageCipher } from './safe-storage-cipher';
import { parseInstanceArgv } from './policy/instance-argv';
import { registerAppSchemePrivileges, serveRenderer } from './renderer-protocol';
import { electronStoreBackends } from './store-backend';
import { createMainWindow, focusMainWindow, ourMainWindow } from './window';
import type { ListedCustomer } from '../../shared/customers/customer-directory';
import type { TenantId } from '../../shared/platform/tenant-id';
import { claimGlobalHotkey, type GlobalHotkey } from './hotkey';
import type { Settings } from '../../shared/settings/settings';
import { updateLauncherMenus } from './launcher-menus';
import { wantsSwitcher } from './policy/launcher-menus';
import { createSwitcherWindow } from './switcher-window';
import { createTray } from './tray';

// dist/main/main.js sits beside preload.cjs, and dist/renderer beside dist/main (also inside app.asar).
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, 'preload.cjs');
const rendererDir = path.resolve(here, '..', 'renderer');

const log = {
  info: (message: string) => console.log(`[switchboard] ${message}`),
  warn: (message: string) => console.warn(`[switchboard] ${message}`),
  error: (message: string, error?: unknown) => console.error(`[switchboard] ${message}`, error ?? ''),
};

function fail(title: string, message: string, exitCode: number): void {
  console.error(`${title}: ${message}`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(exitCode);
}

/**
 * Registers switchboard:// with the OS for this user. Packaged builds are registered by their
 * installer too (electron-builder `protocols`); in development Electron needs the app path as well.
 */
function registerProtocolClient(): void {
  const ok = process.defaultApp
    ? app.setAsDefaultProtocolClient('switchboard', process.execPath, [path.resolve(process.argv[1] ?? '.')])
    : app.setAsDefaultProtocolClient('switchboard');
  if (!ok)
    log.warn('switchboard:// links could not be registered with the system; shortcuts may not open the app.');
}

/**
 * Per-customer desktop shortcuts, written where this desktop keeps them, starting the app itself (the
 * AppImage file, not its temporary mount: shortcutExecutable). When that cannot be known, none are
 * offered and the reason is a notice.
 */
function desktopShortcuts(report: (notice: Notice) => void): ShortcutWriter | undefined {
  const platform = process.platform;
  if (platform !== 'linux' && platform !== 'win32' && platform !== 'darwin') return undefined;
  let executablePath: string;
  try {
    executablePath = shortcutExecutable({ platform, execPath: process.execPath, env: process.env });
  } catch (error) {
    report({
      id: 'shortcuts-unavailable',
      level: 'warning',
      title: 'Desktop shortcuts are off',
      message: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
  return new ShortcutWriter({
    directory: app.getPath('desktop'),
    platform: platform as ShortcutPlatform,
    executablePath,
    writeShortcutLink: (linkPath, link) => shell.writeShortcutLink(linkPath, 'create', link),
    readShortcutLink: (linkPath) => {
      const link = shell.readShortcutLink(linkPath);
      return { target: link.target, args: link.args ?? '', description: link.description ?? '' };
    },
    markTrusted: async (file) => {
      if (!(await markDesktopFileTrusted(file)))
        log.info(`${file} was not marked trusted (no GNOME metadata service); the desktop may ask once.`);
    },
  });
}

/**
 * Takes the data folder for this app (one writer per folder: a browser host on the same folder would
 * overwrite our changes, and we its). Refused, the app says who holds it and does not start.
 */
function takeDataFolder(dataDir: string): DataFolder | undefined {
  try {
    return openDataFolder(dataDir, { kind: 'desktop' });
  } catch (error) {
    if (!(error instanceof DataFolderBusyError)) throw error;
    fail(`${PRODUCT_NAME} could not start`, error.message, 1);
    return undefined;
  }
}

function readOptions(): HostOptions | undefined {
  try {
    return parseHostOptions(process.argv.slice(1), process.env);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    fail(`${PRODUCT_NAME} could not start`, `${error.message} Usage: ${PRODUCT_NAME} [--data-dir DIR]`, 2);
    return undefined;
  }
}

/**
 * switchboard:// links that arrive before core is ready (the first instance's own argv, macOS
 * open-url at launch) wait here; afterwards each goes straight to core, which parses it strictly.
 */
const pendingLinks: string[] = [];
let routeLink: (url: string) => void = (url) => void pendingLinks.push(url);

/** `--switch-tenant` (Jump List, Linux desktop action) before the switcher exists waits here too. */
let switcherRequested = false;
let showSwitcher: () => void = () => void (switcherRequested = true);

/** The tray's icon: beside the app in a package (electron-builder extraResources), build/ otherwise. */
function trayIconPath(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'icon.png')
    : path.resolve(here, '..', '..', 'build', 'icon.png');
}

function start(options: HostOptions): void {
  const dataDir = options.dataDir ?? app.getPath('userData');
  const folder = takeDataFolder(dataDir);
  if (folder === undefined) return;
  const openExternal = (url: string): Promise<void> => shell.openExternal(url);

  // The allow-list follows the active cloud, which core resolves from the settings.
  let activeProfile: () => CloudProfile | undefined = () => undefined;
  installGuards({ profile: () => activeProfile(), openExternal, log });
  serveRenderer(session.defaultSession, rendererDir);
  const core = createCore({
    host: 'electron',
    version: app.getVersion(),
    dataDir,
    backends: folder.guard(electronStoreBackends(dataDir)),
    // The account's launch mode: the OS browser (allow-listed), a browser profile, or a portal window.
    opener: modeOpener({
      base: createShellOpener(() => activeProfile(), openExternal),
      platform: (['win32', 'darwin'].includes(process.platform)
        ? process.platform
        : 'linux') as LaunchPlatform,
      appWindow: openPortalWindow,
    }),
    sandbox: inProcessSandbox(dataDir, { report: (notice) => folder.report(notice) }),
    // safeStorage is usable only after ready; on Linux without a keyring it is plain text, and the
    // cipher then says so, so tokens stay in memory.
    cipher: new SafeStorageCipher(safeStorage),
    shortcuts: desktopShortcuts((notice) => folder.report(notice)),
    // GDAP news (a relationship approved, access about to end) as a desktop notification.
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    openSignInPage: async (url, authorityOrigin) => {
      // Only the active cloud's sign-in host, over https (or the loopback sandbox), may be opened.
      const parsed = new URL(url);
      if (parsed.origin !== authorityOrigin || parsed.protocol !== 'https:') return false;
      await shell.openExternal(parsed.toString());
      return true;
    },
    log,
  });
  activeProfile = () => core.activeProfile();
  // What was found in the data folder (damaged files set aside, a folder that cannot be written).
  folder.report(AuditLog.startupNotice(dataDir));
  folder.relay((notice) => core.notify(notice));
  // Stop what core started (the in-process sandbox) and give the data folder back before the app exits.
  app.once('will-quit', (event) => {
    event.preventDefault();
    void core.close().finally(() => {
      folder.release();
      app.exit(0);
    });
  });
  registerIpc(core, log);
  const switcher = createSwitcherWindow(preloadPath);
  // The switcher window is hidden, not closed, between uses; it goes with the main window, so
  // closing that still ends the app where it did (Windows, Linux).
  const openMainWindow = (): void => {
    createMainWindow(preloadPath).once('closed', () => switcher.destroy());
  };
  openMainWindow();

  routeLink = (url) => {
    focusMainWindow();
    void core.invoke('deepLink.open', { url }).then((result) => {
      // A refused link is shown in the window as a notice by core; the log keeps a short trace.
      if (!result.ok) log.warn(`A switchboard:// link was refused: ${result.error.message}`);
    });
  };
  for (const url of pendingLinks.splice(0)) routeLink(url);

  app.on('activate', () => {
    if (ourMainWindow() === undefined) openMainWindow();
  });

  // The switcher from anywhere on the desktop (issue 6): a global hotkey, the tray, the Jump List
  // and the dock menu. Their favourites and recents follow core's customers.
  const showMainWindow = (): void => {
    if (!focusMainWindow()) openMainWindow();
  };
  const launchSecurityCopilot = (tenantId: TenantId): void => {
    void core.invoke('launch.open', { tenantId, target: 'securityCopilot' }).then((result) => {
      if (result.ok) {
        const { acceptFirst } = result.value as LaunchResult;
        if (acceptFirst) core.notify({ id: 'accept-first', level: 'warning', ...acceptFirst });
        return;
      }
      log.warn(`Security Copilot was not opened from the menu: ${result.error.message}`);
      core.notify({
        id: 'menu-launch',
        level: 'error',
        title: 'Security Copilot was not opened',
        message: result.error.message,
      });
      showMainWindow();
    });
  };
  // The analyst's hotkey from Settings (the default until one is chosen), claimed again when changed.
  const claimHotkey = (configured: string | null): GlobalHotkey =>
    claimGlobalHotkey(globalShortcut, {
      configured,
      platform: process.platform,
      onPress: () => switcher.toggle(),
      notify: (notice) => core.notify(notice),
      log,
    });
  let configuredHotkey: string | null = null;
  let hotkey = claimHotkey(configuredHotkey);
  void core.invoke('settings.get', {}).then((result) => {
    const wanted = result.ok ? (result.value as Settings).globalHotkey : null;
    if (wanted === configuredHotkey) return;
    hotkey.release();
    configuredHotkey = wanted;
    hotkey = claimHotkey(wanted);
  });
  const tray = createTray({
    iconPath: trayIconPath(),
    platform: process.platform,
    hotkey: () => hotkey.accelerator,
    launch: launchSecurityCopilot,
    switchTenant: () => switcher.show(),
    openMain: showMainWindow,
    quit: () => app.quit(),
    log,
  });
  const showCustomers = (customers: ReadonlyArray<ListedCustomer>): void => {
    tray.update(customers);
    updateLauncherMenus(customers, {
      platform: process.platform,
      launch: launchSecurityCopilot,
      switchTenant: () => switcher.show(),
      log,
    });
  };
  core.onEvent((name, payload) => {
    if (name === 'customers.changed') showCustomers(payload as ReadonlyArray<ListedCustomer>);
    if (name === 'settings.changed') {
      const wanted = (payload as Settings).globalHotkey;
      if (wanted === configuredHotkey) return;
      hotkey.release();
      configuredHotkey = wanted;
      hotkey = claimHotkey(wanted);
    }
  });
  void core.invoke('customers.list', {}).then((result) => {
    if (result.ok) showCustomers(result.value as ReadonlyArray<ListedCustomer>);
  });
  app.on('will-quit', () => {
    hotkey.release();
    tray.destroy();
  });
  showSwitcher = () => switcher.show();
  if (switcherRequested) showSwitcher();
}

function boot(): void {
  const options = readOptions();
  if (options === undefined) return;
  // Before anything else touches userData: Chromium's profile, the single-instance lock and our
  // documents all live in the chosen data folder, so two data folders are two independent apps.
  if (options.dataDir !== undefined) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    app.setPath('userData', options.dataDir);
  }
  registerAppSchemePrivileges();
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerProtocolClient();
  app.on('second-instance', (_event, argv) => {
    const request = parseInstanceArgv(argv);
    focusMainWindow();
    if (request.deepLink !== undefined) routeLink(request.deepLink);
  });
  // macOS hands links over as open-url, also before ready when the link started the app.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    routeLink(url);
  });
  app.on('second-instance', (_event, argv) => {
    if (wantsSwitcher(argv)) showSwitcher();
  });
  if (wantsSwitcher(process.argv)) showSwitcher();
  const startLink = parseInstanceArgv(process.argv).deepLink;
  if (startLink !== undefined) routeLink(startLink);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(() => start(options))
    .catch((error: unknown) => {
      log.error('Start-up failed', error);
      fail(
        `${PRODUCT_NAME} could not start`,
        `${error instanceof Error ? error.message : String(error)}. Check that the data folder is writable, then start again.`,
        1,
      );
    });
}

boot();
