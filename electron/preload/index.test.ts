import { describe, expect, it, vi } from 'vitest';
import { API_CHANNELS, MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: electron.ipcRenderer,
}));

const { createApi } = await import('./index');

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    invoke: vi.fn((..._args: unknown[]) => Promise.resolve('result')),
    on: vi.fn((channel: string, listener: Listener) => {
      listeners.set(channel, listener);
    }),
    removeListener: vi.fn(),
  };
}

function api() {
  const ipc = fakeIpc();
  return { ipc, honbu: createApi(ipc as unknown as Parameters<typeof createApi>[0]) };
}

describe('preload', () => {
  it('exposes window.honbu through the context bridge, and nothing else', () => {
    expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, exposed] = electron.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('honbu');
    expect(Object.keys(exposed).sort()).toEqual([...Object.keys(API_CHANNELS), 'onMenuCommand'].sort());
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('forwards each method to its contract channel with exactly its argument', async () => {
    const { ipc, honbu } = api();
    await expect(honbu.appInfo()).resolves.toBe('result');
    const save = { suggestedName: 'a.csv', data: 'x' };
    await honbu.saveFile(save);
    await honbu.printToPdf({ suggestedName: 'r.pdf' });
    await honbu.notify({ title: 't', body: 'b' });
    await honbu.setMenuLanguage('en');
    await honbu.syncHostStart({ host: '0.0.0.0', port: 4455 });
    await honbu.syncHostStop();
    await honbu.syncHostStatus();
    await honbu.syncTrustServer({ url: 'wss://10.0.0.7:4455', fingerprint: null });
    expect(ipc.invoke.mock.calls).toEqual([
      ['app:info'],
      ['file:save', save],
      ['print:pdf', { suggestedName: 'r.pdf' }],
      ['notify:show', { title: 't', body: 'b' }],
      ['menu:set-language', 'en'],
      ['sync:host-start', { host: '0.0.0.0', port: 4455 }],
      ['sync:host-stop'],
      ['sync:host-status'],
      ['sync:trust-server', { url: 'wss://10.0.0.7:4455', fingerprint: null }],
    ]);
  });

  it('passes menu commands to the listener without the IPC event', () => {
    const { ipc, honbu } = api();
    const listener = vi.fn<(command: MenuCommand) => void>();
    honbu.onMenuCommand(listener);
    const forward = ipc.listeners.get(MENU_COMMAND_CHANNEL);
    if (forward === undefined) throw new Error('not subscribed to the menu channel');
    const event = { sender: { send: vi.fn() }, ports: [] };
    forward(event, 'lock');
    forward(event, 'settings');
    expect(listener.mock.calls).toEqual([['lock'], ['settings']]);
  });

  it('ignores values that are not menu commands', () => {
    const { ipc, honbu } = api();
    const listener = vi.fn();
    honbu.onMenuCommand(listener);
    const forward = ipc.listeners.get(MENU_COMMAND_CHANNEL);
    for (const value of ['delete-all', 'LOCK', '', undefined, null, 1, { command: 'lock' }, ['lock']]) forward?.({}, value);
    expect(listener).not.toHaveBeenCalled();
  });

  it('unsubscribes the very listener it subscribed', () => {
    const { ipc, honbu } = api();
    const unsubscribe = honbu.onMenuCommand(vi.fn());
    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, ipc.listeners.get(MENU_COMMAND_CHANNEL));
  });
});
