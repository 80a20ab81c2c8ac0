import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ContactEngine } from './contact-engine';
import { bucketsToMerge, isMergedId, mergeBucket, mergeDataset } from './index-merge';
import type { LookupQuery } from './lookup';
import { dropTestDatabases, importText, lookupAnswers, openTestEngine } from './test-engine';
import { type ContactTables, contactTables } from './tables';
import { storedEntries } from './index-codec';

afterEach(dropTestDatabases);

/** A small deterministic generator (xorshift), so a failure names its seed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
const FAMILY = [['田中', 'タナカ'], ['田辺', 'タナベ'], ['高橋', 'タカハシ'], ['佐藤', 'サトウ'], ['鈴木', 'スズキ']];
const GIVEN = [['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['美咲', 'ミサキ']];

/** A list where most customers share a kana prefix (big tokens), some share numbers, phones, postcodes. */
function randomList(seed: number, n: number) {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const rows: { no: string; name: string; kana: string; postcode: string; email: string; phone: string }[] = [];
  for (let i = 0; i < n; i++) {
    const [f, fk] = r() < 0.6 ? FAMILY[0]! : pick(FAMILY);
    const [g, gk] = pick(GIVEN);
    rows.push({
      no: r() < 0.03 && i > 0 ? rows[Math.floor(r() * i)]!.no : `C${String(i).padStart(6, '0')}`,
      name: `${f} ${g}`,
      kana: `${fk} ${gk}`,
      postcode: `100-00${String(Math.floor(r() * 12)).padStart(2, '0')}`,
      email: r() < 0.1 ? '' : `c${Math.floor(r() * n * 0.9)}@example.jp`,
      phone: r() < 0.1 ? '' : `090-1111-${String(Math.floor(r() * n * 0.9)).padStart(4, '0')}`,
    });
  }
  const text = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号', ...rows.map((x, i) => `${x.no},${x.name},${x.kana},${x.postcode},東京都${i},${x.email},${x.phone}`)].join('\r\n') + '\r\n';
  const queries: LookupQuery[] = [];
  for (let k = 0; k < 12; k++) {
    const x = rows[Math.floor(r() * n)]!;
    queries.push({ kind: 'no', value: x.no }, { kind: 'phone', value: x.phone || '090-0000-0000' }, { kind: 'email', value: x.email || 'nobody@example.jp' });
    queries.push({ kind: 'postcode-name', value: x.postcode, name: x.name.split(' ')[0] }, { kind: 'postcode-name', value: x.postcode, name: x.kana });
  }
  for (const value of ['タナ', 'たなか', 'タナカハ', 'タナカハナ', 'タカ', 'サトウイ', 'スズ', 'ヤマ']) {
    queries.push({ kind: 'kana-prefix', value }, { kind: 'kana-prefix', value, postcode: '100-0003' }, { kind: 'kana-prefix', value, given: '美咲' });
  }
  queries.push({ kind: 'no', value: 'C999999' });
  return { text, queries };
}

const answers = (engine: ContactEngine, queries: LookupQuery[]) => lookupAnswers(engine, queries, 60, 4);

const segmentsLeft = async (t: ContactTables, datasetId: string) => (await bucketsToMerge(t, datasetId)).length;
const SMALL = { page: 48, big: 20 };

describe('index merge (decision 039)', () => {
  for (const seed of [1, 7, 2026]) {
    it(`lookups answer the same unmerged, half merged and merged (seed ${seed}, every key kind, pages split small)`, async () => {
      const { db, engine } = await openTestEngine();
      const { text, queries } = randomList(seed, 3500);
      const id = await importText(engine, db, text, { commitRows: 1000 });
      const t = contactTables(db);
      const before = await answers(engine, queries);
      expect((before as { total: number }[]).some((a) => a.total > 1000), 'a big kana token').toBe(true);
      const todo = await bucketsToMerge(t, id);
      expect(todo.length).toBeGreaterThan(100);
      // Half merged: every other bucket, as a lock or a crash would leave it.
      for (const [kind, bucket] of todo.filter((_, i) => i % 2 === 0)) await mergeBucket(t, id, kind, bucket, SMALL);
      expect(await answers(engine, queries)).toEqual(before);
      const stats = await mergeDataset(t, id, () => false, SMALL);
      expect(stats.done).toBe(true);
      expect(await segmentsLeft(t, id)).toBe(0);
      expect(await answers(engine, queries)).toEqual(before);
      // A second pass finds nothing to do.
      expect((await mergeDataset(t, id)).buckets).toBe(0);
    });
  }

  it('merged, an index holds fewer records, every entry once, and the same lookups with the default page sizes', async () => {
    const { db, engine } = await openTestEngine();
    const { text, queries } = randomList(5, 3000);
    const id = await importText(engine, db, text, { commitRows: 1000 });
    const t = contactTables(db);
    const before = await answers(engine, queries);
    const count = async () => {
      let entries = 0;
      const recs = await t.index.where('datasetId').equals(id).toArray();
      for (const r of recs) entries += storedEntries(r)!.length / 3;
      return { records: recs.length, entries };
    };
    const was = await count();
    await mergeDataset(t, id);
    const now = await count();
    expect(now.entries).toBe(was.entries);
    expect(now.records).toBeLessThan(was.records / 2);
    expect(await answers(engine, queries)).toEqual(before);
  });

  it('a list whose index was stored as triples (before decision 042) answers the same, mixed or merged, and the merge packs it', async () => {
    const { db, engine } = await openTestEngine();
    const { text, queries } = randomList(3, 3000);
    const id = await importText(engine, db, text, { commitRows: 1000 });
    const t = contactTables(db);
    const before = await answers(engine, queries);
    const recs = await t.index.where('datasetId').equals(id).toArray();
    expect(recs.every((r) => r.packed instanceof Uint8Array && r.entries === undefined)).toBe(true);
    const raw = recs.reduce((n, r) => n + storedEntries(r)!.byteLength, 0);
    const packed = recs.reduce((n, r) => n + r.packed!.length, 0);
    expect(packed).toBeLessThan(raw * 0.7);
    // Every other record as an older version wrote it.
    await t.index.bulkPut(recs.filter((_, i) => i % 2 === 0).map((r) => ({ id: r.id, datasetId: id, entries: storedEntries(r)! })));
    expect(await answers(engine, queries)).toEqual(before);
    expect((await mergeDataset(t, id)).done).toBe(true);
    const merged = await t.index.where('datasetId').equals(id).toArray();
    expect(merged.every((r) => r.packed instanceof Uint8Array && r.entries === undefined)).toBe(true);
    expect(await answers(engine, queries)).toEqual(before);
  });

  it('a merge that fails mid-bucket (a crash) loses nothing: the old segments stay, and the next pass finishes it', async () => {
    const { db, engine } = await openTestEngine();
    const { text, queries } = randomList(11, 3000);
    const id = await importText(engine, db, text, { commitRows: 1000 });
    const t = contactTables(db);
    const before = await answers(engine, queries);
    const todo = await bucketsToMerge(t, id);
    const put = t.index.bulkPut.bind(t.index);
    let calls = 0;
    // The 5th bucket's write fails after its segments were deleted in the same transaction.
    (t.index as { bulkPut: unknown }).bulkPut = (...a: Parameters<typeof put>) => (++calls === 5 ? Promise.reject(new Error('crash')) : put(...a));
    await expect(mergeDataset(t, id, () => false, SMALL)).rejects.toThrow('crash');
    (t.index as { bulkPut: unknown }).bulkPut = put;
    expect(await segmentsLeft(t, id)).toBe(todo.length - 4);
    expect(await answers(engine, queries)).toEqual(before);
    expect((await mergeDataset(t, id, () => false, SMALL)).done).toBe(true);
    expect(await answers(engine, queries)).toEqual(before);
  });

  it('stops between buckets on lock; the engine merges on its own once unlocked and leaves no chunk segment', async () => {
    const { db, engine } = await openTestEngine();
    const { text, queries } = randomList(3, 2500);
    const id = await importText(engine, db, text, { commitRows: 1000 });
    const t = contactTables(db);
    const before = await answers(engine, queries);
    let n = 0;
    const stopped = await mergeDataset(t, id, () => ++n > 10);
    expect(stopped.done).toBe(false);
    expect(stopped.buckets).toBe(10);
    ContactEngine.autoMerge = true;
    try {
      const [stats] = await engine.mergeIndexes();
      expect(stats!.done).toBe(true);
    } finally {
      ContactEngine.autoMerge = false;
    }
    expect(await segmentsLeft(t, id)).toBe(0);
    const ids = await t.index.where('datasetId').equals(id).primaryKeys();
    expect(ids.every((x) => isMergedId(x.slice(0, x.lastIndexOf('|') + 1), x))).toBe(true);
    expect(await answers(engine, queries)).toEqual(before);
    // Disposed (locked): a merge asked for does nothing.
    engine.dispose();
    expect(await engine.mergeIndexes(true)).toEqual([]);
  });
});
