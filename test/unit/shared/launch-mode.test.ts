import { describe, expect, it } from 'vitest';
import {
  browserCommand,
  DEFAULT_LAUNCH_MODE,
  describeLaunchMode,
  launchModeSchema,
} from '../../../shared/launch/launch-mode';

describe('launch modes', () => {
  it('opens a named Edge or Chrome profile, or a private window, with the URL as its own argument', () => {
    const profile = launchModeSchema.parse({
      mode: 'browserProfile',
      browser: 'edge',
      profileDirectory: 'Profile 2',
    });
    expect(browserCommand(profile, 'linux')).toMatchObject({ args: ['--profile-directory=Profile 2'] });
    expect(browserCommand(profile, 'linux').candidates[0]).toBe('/usr/bin/microsoft-edge');
    const incognito = launchModeSchema.parse({
      mode: 'browserProfile',
      browser: 'chrome',
      privateWindow: true,
    });
    expect(browserCommand(incognito, 'linux').args).toEqual(['--incognito']);
    expect(browserCommand({ ...incognito, browser: 'edge' }, 'linux').args).toEqual(['--inprivate']);
    expect(
      browserCommand(profile, 'win32', {
        PROGRAMFILES: 'C:\\Program Files',
        'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      }).candidates,
    ).toEqual([
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
    expect(browserCommand(profile, 'darwin')).toMatchObject({ macApp: 'Microsoft Edge' });
    expect(describeLaunchMode(profile)).toBe('Microsoft Edge, profile "Profile 2"');
    expect(describeLaunchMode(DEFAULT_LAUNCH_MODE)).toBe('the default browser');
  });

  it('refuses a profile folder that is a path or a switch, and a browser profile with nothing named', () => {
    for (const bad of [
      '../Default',
      'Profile/2',
      '--no-sandbox',
      '..',
      'a'.repeat(65),
      'Profile\n2',
      '--inprivate',
    ]) {
      const parsed = launchModeSchema.safeParse({ mode: 'browserProfile', profileDirectory: bad });
      expect(parsed.success, bad).toBe(false);
    }
    const nothing = launchModeSchema.safeParse({ mode: 'browserProfile' });
    expect(nothing.success).toBe(false);
    expect(nothing.error?.issues[0]?.message).toMatch(/name the profile folder/);
  });
});
