/**
 * "Host this incident": one team laptop runs the sync server (server/sync-server.ts, the
 * same one `npm run server` starts) for the others on the LAN. It stores only what the
 * server stores anywhere — signed ciphertext — under the app's data folder, so a restart
 * of the app loses nothing. Always over TLS, with a certificate of its own made on first
 * use (sync-tls.ts) whose fingerprint invites carry and joiners pin. Main only starts,
 * stops and reports; it never holds a key of the workspace.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import type { SyncHostAddress, SyncHostStartRequest, SyncHostStatus } from '../../shared/ipc/contract';
import type { SyncServer, SyncServerOptions } from '../../server/sync-server';
import type { IpcHandler } from './ipc';
import type { CertificatePins, HostCertificate } from './sync-tls';
import type { HostSmtp } from './host-smtp';

export interface SyncHostDeps {
  startSyncServer: (options: SyncServerOptions) => Promise<SyncServer>;
  /** Where the server keeps its LevelDB store (under userData). */
  dataDir: () => string;
  /** The host's TLS certificate, made on first use (sync-tls.ts). */
  certificate: () => Promise<HostCertificate>;
  networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** The SMTP server alerts are mailed through (host-smtp.ts), read at each start; absent: chat alerts only. */
  smtp?: () => Promise<HostSmtp>;
}

export interface SyncHost {
  start(req: SyncHostStartRequest): Promise<SyncHostStatus>;
  stop(): Promise<SyncHostStatus>;
  status(): SyncHostStatus;
}

/** Addresses other laptops can reach: external ones only (loopback serves nobody else). */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): SyncHostAddress[] {
  const out: SyncHostAddress[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const i of infos ?? []) {
      if (i.internal) continue;
      // Link-local IPv6 needs a zone id no one types; leave it out.
      if (i.family === 'IPv6' && /^fe80:/i.test(i.address)) continue;
      out.push({ name, address: i.address, family: i.family });
    }
  }
  // IPv4 first: what people read out and type.
  return out.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
}

const urlOf = (scheme: string, address: string, port: number) => `${scheme}://${address.includes(':') ? `[${address}]` : address}:${port}`;

export function createSyncHost(deps: SyncHostDeps): SyncHost {
  let server: SyncServer | null = null;
  let fingerprint: string | null = null;
  let starting: Promise<SyncHostStatus> | null = null;

  const status = (): SyncHostStatus => {
    const addresses = lanAddresses(deps.networkInterfaces());
    if (!server) return { running: false, host: null, port: null, urls: [], fingerprint: null, addresses };
    const scheme = server.url.startsWith('wss:') ? 'wss' : 'ws';
    const all = server.host === '0.0.0.0' || server.host === '::';
    const reachable = all ? addresses.filter((a) => server!.host === '::' || a.family === 'IPv4') : addresses.filter((a) => a.address === server!.host);
    return { running: true, host: server.host, port: server.port, urls: reachable.map((a) => urlOf(scheme, a.address, server!.port)), fingerprint, addresses };
  };

  async function launch(req: SyncHostStartRequest): Promise<SyncHostStatus> {
    const wildcard = req.host === '0.0.0.0' || req.host === '::';
    // Only an address this laptop has: never a host name, never someone else's address.
    if (!wildcard && !lanAddresses(deps.networkInterfaces()).some((a) => a.address === req.host)) {
      throw new Error('sync-host: not an address of this computer');
    }
    const cert = await deps.certificate();
    // Read before the server starts: settings that are wrong stop the start with a message saying what to fix.
    const mail = (await deps.smtp?.()) ?? {};
    const alerts = mail.smtp || mail.publicUrl ? { alerts: { ...(mail.smtp ? { smtp: mail.smtp } : {}), ...(mail.publicUrl ? { publicUrl: mail.publicUrl } : {}) } } : {};
    server = await deps.startSyncServer({ port: req.port, host: req.host, dataDir: deps.dataDir(), tlsCert: cert.certPath, tlsKey: cert.keyPath, ...alerts });
    fingerprint = cert.fingerprint;
    return status();
  }

  return {
    start(req) {
      if (server) return Promise.resolve(status());
      if (!starting) {
        const p = launch(req).finally(() => {
          if (starting === p) starting = null;
        });
        starting = p;
      }
      return starting;
    },
    async stop() {
      const s = server;
      server = null;
      await s?.close();
      return status();
    },
    status,
  };
}

/** The IPC side of hosting and pinning, typed against the contract. */
export function createSyncHostHandlers(
  host: SyncHost,
  pins: CertificatePins,
): {
  'sync:host-start': IpcHandler<'sync:host-start'>;
  'sync:host-stop': IpcHandler<'sync:host-stop'>;
  'sync:host-status': IpcHandler<'sync:host-status'>;
  'sync:trust-server': IpcHandler<'sync:trust-server'>;
} {
  return {
    'sync:host-start': (req) => host.start(req),
    'sync:host-stop': () => host.stop(),
    'sync:host-status': () => host.status(),
    'sync:trust-server': (req) => pins.trust(req),
  };
}
