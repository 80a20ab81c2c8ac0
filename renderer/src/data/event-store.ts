/**
 * The encrypted, event-sourced store. append() stamps drafts (uuid, hybrid logical
 * clock, actor), folds them into the projections and writes events and rows in one
 * IndexedDB transaction: either all of it lands or none of it.
 *
 * WebCrypto is asynchronous and an IndexedDB transaction closes when it waits on
 * anything else, so sealing happens outside the transaction: read and open the touched
 * rows, fold, seal, then write everything in one go. A lock serialises appends so no
 * other append can slip in between the read and the write.
 */
import type { HonbuEvent } from '../../../shared/events/event';
import { boundEventId, parseDraft, parseEvent, type AnyDraft, type AnyEvent } from '../../../shared/events/registry';
import { ClockDriftError, decodeHlc, encodeHlc, type Hlc, MAX_DRIFT_MS, receive, tick } from '../../../shared/events/hlc';
import { foldAll, type AnyProjection } from '../../../shared/events/projection';
import { openJson, sealBytes, sealJson } from '../../../shared/vault/cipher';
import { packJson } from '../../../shared/vault/packed-json';
import { utf8 } from '../../../shared/vault/bytes';
import { NO_INCIDENT, type HonbuDb, type StoredEvent, type StoredEventPack, type StoredRow } from './db';
import { onWrittenElsewhere, rowAad, rowsWritten, tableReader, type TableReader } from './table-reader';
import type { ChangeNotice, EventOrigin } from './change-notice';
import { EventReader, ReaderUnavailable } from './event-reader';
import { BackgroundGate, type TurnOptions } from './background-gate';
import { boundEventAad, openReadableEvents, packedEventAad, openStoredEvents, packAad, readEventsOfTypes, readReadableOfTypes, type ReadableEvents, type RefusedEvent } from './typed-events';
import type { IndexOf, RowOf, TableRef } from './tables';
import { CommandRefused, InvalidDraftError, ReadOnlyError, StoreBusyError, StoreClosedError, type AppendHook, type BulkProjection, type BulkWrite, type Now, type RemoteRefusal, type StoreIdentity, type WriteGuard } from './store-contract';
import { mark } from './trace';

export type { ChangeNotice, EventOrigin, Touched } from './change-notice';
export * from './store-contract';
export type { RefusedEvent } from './typed-events';

type Row = { id: string };

const PENDING_KEY = 'pending-projections';

/**
 * Event packs (decision 038): a commit's events of one incident and type, once there are
 * PACK_MIN of them (a sync catch-up, a bulk edit), have their payloads sealed together —
 * one WebCrypto call for up to PACK_MAX events or PACK_BYTES of JSON instead of one each.
 * Packs hold one incident and one type only, so a read by incident or by type opens no
 * payload it does not return. Reading them back: typed-events.ts.
 */
const PACK_MIN = 8;
const PACK_MAX = 1000;
const PACK_BYTES = 1 << 20;

export class EventStore {
  /** Opens large reads of events off this thread; started on first use, ended on close. */
  private reader: EventReader | null = null;
  /** Who hears the events a read refused (onRefused), and those refused before anyone listened. */
  private refusedListener: ((refused: readonly RefusedEvent[]) => void) | null = null;
  private readonly refusedEarly = new Map<string, RefusedEvent>();
  /** Why local edits are refused (this laptop was revoked from its team); null while they are accepted. */
  private refusal: string | null = null;

  /**
   * Refuses every local edit from now on, or accepts them again (null). Events from other
   * laptops still arrive and fold: a revoked laptop can still be read, never written.
   */
  refuseLocalEdits(reason: string | null): void {
    this.refusal = reason;
  }

  get refusesLocalEdits(): boolean {
    return this.refusal !== null;
  }

  private guard: WriteGuard | null = null;

  /**
   * Checks every local write from now on (the roles of the person using this laptop): a
   * draft the guard refuses fails the whole append with CommandRefused, nothing written.
   * Every write path goes through here (dispatch, the contact engine, the data layer), so
   * none can slip past by not being a command. Events from other laptops are judged by the
   * sync receiver instead, against their author's roles.
   */
  guardWrites(guard: WriteGuard | null): void {
    this.guard = guard;
  }

  private clock: Hlc | undefined;
  private clockRead: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Writes queued on this store and not landed yet, and writes landed since it opened: an unlocked read checks them (readUnlocked). */
  private writesPending = 0;
  private writesLanded = 0;
  private readonly listeners = new Set<(notice: ChangeNotice) => void>();
  private readonly bulk = new Set<BulkProjection>();
  /** The person's work under way, and when it last was: background work waits for a quiet turn (background-gate.ts). */
  private readonly gate = new BackgroundGate();

  /** The unlocked keys; null once the store is closed (locked). */
  private keyRef: CryptoKey | null;
  private indexKeyRef: CryptoKey | undefined;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly db: HonbuDb,
    key: CryptoKey,
    private readonly projections: AnyProjection[],
    private readonly identity: StoreIdentity,
    private readonly now: Now = Date.now,
    indexKey?: CryptoKey,
  ) {
    this.keyRef = key;
    this.indexKeyRef = indexKey;
    this.stopWatching = onWrittenElsewhere(db, () => this.forgetClock());
  }

  /** Stops hearing of other tabs' writes (close). */
  private readonly stopWatching: () => void;

  private get key(): CryptoKey {
    if (!this.keyRef) throw new StoreClosedError();
    return this.keyRef;
  }

  /** True from the moment the workspace is locked. */
  get isClosed(): boolean {
    return this.closing !== null;
  }

  /** Listeners still attached (the session's lock test expects none). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * Closes the store on lock: from now on it takes no edit and tells no listener; the
   * writes already queued still land (an edit saved a moment before the lock is kept),
   * then the keys are dropped, so nothing that kept a reference to the store can read.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.listeners.clear();
      this.stopWatching();
      // Background work waiting for a turn looks again (and sees its engine disposed).
      this.gate.wake();
      // A read in flight there falls back to reading in place (readEventsOffThread): a write
      // queued before the lock may be waiting on it to fold.
      this.reader?.dispose(new ReaderUnavailable('the workspace is locking'));
      await this.queue;
      this.keyRef = null;
      this.indexKeyRef = undefined;
    })();
    return this.closing;
  }

  /** The person whose events this store writes (the actor of every local event). */
  get actor(): string {
    return this.identity.actor;
  }

  /** The workspace database, for bulk stores that keep their own tables beside the events. */
  get database(): HonbuDb {
    return this.db;
  }

  /** The unlocked keys, for bulk stores (customer lists) that seal and index their own records. */
  get keys(): { data: CryptoKey; index: CryptoKey | undefined } {
    return { data: this.key, index: this.indexKeyRef };
  }

  /** Told after each commit what it changed (see ChangeNotice). */
  subscribe(listener: (notice: ChangeNotice) => void): () => void {
    if (this.closing) return () => false;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `fn` once every write queued so far has landed (or failed). A bulk projection that
   * is let go on lock stays folding until then: the writes queued before a lock still land,
   * and must land folded.
   */
  afterQueued(fn: () => void): void {
    void this.queue.then(fn);
  }

  /**
   * Runs `work` as the person's own (a command, from its first read to its commit): no
   * background transaction starts until it is done and a quiet moment has passed. Every
   * write queued here counts as well (append, events from the team), so only the reads a
   * command makes before it appends need this.
   */
  asPerson<T>(work: () => Promise<T>): Promise<T> {
    return this.gate.hold(work);
  }

  /**
   * Background IndexedDB work (the index merge, dataset upgrades, the fold check) awaits
   * this before each of its transactions: it resolves once none of the person's work is
   * under way and none was for a quiet moment (or at once once `stop()`). IndexedDB answers
   * one database's requests one after another; this way a call result never waits behind
   * a background transaction that started while it was being recorded.
   */
  backgroundTurn(options?: TurnOptions): Promise<void> {
    // Traced: a background transaction that starts inside a measured command shows in its steps.
    return this.gate.turn(options).then(() => mark('background'));
  }

  /** Folds every later commit into `projection` too, in the same transaction, until the returned function is called. */
  addBulkProjection(projection: BulkProjection): () => void {
    this.bulk.add(projection);
    return () => this.bulk.delete(projection);
  }

  /**
   * Stamps and writes drafts, folded into the projections in the same transaction. Only a
   * registered type with its payload compiles (shared/events/registry.ts); every draft is
   * checked again at run time, and one bad draft means none is written.
   */
  append(drafts: readonly AnyDraft[], hook?: AppendHook): Promise<AnyEvent[]> {
    if (this.closing) return Promise.reject(new StoreClosedError());
    // Checked before queueing: an edit refused now must not slip in behind one in flight.
    if (this.refusal !== null && drafts.length > 0) return Promise.reject(new ReadOnlyError(this.refusal));
    mark('queued');
    return this.enqueueWrite(() => this.appendNow(drafts, hook));
  }

  /**
   * Writes derived bulk tables (a refold of customer statuses) under the append lock, so no
   * append's own fold can interleave with it. No event is written; listeners hear a notice
   * without events naming what the hook touched.
   */
  writeDerived(hook: AppendHook, options: { background?: boolean } = {}): Promise<void> {
    if (this.closing) return Promise.reject(new StoreClosedError());
    return this.enqueueWrite(() => this.commit([], hook), true, options.background).then(() => undefined);
  }

  /**
   * A read of several tables that belong together (a check that stored statuses equal a
   * fold of the events must not read the statuses before a commit and the events after it),
   * without holding commits meanwhile: the read runs while writes go on, and counts only if no write of this store was queued or landed while it ran and the
   * newest stored event is the same before and after (another tab's append); otherwise it is
   * made again. After `tries` such reads it gives up with StoreBusyError — it never makes a
   * write wait: a long read (every status block of a 20M list) while call results keep
   * coming would otherwise hold each of them for as long as it reads.
   */
  async readUnlocked<T>(read: () => Promise<T>, tries = 3): Promise<T> {
    for (let i = 0; i < tries; i++) {
      if (this.closing) throw new StoreClosedError();
      if (this.writesPending > 0) await this.queue;
      const landed = this.writesLanded;
      const newest = await this.newestEventMark();
      const value = await read();
      if (this.writesPending === 0 && this.writesLanded === landed && (await this.newestEventMark()) === newest) return value;
    }
    throw new StoreBusyError();
  }

  private async newestEventMark(): Promise<string> {
    return String((await this.db.events.orderBy('at').lastKey()) ?? '');
  }

  /**
   * Every write goes through here: one at a time, in order, under the cross-tab lock. A
   * write that is not background work (`background`: an upgrade's refold) is the person's
   * until it lands: no background transaction starts meanwhile.
   */
  private enqueueWrite<T>(write: () => Promise<T>, crossTab = true, background = false): Promise<T> {
    this.writesPending++;
    const person = background ? () => undefined : this.gate.begin();
    const run = this.queue.then(() => (crossTab ? this.withCrossTabLock(write) : write())).finally(() => {
      this.writesPending--;
      this.writesLanded++;
      person();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async withCrossTabLock<T>(fn: () => Promise<T>): Promise<T> {
    // Two tabs on one workspace (web mode) must not interleave their read-fold-write.
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return fn();
    return locks.request(`honbu-append:${this.db.name}`, fn);
  }

  /**
   * The clock set from the latest stored event, read once (and shared by whoever asks first:
   * the first stamp, a sync batch, or primeClock ahead of them), and again after another tab
   * wrote to the workspace (web mode: `forgetClock`). Nothing else sets the clock before this
   * has, and a read that another tab's write overtook sets nothing, so the clock is never put
   * back behind a stamp already given or an event another tab stored.
   */
  private loadClock(): Promise<void> {
    const generation = this.clockGeneration;
    this.clockRead ??= (async () => {
      // The latest stored event, leaving out another laptop's stamped further ahead than it may
      // drag our clock (a 2099 event): on a restart it must not do what it could not do live
      // (receive() refuses it), or every edit of ours would be stamped 2099. Our own events
      // always count: our next one must come after them, whatever our clock says now.
      const limit = encodeHlc({ wall: this.now() + MAX_DRIFT_MS, counter: 0, node: '' });
      const me = this.identity.deviceId;
      const last = await this.db.events
        .orderBy('at')
        .reverse()
        .filter((e) => e.at < limit || decodeHlc(e.at).node === me)
        .first();
      if (generation !== this.clockGeneration) return;
      const stored: Hlc = last ? { ...decodeHlc(last.at), node: me } : { wall: 0, counter: 0, node: me };
      // Never behind what this store already stamped or received.
      this.clock = this.clock && encodeHlc(this.clock) > encodeHlc(stored) ? this.clock : stored;
    })().catch((e: unknown) => {
      // Not kept when it failed (a lock mid-read): the next stamp reads again.
      if (generation === this.clockGeneration) this.clockRead = null;
      throw e;
    });
    return this.clockRead;
  }

  private clockGeneration = 0;

  /**
   * Another tab wrote to this workspace (web mode): it may have stored events stamped after
   * our clock (its own, or another laptop's it received), which this tab never saw. The next
   * stamp reads the clock again, inside the cross-tab lock, and goes after them.
   */
  private forgetClock(): void {
    this.clockGeneration++;
    this.clockRead = null;
    this.clockStale = true;
  }

  /** Set by forgetClock: the clock must be read again before the next stamp (it is kept, so it never goes back). */
  private clockStale = false;

  /**
   * Reads the clock now, in the background, so the first write after unlock does not wait
   * for it: the read walks the clock index from its end, which on a store just opened took
   * 30 ms of the first call result's 60–90 in the bench. A failure is left to the first
   * stamp, which reads again and says it.
   */
  primeClock(): void {
    if (this.clock || this.closing) return;
    this.loadClock().catch(() => undefined);
  }

  private async nextStamp(): Promise<string> {
    while (!this.clock || this.clockStale) {
      this.clockStale = false;
      await this.loadClock();
    }
    this.clock = tick(this.clock, this.now());
    return encodeHlc(this.clock);
  }

  private async appendNow(drafts: readonly AnyDraft[], hook?: AppendHook): Promise<AnyEvent[]> {
    // Every draft is checked against its schema before anything is stamped: one bad draft
    // and none of them is written.
    const checked = drafts.map((d) => {
      const p = parseDraft(d);
      if (!p.ok) throw new InvalidDraftError(p.reason);
      return p.event;
    });
    mark('lock');
    const problems = this.guard ? await this.guard(checked) : [];
    mark('guard');
    if (problems.length > 0) throw new CommandRefused(problems);
    const events: AnyEvent[] = [];
    for (const d of checked) {
      events.push({ ...d, id: boundEventId(d) ?? crypto.randomUUID(), at: await this.nextStamp(), actor: this.identity.actor });
    }
    mark('stamp');
    return this.commit(events, hook);
  }

  /**
   * Events from another laptop (sync): each parsed against the registry first (an old type
   * name upcast), then stored once, whatever order and however often they arrive, and folded
   * into the projections. The folds are order-independent (last writer wins by clock), so
   * the projections end the same on every laptop. An event that does not parse is neither
   * stored nor folded: `onRefused` hears it with the reason. Resolves with the events that
   * were new here.
   */
  applyRemote(events: readonly unknown[], onRefused?: (refusal: RemoteRefusal) => void): Promise<AnyEvent[]> {
    if (this.closing) return Promise.reject(new StoreClosedError());
    const parsed: AnyEvent[] = [];
    for (const raw of events) {
      const p = parseEvent(raw);
      if (p.ok) parsed.push(p.event);
      else onRefused?.({ id: idOf(raw), reason: p.reason });
    }
    return this.enqueueWrite(() => this.applyRemoteNow(parsed));
  }

  /**
   * Like applyRemote, for events the caller has just parsed with `parseEvent` (the sync
   * receiver must, to check roster events before storing anything): parsing thousands of
   * events a second time would only cost time.
   */
  applyParsed(events: readonly AnyEvent[]): Promise<AnyEvent[]> {
    if (this.closing) return Promise.reject(new StoreClosedError());
    return this.enqueueWrite(() => this.applyRemoteNow(events));
  }

  private async applyRemoteNow(incoming: readonly AnyEvent[]): Promise<AnyEvent[]> {
    const unique = [...new Map(incoming.map((e) => [e.id, e])).values()];
    const present = await this.db.events.bulkGet(unique.map((e) => e.id));
    const fresh = unique.filter((e, i) => present[i] === undefined);
    if (fresh.length === 0) return [];
    for (const e of fresh) {
      // Our next local stamp must come after everything we have seen.
      while (!this.clock || this.clockStale) {
        this.clockStale = false;
        await this.loadClock();
      }
      try {
        this.clock = receive(this.clock!, decodeHlc(e.at), this.now());
      } catch (err) {
        // A laptop whose clock is a day ahead still gets its events stored (every laptop folds
        // them the same way); it just cannot drag our clock into the future.
        if (!(err instanceof ClockDriftError)) throw err;
      }
    }
    return this.commit(fresh, undefined, 'remote');
  }

  /** Folds events into the projections and writes both in one transaction. */
  private async commit(events: AnyEvent[], hook?: AppendHook, origin: EventOrigin = 'local'): Promise<AnyEvent[]> {
    // Three parts that need nothing of each other, run side by side (each waits on the
    // database in between): the events sealed; the projections' touched rows read, folded and
    // sealed; the bulk projections' and the hook's writes prepared. Chromium's AES-GCM runs on
    // the calling thread (200 MB took 0.53 s here), so the sealing itself is not side by side.
    const [{ stored: storedEvents, packs }, { changes, puts, deletes }, bulk] = await Promise.all([
      this.sealEvents(events).then((sealed) => {
        mark('sealEvents');
        return sealed;
      }),
      this.foldRows(events),
      this.prepareBulk(events, origin, hook),
    ]);
    const tables = [this.db.events, ...(packs.length > 0 ? [this.db.packs] : []), ...changes.map((c) => this.db.rows(c.spec.table)), ...bulk.flatMap((b) => b.tables.map((t) => this.db.table(t)))];
    // Rows read ahead of the unlock, in this tab or another, may be older than the tables from
    // now on; and once it has landed (a read ahead started meanwhile may have come before it).
    rowsWritten(this.db);
    try {
      await this.db.transaction('rw', tables, async () => {
        // Issued together, not one after another: the database runs a transaction's requests
        // in the order they were made, and each await would be a round trip to it.
        const byTable = new Map<string, StoredRow[]>();
        for (const { table, row } of puts) (byTable.get(table) ?? byTable.set(table, []).get(table)!).push(row);
        await Promise.all([
          ...(packs.length > 0 ? [this.db.packs.bulkAdd(packs)] : []),
          this.db.events.bulkAdd(storedEvents),
          ...[...byTable].map(([table, rows]) => this.db.rows(table).bulkPut(rows)),
          ...deletes.map(({ table, id }) => this.db.rows(table).delete(id)),
        ]);
        for (const b of bulk) await b.write.write();
      });
    } finally {
      rowsWritten(this.db);
    }

    mark('tx');
    const touched = new Map<string, Set<string>>();
    const touch = (table: string, ids: Iterable<string>) => {
      const set = touched.get(table) ?? touched.set(table, new Set()).get(table)!;
      for (const id of ids) set.add(id);
    };
    for (const { spec, rows } of changes) touch(spec.table, rows.keys());
    // Each bulk write's touched ids, listed once (they may be one-shot iterators).
    const bulkTouched = bulk.map((b) => [...b.write.touched].map(([table, ids]) => [table, [...ids]] as const));
    for (const list of bulkTouched) for (const [table, ids] of list) touch(table, ids);
    const written = new Map<string, ReadonlyMap<string, unknown>>(changes.map(({ spec, rows }) => [spec.table, rows]));
    for (const [i, b] of bulk.entries()) {
      const given = new Map(b.write.rows ?? []);
      for (const [table, ids] of bulkTouched[i]!) {
        const rows = given.get(table);
        const before = written.get(table);
        if (rows) written.set(table, before ? new Map([...before, ...rows]) : rows);
        else if (before) {
          // Written again after, without handing the records over: what an earlier write handed is not what is stored.
          const kept = new Map(before);
          if (ids.length === 0) written.delete(table);
          else {
            for (const id of ids) kept.delete(id);
            written.set(table, kept);
          }
        }
      }
    }
    const notice: ChangeNotice = { events, origin, touched, rows: written };
    for (const l of this.listeners) l(notice);
    mark('listeners');
    return events;
  }

  /**
   * The projections' rows the events touch: read in one transaction, opened in parallel,
   * reduced in event order (a batch from another laptop can touch thousands of rows), and
   * sealed again — or deleted where the fold ends with none.
   */
  private async foldRows(events: readonly AnyEvent[]): Promise<{
    changes: { spec: AnyProjection; rows: Map<string, Row | null> }[];
    puts: { table: string; row: StoredRow }[];
    deletes: { table: string; id: string }[];
  }> {
    const wanted = this.projections.map((spec) => ({ spec, keys: [...new Set(events.flatMap((event) => spec.keys(event)))] })).filter((w) => w.keys.length > 0);
    if (wanted.length === 0) return { changes: [], puts: [], deletes: [] };
    const read = () => Promise.all(wanted.map(({ spec, keys }) => this.db.rows(spec.table).bulkGet(keys)));
    // One read of every table touched, not one after another (each a transaction of its own).
    const stored = wanted.length === 1 ? await read() : await this.db.transaction('r', wanted.map(({ spec }) => this.db.rows(spec.table)), read);
    mark('projRead');
    const key = this.key;
    const changes = await Promise.all(
      wanted.map(async ({ spec, keys }, t) => {
        const opened = await Promise.all(stored[t]!.map((s, i) => (s ? openJson<Row>(key, s.sealed, rowAad(spec.table, keys[i]!)) : null)));
        const rows = new Map<string, Row | null>(keys.map((k, i) => [k, opened[i] ?? null]));
        for (const event of events) {
          for (const k of spec.keys(event)) rows.set(k, spec.reduce(rows.get(k) ?? undefined, event, k));
        }
        return { spec, rows };
      }),
    );
    const deletes: { table: string; id: string }[] = [];
    const sealing: Promise<{ table: string; row: StoredRow }>[] = [];
    for (const { spec, rows } of changes) {
      for (const [id, row] of rows) {
        if (row === null) deletes.push({ table: spec.table, id });
        else sealing.push(this.sealRow(spec, row).then((sealed) => ({ table: spec.table, row: sealed })));
      }
    }
    const puts = await Promise.all(sealing);
    mark('sealRows');
    return { changes, puts, deletes };
  }

  /** What the bulk projections (and the hook) write in the commit's transaction, prepared before it opens. */
  private async prepareBulk(events: AnyEvent[], origin: EventOrigin, hook?: AppendHook): Promise<{ tables: readonly string[]; write: BulkWrite }[]> {
    const bulk: { tables: readonly string[]; write: BulkWrite }[] = [];
    for (const projection of this.bulk) {
      const write = events.length > 0 ? await projection.prepare(events, origin) : null;
      if (write) bulk.push({ tables: projection.tables, write });
    }
    if (hook) {
      const prepared = await hook.prepare(events);
      bulk.push({ tables: hook.tables, write: typeof prepared === 'function' ? { write: prepared, touched: hook.tables.map((t) => [t, []] as const) } : prepared });
    }
    mark('bulkPrep');
    return bulk;
  }

  /** Events made ready to store: in packs where a commit holds enough of one incident and type, each sealed on its own otherwise. */
  private async sealEvents(events: readonly HonbuEvent[]): Promise<{ stored: StoredEvent[]; packs: StoredEventPack[] }> {
    const groups = new Map<string, HonbuEvent[]>();
    for (const e of events) {
      const group = `${e.incidentId ?? NO_INCIDENT}\n${e.type}`;
      (groups.get(group) ?? groups.set(group, []).get(group)!).push(e);
    }
    const single: HonbuEvent[] = [];
    const packed: Promise<{ pack: StoredEventPack; events: StoredEvent[] }>[] = [];
    for (const group of groups.values()) {
      if (group.length < PACK_MIN) {
        single.push(...group);
        continue;
      }
      // Cut by count and by bytes: each payload's JSON is made once and joined.
      let ids: string[] = [];
      let parts: string[] = [];
      let bytes = 0;
      const cut = () => {
        if (ids.length > 0) packed.push(this.sealPack(group, ids, parts));
        ids = [];
        parts = [];
        bytes = 0;
      };
      for (const e of group) {
        const json = JSON.stringify(e.payload);
        if (ids.length >= PACK_MAX || (ids.length > 0 && bytes + json.length > PACK_BYTES)) cut();
        ids.push(e.id);
        parts.push(json);
        bytes += json.length;
      }
      cut();
    }
    const [alone, inPacks] = await Promise.all([Promise.all(single.map((e) => this.sealEvent(e))), Promise.all(packed)]);
    return { stored: [...alone, ...inPacks.flatMap((p) => p.events)], packs: inPacks.map((p) => p.pack) };
  }

  /** One pack: `{"incidentId","type","ats":[…],"actors":[…],"ids":[…],"payloads":[…]}` sealed with its id as associated data; its events point at it. */
  private async sealPack(group: readonly HonbuEvent[], ids: string[], parts: string[]): Promise<{ pack: StoredEventPack; events: StoredEvent[] }> {
    const id = crypto.randomUUID();
    const inPack = new Set(ids);
    const members = group.filter((e) => inPack.has(e.id));
    const first = members[0]!;
    // The clear fields of its events are sealed too (typed-events.ts refuses a record that no longer matches).
    const head = { incidentId: first.incidentId ?? NO_INCIDENT, type: first.type, ats: members.map((e) => e.at), actors: members.map((e) => e.actor) };
    const json = `${JSON.stringify(head).slice(0, -1)},"ids":${JSON.stringify(members.map((e) => e.id))},"payloads":[${parts.join(',')}]}`;
    const sealed = await sealBytes(this.key, utf8(json), packAad(id));
    const events = members.map((e): StoredEvent => ({ id: e.id, incidentId: e.incidentId ?? NO_INCIDENT, at: e.at, actor: e.actor, type: e.type, pack: id }));
    return { pack: { id, sealed }, events };
  }

  /**
   * An event sealed on its own, its clear fields bound as associated data (`v: 2`, decision
   * 040); one whose payload holds long lists of integers (a batch's rows) with them kept apart
   * as integers (`v: 3`, decision 049).
   */
  private async sealEvent(e: HonbuEvent): Promise<StoredEvent> {
    const clear = { id: e.id, incidentId: e.incidentId ?? NO_INCIDENT, at: e.at, actor: e.actor, type: e.type };
    const packed = packJson(e.payload);
    if (packed) return { ...clear, v: 3, sealed: await sealBytes(this.key, packed, packedEventAad(clear)) };
    return { ...clear, v: 2, sealed: await sealJson(this.key, e.payload, boundEventAad(clear)) };
  }

  private async sealRow(spec: AnyProjection, row: Row): Promise<StoredRow> {
    return { ...spec.index(row), id: row.id, sealed: await sealJson(this.key, row, rowAad(spec.table, row.id)) };
  }

  /** Typed reads of one projection table (see data/tables.ts). */
  table<T extends TableRef>(ref: T): TableReader<RowOf<T>, IndexOf<T>> {
    return tableReader<RowOf<T>, IndexOf<T>>(this.db, () => this.key, ref.name);
  }

  /**
   * Events in clock order, of one incident or of the whole workspace; only those types if
   * given (filtered before opening). An event that does not open (altered on disk or damaged:
   * decision 040) is left out — nothing is folded from it — and told once to whoever listens
   * (`onRefused`: the screens say which incident's record cannot be fully opened, the error
   * log keeps it for support); every reader of events reads through here.
   */
  async readEvents(incidentId?: string | null, types?: string[]): Promise<AnyEvent[]> {
    return this.told(await this.readOpenable(incidentId, types));
  }

  /** readEvents, saying also what it refused (told as ever). */
  async readReadable(incidentId?: string | null, types?: string[]): Promise<ReadableEvents> {
    const read = await this.readOpenable(incidentId, types);
    this.told(read);
    return read;
  }

  /** readEvents that opens all or nothing: an event that does not open refuses the whole read (a rebuild of the projections). */
  async readEventsWhole(incidentId?: string | null, types?: string[]): Promise<AnyEvent[]> {
    const key = this.key;
    if (types) return readEventsOfTypes(this.db, key, incidentId, types);
    return openStoredEvents(this.db, await this.storedOf(incidentId), key);
  }

  private async readOpenable(incidentId?: string | null, types?: string[]): Promise<ReadableEvents> {
    const key = this.key;
    // Some types (the role book at unlock; a customer list's events — a third of a busy
    // incident's): read by the type index, not every event of the incident.
    if (types) return readReadableOfTypes(this.db, key, incidentId, types);
    return openReadableEvents(this.db, await this.storedOf(incidentId), key);
  }

  private storedOf(incidentId?: string | null): Promise<StoredEvent[]> {
    return incidentId === undefined
      ? this.db.events.orderBy('at').toArray()
      : this.db.events
          .where('[incidentId+at]')
          .between([incidentId ?? NO_INCIDENT, ''], [incidentId ?? NO_INCIDENT, '\uffff'])
          .toArray();
  }

  /**
   * Hears every event a read refused (each time it is met; the listener keeps it once).
   * Refusals met before anyone listened are told at once. One listener: the session's.
   */
  onRefused(listener: ((refused: readonly RefusedEvent[]) => void) | null): void {
    this.refusedListener = listener;
    if (listener && this.refusedEarly.size > 0) {
      const early = [...this.refusedEarly.values()];
      this.refusedEarly.clear();
      listener(early);
    }
  }

  /**
   * Tells events known to be stored that no read could open (a reader that knows they must
   * be there: the role book, of an incident's first report moved or relabelled on disk), as
   * any read's refusal: logged once, the incident marked.
   */
  tellRefused(refused: readonly RefusedEvent[]): void {
    this.told({ events: [], refused: [...refused] });
  }

  private told({ events, refused }: ReadableEvents): AnyEvent[] {
    if (refused.length > 0) {
      if (this.refusedListener) this.refusedListener(refused);
      else for (const r of refused) this.refusedEarly.set(r.id, r);
    }
    return events;
  }

  /**
   * readEvents of some types, opened in a worker (event-reader.ts): for reads of thousands
   * of events (a customer list's), which on this thread would hold up every call result
   * and screen meanwhile. The same events in the same order; in place where no worker runs.
   */
  async readEventsOffThread(incidentId: string | null | undefined, types: string[]): Promise<AnyEvent[]> {
    return this.told(await this.readableOffThread(incidentId, types));
  }

  /**
   * readEventsOffThread for a refold that writes what it folds (a contact list's rebuild):
   * all or nothing — null when an event does not open (told like any read's), so nothing
   * is folded without it (decision 040).
   */
  async readEventsOffThreadWhole(incidentId: string | null | undefined, types: string[]): Promise<AnyEvent[] | null> {
    const read = await this.readReadableOffThread(incidentId, types);
    return read.refused.length > 0 ? null : read.events;
  }

  /** readEventsOffThread, saying also what it refused (told as ever): for a reader that must know its read was partial. */
  async readReadableOffThread(incidentId: string | null | undefined, types: string[]): Promise<ReadableEvents> {
    const read = await this.readableOffThread(incidentId, types);
    this.told(read);
    return read;
  }

  private async readableOffThread(incidentId: string | null | undefined, types: string[]): Promise<ReadableEvents> {
    // From the lock on, no worker is started and handed the key: close() has already ended
    // the one there was, and would not end one started after it. The writes queued before
    // the lock still fold, and a fold may need these events (a result that arrived out of
    // clock order replays its list): they are read in place while the key is held — it is
    // dropped once those writes land, and then this refuses (StoreClosedError).
    if (this.closing) return readReadableOfTypes(this.db, this.key, incidentId, types);
    const key = this.key;
    this.reader ??= new EventReader(this.db.name);
    try {
      return await this.reader.read(key, incidentId, types);
    } catch (e) {
      if (!(e instanceof ReaderUnavailable)) throw e;
      // The worker could not serve, or was ended by the lock mid-read: in place, as above.
      return readReadableOfTypes(this.db, this.key, incidentId, types);
    }
  }

  /**
   * Builds the tables a migration added (listed under `pending-projections` in meta) from
   * the events already stored, opening only the types each folds. Once, after an upgrade;
   * a lock in between leaves the list in place and the next unlock builds them.
   */
  async buildPendingProjections(): Promise<void> {
    const pending = ((await this.db.meta.get(PENDING_KEY))?.value as string[] | undefined) ?? [];
    if (pending.length === 0) return;
    return this.enqueueWrite(async () => {
      const specs = this.projections.filter((p) => pending.includes(p.table));
      // All or nothing (decision 040), without failing the unlock: an event that does not
      // open is told like any read's, the tables stay listed (and empty) and the next unlock
      // builds them, once the record is mended. Before, the unlock itself failed, every time.
      const read = await Promise.all(specs.map((spec) => this.readOpenable(undefined, spec.types ? [...spec.types] : undefined)));
      const refused = read.flatMap((r) => r.refused);
      if (refused.length > 0) {
        this.told({ events: [], refused: [...new Map(refused.map((r) => [r.id, r])).values()] });
        return;
      }
      const built = await Promise.all(
        specs.map(async (spec, i) => ({
          spec,
          rows: await Promise.all([...foldAll(spec, read[i]!.events).values()].map((r) => this.sealRow(spec, r))),
        })),
      );
      rowsWritten(this.db);
      try {
        await this.db.transaction('rw', [this.db.meta, ...specs.map((p) => this.db.rows(p.table))], async () => {
          for (const { spec, rows } of built) {
            await this.db.rows(spec.table).clear();
            await this.db.rows(spec.table).bulkPut(rows);
          }
          await this.db.meta.delete(PENDING_KEY);
        });
      } finally {
        rowsWritten(this.db);
      }
    }, false);
  }

  /**
   * Empties every projection and folds all events again, in clock order. Used after a
   * fold changes and to prove the projections are exactly a fold of the events.
   */
  async rebuildProjections(): Promise<void> {
    await this.queue;
    // All or nothing: rows folded without a refused event would drop what it did (decision 040).
    const events = await this.readEventsWhole();
    const rebuilt = await Promise.all(
      this.projections.map(async (spec) => ({
        spec,
        rows: await Promise.all([...foldAll(spec, events).values()].map((r) => this.sealRow(spec, r))),
      })),
    );
    rowsWritten(this.db);
    try {
      await this.db.transaction(
        'rw',
        this.projections.map((p) => this.db.rows(p.table)),
        async () => {
          for (const { spec, rows } of rebuilt) {
            await this.db.rows(spec.table).clear();
            await this.db.rows(spec.table).bulkPut(rows);
          }
        },
      );
    } finally {
      rowsWritten(this.db);
    }
  }
}

function idOf(raw: unknown): string | undefined {
  return typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined;
}

