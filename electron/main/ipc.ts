/**
 * The main-process side of shared/ipc/contract.ts. Every channel goes through one guard:
 * the caller must be our window's top frame on our origin, and its argument must pass
 * the contract's validator, because a compromised renderer can send anything.
 */
import { deriveKdfBytes } from './kdf';
import path from 'node:path';
import type {
  BrowserWindow,
  IpcMain,
  IpcMainInvokeEvent,
  NotificationConstructorOptions,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import {
  IPC_CHANNELS,
  IPC_VALIDATORS,
  type AppInfo,
  type IpcChannel,
  type IpcContract,
  type Language,
} from '../../shared/ipc/contract';
import { originOf, type OriginCheck } from './origins';
import type { StreamSaver } from './stream-save';

export type IpcHandler<C extends IpcChannel> = (
  arg: IpcContract[C]['arg'],
) => Promise<IpcContract[C]['result']> | IpcContract[C]['result'];

export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

/** Channels served by sync-host.ts (the sync server this laptop may host). */
export type SyncHostChannel = 'sync:host-start' | 'sync:host-stop' | 'sync:host-status' | 'sync:trust-server';

export interface IpcHandlerDeps {
  getWindow: () => BrowserWindow | null;
  appInfo: () => AppInfo;
  /** The user's Documents folder, where save dialogs start. */
  documentsPath: () => string;
  showSaveDialog: (window: BrowserWindow | null, options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  writeFile: (file: string, data: string | Uint8Array, encoding?: 'utf8') => Promise<void>;
  notificationsSupported: () => boolean;
  showNotification: (options: NotificationConstructorOptions) => void;
  setMenuLanguage: (lang: Language) => void;
  /** Files written in chunks (stream-save.ts). */
  streams: StreamSaver;
}

// Inches; about 10 mm, which every office printer can reach.
const PDF_MARGIN = 0.4;

export function createIpcHandlers(deps: IpcHandlerDeps): Omit<IpcHandlers, SyncHostChannel> {
  const defaultPathFor = (name: string): string => {
    try {
      return path.join(deps.documentsPath(), name);
    } catch {
      // Some Linux desktops have no Documents folder; the dialog then starts in its own default.
      return name;
    }
  };

  const askWhereToSave = async (
    window: BrowserWindow | null,
    name: string,
    filters: SaveDialogOptions['filters'],
  ): Promise<string | null> => {
    const result = await deps.showSaveDialog(window, {
      defaultPath: defaultPathFor(name),
      ...(filters === undefined ? {} : { filters }),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
  };

  return {
    'app:info': () => deps.appInfo(),

    'file:save': async (req) => {
      const file = await askWhereToSave(deps.getWindow(), req.suggestedName, req.filters);
      if (file === null) return { saved: false };
      if (typeof req.data === 'string') await deps.writeFile(file, req.data, 'utf8');
      else await deps.writeFile(file, req.data);
      return { saved: true };
    },

    'file:stream-open': async (req) => {
      const file = await askWhereToSave(deps.getWindow(), req.suggestedName, req.filters);
      return { id: file === null ? null : await deps.streams.open(file) };
    },
    'file:stream-write': (req) => deps.streams.write(req.id, req.data),
    'file:stream-close': (req) => deps.streams.close(req.id, req.keep),

    'vault:kdf': (req) => deriveKdfBytes(req),

    'print:pdf': async (req) => {
      const window = deps.getWindow();
      if (window === null || window.isDestroyed()) throw new Error('ipc: no window to print');
      // Rendered before the dialog opens so what is saved is what the user asked to print.
      const pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        margins: { top: PDF_MARGIN, bottom: PDF_MARGIN, left: PDF_MARGIN, right: PDF_MARGIN },
      });
      const name = /\.pdf$/i.test(req.suggestedName) ? req.suggestedName : `${req.suggestedName}.pdf`;
      const file = await askWhereToSave(window, name, [{ name: 'PDF', extensions: ['pdf'] }]);
      if (file === null) return { saved: false };
      await deps.writeFile(file, pdf);
      return { saved: true };
    },

    'notify:show': (req) => {
      if (!deps.notificationsSupported()) return;
      deps.showNotification({ title: req.title, body: req.body });
    },

    'menu:set-language': (lang) => {
      deps.setMenuLanguage(lang);
    },
  };
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * Throws unless the message comes from the top frame of our window showing our origin:
 * not a subframe, not another window, not a page that navigated elsewhere.
 */
export function assertAllowedSender(
  event: SenderEvent,
  window: BrowserWindow | null,
  isAllowedOrigin: OriginCheck,
): void {
  const frame = event.senderFrame;
  const allowed =
    frame !== null &&
    frame !== undefined &&
    window !== null &&
    !window.isDestroyed() &&
    event.sender === window.webContents &&
    frame.parent === null &&
    !frame.detached &&
    isSameFrame(frame, window.webContents.mainFrame) &&
    isAllowedOrigin(originOf(frame.url));
  if (!allowed) throw new Error('ipc: sender not allowed');
}

type FrameId = Pick<BrowserWindow['webContents']['mainFrame'], 'processId' | 'routingId'>;

function isSameFrame(a: FrameId, b: FrameId): boolean {
  // Identity is not guaranteed across WebFrameMain wrappers; process + routing id is.
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

export interface IpcGuard {
  getWindow: () => BrowserWindow | null;
  isAllowedOrigin: OriginCheck;
}

/** Registers one guarded handler per contract channel; returns a function removing them all. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: IpcHandlers,
  guard: IpcGuard,
): () => void {
  const register = <C extends IpcChannel>(channel: C): void => {
    const validate = IPC_VALIDATORS[channel];
    const handler: IpcHandler<C> = handlers[channel];
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      assertAllowedSender(event, guard.getWindow(), guard.isAllowedOrigin);
      const arg = args[0];
      // Extra arguments mean the caller is not our preload; refuse rather than ignore.
      if (args.length > 1 || !validate(arg)) throw new Error(`ipc: invalid argument for ${channel}`);
      return handler(arg);
    });
  };
  for (const channel of IPC_CHANNELS) register(channel);
  return () => {
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
}
