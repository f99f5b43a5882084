import fs from 'node:fs';
import type { z } from 'zod';
import type { Notice } from '../../../../shared/contract/contract';
import type { StoreBackend, StoreBackends } from './store-backend';
import { osProblem } from './os-problem';

/** One step from schema version `from` to `from + 1`, on the raw stored object. */
export interface Migration {
  readonly from: number;
  readonly migrate: (data: Record<string, unknown>) => Record<string, unknown>;
}

export interface DocumentSpec<T> {
  /** File name without extension. */
  readonly name: string;
  /** What the user calls this data, for messages ("your customer list"). */
  readonly description: string;
  readonly version: number;
  readonly schema: z.ZodType<T>;
  readonly empty: () => T;
  readonly migrations: ReadonlyArray<Migration>;
}

export interface DocumentStore<T> {
  readonly path: string;
  get(): T;
  /** Validates and writes atomically; on failure the file on disk is left as it was. */
  set(value: T): void;
}

export interface OpenDocumentResult<T> {
  readonly store: DocumentStore<T>;
  /** Problems found while opening that the user must be told about. */
  readonly notices: ReadonlyArray<Notice>;
}

const VERSION_KEY = 'schemaVersion';

/**
 * Opens a schema-versioned document: runs migrations from older versions, and when the file cannot be
 * read (not JSON, or not what the schema expects, or from a newer Switchboard) moves it aside to
 * `<name>.<reason>-<timestamp>.json` and starts empty, with a notice saying where the old file went.
 * The file is never silently replaced.
 */
export function openDocument<T>(
  backends: StoreBackends,
  spec: DocumentSpec<T>,
  now: () => Date = () => new Date(),
): OpenDocumentResult<T> {
  const notices: Notice[] = [];
  let backend: StoreBackend;
  let raw: Record<string, unknown>;
  // Set when a damaged file could not be moved aside: it must then never be overwritten.
  let keepOffDisk = false;
  const setAside = (reason: string, detail: string): void => {
    const file = backends.pathOf(spec.name);
    const moved = moveAside(file, reason, now());
    if (moved.ok) notices.push(corruptNotice(spec, moved.aside, detail));
    else {
      keepOffDisk = true;
      notices.push(stuckNotice(spec, file, detail, moved.problem));
    }
  };
  try {
    backend = backends.open(spec.name);
    raw = backend.read();
  } catch (error) {
    const detail = unreadableDetail(error);
    if (detail === undefined) throw error;
    setAside(error instanceof SyntaxError ? 'corrupt' : 'unreadable', detail);
    backend = keepOffDisk ? memoryBackend(backends.pathOf(spec.name)) : backends.open(spec.name);
    raw = {};
  }

  let value: T;
  const loaded = load(raw, spec);
  if (loaded.ok) {
    value = loaded.value;
    if (loaded.migrated) backend.write(stamp(spec, value));
  } else {
    const moved = loaded.reason === 'newer' ? moveAside(backend.path, 'newer', now()) : undefined;
    if (moved?.ok) {
      notices.push({
        id: `store-newer-${spec.name}`,
        level: 'warning',
        title: `${capitalise(spec.description)} was written by a newer Switchboard`,
        message: `It was kept, unchanged, at ${moved.aside}. This version started with an empty one. Update Switchboard to use the kept file again.`,
      });
    } else {
      setAside(
        loaded.reason,
        loaded.reason === 'newer' ? 'was written by a newer Switchboard' : loaded.detail,
      );
    }
    backend = keepOffDisk ? memoryBackend(backend.path) : backends.open(spec.name);
    value = spec.empty();
  }

  const store: DocumentStore<T> = {
    path: backend.path,
    get: () => value,
    set: (next) => {
      const checked = spec.schema.parse(next);
      backend.write(stamp(spec, checked));
      value = checked;
    },
  };
  return { store, notices };
}

type Loaded<T> =
  { ok: true; value: T; migrated: boolean } | { ok: false; reason: 'corrupt' | 'newer'; detail: string };

function load<T>(raw: Record<string, unknown>, spec: DocumentSpec<T>): Loaded<T> {
  if (Object.keys(raw).length === 0) return { ok: true, value: spec.empty(), migrated: false };
  const stored = raw[VERSION_KEY];
  let version = typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : 0;
  if (version > spec.version) return { ok: false, reason: 'newer', detail: `schema version ${version}` };
  let data: Record<string, unknown> = { ...raw };
  delete data[VERSION_KEY];
  const migrated = version < spec.version;
  while (version < spec.version) {
    const step = spec.migrations.find((m) => m.from === version);
    if (step === undefined)
      return {
        ok: false,
        reason: 'corrupt',
        detail: `has schema version ${version}, which cannot be migrated`,
      };
    data = step.migrate(data);
    version += 1;
  }
  const parsed = spec.schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      reason: 'corrupt',
      detail: `does not have the expected shape (${first?.path.join('.') || 'root'}: ${first?.message ?? 'invalid'})`,
    };
  }
  return { ok: true, value: parsed.data, migrated };
}

function stamp<T>(spec: DocumentSpec<T>, value: T): Record<string, unknown> {
  return { [VERSION_KEY]: spec.version, ...(value as Record<string, unknown>) };
}

type MovedAside = { ok: true; aside: string } | { ok: false; problem: string };

/** Renames a damaged file (or a folder where the file should be) out of the way, keeping it whole. */
function moveAside(path: string, reason: string, at: Date): MovedAside {
  const stampText = at.toISOString().replace(/[:.]/g, '-');
  const aside = path.replace(/\.json$/, '') + `.${reason}-${stampText}.json`;
  try {
    fs.renameSync(path, aside);
    return { ok: true, aside };
  } catch (error) {
    return { ok: false, problem: osProblem(error) };
  }
}

/**
 * What was wrong with a file that could not be opened, in the user's words; undefined for errors
 * that are not about the file (a bug), which are rethrown.
 */
function unreadableDetail(error: unknown): string | undefined {
  if (error instanceof SyntaxError) return 'is not valid JSON';
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'EISDIR') return 'is a folder, not a file';
  return `could not be read (${osProblem(error)})`;
}

/** A document that cannot be kept on disk this run: changes live until Switchboard closes. */
function memoryBackend(path: string): StoreBackend {
  let data: Record<string, unknown> = {};
  return { path, read: () => data, write: (next) => void (data = next) };
}

function stuckNotice<T>(spec: DocumentSpec<T>, file: string, detail: string, problem: string): Notice {
  return {
    id: `store-corrupt-${spec.name}`,
    level: 'error',
    title: `${capitalise(spec.description)} could not be read`,
    message: `The file ${file} ${detail}, and it could not be moved aside (${problem}). Switchboard left it untouched and started with an empty one that is not saved. Fix or remove that file, then restart Switchboard.`,
  };
}

function corruptNotice<T>(spec: DocumentSpec<T>, aside: string, detail: string): Notice {
  return {
    id: `store-corrupt-${spec.name}`,
    level: 'error',
    title: `${capitalise(spec.description)} could not be read`,
    message: `The file ${detail}. It was moved aside, unchanged, to ${aside} so nothing is lost, and Switchboard started with an empty one. You can inspect or restore the old file from there.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
