/**
 * The background merge meeting a damaged index segment (decision 039, addendum): it leaves
 * that list as it is, for the lookup to name and rebuild, instead of failing through the
 * unexpected-error handler at every unlock, and the other lists are still merged.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

const reportError = vi.fn(() => true);
vi.mock('../errors/report', async (orig) => ({ ...(await orig<typeof import('../errors/report')>()), reportError }));

const { IndexDamagedError, isMergedId, bucketsToMerge } = await import('./index-merge');
const { CustomerSearch } = await import('./search');
const { dropTestDatabases, importText, openTestEngine } = await import('./test-engine');
const { contactTables } = await import('./tables');

afterEach(dropTestDatabases);

const csv = (prefix: string, n: number) =>
  ['顧客番号,氏名,フリガナ', ...Array.from({ length: n }, (_, i) => `${prefix}${i},齋藤 ${i},サイトウ`)].join('\r\n') + '\r\n';

describe('the background merge and a damaged segment', () => {
  it('skips the damaged list without an unexpected-error report, merges the others, and merges it after the rebuild', async () => {
    const { db, engine } = await openTestEngine();
    const bad = await importText(engine, db, csv('B', 1500));
    const good = await importText(engine, db, csv('G', 1500));
    const t = contactTables(db);
    // Every segment of one list holding what no import writes (an array-like, not token triples).
    await t.index.where('datasetId').equals(bad).modify({ entries: { length: 3 } as unknown as Uint32Array });

    await engine.mergeIndexes(true);
    expect(reportError).not.toHaveBeenCalled();
    expect(await bucketsToMerge(t, good)).toEqual([]);
    await expect(new CustomerSearch(engine).search('inc', { kind: 'kana-prefix', value: 'サイト' }, null, 10)).rejects.toBeInstanceOf(IndexDamagedError);

    expect(await engine.rebuildIndex(bad)).toBe('done');
    await engine.mergeIndexes(true);
    expect(reportError).not.toHaveBeenCalled();
    expect(await bucketsToMerge(t, bad)).toEqual([]);
    expect((await t.index.where('datasetId').equals(bad).primaryKeys()).every((id) => isMergedId(id.slice(0, id.indexOf('~')), id))).toBe(true);
    expect((await new CustomerSearch(engine).search('inc', { kind: 'kana-prefix', value: 'サイト' }, null, 10)).total).toBe(3000);
  });
});
