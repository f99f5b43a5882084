import fs from 'node:fs';
import type { z } from 'zod';
import type { Notice } from '../../../../shared/contract/contract';
import type { StoreBackend, StoreBackends } from './store-backend';

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
  try {
    backend = backends.open(spec.name);
    raw = backend.read();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const aside = moveAside(backends.pathOf(spec.name), 'corrupt', now());
    notices.push(corruptNotice(spec, aside, 'is not valid JSON'));
    backend = backends.open(spec.name);
    raw = {};
  }

  let value: T;
  const loaded = load(raw, spec);
  if (loaded.ok) {
    value = loaded.value;
    if (loaded.migrated) backend.write(stamp(spec, value));
  } else {
    const aside = moveAside(backend.path, loaded.reason, now());
    notices.push(
      loaded.reason === 'newer'
        ? {
            id: `store-newer-${spec.name}`,
            level: 'warning',
            title: `${capitalise(spec.description)} was written by a newer Switchboard`,
            message: `It was kept, unchanged, at ${aside}. This version started with an empty one. Update Switchboard to use the kept file again.`,
          }
        : corruptNotice(spec, aside, loaded.detail),
    );
    backend = backends.open(spec.name);
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

function moveAside(path: string, reason: string, at: Date): string {
  const stampText = at.toISOString().replace(/[:.]/g, '-');
  const aside = path.replace(/\.json$/, '') + `.${reason}-${stampText}.json`;
  fs.renameSync(path, aside);
  return aside;
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
