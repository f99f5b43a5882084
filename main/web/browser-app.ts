/**
 * The whole app in a browser, as `npm run start:web` runs it: the data folder taken for this process
 * alone, core over its documents, and the browser host in front. Kept apart from cli.ts so tests run
 * exactly what the command runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AuditLog } from '../core/audit/audit-log';
import { createCore, type SwitchboardCore } from '../core/compose';
import { modeOpener } from '../core/launch/mode-opener';
import { inProcessSandbox } from '../core/platform/cloud/sandbox-connector';
import { confBackends } from '../core/platform/persistence/conf-backend';
import { openDataFolder } from '../core/platform/persistence/data-folder';
import type { LaunchPlatform } from '../../shared/launch/launch-mode';
import { startWebHost, type WebHost } from './web-host';

export interface BrowserAppOptions {
  readonly dataDir: string;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly version: string;
  /** 0 or absent: a free port. */
  readonly port?: number;
  readonly token?: string;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface BrowserApp {
  readonly host: WebHost;
  readonly core: SwitchboardCore;
  /** Stops the host and core and gives the data folder back. */
  close(): Promise<void>;
}

/** The renderer has not been built: nothing to serve. */
export class RendererNotBuiltError extends Error {
  constructor(rendererDir: string) {
    super(
      `The renderer is not built yet (${rendererDir} has no index.html). Run "npm run build" first, or start with "npm run start:web", which builds it.`,
    );
    this.name = 'RendererNotBuiltError';
  }
}

/**
 * Starts the browser host on `dataDir`. Throws DataFolderBusyError (its message names the folder and
 * the Switchboard holding it) when another one runs on that folder, checked first so a second
 * `npm run start:web` is told so whatever else is wrong; RendererNotBuiltError without a renderer.
 */
export async function startBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  const { dataDir } = options;
  const folder = openDataFolder(dataDir, { kind: 'web' });
  try {
    if (!fs.existsSync(path.join(options.rendererDir, 'index.html')))
      throw new RendererNotBuiltError(options.rendererDir);
    const core = createCore({
      host: 'web',
      version: options.version,
      dataDir,
      backends: folder.guard(confBackends(dataDir)),
      // The default browser is the page's own (it opens the tab); a browser profile starts that browser.
      opener: modeOpener({
        base: { open: async () => ({ handled: false }) },
        platform: (['win32', 'darwin'].includes(process.platform)
          ? process.platform
          : 'linux') as LaunchPlatform,
      }),
      sandbox: inProcessSandbox(dataDir, { report: (notice) => folder.report(notice) }),
    });
    folder.report(AuditLog.startupNotice(dataDir));
    folder.relay((notice) => core.notify(notice));
    let host: WebHost;
    try {
      host = await startWebHost({
        core,
        rendererDir: options.rendererDir,
        port: options.port,
        token: options.token,
        log: options.log,
      });
    } catch (error) {
      await core.close();
      throw error;
    }
    return {
      host,
      core,
      close: async () => {
        await host.close();
        await core.close();
        folder.release();
      },
    };
  } catch (error) {
    folder.release();
    throw error;
  }
}
