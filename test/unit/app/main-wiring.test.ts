/**
 * The Electron entry (main.ts) wired against a stand-in for Electron, since the runtime cannot be
 * installed here: the order of start-up steps Electron insists on, and that every IPC command,
 * guard and launch goes where it should. test/electron/shell.spec.ts checks the same on the real
 * runtime where there is one.
 */
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, commandChannel, EVENT_CHANNEL } from '../../../shared/contract/contract';
import { acquireDataFolderLock } from '../../../main/core/platform/persistence/data-folder-lock';

interface FakeContents extends EventEmitter {
  id: number;
  sent: unknown[][];
  openHandler?: (details: { url: string }) => { action: string };
}

const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as { EventEmitter: typeof EventEmitter };
  const steps: string[] = [];
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const opened: string[] = [];
  const windows: Array<{ opts: { webPreferences: Record<string, unknown> }; webContents: FakeContents }> = [];
  const permission: { request?: (...a: unknown[]) => void; check?: (...a: unknown[]) => boolean } = {};
  let ready = false;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const paths: Record<string, string> = { userData: '/nonexistent/default-user-data' };
  // Another app holds the default switcher hotkey: register() refuses it (the callback is kept, so
  // a test can check what main wired to it).
  const shortcuts = {
    taken: new Set(['CommandOrControl+Alt+K']),
    attempts: [] as Array<{ accelerator: string; ready: boolean }>,
    callbacks: new Map<string, () => void>(),
    held: new Set<string>(),
  };
  const trays: Array<{ menu?: { items: Array<Record<string, unknown>> }; destroyed: boolean }> = [];
  const app = Object.assign(new Emitter(), {
    getVersion: () => '9.9.9',
    getPath: (name: string) => paths[name],
    setPath: (name: string, value: string) => {
      steps.push(`setPath ${name}`);
      paths[name] = value;
    },
    isReady: () => ready,
    exit: (code: number) => steps.push(`exit ${code}`),
    quit: () => steps.push('quit'),
    enableSandbox: () => steps.push(`enableSandbox ready=${ready}`),
    requestSingleInstanceLock: () => {
      steps.push('requestSingleInstanceLock');
      return true;
    },
    whenReady: () => readyPromise,
    setAsDefaultProtocolClient: (scheme: string) => {
      steps.push(`setAsDefaultProtocolClient ${scheme}`);
      return true;
    },
    isPackaged: false,
    // Windows and macOS only; the tests run on Linux, where main must not call them.
    setUserTasks: () => {
      throw new Error('setUserTasks is Windows-only');
    },
    dock: undefined,
  });
  const defaultSession = {
    protocol: { handle: (scheme: string) => steps.push(`protocol.handle ${scheme} ready=${ready}`) },
    setPermissionRequestHandler: (h: (...a: unknown[]) => void) => (permission.request = h),
    setPermissionCheckHandler: (h: (...a: unknown[]) => boolean) => (permission.check = h),
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
  };
  let nextId = 1;
  class BrowserWindow extends Emitter {
    webContents: FakeContents;
    constructor(readonly opts: { webPreferences: Record<string, unknown> }) {
      super();
      const contents = Object.assign(new Emitter(), {
        id: nextId++,
        session: defaultSession,
        sent: [] as unknown[][],
      });
      this.webContents = Object.assign(contents, {
        send: (...args: unknown[]) => contents.sent.push(args),
        setWindowOpenHandler: (h: FakeContents['openHandler']) =>
          ((this.webContents as FakeContents).openHandler = h),
      }) as unknown as FakeContents;
      windows.push(this as never);
      app.emit('web-contents-created', {}, this.webContents);
    }
    visible = false;
    focused = false;
    destroyed = false;
    url = '';
    isDestroyed = () => this.destroyed;
    removeMenu = () => undefined;
    loadURL = (url: string) => {
      steps.push(`loadURL ${url}`);
      this.url = url;
      return Promise.resolve();
    };
    show = () => void (this.visible = true);
    hide = () => void ((this.visible = false), (this.focused = false));
    focus = () => void (this.focused = true);
    isVisible = () => this.visible;
    isFocused = () => this.focused;
    isMinimized = () => false;
    restore = () => undefined;
    alwaysOnTop?: string;
    setAlwaysOnTop = (_flag: boolean, level: string) => void (this.alwaysOnTop = level);
    bounds?: Record<string, number>;
    setBounds = (bounds: Record<string, number>) => void (this.bounds = bounds);
    destroy = () => {
      this.destroyed = true;
      this.emit('closed');
    };
  }
  class Tray {
    menu?: { items: Array<Record<string, unknown>> };
    destroyed = false;
    constructor(readonly image: unknown) {
      trays.push(this);
    }
    setToolTip = () => undefined;
    on = () => undefined;
    setContextMenu = (menu: { items: Array<Record<string, unknown>> }) => void (this.menu = menu);
    destroy = () => void (this.destroyed = true);
  }
  return {
    paths,
    shortcuts,
    trays,
    steps,
    handlers,
    opened,
    windows,
    permission,
    start: () => {
      ready = true;
      markReady();
    },
    electron: {
      app,
      BrowserWindow,
      Tray,
      Menu: { buildFromTemplate: (items: Array<Record<string, unknown>>) => ({ items }) },
      nativeImage: {
        createFromPath: (file: string) => {
          const image = { file, isEmpty: () => false, resize: () => image };
          return image;
        },
      },
      screen: {
        getCursorScreenPoint: () => ({ x: 100, y: 100 }),
        getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      },
      globalShortcut: {
        register: (accelerator: string, callback: () => void) => {
          shortcuts.attempts.push({ accelerator, ready });
          shortcuts.callbacks.set(accelerator, callback);
          if (shortcuts.taken.has(accelerator)) return false;
          shortcuts.held.add(accelerator);
          return true;
        },
        isRegistered: (accelerator: string) => shortcuts.held.has(accelerator),
        unregister: (accelerator: string) => void shortcuts.held.delete(accelerator),
      },
      session: { defaultSession },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown) =>
          steps.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)} ready=${ready}`),
      },
      shell: {
        openExternal: async (url: string) => {
          opened.push(url);
        },
      },
      dialog: { showErrorBox: () => undefined },
      // A Linux desktop without a keyring: safeStorage offers only plain text.
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'basic_text',
        encryptString: (s: string) => Buffer.from(s),
        decryptString: (b: Buffer) => b.toString(),
      },
      ipcMain: {
        handle: (channel: string, h: (event: unknown, input: unknown) => Promise<unknown>) =>
          handlers.set(channel, h),
        removeHandler: (channel: string) => handlers.delete(channel),
      },
    },
  };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';
let dataDir: string;
let contents: FakeContents;
const argv = process.argv;

// electron-store is loaded by Node, not Vitest: give it a stand-in 'electron' through a resolve hook.
const asModule = (source: string): string => `data:text/javascript,${encodeURIComponent(source)}`;
const HOOKS = asModule(`export async function resolve(specifier, context, next) {
  return specifier === 'electron' ? { url: ${JSON.stringify(asModule('export default {};'))}, shortCircuit: true } : next(specifier, context);
}`);

beforeAll(async () => {
  register(HOOKS);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-main-'));
  // The analyst chose the public cloud (the sandbox cloud is started by core and tested there).
  fs.writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ schemaVersion: 1, cloudProfile: 'public', clientId: null }),
  );
  process.argv = ['electron', '.', '--data-dir', dataDir];
  fake.paths.desktop = path.join(dataDir, 'Desktop');
  fs.mkdirSync(fake.paths.desktop);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await import('../../../main/app/main');
  fake.start();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  contents = fake.windows[0]!.webContents;
});
afterAll(() => {
  process.argv = argv;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const trustedEvent = () => ({
  sender: { id: contents.id },
  senderFrame: { url: 'app://switchboard/index.html', parent: null },
});
const invoke = (name: string, event: unknown, input: unknown) =>
  fake.handlers.get(commandChannel(name as never))!(event, input);

describe('the Electron entry', () => {
  it('does what Electron requires before ready, in order, and uses the given data folder', () => {
    const beforeLock = fake.steps.slice(0, fake.steps.indexOf('requestSingleInstanceLock'));
    expect(beforeLock[0]).toBe('setPath userData');
    expect(
      beforeLock.some(
        (s) =>
          s.startsWith('registerSchemesAsPrivileged') &&
          s.includes('"standard":true') &&
          s.endsWith('ready=false'),
      ),
    ).toBe(true);
    expect(beforeLock).toContain('enableSandbox ready=false');
    expect(fake.steps).toContain('protocol.handle app ready=true');
    expect(fake.steps.at(-1)).toBe('loadURL app://switchboard/index.html');
  });

  it('opens a hardened window with the CommonJS preload', () => {
    const prefs = fake.windows[0]!.opts.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
  });

  it('handles every contract command, on its own channel, and nothing else', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
  });

  it('answers our window and refuses other senders', async () => {
    await expect(invoke('app.info', trustedEvent(), {})).resolves.toMatchObject({
      ok: true,
      value: { host: 'electron', version: '9.9.9', dataDir },
    });
    const refused = { ok: false, error: { code: 'refused' } };
    await expect(invoke('app.info', { ...trustedEvent(), sender: { id: 999 } }, {})).resolves.toMatchObject(
      refused,
    );
    await expect(
      invoke('app.info', { ...trustedEvent(), senderFrame: { url: 'app://switchboard/', parent: {} } }, {}),
    ).resolves.toMatchObject(refused);
    await expect(
      invoke(
        'app.info',
        { ...trustedEvent(), senderFrame: { url: 'https://evil.example/', parent: null } },
        {},
      ),
    ).resolves.toMatchObject(refused);
    await expect(invoke('app.info', { ...trustedEvent(), senderFrame: null }, {})).resolves.toMatchObject(
      refused,
    );
  });

  it('adds a customer through core, tells the window, and launches Security Copilot through shell.openExternal', async () => {
    await expect(
      invoke('customers.add', trustedEvent(), {
        displayName: 'Contoso Ltd',
        tenantId: CONTOSO.toUpperCase(),
        accessPath: 'gdap',
      }),
    ).resolves.toMatchObject({ ok: true });
    expect(contents.sent.find((m) => m[0] === EVENT_CHANNEL && m[1] === 'customers.changed')).toBeDefined();
    expect(fs.existsSync(path.join(dataDir, 'customers.json'))).toBe(true);

    await expect(
      invoke('launch.open', trustedEvent(), { tenantId: CONTOSO, target: 'securityCopilot' }),
    ).resolves.toEqual({
      ok: true,
      value: { url: `https://securitycopilot.microsoft.com/?tenantId=${CONTOSO}`, openedBy: 'shell' },
    });
    expect(fake.opened).toEqual([`https://securitycopilot.microsoft.com/?tenantId=${CONTOSO}`]);
  });

  it('denies navigation, new windows, webviews and permissions', () => {
    fake.opened.length = 0;
    const navigate = (event: string, url: string): boolean => {
      let prevented = false;
      contents.emit(event, { url, isMainFrame: false, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-navigate', 'app://switchboard/index.html')).toBe(false);
    expect(navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(navigate('will-frame-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-attach-webview', 'app://switchboard/index.html')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual([]);
    expect(
      contents.openHandler?.({ url: `https://securitycopilot.microsoft.com/?tenantId=${CONTOSO}` }),
    ).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual([`https://securitycopilot.microsoft.com/?tenantId=${CONTOSO}`]);

    let granted: boolean | undefined;
    fake.permission.request?.(contents, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(fake.permission.check?.(contents, 'notifications')).toBe(false);
  });

  it('registers switchboard:// and routes a second instance’s deep link through core: a known customer launches, anything else opens nothing', async () => {
    expect(fake.steps).toContain('setAsDefaultProtocolClient switchboard');
    fake.opened.length = 0;
    fake.electron.app.emit('second-instance', {}, [
      'mssp-switchboard',
      `switchboard://launch/${CONTOSO}?target=defender`,
    ]);
    await vi.waitFor(() => expect(fake.opened).toEqual([`https://security.microsoft.com/?tid=${CONTOSO}`]));
    const unknown = '00000000-0000-0000-0000-000000000001';
    fake.electron.app.emit('second-instance', {}, ['mssp-switchboard', `switchboard://launch/${unknown}`]);
    fake.electron.app.emit('second-instance', {}, [
      'mssp-switchboard',
      `switchboard://launch/${CONTOSO}/..%2F`,
    ]);
    await vi.waitFor(() =>
      expect(
        contents.sent.filter((m) => m[1] === 'app.notice' && (m[2] as { id: string }).id === 'deep-link'),
      ).toHaveLength(2),
    );
    expect(fake.opened).toHaveLength(1);
  });

  it('writes a desktop shortcut for a customer that launches it through switchboard://', async () => {
    const created = (await invoke('shortcuts.create', trustedEvent(), { tenantId: CONTOSO })) as {
      ok: true;
      value: { paths: string[] };
    };
    expect(created.ok).toBe(true);
    const file = created.value.paths.find((p) => p.endsWith('.desktop'));
    expect(file && path.dirname(file)).toBe(fake.paths.desktop);
    expect(fs.readFileSync(file ?? '', 'utf8')).toContain(
      `switchboard://launch/${CONTOSO}?target=securityCopilot`,
    );
    await expect(invoke('shortcuts.remove', trustedEvent(), { tenantId: CONTOSO })).resolves.toMatchObject({
      ok: true,
      value: { paths: created.value.paths },
    });
    expect(fs.readdirSync(fake.paths.desktop ?? '')).toEqual([]);
  });

  it('claims the switcher hotkey once ready; another app holding it becomes a notice, in the window and in app.info', async () => {
    expect(fake.shortcuts.attempts).toEqual([{ accelerator: 'CommandOrControl+Alt+K', ready: true }]);
    const notice = { id: 'global-hotkey', level: 'warning', title: 'Ctrl+Alt+K does not open the switcher' };
    expect(
      contents.sent.find(
        (m) => m[1] === 'app.notice' && (m[2] as { id: string }).id === 'global-hotkey',
      )?.[2],
    ).toMatchObject(notice);
    const info = (await invoke('app.info', trustedEvent(), {})) as { value: { notices: unknown[] } };
    expect(info.value.notices).toContainEqual(expect.objectContaining(notice));
  });

  it('lists favourites first in the tray, then recents, and a click launches Security Copilot through shell.openExternal', async () => {
    const FABRIKAM = 'a1b2c3d4-0000-4000-8000-000000000042';
    await invoke('customers.add', trustedEvent(), {
      displayName: 'Fabrikam & Co',
      tenantId: FABRIKAM,
      accessPath: 'b2b',
    });
    await invoke('customers.setFavourite', trustedEvent(), { tenantId: FABRIKAM, favourite: true });
    const tray = fake.trays[0]!;
    const labels = () => tray.menu?.items.map((i) => (i.type === 'separator' ? '---' : String(i.label)));
    // Contoso was launched by an earlier test, so it is recent; Fabrikam is a favourite.
    await vi.waitFor(() =>
      expect(labels()).toEqual([
        'Favourites: open Security Copilot',
        'Fabrikam && Co',
        '---',
        'Recent',
        'Contoso Ltd',
        '---',
        'Switch tenant…',
        'Open Switchboard',
        '---',
        'Quit Switchboard',
      ]),
    );
    fake.opened.length = 0;
    (tray.menu?.items.find((i) => i.label === 'Fabrikam && Co')?.click as () => void)();
    await vi.waitFor(() =>
      expect(fake.opened).toEqual([`https://securitycopilot.microsoft.com/?tenantId=${FABRIKAM}`]),
    );
  });

  it('shows one hardened, always-on-top switcher window of ours from the tray, the hotkey and --switch-tenant; it hides instead of closing', async () => {
    const items = fake.trays[0]!.menu!.items;
    (items.find((i) => i.label === 'Switch tenant…')?.click as () => void)();
    expect(fake.windows).toHaveLength(2);
    const switcher = fake.windows[1] as unknown as InstanceType<typeof fake.electron.BrowserWindow> & {
      opts: Record<string, unknown> & { webPreferences: Record<string, unknown> };
    };
    expect(switcher.url).toBe('app://switchboard/index.html#switcher');
    expect(switcher.opts).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, show: false });
    expect(switcher.opts.webPreferences).toEqual(fake.windows[0]!.opts.webPreferences);
    expect(switcher.alwaysOnTop).toBe('pop-up-menu');
    // It shows once painted, on the pointer's display.
    expect(switcher.isVisible()).toBe(false);
    switcher.emit('ready-to-show');
    expect(switcher.isVisible() && switcher.isFocused()).toBe(true);
    expect(switcher.bounds).toMatchObject({ width: 680, x: 620 });

    // Its page is trusted like the main window's: it launches through core.
    const fromSwitcher = {
      sender: { id: switcher.webContents.id },
      senderFrame: { url: 'app://switchboard/index.html#switcher', parent: null },
    };
    await expect(invoke('app.info', fromSwitcher, {})).resolves.toMatchObject({ ok: true });
    // And guarded like it: no navigation away.
    let prevented = false;
    switcher.webContents.emit('will-navigate', {
      url: 'https://example.com/',
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);

    // window.close() from the page after a launch hides it; so do Escape and losing focus.
    let closePrevented = false;
    switcher.emit('close', { preventDefault: () => (closePrevented = true) });
    expect(closePrevented && !switcher.isVisible()).toBe(true);
    fake.shortcuts.callbacks.get('CommandOrControl+Alt+K')?.();
    expect(switcher.isVisible()).toBe(true);
    switcher.webContents.emit('before-input-event', {}, { type: 'keyDown', key: 'Escape' });
    expect(switcher.isVisible()).toBe(false);
    fake.electron.app.emit('second-instance', {}, ['mssp-switchboard', '--switch-tenant']);
    expect(switcher.isVisible()).toBe(true);
    switcher.emit('blur');
    expect(switcher.isVisible()).toBe(false);
    expect(fake.windows).toHaveLength(2);
  });

  it('holds its data folder: a browser host started on it is refused, naming the desktop app', () => {
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'switchboard.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
      kind: 'desktop',
    });
    expect(() => acquireDataFolderLock(dataDir, { kind: 'web' })).toThrow(
      `The data folder ${dataDir} is in use by the Switchboard desktop app (process ${process.pid}`,
    );
  });
});
