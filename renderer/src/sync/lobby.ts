/**
 * The meeting point for joining: one room per invite, whose credential and name derive
 * from the invite code, so only the host and the person reading the code can open it (a
 * watcher on the network cannot even find it). The host opens it with a lifetime the
 * server enforces and the hash of a secret only the host holds, and leaves its offer; the
 * joiner leaves a join request; the host answers (shared/sync/invite.ts). All are
 * append-only records. When the invite is used or cancelled the host asks the server to
 * drop the room; when it expires the server drops it by itself.
 */
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { inviteIdOf, normaliseInviteCode, type InviteRecord } from '../../../shared/sync/invite';
import { credentialToken, inviteCredential, roomName } from '../../../shared/sync/room';
import { toBase64Url } from '../../../shared/vault/bytes';
import type { SyncClientOptions } from './sync-client';

/** The server would not let this laptop into the invite's room: used, withdrawn, expired, or never there. */
export class LobbyClosedError extends Error {
  constructor(reason: string) {
    super(`lobby: refused by the sync server (${reason})`);
    this.name = 'LobbyClosedError';
  }
}

export class Lobby {
  private readonly doc = new Y.Doc();
  /** The host's records: its offer, then its answer. */
  private readonly offers = this.doc.getArray<InviteRecord>('offers');
  private readonly requests = this.doc.getArray<InviteRecord>('joins');
  private readonly provider: HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly synced: Promise<void>;
  private readonly messages = new Set<(payload: Record<string, unknown>) => void>();
  /** Waits still open; closing the lobby ends them (with nothing) instead of leaving timers behind. */
  private readonly waits = new Set<(v: undefined) => void>();
  private closed = false;

  private constructor(serverUrl: string, name: string, token: string, WebSocketPolyfill: SyncClientOptions['WebSocketPolyfill']) {
    this.socket = new HocuspocusProviderWebsocket({ url: serverUrl, WebSocketPolyfill, delay: 500, minDelay: 500, maxDelay: 2500 });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name, document: this.doc, token });
    this.provider.attach();
    this.provider.on('stateless', ({ payload }: { payload: string }) => {
      let msg: unknown;
      try {
        msg = JSON.parse(payload);
      } catch {
        return;
      }
      if (typeof msg === 'object' && msg !== null) for (const m of this.messages) m(msg as Record<string, unknown>);
    });
    // Closed by the server (withdrawn, expired): whatever waits ends now.
    this.provider.on('close', ({ event }: { event: { reason?: unknown } }) => {
      if (typeof event?.reason === 'string' && /^invite /.test(event.reason)) for (const end of [...this.waits]) end(undefined);
    });
    this.synced = new Promise((resolve, reject) => {
      const done = ({ state }: { state: boolean }) => {
        if (!state) return;
        this.provider.off('synced', done);
        resolve();
      };
      this.provider.on('synced', done);
      this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new LobbyClosedError(reason)));
    });
  }

  /** Connects to the invite's room and waits for its current state (or throws after `timeoutMs`). */
  static async open(
    serverUrl: string,
    code: string,
    options: { WebSocketPolyfill?: SyncClientOptions['WebSocketPolyfill']; timeoutMs?: number } = {},
  ): Promise<Lobby> {
    const inviteId = await inviteIdOf(code);
    const credential = await inviteCredential(normaliseInviteCode(code), inviteId);
    const lobby = new Lobby(serverUrl, await roomName('i', credential, 'lobby'), credentialToken(credential), options.WebSocketPolyfill);
    try {
      await lobby.within(lobby.synced, options.timeoutMs ?? 10_000, 'lobby: the sync server did not answer');
    } catch (err) {
      lobby.close();
      throw err;
    }
    return lobby;
  }

  /**
   * Host: opens the room for `ttlMs` (the server caps it at 24 h and deletes the room
   * after), naming the hash of `secret` as the only key to withdraw it. Resolves with the
   * expiry the server set.
   */
  async openRoom(ttlMs: number, secret: Uint8Array<ArrayBuffer>, timeoutMs = 10_000): Promise<number> {
    const owner = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', secret)));
    const opened = new Promise<number>((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (m.t !== 'opened' || typeof m.expiresAt !== 'number') return;
        this.messages.delete(on);
        resolve(m.expiresAt);
      };
      this.messages.add(on);
    });
    this.provider.sendStateless(JSON.stringify({ t: 'open', ttlMs, owner }));
    return this.within(opened, timeoutMs, 'lobby: the sync server did not open the invite');
  }

  /** Host: leaves a record (the offer, then the answer) for the joiner. */
  post(record: InviteRecord): void {
    this.offers.push([record]);
  }

  /** Joiner: asks to be admitted. */
  requestJoin(request: InviteRecord): void {
    this.requests.push([request]);
  }

  /** Host: the invite is used or cancelled; the server drops the room with every record in it. */
  withdraw(secret: Uint8Array): void {
    if (this.closed) return;
    this.provider.sendStateless(JSON.stringify({ t: 'drop', secret: toBase64Url(secret) }));
  }

  /** Joiner: the host's records of this invite from position `from` on, waiting up to `timeoutMs` for the next. */
  async hostRecord(inviteId: string, from: number, timeoutMs: number): Promise<{ value: InviteRecord; index: number } | undefined> {
    return this.waitFor(this.offers, (o) => o?.inviteId === inviteId, from, timeoutMs);
  }

  /** Host: the next join request for an invite from position `from` on, waiting up to `timeoutMs`. */
  async joinRequest(inviteId: string, from: number, timeoutMs: number): Promise<{ value: InviteRecord; index: number } | undefined> {
    return this.waitFor(this.requests, (r) => r?.inviteId === inviteId && r.kind === 'join', from, timeoutMs);
  }

  /** Until what this side wrote is stored by the server (or `maxMs`). */
  async stored(maxMs = 5000): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline && !this.closed && ((this.socket.webSocket?.bufferedAmount ?? 0) > 0 || this.provider.hasUnsyncedChanges)) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Closes once what this side wrote has left the socket (or after `maxMs`): closing at
   * once could drop a join request or a withdrawal still in the send buffer.
   */
  async closeWhenSent(maxMs = 2000): Promise<void> {
    await this.stored(maxMs);
    // One more turn for the provider's own pending sends.
    await new Promise((r) => setTimeout(r, 50));
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const end of [...this.waits]) end(undefined);
    this.messages.clear();
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }

  private within<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
  }

  private waitFor<T>(array: Y.Array<T>, match: (v: T) => boolean, from: number, timeoutMs: number): Promise<{ value: T; index: number } | undefined> {
    const find = () => {
      const all = array.toArray();
      for (let i = from; i < all.length; i++) if (match(all[i]!)) return { value: all[i]!, index: i };
      return undefined;
    };
    const now = find();
    if (now !== undefined || this.closed) return Promise.resolve(now);
    return new Promise((resolve) => {
      const check = () => {
        const v = find();
        if (v !== undefined) finish(v);
      };
      const finish = (v: { value: T; index: number } | undefined) => {
        clearTimeout(timer);
        array.unobserve(check);
        this.waits.delete(finish);
        resolve(v);
      };
      const timer = setTimeout(() => finish(undefined), Math.max(0, timeoutMs));
      this.waits.add(finish);
      array.observe(check);
    });
  }
}
