import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { NodeWebSocket, pinnedWebSocket } from '../../server/pinned-socket';
import { createSyncHost, createSyncHostHandlers, lanAddresses } from './sync-host';
import { CertificatePins, fingerprintOfPem, loadOrCreateCertificate, VERIFY } from './sync-tls';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null, scopeid: 0 }) as NetworkInterfaceInfo;

const INTERFACES = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  en0: [nic('fe80::1c2b:3aff:fe4d:5e6f', 'IPv6'), nic('fd00::20', 'IPv6'), nic('192.168.1.20', 'IPv4')],
  'Wi-Fi': [nic('10.0.0.7', 'IPv4')],
};

function fakeServer(host: string, port: number, scheme = 'ws'): SyncServer {
  return { url: `${scheme}://${host}:${port}`, host, port, close: vi.fn(() => Promise.resolve()) };
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
  const cert = { certPath: '/home/u/.config/Honbu/sync-host-tls/cert.pem', keyPath: '/home/u/.config/Honbu/sync-host-tls/key.pem', fingerprint: 'F'.repeat(43) };
  const deps = () => ({
    startSyncServer: vi.fn((o: { host?: string; port: number; tlsCert?: string }) =>
      Promise.resolve(fakeServer(o.host ?? '127.0.0.1', o.port || 4455, o.tlsCert ? 'wss' : 'ws')),
    ),
    dataDir: () => '/home/u/.config/Honbu/sync-host',
    certificate: vi.fn(() => Promise.resolve(cert)),
    networkInterfaces: () => INTERFACES,
  });

  it('starts on every network over TLS and reports one address per LAN interface, with the fingerprint', async () => {
    const d = deps();
    const host = createSyncHost(d);
    expect(host.status()).toMatchObject({ running: false, urls: [], port: null, fingerprint: null });
    const status = await host.start({ host: '0.0.0.0', port: 4455 });
    expect(d.startSyncServer).toHaveBeenCalledWith({ host: '0.0.0.0', port: 4455, dataDir: '/home/u/.config/Honbu/sync-host', tlsCert: cert.certPath, tlsKey: cert.keyPath });
    expect(status).toMatchObject({ running: true, host: '0.0.0.0', port: 4455, urls: ['wss://192.168.1.20:4455', 'wss://10.0.0.7:4455'], fingerprint: cert.fingerprint });
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
    expect(await host.start({ host: 'fd00::20', port: 4455 })).toMatchObject({ urls: ['wss://[fd00::20]:4455'] });
  });

  it('serves the contract channels', async () => {
    const pins = new CertificatePins();
    const handlers = createSyncHostHandlers(createSyncHost(deps()), pins);
    expect(await handlers['sync:host-status']()).toMatchObject({ running: false });
    expect(await handlers['sync:host-start']({ host: '0.0.0.0', port: 0 })).toMatchObject({ running: true });
    expect(await handlers['sync:host-stop']()).toMatchObject({ running: false });
    expect(await handlers['sync:trust-server']({ url: 'wss://10.0.0.7:4455', fingerprint: cert.fingerprint })).toEqual({ seen: null });
    expect(pins.verify('10.0.0.7', cert.fingerprint)).toBe(VERIFY.accept);
  });

  it('runs the real sync server over TLS with a certificate made once and kept; a pinned client gets in, another certificate does not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'honbu-sync-host-'));
    try {
      // Loopback posing as the LAN: the test machine's real interfaces are not used.
      const make = () =>
        createSyncHost({
          startSyncServer,
          dataDir: () => join(dir, 'data'),
          certificate: () => loadOrCreateCertificate(join(dir, 'tls')),
          networkInterfaces: () => ({ test: [nic('127.0.0.1', 'IPv4')] }),
        });
      let host = make();
      const status = await host.start({ host: '127.0.0.1', port: 0 });
      expect(status.urls).toEqual([`wss://127.0.0.1:${status.port}`]);
      expect(status.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The private key is readable by this user only.
      expect((await stat(join(dir, 'tls', 'key.pem'))).mode & 0o077).toBe(0);
      expect(fingerprintOfPem(await readFile(join(dir, 'tls', 'cert.pem'), 'utf8'))).toBe(status.fingerprint);

      // A client pinned to the fingerprint reaches the server (which refuses it: no credential).
      const seen: string[] = [];
      expect(await refusal(status.urls[0]!, pinnedWebSocket(status.fingerprint, seen))).toBe('answered');
      expect(seen).toEqual([status.fingerprint]);
      // Pinned to another certificate: cut before the WebSocket opens, nothing sent.
      expect(await refusal(status.urls[0]!, pinnedWebSocket('A'.repeat(43)))).toBe('cut');
      // Without pinning, a self-signed certificate is refused outright.
      expect(await refusal(status.urls[0]!, NodeWebSocket)).toBe('cut');

      expect((await host.stop()).running).toBe(false);
      expect((await readdir(join(dir, 'data'))).length).toBeGreaterThan(0);
      // A restart keeps the certificate: invites already out stay valid.
      host = make();
      expect((await host.start({ host: '127.0.0.1', port: 0 })).fingerprint).toBe(status.fingerprint);
      await host.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});

/** Connects, sends an authentication with no credential: 'answered' if the server replied, 'cut' if the socket never opened. */
function refusal(url: string, Ws: typeof NodeWebSocket): Promise<'answered' | 'cut'> {
  const ws = new Ws(url);
  return new Promise((resolve) => {
    ws.once('open', () => {
      const auth = encoding.createEncoder();
      encoding.writeVarString(auth, 'w.not-a-room.events');
      encoding.writeVarUint(auth, 2); // authentication
      encoding.writeVarUint(auth, 0); // token
      encoding.writeVarString(auth, 'no credential');
      ws.send(encoding.toUint8Array(auth));
    });
    ws.once('message', () => {
      ws.close();
      resolve('answered');
    });
    ws.once('close', () => resolve('cut'));
    ws.once('error', () => resolve('cut'));
  });
}

describe('certificate pins', () => {
  it('accepts exactly the pinned certificate for a pinned host and leaves other hosts to Chromium', () => {
    const pins = new CertificatePins();
    expect(pins.verify('192.168.1.20', 'A'.repeat(43))).toBe(VERIFY.chromium);
    expect(pins.trust({ url: 'wss://192.168.1.20:4455', fingerprint: 'A'.repeat(43) })).toEqual({ seen: null });
    expect(pins.verify('192.168.1.20', 'A'.repeat(43))).toBe(VERIFY.accept);
    expect(pins.verify('192.168.1.20', 'B'.repeat(43))).toBe(VERIFY.refuse);
    expect(pins.verify('10.0.0.7', 'B'.repeat(43))).toBe(VERIFY.chromium);
    // IPv6 hosts come with or without brackets.
    pins.trust({ url: 'wss://[fd00::20]:4455', fingerprint: 'C'.repeat(43) });
    expect(pins.verify('[fd00::20]', 'C'.repeat(43))).toBe(VERIFY.accept);
    expect(pins.verify('fd00::20', 'D'.repeat(43))).toBe(VERIFY.refuse);
  });

  it('watches a host before its fingerprint is known, and tells which certificate it presented', () => {
    const pins = new CertificatePins();
    pins.trust({ url: 'wss://10.0.0.7:4455', fingerprint: null });
    expect(pins.verify('10.0.0.7', 'E'.repeat(43))).toBe(VERIFY.accept);
    // The invite's fingerprint arrives: pinned from now on, and the one met is reported.
    expect(pins.trust({ url: 'wss://10.0.0.7:4455', fingerprint: 'F'.repeat(43) })).toEqual({ seen: 'E'.repeat(43) });
    expect(pins.verify('10.0.0.7', 'E'.repeat(43))).toBe(VERIFY.refuse);
    // Watching again does not loosen a pin.
    pins.trust({ url: 'wss://10.0.0.7:4455', fingerprint: null });
    expect(pins.verify('10.0.0.7', 'E'.repeat(43))).toBe(VERIFY.refuse);
  });
});
