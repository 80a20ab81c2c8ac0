/**
 * The way out of a damaged search index (decision 039, addendum): a merged page corrupted in
 * IndexedDB makes a lookup in that list say its index needs rebuilding (IndexDamagedError,
 * every time, never a wrong answer); a rebuild from the list's rows — cancellable, resumable,
 * touching nothing but the index — makes lookups answer as before.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKey } from '../../../shared/contacts/tokens';
import type { ContactEngine } from './contact-engine';
import { IndexDamagedError, isMergedId, mergeDataset, tokenKey, MERGED } from './index-merge';
import type { IndexRebuildProgress } from './index-rebuild';
import type { LookupQuery } from './lookup';
import { resolveMany } from './result-lists';
import { CustomerSearch, type LookupPage } from './search';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { contactTables, indexPrefix } from './tables';

afterEach(dropTestDatabases);

const FAMILY = [['佐藤', 'サトウ'], ['吉野', 'ヨシノ'], ['髙橋', 'タカハシ'], ['佐藤', 'サトウ'], ['渡辺', 'ワタナベ']];
const GIVEN = [['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['美咲', 'ミサキ']];

function list(n: number) {
  const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号'];
  for (let i = 0; i < n; i++) {
    const [f, fk] = FAMILY[i % 5]!;
    const [g, gk] = GIVEN[i % 3]!;
    lines.push([`K${String(i).padStart(5, '0')}`, `${f} ${g}`, `${fk} ${gk}`, `150-00${i % 10}${i % 3}`, `住所${i}`, `user${i}@example.jp`, `090-2222-${String(i).padStart(4, '0')}`].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

const QUERIES: LookupQuery[] = [
  { kind: 'no', value: 'K00003' },
  { kind: 'phone', value: '090-2222-0007' },
  { kind: 'email', value: 'user11@example.jp' },
  { kind: 'postcode-name', value: '150-0010', name: '吉野' },
  ...['サト', 'サトウ', 'サトウハ', 'サトウハナコ', 'ヨシ', 'タカハ'].map((value): LookupQuery => ({ kind: 'kana-prefix', value })),
  { kind: 'kana-prefix', value: 'サトウ', given: '一郎' },
  { kind: 'no', value: 'K99999' },
];

async function answers(engine: ContactEngine) {
  const search = new CustomerSearch(engine);
  const out = [];
  for (const q of QUERIES) {
    const pages: LookupPage[] = [];
    let cursor: LookupPage['next'] = null;
    do {
      const page = await search.search('inc', q, cursor, 50);
      pages.push(page);
      cursor = page.next;
    } while (cursor);
    out.push({ q, total: pages[0]!.total, exact: pages[0]!.exact, hits: pages.flatMap((p) => p.hits.map((h) => `${h.row.row}:${h.row.customerNo}`)) });
  }
  return out;
}

/** How a lookup ends: its count, or the name of the error it fails with. */
const outcome = (engine: ContactEngine, q: LookupQuery) =>
  new CustomerSearch(engine).search('inc', q, null, 50).then(
    (p) => p.total,
    (e: unknown) => (e instanceof IndexDamagedError ? `damaged:${e.datasetId}` : `other:${String(e)}`),
  );

/** Everything of the list but its index, to show a rebuild touches nothing else. */
async function besidesIndex(engine: ContactEngine, id: string) {
  const t = engine.tables;
  const { indexRebuild: _flag, ...dataset } = (await t.datasets.get(id))!;
  return {
    dataset,
    blocks: await t.blocks.where('datasetId').equals(id).toArray(),
    status: await t.status.where('datasetId').equals(id).toArray(),
    totals: await t.totals.get(id),
    series: await t.series.where('datasetId').equals(id).toArray(),
    batches: await t.batches.where('datasetId').equals(id).toArray(),
  };
}

describe('rebuilding a damaged search index', () => {
  it('a corrupted merged page: the lookup says so every time; a rebuild (cancelled once, then finished) answers as before and changes nothing else', async () => {
    const { db, engine } = await openTestEngine();
    const id = await importText(engine, db, list(3200));
    const t = contactTables(db);
    // Small pages, so サトウ (1,280 rows) has several pages of its own.
    await mergeDataset(t, id, () => false, { page: 256, big: 64 });
    const before = await answers(engine);
    expect(before.find((a) => a.q.kind === 'kana-prefix' && a.q.value === 'サトウ' && !a.q.given)!.total).toBe(1280);
    const kept = await besidesIndex(engine, id);

    // A page of サトウ's own run holding what no merge writes, and the page a customer number sits in cut short.
    const [kind, value] = queryKey('kana-prefix', 'サトウ')!;
    const tok = engine.tokenizer.token(kind, value);
    const prefix = indexPrefix(id, kind, tok.hi >>> 24);
    const own = await t.index.where(':id').between(prefix + MERGED + tokenKey(tok.hi, tok.lo), prefix + MERGED + tokenKey(tok.hi, tok.lo) + '\uffff').primaryKeys();
    expect(own.length).toBeGreaterThan(2);
    await t.index.update(own[1]!, { entries: 'not a page' as unknown as Uint32Array });
    const [nk, nv] = queryKey('no', 'K00003')!;
    const nt = engine.tokenizer.token(nk, nv);
    const np = indexPrefix(id, nk, nt.hi >>> 24);
    const page = (await t.index.where(':id').between(np + MERGED, np + MERGED + tokenKey(nt.hi, nt.lo) + '\uffff').last())!;
    expect(isMergedId(np, page.id)).toBe(true);
    await t.index.update(page.id, { packed: page.packed!.slice(0, page.packed!.length - 1) });

    // Every time, and never an unexpected error or a wrong count.
    for (let i = 0; i < 2; i++) {
      expect(await outcome(engine, { kind: 'kana-prefix', value: 'サトウ' })).toBe(`damaged:${id}`);
      expect(await outcome(engine, { kind: 'no', value: 'K00003' })).toBe(`damaged:${id}`);
    }
    // A returned-mail list naming that customer is not matched against it without a word either.
    await expect(resolveMany(engine, id, 'no', ['K00003'])).rejects.toBeInstanceOf(IndexDamagedError);

    // Cancelled after the first group: the lookup still says the index needs rebuilding (never a partial answer).
    const ac = new AbortController();
    const first: IndexRebuildProgress[] = [];
    const stopped = await engine.rebuildIndex(id, {
      groupBlocks: 1,
      signal: ac.signal,
      onProgress: (p) => {
        first.push(p);
        if (p.rows >= 1000) ac.abort();
      },
    });
    expect(stopped).toBe('stopped');
    expect(first.at(-1)).toEqual({ rows: 1000, total: 3200 });
    expect(await outcome(engine, { kind: 'kana-prefix', value: 'ヨシ' })).toBe(`damaged:${id}`);
    expect(await outcome(engine, { kind: 'phone', value: '090-2222-0007' })).toBe(`damaged:${id}`);
    await expect(resolveMany(engine, id, 'no', ['K00005'])).rejects.toBeInstanceOf(IndexDamagedError);

    // Asked again: it goes on from where it stopped, to the end.
    const second: IndexRebuildProgress[] = [];
    expect(await engine.rebuildIndex(id, { groupBlocks: 1, onProgress: (p) => second.push(p) })).toBe('done');
    expect(second.map((p) => p.rows)).toEqual([1000, 2000, 3000, 3200]);
    expect(await answers(engine)).toEqual(before);
    expect([...(await resolveMany(engine, id, 'no', ['K00003', 'K00005']))]).toEqual([['K00003', [3]], ['K00005', [5]]]);
    // Merged again (as the background merge does next): the same answers.
    await mergeDataset(t, id, () => false, { page: 256, big: 64 });
    expect(await answers(engine)).toEqual(before);
    expect(await besidesIndex(engine, id)).toEqual(kept);
    expect((await t.datasets.get(id))!.indexRebuild).toBeUndefined();
  });
});
