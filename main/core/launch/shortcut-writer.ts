import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  SHORTCUT_DEEP_LINK_PREFIX,
  type ShortcutKind,
  desktopEntry,
  internetShortcut,
  safeShortcutFileName,
  shortcutDeepLinkProblem,
  shortcutDeepLinkTenant,
  shortcutDescription,
  shortcutMarkerTenant,
  webloc,
  type ShortcutArrival,
} from '../../../shared/launch/shortcut-files';
import { parseTenantId } from '../../../shared/platform/tenant-id';
import { UserFacingError } from '../platform/errors';

export type ShortcutPlatform = 'linux' | 'win32' | 'darwin';

/** What a Windows `.lnk` holds; the shape of Electron's `ShortcutDetails` that Switchboard uses. */
export interface ShortcutLink {
  readonly target: string;
  readonly args: string;
  readonly description: string;
  readonly icon?: string;
  readonly iconIndex?: number;
}

/** Electron's `shell.writeShortcutLink(path, 'create', link)`; false when Windows could not write it. */
export type WriteShortcutLink = (linkPath: string, link: ShortcutLink) => boolean | Promise<boolean>;
/** Electron's `shell.readShortcutLink(path)`; throws for a file that is not a shortcut. */
export type ReadShortcutLink = (linkPath: string) => ShortcutLink | Promise<ShortcutLink>;

export interface ShortcutWriterOptions {
  /** The folder the shortcuts go to: the user's desktop (Electron's `app.getPath('desktop')`). */
  readonly directory: string;
  readonly platform: ShortcutPlatform;
  /** Absolute path of what the shortcut starts: the Switchboard executable, or on Linux the AppImage. */
  readonly executablePath: string;
  /** Required on Windows, where `.lnk` files are written by the shell. */
  readonly writeShortcutLink?: WriteShortcutLink;
  /**
   * Reads a `.lnk` back to tell whether it is Switchboard's. Without it the writer looks for the launch
   * link in the file's bytes (a `.lnk` keeps its arguments as UTF-16 text, MS-SHLLINK StringData).
   */
  readonly readShortcutLink?: ReadShortcutLink;
  /** Linux only: icon theme name or absolute path for the `.desktop` file. */
  readonly icon?: string;
  /**
   * Linux only: marks a written `.desktop` file trusted for the desktop (markDesktopFileTrusted), so
   * GNOME runs it without asking. Best effort: the shortcut is written whether or not this works.
   */
  readonly markTrusted?: (file: string) => Promise<unknown>;
}

export interface ShortcutExecutableInput {
  readonly platform: NodeJS.Platform;
  /** `process.execPath`. */
  readonly execPath: string;
  /** `process.env`: the AppImage runtime sets APPIMAGE (the image file) and APPDIR (its mount). */
  readonly env: NodeJS.ProcessEnv;
}

/** Where an AppImage's runtime mounts it (type 2 runtime: `/tmp/.mount_<name><random>/`). */
const APPIMAGE_MOUNT = /^\/tmp\/\.mount_[^/]+\//;

/**
 * What a desktop shortcut starts. Run from an AppImage, `process.execPath` lies inside the image's
 * temporary mount (`/tmp/.mount_*`): it is gone once the app closes (the shortcut breaks after a
 * restart), and on a shared machine another user could create that path in /tmp and be started by
 * the shortcut. The AppImage runtime names the image file itself in APPIMAGE; that is what a shortcut
 * must start. Outside an AppImage (deb, Windows, macOS, unpackaged) the executable is the app.
 * Throws when the app runs from an AppImage mount but APPIMAGE does not name a file outside it.
 */
export function shortcutExecutable(input: ShortcutExecutableInput): string {
  const { platform, execPath, env } = input;
  if (platform !== 'linux') return execPath;
  const mount =
    env.APPDIR && path.posix.isAbsolute(env.APPDIR) ? path.posix.normalize(env.APPDIR) : undefined;
  const inside = (file: string, dir: string): boolean => {
    const relative = path.posix.relative(dir, path.posix.normalize(file));
    return relative === '' || (!relative.startsWith('..') && !path.posix.isAbsolute(relative));
  };
  const fromMount = (mount !== undefined && inside(execPath, mount)) || APPIMAGE_MOUNT.test(execPath);
  // APPIMAGE alone (inherited from another AppImage that started this app) says nothing about us.
  if (!fromMount) return execPath;
  const image = env.APPIMAGE;
  if (
    image === undefined ||
    !path.posix.isAbsolute(image) ||
    APPIMAGE_MOUNT.test(path.posix.normalize(image)) ||
    (mount !== undefined && inside(image, mount))
  ) {
    throw new Error(
      `Switchboard runs from an AppImage mounted at ${mount ?? path.posix.dirname(execPath)}, but the AppImage's own path is not known (APPIMAGE is ${image === undefined ? 'not set' : `"${image}"`}). Shortcuts would point into that temporary mount, so none are written. Start Switchboard from the AppImage file itself.`,
    );
  }
  return path.posix.normalize(image);
}

export interface ShortcutCustomer {
  readonly name: string;
  readonly tenantId: string;
  /** How the analyst arrives there, said in the shortcut's description (fixed words only). */
  readonly arrival?: ShortcutArrival;
}

const KINDS: Readonly<Record<ShortcutPlatform, ReadonlyArray<ShortcutKind>>> = {
  linux: ['desktop'],
  win32: ['lnk', 'url'],
  darwin: ['webloc'],
};

/** A shortcut file is a few hundred bytes; anything much larger is not one of ours and is not read. */
const MAX_SHORTCUT_BYTES = 64 * 1024;

/**
 * Writes, finds and removes the per-customer desktop shortcuts that launch a customer's Security
 * Copilot through the `switchboard://` protocol. Only ever touches files Switchboard wrote: each
 * carries the tenant ID as a marker, and a file without it is never overwritten or removed.
 */
export class ShortcutWriter {
  constructor(private readonly options: ShortcutWriterOptions) {
    // The executable is a path on the target platform; the folder is a path on this machine (the same
    // machine in the app, not in tests that write Windows shortcuts on Linux).
    const target = options.platform === 'win32' ? path.win32 : path.posix;
    if (!target.isAbsolute(options.executablePath)) {
      throw new Error(`The executable path "${options.executablePath}" must be absolute.`);
    }
    if (options.platform === 'win32' && options.writeShortcutLink === undefined) {
      throw new Error(
        'On Windows the shortcut writer needs writeShortcutLink (Electron shell.writeShortcutLink).',
      );
    }
  }

  /**
   * Writes the customer's shortcuts (Linux: `.desktop`, executable; Windows: `.lnk` and `.url`; macOS:
   * `.webloc`) and returns their paths. Shortcuts written earlier for the same tenant under another
   * name (the customer was renamed) are replaced, so each customer has one set on the desktop.
   */
  async create(customer: ShortcutCustomer, deepLink: string): Promise<ReadonlyArray<string>> {
    const tenant = this.tenant(customer.tenantId);
    const problem = shortcutDeepLinkProblem(deepLink);
    if (problem !== undefined) throw new UserFacingError('invalid_input', problem);
    if (shortcutDeepLinkTenant(deepLink) !== tenant) {
      throw new UserFacingError(
        'invalid_input',
        `The launch link opens another tenant than ${customer.name} (${tenant}); no shortcut was written.`,
      );
    }
    await this.requireDirectory();
    const stem = safeShortcutFileName(customer.name, tenant);
    const targets = this.kinds().map((kind) => ({
      kind,
      file: path.join(this.options.directory, `${stem}.${kind}`),
    }));
    // Check every target first, so a conflict leaves nothing half written.
    for (const { kind, file } of targets) {
      const owner = await this.ownerOf(kind, file);
      if (owner === 'absent' || owner === tenant) continue;
      throw new UserFacingError(
        'conflict',
        `There is already a file named "${path.basename(file)}" on the desktop that Switchboard did not ` +
          `write for ${customer.name}. Rename or move it, then create the shortcut again.`,
      );
    }
    const written: string[] = [];
    for (const { kind, file } of targets) {
      await this.write(kind, file, customer, tenant, deepLink);
      written.push(file);
    }
    const stale = (await this.existing(tenant)).filter((file) => !written.includes(file));
    await this.unlinkAll(stale, tenant);
    return written;
  }

  /** The shortcuts on the desktop that Switchboard wrote for this tenant, whatever they are named now. */
  async existing(tenantId: string): Promise<ReadonlyArray<string>> {
    const tenant = this.tenant(tenantId);
    let entries: string[];
    try {
      entries = await fs.readdir(this.options.directory);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw this.fileError('read the desktop folder', this.options.directory, error);
    }
    const found: string[] = [];
    for (const entry of entries.sort()) {
      const kind = this.kinds().find((k) => entry.toLowerCase().endsWith(`.${k}`));
      if (kind === undefined || entry.startsWith('.')) continue;
      const file = path.join(this.options.directory, entry);
      if ((await this.ownerOf(kind, file)) === tenant) found.push(file);
    }
    return found;
  }

  /** Removes the shortcuts Switchboard wrote for this tenant and returns their paths; other files stay. */
  async remove(tenantId: string): Promise<ReadonlyArray<string>> {
    const tenant = this.tenant(tenantId);
    const files = await this.existing(tenant);
    await this.unlinkAll(files, tenant);
    return files;
  }

  private kinds(): ReadonlyArray<ShortcutKind> {
    return KINDS[this.options.platform];
  }

  private tenant(tenantId: string): string {
    const parsed = parseTenantId(tenantId);
    if (!parsed.ok)
      throw new UserFacingError('invalid_input', parsed.message, [
        { field: 'tenantId', message: parsed.message },
      ]);
    return parsed.value;
  }

  private async requireDirectory(): Promise<void> {
    const stat = await fs.stat(this.options.directory).catch(() => undefined);
    if (stat?.isDirectory() !== true) {
      throw new UserFacingError(
        'unavailable',
        `The desktop folder ${this.options.directory} does not exist, so there is nowhere to put the shortcut.`,
      );
    }
  }

  /** 'absent', the tenant a Switchboard shortcut was written for, or 'foreign' for anything else. */
  private async ownerOf(kind: ShortcutKind, file: string): Promise<string> {
    let stat;
    try {
      stat = await fs.lstat(file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 'absent';
      throw this.fileError('read', file, error);
    }
    // A link or folder is never ours: writing would follow or replace something we did not make.
    if (!stat.isFile() || stat.size > MAX_SHORTCUT_BYTES) return 'foreign';
    if (kind === 'lnk') return (await this.lnkTenant(file)) ?? 'foreign';
    const content = await fs.readFile(file, 'utf8').catch((error: unknown) => {
      throw this.fileError('read', file, error);
    });
    return shortcutMarkerTenant(kind, content) ?? 'foreign';
  }

  private async lnkTenant(file: string): Promise<string | undefined> {
    const launchTenant = (text: string): string | undefined => {
      const at = text.toLowerCase().indexOf(SHORTCUT_DEEP_LINK_PREFIX);
      if (at < 0) return undefined;
      const candidate = parseTenantId(
        text.slice(at + SHORTCUT_DEEP_LINK_PREFIX.length, at + SHORTCUT_DEEP_LINK_PREFIX.length + 36),
      );
      return candidate.ok ? candidate.value : undefined;
    };
    if (this.options.readShortcutLink !== undefined) {
      try {
        const link = await this.options.readShortcutLink(file);
        return link.description.includes('MSSP Switchboard') ? launchTenant(link.args) : undefined;
      } catch {
        return undefined;
      }
    }
    const bytes = await fs.readFile(file);
    // UTF-16 strings may start at an odd offset, so both alignments are read.
    return (
      launchTenant(bytes.toString('utf16le')) ??
      launchTenant(bytes.subarray(1).toString('utf16le')) ??
      launchTenant(bytes.toString('latin1'))
    );
  }

  private async write(
    kind: ShortcutKind,
    file: string,
    customer: ShortcutCustomer,
    tenant: string,
    deepLink: string,
  ): Promise<void> {
    const { executablePath, icon } = this.options;
    const temp = path.join(
      this.options.directory,
      `.switchboard-${randomBytes(6).toString('hex')}.tmp.${kind}`,
    );
    try {
      if (kind === 'lnk') {
        const description = shortcutDescription(customer.name, tenant, customer.arrival);
        const ok = await this.options.writeShortcutLink!(temp, {
          target: executablePath,
          args: deepLink,
          description,
          icon: executablePath,
          iconIndex: 0,
        });
        if (!ok) throw new Error('Windows did not write the shortcut');
      } else {
        const content =
          kind === 'desktop'
            ? desktopEntry({
                name: customer.name,
                deepLink,
                exec: executablePath,
                ...(icon ? { icon } : {}),
                ...(customer.arrival ? { arrival: customer.arrival } : {}),
              })
            : kind === 'url'
              ? internetShortcut(deepLink, executablePath)
              : webloc(deepLink);
        await fs.writeFile(temp, content, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
        // Desktop environments launch a `.desktop` on the desktop only when it is executable.
        await fs.chmod(temp, kind === 'desktop' ? 0o755 : 0o644);
      }
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw this.fileError('write', file, error);
    }
    // The metadata belongs to the path, so it is set on the final file, not the temporary one.
    if (kind === 'desktop' && this.options.markTrusted !== undefined) {
      await this.options.markTrusted(file).catch(() => undefined);
    }
  }

  private async unlinkAll(files: ReadonlyArray<string>, tenant: string): Promise<void> {
    for (const file of files) {
      try {
        await fs.rm(file, { force: true });
      } catch (error) {
        throw this.fileError(`remove the shortcut for tenant ${tenant} at`, file, error);
      }
    }
  }

  private fileError(action: string, file: string, error: unknown): UserFacingError {
    const code = errorCode(error);
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : (code ?? (error instanceof Error ? error.message : String(error)));
    return new UserFacingError(
      'unavailable',
      `Could not ${action} ${file}: ${why}. Check that you can change files in ${this.options.directory}, then try again.`,
    );
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
