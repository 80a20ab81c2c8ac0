/**
 * What the contact tracker reads: its datasets and their policies, running totals, statuses,
 * batches and the chart (all projections kept by status-projection.ts), and a dataset's
 * contact events for the few reads that need them (a customer's card, the applied lists).
 * Caches follow the store's change notices: a commit that touched a dataset's records or
 * brought its events changes only that dataset's entries, and events are put in place,
 * never read again. Writes are not here: they are handlers (handlers.ts).
 */
import { type BatchSummary, newestFirst } from '../../../shared/contacts/batch-summary';
import { CONTACT_EVENT_TYPES, type ContactEvent, datasetOf, isContactPartEvent } from '../../../shared/contacts/events';
import { type Status, type Totals, TOTAL_CELLS, totalsFromCells, unpack } from '../../../shared/contacts/fallback';
import { listNames } from '../../../shared/contacts/list-names';
import { type ListImport, type ListNumbers, listNumbers } from '../../../shared/contacts/list-numbers';
import type { Channel, ContactRow } from '../../../shared/contacts/model';
import { byClock } from '../../../shared/contacts/status-fold';
import type { Tokenizer } from '../../../shared/contacts/tokens';
import { openBytes, openJson, sealBytes, sealJson } from '../../../shared/vault/cipher';
import type { ChangeNotice, EventStore } from '../data/event-store';
import { wipeInflateRoom } from './block-codec';
import { decodeBatchLists, encodeBatchLists, fitInts, MAX_BATCH_ROWS } from './batch-lists';
import { datasetAad, discardDataset } from './import-commit';
import type { ImportKeys } from './import-pipeline';
import { BlockCache } from './lookup';
import type { DatasetPolicy } from './status-access';
import { batchAad, blockId, type BatchRecord, contactTables, type ContactTables, type DatasetMeta, type DatasetRecord, seriesPrefix, STATUS_ROWS } from './tables';
import { statusRecord } from './status-deltas';

export interface DatasetInfo {
  id: string;
  incidentId: string;
  state: DatasetRecord['state'];
  rows: number;
  committedRows: number;
  meta: DatasetMeta;
  /** When the list was imported (its event's clock) and which import of the same file it is (see list-names.ts). */
  importedAt?: string;
  repeat?: number;
  /** The list's number in the incident (list-numbers.ts): the first digits of its reference numbers. */
  listNo?: number;
  /** Its search index is being rebuilt (or a rebuild was stopped part way): lookups in it cannot answer yet. */
  indexRebuild?: boolean;
}

/** A dataset another laptop imported (its event arrived by sync) whose rows are not here yet. */
export interface MissingDataset {
  datasetId: string;
  incidentId: string;
  fileName: string;
  rows: number;
  contentHash: string;
  importedAt: string;
  actor: string;
  repeat: number;
}

/** What lookups and result lists need besides the data: the blind-index tokenizer and the import keys. */
export interface ContactReader {
  readonly data: ContactData;
  readonly tokenizer: Tokenizer;
  readonly importKeys: ImportKeys;
}

/** The open contact tracker of each unlocked store, for the handlers dispatch reaches. */
const readers = new WeakMap<EventStore, ContactReader>();

export function registerReader(store: EventStore, reader: ContactReader): () => void {
  readers.set(store, reader);
  return () => {
    if (readers.get(store) === reader) readers.delete(store);
  };
}

/** The contact tracker opened for this store (it opens on unlock; none after the lock). */
export function readerOf(store: EventStore): ContactReader {
  const r = readers.get(store);
  if (!r) throw new Error('contacts: the contact tracker is not open');
  return r;
}

type Imported = Extract<ContactEvent, { type: typeof CONTACT_EVENT_TYPES.datasetImported }>;
const CONTACT_TYPES = Object.values(CONTACT_EVENT_TYPES);

/**
 * A batch's record: its summary sealed as JSON, and its row list and operator assignment
 * (millions of numbers for a batch of everyone) sealed apart as 32-bit integers in `lists`,
 * runs of consecutive rows and an assignment of nobody kept short (batch-lists.ts): as JSON
 * they took seconds to write with every change to the batch, and to read. A record
 * without `lists` (written before, or rows beyond 32 bits from a faulty laptop) holds them
 * in the JSON and opens as it did.
 */
export async function openBatch(key: CryptoKey, rec: BatchRecord): Promise<BatchSummary> {
  const s = await openJson<BatchSummary>(key, rec.sealed, batchAad(rec.id));
  if (!rec.lists) return s;
  const { rows, payloadAssignment, assignment } = decodeBatchLists(new Int32Array((await openBytes(key, rec.lists, listsAad(rec.id))).buffer));
  s.batch = { ...s.batch, rows: rows as number[], ...(payloadAssignment ? { assignment: payloadAssignment as number[] } : {}) };
  s.assignment = assignment as number[];
  return s;
}

export async function sealBatch(key: CryptoKey, s: BatchSummary): Promise<BatchRecord> {
  const id = s.batch.batchId;
  const { rows, assignment: payloadAssignment, ...head } = s.batch;
  // Lists the integer form cannot hold, or would refuse to open (batch-lists.ts): kept in the JSON, as they are.
  const whole = !fitInts(rows) || !fitInts(payloadAssignment ?? []) || !fitInts(s.assignment) || rows.length > MAX_BATCH_ROWS || s.assignment.length !== rows.length || (payloadAssignment?.length ?? 0) > rows.length;
  if (whole) return { id, datasetId: s.batch.datasetId, sealed: await sealJson(key, s, batchAad(id)) };
  const ints = encodeBatchLists({ rows, payloadAssignment, assignment: s.assignment });
  return {
    id,
    datasetId: s.batch.datasetId,
    sealed: await sealJson(key, { ...s, batch: { ...head, rows: [] }, assignment: [] }, batchAad(id)),
    lists: await sealBytes(key, new Uint8Array(ints.buffer), listsAad(id)),
  };
}
const listsAad = (id: string) => `${batchAad(id)}:lists`;

export class ContactData {
  readonly tables: ContactTables;
  readonly cache: BlockCache;
  private readonly policies = new Map<string, DatasetPolicy>();
  /** Opened contact events per dataset, clock order; kept current from the notices. */
  private readonly eventCache = new Map<string, Promise<ContactEvent[]>>();
  /** The totals' commit count (TotalsRecord.seq) each kept list of events is as of; NaN: not known. */
  private readonly eventSeq = new Map<string, number | undefined>();
  private readonly datasetCache = new Map<string, Promise<DatasetInfo[]>>();
  private readonly missingCache = new Map<string, Promise<MissingDataset[]>>();
  private readonly stops: (() => void)[] = [];
  private disposed = false;

  constructor(
    readonly store: EventStore,
    readonly dataKey: CryptoKey,
  ) {
    this.tables = contactTables(store.database);
    this.cache = new BlockCache(this.tables, dataKey);
    this.stops.push(store.subscribe((n) => this.onNotice(n)));
  }

  /**
   * The engine's projection registration, let go with this object — once the commits queued
   * before then have landed: a sync burst or an edit under way when the laptop locks is
   * still written, and must still be folded (or the statuses would lack it for good).
   */
  ownProjection(stop: () => void): void {
    this.projectionStop = stop;
  }

  private projectionStop: (() => void) | null = null;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const stop of this.stops.splice(0)) stop();
    this.forget();
    const stop = this.projectionStop;
    this.projectionStop = null;
    if (stop)
      this.store.afterQueued(() => {
        stop();
        this.forget();
      });
  }

  /** Drops every opened row, event and list detail kept; zeroes the opened blocks' text. */
  private forget(): void {
    this.cache.wipe();
    wipeInflateRoom();
    this.eventCache.clear();
    this.datasetCache.clear();
    this.missingCache.clear();
    this.policies.clear();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private onNotice(n: ChangeNotice): void {
    // A list imported or adopted (here or by sync): the lists of the incident may change.
    if (n.touched.has('contact-datasets') || n.events.some((e) => e.type === CONTACT_EVENT_TYPES.datasetImported)) {
      this.missingCache.clear();
      this.datasetCache.clear();
    }
    // Each dataset's events, kept without reading them again: a local append is the newest
    // event and goes at the end; one from another laptop is put in its place by the clock.
    const byDataset = new Map<string, ContactEvent[]>();
    for (const e of n.events) {
      const id = isContactPartEvent(e) ? datasetOf(e) : undefined;
      if (id !== undefined && isContactPartEvent(e)) (byDataset.get(id) ?? byDataset.set(id, []).get(id)!).push(e);
    }
    // The kept lists' commit counts: as this commit wrote them, or unknown (NaN: let go at the next fold).
    const givenTotals = n.rows?.get('contact-totals') as ReadonlyMap<string, { seq?: number } | null> | undefined;
    for (const id of n.touched.get('contact-totals') ?? []) {
      if (!this.eventCache.has(id)) continue;
      const rec = givenTotals?.get(id);
      this.eventSeq.set(id, rec ? rec.seq : NaN);
    }
    for (const [id, fresh] of byDataset) {
      const hit = this.eventCache.get(id);
      if (!hit) continue;
      const next = hit.then((list) => {
        const known = new Set(list.map((e) => e.id));
        // Only the list's own incident's events are its events (as a fresh read takes them).
        const incidentId = this.policies.get(id)?.incidentId;
        const add = fresh.filter((e) => !known.has(e.id) && e.incidentId === incidentId);
        if (add.length === 0) return list;
        const merged = [...list, ...add];
        return add.every((e, i) => (i === 0 ? !list.length || list[list.length - 1]!.at < e.at : add[i - 1]!.at < e.at)) ? merged : merged.sort(byClock);
      });
      next.catch(() => this.eventCache.delete(id));
      this.eventCache.set(id, next);
    }
  }

  /** The sealed details of a dataset record. */
  async meta(rec: DatasetRecord): Promise<DatasetMeta> {
    return (await this.info(rec)).meta;
  }

  async info(rec: DatasetRecord): Promise<DatasetInfo> {
    const meta = await openJson<DatasetMeta>(this.dataKey, rec.sealed, datasetAad(rec.id));
    return { id: rec.id, incidentId: rec.incidentId, state: rec.state, rows: rec.rows, committedRows: rec.committedRows, meta, ...(rec.indexRebuild ? { indexRebuild: true } : {}) };
  }

  /** The dataset's channel order and retries (and its size and incident). */
  async policy(datasetId: string): Promise<DatasetPolicy> {
    let p = this.policies.get(datasetId);
    if (!p) {
      const rec = await this.tables.datasets.get(datasetId);
      if (!rec || rec.state !== 'complete') throw new Error('contacts: unknown dataset');
      const { meta } = await this.info(rec);
      p = { policy: { order: meta.channelOrder, maxRetries: meta.maxRetries }, rows: rec.rows, incidentId: rec.incidentId, segments: meta.segments.length };
      this.policies.set(datasetId, p);
    }
    return p;
  }

  /** The `contacts.dataset-imported` events of an incident (or of every incident), opened. */
  async importEvents(incidentId?: string): Promise<Imported[]> {
    const events = await this.store.readEvents(incidentId, [CONTACT_EVENT_TYPES.datasetImported]);
    return events.filter((e): e is Imported => isContactPartEvent(e) && e.type === CONTACT_EVENT_TYPES.datasetImported);
  }

  /** The numbers of an incident's lists (list-numbers.ts), from every import event here, rows present or not. */
  async listNumbers(incidentId: string): Promise<ListNumbers> {
    return listNumbers(listImportsOf(await this.importEvents(incidentId)));
  }

  /** The `contacts.dataset-imported` event of a dataset, wherever it was appended. */
  async importedEvent(datasetId: string): Promise<Imported | undefined> {
    return (await this.importEvents()).find((e) => e.payload.datasetId === datasetId);
  }

  /**
   * Imported (visible) datasets of an incident, newest first — the one order every list
   * picker shows. Cached until a list is imported or adopted: lookups call it each time.
   */
  datasets(incidentId: string): Promise<DatasetInfo[]> {
    let hit = this.datasetCache.get(incidentId);
    if (!hit) {
      hit = Promise.all([this.tables.datasets.where('incidentId').equals(incidentId).toArray(), this.importEvents(incidentId)])
        .then(async ([recs, events]) => {
          const names = namesOf(events);
          const numbers = listNumbers(listImportsOf(events)).byDataset;
          const infos = await Promise.all(recs.filter((r) => r.state === 'complete').map((r) => this.info(r)));
          return infos.map((d) => ({ ...d, importedAt: names.get(d.id)?.at, repeat: names.get(d.id)?.repeat ?? 0, listNo: numbers.get(d.id) }));
        })
        // Newest first; clocks sort as text.
        .then((list) => list.sort((a, b) => (b.importedAt ?? '').localeCompare(a.importedAt ?? '') || a.meta.fileName.localeCompare(b.meta.fileName)));
      hit.catch(() => this.datasetCache.delete(incidentId));
      this.datasetCache.set(incidentId, hit);
    }
    return hit;
  }

  /**
   * Datasets of the incident imported on another laptop: their event is here (sync) but
   * their rows are not. Import the same file to adopt one (ImportClient.adopt).
   */
  missingDatasets(incidentId: string): Promise<MissingDataset[]> {
    let hit = this.missingCache.get(incidentId);
    if (!hit) {
      hit = this.findMissing(incidentId);
      hit.catch(() => this.missingCache.delete(incidentId));
      this.missingCache.set(incidentId, hit);
    }
    return hit;
  }

  private async findMissing(incidentId: string): Promise<MissingDataset[]> {
    const events = await this.importEvents(incidentId);
    const names = namesOf(events);
    const out: MissingDataset[] = [];
    for (const e of events) {
      const p = e.payload;
      if ((await this.tables.datasets.get(p.datasetId))?.state === 'complete') continue;
      out.push({ datasetId: p.datasetId, incidentId, fileName: p.fileName, rows: p.rows, contentHash: p.contentHash, importedAt: e.at, actor: e.actor, repeat: names.get(p.datasetId)?.repeat ?? 0 });
    }
    return out;
  }

  /** Imports interrupted by a crash or kill: resume with the same file, or discard. */
  async unfinishedImports(incidentId: string): Promise<DatasetInfo[]> {
    const recs = await this.tables.datasets.where('incidentId').equals(incidentId).toArray();
    // Adoptions are listed as missing datasets instead (their event exists already).
    const infos = await Promise.all(recs.filter((r) => r.state !== 'complete' && r.state !== 'receiving').map((r) => this.info(r)));
    return infos.filter((d) => !d.meta.adopted);
  }

  async discardImport(datasetId: string): Promise<void> {
    const rec = await this.tables.datasets.get(datasetId);
    if (rec && rec.state !== 'complete') await discardDataset(this.tables, datasetId);
  }

  /**
   * A dataset's contact events in clock order: the incident's contact events are opened once
   * (filtered by type before decrypting), then kept current from the notices.
   */
  async datasetEvents(datasetId: string): Promise<ContactEvent[]> {
    // Once disposed no notice keeps a kept list current (the last queued commits still fold): read afresh.
    if (this.disposed) return this.readDatasetEvents(datasetId);
    let hit = this.eventCache.get(datasetId);
    if (!hit) {
      // The count read first: a commit landing between the two reads makes it look older (read again when it matters).
      this.eventSeq.delete(datasetId);
      hit = this.tables.totals.get(datasetId).then(async (t) => {
        // Unless a notice told a later count meanwhile (its events are put in the list).
        if (!this.eventSeq.has(datasetId)) this.eventSeq.set(datasetId, t?.seq);
        return this.readDatasetEvents(datasetId);
      });
      hit.catch(() => this.eventCache.delete(datasetId));
      this.eventCache.set(datasetId, hit);
    }
    return hit;
  }

  /**
   * A dataset's contact events as datasetEvents keeps them, and the totals' commit count they
   * are as of (NaN: not known), taken together: a write built from them can check that no
   * commit folded the list since.
   */
  async datasetEventsAsOf(datasetId: string): Promise<{ events: ContactEvent[]; seq: number | undefined }> {
    await this.datasetEvents(datasetId);
    const hit = this.eventCache.get(datasetId);
    const seq = this.eventSeq.has(datasetId) ? this.eventSeq.get(datasetId) : NaN;
    return hit ? { events: await hit, seq } : { events: await this.datasetEvents(datasetId), seq: NaN };
  }

  /**
   * A fold is about to build on the list's stored totals, at commit `seq`: the list's kept
   * events are let go unless they are as of it — another tab on the workspace (web mode)
   * committed since, which no notice here told (a replay would miss its events), or a write
   * that keeps no count (an import). A refold counts on (rebuild.ts). Nothing is read here.
   */
  noteFolded(datasetId: string, seq: number | undefined): void {
    if (this.eventCache.has(datasetId) && this.eventSeq.has(datasetId) && this.eventSeq.get(datasetId) !== seq) {
      this.eventCache.delete(datasetId);
      this.eventSeq.delete(datasetId);
    }
  }

  /**
   * A dataset's contact events read afresh, all or nothing: null when one does not open
   * (altered on disk: decision 040; told like any read's). For a refold that writes what it
   * folds (rebuild.ts): nothing is folded without an event.
   */
  async datasetEventsWhole(datasetId: string): Promise<ContactEvent[] | null> {
    const p = await this.policy(datasetId);
    const all = await this.store.readEventsOffThreadWhole(p.incidentId, CONTACT_TYPES);
    return all && all.filter((e): e is ContactEvent => isContactPartEvent(e) && e.payload.datasetId === datasetId);
  }

  /**
   * Whether the last read of a dataset's events (datasetEvents) left out an event that does
   * not open in its incident (decision 040; which list it named cannot be told, so every
   * list of the incident): a fold replayed from them is not whole.
   */
  datasetEventsPartial(datasetId: string): boolean {
    return this.partial.has(datasetId);
  }

  private readonly partial = new Set<string>();

  private async readDatasetEvents(datasetId: string): Promise<ContactEvent[]> {
    const p = await this.policy(datasetId);
    // Tens of thousands in a busy incident: opened in a worker, so call results go on meanwhile.
    const { events: all, refused } = await this.store.readReadableOffThread(p.incidentId, CONTACT_TYPES);
    if (refused.length > 0) this.partial.add(datasetId);
    else this.partial.delete(datasetId);
    return all.filter((e): e is ContactEvent => isContactPartEvent(e) && e.payload.datasetId === datasetId);
  }

  async status(datasetId: string, row: number): Promise<Status> {
    const block = Math.floor(row / STATUS_ROWS);
    const rec = await statusRecord(this.tables, blockId(datasetId, block));
    return unpack(rec?.words[row - block * STATUS_ROWS] ?? 0);
  }

  /**
   * Statuses of many rows, given mostly in order (a batch's): the record the last row fell in
   * is kept, so each is read once while rows come in order — a record holds STATUS_ROWS rows
   * (about 125 KB), read again for every customer of a big batch (decision 044).
   */
  statusReader(datasetId: string): (row: number) => Promise<Status> {
    let block = -1;
    let rec: Promise<{ words: Uint16Array } | undefined> = Promise.resolve(undefined);
    return async (row) => {
      const b = Math.floor(row / STATUS_ROWS);
      if (b !== block) {
        block = b;
        rec = statusRecord(this.tables, blockId(datasetId, b));
      }
      return unpack((await rec)?.words[row - b * STATUS_ROWS] ?? 0);
    };
  }

  /** The service / customer-group names of a dataset, in import order (their index is stored per row). */
  async segments(datasetId: string): Promise<string[]> {
    const rec = await this.tables.datasets.get(datasetId);
    return rec ? (await this.info(rec)).meta.segments : [];
  }

  /** The running totals' cells (TOTAL_CELLS per segment): one small record, never a count over the rows. */
  async cells(datasetId: string): Promise<Int32Array> {
    return (await this.tables.totals.get(datasetId))?.cells ?? new Int32Array(TOTAL_CELLS);
  }

  /** Running totals, by segment if asked. */
  async totals(datasetId: string, segment?: string): Promise<Totals> {
    const p = await this.policy(datasetId);
    const seg = segment === undefined ? -1 : (await this.segments(datasetId)).indexOf(segment);
    return totalsFromCells(cellsOf(await this.cells(datasetId), segment === undefined ? null : seg), p.policy.order);
  }

  /** Every batch of a dataset, newest first (the `contact-batches` projection). */
  async batches(datasetId: string): Promise<BatchSummary[]> {
    const recs = await this.tables.batches.where('datasetId').equals(datasetId).toArray();
    const list = await Promise.all(recs.map((r) => openBatch(this.dataKey, r)));
    return list.sort(newestFirst);
  }

  async batch(datasetId: string, batchId: string): Promise<BatchSummary | undefined> {
    const rec = await this.tables.batches.get(batchId);
    return rec && rec.datasetId === datasetId ? openBatch(this.dataKey, rec) : undefined;
  }

  /**
   * Totals after each contact event (the reached-over-time chart), from the `contact-series`
   * projection: the totals now, less every event's change, give the start; each point adds one.
   */
  async series(datasetId: string, segment?: string): Promise<{ at: string; totals: Totals }[]> {
    const p = await this.policy(datasetId);
    const seg = segment === undefined ? null : (await this.segments(datasetId)).indexOf(segment);
    const prefix = seriesPrefix(datasetId);
    const [recs, now] = await Promise.all([this.tables.series.where(':id').between(prefix, `${prefix}\uffff`).toArray(), this.cells(datasetId)]);
    return seriesFrom(now, recs, seg, p.policy.order);
  }

  /** A customer's row as imported (through the cache of opened blocks). */
  row(datasetId: string, row: number): Promise<ContactRow | undefined> {
    return this.cache.row(datasetId, row);
  }
}

/** The cells of one segment (null: all segments summed). */
export function cellsOf(cells: ArrayLike<number>, segment: number | null): number[] {
  const out = new Array<number>(TOTAL_CELLS).fill(0);
  for (let s = 0; s * TOTAL_CELLS < cells.length; s++) {
    if (segment !== null && s !== segment) continue;
    for (let c = 0; c < TOTAL_CELLS; c++) out[c]! += cells[s * TOTAL_CELLS + c] ?? 0;
  }
  return out;
}

/**
 * The chart's points from the totals now and each event's change (records in clock order):
 * the totals now less every change give the start, each record adds one. With `max`, only
 * that many points evenly spread (always the last): a long day has tens of thousands.
 */
export function seriesFrom(
  now: ArrayLike<number>,
  recs: readonly { at: string; delta: ArrayLike<number> }[],
  segment: number | null,
  order: Channel[],
  max = Infinity,
): { at: string; totals: Totals }[] {
  const cells = Array.from(now);
  for (const r of recs) for (let i = 0; i + 1 < r.delta.length; i += 2) cells[r.delta[i]!] = (cells[r.delta[i]!] ?? 0) - r.delta[i + 1]!;
  const keep = new Set<number>();
  if (recs.length <= max) for (let i = 0; i < recs.length; i++) keep.add(i);
  else for (let k = 0; k < max; k++) keep.add(Math.round((k * (recs.length - 1)) / (max - 1)));
  const out: { at: string; totals: Totals }[] = [];
  recs.forEach((r, i) => {
    for (let j = 0; j + 1 < r.delta.length; j += 2) cells[r.delta[j]!] = (cells[r.delta[j]!] ?? 0) + r.delta[j + 1]!;
    if (keep.has(i)) out.push({ at: r.at, totals: totalsFromCells(cellsOf(cells, segment), order) });
  });
  return out;
}

/** Names of the incident's lists from their import events (the same on every laptop). */
export function listImportsOf(events: readonly Imported[]): ListImport[] {
  return events.map((e) => ({ datasetId: e.payload.datasetId, at: e.at, id: e.id, ...(e.payload.listNo === undefined ? {} : { listNo: e.payload.listNo }) }));
}

export function namesOf(events: readonly Imported[]) {
  return listNames(events.map((e) => ({ datasetId: e.payload.datasetId, fileName: e.payload.fileName, rows: e.payload.rows, at: e.at })));
}
