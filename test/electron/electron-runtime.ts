import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, test, type ElectronApplication, type Page } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * The Electron executable, or undefined where its runtime was never downloaded (npm 11 skips
 * electron's install script; machines without GitHub access set ELECTRON_SKIP_BINARY_DOWNLOAD).
 */
export function electronExecutable(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function hasElectronRuntime(): boolean {
  return electronExecutable() !== undefined;
}

/**
 * The command line of the unpackaged app with its data folder, then any further switches. Chromium
 * refuses to run as root with its OS sandbox (CI containers); our renderer sandbox
 * (webPreferences.sandbox) is unaffected and is what the specs assert.
 */
export const appArgs = (dataDir: string, ...more: string[]): string[] => [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ROOT,
  '--data-dir',
  dataDir,
  ...more,
];

/** The app of one spec file, launched once before its tests; read its parts inside a test. */
export interface LaunchedApp {
  readonly app: ElectronApplication;
  /** The first window. */
  readonly page: Page;
  readonly dataDir: string;
  /** What the app asked the OS to open in the user's browser, in order (nothing is opened). */
  openedUrls(): Promise<string[]>;
}

/**
 * Runs the calling spec file's tests in order against one unpackaged app (dist/main) with a fresh
 * data folder (a temporary folder named from dataDirPrefix), or skips them all with skipReason
 * where this machine has no Electron runtime. Call it at the top of the spec file.
 */
export function launchApp({
  dataDirPrefix,
  skipReason,
}: {
  readonly dataDirPrefix: string;
  readonly skipReason: string;
}): LaunchedApp {
  test.skip(!hasElectronRuntime(), skipReason);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication | undefined;
  let page: Page | undefined;
  let dataDir: string | undefined;

  test.beforeAll(async () => {
    // The global setup builds the renderer; the main process and preload are built here.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-main.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), dataDirPrefix));
    app = await electron.launch({ cwd: ROOT, args: appArgs(dataDir) });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    // The OS edge: record what would be opened in the user's browser instead of opening it.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __opened?: string[] }).__opened = opened;
      shell.openExternal = async (url: string) => {
        opened.push(url);
      };
    });
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const current = () => {
    if (!app || !page || !dataDir) throw new Error('The Electron app is not running: read it inside a test.');
    return { app, page, dataDir };
  };
  return {
    get app() {
      return current().app;
    },
    get page() {
      return current().page;
    },
    get dataDir() {
      return current().dataDir;
    },
    openedUrls: () =>
      current().app.evaluate(() => [...((globalThis as { __opened?: string[] }).__opened ?? [])]),
  };
}
