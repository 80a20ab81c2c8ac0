import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { peekFile, runImport } from './import-pipeline';
import { dropTestDatabases, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

async function imp(bytes: Uint8Array<ArrayBuffer>, encoding?: 'utf-16le') {
  const { db, engine } = await openTestEngine();
  const file = new Blob([bytes]);
  const peek = await peekFile(file, encoding);
  const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: guessMapping(peek.header), maxRetries: 1, fileName: 'x.csv', encoding });
  if (!r.ok) return { peek, r, engine, rows: [] };
  await engine.commitImport(r.datasetId);
  return { peek, r, engine, datasetId: r.datasetId, rows: (await engine.cache.rows(r.datasetId, 0)).filter(Boolean) };
}

describe('import edges', () => {
  it('Shift_JIS from an old system (NEC-selected IBM rows), semicolons', async () => {
    const sj = (s: string) => Array.from(new TextEncoder().encode(s));
    // 髙 = EE E0, 﨑 = ED 95 as NEC-selected IBM extensions; ASCII elsewhere except the names.
    const head = sj('customer no;name;tel\r\n');
    const r1 = [...sj('00123;'), 0xee, 0xe0, ...sj('A;090-1111-2222\r\n')];
    const r2 = [...sj('00124;'), 0xed, 0x95, ...sj('B;03-1111-2222\r\n')];
    const { rows } = await imp(new Uint8Array([...head, ...r1, ...r2]));
    expect(rows.map((x) => x.name)).toEqual(['髙A', '﨑B']);
  });
  it('UTF-16 LE without BOM, chosen by hand', async () => {
    const text = '顧客番号\t氏名\t電話番号\r\n００１２３\t山田　花子\t０９０－１２３４－５６７８\r\n';
    const b = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) { b[2 * i] = text.charCodeAt(i) & 0xff; b[2 * i + 1] = text.charCodeAt(i) >> 8; }
    const { engine, rows } = await imp(b, 'utf-16le');
    expect(rows.map((x) => x.name)).toEqual(['山田　花子']);
    const hits = await engine.find('inc', 'phone', '090-1234-5678');
    const hits2 = await engine.find('inc', 'no', '00123');
    expect(hits.length).toBe(1);
    expect(hits2.length).toBe(1);
  });
});

describe('lists as Excel saves them', () => {
  const enc = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);
  it('a used range wider than the data: trailing empty columns on every line', async () => {
    const text = '顧客番号,氏名,住所,電話番号,,\r\n00123,山田 花子,東京都千代田区1-1,090-1111-2222,,\r\n00124,山田 太郎,東京都千代田区1-2,090-1111-3333,,\r\n';
    const { r, rows } = await imp(enc(text));
    expect(rows.map((x) => [x.customerNo, x.name, x.phone])).toEqual([
      ['00123', '山田 花子', '090-1111-2222'],
      ['00124', '山田 太郎', '090-1111-3333'],
    ]);
    // Said in the report, column by column.
    expect(r.ok && r.warnings.filter((w) => w.code === 'header-blank-kept').map((w) => w.column)).toEqual([5, 6]);
  });
  it('an unused column named like another (備考 twice)', async () => {
    const text = '顧客番号,氏名,住所,備考,備考\r\n00123,山田 花子,東京都千代田区1-1,,\r\n';
    const { r, rows } = await imp(enc(text));
    expect(rows.map((x) => [x.customerNo, x.name])).toEqual([['00123', '山田 花子']]);
    expect(r.ok && r.warnings.map((w) => [w.code, w.column])).toEqual([['header-duplicated-kept', 5]]);
  });
});
