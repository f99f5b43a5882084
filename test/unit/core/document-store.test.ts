import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { confBackends } from '../../../main/core/platform/persistence/conf-backend';
import { openDocument, type DocumentSpec } from '../../../main/core/platform/persistence/document-store';

interface Doc {
  readonly items: ReadonlyArray<{ readonly name: string; readonly colour: string }>;
}

// Version 2 added `colour` to every item (defaulting to "blue"); version 1 files must still open.
const SPEC: DocumentSpec<Doc> = {
  name: 'things',
  description: 'your things',
  version: 2,
  schema: z.object({ items: z.array(z.object({ name: z.string(), colour: z.string() })) }),
  empty: () => ({ items: [] }),
  migrations: [
    {
      from: 0,
      migrate: (d) => ({ items: (d.list as string[] | undefined)?.map((name) => ({ name })) ?? [] }),
    },
    {
      from: 1,
      migrate: (d) => ({ items: (d.items as { name: string }[]).map((i) => ({ ...i, colour: 'blue' })) }),
    },
  ],
};

let dir: string;
const file = (): string => path.join(dir, 'things.json');
const at = new Date('2026-11-22T10:42:00Z');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openDocument', () => {
  it('starts empty and keeps what was written across a reopen, stamped with its schema version', () => {
    const first = openDocument(confBackends(dir), SPEC);
    expect(first.store.get()).toEqual({ items: [] });
    first.store.set({ items: [{ name: 'a', colour: 'red' }] });
    const second = openDocument(confBackends(dir), SPEC);
    expect(second.store.get()).toEqual({ items: [{ name: 'a', colour: 'red' }] });
    expect(JSON.parse(fs.readFileSync(file(), 'utf8')).schemaVersion).toBe(2);
    expect(second.notices).toEqual([]);
  });

  it('migrates an old file step by step and saves the result', () => {
    fs.writeFileSync(file(), JSON.stringify({ list: ['old'] }));
    const { store, notices } = openDocument(confBackends(dir), SPEC);
    expect(store.get()).toEqual({ items: [{ name: 'old', colour: 'blue' }] });
    expect(notices).toEqual([]);
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual({
      schemaVersion: 2,
      items: [{ name: 'old', colour: 'blue' }],
    });
  });

  it('moves a file that is not JSON aside, keeps its bytes, starts empty and tells the user where it went', () => {
    fs.writeFileSync(file(), '{"items": [ truncated');
    const { store, notices } = openDocument(confBackends(dir), SPEC, () => at);
    expect(store.get()).toEqual({ items: [] });
    const aside = path.join(dir, 'things.corrupt-2026-11-22T10-42-00-000Z.json');
    expect(fs.readFileSync(aside, 'utf8')).toBe('{"items": [ truncated');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.level).toBe('error');
    expect(notices[0]?.message).toContain(aside);
    expect(notices[0]?.title).toBe('Your things could not be read');
  });

  it('treats JSON of the wrong shape the same way, never silently replacing it', () => {
    fs.writeFileSync(file(), JSON.stringify({ schemaVersion: 2, items: 'not a list' }));
    const { notices } = openDocument(confBackends(dir), SPEC, () => at);
    expect(notices[0]?.message).toMatch(/does not have the expected shape/);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('keeps a file from a newer Switchboard aside instead of downgrading it', () => {
    fs.writeFileSync(file(), JSON.stringify({ schemaVersion: 9, items: [], future: true }));
    const { store, notices } = openDocument(confBackends(dir), SPEC, () => at);
    expect(store.get()).toEqual({ items: [] });
    expect(notices[0]?.title).toMatch(/newer Switchboard/);
    const kept = fs.readdirSync(dir).find((f) => f.includes('.newer-'));
    expect(JSON.parse(fs.readFileSync(path.join(dir, kept ?? ''), 'utf8')).future).toBe(true);
  });

  it('writes atomically: a failed write leaves the previous file intact and readable', () => {
    const { store } = openDocument(confBackends(dir), SPEC);
    store.set({ items: [{ name: 'kept', colour: 'green' }] });
    const before = fs.readFileSync(file(), 'utf8');
    // A value the schema refuses is never written.
    expect(() => store.set({ items: [{ name: 'x' }] } as unknown as Doc)).toThrow();
    // A write that fails half-way (here: the directory became read-only) leaves the old file whole.
    fs.chmodSync(dir, 0o500);
    try {
      if (process.getuid?.() !== 0) expect(() => store.set({ items: [] })).toThrow();
    } finally {
      fs.chmodSync(dir, 0o700);
    }
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
    expect(store.get()).toEqual({ items: [{ name: 'kept', colour: 'green' }] });
    expect(fs.readdirSync(dir).filter((f) => f !== 'things.json')).toEqual([]);
  });
});
