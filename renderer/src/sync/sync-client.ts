/**
 * Sync of one workspace over Yjs and Hocuspocus. The shared document holds an
 * append-only Y.Array of envelopes (events sealed under the workspace key and signed by
 * their device). This client only translates: own events from the store go into the
 * array, envelopes from others are checked against the roster, opened and handed to
 * `store.applyRemote`, which stores each once and folds them in any order. The local store
 * stays the source of truth, so nothing here blocks while offline.
 *
 * The server lets in only members (the room credential is the token) and only inserts of
 * envelopes; it acknowledges an update once it is on its disk. An own event counts as
 * sent only when acknowledged (`pending` until then), and as present in the shared log
 * only when a copy signed by this device is there: a missing, deleted or forged copy makes
 * this laptop send it again. Own events go out in bounded chunks, a few at a time, so no
 * message (nor a resync after a dropped connection) outgrows the server's size limit.
 */
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket, type HocuspocusProviderWebsocketConfiguration } from '@hocuspocus/provider';
import type { HonbuEvent } from '../../../shared/events/event';
import type { DeviceKey } from '../../../shared/sync/device-key';
import { originDevice, sealEnvelope, type Envelope } from '../../../shared/sync/envelope';
import { credentialToken, roomCredential, roomName } from '../../../shared/sync/room';
import { isRosterEvent, Roster, type RosterRoot } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import { Presence } from './presence';
import { Receiver, type Rejection } from './receiver';

export type { Peer } from './presence';
export type { Rejection } from './receiver';

export interface SyncClientOptions {
  store: EventStore;
  /** This laptop's signing key; its id must be the store's device id (the clock node). */
  device: DeviceKey;
  /** The workspace creator's device: the anchor of the roster. */
  root: RosterRoot;
  /** ws:// or wss:// address of the sync server. */
  serverUrl: string;
  /** The workspace's sync id (kept in the settings and invites; the server never sees it). */
  room: string;
  /** The room credential; derived from the workspace key when not given. */
  credential?: Uint8Array;
  /** Shown to other members while online (sealed, the server cannot read it). */
  personName?: string;
  /** Node has no global WebSocket before v22: tests and Electron main pass `ws`. */
  WebSocketPolyfill?: HocuspocusProviderWebsocketConfiguration['WebSocketPolyfill'];
  /** Start connected (default) or offline. */
  connect?: boolean;
  /** Where a fault while sending or receiving goes (the app's one handler); printed when absent. */
  onError?: (error: unknown) => void;
  now?: () => number;
}

export type ConnectionState = 'connected' | 'connecting' | 'offline';

export interface SyncStatus {
  /** Anything but 'connected' is the offline banner: edits go on and are sent later. */
  state: ConnectionState;
  /** When this laptop last completed a sync with the server (ms), null before the first. */
  lastSyncAt: number | null;
  /** Own events the server has not yet stored (acknowledged). */
  pending: number;
  /** Envelopes from devices the roster does not know yet (kept, retried when it grows). */
  held: number;
  /** Envelopes received and still being checked and folded in (progress of a catch-up). */
  receiving: number;
  rejected: number;
  peers: import('./presence').Peer[];
  /** Why the server last refused this laptop (a full disk, a limit), until it accepts again. */
  refusal?: string;
}

/** Envelopes per update message, and ciphertext bytes per message: far below the server's 4 MB limit. */
const CHUNK_EVENTS = 2000;
const CHUNK_BYTES = 1024 * 1024;
/** Bytes pushed and not yet acknowledged: bounds what a resync after a dropped connection re-sends. */
const IN_FLIGHT_BYTES = 2 * 1024 * 1024;
const LOCAL = Symbol('honbu-sync-local');
const MAX_PRESEALED = 20_000;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];

interface Sent {
  client: number;
  clock: number;
  bytes: number;
}

export class SyncClient {
  readonly roster: Roster;
  private readonly doc = new Y.Doc();
  private readonly array = this.doc.getArray<Envelope>('events');
  private readonly provider: HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly presence: Presence;
  private readonly receiver: Receiver;
  /** Ids of every event in the local store. */
  private readonly known = new Set<string>();
  /** Ids of this laptop's own events, which only it can sign and push. */
  private readonly own = new Set<string>();
  /** Own events not yet acknowledged by the server; `Sent` once pushed into the document. */
  private readonly pending = new Map<string, Sent | null>();
  /** Own events waiting to be pushed, in order (null: to be read back from the store). */
  private readonly outbox = new Map<string, HonbuEvent | null>();
  /**
   * Envelopes sealed and signed as own events are made (while offline too), so a reconnect
   * after a long offline stretch only sends; bounded, beyond it sealing waits for the push.
   */
  private readonly sealed = new Map<string, Promise<Envelope>>();
  private inFlight = 0;
  private pumping = false;
  /** Sending has its own queue: a long catch-up being received must not hold back what this laptop sends. */
  private sending: Promise<void> = Promise.resolve();
  private wanted: boolean;
  private everSynced = false;
  private lastSyncAt: number | null = null;
  private refusal: string | undefined;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  private constructor(
    private readonly options: SyncClientOptions,
    stored: Pick<HonbuEvent, 'id' | 'at'>[],
    rosterEvents: HonbuEvent[],
    docName: string,
    credential: Uint8Array,
  ) {
    this.now = options.now ?? Date.now;
    const me = options.device.deviceId;
    for (const e of stored) {
      this.known.add(e.id);
      if (originDevice(e) === me) this.own.add(e.id);
    }
    // Stored roster events were verified when they arrived (or are our own), so their
    // signer is the device that stamped them.
    this.roster = Roster.fromEvents(options.root, rosterEvents, originDevice);
    this.receiver = new Receiver({
      store: options.store,
      roster: this.roster,
      device: options.device,
      known: this.known,
      now: this.now,
      changed: () => this.emit(),
      ownMissing: (ids) => this.resend(ids),
      onError: options.onError,
    });
    this.array.observe((event) => {
      if (event.transaction.origin === LOCAL) return;
      const added: unknown[] = [];
      const removed: unknown[] = [];
      for (const d of event.changes.delta) if (d.insert) added.push(...(d.insert as unknown[]));
      for (const item of event.changes.deleted) removed.push(...item.content.getContent());
      this.receiver.receive(added, removed, () => this.array.toArray());
    });
    this.wanted = options.connect !== false;
    this.socket = new HocuspocusProviderWebsocket({
      url: options.serverUrl,
      WebSocketPolyfill: options.WebSocketPolyfill,
      autoConnect: false,
      delay: 500,
      minDelay: 500,
      maxDelay: 2500,
    });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name: docName, document: this.doc, token: credentialToken(credential) });
    this.provider.attach();
    this.presence = new Presence(this.provider.awareness!, options.store.keys.data, me, options.personName ?? '', () => this.emit());
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') this.presence.republish();
      this.emit();
    });
    this.provider.on('synced', ({ state }: { state: boolean }) => {
      if (state) this.receiver.enqueue(() => this.onSynced());
    });
    this.provider.on('stateless', ({ payload }: { payload: string }) => this.onServerMessage(payload));
    this.provider.on('close', ({ event }: { event: { code: number; reason: string } }) => this.onClosed(event.code, event.reason));
    this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => this.onClosed(4403, reason));
    this.unsubscribe = options.store.subscribe((notice) => this.onLocal(notice.events));
  }

  /** Reads what the store holds (ids and clocks in clear; only roster events are opened), then connects unless told not to. */
  static async start(options: SyncClientOptions): Promise<SyncClient> {
    const { store } = options;
    if (!options.credential && !store.keys.index) throw new Error('sync: the workspace key is needed for the room credential');
    const credential = options.credential ?? (await roomCredential(store.keys.index!));
    const docName = await roomName('w', credential, 'events');
    // Events appended while we read must not fall between the read and the subscription.
    const early: (readonly HonbuEvent[])[] = [];
    const stopEarly = store.subscribe((notice) => early.push(notice.events));
    let client: SyncClient;
    try {
      const stored = await store.database.events.toArray();
      const rosterEvents = (await store.readEvents(null)).filter(isRosterEvent);
      client = new SyncClient(options, stored, rosterEvents, docName, credential);
    } finally {
      stopEarly();
    }
    for (const events of early) client.onLocal(events);
    if (client.wanted) client.connect();
    return client;
  }

  connect(): void {
    this.wanted = true;
    clearTimeout(this.retryTimer);
    // The provider's connect() returns early while a socket it was told to close is still
    // open, leaving it set not to reconnect when that close lands: say we want it first.
    this.socket.shouldConnect = true;
    void this.socket.connect();
    this.emit();
  }

  /** Goes offline on purpose; edits go on and are sent on the next connect. */
  disconnect(): void {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.socket.disconnect();
    this.emit();
  }

  /** Tells the other members which board this person is looking at (null: none). */
  setBoard(board: string | null): void {
    this.presence.setBoard(board);
  }

  status(): SyncStatus {
    const state: ConnectionState = this.socket.status === 'connected' ? 'connected' : this.wanted ? 'connecting' : 'offline';
    const r = this.receiver.counts();
    return {
      state,
      lastSyncAt: this.lastSyncAt,
      pending: this.pending.size,
      held: r.held,
      receiving: r.receiving,
      rejected: r.rejected,
      peers: this.presence.peers(),
      ...(this.refusal ? { refusal: this.refusal } : {}),
    };
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every envelope refused, with its reason (the most recent thousand). */
  rejected(): Rejection[] {
    return this.receiver.rejected();
  }

  onRejected(listener: (r: Rejection) => void): () => void {
    return this.receiver.onRejected(listener);
  }

  /** Resolves once everything received and everything to send so far has been handled. */
  async idle(): Promise<void> {
    for (;;) {
      const s = this.sending;
      await s;
      await this.receiver.idle();
      if (s === this.sending) return;
    }
  }

  /** Ids of own events the server has not acknowledged yet (for tests and diagnostics). */
  pendingIds(): string[] {
    return [...this.pending.keys()];
  }

  /** Number of envelopes in the shared array (for tests and diagnostics). */
  get size(): number {
    return this.array.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.unsubscribe();
    await this.idle();
    this.presence.destroy();
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  private get live(): boolean {
    return this.socket.status === 'connected' && this.provider.synced;
  }

  private onLocal(events: readonly HonbuEvent[]): void {
    const me = this.options.device.deviceId;
    for (const e of events) {
      this.known.add(e.id);
      if (originDevice(e) !== me) continue;
      this.own.add(e.id);
      if (isRosterEvent(e)) {
        this.roster.apply(e, me);
        // Envelopes held for a device this laptop just added can now be checked.
        this.receiver.rosterChanged();
      }
      if (!this.receiver.present.has(e.id) && !this.pending.has(e.id)) {
        this.pending.set(e.id, null);
        this.outbox.set(e.id, e);
        if (this.sealed.size < MAX_PRESEALED) this.sealed.set(e.id, sealEnvelope(e, this.options.store.keys.data, this.options.device));
      }
    }
    // Before the first sync of a connection the array may lack what the server has; the
    // backlog goes out once the server's state is in (onSynced).
    if (this.everSynced) this.pump();
    this.emit();
  }

  private async onSynced(): Promise<void> {
    this.everSynced = true;
    // Own events with no verified copy in the shared log (never sent, lost by a server,
    // deleted or forged): send them again. Those pushed but unacknowledged are in this
    // document and went to the server with the sync that just happened.
    this.resend([...this.own].filter((id) => !this.receiver.present.has(id)));
    this.lastSyncAt = this.now();
    this.emit();
  }

  private resend(ids: string[]): void {
    for (const id of ids) {
      if (this.receiver.present.has(id) || this.outbox.has(id)) continue;
      const sent = this.pending.get(id);
      if (sent) this.inFlight -= sent.bytes;
      this.pending.set(id, null);
      this.outbox.set(id, null);
    }
    this.pump();
  }

  /** Pushes own events in chunks while the connection is live and not too much is unacknowledged. */
  private pump(): void {
    if (this.pumping || this.stopped) return;
    this.pumping = true;
    this.sending = this.sending.then(async () => {
      try {
        while (this.live && this.outbox.size > 0 && this.inFlight < IN_FLIGHT_BYTES) {
          if ([...this.outbox.values()].includes(null)) await this.readBack();
          const chunk: HonbuEvent[] = [];
          for (const e of this.outbox.values()) {
            if (chunk.length >= CHUNK_EVENTS) break;
            chunk.push(e!);
          }
          await this.pushChunk(chunk);
        }
      } catch (err) {
        if (this.options.onError) this.options.onError(err);
        // eslint-disable-next-line no-console -- a client without the app's handler (tests, tools) still prints its faults
        else console.error('sync: ', err);
      } finally {
        this.pumping = false;
      }
    });
  }

  /** Own events to re-send that are not in memory: one read of the store fills them all in. */
  private async readBack(): Promise<void> {
    const byId = new Map((await this.options.store.readEvents()).map((e) => [e.id, e]));
    for (const [id, e] of this.outbox) {
      const found = e ?? byId.get(id);
      if (found) this.outbox.set(id, found);
      else {
        this.outbox.delete(id);
        this.pending.delete(id);
      }
    }
  }

  private async pushChunk(events: HonbuEvent[]): Promise<void> {
    const { store, device } = this.options;
    const fresh = events.filter((e) => {
      if (!this.receiver.present.has(e.id)) return true;
      this.outbox.delete(e.id);
      this.sealed.delete(e.id);
      this.pending.delete(e.id);
      return false;
    });
    const sealed = await Promise.all(fresh.map((e) => this.sealed.get(e.id) ?? sealEnvelope(e, store.keys.data, device)));
    // Cut at the byte budget; the rest stays in the outbox for the next chunk.
    const envelopes: Envelope[] = [];
    let bytes = 0;
    for (const env of sealed) {
      if (envelopes.length > 0 && bytes + env.ct.byteLength > CHUNK_BYTES) break;
      envelopes.push(env);
      bytes += env.ct.byteLength + 200;
    }
    if (envelopes.length === 0 || !this.live) return;
    const client = this.doc.clientID;
    const base = Y.getState(this.doc.store, client);
    this.doc.transact(() => this.array.push(envelopes), LOCAL);
    envelopes.forEach((env, i) => {
      this.outbox.delete(env.id);
      this.sealed.delete(env.id);
      this.receiver.present.add(env.id);
      const size = env.ct.byteLength + 200;
      this.pending.set(env.id, { client, clock: base + i, bytes: size });
      this.inFlight += size;
    });
    this.emit();
  }

  /** The server's acknowledgement: its state for the clients of an update it stored. */
  private onServerMessage(payload: string): void {
    let msg: { t?: unknown; sv?: Record<string, unknown> };
    try {
      msg = JSON.parse(payload) as typeof msg;
    } catch {
      return;
    }
    if (msg.t !== 'ack' || typeof msg.sv !== 'object' || msg.sv === null) return;
    let acked = false;
    for (const [id, sent] of this.pending) {
      if (!sent) continue;
      const upTo = msg.sv[String(sent.client)];
      if (typeof upTo === 'number' && sent.clock < upTo) {
        this.pending.delete(id);
        this.inFlight -= sent.bytes;
        acked = true;
      }
    }
    if (acked || this.refusal) {
      this.refusal = undefined;
      this.failures = 0;
      this.lastSyncAt = this.now();
      this.pump();
      this.emit();
    }
  }

  /**
   * The server closed the connection. A refusal (a limit, a full disk, not a member) comes
   * with a reason: back off before trying again, longer each time, so a struggling server
   * is not hammered; everything unacknowledged stays pending and goes out again.
   */
  private onClosed(code: number, reason: string): void {
    if (code < 4000 || code >= 5000 || this.stopped) {
      this.emit();
      return;
    }
    this.refusal = reason || `refused (${code})`;
    const delay = BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]!;
    this.socket.disconnect();
    clearTimeout(this.retryTimer);
    if (this.wanted) {
      this.retryTimer = setTimeout(() => {
        if (this.wanted && !this.stopped) void this.socket.connect();
      }, delay);
    }
    this.emit();
  }
}
