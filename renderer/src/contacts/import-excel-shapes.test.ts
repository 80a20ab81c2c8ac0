/** Excel-shaped headers and UTF-16 without a BOM through the real import, and files that are not lists (a stranger's tests). */
import 'fake-indexeddb/auto';
import writeXlsxFile from 'write-excel-file/universal';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping, sniffEncoding, checkHeader } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { peekFile, runImport } from './import-pipeline';
import { dropTestDatabases, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

async function imp(bytes: Uint8Array, encoding?: 'utf-16le' | 'utf-16be') {
  const { db, engine } = await openTestEngine();
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const peek = await peekFile(file, encoding);
  const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: guessMapping(peek.header), maxRetries: 1, fileName: 'x.csv', encoding });
  if (!r.ok) return { peek, r, rows: [] as never[] };
  await engine.commitImport(r.datasetId);
  return { peek, r, rows: (await engine.cache.rows(r.datasetId, 0)).filter(Boolean) };
}
const bom8 = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);
const le = (s: string) => { const b = new Uint8Array(s.length * 2); for (let i = 0; i < s.length; i++) { b[2 * i] = s.charCodeAt(i) & 0xff; b[2 * i + 1] = s.charCodeAt(i) >> 8; } return b; };
const be = (s: string) => { const b = new Uint8Array(s.length * 2); for (let i = 0; i < s.length; i++) { b[2 * i + 1] = s.charCodeAt(i) & 0xff; b[2 * i] = s.charCodeAt(i) >> 8; } return b; };

describe('headers as Excel saves them', () => {
  it('data in the trailing "blank" columns is kept as extra', async () => {
    const { r, rows } = await imp(bom8('顧客番号,氏名,電話番号,,\r\n00123,山田 花子,090-1111-2222,メモあり,2\r\n'));
    expect(r.ok).toBe(true);
    expect(rows[0]!.extra).toEqual(['メモあり', '2']);
  });
  it('a blank in the middle plus trailing blanks: the middle one refuses, the trailing are warnings', () => {
    const h = ['顧客番号', '', '氏名', '', ''];
    const issues = checkHeader(h, guessMapping(h));
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.column)).toEqual([2]);
  });
  it('trailing empty columns written on the first lines only (rows further down without the trailing separators): the list must import', async () => {
    const lines = ['顧客番号,氏名,電話番号,,'];
    for (let i = 0; i < 20; i++) lines.push(`${String(i).padStart(5, '0')},客 ${i},090-1111-${String(1000 + i)}${i < 15 ? ',,' : ''}`);
    const { r, rows } = await imp(bom8(lines.join('\r\n') + '\r\n'));
    expect(r.ok, 'header blank columns kept, but rows lacking them refused').toBe(true);
    expect(rows.map((x) => x.name)).toEqual(Array.from({ length: 20 }, (_, i) => `客 ${i}`));
    expect(rows[19]!.extra).toEqual(['', '']);
  });
  it('a header with trailing blanks, data rows ending early (Excel trims nothing, but a hand edit might)', async () => {
    const { r, rows } = await imp(bom8('顧客番号,氏名,電話番号,,\r\n00123,山田 花子,090-1111-2222\r\n'));
    expect(r.ok).toBe(true);
    expect(rows.map((x) => [x.customerNo, x.phone, x.extra])).toEqual([['00123', '090-1111-2222', ['', '']]]);
    // A line shorter than the named columns is still refused, with where.
    const short = await imp(bom8('顧客番号,氏名,電話番号,,\r\n00123,山田 花子\r\n'));
    expect(short.r.ok ? [] : (short.r as { errors: { code: string; line: number; column: number }[] }).errors.map((e) => [e.code, e.line, e.column])).toEqual([['too-few-columns', 2, 3]]);
  });
});

describe('UTF-16 without a BOM, and files that are not text', () => {
  const text = '顧客番号\t氏名\r\n００１２３\t山田　花子\r\n';
  it.each([
    ['LE with line breaks', le(text), 'utf-16le'],
    ['BE with line breaks', be(text), 'utf-16be'],
    ['LE one line, ASCII', le('customer,name'), 'utf-16le'],
  ] as const)('%s → %s', (_n, bytes, want) => {
    expect(sniffEncoding(bytes).encoding).toBe(want);
  });

  it('Shift_JIS text is not taken for UTF-16', () => {
    const sj = encodeCsv('顧客番号,氏名\r\n00123,山田 花子\r\n00124,鈴木 一郎\r\n', 'shift_jis');
    expect(sniffEncoding(sj).encoding).toBe('shift_jis');
  });

  it('an xlsx chosen by mistake is refused, not imported as a list of garbage', async () => {
    const blob = await writeXlsxFile([[{ value: '顧客番号', type: String }, { value: '氏名', type: String }], [{ value: '00123', type: String }, { value: '山田 花子', type: String }]]).toBlob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const { r } = await imp(bytes);
    expect(r.ok).toBe(false);
  });

  it('a PNG and a zip chosen by mistake are refused', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x01, 0, 0, 0, 0, 0x0a, 0x08, 0x06, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, ...Array.from({ length: 400 }, (_, i) => (i * 37) & 0xff)]);
    const zip = zipSync({ 'a.csv': strToU8('顧客番号,氏名\r\n00123,山田 花子\r\n'.repeat(50)) }, { level: 0 });
    for (const [name, bytes] of [['png', png], ['zip', zip]] as const) {
      const { r } = await imp(bytes);
      expect(r.ok, name).toBe(false);
    }
  });
});
