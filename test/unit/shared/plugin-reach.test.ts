import { describe, expect, it } from 'vitest';
import { pluginReachFor } from '../../../shared/plugins/plugin-reach';

const byId = (path: Parameters<typeof pluginReachFor>[0]) =>
  new Map(pluginReachFor(path).map((r) => [r.plugin.id, r]));

describe('pluginReachFor', () => {
  it('GDAP reaches the supported plugins, partly Entra, and sends the rest to B2B', () => {
    const gdap = byId('gdap');
    expect(gdap.get('intune')?.reach).toBe('reached');
    expect(gdap.get('m365-defender')?.reach).toBe('reached');
    expect(gdap.get('entra')?.reach).toBe('partly');
    expect(gdap.get('sentinel')?.reach).toBe('not-reached');
    expect(gdap.get('sentinel')?.action).toMatch(/Reach Sentinel through B2B/);
  });

  it('a B2B guest reaches every plugin with nothing to do', () => {
    for (const r of pluginReachFor('b2b')) {
      expect(r.reach).toBe('reached');
      expect(r.action).toBe('');
    }
  });

  it('with both paths everything is reached, and the guest account is named where GDAP falls short', () => {
    const both = byId('both');
    expect([...both.values()].every((r) => r.reach === 'reached')).toBe(true);
    expect(both.get('sentinel')?.via).toBe('B2B guest only');
    expect(both.get('sentinel')?.action).toMatch(/guest account/);
    expect(both.get('intune')?.action).toBe('');
  });

  it('no access reaches nothing and says how to set access up', () => {
    for (const r of pluginReachFor('none')) {
      expect(r.reach).toBe('not-reached');
      expect(r.action).toMatch(/Set up access first/);
    }
  });
});
