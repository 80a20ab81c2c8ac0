import path from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, type AppInfo, type IpcChannel } from '../../shared/ipc/contract';
import { createIpcHandlers, registerIpcHandlers, type IpcHandlerDeps, type IpcHandlers } from './ipc';
import { createOriginCheck } from './origins';

interface FakeFrame {
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
  detached: boolean;
  url: string;
}

function fakeWindow() {
  const mainFrame: FakeFrame = { processId: 7, routingId: 1, parent: null, detached: false, url: 'app://honbu/index.html' };
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
  const webContents = { mainFrame, printToPDF: vi.fn(() => Promise.resolve(pdf)) };
  const win = { webContents, isDestroyed: () => false };
  return { win: win as unknown as BrowserWindow, webContents, mainFrame, pdf };
}

type InvokeListener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const { win, webContents, mainFrame } = fakeWindow();
  const registered = new Map<string, InvokeListener>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: InvokeListener) => {
      registered.set(channel, listener);
    }),
    removeHandler: vi.fn(),
  };
  const handlers = {
    'app:info': vi.fn(() => ({ name: 'Honbu' }) as AppInfo),
    'file:save': vi.fn(() => ({ saved: true })),
    'print:pdf': vi.fn(() => ({ saved: true })),
    'notify:show': vi.fn(),
    'menu:set-language': vi.fn(),
    'sync:host-start': vi.fn(() => ({ running: true })),
    'sync:host-stop': vi.fn(() => ({ running: false })),
    'sync:host-status': vi.fn(() => ({ running: false })),
    'sync:trust-server': vi.fn(() => ({ seen: null })),
    'file:stream-open': vi.fn(() => ({ id: 'A'.repeat(22) })),
    'file:stream-write': vi.fn(),
    'file:stream-close': vi.fn(() => ({ saved: true })),
    'vault:kdf': vi.fn(() => new Uint8Array(32)),
  };
  const unregister = registerIpcHandlers(
    ipcMain as unknown as Parameters<typeof registerIpcHandlers>[0],
    handlers as unknown as IpcHandlers,
    { getWindow: () => win, isAllowedOrigin: createOriginCheck(null) },
  );
  const invoke = (channel: IpcChannel, event: unknown, ...args: unknown[]): Promise<unknown> => {
    const listener = registered.get(channel);
    if (listener === undefined) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  const ownEvent = { sender: webContents, senderFrame: mainFrame };
  return { ipcMain, handlers, invoke, ownEvent, webContents, mainFrame, unregister };
}

const VALID_ARGS: { [C in IpcChannel]: unknown[] } = {
  'app:info': [],
  'file:save': [{ suggestedName: '対応記録.csv', data: 'a,b\n', filters: [{ name: 'CSV', extensions: ['csv'] }] }],
  'print:pdf': [{ suggestedName: '報告書' }],
  'notify:show': [{ title: '期限', body: '個人情報保護委員会への速報は明日まで' }],
  'menu:set-language': ['en'],
  'sync:host-start': [{ host: '192.168.1.20', port: 4455 }],
  'sync:host-stop': [],
  'sync:host-status': [],
  'sync:trust-server': [{ url: 'wss://192.168.1.20:4455', fingerprint: 'A'.repeat(43) }],
  'file:stream-open': [{ suggestedName: '印刷会社用.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }],
  'file:stream-write': [{ id: 'A'.repeat(22), data: new Uint8Array([0x82, 0xa0]) }],
  'file:stream-close': [{ id: 'A'.repeat(22), keep: true }],
  'vault:kdf': [{ passphrase: '合言葉は山と川', salt: new Uint8Array(16), memorySize: 65536, iterations: 3, parallelism: 1 }],
};

const INVALID_ARGS: { [C in IpcChannel]: unknown[] } = {
  'app:info': ['x', {}, null],
  'file:save': [
    undefined,
    { suggestedName: '../../.bashrc', data: 'x' },
    { suggestedName: '/etc/passwd', data: 'x' },
    { suggestedName: 'a.csv', data: 42 },
    { suggestedName: 'a.csv', data: 'x', filters: [{ name: 'All', extensions: ['*'] }] },
  ],
  'print:pdf': [undefined, { suggestedName: 'a/b.pdf' }, { suggestedName: '' }],
  'notify:show': [undefined, { title: 1, body: 'x' }, { title: 'x'.repeat(201), body: 'x' }, { title: 'x' }],
  'menu:set-language': [undefined, 'fr', 'JA'],
  'sync:host-start': [
    undefined,
    { host: 'evil.example', port: 4455 },
    { host: '192.168.1.20', port: 80 },
    { host: '192.168.1.20', port: 70000 },
    { host: '192.168.1.20', port: 4455.5 },
    { host: '192.168.1.256', port: 4455 },
    { host: '192.168.1.20', port: 4455, dataDir: '/etc' },
  ],
  'sync:host-stop': ['x', {}],
  'sync:host-status': ['x', null],
  'sync:trust-server': [
    undefined,
    { url: 'ws://192.168.1.20:4455', fingerprint: null },
    { url: 'https://192.168.1.20', fingerprint: null },
    { url: 'not a url', fingerprint: null },
    { url: 'wss://192.168.1.20:4455', fingerprint: 'short' },
    { url: 'wss://192.168.1.20:4455' },
    { url: 'wss://192.168.1.20:4455', fingerprint: null, extra: 1 },
  ],
  'file:stream-open': [undefined, { suggestedName: '../vendor.csv' }, { suggestedName: 'a.csv', path: '/tmp/a.csv' }],
  'file:stream-write': [
    undefined,
    { id: 'A'.repeat(22), data: 'text' },
    { id: '../../x', data: new Uint8Array(1) },
    { id: 'A'.repeat(22), data: new Uint8Array(1), offset: 0 },
  ],
  'file:stream-close': [undefined, { id: 'A'.repeat(22) }, { id: 'A'.repeat(22), keep: 'yes' }, { id: 'short', keep: true }],
  // Only decision 004's cost or the tests': a renderer cannot make main spend gigabytes or hours.
  'vault:kdf': [
    undefined,
    { passphrase: 'x', salt: new Uint8Array(16), memorySize: 4 * 1024 * 1024, iterations: 3, parallelism: 1 },
    { passphrase: 'x', salt: new Uint8Array(16), memorySize: 65536, iterations: 1000, parallelism: 1 },
    { passphrase: 'x', salt: new Uint8Array(16), memorySize: 65536, iterations: 3, parallelism: 64 },
    { passphrase: 'x', salt: new Uint8Array(4), memorySize: 65536, iterations: 3, parallelism: 1 },
    { passphrase: 'x'.repeat(1025), salt: new Uint8Array(16), memorySize: 65536, iterations: 3, parallelism: 1 },
    { passphrase: '', salt: new Uint8Array(16), memorySize: 65536, iterations: 3, parallelism: 1 },
    { passphrase: 'x', salt: 'AAAA', memorySize: 65536, iterations: 3, parallelism: 1 },
    { passphrase: 'x', salt: new Uint8Array(16), memorySize: 65536, iterations: 3, parallelism: 1, extra: 1 },
    // The unit tests' cost is never main's: a workspace of that cost derives in the worker.
    { passphrase: 'x', salt: new Uint8Array(16), memorySize: 1024, iterations: 1, parallelism: 1 },
  ],
};

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per contract channel', () => {
    const { ipcMain, unregister } = setup();
    expect(ipcMain.handle.mock.calls.map(([channel]) => channel)).toEqual([...IPC_CHANNELS]);
    unregister();
    expect(ipcMain.removeHandler.mock.calls.map(([channel]) => channel)).toEqual([...IPC_CHANNELS]);
  });

  it.each([...IPC_CHANNELS])('%s: accepts a valid call from our main frame', async (channel) => {
    const { invoke, ownEvent, handlers } = setup();
    const result = await invoke(channel, ownEvent, ...VALID_ARGS[channel]);
    expect(handlers[channel]).toHaveBeenCalledTimes(1);
    expect(result).toEqual(handlers[channel].mock.results[0]?.value);
    expect(handlers[channel]).toHaveBeenCalledWith(VALID_ARGS[channel][0]);
  });

  it.each([...IPC_CHANNELS])('%s: rejects invalid arguments before the handler runs', async (channel) => {
    const { invoke, ownEvent, handlers } = setup();
    for (const arg of INVALID_ARGS[channel]) {
      await expect(invoke(channel, ownEvent, arg)).rejects.toThrow(`ipc: invalid argument for ${channel}`);
    }
    // An extra argument is refused too: our preload never sends one.
    await expect(invoke(channel, ownEvent, VALID_ARGS[channel][0], 'extra')).rejects.toThrow(
      `ipc: invalid argument for ${channel}`,
    );
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it.each([...IPC_CHANNELS])('%s: rejects foreign senders', async (channel) => {
    const { invoke, ownEvent, handlers, webContents, mainFrame } = setup();
    const args = VALID_ARGS[channel];
    const foreignEvents: Record<string, unknown> = {
      'no frame': { sender: webContents, senderFrame: null },
      'a subframe': {
        sender: webContents,
        senderFrame: { ...mainFrame, routingId: 2, parent: mainFrame, url: 'app://honbu/frame.html' },
      },
      'another origin': { sender: webContents, senderFrame: { ...mainFrame, url: 'https://evil.example/' } },
      'a file: page': { sender: webContents, senderFrame: { ...mainFrame, url: 'file:///tmp/x.html' } },
      'a detached frame': { sender: webContents, senderFrame: { ...mainFrame, detached: true } },
      'another webContents': { sender: { mainFrame }, senderFrame: mainFrame },
      'another frame of the process': { ...ownEvent, senderFrame: { ...mainFrame, routingId: 99 } },
    };
    for (const [name, event] of Object.entries(foreignEvents)) {
      await expect(invoke(channel, event, ...args), name).rejects.toThrow('ipc: sender not allowed');
    }
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it('rejects everything when there is no window', async () => {
    const registered = new Map<string, InvokeListener>();
    const ipcMain = { handle: (c: string, l: InvokeListener) => registered.set(c, l), removeHandler: vi.fn() };
    const { webContents, mainFrame } = fakeWindow();
    registerIpcHandlers(ipcMain as unknown as Parameters<typeof registerIpcHandlers>[0], {} as IpcHandlers, {
      getWindow: () => null,
      isAllowedOrigin: createOriginCheck(null),
    });
    const event = { sender: webContents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
    await expect(registered.get('app:info')?.(event)).rejects.toThrow('ipc: sender not allowed');
  });
});

type Deps = IpcHandlerDeps;

function depMocks(win: BrowserWindow) {
  return {
    getWindow: vi.fn<Deps['getWindow']>(() => win),
    appInfo: vi.fn<Deps['appInfo']>(() => ({
      name: 'Honbu',
      version: '0.1.0',
      electron: '45.4.1',
      chrome: '140',
      platform: 'linux',
      dataPath: '/home/u/.config/Honbu',
    })),
    documentsPath: vi.fn<Deps['documentsPath']>(() => '/home/u/Documents'),
    showSaveDialog: vi.fn<Deps['showSaveDialog']>(() =>
      Promise.resolve({ canceled: false, filePath: '/home/u/Documents/out.csv' }),
    ),
    writeFile: vi.fn<Deps['writeFile']>(() => Promise.resolve()),
    notificationsSupported: vi.fn<Deps['notificationsSupported']>(() => true),
    showNotification: vi.fn<Deps['showNotification']>(),
    setMenuLanguage: vi.fn<Deps['setMenuLanguage']>(),
    streams: { open: vi.fn(() => Promise.resolve('B'.repeat(22))), write: vi.fn(() => Promise.resolve()), close: vi.fn(() => Promise.resolve({ saved: true })), abortAll: vi.fn(() => Promise.resolve()) },
  };
}

function handlerDeps(overrides: Partial<ReturnType<typeof depMocks>> = {}) {
  const window = fakeWindow();
  const deps = { ...depMocks(window.win), ...overrides };
  return { deps, handlers: createIpcHandlers(deps), window };
}

const cancelled = () => vi.fn<Deps['showSaveDialog']>(() => Promise.resolve({ canceled: true, filePath: '' }));

describe('createIpcHandlers', () => {
  it('app:info returns the app info', async () => {
    const { handlers } = handlerDeps();
    expect(await handlers['app:info']()).toMatchObject({ name: 'Honbu', version: '0.1.0', dataPath: '/home/u/.config/Honbu' });
  });

  it('file:save proposes the name in Documents with the filters, and writes text as UTF-8', async () => {
    const { deps, handlers, window } = handlerDeps();
    const filters = [{ name: 'CSV', extensions: ['csv'] }];
    const result = await handlers['file:save']({ suggestedName: '一覧.csv', data: '氏名\n', filters });
    expect(result).toEqual({ saved: true });
    expect(deps.showSaveDialog).toHaveBeenCalledWith(window.win, {
      defaultPath: path.join('/home/u/Documents', '一覧.csv'),
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    expect(deps.writeFile).toHaveBeenCalledWith('/home/u/Documents/out.csv', '氏名\n', 'utf8');
  });

  it('file:save writes bytes as they are (e.g. Shift_JIS)', async () => {
    const { deps, handlers } = handlerDeps();
    const bytes = new Uint8Array([0x8e, 0x81, 0x96, 0xbc]);
    await handlers['file:save']({ suggestedName: 'sjis.csv', data: bytes });
    expect(deps.writeFile).toHaveBeenCalledWith('/home/u/Documents/out.csv', bytes);
  });

  it('file:stream-open asks where to save, then opens the chosen file; a cancelled dialog opens nothing', async () => {
    const { deps, handlers } = handlerDeps();
    expect(await handlers['file:stream-open']({ suggestedName: '印刷会社用.csv' })).toEqual({ id: 'B'.repeat(22) });
    expect(deps.streams.open).toHaveBeenCalledWith('/home/u/Documents/out.csv');
    const other = handlerDeps({ showSaveDialog: cancelled() });
    expect(await other.handlers['file:stream-open']({ suggestedName: '印刷会社用.csv' })).toEqual({ id: null });
    expect(other.deps.streams.open).not.toHaveBeenCalled();
  });

  it('file:save resolves {saved:false} and writes nothing when cancelled', async () => {
    const { deps, handlers } = handlerDeps({ showSaveDialog: cancelled() });
    expect(await handlers['file:save']({ suggestedName: 'a.csv', data: 'x' })).toEqual({ saved: false });
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('file:save falls back to the bare name when there is no Documents folder', async () => {
    const { deps, handlers } = handlerDeps({
      documentsPath: vi.fn<Deps['documentsPath']>(() => {
        throw new Error('no documents');
      }),
    });
    await handlers['file:save']({ suggestedName: 'a.csv', data: 'x' });
    expect(deps.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: 'a.csv' });
  });

  it('print:pdf renders A4 with backgrounds, then saves the PDF where the user chose', async () => {
    const { deps, handlers, window } = handlerDeps();
    expect(await handlers['print:pdf']({ suggestedName: '報告書' })).toEqual({ saved: true });
    expect(window.webContents.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: 'A4', printBackground: true }),
    );
    expect(deps.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      defaultPath: path.join('/home/u/Documents', '報告書.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(deps.writeFile).toHaveBeenCalledWith('/home/u/Documents/out.csv', window.pdf);
  });

  it('print:pdf keeps an existing .pdf extension and writes nothing when cancelled', async () => {
    const { deps, handlers } = handlerDeps({ showSaveDialog: cancelled() });
    expect(await handlers['print:pdf']({ suggestedName: 'a.PDF' })).toEqual({ saved: false });
    expect(deps.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: path.join('/home/u/Documents', 'a.PDF') });
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('print:pdf fails clearly without a window', async () => {
    const { handlers } = handlerDeps({ getWindow: vi.fn<Deps['getWindow']>(() => null) });
    await expect(handlers['print:pdf']({ suggestedName: 'a' })).rejects.toThrow('ipc: no window to print');
  });

  it('notify:show shows a notification only where supported', async () => {
    const supported = handlerDeps();
    await supported.handlers['notify:show']({ title: '期限', body: '明日' });
    expect(supported.deps.showNotification).toHaveBeenCalledWith({ title: '期限', body: '明日' });

    const unsupported = handlerDeps({ notificationsSupported: vi.fn<Deps['notificationsSupported']>(() => false) });
    await unsupported.handlers['notify:show']({ title: '期限', body: '明日' });
    expect(unsupported.deps.showNotification).not.toHaveBeenCalled();
  });

  it('menu:set-language rebuilds the menu in that language', async () => {
    const { deps, handlers } = handlerDeps();
    await handlers['menu:set-language']('en');
    expect(deps.setMenuLanguage).toHaveBeenCalledWith('en');
  });
});
