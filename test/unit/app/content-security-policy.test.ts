import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/platform/content-security-policy';

const directives = (policy: string): ReadonlyArray<string> =>
  policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '');

describe('the Content-Security-Policy the shells send', () => {
  it("is the renderer HTML's own policy, plus frame-ancestors (which only a header can carry)", () => {
    const html = fs.readFileSync(path.resolve('renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors'))).toEqual(
      directives(meta ?? ''),
    );
    expect(directives(CONTENT_SECURITY_POLICY)).toContain("frame-ancestors 'none'");
  });

  it('lets no script in from anywhere but the app itself', () => {
    expect(directives(CONTENT_SECURITY_POLICY)).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });
});
