import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

/** A fresh fake of the electron module per test, so each import of ./index starts clean. */
const state = vi.hoisted(() => {
  function makeElectron(options: { lock: boolean; isPackaged: boolean }) {
    const order: string[] = [];
    const appListeners = new Map<string, Listener>();
    let resolveReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      resolveReady = resolve;
    });
    const windows: FakeWindow[] = [];
    class FakeWindow {
      static getAllWindows = vi.fn(() => windows.filter((w) => !w.destroyed));
      destroyed = false;
      readonly webContents = { send: vi.fn() };
      readonly loadURL = vi.fn((_url: string) => Promise.resolve());
      readonly on = vi.fn();
      readonly once = vi.fn();
      readonly show = vi.fn();
      constructor(readonly options: Record<string, unknown>) {
        windows.push(this);
      }
      isDestroyed(): boolean {
        return this.destroyed;
      }
    }
    const electron = {
      app: {
        isPackaged: options.isPackaged,
        enableSandbox: vi.fn(() => order.push('enableSandbox')),
        requestSingleInstanceLock: vi.fn(() => options.lock),
        on: vi.fn((name: string, listener: Listener) => appListeners.set(name, listener)),
        whenReady: vi.fn(() => {
          order.push('whenReady');
          return ready;
        }),
        isReady: vi.fn(() => true),
        quit: vi.fn(),
        getAppPath: vi.fn(() => '/opt/honbu/resources/app.asar'),
        getName: vi.fn(() => 'Honbu'),
        getVersion: vi.fn(() => '0.1.0'),
        getPath: vi.fn((name: string) => `/home/u/${name}`),
        setAppUserModelId: vi.fn(),
      },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
        handle: vi.fn(),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          setCertificateVerifyProc: vi.fn(),
          webRequest: { onHeadersReceived: vi.fn() },
        },
      },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
      BrowserWindow: FakeWindow,
      dialog: { showSaveDialog: vi.fn() },
      Notification: Object.assign(vi.fn(), { isSupported: vi.fn(() => true) }),
      shell: { openExternal: vi.fn() },
    };
    return { electron, order, appListeners, windows, resolveReady, ready };
  }
  return { makeElectron, current: undefined as ReturnType<typeof makeElectron> | undefined };
});

// The factory runs once per file, so each export reads the current test's fake lazily.
vi.mock('electron', () => {
  const current = () => {
    if (state.current === undefined) throw new Error('state.current not set');
    return state.current.electron;
  };
  const names = ['app', 'protocol', 'session', 'ipcMain', 'Menu', 'BrowserWindow', 'dialog', 'Notification', 'shell'] as const;
  return Object.defineProperties(
    {},
    Object.fromEntries(names.map((name) => [name, { get: () => current()[name], enumerable: true }])),
  );
});

async function start(options: { lock?: boolean; isPackaged?: boolean } = {}) {
  const fake = state.makeElectron({ lock: options.lock ?? true, isPackaged: options.isPackaged ?? false });
  state.current = fake;
  vi.resetModules();
  await import('./index');
  return fake;
}

async function startReady(options: { lock?: boolean; isPackaged?: boolean } = {}) {
  const fake = await start(options);
  fake.resolveReady();
  await fake.ready;
  await vi.waitFor(() => expect(fake.windows.length).toBe(1));
  return fake;
}

interface MenuItem {
  label?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

describe('main entry', () => {
  beforeEach(() => {
    delete process.env['HONBU_DEV_URL'];
  });
  afterEach(() => {
    delete process.env['HONBU_DEV_URL'];
  });

  it('enables the sandbox and registers the app scheme before waiting for ready', async () => {
    const fake = await start();
    expect(fake.order).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'whenReady']);
    expect(fake.electron.protocol.registerSchemesAsPrivileged.mock.calls[0]).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false } }],
    ]);
    expect(fake.electron.protocol.handle).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('quits at once when another instance holds the lock', async () => {
    const fake = await start({ lock: false });
    expect(fake.electron.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('on ready: hardens the session, serves app://, registers IPC, sets a Japanese menu, opens the app', async () => {
    const fake = await startReady();
    const { electron } = fake;
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.ipcMain.handle.mock.calls.map(([channel]) => channel)).toEqual([
      'app:info',
      'file:save',
      'print:pdf',
      'notify:show',
      'menu:set-language',
      'sync:host-start',
      'sync:host-stop',
      'sync:host-status',
      'sync:trust-server',
      'file:stream-open',
      'file:stream-write',
      'file:stream-close',
      'vault:kdf',
    ]);
    // Certificates: a host nobody pinned is left to Chromium's own verification (-3).
    expect(electron.session.defaultSession.setCertificateVerifyProc).toHaveBeenCalledTimes(1);
    const verify = electron.session.defaultSession.setCertificateVerifyProc.mock.calls[0]?.[0] as (r: unknown, cb: (n: number) => void) => void;
    const verdicts: number[] = [];
    verify({ hostname: 'example.org', certificate: { data: 'not a certificate' } }, (n) => verdicts.push(n));
    expect(verdicts).toEqual([-3]);
    const menu = electron.Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItem[];
    expect(menu[0]?.label).toBe('ファイル');
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(fake.windows[0]?.loadURL).toHaveBeenCalledWith('app://honbu/index.html');
    expect(fake.appListeners.has('web-contents-created')).toBe(true);
  });

  it('menu commands reach the window’s renderer on the menu channel', async () => {
    const fake = await startReady();
    const menu = fake.electron.Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItem[];
    menu[0]?.submenu?.find((item) => item.label === 'ワークスペースをロック')?.click?.();
    expect(fake.windows[0]?.webContents.send).toHaveBeenCalledWith('menu:command', 'lock');
  });

  it('loads a loopback dev server when HONBU_DEV_URL is set and the app is not packaged', async () => {
    process.env['HONBU_DEV_URL'] = 'http://127.0.0.1:5173';
    const fake = await startReady();
    expect(fake.windows[0]?.loadURL).toHaveBeenCalledWith('http://127.0.0.1:5173/');
    expect(fake.electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
  });

  it('ignores HONBU_DEV_URL in a packaged app', async () => {
    process.env['HONBU_DEV_URL'] = 'http://127.0.0.1:5173';
    const fake = await startReady({ isPackaged: true });
    expect(fake.windows[0]?.loadURL).toHaveBeenCalledWith('app://honbu/index.html');
  });

  // index.ts reads the real process.platform; on macOS closing the last window keeps the app.
  it.skipIf(process.platform === 'darwin')('quits when the last window closes and re-creates a window on activate', async () => {
    const fake = await startReady();
    fake.appListeners.get('window-all-closed')?.();
    expect(fake.electron.app.quit).toHaveBeenCalledTimes(1);

    const first = fake.windows[0];
    if (first !== undefined) first.destroyed = true;
    fake.appListeners.get('activate')?.();
    expect(fake.windows).toHaveLength(2);
  });
});
