import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Client } from '@microsoft/microsoft-graph-client';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dispatcherTrusting,
  graphFetchOptions,
  TrustingNetworkClient,
} from '../../main/core/platform/cloud/transport';

// A local HTTPS server whose certificate is signed by a CA made for this test, as the sandbox's is.
let server: https.Server;
let origin: string;
let caPem: string;
let otherCaPem: string;
const seen: Array<{ url: string; authorization: string | undefined }> = [];

async function makeCa(name: string) {
  return generate([{ name: 'commonName', value: name }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
}

beforeAll(async () => {
  const ca = await makeCa('Switchboard test CA');
  caPem = ca.cert;
  otherCaPem = (await makeCa('Some other CA')).cert;
  const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  server = https.createServer({ key: leaf.private, cert: leaf.cert }, (req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    res.setHeader('X-Custom', 'yes');
    if (req.url === '/not-json') return res.end('<html>proxy</html>');
    res.end(JSON.stringify({ displayName: 'Ada Analyst', path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('trusting the sandbox CA by injection', () => {
  it('MSAL’s network client reaches the server with the CA and reads its JSON and headers', async () => {
    const client = new TrustingNetworkClient(dispatcherTrusting(caPem));
    const response = await client.sendGetRequestAsync<{ displayName: string }>(`${origin}/common/discovery`);
    expect(response.status).toBe(200);
    expect(response.body.displayName).toBe('Ada Analyst');
    expect(response.headers['x-custom']).toBe('yes');
    const post = await client.sendPostRequestAsync<{ path: string }>(`${origin}/token`, { body: 'a=b' });
    expect(post.body.path).toBe('/token');
  });

  it('refuses the server without the CA, or with another CA: nothing weakens TLS', async () => {
    await expect(new TrustingNetworkClient(undefined).sendGetRequestAsync(`${origin}/x`)).rejects.toThrow();
    await expect(
      new TrustingNetworkClient(dispatcherTrusting(otherCaPem)).sendGetRequestAsync(`${origin}/x`),
    ).rejects.toThrow();
  });

  it('turns a body that is not JSON into an OAuth-style error instead of crashing MSAL', async () => {
    const response = await new TrustingNetworkClient(dispatcherTrusting(caPem)).sendGetRequestAsync<{
      error: string;
      error_description: string;
    }>(`${origin}/not-json`);
    expect(response.body.error).toBe('invalid_response');
    expect(response.body.error_description).toMatch(/not JSON/);
  });

  it('the Graph client sends the token to the sandbox host through the trusting dispatcher', async () => {
    const graph = Client.initWithMiddleware({
      authProvider: { getAccessToken: async () => 'token-for-test' },
      baseUrl: `${origin}/graph/`,
      customHosts: new Set(['127.0.0.1']),
      fetchOptions: graphFetchOptions(dispatcherTrusting(caPem)),
    });
    const me = (await graph.api('/me').get()) as { displayName: string; path: string };
    expect(me).toEqual({ displayName: 'Ada Analyst', path: '/graph/v1.0/me' });
    expect(seen.at(-1)?.authorization).toBe('Bearer token-for-test');
  });
});
