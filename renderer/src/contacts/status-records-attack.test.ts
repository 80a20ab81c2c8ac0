/**
 * Attacks on status records of 25,000 rows (decision 044), with data the change was not
 * written around: a UTF-16 LE tab-separated list as Excel's 「Unicode テキスト」 saves it, with
 * full-width customer numbers, names outside Shift_JIS, empty fields and a duplicate in the
 * second record; imports killed inside a record and resumed with another commit size; an
 * import left unfinished by the version before (1,000-row records, joined by migration 15)
 * and resumed by this one; the migration on databases left at version 14 in odd states.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { foldStatuses } from '../../../shared/contacts/events';
import { AVAIL_DUPLICATE, pack } from '../../../shared/contacts/fallback';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyEvent } from '../../../shared/events/registry';
import { guessMapping } from '../../../shared/contacts/validate';
import { HonbuDb } from '../data/db';
import { MIGRATIONS } from '../data/migrations';
import { appliedListsOf } from './applied';
import type { ContactEngine } from './contact-engine';
import { foldInput, checkFold } from './fold-check';
import { runImport } from './import-pipeline';
import { CustomerSearch } from './search';
import { joinStatusRecords } from './status-join';
import { channelRecords } from './status-layout';
import { contactTables, type StatusRecord } from './tables';
import { overlay } from './status-deltas';
import { csvText, HEADER } from './test-data';
import { randomContactDraft } from './test-contact-drafts';
import { dropTestDatabases, fillDiskAfter, importText, openTestEngine } from './test-engine';
import { rowSegments } from './variant-letters';

afterEach(dropTestDatabases);

const FAMILY = ['𠮷田', '髙橋', '﨑山', '鄧', 'Nguyễn', '山田'];
/** Row i of the stranger's list: some fields empty, some numbers full-width, names outside Shift_JIS. */
function strangerRow(i: number, as = i): string {
  const no = `C${String(as).padStart(7, '0')}`;
  const shown = as % 4 === 1 ? no.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : no;
  const address = i % 7 === 0 ? '' : `大阪府大阪市北区${(i % 9) + 1}丁目${i}番`;
  const email = i % 5 === 0 ? '' : `u${i}@example.jp`;
  const phone = i % 11 === 0 ? '' : `０９０-${String(1000 + (i % 9000))}-${String(i % 10000).padStart(4, '0')}`;
  const segment = ['通販', 'アプリ', '店舗'][i % 3]!;
  return [shown, `${FAMILY[i % FAMILY.length]} 太郎`, 'ヤマダ タロウ', '530-0001', address, email, phone, segment, i % 13 === 0 ? '備考' : ''].join('\t');
}
function strangerText(n: number, dupOf?: [number, number]): string {
  const lines = [HEADER.replaceAll(',', '\t')];
  for (let i = 0; i < n; i++) lines.push(strangerRow(i, dupOf && dupOf[0] === i ? dupOf[1] : i));
  return lines.join('\r\n') + '\r\n';
}
const utf16le = (text: string) => {
  const units = '\ufeff' + text;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    bytes[2 * i] = u & 0xff;
    bytes[2 * i + 1] = u >> 8;
  }
  return new Blob([bytes]);
};
const mapping = guessMapping(HEADER.split(','));

async function statuses(engine: ContactEngine, datasetId: string) {
  // As every reader sees them: each record with its delta laid over it (decision 051).
  const deltas = new Map((await engine.tables.statusDelta.where('datasetId').equals(datasetId).toArray()).map((d) => [d.id, d]));
  const recs = (await engine.tables.status.where('datasetId').equals(datasetId).sortBy('block')).map((s) => overlay(s, deltas.get(s.id)));
  return recs.map((s) => ({ id: s.id.slice(datasetId.length), block: s.block, avail: [...s.avail], segment: [...s.segment], words: [...s.words] }));
}

describe('an import killed inside a status record and resumed', () => {
  it('a 50,001-row UTF-16 tab list: killed at 28,000 (7,000-row commits), the disk full at 24,000, resumed with other commit sizes: statuses equal a clean import, field by field', async () => {
    const { db, engine } = await openTestEngine();
    const file = utf16le(strangerText(50_001, [30_000, 3]));
    const clean = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, delimiter: '\t' });
    expect(clean).toMatchObject({ ok: true, rows: 50_001, duplicates: 1 });
    if (!clean.ok) return;
    const want = await statuses(engine, clean.datasetId);
    expect(want.map((s) => s.words.length)).toEqual([25_000, 25_000, 1]);
    expect(want[1]!.avail[5_000]! & AVAIL_DUPLICATE).toBe(AVAIL_DUPLICATE);

    // Killed after the fourth 7,000-row commit: the second record holds 3,000 rows.
    const killed = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, delimiter: '\t', commitRows: 7_000, stopAfterRows: 28_000 });
    expect(killed).toMatchObject({ ok: false, reason: 'interrupted' });
    const id = killed.datasetId!;
    expect((await statuses(engine, id)).map((s) => s.words.length)).toEqual([25_000, 3_000]);
    const resumed = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, delimiter: '\t', commitRows: 24_000, resumeId: id });
    expect(resumed).toMatchObject({ ok: true, rows: 50_001, resumedFrom: 28_000, duplicates: 1 });
    expect(await statuses(engine, id)).toEqual(want);

    // The disk fills while the second 24,000-row chunk is written: the first record holds 24,000 rows.
    const restore = fillDiskAfter(30);
    let full;
    try {
      full = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, delimiter: '\t', commitRows: 24_000 });
    } finally {
      restore();
    }
    expect(full).toMatchObject({ ok: false, reason: 'no-space', space: { committedRows: 24_000 } });
    expect((await statuses(engine, full.datasetId!)).map((s) => s.words.length)).toEqual([24_000]);
    const after = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, delimiter: '\t', commitRows: 26_000, resumeId: full.datasetId! });
    expect(after).toMatchObject({ ok: true, rows: 50_001, resumedFrom: 24_000, duplicates: 1 });
    expect(await statuses(engine, full.datasetId!)).toEqual(want);

    // Committed, every reader of a row's status agrees, in every record.
    await engine.commitImport(id);
    expect(await engine.checkFold(id)).toEqual({ rows: 50_001, mismatchedRows: 0, totalsMatch: true });
    const probes = [0, 24_999, 25_000, 30_000, 49_999, 50_000];
    expect(await rowSegments(engine.data, id, probes)).toEqual(probes.map((r) => ['通販', 'アプリ', '店舗'][r % 3]));
    // The first record's customers all excluded but one (do-not-contact): a batch finds the second record's.
    const excluded = await engine.exclude(id, Array.from({ length: 24_999 }, (_, r) => r), 'do-not-contact');
    const seen = await Promise.all(probes.map((r) => engine.status(id, r)));
    expect(seen.map((x) => x.exclusion)).toEqual(['do-not-contact', null, null, 'duplicate', null, null]);
    const search = new CustomerSearch(engine);
    for (const [r, no] of [[24_998, 'C0024998'], [25_001, 'Ｃ００２５００１'], [49_999, 'C0049999'], [50_000, 'C0050000']] as const) {
      const page = await search.search('inc', { kind: 'no', value: no });
      const hit = page.hits.find((h) => h.datasetId === id && h.row.row === r);
      expect(hit?.status, `row ${r}`).toEqual(await engine.status(id, r));
    }
    const { policy } = await engine.data.policy(id);
    const want4: number[] = [];
    for (let r = 24_999; want4.length < 4; r++) {
      const st = await engine.status(id, r);
      if (st.phase === 'pending' && policy.order[st.slot] === 'email' && r % 3 === 2) want4.push(r);
    }
    const { batch } = await engine.createBatch({ datasetId: id, channel: 'email', segment: '店舗', limit: 4 });
    expect(batch.rows).toEqual(want4);
    expect(want4[0]).toBeGreaterThanOrEqual(24_999);
    // A bounce list over the second and third records: the applied-lists screen counts what it changed.
    const bounced = [...batch.rows, 49_999, 50_000];
    const was = await Promise.all(bounced.map((r) => engine.status(id, r)));
    const applied = await engine.applyOutcomes(await engine.previewOutcomes(id, 'email', 'bounce', bounced.map((row) => ({ row, outcome: 'failed' as const }))));
    const now = await Promise.all(bounced.map((r) => engine.status(id, r)));
    const lists = await appliedListsOf(engine, id);
    expect(lists.map((l) => [l.eventId, l.customers, l.changed])).toEqual([[applied.id, bounced.length, now.filter((x, i) => JSON.stringify(x) !== JSON.stringify(was[i])).length]]);
    expect(lists[0]!.changed).toBeGreaterThanOrEqual(4);
    expect(await engine.checkFold(id)).toEqual({ rows: 50_001, mismatchedRows: 0, totalsMatch: true });
    // A refold writes back the same records; the exclusion undone, the first record's rows are as imported.
    const before = await statuses(engine, id);
    expect(await engine.rebuildStatuses(id)).toBe(true);
    expect(await statuses(engine, id)).toEqual(before);
    await engine.undo(id, excluded.id);
    const undone = await statuses(engine, id);
    expect(undone[0]!.words.slice(0, 24_999)).toEqual(want[0]!.words.slice(0, 24_999));
    expect(await engine.checkFold(id)).toEqual({ rows: 50_001, mismatchedRows: 0, totalsMatch: true });
  });

  it('an import the version before left unfinished (1,000-row records), joined by migration 15 and resumed here, equals a clean import', async () => {
    const { db, engine } = await openTestEngine();
    const file = utf16le(strangerText(27_001, [26_500, 25_999]));
    const clean = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, delimiter: '\t' });
    if (!clean.ok) throw new Error('clean import failed');
    const want = await statuses(engine, clean.datasetId);

    const killed = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, delimiter: '\t', commitRows: 3_000, stopAfterRows: 12_000 });
    const id = killed.datasetId!;
    // As the version before stored the same rows: a record per 1,000 (cut as a pack cuts them), then migration 15's join.
    const t = contactTables(db);
    const [rec] = await t.status.where('datasetId').equals(id).toArray();
    expect(rec!.words.length).toBe(12_000);
    const old = channelRecords(rec!).map((c, b) => ({ ...c, datasetId: id, block: b, words: rec!.words.slice(b * 1_000, (b + 1) * 1_000) }));
    await db.transaction('rw', t.status, async () => {
      await t.status.clear();
      await t.status.bulkPut(old);
    });
    await db.transaction('rw', t.status, () => joinStatusRecords(t.status, id, 1_000, 25_000));
    const resumed = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, delimiter: '\t', resumeId: id });
    expect(resumed).toMatchObject({ ok: true, rows: 27_001, resumedFrom: 12_000, duplicates: 1 });
    expect(await statuses(engine, id)).toEqual(want);
  });
});

/** A database exactly as version 14 left it. */
async function databaseAtVersion(name: string, version: number): Promise<Dexie> {
  const db = new Dexie(name);
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.version(m.version).stores(m.stores);
  await db.open();
  return db;
}

/** Version-14 records of a list: one per 1,000 rows, each value telling its row. */
const oldRecords = (datasetId: string, rows: number, blocks?: number[]) =>
  (blocks ?? Array.from({ length: Math.ceil(rows / 1_000) }, (_, b) => b)).map((b) => {
    const n = Math.max(0, Math.min(1_000, rows - b * 1_000));
    const at = (i: number) => b * 1_000 + i;
    return {
      id: `${datasetId}:${String(b).padStart(6, '0')}`, datasetId, block: b,
      avail: Uint8Array.from({ length: n }, (_, i) => (at(i) % 7) + 1),
      segment: Uint16Array.from({ length: n }, (_, i) => at(i) % 3),
      words: Uint16Array.from({ length: n }, (_, i) => (at(i) % 65_521) + 1),
    };
  });

/** Every row of a list as the stored records say it (0 where a record does not reach). */
function rowsOf(recs: StatusRecord[], rows: number) {
  const words = new Uint16Array(rows);
  for (const s of recs) words.set(s.words.subarray(0, Math.max(0, Math.min(s.words.length, rows - s.block * 25_000))), s.block * 25_000);
  return words;
}

describe('migration 15 on databases left at version 14', () => {
  it('lists of 1, 999, 1,001, 24,999, 25,000, 25,001, 50,000 and 50,001 rows, an orphan: every row where it was', async () => {
    const name = `v14-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 14);
    const sizes = [1, 999, 1_001, 24_999, 25_000, 25_001, 50_000, 50_001];
    await old.table('contact-datasets').bulkPut(sizes.map((n) => ({ id: `l${n}`, incidentId: 'i', state: 'complete', rows: n })));
    await old.table('contact-status').bulkPut(sizes.flatMap((n) => oldRecords(`l${n}`, n)));
    // Records of no list.
    await old.table('contact-status').bulkPut(oldRecords('orphan', 2_000));
    old.close();

    const db = new HonbuDb(name);
    await db.open();
    const status = db.table('contact-status') as Dexie.Table<StatusRecord, string>;
    for (const n of sizes) {
      const recs = await status.where('datasetId').equals(`l${n}`).sortBy('block');
      expect(recs.map((s) => s.words.length), `l${n}`).toEqual(Array.from({ length: Math.ceil(n / 25_000) }, (_, g) => Math.min(25_000, n - g * 25_000)));
      expect(recs.map((s) => s.id)).toEqual(recs.map((s) => `l${n}:${String(s.block).padStart(6, '0')}`));
      const words = rowsOf(recs, n);
      for (let r = 0; r < n; r++) if (words[r] !== (r % 65_521) + 1) throw new Error(`l${n}: row ${r} moved`);
    }
    expect((await status.where('datasetId').equals('orphan').toArray()).map((s) => s.words.length)).toEqual([2_000]);
    db.close();
    await Dexie.delete(name);
  });

  it('a record missing at the end of a 25-block group (rows 24,000–24,999 of a 60,000-row list) leaves its rows zero and the record whole, like one missing inside a group', async () => {
    const name = `v14-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 14);
    await old.table('contact-datasets').put({ id: 'gap', incidentId: 'i', state: 'complete', rows: 60_000 });
    await old.table('contact-status').bulkPut(oldRecords('gap', 60_000, Array.from({ length: 60 }, (_, b) => b).filter((b) => b !== 24)));
    old.close();
    const db = new HonbuDb(name);
    await db.open();
    const recs = (await db.table('contact-status').where('datasetId').equals('gap').sortBy('block')) as StatusRecord[];
    // Every record but the list's last holds 25,000 rows: readers index a row by its record's number.
    expect(recs.map((s) => s.words.length)).toEqual([25_000, 25_000, 10_000]);
    expect([...recs[0]!.words.subarray(24_000)].every((w) => w === 0)).toBe(true);
    expect(recs[1]!.words[0]).toBe((25_000 % 65_521) + 1);
    db.close();
    await Dexie.delete(name);
  });

  it('a list mid-receive keeps its per-block records; a corrupt record longer than 1,000 rows gives only its own rows', async () => {
    const name = `v14-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 14);
    await old.table('contact-datasets').bulkPut([
      { id: 'coming', incidentId: 'i', state: 'receiving', rows: 26_001 },
      { id: 'long', incidentId: 'i', state: 'complete', rows: 3_000 },
    ]);
    const long = oldRecords('long', 3_000);
    long[1] = { ...long[1]!, avail: new Uint8Array(1_500).fill(9), segment: new Uint16Array(1_500).fill(9), words: new Uint16Array(1_500).fill(9) };
    await old.table('contact-status').bulkPut([...oldRecords('coming', 26_001), ...long]);
    old.close();
    const db = new HonbuDb(name);
    await db.open();
    const status = db.table('contact-status') as Dexie.Table<StatusRecord, string>;
    expect((await status.where('datasetId').equals('coming').sortBy('block')).map((s) => s.words.length)).toEqual([...Array<number>(26).fill(1_000), 1]);
    const [joined] = await status.where('datasetId').equals('long').toArray();
    expect(joined!.words.length).toBe(3_000);
    expect(joined!.words[1_999]).toBe(9);
    expect(joined!.words[2_000]).toBe(2_001);
    db.close();
    await Dexie.delete(name);
  });
});

describe('contact work on both sides of a record edge, arriving in any order', () => {
  it('a 25,001-row list: batches, results, exclusions, notices, cancellations and undos naming rows 0–1,000 and 24,998–25,000, shuffled, some twice, equal a full fold', async () => {
    const { db, engine, store } = await openTestEngine();
    const ROWS = 25_001;
    const ds = await importText(engine, db, csvText(ROWS), { maxRetries: 1 });
    const EDGE = [0, 1, 999, 1_000, 24_998, 24_999, 25_000];
    const evs: AnyEvent[] = [];
    const batches: string[] = [];
    for (let seed = 1; seed <= 3; seed++) {
      let r = seed * 7919;
      const rnd = () => (r = (r * 48271) % 2147483647) / 2147483647;
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const some = (n: number) => [...new Set(Array.from({ length: n }, () => pick(EDGE)))];
      const base = Date.now() - 5 * 3_600_000;
      const fresh: AnyEvent[] = [];
      for (let k = 0; k < 30; k++) {
        const node = pick(['a', 'b', 'c']);
        const wall = base + Math.floor(rnd() * 4 * 3_600_000) + seed * 1_000;
        const kind = rnd();
        const d = randomContactDraft(kind, { datasetId: ds, pick, some, batches, undoable: [...evs, ...fresh], sizes: { batch: 5, outcomes: 4, excluded: 2, cancelled: 3, reassigned: 2 } });
        if (!d) continue;
        fresh.push({ ...d, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: k, node }), actor: `p-${node}` } as AnyEvent);
      }
      const order = [...fresh].sort(() => rnd() - 0.5);
      while (order.length) {
        const chunk = order.splice(0, 1 + Math.floor(rnd() * 4));
        await store.applyRemote(rnd() < 0.2 ? [...chunk, chunk[0]!] : chunk);
        if (rnd() < 0.25) await engine.exclude(ds, some(2), 'deceased');
        if (rnd() < 0.15) {
          const l = await engine.applyOutcomes(await engine.previewOutcomes(ds, 'post', 'returned-mail', some(3).map((row) => ({ row, outcome: 'failed' as const }))));
          if (rnd() < 0.5) await engine.undo(ds, l.id);
        }
      }
      evs.push(...fresh);
      expect(await checkFold(engine, ds), `seed ${seed}`).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
      // What the screens read equals the fold, in both records.
      const folded = foldStatuses((await foldInput(engine, ds)).avail, await engine.datasetEvents(ds), (await engine.policy(ds)).policy);
      for (const row of EDGE) expect(pack(await engine.status(ds, row)), `seed ${seed} row ${row}`).toBe(folded[row]);
      expect(new Set(EDGE.map((row) => folded[row])).size, 'the work changed the edge rows').toBeGreaterThan(2);
    }
    const before = await statuses(engine, ds);
    expect(await engine.rebuildStatuses(ds)).toBe(true);
    expect(await statuses(engine, ds)).toEqual(before);
  }, 60_000);
});

describe('a batch read back, a row at a time', () => {
  it('who is still waiting in a batch of 25,001 (cancel, reassign, the call list and queues) reads each 25,000-row record once, not once per customer', async () => {
    const { db, engine } = await openTestEngine();
    const ds = await importText(engine, db, csvText(25_001));
    const { batch } = await engine.createBatch({ datasetId: ds, channel: 'post' });
    const s = (await engine.batches(ds)).find((b) => b.batch.batchId === batch.batchId)!;
    const status = engine.data.tables.status as { get: typeof engine.data.tables.status.get };
    const get = status.get.bind(engine.data.tables.status);
    let reads = 0;
    status.get = ((...args: Parameters<typeof get>) => {
      reads++;
      return get(...args);
    }) as typeof get;
    try {
      const waiting = await engine.waiting(s);
      expect(waiting).toHaveLength(batch.rows.length);
      expect(waiting.at(-1)).toMatchObject({ row: 25_000, status: { phase: 'in-progress' } });
      // Each record read once per reading: a record is ~125 KB, and per customer a batch of
      // a million rows would read it a million times (a thousand-row record cost 1/25th).
      expect(reads).toBeLessThanOrEqual(2);
    } finally {
      status.get = get;
    }
  });
});
