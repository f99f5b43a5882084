/**
 * The sandbox's certificate authority: made on first start and kept in the data folder, so a
 * restarted app still trusts the same CA. The server certificate (127.0.0.1, ::1 and localhost) is
 * issued by it at every start.
 *
 * The CA's key lies beside it, and a person may trust the CA in a browser to open the sandbox's
 * pages. So the CA can only ever vouch for this machine: X.509 name constraints (critical) permit
 * the names `localhost`, `127.0.0.1` and `::1` and nothing else, so a certificate it signed for
 * `login.microsoftonline.com` is refused by TLS clients that check constraints (Node, browsers). It
 * lives CA_LIFETIME_DAYS and is made again when less than a server certificate's life remains, or
 * when the CA on disk is an older, unconstrained one.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

export interface SandboxTls {
  readonly caPath: string;
  readonly caPem: string;
  readonly key: string;
  readonly cert: string;
}

/** How long a new CA lives. */
export const CA_LIFETIME_DAYS = 90;
/** How long a server certificate lives; the CA is renewed when less than this remains. */
const SERVER_CERT_LIFETIME_DAYS = 30;
/** The only names the CA may vouch for. */
const PERMITTED_NAMES = { dns: ['localhost'], ip: ['127.0.0.1', '::1'] } as const;

const NAME_CONSTRAINTS_OID = '2.5.29.30';
const DAY_MS = 86_400_000;
/** ECDSA P-256: quick to make at every start, and every TLS client takes it. */
const KEY = { name: 'ECDSA', namedCurve: 'P-256' };
const ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' };

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export async function loadOrCreateTls(dataDir: string, now: Date = new Date()): Promise<SandboxTls> {
  fs.mkdirSync(dataDir, { recursive: true });
  const caPath = path.join(dataDir, 'sandbox-ca.pem');
  const caKeyPath = path.join(dataDir, 'sandbox-ca-key.pem');
  let caPem: string;
  let caKey: string;
  if (
    fs.existsSync(caPath) &&
    fs.existsSync(caKeyPath) &&
    caStillGood(fs.readFileSync(caPath, 'utf8'), now)
  ) {
    caPem = fs.readFileSync(caPath, 'utf8');
    caKey = fs.readFileSync(caKeyPath, 'utf8');
  } else {
    const ca = await createCa(now);
    caPem = ca.cert;
    caKey = ca.private;
    fs.writeFileSync(caKeyPath, caKey, { mode: 0o600 });
    fs.writeFileSync(caPath, caPem);
  }
  // `mode` applies only when a file is created: a key renewed over an older file keeps that file's
  // mode, so the key is made owner-only every time.
  fs.chmodSync(caKeyPath, 0o600);
  const leaf = await issueServerCertificate(
    { caPem, caKey },
    { dns: ['localhost'], ip: ['127.0.0.1', '::1'] },
    now,
  );
  return { caPath, caPem, key: leaf.private, cert: leaf.cert };
}

/**
 * A CA on disk is kept while it is name-constrained and has at least a server certificate's life
 * left; otherwise (expiring, expired, unreadable, or an older unconstrained CA) it is made again.
 */
function caStillGood(pem: string, now: Date): boolean {
  try {
    const cert = new x509.X509Certificate(pem);
    if (!cert.getExtension(NAME_CONSTRAINTS_OID)) return false;
    return cert.notAfter.getTime() - now.getTime() >= SERVER_CERT_LIFETIME_DAYS * DAY_MS;
  } catch {
    return false;
  }
}

async function createCa(now: Date): Promise<{ cert: string; private: string }> {
  const keys = await webcrypto.subtle.generateKey(KEY, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=MSSP Switchboard sandbox CA (this computer only)',
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + CA_LIFETIME_DAYS * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.Extension(NAME_CONSTRAINTS_OID, true, nameConstraints(PERMITTED_NAMES)),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), private: await privatePem(keys.privateKey) };
}

/**
 * A server certificate for `names`, signed by the CA; the sandbox asks only for its own names.
 */
async function issueServerCertificate(
  ca: { readonly caPem: string; readonly caKey: string },
  names: { readonly dns: ReadonlyArray<string>; readonly ip: ReadonlyArray<string> },
  now: Date = new Date(),
): Promise<{ cert: string; private: string }> {
  const caCert = new x509.X509Certificate(ca.caPem);
  const signingKey = await webcrypto.subtle.importKey('pkcs8', pemBody(ca.caKey), KEY, false, ['sign']);
  const keys = await webcrypto.subtle.generateKey(KEY, true, ['sign', 'verify']);
  const notAfter = Math.min(now.getTime() + SERVER_CERT_LIFETIME_DAYS * DAY_MS, caCert.notAfter.getTime());
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names.ip[0] ?? names.dns[0] ?? 'localhost'}`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(notAfter),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey,
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.ip.map((value) => ({ type: 'ip' as const, value })),
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { cert: cert.toString('pem'), private: await privatePem(keys.privateKey) };
}

// --- DER for the NameConstraints extension (RFC 5280 4.2.1.10), permitted subtrees only ----------------

function der(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, (n >> 8) & 0xff, n & 0xff];
  return Uint8Array.from([tag, ...length, ...content]);
}

function concat(parts: ReadonlyArray<Uint8Array>): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function ipWithMask(ip: string): Uint8Array {
  if (ip.includes(':')) {
    // Only the forms the sandbox uses: '::1' style (a run of zeros, then groups).
    const [head = '', tail = ''] = ip.split('::');
    const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
    const h = groups(head);
    const t = groups(tail);
    const all = [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
    const bytes = all.flatMap((g) => [(g >> 8) & 0xff, g & 0xff]);
    return Uint8Array.from([...bytes, ...Array<number>(16).fill(0xff)]);
  }
  return Uint8Array.from([...ip.split('.').map(Number), 0xff, 0xff, 0xff, 0xff]);
}

/** NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees } of dNSName and iPAddress. */
function nameConstraints(names: {
  readonly dns: ReadonlyArray<string>;
  readonly ip: ReadonlyArray<string>;
}): ArrayBuffer {
  const subtrees = [
    ...names.dns.map((d) => der(0x30, der(0x82, new TextEncoder().encode(d)))),
    ...names.ip.map((ip) => der(0x30, der(0x87, ipWithMask(ip)))),
  ];
  const bytes = der(0x30, der(0xa0, concat(subtrees)));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

// --- small helpers --------------------------------------------------------------------------------------

function serial(): string {
  // A positive 16-byte serial (first bit clear).
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function pemBody(pem: string): ArrayBuffer {
  const b = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

async function privatePem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}
