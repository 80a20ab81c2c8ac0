/**
 * Attacks on the merged index (decision 039) with data its author did not use: full-width
 * digits, +81 phones, upper-case e-mail, names outside Shift_JIS, empty fields, a common kana
 * prefix paged through, concurrent searches, and hostile merged pages.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKey } from '../../../shared/contacts/tokens';
import type { ContactEngine } from './contact-engine';
import { BIG_TOKEN, bucketsToMerge, mergeBucket, mergeDataset, pageId } from './index-merge';
import type { LookupQuery } from './lookup';
import { CustomerSearch, type LookupPage } from './search';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { contactTables, indexPrefix } from './tables';

afterEach(dropTestDatabases);

const FAMILY = [['𠮷野', 'ヨシノ'], ['髙橋', 'タカハシ'], ['𩸽田', 'ホッケダ'], ['佐藤', 'サトウ'], ['渡邉', 'ワタナベ']];
const GIVEN = [['𠀋子', 'ジョウコ'], ['一郎', 'イチロウ'], ['', '']];
const FW = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function list(n: number) {
  const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号'];
  for (let i = 0; i < n; i++) {
    // Two thirds sato: a big token (> BIG_TOKEN rows) of kp1..kp4.
    const [f, fk] = i % 3 ? FAMILY[3]! : FAMILY[i % 5]!;
    const [g, gk] = GIVEN[i % 3]!;
    const no = `K${String(i).padStart(5, '0')}`;
    lines.push([i % 2 ? FW(no) : no, `${f} ${g}`.trim(), `${fk} ${gk}`.trim(), i % 7 === 0 ? '' : `${FW('150')}-00${i % 10}${i % 3}`, `住所${i}`, i % 5 === 0 ? '' : `User${i}@Example.JP`, i % 4 === 0 ? '' : `+81-90-2222-${String(i).padStart(4, '0')}`].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

const QUERIES: LookupQuery[] = [
  { kind: 'no', value: 'K00003' },
  { kind: 'no', value: FW('K00004') },
  { kind: 'no', value: 'k00005' },
  { kind: 'phone', value: '090-2222-0003' },
  { kind: 'phone', value: '+81 90 2222 0005' },
  { kind: 'phone', value: '０９０２２２２０００６' },
  { kind: 'email', value: 'user3@example.jp' },
  { kind: 'email', value: 'USER6@EXAMPLE.JP' },
  { kind: 'postcode-name', value: '150-0010', name: '𠮷野' },
  { kind: 'postcode-name', value: '１５０００２２', name: 'サトウ' },
  { kind: 'postcode-name', value: '150-0031', name: 'たかはし' },
  ...['サ', 'さと', 'サトウ', 'サトウイ', 'サトウイチ', 'サトウイチロ', 'ヨシ', 'ホッケ', 'ワタナベジ'].map((value): LookupQuery => ({ kind: 'kana-prefix', value })),
  { kind: 'kana-prefix', value: 'サトウ', given: '一郎' },
  { kind: 'kana-prefix', value: 'サトウ', postcode: '150-0011' },
  { kind: 'no', value: '' },
  { kind: 'no', value: 'K99999' },
];

async function allPages(search: CustomerSearch, q: LookupQuery, size = 50) {
  const pages: LookupPage[] = [];
  let cursor: LookupPage['next'] = null;
  do {
    const page = await search.search('inc', q, cursor, size);
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  return { total: pages[0]!.total, exact: pages[0]!.exact, hits: pages.flatMap((p) => p.hits.map((h) => `${h.row.row}:${h.row.customerNo}`)) };
}

async function answers(engine: ContactEngine) {
  const search = new CustomerSearch(engine);
  const out = [];
  for (const q of QUERIES) out.push({ q, ...(await allPages(search, q)) });
  return out;
}

describe('merged index under attack', () => {
  // Imported in 500-row commits, half a block each: before the import rounded its commit size
  // to whole blocks, every other chunk overwrote the previous one's block, statuses and index
  // segments (named by their first block), so 'さと' counted 1,026 exact and paged through 293.
  it('every key kind, in the ways a caller types it, answers the same unmerged, half merged and merged; a count equals the rows paged through', async () => {
    const { db, engine } = await openTestEngine();
    const id = await importText(engine, db, list(2400), { commitRows: 500 });
    const t = contactTables(db);
    const before = await answers(engine);
    for (const a of before) if (a.exact) expect(a.hits.length, JSON.stringify(a.q)).toBe(a.total);
    // The right rows: every customer whose reading starts with さと (サトウ: i % 3 ≠ 0, or FAMILY[3]), each once, in order.
    const sato = Array.from({ length: 2400 }, (_, i) => i).filter((i) => i % 3 !== 0 || i % 5 === 3);
    const satoHits = before.find((a) => a.q.kind === 'kana-prefix' && a.q.value === 'さと')!;
    expect(satoHits.total).toBe(sato.length);
    expect(satoHits.hits.map((h) => Number(h.split(':')[0]))).toEqual(sato);
    expect(satoHits.hits.map((h) => h.split(':')[1]!.normalize('NFKC'))).toEqual(sato.map((i) => `K${String(i).padStart(5, '0')}`));
    // One character is not a lookup (MIN_KANA_PREFIX): nobody, rather than a tenth of the list.
    expect(before.find((a) => a.q.kind === 'kana-prefix' && a.q.value === 'サ')!.total).toBe(0);
    expect(satoHits.total).toBeGreaterThan(BIG_TOKEN);
    expect(before.find((a) => a.q.kind === 'no' && a.q.value === FW('K00004'))!.total).toBe(1);
    expect(before.find((a) => a.q.kind === 'phone' && a.q.value.startsWith('+81'))!.total).toBe(1);
    expect(before.find((a) => a.q.kind === 'email' && a.q.value.startsWith('USER'))!.total).toBe(1);
    const todo = await bucketsToMerge(t, id);
    for (const [kind, bucket] of todo.filter((_, i) => i % 3 === 1)) await mergeBucket(t, id, kind, bucket);
    expect(await answers(engine)).toEqual(before);
    await mergeDataset(t, id);
    const after = await answers(engine);
    expect(after).toEqual(before);
  });

  it('two searches of a common kana prefix at once (a keystroke back to a query still loading) see the same rows as one alone', async () => {
    const { db, engine } = await openTestEngine();
    const id = await importText(engine, db, list(3000), { commitRows: 500 });
    await mergeDataset(contactTables(db), id, () => false, { page: 64, big: 20 });
    const q: LookupQuery = { kind: 'kana-prefix', value: 'サト' };
    const alone = await allPages(new CustomerSearch(engine), q, 300);
    const search = new CustomerSearch(engine);
    const first = await search.search('inc', q, null, 10);
    // The rest of the page and the next page asked at once, on the same remembered candidates.
    const [a, b] = await Promise.all([search.search('inc', q, first.next, 290), search.search('inc', q, first.next, 290)]);
    const rows = (p: LookupPage) => p.hits.map((h) => `${h.row.row}:${h.row.customerNo}`);
    expect([...rows(first), ...rows(a)]).toEqual(alone.hits.slice(0, 300));
    expect(rows(b)).toEqual(rows(a));
  });

  it('a forged merged page (wrong count, rows of the real pages again) does not make a lookup claim customers who are not there', async () => {
    const { db, engine } = await openTestEngine();
    const id = await importText(engine, db, list(1500), { commitRows: 500 });
    const t = contactTables(db);
    await mergeDataset(t, id);
    const q: LookupQuery = { kind: 'kana-prefix', value: 'サトウ' };
    const honest = await allPages(new CustomerSearch(engine), q);
    const [kind, value] = queryKey('kana-prefix', 'サトウ')!;
    const tok = engine.tokenizer.token(kind, value);
    const prefix = indexPrefix(id, kind, tok.hi >>> 24);
    // A page claiming 100,000 rows that holds two real rows again (overlapping the real pages).
    const [r1, r2] = honest.hits.map((h) => Number(h.split(':')[0]));
    const entries = Uint32Array.from([tok.hi, tok.lo, r1!, tok.hi, tok.lo, r2!]);
    await t.index.put({ id: pageId(prefix, tok.hi, tok.lo, 0, true, 100_000), datasetId: id, entries });
    const forged = await Promise.race([allPages(new CustomerSearch(engine), q), new Promise<'hung'>((ok) => setTimeout(() => ok('hung'), 5000))]);
    expect(forged).not.toBe('hung');
    const f = forged as Awaited<ReturnType<typeof allPages>>;
    // The same customers as without the forged page, each once, and no more counted.
    expect(f.total).toBeLessThanOrEqual(honest.total);
    expect(f.hits).toEqual(honest.hits);
  });
});
