/**
 * Sync of one workspace over Yjs. The shared document holds an append-only Y.Array of
 * envelopes (events sealed under the workspace key and signed by their device); Yjs and
 * its websocket provider do replication, offline catch-up and reconnection. This client
 * only translates: own events from the store go into the array, envelopes from others
 * are checked against the roster, opened and handed to `store.applyRemote`, which stores
 * each once and folds them in any order. The local store stays the source of truth, so
 * nothing here blocks while offline.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { HonbuEvent } from '../../../shared/events/event';
import type { DeviceKey } from '../../../shared/sync/device-key';
import { openEnvelope, originDevice, sealEnvelope, type Envelope, type RejectReason } from '../../../shared/sync/envelope';
import { isRosterEvent, Roster, type RosterRefusal, type RosterRoot } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import { Presence, type Peer } from './presence';

export type { Peer } from './presence';

export interface SyncClientOptions {
  store: EventStore;
  /** This laptop's signing key; its id must be the store's device id (the clock node). */
  device: DeviceKey;
  /** The workspace creator's device: the anchor of the roster. */
  root: RosterRoot;
  /** ws:// or wss:// address of the sync server. */
  serverUrl: string;
  /** Random id of the workspace's shared document (the server sees only this name). */
  room: string;
  /** Shown to other members while online (sealed, the server cannot read it). */
  personName?: string;
  /** Node has no global WebSocket before v22: tests and Electron main pass `ws`. */
  WebSocketPolyfill?: NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'];
  /** Start connected (default) or offline. */
  connect?: boolean;
  now?: () => number;
}

export type ConnectionState = 'connected' | 'connecting' | 'offline';

export interface SyncStatus {
  /** Anything but 'connected' is the offline banner: edits go on and are sent later. */
  state: ConnectionState;
  /** When this laptop last completed a sync with the server (ms), null before the first. */
  lastSyncAt: number | null;
  /** Own events the server has not been sent yet. */
  pending: number;
  /** Envelopes from devices the roster does not know yet (kept, retried when it grows). */
  held: number;
  /** Envelopes received and still being checked and folded in (progress of a catch-up). */
  receiving: number;
  rejected: number;
  peers: Peer[];
}

export interface Rejection {
  reason: RejectReason | RosterRefusal;
  id?: string;
  device?: string;
  at: number;
}

/** Remote events are checked and folded in chunks so one huge catch-up does not hold one giant transaction. */
const APPLY_CHUNK = 2000;
const MAX_REJECTIONS = 1000;
/** Envelopes from unknown devices kept for a roster event still on its way; beyond this, a flood. */
const MAX_HELD = 20_000;
const LOCAL = Symbol('honbu-sync-local');

export class SyncClient {
  readonly roster: Roster;
  private readonly doc = new Y.Doc();
  private readonly array = this.doc.getArray<Envelope>('events');
  private readonly provider: WebsocketProvider;
  private readonly presence: Presence;
  /** Ids of every event in the local store. */
  private readonly known = new Set<string>();
  /** Ids of this laptop's own events, which only it can sign and push. */
  private readonly own = new Set<string>();
  /** Ids present in the shared array (ours and others'). */
  private readonly inArray = new Set<string>();
  private readonly pending = new Set<string>();
  private readonly held = new Map<string, Envelope>();
  private readonly rejections: Rejection[] = [];
  private rejectedCount = 0;
  private receiving = 0;
  private incoming: Envelope[] = [];
  private work: Promise<void> = Promise.resolve();
  private everSynced = false;
  private lastSyncAt: number | null = null;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private readonly rejectionListeners = new Set<(r: Rejection) => void>();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  private constructor(private readonly options: SyncClientOptions, stored: Pick<HonbuEvent, 'id' | 'at'>[], rosterEvents: HonbuEvent[]) {
    this.now = options.now ?? Date.now;
    const me = options.device.deviceId;
    for (const e of stored) {
      this.known.add(e.id);
      if (originDevice(e) === me) this.own.add(e.id);
    }
    // Stored roster events were verified when they arrived (or are our own), so their
    // signer is the device that stamped them.
    this.roster = Roster.fromEvents(options.root, rosterEvents, originDevice);
    this.array.observe((event) => {
      const added: Envelope[] = [];
      for (const d of event.changes.delta) if (d.insert) added.push(...(d.insert as Envelope[]));
      for (const env of added) if (env && typeof env.id === 'string') this.inArray.add(env.id);
      if (event.transaction.origin !== LOCAL) this.receive(added);
    });
    this.provider = new WebsocketProvider(options.serverUrl, options.room, this.doc, {
      connect: false,
      // Tabs of one browser must not sync behind the server's back (and tests run several
      // clients in one process, where the fallback channel is shared memory).
      disableBc: true,
      WebSocketPolyfill: options.WebSocketPolyfill,
      maxBackoffTime: 2500,
    });
    this.presence = new Presence(this.provider.awareness, options.store.keys.data, me, options.personName ?? '', () => this.emit());
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') this.presence.republish();
      this.emit();
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.enqueue(() => this.onSynced());
    });
    this.unsubscribe = options.store.subscribe((events) => this.onLocal(events));
  }

  /** Reads what the store holds (ids and clocks in clear; only roster events are opened), then connects unless told not to. */
  static async start(options: SyncClientOptions): Promise<SyncClient> {
    const { store } = options;
    // Events appended while we read must not fall between the read and the subscription.
    const early: HonbuEvent[][] = [];
    const stopEarly = store.subscribe((events) => early.push(events));
    let client: SyncClient;
    try {
      const stored = await store.database.events.toArray();
      const rosterEvents = (await store.readEvents(null)).filter(isRosterEvent);
      client = new SyncClient(options, stored, rosterEvents);
    } finally {
      stopEarly();
    }
    for (const events of early) client.onLocal(events);
    if (options.connect !== false) client.connect();
    return client;
  }

  connect(): void {
    this.provider.connect();
    this.emit();
  }

  /** Goes offline on purpose; edits go on and are sent on the next connect. */
  disconnect(): void {
    this.provider.disconnect();
    this.emit();
  }

  /** Tells the other members which board this person is looking at (null: none). */
  setBoard(board: string | null): void {
    this.presence.setBoard(board);
  }

  status(): SyncStatus {
    const state: ConnectionState = this.provider.wsconnected ? 'connected' : this.provider.shouldConnect ? 'connecting' : 'offline';
    return {
      state,
      lastSyncAt: this.lastSyncAt,
      pending: this.pending.size,
      held: this.held.size,
      receiving: this.receiving + this.incoming.length,
      rejected: this.rejectedCount,
      peers: this.presence.peers(),
    };
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every envelope refused, with its reason (the most recent thousand). */
  rejected(): Rejection[] {
    return [...this.rejections];
  }

  onRejected(listener: (r: Rejection) => void): () => void {
    this.rejectionListeners.add(listener);
    return () => this.rejectionListeners.delete(listener);
  }

  /** Resolves once everything received and everything to send so far has been handled. */
  async idle(): Promise<void> {
    for (;;) {
      const w = this.work;
      await w;
      if (w === this.work && this.incoming.length === 0) return;
    }
  }

  /** Number of envelopes in the shared array (for tests and diagnostics). */
  get size(): number {
    return this.array.length;
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.idle();
    this.presence.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((err: unknown) => console.error('sync: ', err));
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  private onLocal(events: HonbuEvent[]): void {
    const me = this.options.device.deviceId;
    const mine: HonbuEvent[] = [];
    for (const e of events) {
      this.known.add(e.id);
      if (originDevice(e) !== me) continue;
      this.own.add(e.id);
      if (isRosterEvent(e)) {
        this.roster.apply(e, me);
        // Envelopes held for a device this laptop just added can now be checked.
        if (this.held.size > 0) this.enqueue(() => this.drain());
      }
      if (!this.inArray.has(e.id)) {
        mine.push(e);
        this.pending.add(e.id);
      }
    }
    // Before the first sync of this session the array may lack what the server already
    // has; the backlog is pushed once the server's state is in (onSynced), never twice.
    if (mine.length > 0 && this.everSynced) this.enqueue(() => this.push(mine));
    this.emit();
  }

  private async onSynced(): Promise<void> {
    this.everSynced = true;
    const missing = [...this.own].filter((id) => !this.inArray.has(id));
    if (missing.length > 0) {
      const wanted = new Set(missing);
      await this.push((await this.options.store.readEvents()).filter((e) => wanted.has(e.id)));
    }
    this.lastSyncAt = this.now();
    // The provider sends its own state right after the server's first message, so by now
    // everything pushed has been offered to the server.
    for (const id of [...this.pending]) if (this.inArray.has(id)) this.pending.delete(id);
    this.emit();
  }

  private async push(events: HonbuEvent[]): Promise<void> {
    const fresh = events.filter((e) => !this.inArray.has(e.id));
    if (fresh.length === 0) return;
    const { store, device } = this.options;
    const envelopes = await Promise.all(fresh.map((e) => sealEnvelope(e, store.keys.data, device)));
    this.doc.transact(() => this.array.push(envelopes), LOCAL);
    if (this.provider.wsconnected && this.provider.synced) {
      for (const e of fresh) this.pending.delete(e.id);
      this.lastSyncAt = this.now();
    }
    this.emit();
  }

  private receive(envelopes: Envelope[]): void {
    const fresh = envelopes.filter((e) => e && typeof e.id === 'string' ? !this.known.has(e.id) : true);
    if (fresh.length === 0) return;
    this.incoming.push(...fresh);
    this.enqueue(() => this.drain());
  }

  /** Verifies, opens and applies everything received; retries held envelopes as the roster grows. */
  private async drain(): Promise<void> {
    if (this.incoming.length === 0 && this.held.size === 0) return;
    let todo = [...this.held.values(), ...this.incoming.splice(0)];
    this.held.clear();
    for (;;) {
      const retry: Envelope[] = [];
      let rosterGrew = false;
      // Chunk by chunk: memory stays bounded on a big catch-up and the UI sees progress.
      for (let i = 0; i < todo.length; i += APPLY_CHUNK) {
        const chunk = todo.slice(i, i + APPLY_CHUNK);
        this.receiving = todo.length - i;
        const opened = await Promise.all(chunk.map((env) => openEnvelope(env, this.options.store.keys.data, this.roster)));
        const accepted = new Map<string, HonbuEvent>();
        opened.forEach((r, j) => {
          if (!r.ok) {
            if (r.reason === 'unknown-device') retry.push(chunk[j]!);
            else this.reject({ reason: r.reason, id: r.id, device: r.device });
            return;
          }
          if (this.known.has(r.event.id) || accepted.has(r.event.id)) return;
          const refusal = this.roster.apply(r.event, r.device);
          if (refusal) {
            this.reject({ reason: refusal, id: r.event.id, device: r.device });
            return;
          }
          if (isRosterEvent(r.event)) rosterGrew = true;
          accepted.set(r.event.id, r.event);
        });
        if (accepted.size > 0) await this.options.store.applyRemote([...accepted.values()]);
        for (const id of accepted.keys()) this.known.add(id);
        this.emit();
      }
      if (!rosterGrew || retry.length === 0) {
        for (const env of retry) {
          if (this.held.size >= MAX_HELD) this.reject({ reason: 'unknown-device', id: env.id, device: env.device });
          else this.held.set(env.id, env);
        }
        break;
      }
      todo = retry;
    }
    this.receiving = 0;
    if (this.provider.wsconnected) this.lastSyncAt = this.now();
    this.emit();
  }

  private reject(r: Omit<Rejection, 'at'>): void {
    const rejection = { ...r, at: this.now() };
    this.rejectedCount++;
    this.rejections.push(rejection);
    if (this.rejections.length > MAX_REJECTIONS) this.rejections.shift();
    for (const l of this.rejectionListeners) l(rejection);
  }
}
