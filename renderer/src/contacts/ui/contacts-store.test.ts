/**
 * The dashboard's chart records are read once when the dashboard opens; a call result that
 * lands during that read is added by reading its own record again, not by reading the whole
 * chart again (30,000 records at 1M rows: each whole re-read held the next call results).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { csvText } from '../test-data';
import { dropTestDatabases, importText, openTestEngine } from '../test-engine';
import { useContacts } from './contacts-store';

afterEach(async () => {
  await useContacts.getState().open(null);
  await dropTestDatabases();
});

describe('the contacts store', () => {
  it('a result landing while the chart is read is on the chart, and the chart is read once', async () => {
    const { db, engine: importer, store } = await openTestEngine();
    const datasetId = await importText(importer, db, csvText(600));
    await importer.applyOutcomes(await importer.previewOutcomes(datasetId, 'phone', 'call', [1, 2].map((row) => ({ row, outcome: 'reached' as const }))));
    importer.dispose();
    await useContacts.getState().open(store);
    await useContacts.getState().load('inc');
    const engine = useContacts.getState().engine!;
    // Every read of the chart's pages: each is held, after it has read, until the result has landed.
    let reads = 0;
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    type Chain = { between: (...a: unknown[]) => Chain; limit: (n: number) => Chain; toArray: () => Promise<unknown[]> };
    const series = engine.tables.series as unknown as { where: (k: string) => Chain };
    const where = series.where.bind(series);
    series.where = (k: string) => {
      const c = where(k);
      if (k !== ':id') return c;
      reads++;
      const between = c.between.bind(c);
      c.between = (...a: unknown[]) => {
        const col = between(...a);
        const limit = col.limit.bind(col);
        col.limit = (n: number) => {
          const l = limit(n);
          const toArray = l.toArray.bind(l);
          l.toArray = async () => {
            const recs = await toArray();
            await held;
            return recs;
          };
          return l;
        };
        return col;
      };
      return c;
    };
    const shown = new Promise<void>((ok) => {
      const stop = useContacts.subscribe((s) => {
        if (s.series[datasetId]) {
          stop();
          ok();
        }
      });
    });
    useContacts.getState().wantSeries(datasetId);
    await engine.recordOutcome(datasetId, 5, 'reached', '', '');
    release();
    await shown;
    const stored = await engine.tables.series.where('datasetId').equals(datasetId).primaryKeys();
    expect(stored).toHaveLength(2);
    expect(useContacts.getState().series[datasetId]!.map((r) => r.id)).toEqual(stored);
    expect(reads).toBe(1);
  });

  it('a call result is on the dashboard without reading its totals or its chart record back', async () => {
    const { db, engine: importer, store } = await openTestEngine();
    const datasetId = await importText(importer, db, csvText(300));
    importer.dispose();
    await useContacts.getState().open(store);
    await useContacts.getState().load('inc');
    const engine = useContacts.getState().engine!;
    useContacts.getState().wantSeries(datasetId);
    for (let i = 0; i < 100 && !useContacts.getState().series[datasetId]; i++) await new Promise((ok) => setTimeout(ok, 20));
    // Every read of the totals and of the chart's records from here on.
    const reads: string[] = [];
    for (const [name, table] of [['totals', engine.tables.totals], ['series', engine.tables.series]] as const) {
      const t = table as unknown as { get: (...a: unknown[]) => unknown; bulkGet: (...a: unknown[]) => unknown; where: (...a: unknown[]) => unknown };
      for (const method of ['get', 'bulkGet', 'where'] as const) {
        const original = t[method].bind(t);
        t[method] = (...a: unknown[]) => {
          reads.push(`${name}.${method}`);
          return original(...a);
        };
      }
    }
    const reachedBefore = useContacts.getState().totals[datasetId]!.byPhase.reached;
    for (const row of [3, 4, 5]) await engine.recordOutcome(datasetId, row, 'reached', '', '');
    // Shown as soon as each commit has told what it wrote.
    expect(useContacts.getState().totals[datasetId]!.byPhase.reached).toBe(reachedBefore + 3);
    const stored = await engine.tables.series.toArray();
    expect(useContacts.getState().series[datasetId]).toEqual(stored);
    expect(useContacts.getState().cells[datasetId]).toEqual((await engine.tables.totals.toArray())[0]!.cells);
    // What the commits read to fold the results is the engine's business; nothing after them.
    expect(reads.filter((r) => r.startsWith('series.'))).toEqual([]);
    expect(reads.filter((r) => r === 'totals.bulkGet')).toEqual([]);
  });

  it('after a burst of results and undos landing during and after the chart read, the chart equals what is stored', async () => {
    const { db, engine: importer, store } = await openTestEngine();
    const datasetId = await importText(importer, db, csvText(300));
    importer.dispose();
    await useContacts.getState().open(store);
    await useContacts.getState().load('inc');
    const engine = useContacts.getState().engine!;
    useContacts.getState().wantSeries(datasetId);
    // Results every few milliseconds, some undone at once (a point removed, not appended).
    const burst: Promise<unknown>[] = [];
    for (let row = 1; row <= 40; row++) {
      burst.push(
        engine.recordOutcome(datasetId, row, 'reached', '', '').then(async (ev) => {
          if (ev && row % 4 === 0) await engine.undo(datasetId, ev.id);
        }),
      );
      await new Promise((ok) => setTimeout(ok, row % 3));
    }
    await Promise.all(burst);
    const stored = await engine.tables.series.where('datasetId').equals(datasetId).toArray();
    for (let i = 0; i < 100; i++) {
      const shown = useContacts.getState().series[datasetId];
      if (shown && JSON.stringify(shown.map((r) => r.id)) === JSON.stringify(stored.map((r) => r.id))) break;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    expect(useContacts.getState().series[datasetId]!.map((r) => r.id)).toEqual(stored.map((r) => r.id));
    expect(useContacts.getState().series[datasetId]).toEqual(stored);
    expect(await engine.checkFold(datasetId)).toMatchObject({ mismatchedRows: 0, totalsMatch: true });
  });
});
