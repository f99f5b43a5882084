import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect as pwExpect, test as base, type Page } from '@playwright/test';
import type { FaultRuleInput } from '../../main/sandbox/faults';

export interface RunningHost {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts `main/web/cli.ts` exactly as `npm run start:web` does (after its build step) and waits for
 * its one line, `Switchboard: <url>`.
 */
export async function startHost(dataDir: string): Promise<RunningHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/web/cli.ts', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The browser host did not start: ${stderr}`)), 30_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /^Switchboard: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`The browser host exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Writes the settings an analyst would have chosen in Settings (the cloud and app registration). */
export function writeSettings(dataDir: string, cloudProfile: string, clientId: string | null = null): void {
  fs.writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ schemaVersion: 1, cloudProfile, clientId }),
  );
}

/**
 * Faults for the in-process sandbox, read when it starts (main/core/platform/cloud/sandbox-connector.ts):
 * arm them before the page first loads.
 */
export function armFaults(dataDir: string, rules: FaultRuleInput[]): void {
  fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'sandbox', 'faults.json'), JSON.stringify(rules));
}

export const test = base.extend<{ cloud: string; dataDir: string; host: RunningHost }>({
  // The public cloud unless a test chooses another (`test.use({ cloud: 'sandbox' })`): launching
  // there needs no sign-in, and the browser answers for the real portal at its edge.
  cloud: ['public', { option: true }],
  dataDir: async ({ cloud }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-'));
    writeSettings(dir, cloud);
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir }, use) => {
    const host = await startHost(dataDir);
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';

/**
 * Signs a sample partner user in through the sandbox's own sign-in page (Accounts, "Sign in with the
 * browser", pick the user, accept), as an analyst would, and waits for the account in the list.
 */
export async function signInOnSandboxPage(page: Page, user: RegExp): Promise<void> {
  await page.getByRole('tab', { name: 'Accounts' }).click();
  const [signInPage] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('button', { name: 'Sign in with the browser' }).click(),
  ]);
  await signInPage.getByRole('radio', { name: user }).check();
  await signInPage.getByRole('button', { name: 'Next' }).click();
  await signInPage.getByRole('button', { name: 'Accept' }).click();
  await pwExpect(signInPage.getByText('You are signed in to MSSP Switchboard')).toBeVisible();
  await signInPage.close();
}

/** Customers, "Sync now", and waits until the directory says it was read as `account`. */
export async function syncDirectoryAs(page: Page, account: RegExp): Promise<void> {
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await pwExpect(page.getByTestId('directory-age')).toContainText(account);
}
