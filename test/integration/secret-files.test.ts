/**
 * Files that hold secrets are readable by their owner only: the sandbox's saved state (it holds the
 * automation client's secret), the sandbox CA's key, MSAL's token cache, and every document and the
 * audit trail of the data folder (who works for which customer).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../main/core/audit/audit-log';
import { startSandbox } from '../../main/sandbox/server';
import { startBrowserApp } from '../../main/web/browser-app';
import { makeTestFolder, type TestFolder } from './helpers/data-folder';

let folder: TestFolder;
afterEach(() => folder.remove());

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

describe('files holding secrets', () => {
  it('keeps the sandbox state and its CA key owner-only, also when replacing a file others could read', async () => {
    folder = makeTestFolder('sb-secret-sandbox-');
    const previous = process.umask(0o022);
    try {
      const dir = folder.file('sandbox');
      const stateFile = path.join(dir, 'sandbox-state.json');
      const sandbox = await startSandbox({ dataDir: dir, persistState: true, customers: 2 });
      try {
        expect(modeOf(path.join(dir, 'sandbox-ca-key.pem'))).toBe(0o600);
        sandbox.state.save(stateFile);
        expect(modeOf(stateFile)).toBe(0o600);
        expect(fs.readFileSync(stateFile, 'utf8')).toContain(sandbox.automationClient.clientSecret);
        // A state file left world-readable by an older version is replaced by an owner-only one.
        fs.chmodSync(stateFile, 0o644);
        sandbox.state.save(stateFile);
        expect(modeOf(stateFile)).toBe(0o600);
      } finally {
        await sandbox.close();
      }
      // A CA key left readable by others (an older version, a copy) is owner-only after the next start.
      fs.chmodSync(path.join(dir, 'sandbox-ca-key.pem'), 0o644);
      const again = await startSandbox({ dataDir: dir, persistState: true, customers: 2 });
      await again.close();
      expect(modeOf(path.join(dir, 'sandbox-ca-key.pem'))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('keeps the documents, the audit trail and the lock of a data folder owner-only', async () => {
    folder = makeTestFolder('sb-secret-docs-');
    const previous = process.umask(0o022);
    const app = await startBrowserApp({
      dataDir: folder.dataDir,
      rendererDir: folder.rendererDir,
      version: 't',
      log: () => undefined,
    });
    try {
      await app.core.invoke('customers.add', {
        displayName: 'Contoso',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        accessPath: 'b2b',
      });
      expect(modeOf(folder.file('customers.json'))).toBe(0o600);
      expect(modeOf(folder.file('switchboard.lock'))).toBe(0o600);
      await new AuditLog(folder.dataDir).record(
        { account: 'ops@partner.example', tenantId: 'none', action: 'test' },
        async () => ({ status: 200, requestId: null }),
      );
      expect(modeOf(folder.file('audit.jsonl'))).toBe(0o600);
    } finally {
      await app.close();
      process.umask(previous);
    }
  });
});
