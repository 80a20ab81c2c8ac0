/**
 * Background IndexedDB work (the index merge, the dashboard's fold check) yields to the
 * person's own work at the store (decision 009, addendum): a call result recorded while it
 * runs lands at once — no background transaction starts between the result's first read and
 * its commit. In the workspace bench (1M rows) a merge bucket, a status read or a page of
 * events started meanwhile made the first results after opening the contacts tab take
 * 2–11 s each.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJson, sealJson } from '../../../shared/vault/cipher';
import type { HonbuDb } from '../data/db';
import { StoreClosedError } from '../data/event-store';
import { errorLog } from '../errors/error-log';
import { ContactEngine } from './contact-engine';
import { followNotices } from './notice';
import { datasetAad } from './import-commit';
import type { DatasetMeta } from './tables';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(async () => {
  ContactEngine.autoMerge = false;
  await dropTestDatabases();
});
beforeEach(() => {
  // Quick turns, so the tests do not wait for the app's pauses (3 s after unlock, 750 ms of quiet).
  ContactEngine.backgroundAfterOpenMs = 0;
  ContactEngine.backgroundQuietMs = 20;
});

/** Logs every read-write transaction on the blind index (the merge's buckets) as it starts. */
function watchMergeTransactions(db: HonbuDb, log: string[], onFirst: () => void) {
  const original = db.transaction.bind(db) as (...args: unknown[]) => unknown;
  let first = true;
  (db as unknown as { transaction: (...args: unknown[]) => unknown }).transaction = (...args: unknown[]) => {
    const tables = args.slice(1, -1).flat() as { name?: string }[];
    if (args[0] === 'rw' && tables.length === 1 && tables[0]?.name === 'contact-index') {
      log.push('merge bucket');
      if (first) {
        first = false;
        onFirst();
      }
    }
    return original(...args);
  };
}

describe('background work yields to the person at the store', () => {
  it('a call result recorded while the index merge runs lands at once: no bucket starts until it is written', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(2_500), { commitRows: 500 });
    const log: string[] = [];
    let merging!: () => void;
    const started = new Promise<void>((ok) => (merging = ok));
    watchMergeTransactions(db, log, merging);
    ContactEngine.autoMerge = true;
    const merge = engine.mergeIndexes();
    await started;
    log.push('result asked');
    await engine.recordOutcome(datasetId, 7, 'reached', '', '');
    log.push('result written');
    const between = log.slice(log.indexOf('result asked'), log.indexOf('result written'));
    expect(between.filter((x) => x === 'merge bucket'), 'merge transactions started while the result was being recorded').toEqual([]);
    // And the merge goes on once the floor is quiet.
    const [stats] = await merge;
    expect(stats?.done).toBe(true);
    expect(log.lastIndexOf('merge bucket')).toBeGreaterThan(log.indexOf('result written'));
  });

  it("the dashboard's fold check does not read the statuses while a call result is being recorded", async () => {
    const { db, engine, store } = await openTestEngine();
    // Three status records (25,000 rows each: decision 044), read by the check at once.
    const datasetId = await importText(engine, db, csvText(50_001));
    await engine.datasetEvents(datasetId);
    const order: string[] = [];
    // The result is held at its first read of the totals until the check has either asked for
    // its turn or read the status blocks: whichever comes first shows what the check does
    // while a result is under way.
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const totals = engine.data.tables.totals as { get: typeof engine.data.tables.totals.get };
    const get = totals.get.bind(engine.data.tables.totals);
    let holdOnce = true;
    totals.get = (async (key: string) => {
      if (holdOnce) {
        holdOnce = false;
        await held;
      }
      return get(key);
    }) as typeof totals.get;
    const status = engine.data.tables.status as { bulkGet: typeof engine.data.tables.status.bulkGet };
    const bulkGet = status.bulkGet.bind(engine.data.tables.status);
    status.bulkGet = (async (ids: string[]) => {
      // The check reads the list's three records at once; the result's own reads name one.
      if (ids.length === 3) {
        order.push('check read the statuses');
        release();
      }
      return bulkGet(ids);
    }) as typeof status.bulkGet;
    const turn = store.backgroundTurn?.bind(store);
    if (turn) {
      store.backgroundTurn = (options) => {
        release();
        return turn(options);
      };
    }
    const result = engine.recordOutcome(datasetId, 42, 'reached', '', '').then(() => order.push('result written'));
    const check = engine.verifyFold(datasetId);
    await result;
    expect(await check).toEqual({ rows: 50_001, mismatchedRows: 0, totalsMatch: true });
    expect(order).toEqual(['result written', 'check read the statuses']);
  });

  it("the dashboard's notices are read without opening every contact event of the list", async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(600));
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'phone', 'call', [1, 2, 3].map((row) => ({ row, outcome: 'reached' as const }))));
    const notice = await engine.publishNotice(datasetId, 'inc:1');
    // Opening the dashboard of a list with 30,000 results read all of them (in a worker), and
    // the first call results recorded meanwhile waited seconds each behind those reads.
    const wholeReads: unknown[] = [];
    const read = store.readEventsOffThread.bind(store);
    store.readEventsOffThread = (incidentId, types) => {
      wholeReads.push(types);
      return read(incidentId, types);
    };
    expect((await engine.notices(datasetId)).map((n) => n.event.id)).toEqual([notice.id]);
    expect(wholeReads).toEqual([]);
  });

  it("the dashboard's notices are read again when a notice or its undo comes by, not after each call result", async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(600));
    // Every read of notices and undos by type, and what the dashboard was shown.
    const reads: string[][] = [];
    const readEvents = store.readEvents.bind(store);
    store.readEvents = (incidentId, types) => {
      if (types?.includes('contacts.notice-published')) reads.push(types);
      return readEvents(incidentId, types);
    };
    const shown: string[][] = [];
    const settled = () => new Promise((ok) => setTimeout(ok, 50));
    const stop = followNotices(engine, datasetId, (list) => shown.push(list.map((n) => n.event.id)), (e) => {
      throw e;
    });
    await settled();
    expect(reads).toHaveLength(1);
    for (const row of [1, 2, 3]) await engine.recordOutcome(datasetId, row, 'reached', '', '');
    await settled();
    // Three results: the notices were not read again (each re-read got in the way of the next result).
    expect(reads).toHaveLength(1);
    const notice = await engine.publishNotice(datasetId, 'inc:1');
    await settled();
    expect(reads).toHaveLength(2);
    await engine.undo(datasetId, notice.id);
    await settled();
    expect(reads).toHaveLength(3);
    expect(shown).toEqual([[], [notice.id], []]);
    stop();
  });
});

describe('what the person asked for does not wait on background work', () => {
  it('a rebuild of the index asked for while an upgrade waits for its turn starts at once', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(600));
    // What an older version left: the list is upgraded after the next unlock, in the background.
    const t = engine.tables;
    const rec = (await t.datasets.get(datasetId))!;
    const meta = await openJson<DatasetMeta>(engine.importKeys.data, rec.sealed, datasetAad(datasetId));
    delete meta.version;
    await t.datasets.put({ ...rec, sealed: await sealJson(engine.importKeys.data, meta, datasetAad(datasetId)) });
    // Background work waits (here: long after unlock; on a busy floor: for a pause in the
    // results that does not come). The person asks for a rebuild, which awaits the upgrade.
    ContactEngine.backgroundAfterOpenMs = 60_000;
    const after = await ContactEngine.open(store);
    const rebuilt = after.rebuildIndex(datasetId);
    const late = new Promise<'still waiting'>((ok) => setTimeout(() => ok('still waiting'), 4_000));
    expect(await Promise.race([rebuilt, late])).toBe('done');
    expect(await after.upgraded).toBe(1);
    after.dispose();
  }, 15_000);
});

describe('locking while background work waits for its turn', () => {
  it('the upgrade, the merge and the fold check stop quietly: no error is logged or announced, nothing hangs', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(600), { commitRows: 200 });
    const t = engine.tables;
    const rec = (await t.datasets.get(datasetId))!;
    const meta = await openJson<DatasetMeta>(engine.importKeys.data, rec.sealed, datasetAad(datasetId));
    delete meta.version;
    await t.datasets.put({ ...rec, sealed: await sealJson(engine.importKeys.data, meta, datasetAad(datasetId)) });
    const logged: unknown[] = [];
    const record = errorLog.record.bind(errorLog);
    errorLog.record = (entry) => {
      logged.push(entry);
      return record(entry);
    };
    try {
      ContactEngine.backgroundAfterOpenMs = 300;
      ContactEngine.autoMerge = true;
      const after = await ContactEngine.open(store);
      const check = after.verifyFold(datasetId).then(
        () => 'checked',
        (e: unknown) => (e instanceof StoreClosedError ? 'stopped' : e),
      );
      // Locked while all of it waits for its turn.
      await new Promise((ok) => setTimeout(ok, 50));
      after.dispose();
      engine.dispose();
      await store.close();
      expect(await after.upgraded).toBe(0);
      expect(await check).toBe('stopped');
      await new Promise((ok) => setTimeout(ok, 500));
      expect(logged).toEqual([]);
    } finally {
      errorLog.record = record;
    }
  });
});
