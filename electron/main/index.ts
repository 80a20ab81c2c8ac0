/**
 * Main-process entry: wires Electron's lifecycle to the window, protocol, security, IPC
 * and menu modules. No domain logic lives here (see docs/architecture.md, "Processes"), and
 * nothing from the workspace is ever logged.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, session, shell } from 'electron';
import { MENU_COMMAND_CHANNEL, type Language, type MenuCommand } from '../../shared/ipc/contract';
import { createIpcHandlers, registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { APP_SCHEME, APP_START_URL, createOriginCheck, resolveDevUrl } from './origins';
import { createAppProtocolHandler, registerAppScheme } from './protocol';
import { enforceSingleInstance, guardAllWebContents, hardenSession } from './security';
import { createMainWindow } from './window';
import { createSyncHost, createSyncHostHandlers } from './sync-host';
import { loadHostSmtp } from './host-smtp';
import { CertificatePins, fingerprintOfPem, loadOrCreateCertificate, VERIFY } from './sync-tls';
import { startSyncServer } from '../../server/sync-server';
import { createStreamSaver } from './stream-save';

// Both must happen before `ready`: sandboxing applies to every renderer created later,
// and scheme privileges cannot be granted once the app has started.
app.enableSandbox();
registerAppScheme(protocol);

const devUrl = resolveDevUrl(process.env['HONBU_DEV_URL'], app.isPackaged);
const isAllowedOrigin = createOriginCheck(devUrl);
const isMac = process.platform === 'darwin';

let mainWindow: BrowserWindow | null = null;
let menuLanguage: Language = 'ja';

const syncHost = createSyncHost({
  startSyncServer,
  dataDir: () => path.join(app.getPath('userData'), 'sync-host'),
  certificate: () => loadOrCreateCertificate(path.join(app.getPath('userData'), 'sync-host-tls')),
  networkInterfaces,
  smtp: () =>
    loadHostSmtp(path.join(app.getPath('userData'), 'smtp.json'), {
      read: (f) => fs.readFile(f, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err))),
      readSecret: (f) => readFileSync(f, 'utf8'),
      envPassword: process.env['HONBU_SMTP_PASSWORD'],
    }),
});
/** Files written in chunks (the printing vendor's file); unfinished ones are removed when the window goes. */
const streams = createStreamSaver({ open: (f, flags) => fs.open(f, flags), rename: fs.rename, unlink: fs.unlink });
/** Sync servers' certificates pinned through invites (sync-tls.ts). */
const certificatePins = new CertificatePins();

const getWindow = (): BrowserWindow | null =>
  mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;

function sendMenuCommand(command: MenuCommand): void {
  getWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

function applyMenu(lang: Language): void {
  menuLanguage = lang;
  const template = buildMenuTemplate(lang, { isPackaged: app.isPackaged, isMac, send: sendMenuCommand });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function openMainWindow(): void {
  const win = createMainWindow({ startUrl: devUrl ?? APP_START_URL });
  win.on('closed', () => {
    void streams.abortAll();
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
}

function onReady(): void {
  hardenSession(session.defaultSession, isAllowedOrigin, devUrl);
  // A pinned sync server must present exactly its pinned certificate; other hosts get Chromium's verdict.
  session.defaultSession.setCertificateVerifyProc((request, callback) => {
    let verdict: number = VERIFY.chromium;
    try {
      verdict = certificatePins.verify(request.hostname, fingerprintOfPem(request.certificate.data));
    } catch {
      verdict = VERIFY.chromium;
    }
    callback(verdict);
  });
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rootDir: path.join(app.getAppPath(), 'dist', 'renderer'),
      readFile: (file) => fs.readFile(file),
    }),
  );
  registerIpcHandlers(
    ipcMain,
    {
      ...createSyncHostHandlers(syncHost, certificatePins),
      ...createIpcHandlers({
        getWindow,
        appInfo: () => ({
          name: app.getName(),
          version: app.getVersion(),
          electron: process.versions.electron,
          chrome: process.versions.chrome,
          platform: process.platform,
          dataPath: app.getPath('userData'),
        }),
        documentsPath: () => app.getPath('documents'),
        showSaveDialog: (win, options) =>
          win === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(win, options),
        writeFile: (file, data, encoding) =>
          encoding === undefined ? fs.writeFile(file, data) : fs.writeFile(file, data, encoding),
        notificationsSupported: () => Notification.isSupported(),
        showNotification: (options) => new Notification(options).show(),
        setMenuLanguage: applyMenu,
        streams,
      }),
    },
    { getWindow, isAllowedOrigin },
  );
  applyMenu(menuLanguage);
  openMainWindow();
}

if (!enforceSingleInstance(app, getWindow)) {
  // Another Honbu already has the workspace open; it has been brought to the front.
  app.quit();
} else {
  // Windows shows notifications only for apps with a user model id matching the installer's.
  if (process.platform === 'win32') app.setAppUserModelId('jp.honbu.app');
  guardAllWebContents(app, shell, isAllowedOrigin);

  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  // A hosted sync server closes its logs before the app goes (nothing half-written).
  app.on('will-quit', (event) => {
    if (!syncHost.status().running) return;
    event.preventDefault();
    void syncHost.stop().finally(() => app.quit());
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error('Honbu: failed to start:', error instanceof Error ? error.message : error);
      app.quit();
    });
}
