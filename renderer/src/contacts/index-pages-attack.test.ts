/**
 * Merged index pages over 64 KiB (decision 043) attacked at the real sizes: big tokens of
 * exactly one, two and one-more-than pages (65,536 / 65,537 / 131,072 / 131,073 rows), pages of
 * mixed tokens at 8,191 / 8,192 / 8,193 entries, buckets merged at the old size (4,096) beside
 * buckets merged at the new one, paged through in steps that are not multiples of the read
 * ahead; and forged runs (counts in ids that disagree with the entries, a last page bigger
 * than the first, counts far beyond a page). The truth is the rows written; a lazy count
 * (from the ids), the rows paged through, the whole read (bucketTokenRows) and a result list
 * (resolveMany) must all give it, or say the index needs rebuilding — never other rows.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { HonbuDb } from '../data/db';
import { indexRecord, storedEntries } from './index-codec';
import { BIG_PAGE_ENTRIES, WIDE_PAGE_ENTRIES, bucketsToMerge, bucketTokenRows, IndexDamagedError, isMergedId, lazyTokenRows, mergeBucket, mergeDataset, PAGE_ENTRIES, packedIndex, pageId, pageOf, type PageSizes, tokenKey, MERGED } from './index-merge';
import { runImport } from './import-pipeline';
import type { ContactReader } from './contact-data';
import type { LookupQuery } from './lookup';
import { resolveMany } from './result-lists';
import { type ContactTables, contactTables, indexPrefix, type IndexRecord, pad } from './tables';
import { dropTestDatabases, lookupAnswers, openTestEngine } from './test-engine';
import { utf16le } from './test-data';
import { xorshift32 } from './test-random';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  await dropTestDatabases();
});
function tables(): ContactTables {
  const db = new HonbuDb(`pages-${crypto.randomUUID()}`);
  dbs.push(db);
  return contactTables(db);
}

const gen = xorshift32;

const OLD: PageSizes = { page: 4096, big: 512, bigPage: 4096 };
const NEW: PageSizes | undefined = undefined; // the defaults
const D = 'd';
const KIND = 'kp3';

/** A token of bucket b (its first byte). */
const token = (b: number, k: number): [number, number] => [((b << 24) | ((k * 0x10001) & 0xffffff)) >>> 0, Math.imul(k + 1, 0x9e3779b1) >>> 0];

/**
 * Writes one bucket's chunk segments as an import would (rows ascending per 100,000-row
 * chunk, named by the chunk's first block): `tokens` gives each token and its rows.
 */
async function writeSegments(t: ContactTables, bucket: number, tokens: [hi: number, lo: number, rows: number[]][], kind: string = KIND) {
  const prefix = indexPrefix(D, kind, bucket);
  const byChunk = new Map<number, number[]>();
  for (const [hi, lo, rows] of tokens) for (const r of rows) (byChunk.get(Math.floor(r / 100_000)) ?? byChunk.set(Math.floor(r / 100_000), []).get(Math.floor(r / 100_000))!).push(r, hi, lo);
  const recs: IndexRecord[] = [];
  for (const [chunk, flat] of byChunk) {
    const order = Array.from({ length: flat.length / 3 }, (_, i) => i * 3).sort((a, b) => flat[a]! - flat[b]!);
    const e = new Uint32Array(flat.length);
    order.forEach((at, i) => e.set([flat[at + 1]!, flat[at + 2]!, flat[at]!], i * 3));
    recs.push(indexRecord(prefix + pad(chunk * 100), D, e));
  }
  await t.index.bulkPut(recs);
  return prefix;
}

/** Every row of a lazy answer, loaded in the given steps (checking each step's rows are there). */
async function pageThrough(t: ContactTables, prefix: string, hi: number, lo: number, steps: number[]) {
  const lazy = await lazyTokenRows(t, prefix, hi, lo);
  if (!lazy.run) return { lazy: false, total: lazy.rows.length, rows: lazy.rows };
  const run = lazy.run;
  const total = run.length;
  let upTo = 0;
  for (let k = 0; upTo < total; k++) {
    const from = upTo;
    upTo = Math.min(total, upTo + steps[k % steps.length]!);
    await lazy.load(upTo);
    // Each step's rows must be there (a row not read cannot be sliced), ascending.
    const got = run.slice(Math.max(0, from - 1), upTo);
    for (let i = 1; i < got.length; i++) if (!(got[i]! > got[i - 1]!)) throw new Error(`row ${from + i} out of order after load(${upTo})`);
  }
  return { lazy: true, total, rows: Array.from(run.all()) };
}

const range = (from: number, n: number, step = 1) => Array.from({ length: n }, (_, i) => from + i * step);

describe('merged index pages over 64 KiB at the real sizes (decision 043)', () => {
  it('big tokens of exactly one, two and one-more-than pages, old size and new, are counted and paged through exactly', async () => {
    const t = tables();
    const COUNTS = [511, 512, 4095, 4096, 4097, 8192, 8193, 65_535, 65_536, 65_537, 131_072, 131_073];
    let bucket = 0;
    for (const n of COUNTS) {
      for (const sizes of [OLD, NEW]) {
        const b = bucket++;
        const [hi, lo] = token(b, 1);
        // Rows spread (3 apart, starting past 0), and a small token either side in the same bucket.
        const rows = range(7, n, 3);
        const before = token(b, 0);
        const after = token(b, 2);
        const prefix = await writeSegments(t, b, [[...before, [1, 2, 3]], [hi, lo, rows], [...after, [5, 400_000]]]);
        await mergeBucket(t, D, KIND, b, sizes);
        const ids = await t.index.where(':id').between(prefix, prefix + '\uffff').primaryKeys();
        const runs = ids.filter((id) => id.startsWith(prefix + MERGED + tokenKey(hi, lo))).map((id) => pageOf(prefix, id).n);
        const page = sizes ? OLD.bigPage! : BIG_PAGE_ENTRIES;
        if (n >= 512) expect(runs, `${n} rows, ${sizes ? 'old' : 'new'} size`).toEqual([...Array.from({ length: Math.floor(n / page) }, () => page), ...(n % page ? [n % page] : [])]);
        const where = `${n} rows merged at the ${sizes ? 'old' : 'new'} size`;
        for (const steps of n > 70_000 ? [[8193, 50, 4095], [Infinity]] : [[1, 50, 4095], [8191], [8193, 3], [65_537], [Infinity]]) {
          const got = await pageThrough(t, prefix, hi, lo, steps);
          expect(got.lazy, where).toBe(n >= 512);
          expect(got.total, where).toBe(n);
          expect(got.rows, `${where}, steps ${steps.join('/')}`).toEqual(rows);
        }
        expect(await bucketTokenRows(t, prefix, hi, lo), where).toEqual(rows);
        expect(await bucketTokenRows(t, prefix, ...before), where).toEqual([1, 2, 3]);
        expect(await bucketTokenRows(t, prefix, ...after), where).toEqual([5, 400_000]);
        expect((await pageThrough(t, prefix, ...after, [10])).rows, where).toEqual([5, 400_000]);
      }
    }
  });

  it('pages of mixed tokens cut at 8,191 / 8,192 / 8,193 entries: every token in its page, old size beside new', async () => {
    const t = tables();
    for (const [b, total, sizes] of [
      [10, 8191, NEW],
      [11, 8192, NEW],
      [12, 8193, NEW],
      [13, 8193, OLD],
      [14, 16_385, NEW],
      [15, 12_289, OLD],
    ] as const) {
      // Tokens of 1 to 511 rows (never split over pages), the last filling up to `total` entries.
      const r = gen(b);
      const tokens: [number, number, number[]][] = [];
      let left = total;
      for (let k = 0; left > 0; k++) {
        const n = Math.min(left, k % 5 === 0 ? 1 + (r() % 511) : 1);
        tokens.push([...token(b, k), range(r() % 1000, n, 1 + (r() % 50))]);
        left -= n;
      }
      const prefix = await writeSegments(t, b, tokens);
      await mergeBucket(t, D, KIND, b, sizes);
      const pages = await t.index.where(':id').between(prefix + MERGED, prefix + '\uffff').toArray();
      const max = sizes ? OLD.page : PAGE_ENTRIES;
      for (const p of pages) {
        expect(pageOf(prefix, p.id).n).toBeLessThanOrEqual(max);
        expect(storedEntries(p)!.length).toBe(pageOf(prefix, p.id).n * 3);
      }
      expect(pages.reduce((s, p) => s + pageOf(prefix, p.id).n, 0)).toBe(total);
      for (const [hi, lo, rows] of tokens) {
        const want = [...new Set(rows)].sort((x, y) => x - y);
        expect(await bucketTokenRows(t, prefix, hi, lo), `token ${tokens.findIndex((x) => x[0] === hi && x[1] === lo)} of bucket ${b}`).toEqual(want);
        const lazy = await lazyTokenRows(t, prefix, hi, lo);
        await lazy.load?.(Infinity);
        expect(lazy.run ? Array.from(lazy.run.all()) : lazy.rows).toEqual(want);
      }
    }
  });

  it('customer numbers, phones and e-mails merge into wide pages (decision 057), other kinds as before; a list matched through either, or through pages merged by the version before, gives the same rows', async () => {
    const t = tables();
    // 70,000 tokens of one row each, and one of 600 rows (its own pages), per bucket.
    const r = gen(57);
    const tokens: [number, number, number[]][] = range(0, 70_000).map((k) => [...token(7, k), [r() % 20_000_000]]);
    tokens.push([...token(7, 70_000), range(5, 600, 3)]);
    // Each kind's pages: the largest mixed page (every page is full but where the big token cuts in), and the big token's.
    const shape = (ids: string[], prefix: string) => {
      const pages = ids.map((id) => pageOf(prefix, id));
      return { mixed: Math.max(...pages.filter((p) => !p.all).map((p) => p.n)), own: pages.filter((p) => p.all).map((p) => p.n), total: pages.reduce((a, p) => a + p.n, 0) };
    };
    const layouts: [kind: string, sizes: PageSizes | undefined, largest: number][] = [
      ['no', NEW, WIDE_PAGE_ENTRIES],
      ['phone', NEW, WIDE_PAGE_ENTRIES],
      ['email', NEW, WIDE_PAGE_ENTRIES],
      ['kp3', NEW, PAGE_ENTRIES],
      ['gn', NEW, PAGE_ENTRIES],
    ];
    // What a returned-mail list names: every 7th token, one that is not there, and the big one.
    const wanted = [...range(0, 10_000, 7), 70_000, 123_456_789];
    const engineOf = (): ContactReader =>
      ({
        tokenizer: { token: (_k: string, v: string) => { const [hi, lo] = token(7, Number(v)); return { hi, lo }; } },
        data: { tables: t },
      }) as unknown as ContactReader;
    const truth = new Map(wanted.filter((k) => k <= 70_000).map((k) => [String(k), [...new Set(tokens[k]![2])].sort((a, b) => a - b)]));
    for (const [kind, sizes, largest] of layouts) {
      const prefix = await writeSegments(t, 7, tokens, kind);
      const unmerged = await resolveMany(engineOf(), D, kind as never, wanted.map(String));
      expect(unmerged, kind).toEqual(truth);
      await mergeBucket(t, D, kind, 7, sizes);
      const ids = await t.index.where(':id').between(prefix, prefix + '\uffff').primaryKeys();
      expect(ids.every((id) => isMergedId(prefix, id)), kind).toBe(true);
      expect(shape(ids, prefix), kind).toEqual({ mixed: largest, own: [600], total: 70_600 });
      expect(await resolveMany(engineOf(), D, kind as never, wanted.map(String)), kind).toEqual(truth);
      // One customer looked up: the first and last of a page, and one in the middle.
      for (const k of [0, WIDE_PAGE_ENTRIES - 1, WIDE_PAGE_ENTRIES, 50_001, 69_999]) {
        const [hi, lo] = token(7, k);
        expect(await bucketTokenRows(t, prefix, hi, lo), `${kind} token ${k}`).toEqual(tokens[k]![2]);
      }
    }
    // A list merged by the version before (8,192 a page) beside one merged now: the same rows.
    const prefix = indexPrefix(D, 'no', 8);
    await writeSegments(t, 8, tokens.map(([, , rows], k) => [...token(8, k), rows]), 'no');
    await mergeBucket(t, D, 'no', 8, { page: PAGE_ENTRIES, big: 512, bigPage: BIG_PAGE_ENTRIES });
    expect(shape(await t.index.where(':id').between(prefix, prefix + '\uffff').primaryKeys(), prefix)).toEqual({ mixed: PAGE_ENTRIES, own: [600], total: 70_600 });
    for (const k of [0, 8191, 8192, 69_999]) {
      const [hi, lo] = token(8, k);
      expect(await bucketTokenRows(t, prefix, hi, lo)).toEqual(tokens[k]![2]);
    }
    expect((await mergeDataset(t, D)).buckets).toBe(0);
  }, 60_000);

  it('forged runs: counts in the ids that disagree with the entries, a last page bigger than the first, counts far beyond a page', async () => {
    const t = tables();
    const b = 40;
    const [hi, lo] = token(b, 1);
    const prefix = indexPrefix(D, KIND, b);
    const rows = range(0, 70_000, 2);
    const put = async (pages: [first: number, n: number, claimed: number][]) => {
      await t.index.where(':id').between(prefix, prefix + '\uffff').delete();
      await t.index.bulkPut(
        pages.map(([first, n, claimed]) => {
          const e = new Uint32Array(n * 3);
          for (let i = 0; i < n; i++) e.set([hi, lo, rows[first + i]!], i * 3);
          return indexRecord(pageId(prefix, hi, lo, rows[first]!, true, claimed), D, e);
        }),
      );
    };
    /** Either the true rows (read whole instead), or damage said — never other rows. */
    const honestOrDamage = async (what: string, want: number[]) => {
      for (const steps of [[50], [Infinity]]) {
        let got: Awaited<ReturnType<typeof pageThrough>> | 'damaged';
        try {
          got = await pageThrough(t, prefix, hi, lo, steps);
        } catch (e) {
          if (!(e instanceof IndexDamagedError)) throw e;
          got = 'damaged';
        }
        if (got !== 'damaged') {
          expect(got.rows, what).toEqual(want);
          expect(got.total, what).toBe(want.length);
        }
      }
      let whole: number[] | 'damaged';
      try {
        whole = await bucketTokenRows(t, prefix, hi, lo);
      } catch (e) {
        if (!(e instanceof IndexDamagedError)) throw e;
        whole = 'damaged';
      }
      if (whole !== 'damaged') expect(whole, what).toEqual(want);
    };
    // The last page bigger than the first (the merge never writes that): read whole, all rows.
    await put([[0, 4096, 4096], [4096, 6000, 6000]]);
    await honestOrDamage('last page bigger', rows.slice(0, 10_096));
    // Pages of the old size then of the new (never one run): read whole.
    await put([[0, 4096, 4096], [4096, 65_536, 65_536]]);
    await honestOrDamage('old then new', rows.slice(0, 69_632));
    // Ids claiming more than the pages hold, or fewer.
    await put([[0, 100, 65_536], [100, 100, 65_536]]);
    await honestOrDamage('claims more', rows.slice(0, 200));
    await put([[0, 65_536, 100], [65_536, 50, 50]]);
    await honestOrDamage('claims fewer', rows.slice(0, 65_586));
    // A page claiming more than a page ever holds, and many claiming the most: a count from the
    // ids must not outgrow memory before a page is read.
    await put([[0, 10, 0x7fffffff]]);
    await honestOrDamage('claims 2^31', rows.slice(0, 10));
    await put(range(0, 2000, 10).map((first) => [first, 10, BIG_PAGE_ENTRIES]));
    await honestOrDamage('2,000 pages claiming 65,536 each', rows.slice(0, 20_000));
  });
});

const FW = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('a stranger list through lookups, result lists and packs, merged at the old page size, the new one and both', () => {
  it('answers the same whichever pages its buckets were merged into, and its packs are the same', async () => {
    const { db, engine } = await openTestEngine();
    const t = contactTables(db);
    const r = gen(43);
    // 6,000 customers, 5,000 of them サトウ (a big token of 5,000 rows: two pages at the old size,
    // one at the new), family names outside Shift_JIS, full-width digits, empty fields, tabs.
    const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号'];
    const OTHERS = [['𠮷田', 'ヨシダ'], ['髙島', 'タカシマ'], ['𩸽山', 'ホッケヤマ'], ['斉藤', 'サイトウ']];
    const GIVEN = [['𠀋', 'ジョウ'], ['花子', 'ハナコ'], ['', '']];
    const rows: string[][] = [];
    for (let i = 0; i < 6000; i++) {
      const [f, fk] = i % 6 ? ['佐藤', 'サトウ'] : OTHERS[r() % OTHERS.length]!;
      const [g, gk] = GIVEN[r() % GIVEN.length]!;
      const no = `T-${String(i).padStart(5, '0')}`;
      rows.push([i % 3 ? no : FW(no), `${f}\u3000${g}`.trim(), `${fk} ${gk}`.trim(), r() % 9 === 0 ? '' : `${FW('160')}-00${String(r() % 40).padStart(2, '0')}`, `新宿区${i}`, r() % 7 === 0 ? '' : `T${i}@Example.jp`, r() % 5 === 0 ? '' : `080-4444-${String(i).padStart(4, '0')}`]);
    }
    const text = [HEADER, ...rows].map((x) => x.join('\t')).join('\r\n') + '\r\n';
    const imported = await runImport(db, engine.importKeys, utf16le(text), { incidentId: 'inc', mapping: guessMapping(HEADER), delimiter: '\t', fileName: 'list.txt', commitRows: 2500 });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
    await engine.commitImport(imported.datasetId);
    const id = imported.datasetId;
    const queries: LookupQuery[] = [
      ...['サト', 'さとう', 'サトウハ', 'ヨシ', 'タカシ', 'ホッケ', 'サイト'].map((value): LookupQuery => ({ kind: 'kana-prefix', value })),
      { kind: 'kana-prefix', value: 'サトウ', given: '花子' },
      { kind: 'kana-prefix', value: 'サトウ', postcode: '160-0007' },
      { kind: 'no', value: 'T-00006' },
      { kind: 'no', value: FW('T-05999') },
      { kind: 'phone', value: '０８０４４４４０００１' },
      { kind: 'email', value: 't12@example.JP' },
      { kind: 'postcode-name', value: '160-0003', name: 'サトウ' },
    ];
    const numbers = [...rows.filter((_, i) => i % 97 === 0).map((x) => x[0]!), 'T-99999', 'T-00001', FW('T-00001')];
    const see = async () => ({
      // Pages of 37 and of 4,097 (neither a multiple of the read ahead), to the end.
      small: await lookupAnswers(engine, queries, 37, 200),
      large: await lookupAnswers(engine, queries, 4097, 3),
      resolved: [...(await resolveMany(engine, id, 'no', numbers)).entries()],
      packs: await (async () => {
        const out: string[] = [];
        for await (const p of packedIndex(t, id)) out.push(`${p.id}:${p.entries.length}:${crc(p.entries)}`);
        return out;
      })(),
    });
    const crc = (e: Uint32Array) => {
      let h = 0;
      for (const v of e) h = (Math.imul(h, 31) + v) >>> 0;
      return h;
    };
    const before = await see();
    const sato = (before.small[0] as { total: number; hits: string[] });
    expect(sato.total).toBe(5000);
    expect(sato.hits).toHaveLength(5000);
    expect(before.resolved.length).toBeGreaterThan(30);
    const segments = await t.index.where('datasetId').equals(id).toArray();
    const layouts: [string, (kind: string, bucket: number, i: number) => PageSizes | undefined][] = [
      ['old size (4,096)', () => OLD],
      ['new size', () => NEW],
      ['every other bucket old', (_k, _b, i) => (i % 2 ? OLD : NEW)],
      ['big tokens old, the rest new', (kind) => (kind.startsWith('kp') ? OLD : NEW)],
    ];
    for (const [name, sizesOf] of layouts) {
      await t.index.where('datasetId').equals(id).delete();
      await t.index.bulkPut(segments);
      const todo = await bucketsToMerge(t, id);
      // Half the buckets (a lock mid-way): the rest still in segments.
      for (const [i, [kind, bucket]] of todo.entries()) if (i % 3 === 0) await mergeBucket(t, id, kind, bucket, sizesOf(kind, bucket, i));
      expect(await see(), `${name}, a third merged`).toEqual(before);
      for (const [i, [kind, bucket]] of todo.entries()) if (i % 3 !== 0) await mergeBucket(t, id, kind, bucket, sizesOf(kind, bucket, i));
      expect((await t.index.where('datasetId').equals(id).primaryKeys()).every((k) => isMergedId(k.slice(0, k.lastIndexOf('|') + 1), k)), name).toBe(true);
      expect(await see(), name).toEqual(before);
      // The next pass (this version's sizes) leaves buckets merged at the old size as they are.
      expect((await mergeDataset(t, id)).buckets).toBe(0);
    }
    // ~16 s alone on 2 cores; it ran past the default 30 s once with a 20M import beside the suite.
  }, 90_000);
});
