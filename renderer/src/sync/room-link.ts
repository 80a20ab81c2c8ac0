/**
 * One epoch's room on the sync server: a Yjs document holding an append-only array of
 * envelopes, its Hocuspocus provider and socket, and the connection's backoff. The
 * client keeps one link per epoch it still has to read, and writes only through the
 * newest. A link knows nothing of keys beyond its token and name: checking and opening
 * envelopes is the receiver's work.
 */
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket, type HocuspocusProviderWebsocketConfiguration } from '@hocuspocus/provider';
import type { Chunk } from '../../../shared/sync/chunk';
import type { Envelope } from '../../../shared/sync/envelope';
import type { EpochKeys } from '../../../shared/sync/epoch';
import { credentialToken, roomName } from '../../../shared/sync/room';

export interface RoomLinkHandlers {
  /** What another client inserted (or, from a misbehaving server, deleted). */
  remote(link: RoomLink, added: unknown[], removed: unknown[]): void;
  /** What the laptop's own cache of the room held when the link opened (room-cache.ts). */
  cached(link: RoomLink, items: unknown[]): void;
  /** The server's state is in (after every (re)connection). */
  synced(link: RoomLink): void;
  /** A stateless message from the server (acks, `frozen`). */
  message(link: RoomLink, payload: string): void;
  /** The server refused this laptop (a limit, a full disk, a frozen room): the link backs off and retries. */
  refused(link: RoomLink, code: number, reason: string): void;
  status(link: RoomLink): void;
}

export interface RoomLinkOptions {
  serverUrl: string;
  WebSocketPolyfill?: HocuspocusProviderWebsocketConfiguration['WebSocketPolyfill'];
  connect: boolean;
}

/** Close code of a frozen room (server/sync-server.ts). */
export const FROZEN_CODE = 4409;
/** Close code of a message over a limit (server/sync-server.ts). */
export const TOO_LARGE_CODE = 4413;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];
const LOCAL = Symbol('honbu-sync-local');
const CACHE = Symbol('honbu-sync-cache');
/** Closed by the server's websocket for a message over its size limit (RFC 6455). */
export const MESSAGE_TOO_BIG = 1009;

/**
 * The provider's socket schedules a reconnect of its own on every close, 500 ms later,
 * whatever it is told meanwhile (its `disconnect()` does not cancel that timer), and a retry
 * loop of its own may still be waiting to open one. Held, it opens none: while a link backs
 * off after a refusal (or once it is destroyed), only the link's timer connects again.
 */
class BackoffSocket extends HocuspocusProviderWebsocket {
  held = false;
  /** The retry loop the latest connect() started: an older one (its cancel lost once a socket opened) opens nothing. */
  private loop: object | undefined;
  private starting = false;

  override connect(): Promise<unknown> {
    if (this.held) return Promise.resolve();
    // The provider's connect() starts its retry loop, and that loop's first try, synchronously
    // (no initial delay or jitter). Should a later provider wait first, the loop is not known
    // here: the first try of any loop is then taken as the loop to keep, rather than none.
    this.loop = undefined;
    this.starting = true;
    try {
      return super.connect();
    } finally {
      this.starting = false;
    }
  }

  /** Called by the provider's retry loop with the loop's context (which can end the loop, as the provider's own abort does). */
  override createWebSocketConnection(context?: { abort(): void }): Promise<unknown> {
    if (context && (this.starting || this.loop === undefined)) this.loop = context;
    if (!this.held && (!context || context === this.loop)) return super.createWebSocketConnection();
    context?.abort();
    return Promise.reject(Object.assign(new Error('held: backing off'), { code: 'ATTEMPT_ABORTED' }));
  }

  /**
   * Held and closed at once: a close that has not landed yet (or never will) is not waited for.
   * Until it lands the socket says "connected", and a connect() would return early.
   */
  drop(): void {
    this.held = true;
    this.disconnect();
    if (this.webSocket) this.emit('close', { event: { code: 1000, reason: 'refused' } });
  }
}

/** The provider's own close codes for a missed ping and a reset: drops, not refusals. */
const DROPPED_CODES = new Set([4408, 4205]);
/** A connection that stayed up this long was a good one: the next refusal backs off from the start. */
const HEALTHY_MS = 30_000;

export class RoomLink {
  readonly doc = new Y.Doc();
  /** Signed chunks (and, written before them, single-event envelopes). */
  readonly array = this.doc.getArray<Chunk | Envelope>('events');
  readonly provider: HocuspocusProvider;
  private readonly socket: BackoffSocket;
  /** The server said this room's epoch ended: no more inserts; read it to the end, then move on. */
  frozen = false;
  /** The server's state came in at least once (the client then sends what the room lacks). */
  everSynced = false;
  private freezeAsked = false;
  private wanted: boolean;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the socket last opened. */
  private openedAt = 0;
  private destroyed = false;
  /** The document started from this laptop's cache (room-cache.ts), not empty. */
  fromCache = false;

  private constructor(
    readonly epoch: EpochKeys,
    readonly name: string,
    private readonly handlers: RoomLinkHandlers,
    options: RoomLinkOptions,
    cached: Uint8Array | undefined,
  ) {
    this.wanted = options.connect;
    this.array.observe((event) => {
      if (event.transaction.origin === LOCAL) return;
      const added: unknown[] = [];
      const removed: unknown[] = [];
      for (const d of event.changes.delta) if (d.insert) added.push(...(d.insert as unknown[]));
      if (event.transaction.origin === CACHE) return this.handlers.cached(this, added);
      for (const item of event.changes.deleted) removed.push(...item.content.getContent());
      this.handlers.remote(this, added, removed);
    });
    // Before the provider exists: it sends every change it sees, and the server has all this.
    if (cached) {
      Y.applyUpdate(this.doc, cached, CACHE);
      this.fromCache = true;
    }
    this.socket = new BackoffSocket({
      url: options.serverUrl,
      WebSocketPolyfill: options.WebSocketPolyfill,
      autoConnect: false,
      delay: 500,
      minDelay: 500,
      maxDelay: 2500,
    });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name, document: this.doc, token: credentialToken(epoch.credential) });
    this.provider.attach();
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') this.openedAt = Date.now();
      this.handlers.status(this);
    });
    this.provider.on('synced', ({ state }: { state: boolean }) => {
      if (state) this.handlers.synced(this);
    });
    this.provider.on('stateless', ({ payload }: { payload: string }) => {
      if (this.isFrozenNotice(payload)) this.frozen = true;
      this.handlers.message(this, payload);
    });
    this.provider.on('close', ({ event }: { event: { code: number; reason: string } }) => this.onClosed(event.code, event.reason));
    this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => this.onClosed(4403, reason));
  }

  /** With `cached` (the room's document as this laptop last kept it), the server sends only what that lacks. */
  static async open(epoch: EpochKeys, handlers: RoomLinkHandlers, options: RoomLinkOptions, cached?: Uint8Array): Promise<RoomLink> {
    const link = new RoomLink(epoch, await roomName('w', epoch.credential, 'events'), handlers, options, cached);
    if (link.wanted) link.connect();
    return link;
  }

  get connected(): boolean {
    return this.socket.status === 'connected';
  }

  /** Connected and holding the server's state: own envelopes may go out. */
  get live(): boolean {
    return this.connected && this.provider.synced && !this.frozen;
  }

  get synced(): boolean {
    return this.connected && this.provider.synced;
  }

  get awareness() {
    return this.provider.awareness!;
  }

  connect(): void {
    if (this.destroyed) return;
    this.wanted = true;
    clearTimeout(this.retryTimer);
    this.socket.held = false;
    // The provider's connect() returns early while a socket it was told to close is still
    // open, leaving it set not to reconnect when that close lands: say we want it first.
    this.socket.shouldConnect = true;
    void this.socket.connect();
  }

  disconnect(): void {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    // Held: the socket's own reconnect, set by a close just before, must not connect it again.
    this.socket.held = true;
    this.socket.disconnect();
  }

  /** Appends own chunks, one item each; returns the Yjs client and first clock they took (acks name them). */
  push(envelopes: Chunk[]): { client: number; base: number } {
    const client = this.doc.clientID;
    const base = Y.getState(this.doc.store, client);
    this.doc.transact(() => this.array.push(envelopes), LOCAL);
    return { client, base };
  }

  /** The whole document as one update (what the cache keeps). */
  snapshot(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Everything in the room now, in the document's order. */
  items(): unknown[] {
    return this.array.toArray();
  }

  /**
   * Asks the server what it holds of these Yjs clients (it answers with an ack, as after a
   * push): own items pushed before a dropped connection whose ack never came, and that the
   * server had already stored, would otherwise wait for the next push to be acknowledged.
   */
  askAck(clients: number[]): void {
    if (!this.connected || clients.length === 0) return;
    this.provider.sendStateless(JSON.stringify({ t: 'ack?', c: clients }));
  }

  /**
   * Asks the server to freeze this room (its epoch ended); once per connection is enough,
   * the server keeps it. With `after` (the Yjs client and clock of an item just pushed),
   * only once that item is stored: sent right behind the push, nothing another client
   * sends in reaction to it can get in before the freeze.
   */
  freeze(after?: { client: number; clock: number }): void {
    if (this.frozen || !this.connected || (this.freezeAsked && !after)) return;
    this.freezeAsked = true;
    this.provider.sendStateless(JSON.stringify({ t: 'freeze', ...after }));
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    // The socket's own reconnect, set by its last close, must not open a socket nobody reads.
    this.socket.held = true;
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }

  private isFrozenNotice(payload: string): boolean {
    try {
      return (JSON.parse(payload) as { t?: unknown }).t === 'frozen';
    } catch {
      return false;
    }
  }

  /** Sent an ack: the server accepts this laptop again; the backoff starts over. */
  accepted(): void {
    this.failures = 0;
  }

  /**
   * The server closed the connection. A refusal (a limit, a full disk, not a member, a
   * frozen room) comes with a reason: back off before trying again, longer each time, so a
   * struggling server is not hammered; everything unacknowledged stays pending.
   */
  private onClosed(code: number, reason: string): void {
    this.freezeAsked = false;
    // A document from the cache holding more than the server (a server that lost its data)
    // makes the resync too large for it: the client starts this room again from nothing.
    if (this.fromCache && !this.destroyed && (code === MESSAGE_TOO_BIG || code === TOO_LARGE_CODE)) {
      this.handlers.refused(this, code, reason || `refused (${code})`);
      return;
    }
    if (code < 4000 || code >= 5000 || DROPPED_CODES.has(code) || this.destroyed) {
      this.handlers.status(this);
      return;
    }
    if (code === FROZEN_CODE) this.frozen = true;
    if (this.openedAt > 0 && Date.now() - this.openedAt >= HEALTHY_MS) this.failures = 0;
    // ±15 %: laptops refused by the same full disk do not all come back in the same second.
    const delay = BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]! * (0.85 + 0.3 * Math.random());
    // Dropped at once: one refusal can come twice (authentication failed, then the server's
    // close), and the second, from a socket already dropped, is not heard.
    this.socket.drop();
    clearTimeout(this.retryTimer);
    if (this.wanted) {
      this.retryTimer = setTimeout(() => {
        // As a person's "connect" does: the socket told to connect again, not left waiting.
        if (this.wanted && !this.destroyed) this.connect();
      }, delay);
    }
    this.handlers.refused(this, code, reason || `refused (${code})`);
  }
}
