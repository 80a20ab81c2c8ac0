/**
 * The one application window. Its webPreferences are the heart of the security model
 * (see docs/architecture.md, "Processes"), so they live in a pure function that tests pin down
 * value by value.
 */
import path from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';

export const WINDOW_TITLE = 'Honbu 本部';
// Matches the renderer's light background so the first paint does not flash.
const BACKGROUND_COLOR = '#f4f6f9';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Spell-checking would send typed text (names, addresses) to the OS dictionary service.
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  /** What to load: the app:// start page, or the checked development URL. */
  startUrl: string;
  /** Absolute path of the bundled preload; defaults to the file next to main.cjs. */
  preloadPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const preloadPath = options.preloadPath ?? path.join(__dirname, 'preload.cjs');
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: WINDOW_TITLE,
    // Shown only once painted, so the user never sees an empty white frame.
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.startUrl).catch((error: unknown) => {
    // Shown anyway so a failed start is visible instead of an app with no window; the
    // message holds only the URL and Chromium's error code, nothing from the workspace.
    console.error('Honbu: the renderer failed to load:', error instanceof Error ? error.message : error);
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  return win;
}
