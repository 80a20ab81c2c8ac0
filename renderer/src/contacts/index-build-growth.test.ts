/**
 * Attack on decision 053: IndexPartsBuilder sized from the chunk's expected rows. A chunk
 * expected to hold NaN rows (commitRows not a number: wholeBlocks(NaN) is NaN, and
 * Math.min(NaN, 8000) too) starts with an entry array of length 0, which `length * 2` never
 * grows: every token is written out of bounds and silently dropped. Before 053 the array was
 * sized from the rows actually given (buildIndexParts), so the same request stored the index.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseKeys, Tokenizer } from '../../../shared/contacts/tokens';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { runImport } from './import-pipeline';
import { buildIndexParts, IndexPartsBuilder } from './index-build';
import { contactTables } from './tables';
import { csvText, customer, HEADER } from './test-data';
import { dropTestDatabases, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

describe('IndexPartsBuilder given an expected row count that is not a number', () => {
  it('keeps every entry (as buildIndexParts does)', async () => {
    const tokenizer = await Tokenizer.create(new Uint8Array(32).fill(9));
    const keys = Array.from({ length: 50 }, (_, i) => {
      const c = customer(i);
      return normaliseKeys({ customerNo: c.no, name: c.name, kana: c.kana, postcode: c.postcode, email: c.email, phone: c.phone });
    });
    const b = new IndexPartsBuilder(tokenizer, undefined, Number.NaN);
    keys.forEach((k, i) => b.add(i, k));
    const all = buildIndexParts(tokenizer, 0, keys);
    expect(all.length).toBeGreaterThan(0);
    expect(b.parts()).toEqual(all);
  });
});

describe('an import whose commitRows is NaN (one chunk for the whole file)', () => {
  it('stores the blind index, and finds the duplicated number', async () => {
    const { db, engine } = await openTestEngine();
    const mapping = guessMapping(HEADER.split(','));
    const file = new Blob([encodeCsv(csvText(2345, { dupOf: [2000, 5] }), 'utf-8-bom')]);
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, commitRows: Number.NaN });
    if (!r.ok) throw new Error(JSON.stringify(r));
    // The duplicated customer number is found from the index.
    expect(r.duplicates).toBe(1);
    expect(await contactTables(db).index.where('datasetId').equals(r.datasetId).count()).toBeGreaterThan(0);
  });
});
