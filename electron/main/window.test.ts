import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Listener = () => void;
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    static nextLoad: () => Promise<void> = () => Promise.resolve();
    readonly listeners = new Map<string, Listener>();
    readonly show = vi.fn();
    readonly loadURL = vi.fn((_url: string) => FakeBrowserWindow.nextLoad());
    readonly isDestroyed = vi.fn(() => false);
    readonly isVisible = vi.fn(() => false);
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    once(event: string, listener: Listener): this {
      this.listeners.set(event, listener);
      return this;
    }
  }
  return { BrowserWindow: FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }));

const { createMainWindow, secureWebPreferences, WINDOW_TITLE } = await import('./window');

describe('secureWebPreferences', () => {
  it('pins every security-relevant value', () => {
    const prefs = secureWebPreferences('/app/dist-electron/preload.cjs');
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
  });

  it('sets nothing else, so no looser option slips in unnoticed', () => {
    expect(Object.keys(secureWebPreferences('/p')).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.BrowserWindow.created.length = 0;
    electron.BrowserWindow.nextLoad = () => Promise.resolve();
  });

  it('creates a hidden 1280x800 window with the secure preferences and loads the start URL', () => {
    createMainWindow({ startUrl: 'app://honbu/index.html', preloadPath: '/x/preload.cjs' });
    const win = electron.BrowserWindow.created[0];
    expect(win).toBeDefined();
    if (win === undefined) return;
    expect(win.options).toMatchObject({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 700,
      title: WINDOW_TITLE,
      show: false,
    });
    expect(WINDOW_TITLE).toBe('Honbu 本部');
    expect(win.options['webPreferences']).toEqual(secureWebPreferences('/x/preload.cjs'));
    expect(win.loadURL).toHaveBeenCalledWith('app://honbu/index.html');
  });

  it('shows the window only once it is ready to show', () => {
    createMainWindow({ startUrl: 'app://honbu/index.html' });
    const win = electron.BrowserWindow.created[0];
    if (win === undefined) throw new Error('no window');
    expect(win.show).not.toHaveBeenCalled();
    win.listeners.get('ready-to-show')?.();
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('defaults the preload to preload.cjs next to the bundled main', () => {
    createMainWindow({ startUrl: 'app://honbu/index.html' });
    const prefs = electron.BrowserWindow.created[0]?.options['webPreferences'] as { preload: string };
    expect(prefs.preload.endsWith('preload.cjs')).toBe(true);
  });

  it('still shows the window when loading fails, so the failure is visible', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    electron.BrowserWindow.nextLoad = () => Promise.reject(new Error('ERR_CONNECTION_REFUSED'));
    createMainWindow({ startUrl: 'http://127.0.0.1:5173/' });
    const win = electron.BrowserWindow.created[0];
    if (win === undefined) throw new Error('no window');
    await vi.waitFor(() => expect(win.show).toHaveBeenCalledTimes(1));
    expect(error).toHaveBeenCalledWith('Honbu: the renderer failed to load:', 'ERR_CONNECTION_REFUSED');
    error.mockRestore();
  });
});
