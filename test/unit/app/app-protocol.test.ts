import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, isAppUrl, resolveAppFile } from '../../../main/app/policy/app-protocol';

const ROOT = path.resolve('/opt/switchboard/dist/renderer');

describe('resolveAppFile', () => {
  it('serves files of the built renderer, and index.html for the root and for in-app routes', () => {
    expect(resolveAppFile(ROOT, 'app://switchboard/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://switchboard/index.html')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://switchboard/assets/index-abc.js?v=1')).toBe(
      path.join(ROOT, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(ROOT, 'app://switchboard/customers')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://switchboard/my%20file.svg')).toBe(path.join(ROOT, 'my file.svg'));
  });

  it.each([
    'app://switchboard/assets/..%2f..%2f..%2fetc%2fpasswd.txt',
    'app://switchboard/..%5c..%5cwindows%5cwin.ini',
    'app://switchboard/a%00.js',
    'app://switchboard/%E0%A4%A',
    'app://evil/index.html',
    'app://user@switchboard/index.html',
    'file:///etc/passwd',
    'https://switchboard/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(ROOT, url)).toBeUndefined();
  });

  it('collapses encoded dot segments the way the URL parser does, inside the renderer folder', () => {
    expect(resolveAppFile(ROOT, 'app://switchboard/%2e%2e/%2e%2e/etc/passwd.txt')).toBe(
      path.join(ROOT, 'etc', 'passwd.txt'),
    );
  });

  it('never resolves outside the renderer folder, whatever the path', () => {
    for (const segment of ['..', '%2e%2e', '.%2e', '%2E.', '..%2f..', '...', '....//']) {
      const resolved = resolveAppFile(ROOT, `app://switchboard/${segment}/${segment}/secret.json`);
      if (resolved !== undefined) expect(resolved.startsWith(ROOT + path.sep)).toBe(true);
    }
  });
});

describe('isAppUrl', () => {
  it('is true only for app://switchboard', () => {
    expect(isAppUrl('app://switchboard/index.html')).toBe(true);
    expect(isAppUrl('app://switchboard:1/index.html')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('contentTypeOf', () => {
  it('names the renderer file types and falls back to opaque bytes', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.exe')).toBe('application/octet-stream');
  });
});
