/**
 * The enquiry form's customer link with a damaged search index (decision 039, addendum): it
 * says the index needs rebuilding and where, instead of failing through the unexpected-error
 * handler; it finds the customer (full-width digits typed) again after the rebuild.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { contactTables } from '../contacts/tables';
import { dropTestDatabases, importText, openTestEngine } from '../contacts/test-engine';
import { linkCustomer } from './CustomerLink';

afterEach(dropTestDatabases);

describe("the enquiry form's customer link", () => {
  it('says a damaged index needs rebuilding (no unexpected error), and finds the customer after the rebuild', async () => {
    const { db, engine } = await openTestEngine();
    const lines = ['顧客番号,氏名,フリガナ,電話番号'];
    for (let i = 0; i < 1200; i++) lines.push([`A${i}`, `𠮷田 ${i}`, i % 2 ? 'ヨシダ' : '', `090-1111-${String(i).padStart(4, '0')}`].join(','));
    const id = await importText(engine, db, lines.join('\r\n') + '\r\n');
    const looks: unknown[] = [];
    const record = async (incidentId: string, hits: unknown) => void looks.push([incidentId, hits]);
    const ok = await linkCustomer(engine, 'inc', 'Ａ１１０５', record);
    expect(ok).toMatchObject({ found: [{ row: { row: 1105, name: '𠮷田 1105' } }] });
    // On the access record before it is shown, like every look (it was not: found by a stranger).
    expect(looks).toEqual([['inc', [{ datasetId: id, row: 1105 }]]]);

    await contactTables(db).index.where('datasetId').equals(id).modify({ entries: 'not a page' as unknown as Uint32Array });
    expect(await linkCustomer(engine, 'inc', 'A1105', record)).toEqual({ indexDamaged: true });

    expect(await engine.rebuildIndex(id)).toBe('done');
    expect(await linkCustomer(engine, 'inc', 'Ａ１１０５', record)).toEqual(ok);
    // A record refused: nothing is shown.
    await expect(linkCustomer(engine, 'inc', 'A1105', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    // Nobody found: nothing to record.
    looks.length = 0;
    expect(await linkCustomer(engine, 'inc', 'Z999', record)).toEqual({ found: [] });
    expect(looks).toEqual([]);
  });
});
