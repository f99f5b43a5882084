import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../../../shared/launch/deep-link';
import type { TenantId } from '../../../shared/platform/tenant-id';
import {
  dockMenu,
  jumpListTasks,
  SWITCHER_ARGUMENT,
  wantsSwitcher,
  windowsArgument,
} from '../../../main/app/policy/launcher-menus';
import { customer } from './menu-customers';

const EXE = 'C:\\Program Files\\MSSP Switchboard\\MSSP Switchboard.exe';

describe('the Windows Jump List', () => {
  const customers = [
    customer(1, 'Woodgrove', { favourite: true }),
    customer(2, 'Contoso & Partners', { favourite: true }),
    customer(3, 'Recent only', { lastLaunchedAt: '2026-03-01T00:00:00.000Z' }),
  ];

  it('starts with "Switch tenant…" and lists favourites by name, each a switchboard:// launch link the strict parser accepts', () => {
    const tasks = jumpListTasks(customers, { executable: EXE });
    expect(tasks.map((t) => t.title)).toEqual(['Switch tenant…', 'Contoso & Partners', 'Woodgrove']);
    expect(tasks[0]).toMatchObject({
      program: EXE,
      arguments: SWITCHER_ARGUMENT,
      iconPath: EXE,
      iconIndex: 0,
    });
    const contoso = tasks[1]!;
    expect(contoso.arguments).toBe(
      'switchboard://launch/00000000-0000-4000-8000-000000000002?target=securityCopilot',
    );
    expect(contoso.description).toBe('Open Security Copilot in Contoso & Partners’s tenant');
    const known = new Set(customers.map((c) => c.tenantId as string));
    expect(parseDeepLink(contoso.arguments, (t: TenantId) => known.has(t))).toMatchObject({
      ok: true,
      action: 'launch',
      target: 'securityCopilot',
    });
  });

  it('puts the app folder first when Electron runs unpackaged, quoted as Windows reads it back', () => {
    const tasks = jumpListTasks(customers, { executable: EXE, leadingArgs: ['C:\\src\\my app'], limit: 1 });
    expect(tasks.map((t) => t.arguments)).toEqual([
      `"C:\\src\\my app" ${SWITCHER_ARGUMENT}`,
      '"C:\\src\\my app" switchboard://launch/00000000-0000-4000-8000-000000000002?target=securityCopilot',
    ]);
  });

  it('quotes arguments per CommandLineToArgvW', () => {
    expect(windowsArgument('plain')).toBe('plain');
    expect(windowsArgument('')).toBe('""');
    expect(windowsArgument('a b')).toBe('"a b"');
    expect(windowsArgument('say "hi"')).toBe('"say \\"hi\\""');
    expect(windowsArgument('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(windowsArgument('C:\\no\\space')).toBe('C:\\no\\space');
  });
});

describe('the macOS dock menu', () => {
  it('lists favourites by name, then "Switch tenant…"', () => {
    expect(
      dockMenu([
        customer(1, 'Woodgrove', { favourite: true }),
        customer(2, 'Adatum', { favourite: true }),
        customer(3, 'Other'),
      ]),
    ).toEqual([
      { kind: 'launch', label: 'Adatum', tenantId: '00000000-0000-4000-8000-000000000002' },
      { kind: 'launch', label: 'Woodgrove', tenantId: '00000000-0000-4000-8000-000000000001' },
      { kind: 'separator' },
      { kind: 'switchTenant', label: 'Switch tenant…' },
    ]);
    expect(dockMenu([])).toEqual([{ kind: 'switchTenant', label: 'Switch tenant…' }]);
    const many = Array.from({ length: 15 }, (_, i) => customer(i + 1, `C${i}`, { favourite: true }));
    expect(dockMenu(many).filter((i) => i.kind === 'launch')).toHaveLength(10);
  });
});

describe('wantsSwitcher', () => {
  it('finds --switch-tenant among Chromium switches, and nothing else', () => {
    expect(wantsSwitcher(['/opt/MSSP Switchboard/mssp-switchboard', '--no-sandbox', '--switch-tenant'])).toBe(
      true,
    );
    expect(wantsSwitcher(['app', '--switch-tenant=1', 'switchboard://launch/x', '--switch-tenants'])).toBe(
      false,
    );
    expect(wantsSwitcher([])).toBe(false);
  });
});
