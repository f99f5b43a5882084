/**
 * The Linux packages keep Chromium's sandbox on: no desktop entry or action of ours starts the app
 * with --no-sandbox (electron-builder's AppRun adds it only where the kernel cannot sandbox).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const config = fs.readFileSync(path.resolve(__dirname, '../../../electron-builder.yml'), 'utf8');
/** The settings lines (comments removed). */
const settings = config
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('#'))
  .join('\n');

/** The block of a top-level key, up to the next top-level key. */
function section(name: string): string {
  const match = new RegExp(`^${name}:\\n((?:[ \\t]+.*\\n|\\n)*)`, 'm').exec(`${settings}\n`);
  return match?.[1] ?? '';
}

describe('electron-builder.yml', () => {
  it('starts nothing with --no-sandbox', () => {
    expect(settings).not.toContain('--no-sandbox');
  });

  it('gives the AppImage no default --no-sandbox in its main entry (executableArgs: [])', () => {
    expect(section('appImage')).toMatch(/^ {2}executableArgs: \[\]$/m);
  });

  it.each([
    ['appImage', 'AppRun --switch-tenant'],
    ['deb', '"/opt/MSSP Switchboard/mssp-switchboard" --switch-tenant'],
  ])('keeps the "Switch tenant" action of the %s package', (target, exec) => {
    const block = section(target);
    expect(block).toContain('Name: Switch tenant');
    expect(block).toContain(`Exec: ${exec.includes('"') ? `'${exec}'` : exec}`);
  });
});
