import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_START_URL, createOriginCheck, originOf, resolveDevUrl } from './origins';

describe('originOf', () => {
  it('gives app://honbu for app URLs, which Node alone reports as "null"', () => {
    expect(originOf('app://honbu/index.html')).toBe('app://honbu');
    expect(originOf('app://HONBU/x')).toBe('app://honbu');
    expect(APP_START_URL).toBe('app://honbu/index.html');
  });

  it('gives scheme://host:port for http(s)', () => {
    expect(originOf('http://127.0.0.1:5173/a?b')).toBe('http://127.0.0.1:5173');
    expect(originOf('https://example.com/x')).toBe('https://example.com');
  });

  it('gives null for schemes without a trusted origin and for garbage', () => {
    for (const url of ['file:///etc/passwd', 'data:text/html,x', 'about:blank', 'javascript:alert(1)', 'app:///x', 'not a url']) {
      expect(originOf(url)).toBeNull();
    }
  });
});

describe('resolveDevUrl', () => {
  it('accepts loopback http servers in development', () => {
    expect(resolveDevUrl('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173/');
    expect(resolveDevUrl(' http://localhost:5173/ ', false)).toBe('http://localhost:5173/');
    expect(resolveDevUrl('http://[::1]:5173', false)).toBe('http://[::1]:5173/');
  });

  it('ignores the variable in packaged builds', () => {
    expect(resolveDevUrl('http://127.0.0.1:5173', true)).toBeNull();
  });

  it('refuses remote hosts, https, credentials and non-URLs', () => {
    for (const value of [
      'http://example.com:5173',
      'http://192.168.1.10:5173',
      'http://127.0.0.1.evil.example',
      'https://127.0.0.1:5173',
      'file:///tmp/index.html',
      'http://user:pw@127.0.0.1:5173',
      'nonsense',
      '',
      undefined,
    ]) {
      expect(resolveDevUrl(value, false)).toBeNull();
    }
  });
});

describe('createOriginCheck', () => {
  it('allows only the app origin when there is no dev server', () => {
    const check = createOriginCheck(null);
    expect(check(APP_ORIGIN)).toBe(true);
    expect(check('http://127.0.0.1:5173')).toBe(false);
    expect(check(null)).toBe(false);
    expect(check('null')).toBe(false);
  });

  it('adds the dev server origin, and only that port', () => {
    const check = createOriginCheck('http://127.0.0.1:5173/');
    expect(check('http://127.0.0.1:5173')).toBe(true);
    expect(check('http://127.0.0.1:5174')).toBe(false);
    expect(check(APP_ORIGIN)).toBe(true);
  });
});
