/**
 * Sync of one workspace over Yjs and Hocuspocus. Each key epoch has its own room
 * (room-link.ts), an append-only Y.Array of signed chunks: batches of a device's events
 * sealed under the epoch's key and signed once by their device (shared/sync/chunk.ts). This client only translates: own events from the store go
 * into the current epoch's room, envelopes from others (in any room this laptop holds the
 * key of) are checked against the roster, opened and handed to `store.applyParsed`
 * (applyRemote without parsing again), which stores each once and folds them in any order. The local store stays the source of
 * truth, so nothing here blocks while offline.
 *
 * The server lets in only holders of a room's credential and only inserts of envelopes;
 * it acknowledges an update once it is on its disk. An own event counts as sent only when
 * acknowledged (`pending` until then), and as present only when a copy signed by this
 * device is in a room: a missing, deleted or forged copy makes this laptop send it again.
 * Own events go out in bounded chunks, a few at a time, so no message (nor a resync after
 * a dropped connection) outgrows the server's size limit.
 *
 * Epochs (epochs.ts): when a revocation starts a new epoch, the old room is frozen; this
 * laptop reads it to the end, takes its key for the next epoch from its box, moves its
 * writing there, and sends again whatever was not acknowledged in the old room.
 */
import { ListChannel, type ListTransport } from './list-channel';
import { roomName } from '../../../shared/sync/room';
import type { HocuspocusProviderWebsocketConfiguration } from '@hocuspocus/provider';
import type { HonbuEvent } from '../../../shared/events/event';
import { publishDeviceKey } from '../../../shared/sync/commands';
import type { DeviceKey } from '../../../shared/sync/device-key';
import { itemDevice, itemIds, itemPart } from '../../../shared/sync/chunk';
import { originDevice } from '../../../shared/sync/envelope';
import type { EpochKeys } from '../../../shared/sync/epoch';
import { isChainEvent } from '../../../shared/sync/epoch-chain';
import { isRosterEvent, Roster, type RosterRefusal, type RosterRoot } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import { Epochs, type EpochTrouble } from './epochs';
import { Presence } from './presence';
import type { RoleBook } from '../../../shared/roles/book';
import type { AccessRole } from '../../../shared/roles/model';
import { roleBookOf } from '../roles/role-book';
import { Receiver, type Rejection } from './receiver';
import { RoomCache } from './room-cache';
import { FROZEN_CODE, MESSAGE_TOO_BIG, RoomLink, TOO_LARGE_CODE, type RoomLinkHandlers } from './room-link';
import { Sender } from './sender';
import { refusalKind, type RefusalKind } from '../../../shared/sync/close-codes';

export type { Peer } from './presence';
export type { Rejection } from './receiver';
export type { EpochTrouble } from './epochs';

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
  /** Shown to other members while online (sealed, the server cannot read it). */
  personName?: string;
  /** Node has no global WebSocket before v22: tests and Electron main pass `ws`. */
  WebSocketPolyfill?: HocuspocusProviderWebsocketConfiguration['WebSocketPolyfill'];
  /** Start connected (default) or offline. */
  connect?: boolean;
  /** Where a fault while sending or receiving goes (the app's one handler); printed when absent. */
  onError?: (error: unknown) => void;
  now?: () => number;
  /** Largest packed event sent in parts (decision 069; tests ask for less): beyond it, set aside. */
  maxEventBytes?: number;
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
  /** Edits from other laptops not applied because their author's role did not allow them (the latest few). */
  roleRefused?: { id: string; person: string; device: string; kind: string; needs: AccessRole[] }[];
  peers: import('./presence').Peer[];
  /** Why the server last refused this laptop (a full disk, a limit), until it accepts again: its words, for diagnostics. */
  refusal?: string;
  /** The same, as what the person is told. */
  refusedAs?: RefusalKind;
  /** The key epoch this laptop writes in. */
  epoch: number;
  /** Why this laptop cannot follow the team into its newest key (it then only reads). */
  trouble?: EpochTrouble;
}

/**
 * The cache of a room is written this long after it changed, once nothing is being received
 * or sent (a catch-up is not slowed by writing a large document again and again), and when
 * the client stops; a large room waits longer (ten times what writing it took).
 */
const CACHE_SAVE_MS = 5000;

export class SyncClient {
  readonly roster: Roster;
  private readonly receiver: Receiver;
  /** One link per epoch still to be read; the newest is where this laptop writes. */
  private readonly links = new Map<number, RoomLink>();
  private presence: Presence | null = null;
  /** Ids of every event in the local store. */
  private readonly known = new Set<string>();
  /** Ids of this laptop's own events, which only it can sign and push. */
  private readonly own = new Set<string>();
  /** Own roster events signed before this laptop's roster trusted it: applied and sent once it does. */
  private readonly heldOwn = new Map<string, HonbuEvent>();
  private readonly sender: Sender;
  private wanted: boolean;
  private lastSyncAt: number | null = null;
  private refusal: string | undefined;
  private refusedAs: RefusalKind | undefined;
  private stopped = false;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;
  private readonly handlers: RoomLinkHandlers;
  private keyPublished = false;
  /** The synced log kept on this laptop (room-cache.ts). */
  private readonly cache: RoomCache;
  /** Per epoch: own ids the cache said were present (forgotten if the room is fetched whole again). */
  private readonly cachedPresent = new Map<number, Set<string>>();
  /** Links whose document or acknowledgements changed since the cache was written. */
  private readonly dirty = new Set<RoomLink>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private lastSaveMs = 0;

  private constructor(
    private readonly options: SyncClientOptions,
    stored: Pick<HonbuEvent, 'id' | 'at'>[],
    rosterEvents: HonbuEvent[],
    private readonly epochs: Epochs,
    roles: RoleBook,
  ) {
    this.now = options.now ?? Date.now;
    const me = options.device.deviceId;
    for (const e of stored) {
      this.known.add(e.id);
      if (originDevice(e) === me) this.own.add(e.id);
    }
    // Stored roster events were verified when they arrived (or are our own), so their
    // signer is the device that stamped them. An own one the roster refuses (stored by an
    // earlier version, or appended before this laptop's own addition reached it) is not
    // sent: the other laptops would count what this one does not.
    const refusedOwn: { event: HonbuEvent; reason: RosterRefusal }[] = [];
    this.roster = Roster.fromEvents(options.root, rosterEvents, originDevice, (event, reason) => {
      if (originDevice(event) !== me) return;
      this.own.delete(event.id);
      refusedOwn.push({ event, reason });
    });
    this.receiver = new Receiver({
      store: options.store,
      roster: this.roster,
      device: options.device,
      known: this.known,
      now: this.now,
      changed: () => this.emit(),
      ownMissing: (ids) => this.sender.resend(ids),
      accepted: (events) => this.onAccepted(events),
      onError: options.onError,
      roles,
    });
    for (const r of refusedOwn) this.refuseOwn(r.event, r.reason);
    // Own roster events held until this laptop is trusted by its own roster are looked at again as it grows.
    this.roster.subscribe(() => {
      if (this.heldOwn.size > 0) this.receiver.enqueue(async () => this.onLocal([...this.heldOwn.values()]));
    });
    this.sender = new Sender({
      store: options.store,
      device: options.device,
      present: this.receiver.present,
      link: () => this.currentLink,
      epoch: () => this.epochs.current,
      candidates: (epoch) => this.epochs.candidates(epoch),
      changed: () => this.emit(),
      fault: (err) => this.fault(err),
      maxEventBytes: options.maxEventBytes,
    });
    this.wanted = options.connect !== false;
    this.cache = new RoomCache(options.store.database, () => options.store.keys.data, options.serverUrl);
    this.handlers = {
      remote: (link, added, removed) => {
        this.changedRoom(link);
        this.receiver.receive(added, removed, () => link.items(), link.epoch);
      },
      cached: (link, items) => this.receiver.receiveCached(items, this.cachedPresent.get(link.epoch.epoch) ?? new Set(), link.epoch),
      synced: (link) => {
        this.changedRoom(link);
        // Pushed before the connection dropped, the ack lost with it: the server says what it holds.
        link.askAck(this.sender.awaitingClients(link));
        this.receiver.enqueue(() => this.onSynced(link));
      },
      message: (link, payload) => this.onServerMessage(link, payload),
      refused: (link, code, reason) => this.onRefused(link, code, reason),
      status: (link) => {
        if (link === this.currentLink && link.connected) this.presence?.republish();
        this.emit();
      },
    };
    this.unsubscribe = options.store.subscribe((notice) => this.onLocal(notice.events));
  }

  /** Reads what the store holds (ids and clocks in clear; only workspace events are opened), then connects unless told not to. */
  static async start(options: SyncClientOptions): Promise<SyncClient> {
    const { store } = options;
    // Events appended while we read must not fall between the read and the subscription.
    const early: (readonly HonbuEvent[])[] = [];
    const stopEarly = store.subscribe((notice) => early.push(notice.events));
    let client: SyncClient;
    try {
      const stored = await store.database.events.toArray();
      const workspace = await store.readEvents(null);
      const epochs = await Epochs.load(store, workspace.filter(isChainEvent));
      // The roster's anchor is the workspace's founder: direction from the start on every laptop.
      const roles = await roleBookOf(store, options.root.personId);
      client = new SyncClient(options, stored, workspace.filter(isRosterEvent), epochs, roles);
    } finally {
      stopEarly();
    }
    for (const events of early) client.onLocal(events);
    await client.openRooms();
    await client.publishKeyIfMissing();
    return client;
  }

  connect(): void {
    this.wanted = true;
    for (const l of this.links.values()) l.connect();
    this.emit();
  }

  /** Goes offline on purpose; edits go on and are sent on the next connect. */
  disconnect(): void {
    this.wanted = false;
    for (const l of this.links.values()) l.disconnect();
    this.emit();
  }

  /** Tells the other members which board this person is looking at (null: none). */
  setBoard(board: string | null): void {
    this.board = board;
    this.presence?.setBoard(board);
  }
  private board: string | null = null;

  status(): SyncStatus {
    const link = this.currentLink;
    const state: ConnectionState = link?.connected ? 'connected' : this.wanted ? 'connecting' : 'offline';
    const r = this.receiver.counts();
    return {
      state,
      lastSyncAt: this.lastSyncAt,
      pending: this.sender.size,
      held: r.held,
      receiving: r.receiving,
      rejected: r.rejected,
      roleRefused: this.receiver
        .rejected()
        .filter((x) => x.reason === 'role-refused')
        .slice(-20)
        .map((x) => ({ id: x.id ?? '', person: x.person ?? '', device: x.device ?? '', kind: x.kind ?? '', needs: x.needs ?? [] })),
      peers: this.presence?.peers() ?? [],
      ...(this.refusal ? { refusal: this.refusal, refusedAs: this.refusedAs } : {}),
      epoch: this.epochs.currentNumber,
      ...(this.epochs.trouble ? { trouble: this.epochs.trouble } : {}),
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
      const s = this.sender.work;
      await s;
      await this.receiver.idle();
      if (s === this.sender.work) return;
    }
  }

  /** Ids of own events the server has not acknowledged yet (for tests and diagnostics). */
  pendingIds(): string[] {
    return this.sender.ids();
  }

  /**
   * The keys of the epoch this laptop writes in: what else travels between laptops (the
   * customer-list blocks) is sealed for transport under them, so a revoked laptop cannot
   * open it either.
   */
  currentEpoch(): EpochKeys {
    return this.epochs.current;
  }

  /**
   * Opens the customer-list channel (decision 012) with the current epoch's credential;
   * the caller closes it. Fails with ListChannelClosed when the server refuses or is away.
   */
  async listTransport(onBytes?: (n: number) => void): Promise<ListTransport> {
    const epoch = this.epochs.current;
    const channel = await ListChannel.open({
      serverUrl: this.options.serverUrl,
      room: await roomName('w', epoch.credential, 'events'),
      credential: epoch.credential,
      WebSocketPolyfill: this.options.WebSocketPolyfill,
      onBytes,
    });
    return { channel, epoch: epoch.epoch, lists: epoch.lists, listSlot: epoch.listSlot, deviceId: this.options.device.deviceId };
  }

  /**
   * Where the intake channel opens (decision 019): this server, and the current epoch's
   * events room and credential (the same door as the customer-list channel).
   */
  async intakeDoor(): Promise<{ serverUrl: string; room: string; credential: Uint8Array; WebSocketPolyfill?: unknown }> {
    const epoch = this.epochs.current;
    return { serverUrl: this.options.serverUrl, room: await roomName('w', epoch.credential, 'events'), credential: epoch.credential, WebSocketPolyfill: this.options.WebSocketPolyfill };
  }

  /** Number of envelopes in the current epoch's room (for tests and diagnostics). */
  get size(): number {
    return this.currentLink?.array.length ?? 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sender.stopped = true;
    this.unsubscribe();
    await this.idle();
    clearTimeout(this.saveTimer);
    await this.saveCaches();
    this.presence?.destroy();
    for (const l of this.links.values()) l.destroy();
    this.links.clear();
  }

  private get currentLink(): RoomLink | undefined {
    return this.links.get(this.epochs.currentNumber);
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  /** One link per epoch held: older rooms are read once to the end, the newest is written to. */
  private async openRooms(): Promise<void> {
    for (const keys of this.epochs.all()) this.links.set(keys.epoch, await this.openLink(keys));
    this.attachPresence();
  }

  /** A room's link, its document started from this laptop's cache when there is one. */
  private async openLink(keys: EpochKeys, fresh = false): Promise<RoomLink> {
    const cached = fresh ? null : await this.cache.load(keys.epoch).catch(() => null);
    if (cached) this.cachedPresent.set(keys.epoch, new Set(cached.present));
    return RoomLink.open(keys, this.handlers, this.linkOptions(), cached?.update);
  }

  /** Something in the room changed: its cache is written again a little later. */
  private changedRoom(link: RoomLink): void {
    this.dirty.add(link);
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer !== undefined || this.stopped) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      const { receiving } = this.receiver.counts();
      if (receiving > 0 || this.sender.size > 0) this.scheduleSave();
      else void this.saveCaches();
    }, Math.max(CACHE_SAVE_MS, 10 * this.lastSaveMs));
  }

  /**
   * Writes the cache of every changed room read at least once: its document, and the own
   * ids in it that are present (checked) and acknowledged — an own event still waiting for
   * its acknowledgement is not counted, so after a restart it is sent again if need be.
   */
  private saveCaches(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const started = performance.now();
      const me = this.options.device.deviceId;
      for (const link of [...this.dirty]) {
        this.dirty.delete(link);
        if (!link.everSynced || this.links.get(link.epoch.epoch) !== link) continue;
        const update = link.snapshot();
        const present: string[] = [];
        for (const v of link.items()) {
          if (itemDevice(v) !== me) continue;
          // An event in parts counts only where all its parts are (a revocation mid-send leaves some in the old room).
          const part = itemPart(v);
          if (part && !this.receiver.ownWholeIn(link.epoch.epoch, part.eventId)) continue;
          for (const id of itemIds(v)) if (this.receiver.present.has(id) && !this.sender.has(id)) present.push(id);
        }
        await this.cache.save(link.epoch.epoch, { update, present }).catch((e: unknown) => (this.options.store.isClosed ? undefined : this.fault(e)));
      }
      this.lastSaveMs = performance.now() - started;
    });
    return this.saving;
  }

  private linkOptions() {
    return { serverUrl: this.options.serverUrl, WebSocketPolyfill: this.options.WebSocketPolyfill, connect: this.wanted && !this.stopped };
  }

  private attachPresence(): void {
    this.presence?.destroy();
    const link = this.currentLink!;
    this.presence = new Presence(link.awareness, link.epoch.presence, this.options.device.deviceId, this.options.personName ?? '', () => this.emit());
    if (this.board !== null) this.presence.setBoard(this.board);
  }

  /** A device added before key epochs publishes its X25519 key, so the next epoch's key can reach it. */
  private async publishKeyIfMissing(): Promise<void> {
    const me = this.roster.device(this.options.device.deviceId);
    if (this.keyPublished || !me || me.revoked || me.agreementKey || this.options.store.refusesLocalEdits || this.stopped) return;
    this.keyPublished = true;
    const state = { devices: this.roster.list(), rootId: this.options.root.deviceId, me: me.deviceId, epoch: this.epochs.currentNumber };
    const result = publishDeviceKey({ now: this.now(), newId: () => crypto.randomUUID(), actor: { personId: me.personId, roles: [] } }, state, {
      agreementKey: this.options.device.agreement.publicKey,
    });
    if (result.ok) await this.options.store.append(result.events);
  }

  private onLocal(events: readonly HonbuEvent[]): void {
    const me = this.options.device.deviceId;
    let chain = false;
    for (const e of events) {
      this.known.add(e.id);
      if (originDevice(e) !== me) continue;
      if (isRosterEvent(e)) {
        const refusal = this.roster.apply(e, me);
        if (refusal) {
          // Not sent (nor counted for the chain): the other laptops would count what this one does not.
          this.refuseOwn(e, refusal);
          continue;
        }
        if (this.heldOwn.delete(e.id)) this.receiver.acceptedOwn(e.id);
        // Envelopes held for a device this laptop just added can now be checked.
        this.receiver.rosterChanged();
      }
      this.own.add(e.id);
      if (isChainEvent(e)) {
        this.epochs.note(e);
        chain = true;
      }
      this.sender.add(e);
    }
    // Before the first sync of a connection the room may lack what the server has; the
    // backlog goes out once the server's state is in (onSynced).
    if (this.currentLink?.everSynced) this.sender.pump();
    if (chain) this.checkChain();
    if (chain || events.some((e) => originDevice(e) === me && isRosterEvent(e))) this.receiver.enqueue(() => this.rekeyIfDue());
    this.emit();
  }

  /**
   * An own roster event this laptop's roster refuses is listed and not sent. One signed before
   * this laptop was trusted here (its own addition still on its way) is held and applied — and
   * sent — once the roster takes it, as after a restart; any other refusal is final.
   */
  private refuseOwn(e: HonbuEvent, reason: RosterRefusal): void {
    if (this.heldOwn.has(e.id)) return;
    if (reason === 'untrusted-signer') this.heldOwn.set(e.id, e);
    this.receiver.refusedOwn(e.id, reason);
  }

  /** Remote events stored: the chain may have moved (an epoch started in the current room). */
  private onAccepted(events: HonbuEvent[]): void {
    let chain = false;
    for (const e of events) {
      if (!isChainEvent(e)) continue;
      this.epochs.note(e);
      chain = true;
    }
    if (chain) this.checkChain();
    // A member published its key, or a revocation arrived: a new epoch may be due now; or
    // this laptop's own entry arrived, still without its key.
    if (chain || events.some(isRosterEvent)) {
      this.receiver.enqueue(() => this.rekeyIfDue());
      this.receiver.enqueue(() => this.publishKeyIfMissing().catch((e: unknown) => this.fault(e)));
    }
  }

  private async onSynced(link: RoomLink): Promise<void> {
    if (this.links.get(link.epoch.epoch) !== link) return;
    link.everSynced = true;
    if (link !== this.currentLink) {
      // An older epoch's room, read to the end (it is frozen): nothing more will come from it.
      if (link.frozen) this.retire(link);
      else link.freeze();
    }
    if (!this.currentLink?.everSynced || [...this.links.values()].some((l) => l !== this.currentLink && !l.everSynced)) return;
    // Own events with no verified copy in any room (never sent, lost by a server, deleted
    // or forged): send them again. Those pushed but unacknowledged are in the current
    // room's document and went to the server with the sync that just happened.
    this.sender.resend([...this.own].filter((id) => !this.receiver.present.has(id)));
    this.lastSyncAt = this.now();
    await this.advance();
    await this.rekeyIfDue();
    this.emit();
  }

  /** Starts a new epoch if a revoked laptop still holds the current key and it is this laptop's turn (epochs.ts). */
  private async rekeyIfDue(): Promise<void> {
    if (!this.currentLink?.everSynced || this.options.store.refusesLocalEdits || this.stopped) return;
    await this.epochs.rekeyIfDue(this.roster, this.options.device, this.options.root.deviceId).catch((e: unknown) => this.fault(e));
  }

  private retire(link: RoomLink): void {
    link.destroy();
    this.links.delete(link.epoch.epoch);
  }

  /** Looks at the chain again once everything received so far is handled. */
  private checkChain(): void {
    this.receiver.enqueue(() => this.advance());
  }

  /**
   * The current room: ask for a freeze once an epoch-started event for the next epoch is in
   * it (ours only once acknowledged); once it is frozen and read, move on.
   */
  private async advance(): Promise<void> {
    const link = this.currentLink;
    if (!link || this.stopped) return;
    const n = link.epoch.epoch;
    const candidates = this.epochs.candidates(n);
    if (candidates.length > 0 && !link.frozen) {
      const inRoom = new Set(link.items().flatMap(itemIds));
      if (candidates.some((id) => inRoom.has(id) && !this.sender.has(id))) link.freeze();
    }
    if (!link.frozen || !link.synced) return;
    const decision = await this.epochs.decide(n, link.items(), this.roster, this.options.device);
    if (decision && 'next' in decision) await this.moveTo(decision.next);
    this.emit();
  }

  /** Writes go to the next epoch's room from now on; whatever the old room did not acknowledge goes there. */
  private async moveTo(next: EpochKeys): Promise<void> {
    const old = this.links.get(next.epoch - 1);
    if (old) this.retire(old);
    this.sender.requeue(null);
    this.refusal = undefined;
    this.links.set(next.epoch, await this.openLink(next));
    this.attachPresence();
  }

  /** Drops the room's cache and opens it again empty: the server's content is read whole. */
  private async refetch(link: RoomLink): Promise<void> {
    const epoch = link.epoch.epoch;
    for (const id of this.cachedPresent.get(epoch) ?? []) this.receiver.present.delete(id);
    this.cachedPresent.delete(epoch);
    this.sender.requeue(link);
    link.destroy();
    await this.cache.drop(epoch).catch((e: unknown) => this.fault(e));
    const fresh = await this.openLink(link.epoch, true);
    if (this.stopped) return fresh.destroy();
    this.links.set(epoch, fresh);
    if (epoch === this.epochs.currentNumber) this.attachPresence();
    this.emit();
  }

  private fault(err: unknown): void {
    if (this.options.onError) this.options.onError(err);
    // eslint-disable-next-line no-console -- a client without the app's handler (tests, tools) still prints its faults
    else console.error('sync: ', err);
  }

  /** The server's acknowledgement (its state for the clients of an update it stored), or the news that a room is frozen. */
  private onServerMessage(link: RoomLink, payload: string): void {
    let msg: { t?: unknown; sv?: Record<string, unknown> };
    try {
      msg = JSON.parse(payload) as typeof msg;
    } catch {
      return;
    }
    if (msg.t === 'frozen') {
      // An older room already read: done with it. The current one: the chain may move on.
      if (link !== this.currentLink) this.receiver.enqueue(async () => (link.everSynced && this.links.get(link.epoch.epoch) === link ? this.retire(link) : undefined));
      else this.checkChain();
      this.emit();
      return;
    }
    if (msg.t !== 'ack' || typeof msg.sv !== 'object' || msg.sv === null) return;
    const acked = this.sender.acked(link, msg.sv);
    if (acked.any) this.changedRoom(link);
    if (acked.any || this.refusal) {
      // Only something newly stored (or nothing left to send) shows the server can store
      // again: the ack a reconnect asks for, with nothing new, keeps the refusal on screen.
      if (acked.any || this.sender.size === 0) this.refusal = undefined;
      if (acked.any) {
        // The backoff starts over, and "last synced" moves, only once the server stored
        // something again: a reconnect against a failing disk keeps backing off.
        link.accepted();
        this.lastSyncAt = this.now();
      }
      this.sender.pump();
      this.emit();
    }
    if (acked.chain) this.checkChain();
  }

  /**
   * The server refused this laptop in a room (the link backs off and retries). A frozen
   * room: what this laptop pushed there unacknowledged will go to the next epoch; the room
   * is opened again without it (a fresh document), read to the end, and the chain moves on.
   */
  private onRefused(link: RoomLink, code: number, reason: string): void {
    if (link.fromCache && (code === TOO_LARGE_CODE || code === MESSAGE_TOO_BIG) && this.links.get(link.epoch.epoch) === link && !this.stopped) {
      // The cached document holds more than the server (it lost its data): start the room
      // again from nothing; own events present only through the cache are sent again.
      this.refetch(link).catch((e: unknown) => this.fault(e));
      return;
    }
    if (code === FROZEN_CODE && this.links.get(link.epoch.epoch) === link && !this.stopped) {
      if (this.sender.awaits(link)) {
        this.sender.requeue(link);
        link.destroy();
        void this.openLink(link.epoch, true).then((fresh) => {
          fresh.frozen = true;
          if (this.stopped) return fresh.destroy();
          this.links.set(fresh.epoch.epoch, fresh);
          if (fresh.epoch.epoch === this.epochs.currentNumber) this.attachPresence();
        });
      }
      this.emit();
      return;
    }
    this.refusal = reason;
    this.refusedAs = refusalKind(code);
    this.emit();
  }
}
