import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { contentTypeFor, createAppProtocolHandler, registerAppScheme, resolveAppFile } from './protocol';

const ROOT = path.resolve('/opt/honbu/dist/renderer');

describe('resolveAppFile', () => {
  it('maps app://honbu paths into the renderer folder', () => {
    expect(resolveAppFile(ROOT, 'app://honbu/index.html')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://honbu/assets/x.js')).toBe(path.join(ROOT, 'assets', 'x.js'));
    expect(resolveAppFile(ROOT, 'app://honbu/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://honbu/assets/x.js?v=1#top')).toBe(path.join(ROOT, 'assets', 'x.js'));
    expect(resolveAppFile(ROOT, 'app://honbu/fonts/%E6%9C%AC.woff2')).toBe(path.join(ROOT, 'fonts', '本.woff2'));
  });

  it.each([
    ['plain traversal', 'app://honbu/../etc/passwd'],
    ['traversal inside the path', 'app://honbu/assets/../../etc/passwd'],
    ['encoded dots', 'app://honbu/%2e%2e/etc/passwd'],
    ['mixed encoded dots', 'app://honbu/assets/.%2E/.%2e/secret'],
    ['encoded slash', 'app://honbu/assets%2f..%2f..%2fetc%2fpasswd'],
    ['encoded backslash', 'app://honbu/assets%5c..%5csecret'],
    ['raw backslash', 'app://honbu/assets\\..\\secret'],
    ['absolute path via empty segment', 'app://honbu//etc/passwd'],
    ['windows drive', 'app://honbu/C:/Windows/win.ini'],
    ['encoded NUL', 'app://honbu/index.html%00.png'],
    ['malformed escape', 'app://honbu/%E6%9C'],
    ['single dot segment', 'app://honbu/./index.html'],
    ['other host', 'app://evil/index.html'],
    ['no host', 'app:///etc/passwd'],
    ['other scheme', 'file:///opt/honbu/dist/renderer/index.html'],
    ['https', 'https://honbu/index.html'],
    ['not a URL', 'index.html'],
  ])('rejects %s', (_name, url) => {
    expect(resolveAppFile(ROOT, url)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['argon2.wasm', 'application/wasm'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json'],
    ['favicon.ico', 'image/x-icon'],
    ['robots.txt', 'text/plain; charset=utf-8'],
    ['blob.bin', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('registerAppScheme', () => {
  it('registers app as standard and secure, fetchable, without CORS', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false } },
    ]);
  });
});

function enoent(): Error {
  return Object.assign(new Error('missing'), { code: 'ENOENT' });
}

describe('createAppProtocolHandler', () => {
  const files: Record<string, string> = {
    [path.join(ROOT, 'index.html')]: '<!doctype html>',
    [path.join(ROOT, 'assets', 'app.js')]: 'console.log(1)',
    [path.join(ROOT, 'assets', 'argon2.wasm')]: 'wasm',
  };
  const readFile = vi.fn(async (file: string): Promise<Uint8Array> => {
    const text = files[file];
    if (text === undefined) throw enoent();
    return new TextEncoder().encode(text);
  });
  const handler = createAppProtocolHandler({ rootDir: ROOT, readFile });
  const get = (url: string, method = 'GET'): Promise<Response> => handler(new Request(url, { method }));

  function expectSecurityHeaders(response: Response): void {
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  }

  it('serves files with their type and the security headers', async () => {
    const response = await get('app://honbu/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
    expectSecurityHeaders(response);

    const wasm = await get('app://honbu/assets/argon2.wasm');
    expect(wasm.headers.get('Content-Type')).toBe('application/wasm');
    expectSecurityHeaders(wasm);
  });

  it('falls back to index.html for client-side routes without an extension', async () => {
    const response = await get('app://honbu/incidents/42');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<!doctype html>');
    expectSecurityHeaders(response);
  });

  it('answers 404 with the security headers for missing files and traversal', async () => {
    const missing = await get('app://honbu/assets/missing.js');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);

    readFile.mockClear();
    // Request (like Chromium) already folds "%2e%2e/" away, so only encoded slashes reach us.
    const traversal = await get('app://honbu/assets%2f..%2f..%2fetc%2fpasswd');
    expect(traversal.status).toBe(404);
    expectSecurityHeaders(traversal);
    expect(readFile).not.toHaveBeenCalled();

    const otherHost = await get('app://elsewhere/index.html');
    expect(otherHost.status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://honbu/index.html', 'POST');
    expect(response.status).toBe(405);
    expectSecurityHeaders(response);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://honbu/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 500, not the file, on unexpected read errors', async () => {
    const failing = createAppProtocolHandler({
      rootDir: ROOT,
      readFile: () => Promise.reject(Object.assign(new Error('busy'), { code: 'EIO' })),
    });
    const response = await failing(new Request('app://honbu/index.html'));
    expect(response.status).toBe(500);
    expectSecurityHeaders(response);
  });
});
