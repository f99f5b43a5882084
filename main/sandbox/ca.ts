/**
 * The sandbox's certificate authority: made on first start and kept in the data folder, so a
 * restarted app still trusts the same CA. The server certificate (127.0.0.1 and localhost) is issued
 * by it at every start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface SandboxTls {
  readonly caPath: string;
  readonly caPem: string;
  readonly key: string;
  readonly cert: string;
}

export async function loadOrCreateTls(dataDir: string): Promise<SandboxTls> {
  fs.mkdirSync(dataDir, { recursive: true });
  const caPath = path.join(dataDir, 'sandbox-ca.pem');
  const caKeyPath = path.join(dataDir, 'sandbox-ca-key.pem');
  let caPem: string;
  let caKey: string;
  if (fs.existsSync(caPath) && fs.existsSync(caKeyPath)) {
    caPem = fs.readFileSync(caPath, 'utf8');
    caKey = fs.readFileSync(caKeyPath, 'utf8');
  } else {
    const ca = await generate([{ name: 'commonName', value: 'MSSP Switchboard sandbox CA' }], {
      keySize: 2048,
      notAfterDate: new Date(Date.now() + 3650 * 86_400_000),
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    caPem = ca.cert;
    caKey = ca.private;
    fs.writeFileSync(caKeyPath, caKey, { mode: 0o600 });
    fs.writeFileSync(caPath, caPem);
  }
  const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 30 * 86_400_000),
    algorithm: 'sha256',
    ca: { key: caKey, cert: caPem },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { caPath, caPem, key: leaf.private, cert: leaf.cert };
}
