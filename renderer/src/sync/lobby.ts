/**
 * The meeting point for joining: one room per invite, whose credential and name derive
 * from the invite code, so only the host and the person reading the code can open it (a
 * watcher on the network cannot even find it). The host leaves the sealed offer, the
 * joiner a sealed join request; both are append-only records. When the invite is used or
 * cancelled the host asks the server to drop the room, so the sealed offer does not stay.
 */
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { inviteIdOf, normaliseInviteCode, type InviteOffer, type JoinRequest } from '../../../shared/sync/invite';
import { credentialToken, inviteCredential, roomName } from '../../../shared/sync/room';
import type { SyncClientOptions } from './sync-client';

export class Lobby {
  private readonly doc = new Y.Doc();
  private readonly offers = this.doc.getArray<InviteOffer>('offers');
  private readonly requests = this.doc.getArray<JoinRequest>('joins');
  private readonly provider: HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly synced: Promise<void>;
  /** Waits still open; closing the lobby ends them (with nothing) instead of leaving timers behind. */
  private readonly waits = new Set<(v: undefined) => void>();
  private closed = false;

  private constructor(serverUrl: string, name: string, token: string, WebSocketPolyfill: SyncClientOptions['WebSocketPolyfill']) {
    this.socket = new HocuspocusProviderWebsocket({ url: serverUrl, WebSocketPolyfill, delay: 500, minDelay: 500, maxDelay: 2500 });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name, document: this.doc, token });
    this.provider.attach();
    this.synced = new Promise((resolve, reject) => {
      const done = ({ state }: { state: boolean }) => {
        if (!state) return;
        this.provider.off('synced', done);
        resolve();
      };
      this.provider.on('synced', done);
      this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`lobby: refused by the sync server (${reason})`)));
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        lobby.synced,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('lobby: the sync server did not answer')), options.timeoutMs ?? 10_000);
        }),
      ]);
    } catch (err) {
      lobby.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return lobby;
  }

  /** Host: leaves the sealed offer for the joiner. */
  publish(offer: InviteOffer): void {
    this.offers.push([offer]);
  }

  /** Host: the invite is used or cancelled; the server drops the room with the offer and requests. */
  withdraw(): void {
    if (this.closed) return;
    this.provider.sendStateless('drop');
  }

  /** Joiner: the offer for this invite id, waiting up to `timeoutMs` for it to arrive. */
  async offer(inviteId: string, timeoutMs = 5000): Promise<InviteOffer | undefined> {
    return this.waitFor(this.offers, (o) => o?.inviteId === inviteId, 0, timeoutMs).then((r) => r?.value);
  }

  /** Joiner: asks to be admitted. */
  requestJoin(request: JoinRequest): void {
    this.requests.push([request]);
  }

  /** Host: the next join request for an invite from position `from` on, waiting up to `timeoutMs`. */
  async joinRequest(inviteId: string, from: number, timeoutMs: number): Promise<{ value: JoinRequest; index: number } | undefined> {
    return this.waitFor(this.requests, (r) => r?.inviteId === inviteId, from, timeoutMs);
  }

  /**
   * Closes once what this side wrote has left the socket (or after `maxMs`): closing at
   * once could drop a join request or a withdrawal still in the send buffer.
   */
  async closeWhenSent(maxMs = 2000): Promise<void> {
    const deadline = Date.now() + maxMs;
    const socket = () => this.socket.webSocket;
    while (Date.now() < deadline && ((socket()?.bufferedAmount ?? 0) > 0 || this.provider.hasUnsyncedChanges)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    // One more turn for the provider's own pending sends.
    await new Promise((r) => setTimeout(r, 50));
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const end of [...this.waits]) end(undefined);
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }

  private waitFor<T>(array: Y.Array<T>, match: (v: T) => boolean, from: number, timeoutMs: number): Promise<{ value: T; index: number } | undefined> {
    const find = () => {
      const all = array.toArray();
      for (let i = from; i < all.length; i++) if (match(all[i]!)) return { value: all[i]!, index: i };
      return undefined;
    };
    const now = find();
    if (now !== undefined) return Promise.resolve(now);
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
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      this.waits.add(finish);
      array.observe(check);
    });
  }
}
