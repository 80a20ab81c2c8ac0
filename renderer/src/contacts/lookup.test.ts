import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LookupHit, LookupPage } from './contact-engine';
import type { LookupQuery } from './lookup';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const GIVEN = [['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['美咲', 'ミサキ']];
/** 160 customers; every other one is a 田中 (タナカ), so a kana search finds 80. */
function list(prefix: string, n = 160): string {
  const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号'];
  for (let i = 0; i < n; i++) {
    const [g, gk] = GIVEN[i % 3]!;
    const [f, fk] = i % 2 ? ['佐藤', 'サトウ'] : ['田中', 'タナカ'];
    lines.push(`${prefix}${String(i).padStart(6, '0')},${f} ${g},${fk} ${gk},${100 + (i % 4)}-000${i % 10},東京都${i},,090-2222-${String(i).padStart(4, '0')}`);
  }
  return lines.join('\r\n') + '\r\n';
}

async function all(search: (cursor: LookupPage['next']) => Promise<LookupPage>): Promise<{ pages: LookupPage[]; hits: LookupHit[] }> {
  const pages: LookupPage[] = [];
  let cursor: LookupPage['next'] = null;
  do {
    const page = await search(cursor);
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  return { pages, hits: pages.flatMap((p) => p.hits) };
}

describe('customer lookup', () => {
  it('full-width customer numbers and phones find the customer, whichever way the list wrote them', async () => {
    const { db, engine } = await openTestEngine();
    const text = list('C').replace('C000007,', 'Ｃ０００００７,');
    const id = await importText(engine, db, text);
    for (const typed of ['Ｃ０００２００'.replace('２００', '０１２'), 'c000012', 'C000012']) {
      expect((await engine.find('inc', 'no', typed)).map((h) => h.row.customerNo), typed).toEqual(['C000012']);
    }
    expect((await engine.find('inc', 'no', 'C000007')).map((h) => [h.datasetId, h.row.customerNo])).toEqual([[id, 'Ｃ０００００７']]);
    expect((await engine.find('inc', 'phone', '０９０－２２２２－００１２')).map((h) => h.row.customerNo)).toEqual(['C000012']);
  });

  it('postcode + family name (kanji or kana), postcode + full name, full-width postcode', async () => {
    const { db, engine } = await openTestEngine();
    await importText(engine, db, list('C'));
    // At 100-0002 live customers 12, 32, 52 … 152 (i ≡ 12 mod 20), all 田中; 花子 are 12, 72 and 132.
    const at = (q: Omit<LookupQuery, 'kind'>) => engine.search('inc', { kind: 'postcode-name', ...q }).then((p) => p.hits.map((h) => h.row.customerNo));
    const no = (...i: number[]) => i.map((n) => `C${String(n).padStart(6, '0')}`);
    expect(await at({ value: '100-0002', name: '田中' })).toEqual(no(12, 32, 52, 72, 92, 112, 132, 152));
    expect(await at({ value: '１００－０００２', name: 'タナカ' })).toEqual(await at({ value: '100-0002', name: '田中' }));
    expect(await at({ value: '1000002', name: '田中 花子' })).toEqual(no(12, 72, 132));
    expect(await at({ value: '1000002', name: 'ﾀﾅｶ ﾊﾅｺ' })).toEqual(no(12, 72, 132));
    expect(await at({ value: '100-0002', name: '佐藤' })).toEqual([]);
  });

  it('says how many a kana prefix matched, pages through all of them, and narrows by postcode and given name', async () => {
    const { db, engine } = await openTestEngine();
    await importText(engine, db, list('C'));
    const { pages, hits } = await all((cursor) => engine.search('inc', { kind: 'kana-prefix', value: 'ﾀﾅｶ' }, cursor));
    expect(pages.map((p) => [p.total, p.exact, p.from, p.hits.length])).toEqual([
      [80, true, 1, 50],
      [80, true, 51, 30],
    ]);
    expect(new Set(hits.map((h) => h.row.customerNo)).size).toBe(80);
    expect(hits.every((h) => h.row.kana.startsWith('タナカ'))).toBe(true);

    const byPostcode = await engine.search('inc', { kind: 'kana-prefix', value: 'たなか', postcode: '１００－０００２' });
    expect(byPostcode).toMatchObject({ total: 8, exact: true });
    expect(byPostcode.hits.every((h) => h.row.postcode === '100-0002')).toBe(true);
    const narrow = await engine.search('inc', { kind: 'kana-prefix', value: 'タナカ', postcode: '102-0002', given: 'はなこ' });
    expect(narrow.hits.map((h) => [h.row.customerNo, h.row.name, h.row.postcode])).toEqual([
      ['C000042', '田中 花子', '102-0002'],
      ['C000102', '田中 花子', '102-0002'],
    ]);
    expect(narrow).toMatchObject({ total: 2, exact: true });
    const byKanji = await engine.search('inc', { kind: 'kana-prefix', value: 'タナカ', given: '花子' });
    expect(byKanji).toMatchObject({ total: 27, exact: true });
  });

  it('a kana prefix longer than four characters is an upper bound until every candidate is checked', async () => {
    const { db, engine } = await openTestEngine();
    await importText(engine, db, list('C', 1200));
    const page = await engine.search('inc', { kind: 'kana-prefix', value: 'タナカハナ' });
    // タナカハ… are all タナカ ハナコ here: 200 of them, more than are opened to count.
    expect(page.hits.every((h) => h.row.kana === 'タナカ ハナコ')).toBe(true);
    expect(page.total).toBe(200);
    const small = await engine.search('inc', { kind: 'kana-prefix', value: 'タナカハナコ', postcode: '100-0000' });
    expect(small.exact).toBe(true);
    expect(small.total).toBe(small.hits.length);
  });

  it('every hit names its list; two lists are counted and paged together', async () => {
    const { db, engine } = await openTestEngine();
    const a = await importText(engine, db, list('A', 60), { fileName: 'a.csv' });
    const b = await importText(engine, db, list('B', 60), { fileName: 'b.csv' });
    const { pages, hits } = await all((cursor) => engine.search('inc', { kind: 'kana-prefix', value: 'タナカ' }, cursor));
    expect(pages[0]!.total).toBe(60);
    expect(pages.map((p) => p.hits.length)).toEqual([50, 10]);
    // Newest list first, rows in order within a list.
    expect(hits.map((h) => h.datasetId)).toEqual([...Array(30).fill(b), ...Array(30).fill(a)]);
    expect(hits.slice(0, 2).map((h) => h.row.customerNo)).toEqual(['B000000', 'B000002']);
  });
});
