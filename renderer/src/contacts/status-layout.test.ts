/**
 * Status records of 25,000 rows (decision 044): what an import writes whatever the size of its
 * commits, and the per-block channel records a list's packs carry, cut from them and joined
 * back.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AVAIL_DUPLICATE } from '../../../shared/contacts/fallback';
import { channelRecords, joinBlockRecords } from './status-layout';
import { contactTables, type StatusRecord } from './tables';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const ROWS = 30_500;
const plain = (s: StatusRecord) => ({ id: s.id.slice(s.id.indexOf(':')), block: s.block, avail: [...s.avail], segment: [...s.segment], words: [...s.words] });

async function imported(commitRows?: number) {
  const { db, engine } = await openTestEngine();
  // Row 27,000 repeats row 3's customer number: marked in the second record.
  const datasetId = await importText(engine, db, csvText(ROWS, { dupOf: [27_000, 3] }), { commitRows });
  const records = await contactTables(db).status.where('datasetId').equals(datasetId).sortBy('block');
  return { engine, datasetId, records };
}

describe('status records of 25,000 rows', () => {
  it('an import writes one per 25,000 rows, the same whether its commits end on their edges or inside them', async () => {
    const whole = await imported();
    const small = await imported(3_000);
    expect(whole.records.map((s) => [s.block, s.avail.length, s.segment.length, s.words.length])).toEqual([
      [0, 25_000, 25_000, 25_000],
      [1, 5_500, 5_500, 5_500],
    ]);
    expect(small.records.map(plain)).toEqual(whole.records.map(plain));
    expect(whole.records[1]!.avail[2_000]! & AVAIL_DUPLICATE).toBe(AVAIL_DUPLICATE);
    expect((await small.engine.totals(small.datasetId)).rows).toBe(ROWS);
    expect(await small.engine.checkFold(small.datasetId)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
  });

  it('cut into a channel record per 1,000-row block for a pack, and joined back as a receiving laptop does', async () => {
    const { records, datasetId } = await imported();
    const channel = records.flatMap(channelRecords);
    expect(channel.map((c) => c.id)).toEqual(Array.from({ length: 31 }, (_, b) => `${datasetId}:${String(b).padStart(6, '0')}`));
    expect(channel.map((c) => c.avail.length)).toEqual([...Array<number>(30).fill(1_000), 500]);
    expect(channel.map((c) => c.segment.length)).toEqual([...Array<number>(30).fill(1_000), 500]);
    expect([...channel[27]!.avail]).toEqual([...records[1]!.avail.subarray(2_000, 3_000)]);

    const db = new Dexie(`received-${crypto.randomUUID()}`);
    db.version(1).stores({ 'contact-status': 'id, datasetId' });
    const status = db.table('contact-status') as Dexie.Table<StatusRecord, string>;
    // As list-share.ts stores a pack's channel records: words are folded later.
    await status.bulkPut(channel.map((c, b) => ({ ...c, datasetId, block: b, words: new Uint16Array(c.avail.length) })));
    await db.transaction('rw', status, () => joinBlockRecords(status, datasetId));
    const joined = await status.toArray();
    expect(joined.map((s) => ({ id: s.id, block: s.block, avail: [...s.avail], segment: [...s.segment] }))).toEqual(
      records.map((s) => ({ id: s.id, block: s.block, avail: [...s.avail], segment: [...s.segment] })),
    );
    await db.delete();
  });
});
