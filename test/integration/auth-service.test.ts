import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../main/core/accounts/auth-service';
import { EncryptedTokenCache } from '../../main/core/accounts/token-cache';
import { UserFacingError } from '../../main/core/platform/errors';
import { MemoryOnlyCipher, type SecretCipher } from '../../main/core/platform/secrets/secret-cipher';
import { sampleKind } from '../../main/sandbox/state/sample';
import { sandboxCloud } from '../../shared/platform/cloud-profile';
import { tenantId } from '../../shared/platform/tenant-id';
import { scriptedBrowser, startTestSandbox, type TestSandbox } from '../sandbox/helpers/sandbox';

let sandbox: TestSandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 12 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-auth-'));
});
afterAll(async () => {
  await sandbox.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service(cipher: SecretCipher, upn: string): AuthService {
  return new AuthService({
    cloud: async () => ({
      profile: sandboxCloud(sandbox.baseUrl),
      caPem: sandbox.caPem,
      clientId: sandbox.publicClientId,
    }),
    cache: new EncryptedTokenCache(dir, cipher),
    openBrowser: scriptedBrowser(sandbox, upn).openBrowser,
  });
}

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
const customer = (kind: ReturnType<typeof sampleKind>) =>
  tenantId(
    sandbox.state.data.tenants.filter((t) => t.kind === 'customer').find((_, i) => sampleKind(i) === kind)
      ?.id ?? '',
  );

describe('tokens for customer tenants on the same account (the GDAP path)', () => {
  it('gets a customer-tenant token silently, and turns a refusal into a plain message for that customer', async () => {
    const auth = service(new MemoryOnlyCipher(), sandbox.upn('analyst'));
    const account = await auth.signInInteractive();
    const home = claims(await auth.token(account.homeAccountId, 'graph'));
    expect(home.tid).toBe(sandbox.partnerTenantId);
    const active = customer('active');
    expect(claims(await auth.token(account.homeAccountId, 'graph', active))).toMatchObject({
      tid: active,
      wids: [expect.any(String)],
    });
    const arm = claims(await auth.token(account.homeAccountId, 'arm', active));
    expect(arm.aud).toBe('https://management.azure.com');

    const expired = customer('expired');
    const refused = await auth.token(account.homeAccountId, 'graph', expired).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect((refused as UserFacingError).code).toBe('refused');
    expect((refused as UserFacingError).message).toMatch(
      /has no access to tenant .* \(AADSTS50020\)\. Through GDAP that needs an active relationship/,
    );
  });

  it('with real encryption the cache is written encrypted, and a restart signs in silently', async () => {
    // A stand-in for the OS keychain: reversible, but never plain text on disk.
    const cipher: SecretCipher = {
      isEncryptionAvailable: true,
      backendDescription: 'test keychain',
      encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
      decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
    };
    const first = service(cipher, sandbox.upn('responder'));
    const account = await first.signInInteractive();
    const onDisk = fs.readFileSync(path.join(dir, 'token-cache.bin'));
    expect(onDisk.toString('utf8')).not.toContain('refresh_token');
    expect(onDisk.toString('utf8')).not.toContain(sandbox.upn('responder'));

    const afterRestart = service(cipher, 'nobody');
    expect((await afterRestart.accounts()).map((a) => a.username)).toEqual([sandbox.upn('responder')]);
    expect(claims(await afterRestart.token(account.homeAccountId, 'graph')).upn).toBe(
      sandbox.upn('responder'),
    );
    expect(await afterRestart.signOut(account.homeAccountId)).toBe(true);
    expect(await afterRestart.accounts()).toEqual([]);
  });
});
