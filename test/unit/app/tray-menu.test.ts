import { describe, expect, it } from 'vitest';
import { launchList, MENU_LIST_LIMIT, menuLabel, trayMenu } from '../../../main/app/policy/tray-menu';
import { customer } from './menu-customers';

const at = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;

const labels = (items: ReturnType<typeof trayMenu>): string[] =>
  items.map((i) => (i.kind === 'separator' ? '---' : i.kind === 'launch' ? `> ${i.label}` : i.label));

describe('the tray menu', () => {
  it('lists favourites by name first, then recent launches newest first, then the ways into the app', () => {
    const customers = [
      customer(1, 'Woodgrove Bank', { lastLaunchedAt: at(3) }),
      customer(2, 'contoso', { favourite: true, lastLaunchedAt: at(9) }),
      customer(3, 'Fabrikam', { lastLaunchedAt: at(8) }),
      customer(4, 'Adatum', { favourite: true }),
      customer(5, 'Never launched'),
    ];
    expect(labels(trayMenu(customers, { platform: 'linux', hotkey: 'CommandOrControl+Alt+K' }))).toEqual([
      'Favourites: open Security Copilot',
      '> Adatum',
      '> contoso',
      '---',
      'Recent',
      '> Fabrikam',
      '> Woodgrove Bank',
      '---',
      'Switch tenant…',
      'Open Switchboard',
      '---',
      'Quit Switchboard',
    ]);
  });

  it('launches by tenant ID, shows the hotkey beside "Switch tenant…" and leaves it out when the app does not hold one', () => {
    const items = trayMenu([customer(7, 'Contoso', { favourite: true })], {
      platform: 'win32',
      hotkey: 'CommandOrControl+Alt+K',
    });
    expect(items.find((i) => i.kind === 'launch')).toEqual({
      kind: 'launch',
      label: 'Contoso',
      tenantId: '00000000-0000-4000-8000-000000000007',
    });
    expect(items.find((i) => i.kind === 'action' && i.action === 'switchTenant')).toEqual({
      kind: 'action',
      action: 'switchTenant',
      label: 'Switch tenant…',
      accelerator: 'CommandOrControl+Alt+K',
    });
    const without = trayMenu([], { platform: 'win32' });
    expect(without.find((i) => i.kind === 'action' && i.action === 'switchTenant')).not.toHaveProperty(
      'accelerator',
    );
  });

  it('caps each list, and never lists a favourite twice', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      customer(i + 1, `Customer ${String(i + 1).padStart(2, '0')}`, {
        favourite: i % 2 === 0,
        lastLaunchedAt: at(1 + (i % 28)),
      }),
    );
    const { favourites, recents } = launchList(many);
    expect(favourites).toHaveLength(MENU_LIST_LIMIT);
    expect(recents).toHaveLength(MENU_LIST_LIMIT);
    expect(recents.every((c) => !c.favourite)).toBe(true);
    expect(favourites.map((c) => c.displayName)).toEqual(
      [1, 3, 5, 7, 9, 11, 13, 15, 17, 19].map((n) => `Customer ${String(n).padStart(2, '0')}`),
    );
    // Newest first: days 28, 26 (i = 27, 25), ...
    expect(recents[0]?.displayName).toBe('Customer 28');
    expect(trayMenu(many, { platform: 'linux', limit: 3 }).filter((i) => i.kind === 'launch')).toHaveLength(
      6,
    );
  });

  it('says how to fill it when there is nothing to list', () => {
    expect(labels(trayMenu([customer(1, 'Not launched yet')], { platform: 'darwin' }))).toEqual([
      'Star a customer to list it here',
      '---',
      'Switch tenant…',
      'Open Switchboard',
      '---',
      'Quit Switchboard',
    ]);
  });
});

describe('menuLabel', () => {
  it('doubles & where Windows and Linux menus would read it as a mnemonic', () => {
    expect(menuLabel('Smith & Jones', 'win32')).toBe('Smith && Jones');
    expect(menuLabel('Smith & Jones', 'linux')).toBe('Smith && Jones');
    expect(menuLabel('Smith & Jones', 'darwin')).toBe('Smith & Jones');
  });

  it('keeps a label to one short line', () => {
    expect(menuLabel('Line\nbreak\ttab', 'linux')).toBe('Line break tab');
    const long = menuLabel('A'.repeat(200), 'linux');
    expect(long).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
  });
});
