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
    const ok = await linkCustomer(engine, 'inc', 'Ａ１１０５');
    expect(ok).toMatchObject({ found: [{ row: { row: 1105, name: '𠮷田 1105' } }] });

    await contactTables(db).index.where('datasetId').equals(id).modify({ entries: 'not a page' as unknown as Uint32Array });
    expect(await linkCustomer(engine, 'inc', 'A1105')).toEqual({ indexDamaged: true });

    expect(await engine.rebuildIndex(id)).toBe('done');
    expect(await linkCustomer(engine, 'inc', 'Ａ１１０５')).toEqual(ok);
  });
});
