/**
 * A big kana prefix's rows are a Uint32Array of the whole count, filled as a search pages
 * through it; an entry not loaded yet reads 0, which is also customer row 0's number. A
 * stranger's list where row 0 is one of the common prefix's customers and the prefix has more
 * rows than one load reads (8,192 entries): paged in sizes that straddle the loads, narrowed,
 * searched twice at once, before and after the merge — every customer once, in order, and
 * never row 0 again.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeKana } from '../../../shared/contacts/normalize';
import { candidates, confirm, type LookupQuery } from './lookup';
import { mergeDataset, RowRun } from './index-merge';
import { CustomerSearch, type LookupPage } from './search';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { contactTables } from './tables';

afterEach(dropTestDatabases);

const N = 12_000;
const GIVEN = [['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['𠀋子', 'ジョウコ']] as const;
interface Person { name: string; kana: string; postcode: string }
const person = (i: number): Person => {
  const [g, gk] = GIVEN[i % 3]!;
  const sato = i % 4 !== 3;
  return { name: `${sato ? '佐藤' : '𠮷野'} ${g}`, kana: `${sato ? 'サトウ' : 'ヨシノ'} ${gk}`, postcode: `150-000${i % 5}` };
};

function list(): string {
  const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所'];
  for (let i = 0; i < N; i++) {
    const p = person(i);
    lines.push([`K${String(i).padStart(5, '0')}`, p.name, p.kana, p.postcode, `住所${i}`].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** The customers a query must find, by brute force over the list. */
function expected(q: LookupQuery): number[] {
  const want = normalizeKana(q.value);
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const p = person(i);
    if (!normalizeKana(p.kana).startsWith(want)) continue;
    if (q.postcode && p.postcode !== q.postcode) continue;
    if (q.given && !p.name.endsWith(q.given) && !p.kana.endsWith(q.given)) continue;
    out.push(i);
  }
  return out;
}

const QUERIES: LookupQuery[] = [
  { kind: 'kana-prefix', value: 'サト' },
  { kind: 'kana-prefix', value: 'サトウハナ' },
  { kind: 'kana-prefix', value: 'サトウ', given: '花子' },
  { kind: 'kana-prefix', value: 'さとう', postcode: '150-0000' },
  { kind: 'kana-prefix', value: 'サトウ', postcode: '150-0003', given: 'ジョウコ' },
];

async function pageThrough(search: CustomerSearch, q: LookupQuery, sizes: number[]) {
  const rows: number[] = [];
  let cursor: LookupPage['next'] = null;
  let total = -1;
  let k = 0;
  do {
    const page = await search.search('inc', q, cursor, sizes[k++ % sizes.length]);
    if (total < 0) total = page.total;
    for (const h of page.hits) {
      expect(h.row.customerNo, `row ${h.row.row}`).toBe(`K${String(h.row.row).padStart(5, '0')}`);
      rows.push(h.row.row);
    }
    cursor = page.next;
  } while (cursor);
  return { total, rows };
}

describe('a big kana prefix kept in a typed array', () => {
  it('pages through every customer once, in order, row 0 first and never again, before and after the merge', async () => {
    const { db, engine } = await openTestEngine();
    const id = await importText(engine, db, list(), { commitRows: 3000 });
    const check = async (when: string) => {
      for (const q of QUERIES) {
        const want = expected(q);
        expect(want.length, JSON.stringify(q)).toBeGreaterThan(100);
        for (const sizes of [[700], [1, 64, 999, 50, 8191, 3], [8192, 1, 1, 63, 64, 65]]) {
          const got = await pageThrough(new CustomerSearch(engine), q, sizes);
          expect(got.rows, `${when} ${JSON.stringify(q)} in pages of ${sizes.join(',')}`).toEqual(want);
          if (q.value !== 'サトウハナ') expect(got.total).toBe(want.length);
        }
      }
      // Two searches on the same remembered candidates at once, asking past the first load.
      const q = QUERIES[0]!;
      const search = new CustomerSearch(engine);
      const first = await search.search('inc', q, null, 8000);
      const [a, b] = await Promise.all([search.search('inc', q, first.next, 500), search.search('inc', q, first.next, 500)]);
      const want = expected(q);
      expect(a.hits.map((h) => h.row.row)).toEqual(want.slice(8000, 8500));
      expect(b.hits.map((h) => h.row.row)).toEqual(want.slice(8000, 8500));
    };
    expect(expected(QUERIES[0]!)[0]).toBe(0);
    expect(expected(QUERIES[0]!).length).toBeGreaterThan(8192 + 64);
    await check('unmerged');
    // Big-token pages of 64 entries: one load reads 8,192 of them; the rest read 0 until loaded.
    await mergeDataset(contactTables(db), id, () => false, { page: 64, big: 20 });
    const c = await candidates(engine.data.tables, engine.tokenizer, id, QUERIES[0]!, 3);
    expect(c.load).toBeDefined();
    expect(c.rows).toBeInstanceOf(RowRun);
    const page = await confirm(engine.data.cache, id, c, 0, 10);
    expect(page.rows.map((r) => r.row)).toEqual(expected(QUERIES[0]!).slice(0, 10));
    // Not loaded yet: the tail cannot be read (it never reads as row 0, a customer who matches).
    expect(() => c.rows.slice(c.rows.length - 1, c.rows.length)).toThrow(RangeError);
    await check('merged');
  });
});
