/**
 * The packed blind index (decision 042) attacked with a stranger's list: records an older
 * version stored as triples mixed with packed ones in every way, through every reader; damaged
 * records of every shape, each of which must end in "the index needs rebuilding".
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKey } from '../../../shared/contacts/tokens';
import type { ContactEngine } from './contact-engine';
import { packEntries, storedEntries } from './index-codec';
import { bucketsToMerge, IndexDamagedError, isMergedId, mergeBucket, mergeDataset } from './index-merge';
import type { LookupQuery } from './lookup';
import { resolveMany } from './result-lists';
import { CustomerSearch } from './search';
import { contactTables, type IndexRecord, indexPrefix } from './tables';
import { dropTestDatabases, importText, lookupAnswers, openTestEngine } from './test-engine';
import { xorshift32 } from './test-random';

afterEach(dropTestDatabases);

function gen(seed: number) {
  const u32 = xorshift32(seed);
  return () => u32() / 4294967296;
}

const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
// Family names outside Shift_JIS (𠮷, 髙, 﨑, 𡈽), common ones, and readings.
const FAMILY: [string, string][] = [['𠮷野', 'ヨシノ'], ['髙橋', 'タカハシ'], ['山﨑', 'ヤマザキ'], ['𡈽屋', 'ツチヤ'], ['佐藤', 'サトウ'], ['佐藤', 'サトウ']];
const GIVEN: [string, string][] = [['花子', 'ハナコ'], ['𠀋', 'ジョウ'], ['', '']];

/** A stranger's list: full-width digits, repeated numbers, empty fields, names outside Shift_JIS. */
function strangerList(seed: number, n: number, numberOf: (i: number) => string = (i) => `K${String(i).padStart(5, '0')}`) {
  const r = gen(seed);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const [f, fk] = FAMILY[Math.floor(r() * FAMILY.length)]!;
    const [g, gk] = GIVEN[Math.floor(r() * GIVEN.length)]!;
    const no = r() < 0.05 && i > 0 ? numberOf(Math.floor(r() * i)) : numberOf(i);
    rows.push({
      no: r() < 0.3 ? FULL(no) : no,
      name: g ? `${f} ${g}` : f,
      kana: r() < 0.05 ? '' : gk ? `${fk} ${gk}` : fk,
      postcode: r() < 0.05 ? '' : `${r() < 0.5 ? FULL('150') : '150'}-00${String(Math.floor(r() * 20)).padStart(2, '0')}`,
      email: r() < 0.15 ? '' : `u${Math.floor(r() * n)}@example.jp`,
      phone: r() < 0.15 ? '' : `090-3333-${String(Math.floor(r() * n)).padStart(4, '0')}`,
    });
  }
  const text = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号', ...rows.map((x, i) => `${x.no},${x.name},${x.kana},${x.postcode},住所${i},${x.email},${x.phone}`)].join('\r\n') + '\r\n';
  const queries: LookupQuery[] = [];
  for (let k = 0; k < 10; k++) {
    const x = rows[Math.floor(r() * n)]!;
    queries.push({ kind: 'no', value: x.no }, { kind: 'phone', value: x.phone || '090-0000-0000' }, { kind: 'email', value: x.email || 'nobody@example.jp' });
    if (x.postcode) queries.push({ kind: 'postcode-name', value: x.postcode, name: x.name.split(' ')[0]! }, { kind: 'postcode-name', value: x.postcode, name: x.kana });
  }
  for (const value of ['サト', 'サトウ', 'ヨシノ', 'タカハ', 'ヤマザキ', 'ツチ', 'ヌヌ']) queries.push({ kind: 'kana-prefix', value }, { kind: 'kana-prefix', value, given: '花子' }, { kind: 'kana-prefix', value, postcode: '150-0003' });
  return { text, rows, queries };
}

const answers = (engine: ContactEngine, queries: LookupQuery[]) => lookupAnswers(engine, queries, 40, 5);

async function results(engine: ContactEngine, id: string, rows: ReturnType<typeof strangerList>['rows']) {
  const out: Record<string, [string, number[]][]> = {};
  for (const kind of ['no', 'phone', 'email'] as const) {
    const values = rows.filter((_, i) => i % 7 === 0).map((x) => (kind === 'no' ? x.no : x[kind]) || 'absent');
    const keyed = values.map((v) => queryKey(kind, v)?.[1] ?? v);
    out[kind] = [...(await resolveMany(engine, id, kind, keyed))].sort((a, b) => a[0].localeCompare(b[0]));
  }
  return out;
}

/** Rewrites records as an older version stored them (triples), those `which` picks. */
async function asTriples(engine: ContactEngine, id: string, which: (r: IndexRecord, i: number) => boolean) {
  const t = engine.tables;
  const recs = await t.index.where('datasetId').equals(id).toArray();
  const old = recs.filter(which).map((r) => ({ id: r.id, datasetId: r.datasetId, entries: storedEntries(r)! }));
  await t.index.bulkPut(old);
  return old.length;
}

const outcome = (engine: ContactEngine, q: LookupQuery) =>
  new CustomerSearch(engine).search('inc', q, null, 50).then(
    (p) => p.total,
    (e: unknown) => (e instanceof IndexDamagedError ? 'damaged' : `other:${String(e)}`),
  );

describe('the packed index under attack: records as triples and packed, mixed', () => {
  it('every lookup kind and every result list answer the same packed, as triples, mixed by record and by bucket, half merged and merged', async () => {
    const { db, engine } = await openTestEngine();
    const { text, rows, queries } = strangerList(5, 3300);
    const id = await importText(engine, db, text, { commitRows: 1000 });
    const t = contactTables(db);
    const before = await answers(engine, queries);
    const rm = await results(engine, id, rows);
    expect((before as { total: number }[]).some((a) => a.total > 500)).toBe(true);
    expect(rm.no!.length).toBeGreaterThan(300);

    expect(await asTriples(engine, id, () => true)).toBeGreaterThan(100);
    expect(await answers(engine, queries)).toEqual(before);
    expect(await results(engine, id, rows)).toEqual(rm);

    // Packed again where the record's chunk is odd: every bucket a mix.
    const again = (await t.index.where('datasetId').equals(id).toArray()).filter((r) => r.id.endsWith('1') || r.id.endsWith('3'));
    await t.index.bulkPut(again.map((r) => ({ id: r.id, datasetId: id, packed: packEntries(storedEntries(r)!) })));
    expect(await answers(engine, queries)).toEqual(before);
    expect(await results(engine, id, rows)).toEqual(rm);

    // Half merged in small pages; then some pages as an older version's merge wrote them.
    const todo = await bucketsToMerge(t, id);
    for (const [kind, bucket] of todo.filter((_, i) => i % 2 === 1)) await mergeBucket(t, id, kind, bucket, { page: 32, big: 16 });
    expect(await answers(engine, queries)).toEqual(before);
    await asTriples(engine, id, (r, i) => r.id.includes('|~') && i % 3 === 0);
    expect(await answers(engine, queries)).toEqual(before);
    expect(await results(engine, id, rows)).toEqual(rm);
    expect((await mergeDataset(t, id, () => false, { page: 32, big: 16 })).done).toBe(true);
    const merged = await t.index.where('datasetId').equals(id).toArray();
    expect(merged.every((r) => isMergedId(r.id.slice(0, r.id.indexOf('~')), r.id))).toBe(true);
    expect(await answers(engine, queries)).toEqual(before);
    expect(await results(engine, id, rows)).toEqual(rm);
  });

  it('a second list sharing customers counts the overlap and its own repeated numbers the same whether the first is packed or triples', async () => {
    const { db, engine } = await openTestEngine();
    const first = strangerList(9, 1200);
    const id1 = await importText(engine, db, first.text, { commitRows: 1000 });
    await asTriples(engine, id1, (_, i) => i % 2 === 0);
    // 600 of the first list's numbers (written half-width now), 600 new ones, some repeated.
    const second = strangerList(10, 1200, (i) => (i < 600 ? `K${String(i * 2).padStart(5, '0')}` : `Z${i}`));
    const { runImport } = await import('./import-pipeline');
    const { guessMapping } = await import('../../../shared/contacts/validate');
    const { encodeCsv } = await import('../../../shared/export/csv');
    const header = second.text.slice(0, second.text.indexOf('\r\n')).split(',');
    const r = await runImport(db, engine.importKeys, new Blob([encodeCsv(second.text, 'utf-8-bom')]), { incidentId: 'inc', mapping: guessMapping(header), maxRetries: 2, fileName: 'b.csv' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const norm = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    const inFirst = new Set(first.rows.map((x) => norm(x.no)));
    const distinctSecond = new Set(second.rows.map((x) => norm(x.no)));
    expect(r.overlaps).toEqual([{ datasetId: id1, customers: [...distinctSecond].filter((n) => inFirst.has(n)).length }]);
    expect(r.duplicates).toBe(second.rows.length - distinctSecond.size);
  });
});

describe('the packed index under attack: damaged records', () => {
  const damages: [string, (r: IndexRecord) => object][] = [
    ['packed and entries both', (r) => ({ ...r, entries: storedEntries(r)! })],
    ['packed as an Array', (r) => ({ ...r, packed: Array.from(r.packed!) })],
    ['packed as an ArrayBuffer', (r) => ({ ...r, packed: r.packed!.slice().buffer })],
    ['packed as a DataView', (r) => ({ ...r, packed: new DataView(r.packed!.slice().buffer) })],
    ['packed as a Uint16Array', (r) => ({ ...r, packed: Uint16Array.from(r.packed!) })],
    ['packed truncated', (r) => ({ ...r, packed: r.packed!.slice(0, -1) })],
    ['packed extended', (r) => ({ ...r, packed: Uint8Array.from([...r.packed!, 0, 0]) })],
    ['packed of another version', (r) => ({ ...r, packed: Uint8Array.from([2, ...r.packed!.subarray(1)]) })],
    ['packed empty', (r) => ({ ...r, packed: new Uint8Array(0) })],
    ['neither', (r) => ({ id: r.id, datasetId: r.datasetId })],
  ];

  for (const merged of [false, true]) {
    it(`a ${merged ? 'merged page' : 'chunk segment'} damaged in ten ways: lookups and result lists say the index needs rebuilding, the merge leaves it, a rebuild mends it`, async () => {
      const { db, engine } = await openTestEngine();
      const { text, rows, queries } = strangerList(21, 2100);
      const id = await importText(engine, db, text, { commitRows: 1000 });
      const t = contactTables(db);
      if (merged) await mergeDataset(t, id);
      const before = await answers(engine, queries);
      const target = rows[1234]!;
      const [kind, value] = queryKey('no', target.no)!;
      const tok = engine.tokenizer.token(kind, value);
      const prefix = indexPrefix(id, kind, tok.hi >>> 24);
      const recs = await t.index.where(':id').between(prefix, prefix + '\uffff').toArray();
      const rec = recs.find((r) => storedEntries(r)!.some((v, i) => i % 3 === 2 && v === 1234))!;
      expect(isMergedId(prefix, rec.id)).toBe(merged);
      for (const [name, damage] of damages) {
        await t.index.put(damage(rec) as IndexRecord);
        expect(await outcome(engine, { kind: 'no', value: target.no }), name).toBe('damaged');
        await expect(resolveMany(engine, id, 'no', [value]), name).rejects.toBeInstanceOf(IndexDamagedError);
        if (!merged) {
          // The background merge leaves it (it would drop the record's rows), without an error.
          await expect(engine.mergeIndexes(true)).resolves.toBeDefined();
          expect(await t.index.get(rec.id), name).toEqual(damage(rec));
        }
      }
      expect(await engine.rebuildIndex(id, {})).toBe('done');
      expect(await answers(engine, queries)).toEqual(before);
    });
  }
});

describe('the packed index under attack: a merged page emptied', () => {
  it('a result list says the index needs rebuilding, as a lookup does, instead of leaving the page’s customers unmatched', async () => {
    const { db, engine } = await openTestEngine();
    const { text, rows } = strangerList(33, 1500);
    const id = await importText(engine, db, text, { commitRows: 1000 });
    const t = contactTables(db);
    await mergeDataset(t, id);
    const target = rows[700]!;
    const [kind, value] = queryKey('no', target.no)!;
    const tok = engine.tokenizer.token(kind, value);
    const prefix = indexPrefix(id, kind, tok.hi >>> 24);
    const page = (await t.index.where(':id').between(prefix, prefix + '\uffff').toArray()).find((r) => storedEntries(r)!.some((v, i) => i % 3 === 2 && v === 700))!;
    expect(isMergedId(prefix, page.id)).toBe(true);
    // A valid record of no entries where the page's id says it holds some.
    await t.index.put({ id: page.id, datasetId: id, packed: packEntries(new Uint32Array(0)) });
    expect(await outcome(engine, { kind: 'no', value: target.no })).toBe('damaged');
    await expect(resolveMany(engine, id, 'no', [value])).rejects.toBeInstanceOf(IndexDamagedError);
    // The same as an older version's triples.
    await t.index.put({ id: page.id, datasetId: id, entries: new Uint32Array(0) });
    expect(await outcome(engine, { kind: 'no', value: target.no })).toBe('damaged');
    await expect(resolveMany(engine, id, 'no', [value])).rejects.toBeInstanceOf(IndexDamagedError);
  });
});
