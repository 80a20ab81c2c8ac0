/**
 * Attacks on the search-index rebuild (issue 17, decision 039 addendum), with data of our own:
 * a damaged rebuild mark, two rebuilds of one list at once (a lock mid-write and unlock, another window).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactEngine } from './contact-engine';
import { IndexDamagedError } from './index-merge';
import { rebuildIndex } from './index-rebuild';
import type { LookupQuery } from './lookup';
import { CustomerSearch, type LookupPage } from './search';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { contactTables, type DatasetRecord } from './tables';

afterEach(dropTestDatabases);

// Names outside Shift_JIS (𠮷, 髙 is in CP932 but not JIS X 0208), full-width digits, empty readings.
const FAMILY = [['𠮷田', 'ヨシダ'], ['髙橋', 'タカハシ'], ['佐藤', ''], ['齋藤', 'サイトウ']];
function list(n: number) {
  const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号'];
  for (let i = 0; i < n; i++) {
    const [f, fk] = FAMILY[i % 4]!;
    const no = `Ｃ${String(i).padStart(5, '0')}`.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    lines.push([no, `${f} 太郎`, fk ? `${fk} タロウ` : '', `１５０-００${i % 10}1`, `住所${i}`, `u${i}@example.jp`, `０９０-３３３３-${String(i).padStart(4, '0')}`].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

const QUERIES: LookupQuery[] = [
  { kind: 'no', value: 'C00003' },
  { kind: 'no', value: 'Ｃ０２５００' },
  { kind: 'phone', value: '090-3333-2999' },
  ...['ヨシ', 'タカハシ', 'サイ'].map((value): LookupQuery => ({ kind: 'kana-prefix', value })),
];

async function answers(engine: ContactEngine) {
  const search = new CustomerSearch(engine);
  const out = [];
  for (const q of QUERIES) {
    const hits: string[] = [];
    let cursor: LookupPage['next'] = null;
    let total = -1;
    do {
      const page = await search.search('inc', q, cursor, 200);
      if (total < 0) total = page.total;
      hits.push(...page.hits.map((h) => `${h.row.row}`));
      cursor = page.next;
    } while (cursor);
    out.push({ q, total, hits });
  }
  return out;
}

describe('breaking the index rebuild', () => {
  it.each([
    ['not a number', { from: 'x' }],
    ['no from', {}],
    ['NaN', { from: NaN }],
    ['negative', { from: -1000 }],
    ['past the end', { from: 99_000 }],
    ['inside a block', { from: 1500 }],
    ['true', true],
  ])('a damaged rebuild mark (%s): the rebuild starts over rather than declaring a partial index whole', async (_, mark) => {
    const { db, engine } = await openTestEngine();
    const id = await importText(engine, db, list(3100));
    const before = await answers(engine);
    expect(before.every((a) => a.total > 0)).toBe(true);
    const t = contactTables(db);
    // A rebuild stopped after its first group, and then its mark damaged.
    const ac = new AbortController();
    await rebuildIndex(engine, id, { groupBlocks: 1, signal: ac.signal, onProgress: (p) => p.rows >= 1000 && ac.abort() });
    await t.datasets.update(id, { indexRebuild: mark as unknown as DatasetRecord['indexRebuild'] });
    await expect(new CustomerSearch(engine).search('inc', QUERIES[0]!, null, 10)).rejects.toBeInstanceOf(IndexDamagedError);
    expect(await rebuildIndex(engine, id, { groupBlocks: 1 })).toBe('done');
    expect(await answers(engine)).toEqual(before);
  });

  it('two rebuilds of one list at once: one finishes, the other stops, the list is not left marked, and every customer is found once', async () => {
    const { db, engine } = await openTestEngine();
    const id = await importText(engine, db, list(4100));
    const before = await answers(engine);
    const t = contactTables(db);
    await t.index.where('datasetId').equals(id).modify({ entries: 'garbage' as unknown as Uint32Array });
    await expect(new CustomerSearch(engine).search('inc', QUERIES[0]!, null, 10)).rejects.toBeInstanceOf(IndexDamagedError);
    const [a, b] = await Promise.all([rebuildIndex(engine, id, { groupBlocks: 1 }), rebuildIndex(engine, id, { groupBlocks: 2 })]);
    expect([a, b]).toContain('done');
    expect((await t.datasets.get(id))!.indexRebuild).toBeUndefined();
    expect(await answers(engine)).toEqual(before);
  });
});
