/**
 * The customer contact tracker's engine, for the UI to call: import (through the worker),
 * datasets and running totals, lookups and the customer card, batches and their
 * exports, bulk results with preview and undo. Every change is an event appended through
 * the EventStore, with the status blocks and totals written in the same transaction.
 */
import type { HonbuEvent } from '../../../shared/events/event';
import {
  type BatchCreated, CONTACT_EVENT_TYPES, type DatasetImported, datasetOf, isContactEvent, type NoticePublished,
} from '../../../shared/contacts/events';
import { phaseOf, slotOf, type Status, type Totals, TOTAL_CELLS, totalsFromCells, unpack } from '../../../shared/contacts/fallback';
import type { Channel, ContactRow, Exclusion } from '../../../shared/contacts/model';
import { listNames } from '../../../shared/contacts/list-names';
import { deriveBulkIndexKey, Tokenizer } from '../../../shared/contacts/tokens';
import { openJson, sealJson } from '../../../shared/vault/cipher';
import type { EventOrigin, EventStore } from '../data/event-store';
import { reportError } from '../errors/report';
import { datasetAad, discardDataset } from './import-commit';
import type { ImportKeys, ImportRequest } from './import-pipeline';
import { BlockCache, type LookupKind, type LookupQuery } from './lookup';
import { CustomerSearch, LOOKUP_PAGE, type LookupCursor, type LookupHit, type LookupPage } from './search';
import { coverByNotice, type NoticeCover, notices, undoNotice } from './notice';
import { callList, callQueue, cancelBatch, reassignBatch, recordOutcome, waiting } from './batch-actions';
import { type BatchSummary, splitInTurn, summariseBatches } from './batch-ops';
import { customerCard, datasetSeries } from './history';
import { DATASET_VERSION, upgradeAll } from './upgrades';
import { applyPlan, checkFold, type OutcomeItem, type OutcomePlan, planOutcomes, rebuildStatuses } from './outcomes';
import type { ColumnMapping } from '../../../shared/contacts/model';
import { type DatasetPolicy, statusHook } from './status-apply';
import { BLOCK_ROWS, blockId, contactTables, type ContactTables, type DatasetMeta, type DatasetRecord } from './tables';

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
}

export interface CustomerCard {
  datasetId: string;
  row: ContactRow;
  status: Status;
  channel: Channel | undefined;
  /** Every contact event that names this customer, in clock order. */
  history: { event: HonbuEvent; outcome?: string; reason?: string; note?: string; operator?: string; undone: boolean }[];
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

/** How long remote contact events gather before their datasets are refolded. */
const REFOLD_DELAY_MS = 100;

export type { LookupCursor, LookupHit, LookupPage } from './search';
export { LOOKUP_FIRST, LOOKUP_PAGE } from './search';
export type { NoticeCover } from './notice';

export interface BatchFilter {
  datasetId: string;
  channel: Channel;
  segment?: string;
  limit?: number;
  operators?: string[];
}

export class ContactEngine {
  readonly tables: ContactTables;
  readonly cache: BlockCache;
  private readonly policies = new Map<string, DatasetPolicy>();
  /** Decrypted contact events per dataset; any append (local or synced) invalidates it. */
  private readonly eventCache = new Map<string, Promise<HonbuEvent[]>>();
  private readonly datasetCache = new Map<string, Promise<DatasetInfo[]>>();
  private readonly missingCache = new Map<string, Promise<MissingDataset[]>>();
  private readonly searcher = new CustomerSearch(this);

  private constructor(
    readonly store: EventStore,
    readonly importKeys: ImportKeys,
    readonly tokenizer: Tokenizer,
  ) {
    this.tables = contactTables(store.database);
    this.cache = new BlockCache(this.tables, importKeys.data);
    this.unsubscribe = store.subscribe((events, origin) => {
      // A new dataset event, or a derived write (an adoption completing): the lists may change.
      if (events.length === 0 || events.some((e) => e.type === CONTACT_EVENT_TYPES.datasetImported)) {
        this.missingCache.clear();
        this.datasetCache.clear();
      }
      this.noteEvents(events, origin);
      // Local contact events are folded by their append hook; synced ones are refolded here.
      if (origin !== 'remote') return;
      for (const e of events) {
        const datasetId = (e.payload as { datasetId?: unknown } | null)?.datasetId;
        if (isContactEvent(e) && e.type !== CONTACT_EVENT_TYPES.datasetImported && typeof datasetId === 'string') this.stale.add(datasetId);
      }
      if (this.stale.size > 0 && this.refoldTimer === undefined) this.refoldTimer = setTimeout(() => this.refoldStale(), REFOLD_DELAY_MS);
    });
  }

  private readonly unsubscribe: () => void;
  private disposed = false;

  /**
   * On lock: stops listening and refolding, forgets every decrypted row and event it
   * cached, and zeroes the bulk-index key it derived. The engine is unusable afterwards.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    clearTimeout(this.refoldTimer);
    this.refoldTimer = undefined;
    this.stale.clear();
    this.cache.clear();
    this.eventCache.clear();
    this.datasetCache.clear();
    this.missingCache.clear();
    this.policies.clear();
    this.importKeys.bulkIndex.fill(0);
    this.tokenizer.forget();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Datasets with contact events from another laptop not yet folded into their statuses. */
  private readonly stale = new Set<string>();
  private refoldTimer: ReturnType<typeof setTimeout> | undefined;
  private refolding: Promise<void> = Promise.resolve();

  private refoldStale(): Promise<void> {
    clearTimeout(this.refoldTimer);
    this.refoldTimer = undefined;
    const ids = [...this.stale];
    this.stale.clear();
    this.refolding = this.refolding
      .then(async () => {
        for (const id of ids) {
          // Not here (yet): adopting it refolds everything at the end.
          if ((await this.tables.datasets.get(id))?.state !== 'complete') continue;
          await this.rebuildStatuses(id);
        }
      })
      // The chain must survive a failure; a real one (not a lock meanwhile) goes to the one handler.
      .catch((e: unknown) => {
        reportError(e, 'background');
      });
    return this.refolding;
  }

  /** Resolves once every contact event received from other laptops so far is folded. */
  settled(): Promise<void> {
    return this.refoldTimer === undefined ? this.refolding : this.refoldStale();
  }

  /** The `contacts.dataset-imported` event of a dataset, wherever it was appended. */
  private async importedEvent(datasetId: string): Promise<HonbuEvent | undefined> {
    const events = await this.store.readEvents(undefined, [CONTACT_EVENT_TYPES.datasetImported]);
    return events.find((e) => (e.payload as DatasetImported).datasetId === datasetId);
  }

  /**
   * Datasets of the incident imported on another laptop: their event is here (sync) but
   * their rows are not. Import the same file to adopt one (ImportClient.adopt).
   */
  missingDatasets(incidentId: string): Promise<MissingDataset[]> {
    // Cached: the contacts view asks after every append, and reading means scanning the incident's events.
    let hit = this.missingCache.get(incidentId);
    if (!hit) {
      hit = this.findMissing(incidentId);
      hit.catch(() => this.missingCache.delete(incidentId));
      this.missingCache.set(incidentId, hit);
    }
    return hit;
  }

  private async findMissing(incidentId: string): Promise<MissingDataset[]> {
    const events = await this.store.readEvents(incidentId, [CONTACT_EVENT_TYPES.datasetImported]);
    const names = namesOf(events);
    const out: MissingDataset[] = [];
    for (const e of events) {
      const p = e.payload as DatasetImported;
      if ((await this.tables.datasets.get(p.datasetId))?.state === 'complete') continue;
      out.push({ datasetId: p.datasetId, incidentId, fileName: p.fileName, rows: p.rows, contentHash: p.contentHash, importedAt: e.at, actor: e.actor, repeat: names.get(p.datasetId)?.repeat ?? 0 });
    }
    return out;
  }

  /**
   * The import request that adopts a missing dataset: its id, mapping, channel order and
   * retries come from the event. A partial earlier attempt is removed first.
   */
  async adoptRequest(datasetId: string): Promise<ImportRequest> {
    const e = await this.importedEvent(datasetId);
    if (!e) throw new Error('contacts: no such dataset was imported');
    const rec = await this.tables.datasets.get(datasetId);
    if (rec?.state === 'complete') throw new Error('contacts: the dataset is already here');
    if (rec) await discardDataset(this.tables, datasetId);
    const p = e.payload as DatasetImported;
    return { incidentId: e.incidentId ?? '', mapping: p.mapping, channelOrder: p.channelOrder, maxRetries: p.maxRetries, fileName: p.fileName, adoptId: datasetId, delimiter: p.delimiter ?? ',' };
  }

  /**
   * Finishes adopting: the file's content hash must equal the event's, or everything it
   * wrote is discarded. On success the dataset turns complete WITHOUT a second event, and
   * its statuses are refolded from the contact events that came by sync.
   */
  async commitAdopted(datasetId: string): Promise<{ ok: true } | { ok: false; reason: 'hash-mismatch' }> {
    const e = await this.importedEvent(datasetId);
    const rec = await this.tables.datasets.get(datasetId);
    if (!e || !rec || rec.state !== 'staged') throw new Error('contacts: nothing staged to adopt');
    const { meta } = await this.info(rec);
    const p = e.payload as DatasetImported;
    if (!meta.adopted || !p.contentHash || meta.contentHash !== p.contentHash || rec.rows !== p.rows) {
      await discardDataset(this.tables, datasetId);
      return { ok: false, reason: 'hash-mismatch' };
    }
    const cells = Int32Array.from(meta.cells ?? []);
    const { cells: _running, ...rest } = meta;
    const kept: DatasetMeta = { ...rest, version: DATASET_VERSION };
    const sealed = await sealJson(this.importKeys.data, kept, datasetAad(datasetId));
    const t = this.tables;
    await this.store.writeDerived({
      tables: ['contact-datasets', 'contact-totals'],
      prepare: async () => async () => {
        await t.datasets.put({ ...rec, state: 'complete', sealed });
        await t.totals.put({ id: datasetId, cells });
      },
    });
    await this.rebuildStatuses(datasetId);
    return { ok: true };
  }

  /**
   * Keeps the per-dataset event lists current without reading them again: a local append
   * is the newest event, so it goes at the end (re-reading meant decrypting every event of
   * the incident, a million-row batch among them, after each call outcome). Events from
   * another laptop may belong anywhere in clock order: that dataset is read again.
   */
  private noteEvents(events: HonbuEvent[], origin: EventOrigin): void {
    for (const e of events) {
      const id = datasetOf(e);
      if (id === undefined) continue;
      const hit = this.eventCache.get(id);
      if (!hit) continue;
      if (origin === 'remote') {
        this.eventCache.delete(id);
        continue;
      }
      const next = hit.then((list) => (list.some((x) => x.id === e.id) ? list : [...list, e]));
      next.catch(() => this.eventCache.delete(id));
      this.eventCache.set(id, next);
    }
  }

  /** A dataset's contact events in clock order (cached: a batch event can hold a million ids). */
  async datasetEvents(datasetId: string): Promise<HonbuEvent[]> {
    let hit = this.eventCache.get(datasetId);
    if (!hit) {
      const p = await this.policy(datasetId);
      hit = this.store.readEvents(p.incidentId).then((all) => all.filter((e) => (e.payload as { datasetId?: string }).datasetId === datasetId));
      hit.catch(() => this.eventCache.delete(datasetId));
      this.eventCache.set(datasetId, hit);
    }
    return hit;
  }

  /** Resolves once lists imported by an earlier version are brought up to date (upgrades.ts). */
  upgraded: Promise<number> = Promise.resolve(0);

  static async open(store: EventStore): Promise<ContactEngine> {
    const { data, index } = store.keys;
    if (!index) throw new Error('contacts: the store was opened without the blind-index key');
    const bulkIndex = await deriveBulkIndexKey(index);
    const engine = new ContactEngine(store, { data, bulkIndex }, await Tokenizer.create(bulkIndex));
    // In the background: a million-row list takes seconds, and every write it makes is safe to repeat.
    engine.upgraded = upgradeAll(engine).catch((e: unknown) => {
      // A fault goes to the one handler (a lock meanwhile is not one).
      reportError(e, 'background');
      return 0;
    });
    return engine;
  }

  /** The sealed details of a dataset record. */
  async meta(rec: DatasetRecord): Promise<DatasetMeta> {
    return (await this.info(rec)).meta;
  }

  private async info(rec: DatasetRecord): Promise<DatasetInfo> {
    const meta = await openJson<DatasetMeta>(this.importKeys.data, rec.sealed, datasetAad(rec.id));
    return { id: rec.id, incidentId: rec.incidentId, state: rec.state, rows: rec.rows, committedRows: rec.committedRows, meta };
  }

  /**
   * Imported (visible) datasets of an incident, newest first — the one order every list
   * picker shows. Cached until a list is imported or adopted: lookups call it each time.
   */
  datasets(incidentId: string): Promise<DatasetInfo[]> {
    let hit = this.datasetCache.get(incidentId);
    if (!hit) {
      hit = Promise.all([
        this.tables.datasets.where('incidentId').equals(incidentId).toArray(),
        this.store.readEvents(incidentId, [CONTACT_EVENT_TYPES.datasetImported]),
      ])
        .then(async ([recs, events]) => {
          const names = namesOf(events);
          const infos = await Promise.all(recs.filter((r) => r.state === 'complete').map((r) => this.info(r)));
          return infos.map((d) => ({ ...d, importedAt: names.get(d.id)?.at, repeat: names.get(d.id)?.repeat ?? 0 }));
        })
        // Newest first; clocks sort as text.
        .then((list) => list.sort((a, b) => (b.importedAt ?? '').localeCompare(a.importedAt ?? '') || a.meta.fileName.localeCompare(b.meta.fileName)));
      hit.catch(() => this.datasetCache.delete(incidentId));
      this.datasetCache.set(incidentId, hit);
    }
    return hit;
  }

  /** Imports interrupted by a crash or kill: resume with the same file, or discard. */
  async unfinishedImports(incidentId: string): Promise<DatasetInfo[]> {
    const recs = await this.tables.datasets.where('incidentId').equals(incidentId).toArray();
    // Adoptions are listed as missing datasets instead (their event exists already).
    const infos = await Promise.all(recs.filter((r) => r.state !== 'complete').map((r) => this.info(r)));
    return infos.filter((d) => !d.meta.adopted);
  }

  async discardImport(datasetId: string): Promise<void> {
    const rec = await this.tables.datasets.get(datasetId);
    if (rec && rec.state !== 'complete') await discardDataset(this.tables, datasetId);
  }

  /**
   * Makes a staged import visible: one `contacts.dataset-imported` event, and in the same
   * transaction the dataset turns complete and its running totals appear.
   */
  async commitImport(datasetId: string): Promise<HonbuEvent> {
    const rec = await this.tables.datasets.get(datasetId);
    if (!rec || rec.state !== 'staged') throw new Error('contacts: nothing staged to commit');
    const { meta } = await this.info(rec);
    if (meta.adopted) throw new Error('contacts: an adopted dataset is finished by commitAdopted');
    const cells = Int32Array.from(meta.cells ?? []);
    const payload: DatasetImported = {
      datasetId, contentHash: meta.contentHash ?? '', rows: rec.rows, mapping: meta.mapping, header: meta.header, encoding: meta.encoding, delimiter: meta.delimiter,
      fileName: meta.fileName, channelOrder: meta.channelOrder, maxRetries: meta.maxRetries, segments: meta.segments,
    };
    const { cells: _running, ...rest } = meta;
    const kept: DatasetMeta = { ...rest, version: DATASET_VERSION };
    const sealed = await sealJson(this.importKeys.data, kept, datasetAad(datasetId));
    const t = this.tables;
    const [event] = await this.store.append([{ type: CONTACT_EVENT_TYPES.datasetImported, incidentId: rec.incidentId, payload }], {
      tables: ['contact-datasets', 'contact-totals'],
      prepare: async () => async () => {
        await t.datasets.put({ ...rec, state: 'complete', sealed });
        await t.totals.put({ id: datasetId, cells });
      },
    });
    return event!;
  }

  /** The dataset's channel order and retries (and its size and incident). */
  async policy(datasetId: string): Promise<DatasetPolicy> {
    let p = this.policies.get(datasetId);
    if (!p) {
      const rec = await this.tables.datasets.get(datasetId);
      if (!rec || rec.state !== 'complete') throw new Error('contacts: unknown dataset');
      const { meta } = await this.info(rec);
      p = { policy: { order: meta.channelOrder, maxRetries: meta.maxRetries }, rows: rec.rows, incidentId: rec.incidentId };
      this.policies.set(datasetId, p);
    }
    return p;
  }

  /** Appends contact events of one dataset, folding them into statuses in the same write. */
  async appendContact(datasetId: string, type: string, payload: unknown): Promise<HonbuEvent> {
    const p = await this.policy(datasetId);
    const [e] = await this.store.append([{ type, incidentId: p.incidentId, payload }], statusHook(this.tables, this.store, datasetId, p));
    return e!;
  }

  /** Running totals: one small record, never a count over the rows. By segment if asked. */
  async totals(datasetId: string, segment?: string): Promise<Totals> {
    const p = await this.policy(datasetId);
    const rec = await this.tables.totals.get(datasetId);
    const cells = new Array<number>(TOTAL_CELLS).fill(0);
    if (rec) {
      const segs = segment === undefined ? null : (await this.info((await this.tables.datasets.get(datasetId))!)).meta.segments.indexOf(segment);
      for (let s = 0; s * TOTAL_CELLS < rec.cells.length; s++) {
        if (segs !== null && s !== segs) continue;
        for (let c = 0; c < TOTAL_CELLS; c++) cells[c]! += rec.cells[s * TOTAL_CELLS + c]!;
      }
    }
    return totalsFromCells(cells, p.policy.order);
  }

  /** See CustomerSearch: how many matched, and one page of them. */
  search(incidentId: string, q: LookupQuery, cursor: LookupCursor | null = null, size = LOOKUP_PAGE, signal?: AbortSignal): Promise<LookupPage> {
    return this.searcher.search(incidentId, q, cursor, size, signal);
  }

  /** The first `limit` customers of a search (the enquiry form links a caller this way). */
  async find(incidentId: string, kind: LookupKind, value: string, name = '', limit = LOOKUP_PAGE): Promise<LookupHit[]> {
    return (await this.search(incidentId, { kind, value, name }, null, limit)).hits;
  }

  async status(datasetId: string, row: number): Promise<Status> {
    const block = Math.floor(row / BLOCK_ROWS);
    const rec = await this.tables.status.get(blockId(datasetId, block));
    return unpack(rec?.words[row - block * BLOCK_ROWS] ?? 0);
  }

  /** The customer card: the row as imported, its status and every contact event naming it. */
  card(datasetId: string, rowNo: number): Promise<CustomerCard | undefined> {
    return customerCard(this, datasetId, rowNo);
  }

  /** The service / customer-group names of a dataset, in import order (their index is stored per row). */
  async segments(datasetId: string): Promise<string[]> {
    const rec = await this.tables.datasets.get(datasetId);
    return rec ? (await this.info(rec)).meta.segments : [];
  }

  /**
   * Selects everyone pending on the channel (optionally one segment) into a new batch. A
   * phone batch needs its operators: without one nobody's queue holds the customers.
   */
  async createBatch(f: BatchFilter): Promise<{ event: HonbuEvent; batch: BatchCreated }> {
    const operators = f.operators?.map((o) => o.trim()).filter(Boolean) ?? [];
    if (f.channel === 'phone' && operators.length === 0) throw new Error('contacts: a phone batch needs at least one operator');
    const p = await this.policy(f.datasetId);
    const slot = p.policy.order.indexOf(f.channel);
    const seg = f.segment === undefined ? -1 : (await this.segments(f.datasetId)).indexOf(f.segment);
    const rows: number[] = [];
    const limit = f.limit ?? Infinity;
    await this.tables.status.where('datasetId').equals(f.datasetId).each((rec) => {
      if (rows.length >= limit) return;
      rec.words.forEach((w, i) => {
        if (rows.length < limit && phaseOf(w) === 'pending' && slotOf(w) === slot && (seg < 0 || rec.segment[i] === seg)) rows.push(rec.block * BLOCK_ROWS + i);
      });
    });
    rows.sort((a, b) => a - b);
    const batch: BatchCreated = { datasetId: f.datasetId, batchId: crypto.randomUUID(), channel: f.channel, rows };
    if (f.channel === 'phone') {
      batch.operators = operators;
      batch.assignment = splitInTurn(rows, operators);
    }
    return { event: await this.appendContact(f.datasetId, CONTACT_EVENT_TYPES.batchCreated, batch), batch };
  }

  /** Every batch of a dataset, newest first, with re-assignments and cancellations applied. */
  async batches(datasetId: string): Promise<BatchSummary[]> {
    return summariseBatches(await this.datasetEvents(datasetId));
  }

  async batch(datasetId: string, batchId: string): Promise<BatchSummary | undefined> {
    return (await this.batches(datasetId)).find((b) => b.batch.batchId === batchId);
  }

  waiting(s: BatchSummary, rows?: number[]): Promise<{ row: number; status: Status }[]> {
    return waiting(this, s, rows);
  }

  callQueue(datasetId: string, batchId: string, operator: string): Promise<{ row: ContactRow; status: Status }[]> {
    return callQueue(this, datasetId, batchId, operator);
  }

  reassignBatch(datasetId: string, batchId: string, operators: string[]): Promise<HonbuEvent> {
    return reassignBatch(this, datasetId, batchId, operators);
  }

  cancelBatch(datasetId: string, batchId: string): Promise<HonbuEvent> {
    return cancelBatch(this, datasetId, batchId);
  }

  callList(datasetId: string, batchId: string): Promise<{ row: number; operator: string; noAnswers: number }[]> {
    return callList(this, datasetId, batchId);
  }

  recordOutcome(datasetId: string, row: number, outcome: OutcomeItem['outcome'], reason: string, note: string): Promise<HonbuEvent | null> {
    return recordOutcome(this, datasetId, row, outcome, reason, note);
  }

  markBatchSent(datasetId: string, batchId: string, sentAt: string): Promise<HonbuEvent> {
    return this.appendContact(datasetId, CONTACT_EVENT_TYPES.batchSent, { datasetId, batchId, sentAt });
  }

  /** What a returned-mail / bounce / call list would change; nothing is written. */
  async previewOutcomes(datasetId: string, channel: Channel, source: string, items: OutcomeItem[]): Promise<OutcomePlan> {
    const p = await this.policy(datasetId);
    return planOutcomes(this, datasetId, channel, source, items, p.policy);
  }

  applyOutcomes(plan: OutcomePlan): Promise<HonbuEvent> {
    return applyPlan(this, plan);
  }

  exclude(datasetId: string, rows: number[], reason: Exclusion): Promise<HonbuEvent> {
    return this.appendContact(datasetId, CONTACT_EVENT_TYPES.customersExcluded, { datasetId, rows, reason });
  }

  publishNotice(datasetId: string, noticeRef: string): Promise<HonbuEvent> {
    return this.appendContact(datasetId, CONTACT_EVENT_TYPES.noticePublished, { datasetId, noticeRef });
  }

  coverByNotice(datasetId: string, cover: NoticeCover): Promise<HonbuEvent> {
    return coverByNotice(this, datasetId, cover);
  }

  undoNotice(datasetId: string, noticeEventId: string, decision: Omit<NoticeCover, 'statementId' | 'covered'>): Promise<HonbuEvent> {
    return undoNotice(this, datasetId, noticeEventId, decision);
  }

  notices(datasetId: string): Promise<{ event: HonbuEvent; notice: NoticePublished }[]> {
    return notices(this, datasetId);
  }

  undo(datasetId: string, eventId: string): Promise<HonbuEvent> {
    return this.appendContact(datasetId, CONTACT_EVENT_TYPES.eventUndone, { datasetId, eventId });
  }

  /** Totals after each contact event (the reached-over-time chart), from the fold itself. */
  series(datasetId: string, segment?: string): Promise<{ at: string; totals: Totals }[]> {
    return datasetSeries(this, datasetId, segment);
  }

  /** Whether stored statuses and totals equal the fold of the events (the dashboard's proof). */
  checkFold(datasetId: string) {
    return checkFold(this, datasetId);
  }

  /** Refolds statuses from the events (after sync brought contact events, or damage). */
  rebuildStatuses(datasetId: string): Promise<void> {
    return rebuildStatuses(this, datasetId);
  }

  /** Mappings are remembered per header line (column names are not personal data). */
  async rememberMapping(header: string[], mapping: ColumnMapping): Promise<void> {
    await this.store.database.prefs.put({ key: mappingKey(header), value: mapping });
  }

  async recallMapping(header: string[]): Promise<ColumnMapping | undefined> {
    return (await this.store.database.prefs.get(mappingKey(header)))?.value as ColumnMapping | undefined;
  }
}

/** Names of the incident's lists from their import events (the same on every laptop). */
function namesOf(events: HonbuEvent[]) {
  return listNames(events.map((e) => ({ datasetId: (e.payload as DatasetImported).datasetId, fileName: (e.payload as DatasetImported).fileName, rows: (e.payload as DatasetImported).rows, at: e.at })));
}

const mappingKey = (header: string[]) => `contacts-mapping:${JSON.stringify(header.map((h) => h.trim()))}`;
