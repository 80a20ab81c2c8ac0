/**
 * The preload: the only bridge between the sandboxed renderer and main. It exposes one
 * small object, `window.honbu`, shaped by HonbuApi; it never hands the renderer
 * ipcRenderer itself or an IPC event object, which would reach far beyond this API.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import {
  API_CHANNELS,
  MENU_COMMAND_CHANNEL,
  MENU_COMMANDS,
  type HonbuApi,
  type MenuCommand,
} from '../../shared/ipc/contract';

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export type ApiIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** Builds `window.honbu` over the given ipcRenderer (a fake one in tests). */
export function createApi(ipc: ApiIpc): HonbuApi {
  const api = {
    /** Name, versions and the data folder, for the about box. */
    appInfo: () => ipc.invoke(API_CHANNELS.appInfo),
    /** Native save dialog, then writes the data; resolves `{saved:false}` if cancelled. */
    saveFile: (req) => ipc.invoke(API_CHANNELS.saveFile, req),
    /** Prints the current page to PDF (A4) and asks where to save it. */
    printToPdf: (req) => ipc.invoke(API_CHANNELS.printToPdf, req),
    /** OS notification (deadlines, reminders). */
    notify: (req) => ipc.invoke(API_CHANNELS.notify, req),
    /** Rebuilds the application menu in the given language. */
    setMenuLanguage: (lang) => ipc.invoke(API_CHANNELS.setMenuLanguage, lang),
    /** Starts the team sync server on this laptop (data under the app's data folder). */
    syncHostStart: (req) => ipc.invoke(API_CHANNELS.syncHostStart, req),
    /** Stops the sync server this laptop hosts; what it stored stays on disk. */
    syncHostStop: () => ipc.invoke(API_CHANNELS.syncHostStop),
    /** Whether this laptop hosts the sync server, where, and its LAN addresses. */
    syncHostStatus: () => ipc.invoke(API_CHANNELS.syncHostStatus),
    /** Pins a sync server's certificate (or watches which one it presents). */
    syncTrustServer: (req) => ipc.invoke(API_CHANNELS.syncTrustServer, req),
    /** Native save dialog for a file written in chunks; `{id:null}` if cancelled. */
    saveStreamOpen: (req) => ipc.invoke(API_CHANNELS.saveStreamOpen, req),
    /** Appends one chunk to the stream's file (in the order sent). */
    saveStreamWrite: (req) => ipc.invoke(API_CHANNELS.saveStreamWrite, req),
    /** Finishes the file (keep) or removes it (cancel). */
    saveStreamClose: (req) => ipc.invoke(API_CHANNELS.saveStreamClose, req),
    /** Argon2id of the passphrase, natively in main: the 32 key bytes (the caller wipes them). */
    kdf: (req) => ipc.invoke(API_CHANNELS.kdf, req),
    /**
     * Subscribes to application-menu commands; returns an unsubscribe function. Only the
     * command string reaches the listener, and only if it is a known MenuCommand.
     */
    onMenuCommand: (listener) => {
      const forward = (_event: IpcRendererEvent, command: unknown): void => {
        if (isMenuCommand(command)) listener(command);
      };
      ipc.on(MENU_COMMAND_CHANNEL, forward);
      return () => {
        ipc.removeListener(MENU_COMMAND_CHANNEL, forward);
      };
    },
  } satisfies HonbuApi;
  return api;
}

contextBridge.exposeInMainWorld('honbu', createApi(ipcRenderer));
