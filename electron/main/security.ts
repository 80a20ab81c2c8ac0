/**
 * Process-wide hardening: what the renderer may ask for, where it may go, and which
 * windows may exist. Everything takes its Electron objects as arguments so tests can
 * drive the handlers with fakes.
 */
import type { App, BrowserWindow, Session, Shell, WebContents } from 'electron';
import { DEV_CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { originOf, type OriginCheck } from './origins';

const MAX_EXTERNAL_URL = 2048;

/**
 * Links the user may follow out of the app: https pages and mail drafts. Never file:,
 * javascript:, custom schemes (they launch other programs) or http (readable on the wire).
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') return parsed.pathname !== '';
  if (parsed.protocol !== 'https:') return false;
  // Credentials in a link are a phishing trick ("https://bank.example@evil.example").
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/** The only permission the renderer ever needs; everything else (camera, location…) is refused. */
const GRANTABLE_PERMISSIONS = new Set(['notifications']);

export function isPermissionAllowed(permission: string, requestingUrl: string, isAllowedOrigin: OriginCheck): boolean {
  return GRANTABLE_PERMISSIONS.has(permission) && isAllowedOrigin(originOf(requestingUrl));
}

type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;

/**
 * Permissions denied by default, and, for the development server, the same CSP header
 * app:// sends, so code that breaks the policy fails in development too.
 */
export function hardenSession(session: HardenableSession, isAllowedOrigin: OriginCheck, devUrl: string | null): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, isAllowedOrigin));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, isAllowedOrigin),
  );

  const devOrigin = devUrl === null ? null : originOf(devUrl);
  if (devOrigin === null) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    if (originOf(details.url) !== devOrigin) {
      callback({});
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any policy the server sent so ours is the only one in force.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [DEV_CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * The renderer may not leave the app (navigation, redirects), open windows, or embed
 * <webview>s; links to https/mailto go to the user's browser or mail program instead.
 */
export function guardWebContents(
  contents: GuardedContents,
  shell: Pick<Shell, 'openExternal'>,
  isAllowedOrigin: OriginCheck,
): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedOrigin(originOf(event.url))) event.preventDefault();
  });
  // will-navigate covers only the main frame; subframes are checked here as well.
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedOrigin(originOf(event.url))) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedOrigin(originOf(event.url))) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      // Failing to start a browser is not worth crashing for; the user can copy the link.
      void shell.openExternal(url).catch(() => undefined);
    }
    return { action: 'deny' };
  });
}

/** Applies guardWebContents to every webContents the app ever creates, windows and frames alike. */
export function guardAllWebContents(
  app: Pick<App, 'on'>,
  shell: Pick<Shell, 'openExternal'>,
  isAllowedOrigin: OriginCheck,
): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, shell, isAllowedOrigin);
  });
}

/**
 * One Honbu per user session: two instances would write the same IndexedDB workspace.
 * Returns false when another instance already runs (the caller should quit); that one is
 * brought to the front instead.
 */
export function enforceSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  getWindow: () => BrowserWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const win = getWindow();
    if (win === null || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
