import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { DEV_CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { createOriginCheck } from './origins';
import {
  enforceSingleInstance,
  guardAllWebContents,
  guardWebContents,
  hardenSession,
  isPermissionAllowed,
  isSafeExternalUrl,
} from './security';

type Listener = (...args: unknown[]) => unknown;

/** Records listeners by event name, like an EventEmitter that lets tests fire them. */
function emitter() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    on: vi.fn((name: string, listener: Listener) => {
      listeners.set(name, listener);
    }),
    fire(name: string, ...args: unknown[]): unknown {
      const listener = listeners.get(name);
      if (listener === undefined) throw new Error(`no listener for ${name}`);
      return listener(...args);
    },
  };
}

function fakeContents() {
  const events = emitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: events.on,
    setWindowOpenHandler: vi.fn((handler: typeof openHandler) => {
      openHandler = handler;
    }),
  };
  const open = (url: string) => {
    if (openHandler === undefined) throw new Error('no window-open handler');
    return openHandler({ url });
  };
  return { contents, events, open };
}

function navEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

const isAllowed = createOriginCheck(null);

function guarded() {
  const fake = fakeContents();
  const shell = { openExternal: vi.fn(() => Promise.resolve()) };
  guardWebContents(fake.contents as unknown as Parameters<typeof guardWebContents>[0], shell, isAllowed);
  return { ...fake, shell };
}

describe('isSafeExternalUrl', () => {
  it.each(['https://www.ppc.go.jp/', 'https://example.com/a?b=c', 'mailto:soudan@example.jp'])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'app://honbu/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'smb://server/share',
    'https://bank.example@evil.example/',
    'mailto:',
    `https://example.com/${'a'.repeat(3000)}`,
    'not a url',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('guardWebContents', () => {
  it('denies every new window and opens only https/mailto links externally', () => {
    const { open, shell } = guarded();
    expect(open('https://www.ppc.go.jp/')).toEqual({ action: 'deny' });
    expect(open('mailto:soudan@example.jp')).toEqual({ action: 'deny' });
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('app://honbu/index.html')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://www.ppc.go.jp/'], ['mailto:soudan@example.jp']]);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: blocks other origins, allows ours', (name) => {
    const { events } = guarded();
    const foreign = navEvent('https://evil.example/');
    events.fire(name, foreign);
    expect(foreign.preventDefault).toHaveBeenCalledTimes(1);

    const file = navEvent('file:///etc/passwd');
    events.fire(name, file);
    expect(file.preventDefault).toHaveBeenCalledTimes(1);

    const devServer = navEvent('http://127.0.0.1:5173/');
    events.fire(name, devServer);
    expect(devServer.preventDefault).toHaveBeenCalledTimes(1);

    const own = navEvent('app://honbu/incidents/1');
    events.fire(name, own);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents <webview> attachment', () => {
    const { events } = guarded();
    const event = { preventDefault: vi.fn() };
    events.fire('will-attach-webview', event, {}, { src: 'https://example.com' });
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('is applied to every webContents the app creates', () => {
    const app = emitter();
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    guardAllWebContents(app as unknown as Parameters<typeof guardAllWebContents>[0], shell, isAllowed);
    const fake = fakeContents();
    app.fire('web-contents-created', {}, fake.contents);
    expect(fake.contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect([...fake.events.listeners.keys()].sort()).toEqual(
      ['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect'].sort(),
    );
  });
});

describe('permissions', () => {
  it('allows only notifications, only for our origin', () => {
    expect(isPermissionAllowed('notifications', 'app://honbu/index.html', isAllowed)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', isAllowed)).toBe(false);
    for (const permission of ['media', 'geolocation', 'midi', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial']) {
      expect(isPermissionAllowed(permission, 'app://honbu/index.html', isAllowed)).toBe(false);
    }
  });

  function hardened(devUrl: string | null) {
    let request: Listener | undefined;
    let check: Listener | undefined;
    let headers: Listener | undefined;
    const session = {
      setPermissionRequestHandler: vi.fn((h: Listener) => (request = h)),
      setPermissionCheckHandler: vi.fn((h: Listener) => (check = h)),
      webRequest: { onHeadersReceived: vi.fn((h: Listener) => (headers = h)) },
    };
    hardenSession(session as unknown as Parameters<typeof hardenSession>[0], createOriginCheck(devUrl), devUrl);
    return { session, request: () => request, check: () => check, headers: () => headers };
  }

  it('the session request handler denies camera, microphone, location and the like', () => {
    const { request } = hardened(null);
    const ask = (permission: string, requestingUrl = 'app://honbu/index.html'): unknown => {
      const callback = vi.fn();
      request()?.({}, permission, callback, { requestingUrl });
      return callback.mock.calls[0]?.[0];
    };
    expect(ask('media')).toBe(false);
    expect(ask('geolocation')).toBe(false);
    expect(ask('display-capture')).toBe(false);
    expect(ask('notifications')).toBe(true);
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
  });

  it('the session check handler answers the same way', () => {
    const { check } = hardened(null);
    expect(check()?.({}, 'geolocation', 'app://honbu', {})).toBe(false);
    expect(check()?.({}, 'notifications', 'app://honbu', {})).toBe(true);
  });

  it('adds no header hook without a dev server', () => {
    const { session } = hardened(null);
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled();
  });

  it('puts our CSP on dev-server responses, replacing the server’s, and leaves others alone', () => {
    const { headers } = hardened('http://127.0.0.1:5173/');
    const dev = vi.fn();
    headers()?.(
      { url: 'http://127.0.0.1:5173/src/main.tsx', responseHeaders: { 'content-security-policy': ['x'], 'Content-Type': ['text/javascript'] } },
      dev,
    );
    expect(dev).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/javascript'], 'Content-Security-Policy': [DEV_CONTENT_SECURITY_POLICY] },
    });

    const other = vi.fn();
    headers()?.({ url: 'https://example.com/', responseHeaders: {} }, other);
    expect(other).toHaveBeenCalledWith({});
  });
});

describe('enforceSingleInstance', () => {
  function fakeWindow(minimized: boolean) {
    return {
      isDestroyed: () => false,
      isMinimized: () => minimized,
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
    };
  }

  it('returns false when another instance holds the lock', () => {
    const app = { ...emitter(), requestSingleInstanceLock: vi.fn(() => false) };
    expect(enforceSingleInstance(app as unknown as Parameters<typeof enforceSingleInstance>[0], () => null)).toBe(false);
    expect(app.on).not.toHaveBeenCalled();
  });

  it('focuses (and restores) the existing window when a second instance starts', () => {
    const app = { ...emitter(), requestSingleInstanceLock: vi.fn(() => true) };
    const win = fakeWindow(true);
    const ok = enforceSingleInstance(
      app as unknown as Parameters<typeof enforceSingleInstance>[0],
      () => win as unknown as BrowserWindow,
    );
    expect(ok).toBe(true);
    app.fire('second-instance', {}, [], '/');
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
  });
});
