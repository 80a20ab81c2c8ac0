/** The call list workbook against a stranger's data: control characters, spaces, formula-like names, 12,000 rows. */
import 'fake-indexeddb/auto';
import readXlsxFile from 'read-excel-file/universal';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { callListXlsx } from './batches';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

async function workbook(list: string, operators: string[] = ['佐藤'], mark = '出力番号 X-1（依頼：山田）') {
  const { db, engine } = await openTestEngine();
  const datasetId = await importText(engine, db, list);
  const rows = (await engine.cache.rows(datasetId, 0)).filter(Boolean);
  const n = list.trim().split('\r\n').length - 1;
  const items = Array.from({ length: n }, (_, i) => ({ row: i, operator: operators[i % operators.length]!, noAnswers: 0 }));
  const bytes = await callListXlsx(engine.cache, datasetId, items, ja, mark);
  return { bytes, rows };
}

describe('cells a stranger’s list holds', () => {
  it('a control character in a name (a vertical tab, as some systems write a line break in a cell) is imported; the workbook must still open', async () => {
    const list = ['顧客番号,氏名,フリガナ,電話番号', '00123,北\u000b花子,キタ ハナコ,09011112222', '00124,南\u001b太郎,ミナミ タロウ,0311112222'].join('\r\n') + '\r\n';
    const { bytes, rows } = await workbook(list);
    const files = unzipSync(bytes);
    const sheetXml = Object.entries(files).filter(([k]) => /xl\/(worksheets\/sheet1|sharedStrings)\.xml/.test(k)).map(([, v]) => strFromU8(v)).join('\n');
    // XML 1.0 forbids U+000B and U+001B even as character references: Excel refuses such a file ("We found a problem with some content").
    // eslint-disable-next-line no-control-regex -- finding the characters XML forbids is the point
    const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|&#x?0*(?:[0-8]|1[1-2]|1[4-9]|2\d|3[01]|b|c|e|f|1[0-9a-f]);/i.exec(sheetXml);
    expect(bad, 'a character XML 1.0 forbids is in the workbook').toBeNull();
    // It opens, every customer in it.
    const [sheet] = await readXlsxFile(bytes.slice().buffer);
    expect(sheet!.data.slice(1, 3).map((r) => r[1])).toEqual(rows.map((r) => r.customerNo));
  });

  it('spaces at the start and end of a cell, and a line break inside a name, come back as written', async () => {
    const list = ['顧客番号,氏名,フリガナ,電話番号', '" 00123 ","山田  花子 ",ヤマダ ハナコ,090 1111 2222 ', '00124,"南\n太郎",ミナミ タロウ,0311112222'].join('\r\n') + '\r\n';
    const { bytes } = await workbook(list);
    const [sheet] = await readXlsxFile(bytes.slice().buffer);
    const files = unzipSync(bytes);
    const xml = Object.entries(files).filter(([k]) => /sheet1|sharedStrings/.test(k)).map(([, v]) => strFromU8(v)).join('\n');
    // read-excel-file trims; the XML keeps the spaces (xml:space="preserve").
    expect(xml).toMatch(/xml:space="preserve"/);
    expect(sheet!.data[2]![2]).toBe('南\n太郎');
  });

  it('an operator named like a formula and a mark starting with =', async () => {
    const list = ['顧客番号,氏名,フリガナ,電話番号', '00123,北 花子,キタ ハナコ,09011112222'].join('\r\n') + '\r\n';
    const { bytes } = await workbook(list, ['=HYPERLINK("http://x.example","佐藤")'], '=cmd|"/c calc"!A1');
    const files = unzipSync(bytes);
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(xml).not.toMatch(/<f>/);
    const [sheet] = await readXlsxFile(bytes.slice().buffer);
    expect(sheet!.data[1]![0]).toBe('=HYPERLINK("http://x.example","佐藤")');
  });

  it('12,000 rows: every row, in order', async () => {
    const lines = ['顧客番号,氏名,フリガナ,電話番号'];
    for (let i = 0; i < 12_000; i++) lines.push(`${String(i).padStart(7, '0')},客 ${i},キャク,0${String(9000000000 + i)}`);
    const { bytes } = await workbook(lines.join('\r\n') + '\r\n', ['佐藤', '鈴木']);
    const [sheet] = await readXlsxFile(bytes.slice().buffer);
    expect(sheet!.data.length).toBe(12_002);
    expect(sheet!.data[1]![1]).toBe('0000000');
    expect(sheet!.data[12_000]![1]).toBe('0011999');
    expect(sheet!.data[12_001]![0]).toContain('出力番号');
  }, 120_000);
});
