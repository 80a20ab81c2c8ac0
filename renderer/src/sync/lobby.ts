/**
 * The meeting point for joining: one well-known Yjs room per server where a host leaves
 * sealed invite offers and joiners leave sealed join requests, both keyed by the invite
 * id derived from the code. Nothing here is readable without the code; the host removes
 * an offer as soon as it has admitted someone (one-time) or the invite is cancelled.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { InviteOffer, JoinRequest } from '../../../shared/sync/invite';
import type { SyncClientOptions } from './sync-client';

export const LOBBY_ROOM = 'honbu-lobby';

export class Lobby {
  private readonly doc = new Y.Doc();
  private readonly offers = this.doc.getMap<InviteOffer>('offers');
  private readonly requests = this.doc.getMap<JoinRequest>('joins');
  private readonly provider: WebsocketProvider;
  private readonly synced: Promise<void>;
  /** Waits still open; closing the lobby ends them (with nothing) instead of leaving timers behind. */
  private readonly waits = new Set<(v: undefined) => void>();
  private closed = false;

  private constructor(serverUrl: string, WebSocketPolyfill: SyncClientOptions['WebSocketPolyfill']) {
    this.provider = new WebsocketProvider(serverUrl, LOBBY_ROOM, this.doc, { disableBc: true, WebSocketPolyfill, maxBackoffTime: 2500 });
    this.synced = new Promise((resolve) => {
      const done = (s: boolean) => {
        if (!s) return;
        this.provider.off('sync', done);
        resolve();
      };
      this.provider.on('sync', done);
    });
  }

  /** Connects and waits for the lobby's current state (or throws after `timeoutMs`). */
  static async open(serverUrl: string, options: { WebSocketPolyfill?: SyncClientOptions['WebSocketPolyfill']; timeoutMs?: number } = {}): Promise<Lobby> {
    const lobby = new Lobby(serverUrl, options.WebSocketPolyfill);
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
    this.offers.set(offer.inviteId, offer);
  }

  /** Host: the invite is used or cancelled; neither the offer nor its request stays. */
  withdraw(inviteId: string): void {
    if (this.closed) return;
    this.doc.transact(() => {
      this.offers.delete(inviteId);
      this.requests.delete(inviteId);
    });
  }

  /** Joiner: the offer for this invite id, waiting up to `timeoutMs` for it to arrive. */
  async offer(inviteId: string, timeoutMs = 5000): Promise<InviteOffer | undefined> {
    return this.waitFor(this.offers, inviteId, timeoutMs);
  }

  /** Joiner: asks to be admitted. */
  requestJoin(request: JoinRequest): void {
    this.requests.set(request.inviteId, request);
  }

  /** Host: the join request for an invite, waiting up to `timeoutMs`. */
  async joinRequest(inviteId: string, timeoutMs: number): Promise<JoinRequest | undefined> {
    return this.waitFor(this.requests, inviteId, timeoutMs);
  }

  /**
   * Closes once what this side wrote has left the socket (or after `maxMs`): closing at
   * once could drop a join request or a withdrawal still in the send buffer.
   */
  async closeWhenSent(maxMs = 2000): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline && (this.provider.ws?.bufferedAmount ?? 0) > 0) {
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
    this.doc.destroy();
  }

  private waitFor<T>(map: Y.Map<T>, key: string, timeoutMs: number): Promise<T | undefined> {
    const now = map.get(key);
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const check = () => {
        const v = map.get(key);
        if (v === undefined) return;
        finish(v);
      };
      const finish = (v: T | undefined) => {
        clearTimeout(timer);
        map.unobserve(check);
        this.waits.delete(finish);
        resolve(v);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      this.waits.add(finish);
      map.observe(check);
    });
  }
}
