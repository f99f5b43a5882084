/**
 * RS256 JSON Web Tokens as Microsoft identity issues them: a `kid` in the header naming a key
 * published at the tenant's JWKS endpoint. The key is kept in the data folder so tokens survive a
 * restart of the sandbox, as they survive Microsoft's key rollover window.
 */
import {
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPairSync,
  createHash,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public key as a JWK, as /discovery/v2.0/keys publishes it. */
  readonly jwk: Record<string, unknown>;
}

export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const file = path.join(dataDir, 'sandbox-signing-key.pem');
  let privateKey: KeyObject;
  if (fs.existsSync(file)) {
    privateKey = createPrivateKey(fs.readFileSync(file, 'utf8'));
  } else {
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(String(exported.n)).digest('base64url').slice(0, 27);
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: exported.n, e: exported.e },
  };
}

export function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid }));
  const payload = b64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${signer.sign(key.privateKey).toString('base64url')}`;
}

export type JwtCheck =
  | { readonly ok: true; readonly claims: Record<string, unknown> }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' };

/** Checks structure and signature only; the caller checks expiry, audience and tenant. */
export function verifyJwt(key: SigningKey, token: string): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)))
    return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  let head: { alg?: unknown; kid?: unknown };
  let claims: Record<string, unknown>;
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (head.alg !== 'RS256' || head.kid !== key.kid || typeof claims !== 'object' || claims === null) {
    return { ok: false, reason: 'signature' };
  }
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(key.publicKey, Buffer.from(signature, 'base64url')))
    return { ok: false, reason: 'signature' };
  return { ok: true, claims };
}

/** Reads a JWT's claims without checking it (for throttling keys and logs only). */
export function peekClaims(token: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
