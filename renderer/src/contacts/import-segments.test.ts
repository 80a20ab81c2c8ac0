import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCsv } from '../../../shared/export/csv';
import { MAX_SEGMENTS } from '../../../shared/contacts/model';
import { guessMapping } from '../../../shared/contacts/validate';
import { runImport } from './import-pipeline';
import { dropTestDatabases, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

describe('a 区分 column mapped to a column that is not one (an id, a date)', () => {
  it('keeps the first MAX_SEGMENTS segments; each later new one is left out with a warning on its line and column; known ones still count', async () => {
    const { db, engine } = await openTestEngine();
    const header = '顧客番号,氏名,住所,区分';
    const lines = [header];
    for (let i = 0; i < MAX_SEGMENTS + 5; i++) lines.push(`C${i},顧客 ${i},東京都千代田区${i},S${i}`);
    lines.push(`C-last,顧客 最後,東京都千代田区0,S5`);
    const file = new Blob([encodeCsv(lines.join('\r\n') + '\r\n', 'utf-8-bom')]);
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: guessMapping(header.split(',')) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    await engine.commitImport(r.datasetId);
    expect(r.rows).toBe(MAX_SEGMENTS + 6);
    const over = r.warnings.filter((w) => w.code === 'segment-too-many');
    // Lines are 1-based with the header on line 1: rows MAX_SEGMENTS … MAX_SEGMENTS+4 are lines +2.
    expect(over.map((w) => [w.line, w.column])).toEqual(Array.from({ length: 5 }, (_, i) => [MAX_SEGMENTS + 2 + i, 4]));
    const segments = await engine.segments(r.datasetId);
    expect(segments.filter((s) => s !== '')).toHaveLength(MAX_SEGMENTS);
    expect(segments).not.toContain(`S${MAX_SEGMENTS}`);
    // The rows read back: a left-out segment is blank; a known one after the cap is kept.
    const last = (await engine.cache.rows(r.datasetId, 1)).find((x) => x.customerNo === 'C-last');
    expect(last?.segment).toBe('S5');
    const dropped = (await engine.cache.rows(r.datasetId, 1)).find((x) => x.customerNo === `C${MAX_SEGMENTS}`);
    expect(dropped?.segment).toBe('');
  });
});
