/**
 * `ws` for Node clients of a sync server (tests, tools). A socket closed while still
 * connecting (going offline mid-connect) emits an error event; browsers just close, and
 * Node would throw it without a listener.
 */
import { createHash } from 'node:crypto';
import { WebSocket } from 'ws';

export class NodeWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
    super(address, protocols, options);
    this.on('error', () => {});
  }
}

/**
 * `ws` pinned to one certificate, as a joiner's laptop pins the host's (the desktop app does
 * it in Electron main, electron/main/sync-tls.ts): the certificate must have this SHA-256
 * fingerprint (base64url), whoever signed it, or the socket is cut before the WebSocket
 * opens — so no token ever reaches the wrong server. With null, any certificate is taken
 * and only recorded. `seen` collects every fingerprint met.
 */
export function pinnedWebSocket(fingerprint: string | null, seen: string[] = []): typeof NodeWebSocket {
  return class Pinned extends NodeWebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { rejectUnauthorized: false });
      this.on('upgrade', (res: { socket: { getPeerCertificate(): { raw?: Buffer } } }) => {
        const raw = res.socket.getPeerCertificate().raw;
        const got = raw ? createHash('sha256').update(raw).digest('base64url') : '';
        seen.push(got);
        if (fingerprint !== null && got !== fingerprint) this.terminate();
      });
    }
  };
}
