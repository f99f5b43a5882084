import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Agent, fetch } from 'undici';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm run sandbox -- --json ...` (tsx main/sandbox/cli.ts) and reads its one JSON line. */
async function startCli(args: string[]): Promise<{ summary: Record<string, unknown>; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { summary: JSON.parse(line) as Record<string, unknown>, stop: () => child.kill('SIGTERM') };
}

describe('npm run sandbox', () => {
  it('prints one JSON line with what a person needs, serves over HTTPS with its own CA, and keeps the CA across restarts', async () => {
    const first = await startCli(['--port', '0', '--data-dir', dataDir, '--customers', '3']);
    try {
      const s = first.summary;
      expect(Object.keys(s).sort()).toEqual([
        'automationClient',
        'baseUrl',
        'caPath',
        'partnerTenantId',
        'publicClientId',
        'users',
      ]);
      expect(s.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(s.caPath).toBe(path.join(dataDir, 'sandbox-ca.pem'));
      expect((s.users as Array<{ upn: string; description: string }>).map((u) => u.upn)).toContain(
        'ada.analyst@contosomssp.onmicrosoft.com',
      );
      expect(s.automationClient).toMatchObject({
        clientId: expect.any(String),
        clientSecret: expect.stringMatching(/^sbx~/),
      });
      const ca = fs.readFileSync(s.caPath as string, 'utf8');
      const res = await fetch(`${s.baseUrl as string}/common/discovery/instance`, {
        dispatcher: new Agent({ connect: { ca } }),
      });
      expect(res.status).toBe(200);
    } finally {
      first.stop();
    }
    const caBefore = fs.readFileSync(path.join(dataDir, 'sandbox-ca.pem'), 'utf8');
    const second = await startCli(['--data-dir', dataDir, '--customers', '3']);
    try {
      expect(fs.readFileSync(second.summary.caPath as string, 'utf8')).toBe(caBefore);
      const res = await fetch(`${second.summary.baseUrl as string}/common/discovery/instance`, {
        dispatcher: new Agent({ connect: { ca: caBefore } }),
      });
      expect(res.status).toBe(200);
    } finally {
      second.stop();
    }
  });

  it('refuses a bad option with a clear message and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--customers', 'many'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--customers needs a whole number from 0 to 10000, not "many"');
  });
});
