import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confBackends } from '../../../main/core/platform/persistence/conf-backend';
import { createCore, type SwitchboardCore } from '../../../main/core/compose';
import { sandboxCloud } from '../../../shared/platform/cloud-profile';

const CONTOSO = {
  displayName: 'Contoso',
  tenantId: '72F988BF-86F1-41AF-91AB-2D7CD011DB47',
  accessPath: 'gdap',
  tags: ['retail'],
  notes: '',
};
const CONTOSO_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

let dir: string;
let opened: string[];
let handled: boolean;

function core(overrides: Partial<Parameters<typeof createCore>[0]> = {}): SwitchboardCore {
  return createCore({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    backends: confBackends(dir),
    opener: { open: async (url) => (opened.push(url), { handled }) },
    log: { error: () => undefined },
    ...overrides,
  });
}

/** Most tests launch in the public cloud; the sandbox cloud (the default) has tests of its own. */
function usePublicCloud(): void {
  fs.writeFileSync(
    path.join(dir, 'settings.json'),
    JSON.stringify({ schemaVersion: 1, cloudProfile: 'public', clientId: null }),
  );
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-core-'));
  usePublicCloud();
  opened = [];
  handled = true;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('customers through the contract', () => {
  it('adds a customer, keeps it across a restart, and tells listeners', async () => {
    const first = core();
    const events: unknown[] = [];
    first.onEvent((name, payload) => events.push([name, payload]));
    const added = await first.invoke('customers.add', CONTOSO);
    expect(added).toMatchObject({
      ok: true,
      value: { tenantId: CONTOSO_ID, displayName: 'Contoso', source: 'manual' },
    });
    expect(events).toHaveLength(1);
    const again = await core().invoke('customers.list', {});
    expect(again).toMatchObject({ ok: true, value: [{ tenantId: CONTOSO_ID, tags: ['retail'] }] });
  });

  it("answers the first screen with the list's first rows, in its order, and the tabs' counts", async () => {
    const c = core();
    const names = ['Zeta', 'alpha', 'Mid', 'beta', 'Omega'];
    for (const [i, name] of names.entries()) {
      await c.invoke('customers.add', {
        ...CONTOSO,
        displayName: name,
        tenantId: `10000000-0000-4000-8000-00000000000${i}`,
      });
    }
    await c.invoke('customers.setFavourite', {
      tenantId: '10000000-0000-4000-8000-000000000003',
      favourite: true,
    });
    const all = await c.invoke('customers.list', {});
    const first = await c.invoke('customers.firstScreen', { rows: 3 });
    if (!all.ok || !first.ok) throw new Error('expected answers');
    type Listed = ReadonlyArray<{ displayName: string }>;
    const allValue = all.value as Listed;
    const firstValue = first.value as { total: number; customers: Listed };
    expect(firstValue).toMatchObject({ total: 5, favourites: 1, recents: 0 });
    expect(firstValue.customers.map((x) => x.displayName)).toEqual(
      allValue.slice(0, 3).map((x) => x.displayName),
    );
    expect(firstValue.customers.map((x) => x.displayName)).toEqual(['alpha', 'beta', 'Mid']);
    expect(await c.invoke('customers.firstScreen', { rows: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await c.invoke('customers.firstScreen', { rows: '3' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('refuses a duplicate tenant ID and names the existing entry', async () => {
    const c = core();
    await c.invoke('customers.add', CONTOSO);
    const dup = await c.invoke('customers.add', { ...CONTOSO, displayName: 'Other', tenantId: CONTOSO_ID });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ field: 'tenantId' }] } });
    if (!dup.ok) expect(dup.error.message).toContain('already in your list as "Contoso"');
  });

  it.each([
    ['a domain', 'contoso.com'],
    ['an empty string', ''],
    ['a GUID with extra characters', `${CONTOSO_ID}0`],
    ['a redirect trick', 'x&redirect=https://evil.example'],
  ])('refuses %s as a tenant ID and saves nothing', async (_what, bad) => {
    const c = core();
    const result = await c.invoke('customers.add', { ...CONTOSO, tenantId: bad });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ field: 'tenantId' }] },
    });
    if (!result.ok) expect(result.error.message).toContain('A tenant ID is a GUID');
    expect(await c.invoke('customers.list', {})).toEqual({ ok: true, value: [] });
  });

  it('edits (including the tenant ID) and removes', async () => {
    const c = core();
    await c.invoke('customers.add', CONTOSO);
    const newId = '11111111-2222-4333-8444-555555555555';
    const updated = await c.invoke('customers.update', {
      tenantId: CONTOSO_ID,
      draft: { ...CONTOSO, tenantId: newId, accessPath: 'both' },
    });
    expect(updated).toMatchObject({ ok: true, value: { tenantId: newId, accessPath: 'both' } });
    expect(await c.invoke('customers.remove', { tenantId: CONTOSO_ID })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await c.invoke('customers.remove', { tenantId: newId })).toMatchObject({ ok: true });
    expect(await c.invoke('customers.list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses unknown commands and unexpected fields', async () => {
    const c = core();
    expect(await c.invoke('shell.exec', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await c.invoke('customers.add', { ...CONTOSO, isAdmin: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('isAdmin') },
    });
    expect(await c.invoke('customers.list', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('favourites and recents', () => {
  it('pins a customer, keeps the pin across a restart, and records each launch for Recent', async () => {
    const now = { value: new Date('2026-11-22T10:00:00.000Z') };
    const c = core({ now: () => now.value });
    await c.invoke('customers.add', CONTOSO);
    expect(await c.invoke('customers.setFavourite', { tenantId: CONTOSO_ID, favourite: true })).toMatchObject(
      {
        ok: true,
        value: { favourite: true, lastLaunchedAt: null },
      },
    );
    now.value = new Date('2026-11-22T10:42:00.000Z');
    await c.invoke('launch.open', { tenantId: CONTOSO_ID, target: 'securityCopilot' });
    const again = await core().invoke('customers.list', {});
    expect(again).toMatchObject({
      ok: true,
      value: [{ tenantId: CONTOSO_ID, favourite: true, lastLaunchedAt: '2026-11-22T10:42:00.000Z' }],
    });
  });

  it('a launch that is refused is not recorded as recent', async () => {
    const c = core();
    await c.invoke('customers.add', CONTOSO);
    const failing = core({ opener: { open: async () => Promise.reject(new Error('no browser')) } });
    expect(
      (await failing.invoke('launch.open', { tenantId: CONTOSO_ID, target: 'securityCopilot' })).ok,
    ).toBe(false);
    expect(await core().invoke('customers.list', {})).toMatchObject({ value: [{ lastLaunchedAt: null }] });
  });

  it('reads a customer list saved before favourites existed (schema 1) and keeps every customer', async () => {
    fs.writeFileSync(
      path.join(dir, 'customers.json'),
      JSON.stringify({
        schemaVersion: 1,
        customers: [
          {
            tenantId: CONTOSO_ID,
            displayName: 'Contoso',
            accessPath: 'gdap',
            tags: [],
            notes: 'kept',
            source: 'manual',
            addedAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    expect(await core().invoke('customers.list', {})).toMatchObject({
      ok: true,
      value: [{ tenantId: CONTOSO_ID, notes: 'kept', favourite: false, lastLaunchedAt: null }],
    });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'customers.json'), 'utf8')).schemaVersion).toBe(2);
  });

  it('refuses a favourite flag that is not a boolean', async () => {
    const c = core();
    await c.invoke('customers.add', CONTOSO);
    expect(
      await c.invoke('customers.setFavourite', { tenantId: CONTOSO_ID, favourite: 'yes' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('launch through the contract', () => {
  it('opens exactly the tenant-explicit Security Copilot URL of a known customer', async () => {
    const c = core();
    await c.invoke('customers.add', CONTOSO);
    const result = await c.invoke('launch.open', { tenantId: CONTOSO_ID, target: 'securityCopilot' });
    expect(result).toEqual({
      ok: true,
      value: { url: `https://securitycopilot.microsoft.com/?tenantId=${CONTOSO_ID}`, openedBy: 'shell' },
    });
    expect(opened).toEqual([`https://securitycopilot.microsoft.com/?tenantId=${CONTOSO_ID}`]);
  });

  it('hands the URL back to the page when the shell cannot open it (browser host)', async () => {
    handled = false;
    const c = core();
    await c.invoke('customers.add', CONTOSO);
    expect(await c.invoke('launch.open', { tenantId: CONTOSO_ID, target: 'securityCopilot' })).toMatchObject({
      ok: true,
      value: { openedBy: 'page' },
    });
  });

  it('opens nothing for an unknown customer, a bad tenant ID or an unknown target', async () => {
    const c = core();
    await c.invoke('customers.add', CONTOSO);
    expect(
      await c.invoke('launch.open', {
        tenantId: '11111111-2222-4333-8444-555555555555',
        target: 'securityCopilot',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await c.invoke('launch.open', { tenantId: `${CONTOSO_ID}&x=1`, target: 'securityCopilot' }),
    ).toMatchObject({ ok: false });
    expect(
      await c.invoke('launch.open', { tenantId: CONTOSO_ID, target: 'https://evil.example' }),
    ).toMatchObject({ ok: false });
    expect(opened).toEqual([]);
  });

  it('in the sandbox cloud opens the sandbox stand-in of the same URL', async () => {
    let started = 0;
    const c = core({
      sandbox: {
        start: async () => (
          started++,
          {
            profile: sandboxCloud('https://127.0.0.1:8443'),
            caPem: 'CA',
            publicClientId: 'app',
            close: async () => undefined,
          }
        ),
      },
    });
    await c.invoke('settings.update', { cloudProfile: 'sandbox', clientId: null });
    await c.invoke('customers.add', CONTOSO);
    expect(c.activeProfile()).toBeUndefined();
    await c.invoke('launch.open', { tenantId: CONTOSO_ID, target: 'securityCopilot' });
    await c.invoke('launch.open', { tenantId: CONTOSO_ID, target: 'securityCopilot' });
    expect(opened).toEqual([
      `https://127.0.0.1:8443/portals/securitycopilot.microsoft.com/?tenantId=${CONTOSO_ID}`,
      `https://127.0.0.1:8443/portals/securitycopilot.microsoft.com/?tenantId=${CONTOSO_ID}`,
    ]);
    expect(started).toBe(1);
    expect(c.activeProfile()?.id).toBe('sandbox');
  });
});

describe('settings', () => {
  it('starts on the sandbox cloud with no app registration, and says so when no sandbox is shipped', async () => {
    fs.rmSync(path.join(dir, 'settings.json'));
    const c = core();
    expect(await c.invoke('settings.get', {})).toEqual({
      ok: true,
      value: { cloudProfile: 'sandbox', clientId: null, globalHotkey: null },
    });
    expect(await c.invoke('app.info', {})).toMatchObject({ value: { profile: { id: 'sandbox' } } });
    await c.invoke('customers.add', CONTOSO);
    expect(await c.invoke('launch.open', { tenantId: CONTOSO_ID, target: 'securityCopilot' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/sandbox is not part of this build/) },
    });
    expect(opened).toEqual([]);
  });

  it('keeps a chosen cloud and client ID across a restart and tells listeners', async () => {
    const c = core();
    const events: unknown[] = [];
    c.onEvent((name, payload) => events.push([name, payload]));
    const saved = await c.invoke('settings.update', {
      cloudProfile: 'usgov',
      clientId: ' 1B730954-1685-4B74-9BFD-DAC224A7B894 ',
    });
    const usgov = {
      cloudProfile: 'usgov',
      clientId: '1b730954-1685-4b74-9bfd-dac224a7b894',
      globalHotkey: null,
    };
    expect(saved).toEqual({ ok: true, value: usgov });
    expect(events).toEqual([['settings.changed', usgov]]);
    expect(await core().invoke('settings.get', {})).toMatchObject({ value: { cloudProfile: 'usgov' } });
    expect(core().activeProfile()?.authorityHost).toBe('https://login.microsoftonline.us');
  });

  it('keeps a chosen switcher hotkey, written canonically, when other settings are saved without it; refuses a bare key', async () => {
    const c = core();
    expect(
      await c.invoke('settings.update', {
        cloudProfile: 'sandbox',
        clientId: null,
        globalHotkey: ' ctrl + shift + space ',
      }),
    ).toMatchObject({ ok: true, value: { globalHotkey: 'Control+Shift+Space' } });
    expect(await c.invoke('settings.update', { cloudProfile: 'public', clientId: null })).toMatchObject({
      value: { globalHotkey: 'Control+Shift+Space' },
    });
    const bare = await c.invoke('settings.update', {
      cloudProfile: 'public',
      clientId: null,
      globalHotkey: 'K',
    });
    expect(bare).toMatchObject({
      ok: false,
      error: {
        issues: [
          { field: 'globalHotkey', message: expect.stringMatching(/would take K from every other app/) },
        ],
      },
    });
    expect(await core().invoke('settings.get', {})).toMatchObject({
      value: { globalHotkey: 'Control+Shift+Space' },
    });
  });

  it.each([
    [{ cloudProfile: 'public', clientId: 'contoso.com' }, 'clientId', /is not a client ID/],
    [{ cloudProfile: 'public', clientId: '' }, 'clientId', /client ID is empty/],
    [{ cloudProfile: 'mars', clientId: null }, 'cloudProfile', /Choose a cloud/],
  ])('refuses %j and keeps the saved settings', async (input, field, message) => {
    const c = core();
    const result = await c.invoke('settings.update', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field }] } });
    expect(!result.ok && result.error.issues?.[0]?.message).toMatch(message);
    expect(await core().invoke('settings.get', {})).toMatchObject({
      value: { cloudProfile: 'public', clientId: null },
    });
  });
});

describe('notices', () => {
  it('a corrupt customer file becomes a notice in app.info, which can be dismissed', async () => {
    fs.writeFileSync(path.join(dir, 'customers.json'), 'not json at all');
    const c = core();
    const info = await c.invoke('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { notices: [{ id: 'store-corrupt-customers', level: 'error' }] },
    });
    expect(await c.invoke('app.dismissNotice', { id: 'store-corrupt-customers' })).toEqual({
      ok: true,
      value: { dismissed: true },
    });
    expect(await c.invoke('app.info', {})).toMatchObject({ ok: true, value: { notices: [] } });
  });
});
