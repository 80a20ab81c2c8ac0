/**
 * The background check that the dashboard's figures equal a fold of the events reads the
 * statuses, the totals and the events as of one moment: a colleague's results arriving by
 * sync while it reads must not make it report figures that differ (a false alarm that
 * would stand on the dashboard for ten minutes).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_EVENT_TYPES as C } from '../../../shared/contacts/events';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyEvent } from '../../../shared/events/registry';
import { StoreBusyError } from '../data/store-contract';
import { checkFold } from './fold-check';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

describe('the fold check', () => {
  it('reports the figures equal while results arrive from another laptop during the check', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(2_400));
    const start = Date.now() + 1_000;
    for (let k = 0; k < 4; k++) {
      const bounced: AnyEvent = {
        id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: start + k, counter: 0, node: 'laptop-b' }), actor: 'kimura',
        type: C.outcomesRecorded, payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [k * 500 + 7, k * 500 + 8], outcomes: ['failed', 'reached'], reasons: ['moved-no-forwarding', ''] },
      };
      const [check] = await Promise.all([checkFold(engine, datasetId), store.applyRemote([bounced])]);
      expect(check, `burst ${k}`).toEqual({ rows: 2_400, mismatchedRows: 0, totalsMatch: true });
    }
  });

  it('lets a call result be written while it reads, and still reports the figures equal', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(2_400));
    // Hold the check in the middle of its read (as reading every status block of a 20M list does).
    const status = engine.data.tables.status as { bulkGet: typeof engine.data.tables.status.bulkGet };
    const bulkGet = status.bulkGet.bind(engine.data.tables.status);
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    let entered!: () => void;
    const inRead = new Promise<void>((ok) => (entered = ok));
    let held = true;
    status.bulkGet = (async (ids: string[]) => {
      if (held) {
        held = false;
        entered();
        await gate;
      }
      return bulkGet(ids);
    }) as typeof status.bulkGet;
    const check = checkFold(engine, datasetId);
    await inRead;
    const written = store.append([{ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'manual', rows: [42], outcomes: ['reached'], reasons: [''] } }]);
    const first = await Promise.race([written.then(() => 'result written'), new Promise((ok) => setTimeout(() => ok('result waited for the check'), 1_000))]);
    release();
    expect(first).toBe('result written');
    expect(await check).toEqual({ rows: 2_400, mismatchedRows: 0, totalsMatch: true });
  });

  it('never makes call results wait when they keep landing while it reads: it gives up and is tried later', async () => {
    const { db, engine, store } = await openTestEngine();
    // Three status records (25,000 rows each: decision 044), read by the check at once.
    const datasetId = await importText(engine, db, csvText(50_001));
    // Every read of the status blocks is held until a call result has been written meanwhile
    // (a busy call floor: a result lands during each attempt of the check).
    const status = engine.data.tables.status as { bulkGet: typeof engine.data.tables.status.bulkGet };
    const bulkGet = status.bulkGet.bind(engine.data.tables.status);
    const waits: string[] = [];
    let row = 100;
    status.bulkGet = (async (ids: string[]) => {
      // The check reads all three records at once; a commit's own fold reads the one record it changes.
      if (ids.length < 3) return bulkGet(ids);
      const written = store.append([{ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'phone', source: 'manual', rows: [row++], outcomes: ['reached'], reasons: [''] } }]);
      waits.push(await Promise.race([written.then(() => 'written'), new Promise<string>((ok) => setTimeout(() => ok('waited for the check'), 1_000))]));
      return bulkGet(ids);
    }) as typeof status.bulkGet;
    await expect(checkFold(engine, datasetId)).rejects.toBeInstanceOf(StoreBusyError);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits.every((w) => w === 'written')).toBe(true);
    // Once the floor is quiet, the same check passes (the results are in the figures).
    status.bulkGet = bulkGet as typeof status.bulkGet;
    expect(await checkFold(engine, datasetId)).toEqual({ rows: 50_001, mismatchedRows: 0, totalsMatch: true });
  });
});
