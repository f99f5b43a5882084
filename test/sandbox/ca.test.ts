/**
 * The sandbox's CA can vouch for this computer only: whoever reads its key (it lies beside it in the
 * data folder) still cannot impersonate Microsoft to a TLS client that trusts the CA. Checked with
 * Node's own TLS, a certificate signed the way an attacker would sign it (with the key from disk).
 */
import { createPrivateKey, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CA_LIFETIME_DAYS, loadOrCreateTls } from '../../main/sandbox/ca';
import { startTestSandbox, type TestSandbox } from './helpers/sandbox';

const DAY = 86_400_000;
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ customers: 2 });
});
afterAll(() => sandbox.dispose());

/** Signs a server certificate for `names` with the CA's key from the data folder. */
async function forge(caPem: string, caKeyPem: string, dns: string[], ip: string[] = []) {
  const isRsa = createPrivateKey(caKeyPem).asymmetricKeyType === 'rsa';
  const keyAlg = isRsa
    ? {
        name: 'RSASSA-PKCS1-v1_5',
        hash: 'SHA-256',
        publicExponent: new Uint8Array([1, 0, 1]),
        modulusLength: 2048,
      }
    : { name: 'ECDSA', namedCurve: 'P-256' };
  const signAlg = isRsa ? keyAlg : { name: 'ECDSA', hash: 'SHA-256' };
  const der = Buffer.from(caKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const signingKey = await webcrypto.subtle.importKey('pkcs8', der, keyAlg, false, ['sign']);
  const keys = await webcrypto.subtle.generateKey(keyAlg, true, ['sign', 'verify']);
  const ca = new x509.X509Certificate(caPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0badc0de',
    subject: `CN=${dns[0] ?? ip[0] ?? 'x'}`,
    issuer: ca.subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + DAY),
    signingAlgorithm: signAlg,
    publicKey: keys.publicKey,
    signingKey,
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dns.map((value) => ({ type: 'dns' as const, value })),
        ...ip.map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  });
  const keyDer = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = `-----BEGIN PRIVATE KEY-----\n${keyDer.toString('base64')}\n-----END PRIVATE KEY-----\n`;
  return { cert: cert.toString('pem'), key };
}

/** What Node's TLS says when a client trusting only `caPem` connects to a server with `cert`. */
async function handshake(caPem: string, server: { cert: string; key: string }, servername: string) {
  const listener = tls.createServer({ cert: server.cert, key: server.key }, (s) => s.end());
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', () => resolve()));
  const port = (listener.address() as AddressInfo).port;
  try {
    return await new Promise<string>((resolve) => {
      const socket = tls.connect(
        {
          host: '127.0.0.1',
          port,
          ca: caPem,
          ...(/^[\d.]+$/.test(servername) ? {} : { servername }),
          checkServerIdentity: (_host, cert) => tls.checkServerIdentity(servername, cert) ?? undefined,
        },
        () => {
          resolve('accepted');
          socket.end();
        },
      );
      socket.on('error', (e) => resolve(`refused: ${e.message}`));
    });
  } finally {
    listener.close();
  }
}

describe('the sandbox CA', () => {
  it.each([
    ['login.microsoftonline.com', ['login.microsoftonline.com'], []],
    ['graph.microsoft.com', ['graph.microsoft.com'], []],
    ['management.azure.com', ['management.azure.com'], []],
    ['an intranet name', ['intranet'], []],
    ['another address, 10.0.0.1', [], ['10.0.0.1']],
  ])('cannot vouch for %s: Node’s TLS refuses what it signs', async (_, dns, ip) => {
    const caKey = fs.readFileSync(path.join(sandbox.dataDir, 'sandbox-ca-key.pem'), 'utf8');
    const forged = await forge(sandbox.caPem, caKey, dns, ip);
    const verdict = await handshake(sandbox.caPem, forged, dns[0] ?? ip[0] ?? '');
    expect(verdict).toMatch(/^refused: .*(permitted subtree|name constraint)/i);
  });

  it('still vouches for this computer: 127.0.0.1 and localhost', async () => {
    const caKey = fs.readFileSync(path.join(sandbox.dataDir, 'sandbox-ca-key.pem'), 'utf8');
    const local = await forge(sandbox.caPem, caKey, ['localhost'], ['127.0.0.1']);
    expect(await handshake(sandbox.caPem, local, 'localhost')).toBe('accepted');
    expect(await handshake(sandbox.caPem, local, '127.0.0.1')).toBe('accepted');
    // And the sandbox's own pages answer over it.
    expect((await sandbox.fetch(`${sandbox.baseUrl}/common/discovery/instance`)).status).toBeLessThan(500);
  });

  it('lives a short time and is made again before it runs out', async () => {
    const ca = new x509.X509Certificate(sandbox.caPem);
    const life = (ca.notAfter.getTime() - ca.notBefore.getTime()) / DAY;
    expect(life).toBeLessThanOrEqual(CA_LIFETIME_DAYS + 1);
    expect(ca.getExtension('2.5.29.30')?.critical).toBe(true);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ca-'));
    try {
      const first = await loadOrCreateTls(dir);
      expect((await loadOrCreateTls(dir, new Date(Date.now() + 30 * DAY))).caPem).toBe(first.caPem);
      const later = await loadOrCreateTls(dir, new Date(Date.now() + (CA_LIFETIME_DAYS - 10) * DAY));
      expect(later.caPem).not.toBe(first.caPem);
      const expired = await loadOrCreateTls(dir, new Date(Date.now() + 3 * CA_LIFETIME_DAYS * DAY));
      expect(expired.caPem).not.toBe(later.caPem);
      // The server certificate never outlives its CA.
      const leaf = new x509.X509Certificate(later.cert);
      expect(leaf.notAfter.getTime()).toBeLessThanOrEqual(
        new x509.X509Certificate(later.caPem).notAfter.getTime(),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces an older, unconstrained CA left in the data folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ca-'));
    try {
      const old = await generate([{ name: 'commonName', value: 'MSSP Switchboard sandbox CA' }], {
        keySize: 2048,
        notAfterDate: new Date(Date.now() + 3650 * DAY),
        algorithm: 'sha256',
        extensions: [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        ],
      });
      fs.writeFileSync(path.join(dir, 'sandbox-ca.pem'), old.cert);
      fs.writeFileSync(path.join(dir, 'sandbox-ca-key.pem'), old.private);
      const now = await loadOrCreateTls(dir);
      expect(now.caPem).not.toBe(old.cert);
      expect(new x509.X509Certificate(now.caPem).getExtension('2.5.29.30')).not.toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
