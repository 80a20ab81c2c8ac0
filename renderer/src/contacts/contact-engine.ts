/**
 * The customer contact tracker of an unlocked workspace: what it reads (contact-data.ts),
 * its projection folded with every commit (status-projection.ts), lookups through the blind
 * index, import and adoption of customer lists. Screens change its state through dispatch
 * (handlers.ts); the methods below that write go through those same handlers, for the
 * tests and the bench page.
 */
import { recallShape, rememberShape } from '../data/remembered-shapes';
import type { BatchCreated, ContactEvent, NoticePublished } from '../../../shared/contacts/events';
import type { Status, Totals } from '../../../shared/contacts/fallback';
import type { ColumnMapping, ContactRow, Exclusion } from '../../../shared/contacts/model';
import { deriveBulkIndexKey, Tokenizer } from '../../../shared/contacts/tokens';
import { isMappingFor } from '../../../shared/contacts/validate';
import type { BatchSummary } from '../../../shared/contacts/batch-summary';
import { type BatchRequest as BatchFilter, importDataset, type NoticeCover } from '../../../shared/contacts/commands';
import { nextListNumber } from '../../../shared/contacts/list-numbers';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import { sealJson } from '../../../shared/vault/cipher';
import { StoreClosedError, type EventStore } from '../data/event-store';
import { reportError } from '../errors/report';
import { WorkerCallError, WorkerCalls } from '../data/worker-calls';
import { callList, callQueue, waiting } from './batch-reads';
import { AppliedBook } from './applied-book';
import { ContactData, type ContactReader, type DatasetInfo, listImportsOf, type MissingDataset, registerReader } from './contact-data';
import { checkFold, type FoldCheck, foldSnapshot } from './fold-check';
import type { FoldCalls } from './fold-check-worker';
import * as handlers from './handlers';
import { customerCard, type CustomerCard } from './history';
import { IndexDamagedError, mergeDataset, type MergeStats } from './index-merge';
import { rebuildIndex, type IndexRebuildOptions, type IndexRebuildResult } from './index-rebuild';
import { datasetAad, discardDataset } from './import-commit';
import type { ImportKeys, ImportRequest } from './import-pipeline';
import type { LookupKind, LookupQuery } from './lookup';
import { notices } from './notice';
import { rebuildStatuses } from './rebuild';
import { ListsFullError } from './reference-numbers';
import { storedBlocksDigest } from './list-digest';
import { type MatchOptions, type OutcomeItem, type OutcomePlan, planOutcomes } from './result-lists';
import { CustomerSearch, LOOKUP_PAGE, type LookupCursor, type LookupHit, type LookupPage } from './search';
import { statusProjection } from './status-projection';
import type { DatasetMeta } from './tables';
import { DATASET_VERSION, upgradeAll } from './upgrades';

export type { DatasetInfo, MissingDataset } from './contact-data';
export type { CustomerCard } from './history';
export type { LookupCursor, LookupHit, LookupPage } from './search';
export { LOOKUP_FIRST, LOOKUP_PAGE } from './search';
export type { NoticeCover } from './notice';
export { IndexDamagedError } from './index-merge';
export type { IndexRebuildProgress, IndexRebuildResult } from './index-rebuild';
export type { BatchRequest as BatchFilter } from '../../../shared/contacts/commands';

export class ContactEngine implements ContactReader {
  private readonly searcher: CustomerSearch;
  private readonly unregister: () => void;
  private disposed = false;
  /** No background transaction in the first moments after the engine opens (unlock). Tests lower it. */
  static backgroundAfterOpenMs = 3_000;
  /** Quiet after the person's last work before background work takes its next transaction (undefined: the store's default). Tests lower it. */
  static backgroundQuietMs: number | undefined = undefined;
  /** Background work (upgrades, the index merge, the fold check) starts no earlier: the screens after unlock are read first. */
  private readonly backgroundFrom = performance.now() + ContactEngine.backgroundAfterOpenMs;

  private constructor(
    readonly data: ContactData,
    readonly importKeys: ImportKeys,
    readonly tokenizer: Tokenizer,
  ) {
    this.searcher = new CustomerSearch(this);
    this.unregister = registerReader(data.store, this);
  }

  /**
   * Resolves when background work may take its next IndexedDB transaction: the store's turn
   * (no work of the person under way, and a quiet moment since: EventStore.backgroundTurn),
   * not in the first moments after unlock; at once once disposed.
   */
  backgroundTurn(): Promise<void> {
    return this.store.backgroundTurn({ stop: () => this.disposed, notBefore: this.backgroundFrom, quietMs: ContactEngine.backgroundQuietMs });
  }

  /** Rebuilds the person asked for that are waiting for the upgrades: these then take their turns at once. */
  private awaitingUpgrade = 0;

  /** The upgrades' turn: the background's, unless a rebuild the person asked for awaits them. */
  private upgradeTurn(): Promise<void> {
    return this.store.backgroundTurn({ stop: () => this.disposed, notBefore: this.backgroundFrom, quietMs: ContactEngine.backgroundQuietMs, hurry: () => this.awaitingUpgrade > 0 });
  }

  /** Resolves once lists imported by an earlier version are brought up to date (upgrades.ts). */
  upgraded: Promise<number> = Promise.resolve(0);

  /** False in the bench page (it merges when it chooses, to measure lookups before and after) and in test-engine.ts. */
  static autoMerge = true;
  private mergeChain: Promise<MergeStats[]> = Promise.resolve([]);

  /**
   * Merges the index segments of every complete list that still has some (decision 039),
   * one list after the other, in the background; calls made meanwhile queue behind. Stops
   * between buckets on lock; what was merged stays merged, the rest is merged next time.
   * Lists whose tokens an upgrade still adds (version < 2) wait for it.
   */
  mergeIndexes(force = false): Promise<MergeStats[]> {
    if (!ContactEngine.autoMerge && !force) return this.mergeChain;
    const run = async (): Promise<MergeStats[]> => {
      const out: MergeStats[] = [];
      for (const rec of await this.tables.datasets.where('state').equals('complete').toArray()) {
        if (this.disposed) break;
        // A list whose index is being rebuilt is merged once the rebuild is done (it merges then).
        if (rec.indexRebuild) continue;
        if (((await this.data.meta(rec)).version ?? 1) < 2) continue;
        try {
          out.push(await mergeDataset(this.tables, rec.id, () => this.disposed, undefined, () => this.backgroundTurn()));
        } catch (e) {
          // A damaged index is left as it is: a lookup in the list names it and rebuilds it
          // (then the list is merged). Not a fault to report at every unlock; the next list is merged.
          if (!(e instanceof IndexDamagedError)) throw e;
        }
      }
      return out;
    };
    this.mergeChain = this.mergeChain.then(run).catch((e: unknown) => {
      if (!this.disposed) reportError(e, 'background');
      return [];
    });
    return this.mergeChain;
  }

  private rebuildChain: Promise<unknown> = Promise.resolve();

  /**
   * Rebuilds a list's search index from its rows (index-rebuild.ts): the way out of a lookup
   * that found the index damaged. One rebuild at a time; after the upgrades (they add tokens
   * too). Cancelled by `signal` or stopped by the lock between groups: what was written
   * stays, and the next call goes on from there. Done, the list's index is merged again.
   */
  rebuildIndex(datasetId: string, opts: Omit<IndexRebuildOptions, 'stop'> = {}): Promise<IndexRebuildResult> {
    const run = async () => {
      // The person waits for it now: the upgrades stop waiting for a quiet moment.
      this.awaitingUpgrade++;
      try {
        await this.upgraded;
      } finally {
        this.awaitingUpgrade--;
      }
      const result = await rebuildIndex(this, datasetId, { ...opts, stop: () => this.disposed });
      if (result === 'done') void this.mergeIndexes();
      return result;
    };
    const next = this.rebuildChain.then(run, run);
    this.rebuildChain = next.catch(() => undefined);
    return next;
  }

  static async open(store: EventStore): Promise<ContactEngine> {
    const { data: key, index } = store.keys;
    if (!index) throw new Error('contacts: the store was opened without the blind-index key');
    // At once, before anything is awaited: a contact event that arrives from another laptop
    // while the rest opens is folded like any other.
    const data = new ContactData(store, key);
    data.ownProjection(store.addBulkProjection(statusProjection(data)));
    try {
      const bulkIndex = await deriveBulkIndexKey(index);
      const engine = new ContactEngine(data, { data: key, bulkIndex }, await Tokenizer.create(bulkIndex));
      // In the background: a million-row list takes seconds, and every write it makes is safe to repeat.
      engine.upgraded = upgradeAll(engine, () => engine.upgradeTurn()).catch((e: unknown) => {
        // A fault goes to the one handler (a lock meanwhile is not one).
        reportError(e, 'background');
        return 0;
      });
      // Then the index segments of complete lists are merged (decision 039), also in the background.
      void engine.upgraded.then(() => engine.mergeIndexes());
      return engine;
    } catch (e) {
      data.dispose();
      throw e;
    }
  }

  /**
   * On lock: stops folding and listening, forgets every decrypted row and event it cached,
   * and zeroes the bulk-index key it derived. The engine is unusable afterwards.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unregister();
    this.data.dispose();
    this.foldCalls.dispose();
    this.importKeys.bulkIndex.fill(0);
    this.tokenizer.forget();
  }

  /**
   * Resolves once every contact event received from other laptops so far is folded: at
   * once, since they are folded in the same transaction that stores them.
   */
  settled(): Promise<void> {
    return Promise.resolve();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  get store(): EventStore {
    return this.data.store;
  }

  get tables() {
    return this.data.tables;
  }

  get cache() {
    return this.data.cache;
  }

  // ---- Reads -------------------------------------------------------------------------

  datasets(incidentId: string): Promise<DatasetInfo[]> {
    return this.data.datasets(incidentId);
  }

  missingDatasets(incidentId: string): Promise<MissingDataset[]> {
    return this.data.missingDatasets(incidentId);
  }

  unfinishedImports(incidentId: string): Promise<DatasetInfo[]> {
    return this.data.unfinishedImports(incidentId);
  }

  discardImport(datasetId: string): Promise<void> {
    return this.data.discardImport(datasetId);
  }

  policy(datasetId: string) {
    return this.data.policy(datasetId);
  }

  meta(rec: Parameters<ContactData['meta']>[0]): Promise<DatasetMeta> {
    return this.data.meta(rec);
  }

  datasetEvents(datasetId: string): Promise<ContactEvent[]> {
    return this.data.datasetEvents(datasetId);
  }

  totals(datasetId: string, segment?: string): Promise<Totals> {
    return this.data.totals(datasetId, segment);
  }

  status(datasetId: string, row: number): Promise<Status> {
    return this.data.status(datasetId, row);
  }

  segments(datasetId: string): Promise<string[]> {
    return this.data.segments(datasetId);
  }

  batches(datasetId: string): Promise<BatchSummary[]> {
    return this.data.batches(datasetId);
  }

  batch(datasetId: string, batchId: string): Promise<BatchSummary | undefined> {
    return this.data.batch(datasetId, batchId);
  }

  /** Totals after each contact event (the reached-over-time chart), from its projection. */
  series(datasetId: string, segment?: string): Promise<{ at: string; totals: Totals }[]> {
    return this.data.series(datasetId, segment);
  }

  /** See CustomerSearch: how many matched, and one page of them. */
  search(incidentId: string, q: LookupQuery, cursor: LookupCursor | null = null, size = LOOKUP_PAGE, signal?: AbortSignal): Promise<LookupPage> {
    return this.searcher.search(incidentId, q, cursor, size, signal);
  }

  /** The first `limit` customers of a search (the enquiry form links a caller this way). */
  async find(incidentId: string, kind: LookupKind, value: string, name = '', limit = LOOKUP_PAGE): Promise<LookupHit[]> {
    return (await this.search(incidentId, { kind, value, name }, null, limit)).hits;
  }

  /** The customer card: the row as imported, its status and every contact event naming it. */
  card(datasetId: string, rowNo: number): Promise<CustomerCard | undefined> {
    return customerCard(this, datasetId, rowNo);
  }

  waiting(s: BatchSummary, rows?: number[]): Promise<{ row: number; status: Status }[]> {
    return waiting(this, s, rows);
  }

  callQueue(datasetId: string, batchId: string, operator: string): Promise<{ row: ContactRow; status: Status }[]> {
    return callQueue(this, datasetId, batchId, operator);
  }

  callList(datasetId: string, batchId: string): Promise<{ row: number; operator: string; noAnswers: number }[]> {
    return callList(this, datasetId, batchId);
  }

  /** What a returned-mail / bounce / call list would change; nothing is written. */
  async previewOutcomes(datasetId: string, channel: OutcomePlan['channel'], source: string, items: OutcomeItem[], opts?: MatchOptions): Promise<OutcomePlan> {
    const p = await this.data.policy(datasetId);
    return planOutcomes(this, datasetId, channel, source, items, p.policy, opts);
  }

  notices(datasetId: string): Promise<{ event: ContactEvent; notice: NoticePublished }[]> {
    return notices(this, datasetId);
  }

  /** Whether stored statuses and totals equal the fold of the events, folded on this thread (tests). */
  checkFold(datasetId: string): Promise<FoldCheck> {
    return checkFold(this, datasetId);
  }

  private readonly foldCalls = new WorkerCalls<FoldCalls>(() => new Worker(new URL('./fold-check-worker.ts', import.meta.url), { type: 'module' }), {
    name: 'fold check',
    report: (e) => reportError(e, 'background'),
  });

  /**
   * The same check for the dashboard, folded in a worker: the screen's thread only reads the
   * blocks and hands them over. Where there is no worker (unit tests), on this thread.
   */
  async verifyFold(datasetId: string): Promise<FoldCheck> {
    // In the background: each of its reads waits for the store's turn (no call result under way).
    const pace = () => this.backgroundTurn();
    if (typeof Worker === 'undefined') return checkFold(this, datasetId, pace);
    const { input, events, policy } = await foldSnapshot(this, datasetId, pace);
    if (this.disposed) throw new StoreClosedError();
    return this.foldCalls.call('check', { input, events, policy }, { transfer: [input.avail.buffer, input.stored.buffer, input.segment.buffer] }).catch((e: unknown) => {
      throw e instanceof WorkerCallError ? new Error(`contacts: the fold check failed (${e.message})`) : e;
    });
  }

  // ---- Import and adoption (the worker writes the rows; these make them visible) -----

  /**
   * The import request that adopts a missing dataset: its id, mapping, channel order and
   * retries come from the event. A partial earlier attempt is removed first.
   */
  async adoptRequest(datasetId: string): Promise<ImportRequest> {
    const e = await this.data.importedEvent(datasetId);
    if (!e) throw new Error('contacts: no such dataset was imported');
    const rec = await this.tables.datasets.get(datasetId);
    if (rec?.state === 'complete') throw new Error('contacts: the dataset is already here');
    if (rec) await discardDataset(this.tables, datasetId);
    const p = e.payload;
    return { incidentId: e.incidentId ?? '', mapping: p.mapping, channelOrder: p.channelOrder, maxRetries: p.maxRetries, fileName: p.fileName, adoptId: datasetId, delimiter: p.delimiter ?? ',', ...(p.noHeader ? { noHeader: true, columns: p.header.length } : {}) };
  }

  /**
   * Finishes adopting: the file's content hash must equal the event's, or everything it
   * wrote is discarded. On success the dataset turns complete WITHOUT a second event, and
   * its projection is refolded from the contact events that came by sync.
   */
  async commitAdopted(datasetId: string): Promise<{ ok: true } | { ok: false; reason: 'hash-mismatch' }> {
    const e = await this.data.importedEvent(datasetId);
    const rec = await this.tables.datasets.get(datasetId);
    if (!e || !rec || rec.state !== 'staged') throw new Error('contacts: nothing staged to adopt');
    const { meta } = await this.data.info(rec);
    const p = e.payload;
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
      prepare: async () => ({
        write: async () => {
          await t.datasets.put({ ...rec, state: 'complete', sealed });
          await t.totals.put({ id: datasetId, cells });
        },
        touched: [['contact-datasets', [datasetId]], ['contact-totals', [datasetId]]],
      }),
    });
    if (!(await this.rebuildStatuses(datasetId))) {
      // One of its events does not open here (decision 040): nothing folded without it. Kept
      // as a list owing its refold (the version before the last, whose upgrade is the refold):
      // the next unlock refolds it, once the record is mended.
      const owed = await sealJson(this.importKeys.data, { ...kept, version: DATASET_VERSION - 1 }, datasetAad(datasetId));
      await this.store.writeDerived({
        tables: ['contact-datasets'],
        prepare: async () => ({
          write: async () => {
            const now = await t.datasets.get(datasetId);
            if (now) await t.datasets.put({ ...now, sealed: owed });
          },
          touched: [['contact-datasets', [datasetId]]],
        }),
      });
    }
    void this.mergeIndexes();
    return { ok: true };
  }

  /** Whether the incident still has a list number for a new list (asked before an import starts: decision 025). */
  async hasFreeListNumber(incidentId: string): Promise<boolean> {
    return nextListNumber(listImportsOf(await this.data.importEvents(incidentId))) !== undefined;
  }

  /**
   * Makes a staged import visible: one `contacts.dataset-imported` event, and in the same
   * transaction the dataset turns complete and its running totals appear.
   */
  async commitImport(datasetId: string): Promise<AnyEvent> {
    const rec = await this.tables.datasets.get(datasetId);
    if (!rec || rec.state !== 'staged') throw new Error('contacts: nothing staged to commit');
    const { meta } = await this.data.info(rec);
    if (meta.adopted) throw new Error('contacts: an adopted dataset is finished by commitAdopted');
    const cells = Int32Array.from(meta.cells ?? []);
    const lists = listImportsOf(await this.data.importEvents(rec.incidentId));
    const result = importDataset(handlers.engineContext(this.store).ctx, { incidentId: rec.incidentId, lists }, {
      datasetId, contentHash: meta.contentHash ?? '', rows: rec.rows, mapping: meta.mapping, header: meta.header, encoding: meta.encoding, delimiter: meta.delimiter, ...(meta.noHeader ? { noHeader: true as const } : {}),
      fileName: meta.fileName, channelOrder: meta.channelOrder, maxRetries: meta.maxRetries, segments: meta.segments,
      // Signed with the event, so a laptop receiving the list from the team can check its rows (decision 012).
      blocksDigest: await storedBlocksDigest(this.tables, datasetId),
    });
    if (!result.ok) throw result.problems.some((p) => p.reason === 'lists-full') ? new ListsFullError() : new Error('contacts: the staged list cannot be committed');
    const { cells: _running, ...rest } = meta;
    const kept: DatasetMeta = { ...rest, version: DATASET_VERSION };
    const sealed = await sealJson(this.importKeys.data, kept, datasetAad(datasetId));
    const t = this.tables;
    // A new list has no applied list yet: its book is kept from the start (applied-book.ts).
    const book = await AppliedBook.of(datasetId).seal(this.data.dataKey);
    const [event] = await this.store.append(result.events, {
      tables: ['contact-datasets', 'contact-totals', 'contact-applied'],
      prepare: async () => ({
        write: async () => {
          await t.datasets.put({ ...rec, state: 'complete', sealed });
          await t.totals.put({ id: datasetId, cells, at: '' });
          await t.applied.put(book);
        },
        touched: [['contact-datasets', [datasetId]], ['contact-totals', [datasetId]], ['contact-applied', [datasetId]]],
      }),
    });
    void this.mergeIndexes();
    return event!;
  }

  /** Refolds a dataset's projection from its events (after an adoption, an upgrade, or damage). */
  rebuildStatuses(datasetId: string): Promise<boolean> {
    return rebuildStatuses(this, datasetId);
  }

  /**
   * Mappings are remembered per header line, under a keyed hash of it (data/remembered-shapes.ts):
   * a file without a header line has a customer's row in its place.
   */
  async rememberMapping(header: string[], mapping: ColumnMapping): Promise<void> {
    await rememberShape(this.store.database, this.store.keys.index, MAPPING_SCOPE, trimmed(header), mapping);
  }

  /** A remembered mapping that still fits this header (a damaged or foreign one is not offered). */
  async recallMapping(header: string[]): Promise<ColumnMapping | undefined> {
    const stored = await recallShape<unknown>(this.store.database, this.store.keys.index, MAPPING_SCOPE, trimmed(header));
    return isMappingFor(stored, header.length) ? stored : undefined;
  }

  // ---- Writes, through the handlers dispatch reaches (tests and the bench page) --------

  private get h() {
    return handlers.engineContext(this.store);
  }

  /** A write the person asked for, from its first read to its commit (as dispatch runs commands). */
  private own<T>(work: () => Promise<T>): Promise<T> {
    return this.store.asPerson(work);
  }

  async createBatch(f: BatchFilter): Promise<{ event: AnyEvent; batch: BatchCreated }> {
    const { value, events } = await this.own(() => handlers.createBatch(this.h, this, f));
    return { event: events[0]!, batch: value };
  }

  async markBatchSent(datasetId: string, batchId: string, sentAt: string): Promise<AnyEvent> {
    return this.own(async () => (await handlers.markBatchSent(this.h, this, { datasetId, batchId, sentAt })).events[0]!);
  }

  async reassignBatch(datasetId: string, batchId: string, operators: string[]): Promise<AnyEvent> {
    return this.own(async () => (await handlers.reassignBatch(this.h, this, { datasetId, batchId, operators })).events[0]!);
  }

  async cancelBatch(datasetId: string, batchId: string): Promise<AnyEvent> {
    return this.own(async () => (await handlers.cancelBatch(this.h, this, { datasetId, batchId })).events[0]!);
  }

  async recordOutcome(datasetId: string, row: number, outcome: OutcomeItem['outcome'], reason: string, note: string): Promise<AnyEvent | null> {
    const done = await this.own(() => handlers.recordOutcome(this.h, this, { datasetId, row, outcome, reason, note }));
    return done ? done.events[0]! : null;
  }

  async applyOutcomes(plan: OutcomePlan): Promise<AnyEvent> {
    return this.own(async () => (await handlers.recordOutcomes(this.h, this, plan)).events[0]!);
  }

  async exclude(datasetId: string, rows: number[], reason: Exclusion): Promise<AnyEvent> {
    return this.own(async () => (await handlers.excludeCustomers(this.h, this, { datasetId, rows, reason })).events[0]!);
  }

  async publishNotice(datasetId: string, noticeRef: string): Promise<AnyEvent> {
    return this.own(async () => (await handlers.publishNotice(this.h, this, { datasetId, noticeRef })).events[0]!);
  }

  async coverByNotice(datasetId: string, cover: NoticeCover): Promise<AnyEvent> {
    return this.own(async () => (await handlers.coverByNotice(this.h, this, { datasetId, cover })).events[0]!);
  }

  async undoNotice(datasetId: string, noticeEventId: string, decision: Omit<NoticeCover, 'statementId' | 'covered'>): Promise<AnyEvent> {
    return this.own(async () => (await handlers.undoNotice(this.h, this, { datasetId, noticeEventId, decision })).events[0]!);
  }

  async undo(datasetId: string, eventId: string): Promise<AnyEvent> {
    return this.own(async () => (await handlers.undoEvent(this.h, this, { datasetId, eventId })).events[0]!);
  }

  /** Appends one contact event as it is (typed: only a registered contact type with its payload compiles). */
  async appendContact<K extends ContactEvent['type']>(datasetId: string, type: K, payload: Extract<ContactEvent, { type: K }>['payload']): Promise<AnyEvent> {
    const { incidentId } = await this.data.policy(datasetId);
    const [e] = await this.store.append([{ type, incidentId, payload } as AnyDraft]);
    return e!;
  }
}

const MAPPING_SCOPE = 'contacts';
const trimmed = (header: string[]) => header.map((h) => h.trim());
