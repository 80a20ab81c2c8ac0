/**
 * The contact engine of the unlocked workspace, opened once, and what the contact screens
 * show of the open incident: its lists, their running totals, their batches and the chart's
 * records — each kept current from the change notices. A commit that touched one list's
 * totals re-reads that one small record; one that touched some batches re-opens those; the
 * chart takes the new records it is told of. Nothing is counted or folded here.
 */
import { create } from 'zustand';
import type { BatchSummary } from '../../../../shared/contacts/batch-summary';
import { newestFirst } from '../../../../shared/contacts/batch-summary';
import { CONTACT_EVENT_TYPES } from '../../../../shared/contacts/events';
import { type Totals, totalsFromCells } from '../../../../shared/contacts/fallback';
import type { ChangeNotice, EventStore } from '../../data/event-store';
import { StoreBusyError } from '../../data/store-contract';
import { READ_PAGE } from '../../data/typed-events';
import { touchedIn } from '../../data/change-notice';
import { reportError } from '../../errors/report';
import { cellsOf, openBatch } from '../contact-data';
import { ContactEngine, type DatasetInfo, type MissingDataset } from '../contact-engine';
import { ImportClient } from '../import-client';
import type { FoldCheck } from '../fold-check';
import { type SeriesRecord, seriesPrefix, type TotalsRecord } from '../tables';
import { mark } from '../../data/trace';

interface ContactsState {
  engine: ContactEngine | null;
  client: ImportClient | null;
  incidentId: string | null;
  datasets: DatasetInfo[];
  /** Imported on another laptop (their event came by sync); adopt by importing the same file. */
  missing: MissingDataset[];
  /** Running totals' cells per list (TOTAL_CELLS per segment). */
  cells: Record<string, Int32Array>;
  /** Whole-list totals, from the cells. */
  totals: Record<string, Totals>;
  /** Batches per list, newest first, once a screen asked for them. */
  batches: Record<string, BatchSummary[]>;
  /** The chart's records per list (clock order), once a screen asked for them. */
  series: Record<string, SeriesRecord[]>;
  /** The last background check that a list's statuses and totals equal a fold of its events. */
  folds: Record<string, FoldCheck>;
  /**
   * Opens the engine of an unlocked workspace, or (null) closes it: the session opens it
   * on unlock and closes it on lock, when its keys, caches and worker go.
   */
  open(store: EventStore | null): Promise<void>;
  load(incidentId: string): Promise<void>;
  /** Lists, missing lists and every list's totals read again (after an import). */
  refresh(tries?: number): Promise<void>;
  wantBatches(datasetId: string): void;
  wantSeries(datasetId: string): void;
  /**
   * Checks, in the background and now and then (not on every change), that a list's
   * statuses and totals equal a fresh fold of its events (engine.verifyFold: a worker).
   */
  verify(datasetId: string): void;
  /**
   * The list's statuses, totals and chart folded again from its events and stored whole (the
   * way out when the check finds they differ), then checked again. False when its events
   * could not all be read (nothing changed).
   */
  repair(datasetId: string): Promise<boolean>;
}

/** How long a fold check stands before the dashboard asks for another. */
const VERIFY_EVERY_MS = 10 * 60_000;
/** Let the screen settle first: the check reads every status block of the list. */
const VERIFY_AFTER_MS = 2_000;
/** Writes kept landing while the check read: it tries again this much later. */
const VERIFY_BUSY_RETRY_MS = 30_000;
const BUSY = 'busy' as const;
/** When each list was last checked (or is being checked), this session. */
const verified = new Map<string, number>();
/** A list whose check found writes landing and waits to try again: opening the dashboard tries it now. */
const verifyRetries = new Map<string, ReturnType<typeof setTimeout>>();

/** No list counts as checked, and no check waits to try again. */
function forgetChecks(): void {
  verified.clear();
  for (const waiting of verifyRetries.values()) clearTimeout(waiting);
  verifyRetries.clear();
}

let opened: EventStore | null = null;
let unsubscribe: (() => void) | null = null;
/** Bumped by every open and load: a read started for an older one is dropped. */
let generation = 0;
/** Per list, how many notices touched its totals: a read of them answered after a later notice's is not shown. */
const totalsSeen = new Map<string, number>();
/** Bumped by every notice that touched a contact table: a whole read that saw one come by is made again. */
let epoch = 0;
/**
 * Chart records written or removed while a list's chart is being read (its ids; null: a
 * commit changed records it did not name). The read then re-reads those records, not every
 * page again: with call results landing every few seconds, each of the three whole re-reads
 * (30,000 records in pages) held the next results behind it.
 */
const seriesTouched = new Map<string, Set<string> | null>();

/**
 * A list's chart records (one per result: tens of thousands), a page at a time: one read of
 * all of them held every other request of the app (a call result's) until it was done. The
 * next page waits while call results are being recorded, until they pause for CHART_QUIET_MS:
 * on opening the dashboard of a 1M list, the first results otherwise queued behind the
 * chart's 30 pages (0.3–1 s each under load), and with no pause at all each result still
 * waited for one page (p50 ~250 ms in the bench).
 */
/** A pause in the results long enough for the chart's next page. */
const CHART_QUIET_MS = 150;

async function readSeriesPaged(engine: ContactEngine, datasetId: string): Promise<SeriesRecord[]> {
  const out: SeriesRecord[] = [];
  const end = `${seriesPrefix(datasetId)}\uffff`;
  let from = seriesPrefix(datasetId);
  for (let first = true; ; first = false) {
    // Between pages, call results being recorded go first, and the chart goes on when they pause.
    if (!first) await engine.store.backgroundTurn({ quietMs: CHART_QUIET_MS, stop: () => engine.isDisposed });
    const page = await engine.tables.series.where(':id').between(from, end, first, false).limit(READ_PAGE).toArray();
    out.push(...page);
    if (page.length < READ_PAGE) return out;
    from = page[page.length - 1]!.id;
  }
}

const totalsOf = (d: DatasetInfo, cells: Int32Array) => totalsFromCells(cellsOf(cells, null), d.meta.channelOrder);

export const useContacts = create<ContactsState>((set, get) => {
  /** Runs a read for the current engine and incident; drops its result if either moved on. */
  function follow<T>(read: (engine: ContactEngine) => Promise<T>, apply: (value: T) => void): void {
    const { engine } = get();
    const g = generation;
    if (!engine) return;
    read(engine)
      .then((value) => {
        if (g === generation && get().engine === engine) apply(value);
      })
      .catch((e: unknown) => {
        if (g === generation) reportError(e, 'background');
      });
  }

  /** A whole read (lists, batches, chart) made again if a commit came by while it ran: it may have missed it. */
  function whole<T>(read: (engine: ContactEngine) => Promise<T>, apply: (value: T) => void, tries = 3): void {
    const start = epoch;
    follow(read, (value) => {
      apply(value);
      if (epoch !== start && tries > 1) whole(read, apply, tries - 1);
    });
  }

  function onNotice(n: ChangeNotice) {
    const { incidentId, datasets } = get();
    if ([...n.touched.keys()].some((t) => t.startsWith('contact-'))) epoch++;
    if (!incidentId) return;
    if (touchedIn(n, 'contact-datasets') || n.events.some((e) => e.type === CONTACT_EVENT_TYPES.datasetImported && e.incidentId === incidentId)) {
      void get().refresh();
      return;
    }
    const mine = new Map(datasets.map((d) => [d.id, d]));
    // Counted for every list, shown or not yet (a list the dashboard is reading: refresh).
    const touchedTotals = [...(touchedIn(n, 'contact-totals') ?? [])];
    for (const id of touchedTotals) totalsSeen.set(id, (totalsSeen.get(id) ?? 0) + 1);
    const totals = touchedTotals.filter((id) => mine.has(id));
    if (totals.length > 0) {
      // Each list's totals as of this notice: a read answered after a later notice's is dropped.
      const seen = totals.map((id) => totalsSeen.get(id)!);
      const show = (recs: readonly (TotalsRecord | undefined)[]) => {
        const cells = { ...get().cells };
        const sums = { ...get().totals };
        recs.forEach((r, i) => {
          const id = totals[i]!;
          if (!r || totalsSeen.get(id) !== seen[i]) return;
          cells[id] = r.cells;
          sums[id] = totalsOf(mine.get(id)!, r.cells);
        });
        set({ cells, totals: sums });
        mark('totalsSet');
      };
      // The commit handed over the totals it wrote: shown at once, nothing read (a call result
      // landing while background work reads the database would otherwise wait for it).
      const given = n.rows?.get('contact-totals') as ReadonlyMap<string, TotalsRecord | null> | undefined;
      if (given && totals.every((id) => given.has(id))) show(totals.map((id) => given.get(id) ?? undefined));
      else follow((engine) => engine.tables.totals.bulkGet(totals), show);
    }
    const batchIds = [...(touchedIn(n, 'contact-batches') ?? [])];
    if (batchIds.length > 0) {
      follow(
        async (engine) => {
          const recs = await engine.tables.batches.bulkGet(batchIds);
          return Promise.all(recs.map((r) => (r ? openBatch(engine.data.dataKey, r) : null)));
        },
        (fresh) => {
          const batches = { ...get().batches };
          batchIds.forEach((id, i) => {
            for (const datasetId of Object.keys(batches)) batches[datasetId] = batches[datasetId]!.filter((b) => b.batch.batchId !== id);
            const s = fresh[i];
            if (s && batches[s.batch.datasetId]) batches[s.batch.datasetId] = [...batches[s.batch.datasetId]!, s].sort(newestFirst);
          });
          set({ batches });
        },
      );
    }
    const seriesTouchedIds = touchedIn(n, 'contact-series');
    const seriesIds = [...(seriesTouchedIds ?? [])];
    for (const [datasetId, ids] of seriesTouched) {
      if (!seriesTouchedIds || ids === null) continue;
      if (seriesTouchedIds.size === 0) seriesTouched.set(datasetId, null);
      else for (const id of seriesIds) if (id.startsWith(seriesPrefix(datasetId))) ids.add(id);
    }
    const givenSeries = n.rows?.get('contact-series') as ReadonlyMap<string, SeriesRecord | null> | undefined;
    for (const datasetId of Object.keys(get().series)) {
      const ids = seriesIds.filter((id) => id.startsWith(seriesPrefix(datasetId)));
      if (ids.length === 0) continue;
      const add = (recs: readonly (SeriesRecord | null | undefined)[]) => {
        const list = get().series[datasetId];
        if (!list) return;
        const last = list[list.length - 1]?.id ?? '';
        // New points after the last one (every append in order) are added; anything else is read again.
        if (recs.every((r) => r && r.id > last)) set({ series: { ...get().series, [datasetId]: [...list, ...(recs as SeriesRecord[]).sort((a, b) => (a.id < b.id ? -1 : 1))] } });
        else readSeries(datasetId);
      };
      // The commit's own records, handed over: nothing read.
      if (givenSeries && ids.every((id) => givenSeries.has(id))) add(ids.map((id) => givenSeries.get(id)));
      else follow((engine) => engine.tables.series.bulkGet(ids), add);
    }
  }

  function readSeries(datasetId: string, tries = 3) {
    const touched = new Set<string>();
    seriesTouched.set(datasetId, touched);
    const done = () => {
      if (seriesTouched.get(datasetId) === touched || seriesTouched.get(datasetId) === null) seriesTouched.delete(datasetId);
    };
    follow(
      async (engine) => {
        const byId = new Map((await readSeriesPaged(engine, datasetId)).map((r) => [r.id, r]));
        // What commits changed meanwhile, read again record by record (until none came by).
        for (let left = 5; ; left--) {
          const now = seriesTouched.get(datasetId);
          if (now === null || left === 0) return null;
          if (!now || now.size === 0) break;
          const ids = [...now];
          now.clear();
          const recs = await engine.tables.series.bulkGet(ids);
          ids.forEach((id, i) => (recs[i] ? byId.set(id, recs[i]) : byId.delete(id)));
        }
        return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      },
      (recs) => {
        done();
        // A commit changed records it did not name: the whole chart is read again.
        if (recs === null) {
          if (tries > 1) readSeries(datasetId, tries - 1);
          return;
        }
        set({ series: { ...get().series, [datasetId]: recs } });
      },
    );
  }

  return {
    engine: null,
    client: null,
    incidentId: null,
    datasets: [],
    missing: [],
    cells: {},
    totals: {},
    batches: {},
    series: {},
    folds: {},

    async open(store) {
      if (store === opened) return;
      opened = store;
      generation++;
      unsubscribe?.();
      unsubscribe = null;
      get().client?.terminate();
      get().engine?.dispose();
      forgetChecks();
      seriesTouched.clear();
      totalsSeen.clear();
      set({ engine: null, client: null, datasets: [], missing: [], cells: {}, totals: {}, batches: {}, series: {}, folds: {} });
      if (!store) return;
      const engine = await ContactEngine.open(store);
      if (opened !== store) {
        // Locked while it opened: it must not live on with the keys.
        engine.dispose();
        return;
      }
      unsubscribe = store.subscribe(onNotice);
      set({ engine, client: new ImportClient(engine) });
      await get().refresh();
    },

    async load(incidentId) {
      if (incidentId !== get().incidentId) {
        generation++;
        // A check under way or waiting is dropped with the incident: back in it, the figures are checked again.
        forgetChecks();
        seriesTouched.clear();
        set({ incidentId, datasets: [], missing: [], cells: {}, totals: {}, batches: {}, series: {} });
      }
      await get().refresh();
    },

    async refresh(tries = 3) {
      const { engine, incidentId } = get();
      if (!engine || !incidentId) return;
      const g = generation;
      const start = epoch;
      const datasets = await engine.datasets(incidentId);
      const missing = await engine.missingDatasets(incidentId);
      // The totals read last, and again for a list whose totals a commit touched meanwhile:
      // set at once after a read no commit crossed (results land all the while; shown stale
      // once the tries below ran out, until the next result).
      const cells: Record<string, Int32Array> = {};
      const totals: Record<string, Totals> = {};
      let pending = datasets;
      for (let left = 5; pending.length > 0 && left > 0; left--) {
        const seen = new Map(pending.map((d) => [d.id, totalsSeen.get(d.id)]));
        const read = await Promise.all(pending.map((d) => engine.data.cells(d.id)));
        pending.forEach((d, i) => {
          cells[d.id] = read[i]!;
          totals[d.id] = totalsOf(d, read[i]!);
        });
        pending = pending.filter((d) => totalsSeen.get(d.id) !== seen.get(d.id));
      }
      if (g !== generation || get().engine !== engine) return;
      // Lists gone (an adoption discarded) lose their batches and chart too.
      const keep = <T>(m: Record<string, T>) => Object.fromEntries(Object.entries(m).filter(([id]) => id in cells));
      set({ datasets, missing, cells, totals, batches: keep(get().batches), series: keep(get().series) });
      if (epoch !== start && tries > 1) await get().refresh(tries - 1);
    },

    wantBatches(datasetId) {
      if (get().batches[datasetId]) return;
      whole(
        (engine) => engine.batches(datasetId),
        (list) => set({ batches: { ...get().batches, [datasetId]: list } }),
      );
    },

    wantSeries(datasetId) {
      if (get().series[datasetId]) return;
      readSeries(datasetId);
    },

    verify(datasetId) {
      const waiting = verifyRetries.get(datasetId);
      const last = verified.get(datasetId);
      // A check put off by a busy floor is not left half a minute away when the person opens the figures.
      if (waiting !== undefined) clearTimeout(waiting);
      else if (last !== undefined && Date.now() - last < VERIFY_EVERY_MS) return;
      verifyRetries.delete(datasetId);
      verified.set(datasetId, Date.now());
      const g = generation;
      const attempt = () => {
        verifyRetries.delete(datasetId);
        if (g !== generation) return;
        follow(
          // Results kept coming while it read (a busy call floor): never hold them, check later.
          (engine) => engine.verifyFold(datasetId).catch((e: unknown) => (e instanceof StoreBusyError ? BUSY : Promise.reject(e))),
          (result) => {
            if (result === BUSY) verifyRetries.set(datasetId, setTimeout(attempt, VERIFY_BUSY_RETRY_MS));
            else set({ folds: { ...get().folds, [datasetId]: result } });
          },
        );
      };
      setTimeout(attempt, VERIFY_AFTER_MS);
    },

    async repair(datasetId) {
      const { engine } = get();
      if (!engine) return false;
      const done = await engine.rebuildStatuses(datasetId);
      if (done) {
        const { [datasetId]: _old, ...folds } = get().folds;
        set({ folds });
        verified.delete(datasetId);
        get().verify(datasetId);
      }
      return done;
    },
  };
});
