import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { createSyncHost, createSyncHostHandlers, lanAddresses } from './sync-host';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null, scopeid: 0 }) as NetworkInterfaceInfo;

const INTERFACES = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  en0: [nic('fe80::1c2b:3aff:fe4d:5e6f', 'IPv6'), nic('fd00::20', 'IPv6'), nic('192.168.1.20', 'IPv4')],
  'Wi-Fi': [nic('10.0.0.7', 'IPv4')],
};

function fakeServer(host: string, port: number): SyncServer {
  return { url: `ws://${host}:${port}`, host, port, close: vi.fn(() => Promise.resolve()) };
}

describe('lanAddresses', () => {
  it('lists what other laptops can reach, IPv4 first, without loopback or link-local', () => {
    expect(lanAddresses(INTERFACES)).toEqual([
      { name: 'en0', address: '192.168.1.20', family: 'IPv4' },
      { name: 'Wi-Fi', address: '10.0.0.7', family: 'IPv4' },
      { name: 'en0', address: 'fd00::20', family: 'IPv6' },
    ]);
  });
});

describe('sync host', () => {
  const deps = () => ({
    startSyncServer: vi.fn((o: { host?: string; port: number }) => Promise.resolve(fakeServer(o.host ?? '127.0.0.1', o.port || 4455))),
    dataDir: () => '/home/u/.config/Honbu/sync-host',
    networkInterfaces: () => INTERFACES,
  });

  it('starts on every network and reports one address per LAN interface', async () => {
    const d = deps();
    const host = createSyncHost(d);
    expect(host.status()).toMatchObject({ running: false, urls: [], port: null });
    const status = await host.start({ host: '0.0.0.0', port: 4455 });
    expect(d.startSyncServer).toHaveBeenCalledWith({ host: '0.0.0.0', port: 4455, dataDir: '/home/u/.config/Honbu/sync-host' });
    expect(status).toMatchObject({ running: true, host: '0.0.0.0', port: 4455, urls: ['ws://192.168.1.20:4455', 'ws://10.0.0.7:4455'] });
    // Starting again while running changes nothing.
    await host.start({ host: '10.0.0.7', port: 5000 });
    expect(d.startSyncServer).toHaveBeenCalledTimes(1);
    expect((await host.stop()).running).toBe(false);
  });

  it('listens on one chosen address, only if this computer has it', async () => {
    const d = deps();
    const host = createSyncHost(d);
    await expect(host.start({ host: '192.168.9.9', port: 4455 })).rejects.toThrow(/not an address of this computer/);
    expect(d.startSyncServer).not.toHaveBeenCalled();
    expect(await host.start({ host: 'fd00::20', port: 4455 })).toMatchObject({ urls: ['ws://[fd00::20]:4455'] });
  });

  it('serves the contract channels', async () => {
    const handlers = createSyncHostHandlers(createSyncHost(deps()));
    expect(await handlers['sync:host-status']()).toMatchObject({ running: false });
    expect(await handlers['sync:host-start']({ host: '0.0.0.0', port: 0 })).toMatchObject({ running: true });
    expect(await handlers['sync:host-stop']()).toMatchObject({ running: false });
  });

  it('runs the real sync server with its data under the given folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'honbu-sync-host-'));
    try {
      // Loopback posing as the LAN: the test machine's real interfaces are not used.
      const host = createSyncHost({ startSyncServer, dataDir: () => dir, networkInterfaces: () => ({ test: [nic('127.0.0.1', 'IPv4')] }) });
      const status = await host.start({ host: '127.0.0.1', port: 0 });
      expect(status.urls).toEqual([`ws://127.0.0.1:${status.port}`]);
      // A client without the room credential: the server answers its authentication with a refusal.
      const ws = new WebSocket(status.urls[0]!);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => {
          const auth = encoding.createEncoder();
          encoding.writeVarString(auth, 'w.not-a-room.events');
          encoding.writeVarUint(auth, 2); // authentication
          encoding.writeVarUint(auth, 0); // token
          encoding.writeVarString(auth, 'no credential');
          ws.send(encoding.toUint8Array(auth));
        });
        ws.once('message', () => resolve());
        ws.once('error', reject);
      });
      ws.close();
      expect((await host.stop()).running).toBe(false);
      expect((await readdir(dir)).length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
