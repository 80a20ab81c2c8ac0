/**
 * Files as strangers send them: UTF-16 from Excel's 「Unicode テキスト」, tab- or
 * semicolon-separated text, Shift_JIS whose first 64 KB happen to be ASCII, full-width
 * digits, names outside Shift_JIS, empty fields, any line ends. Each is imported through
 * the real pipeline (on fake-indexeddb) and read back field by field.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_EVENT_TYPES, type DatasetImported } from '../../../shared/contacts/events';
import type { ColumnMapping, ContactRow } from '../../../shared/contacts/model';
import { guessMapping, previewProblems } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { type ImportRequest, peekFile, runImport } from './import-pipeline';
import { csvText, customer, HEADER } from './test-data';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup() {
  const db = new HonbuDb(`formats-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: 'A' }, { cost: TEST_KDF_COST });
  return { db, engine: await ContactEngine.open(ws.store) };
}

const utf16 = (text: string, order: 'le' | 'be') => {
  const units = '\ufeff' + text;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    bytes[2 * i + (order === 'le' ? 0 : 1)] = u & 0xff;
    bytes[2 * i + (order === 'le' ? 1 : 0)] = u >> 8;
  }
  return new Blob([bytes]);
};
const sjis = (text: string) => new Blob([encodeCsv(text, 'shift_jis')]);
const utf8 = (text: string) => new Blob([text]);
const mapping = guessMapping(HEADER.split(','));

/** Imports and commits; the stored rows in order. */
async function importAll(engine: ContactEngine, db: HonbuDb, file: Blob, req: Partial<ImportRequest> = {}): Promise<{ datasetId: string; rows: ContactRow[] }> {
  const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, ...req });
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  await engine.commitImport(r.datasetId);
  const rows: ContactRow[] = [];
  for (let i = 0; i < r.rows; i++) rows.push((await engine.cache.row(r.datasetId, i))!);
  return { datasetId: r.datasetId, rows };
}

const expectCustomer = (row: ContactRow, i: number) => {
  const c = customer(i);
  expect([row.customerNo, row.name, row.kana, row.postcode, row.address, row.email, row.phone, row.segment]).toEqual([c.no, c.name, c.kana, c.postcode, c.address, c.email, c.phone, c.segment]);
};

describe('UTF-16 and other separators', () => {
  it('UTF-16 LE and BE with a byte-order mark are read as UTF-16 (not Shift_JIS), comma or tab', async () => {
    const { db, engine } = await setup();
    for (const order of ['le', 'be'] as const) {
      for (const sep of [',', '\t'] as const) {
        const file = utf16(csvText(30).replaceAll(',', sep), order);
        const peek = await peekFile(file, undefined, 5);
        expect(peek, `${order} ${JSON.stringify(sep)}`).toMatchObject({ encoding: `utf-16${order}`, bom: true, delimiter: sep, delimiterDetected: true });
        expect(peek.header).toEqual(HEADER.split(','));
        expect(peek.rows[1]!.slice(0, 3)).toEqual([customer(1).no, customer(1).name, customer(1).kana]);
        const { rows } = await importAll(engine, db, file, { delimiter: peek.delimiter });
        expect(rows).toHaveLength(30);
        rows.forEach((r, i) => expectCustomer(r, i));
      }
    }
  });

  it('a tab-separated list is detected, imported column by column, and its separator travels with the event', async () => {
    const { db, engine } = await setup();
    const tsv = csvText(40).replaceAll(',', '\t');
    const peek = await peekFile(sjis(tsv), undefined, 5);
    expect(peek).toMatchObject({ encoding: 'shift_jis', delimiter: '\t', delimiterDetected: true });
    expect(peek.guess).toEqual(mapping);
    const { datasetId, rows } = await importAll(engine, db, sjis(tsv), { delimiter: '\t' });
    rows.forEach((r, i) => expectCustomer(r, i));
    const [e] = await engine.store.readEvents('inc', [CONTACT_EVENT_TYPES.datasetImported]);
    expect((e!.payload as DatasetImported).delimiter).toBe('\t');
    expect((await engine.datasets('inc'))[0]!.meta.delimiter).toBe('\t');
    expect(datasetId).toBe((e!.payload as DatasetImported).datasetId);
    // Semicolons (Excel in European locales) the same way.
    expect((await peekFile(utf8(csvText(5).replaceAll(',', ';')))).delimiter).toBe(';');
  });

  it('a tab file read with the comma separator is refused, in the preview and in the import', async () => {
    const { db, engine } = await setup();
    const tsv = sjis(csvText(2).replaceAll(',', '\t'));
    const peek = await peekFile(tsv, undefined, 5, ',');
    expect(peek.header).toHaveLength(1);
    const oneColumn: ColumnMapping = { fields: { customerNo: 0 }, extra: [] };
    expect(previewProblems(peek.header, peek.rows.map((cells, i) => ({ cells, line: peek.rowLines[i]! })), oneColumn).map((p) => [p.code, p.line, p.column])).toEqual([
      ['one-column', 1, 0],
      ['key-has-delimiter', 1, 1],
      ['key-has-delimiter', 2, 1],
      ['key-has-delimiter', 4, 1], // the first row's note spans lines 2–3
    ]);
    const r = await runImport(db, engine.importKeys, tsv, { incidentId: 'inc', mapping: oneColumn, delimiter: ',' });
    expect(r).toMatchObject({ ok: false, reason: 'invalid', errors: [{ code: 'one-column', line: 1 }, { code: 'key-has-delimiter', line: 1, column: 1, delimiter: '\t' }] });
    expect(await engine.datasets('inc')).toEqual([]);
  });
});

describe('encodings and text as strangers write it', () => {
  it('Shift_JIS whose first 64 KB are ASCII only is still read as Shift_JIS (not "mixed")', async () => {
    const { db, engine } = await setup();
    const ascii = Array.from({ length: 1500 }, (_, i) => `A${String(i).padStart(6, '0')},Yamada Taro,YAMADA TARO,100-0001,1-1 Chiyoda Tokyo,a${i}@ex.jp,090-1111-2222,web,`);
    const header = 'customer_no,name,kana,postcode,address,email,phone,service,note';
    expect(guessMapping(header.split(','))).toEqual(mapping);
    const text = `${header}\r\n${ascii.join('\r\n')}\r\n${csvText(3).split('\r\n').slice(1).join('\r\n')}`;
    expect(new TextEncoder().encode(text).indexOf(0xe5)).toBeGreaterThan(64 * 1024);
    const peek = await peekFile(sjis(text));
    expect(peek.encoding).toBe('shift_jis');
    const { rows } = await importAll(engine, db, sjis(text));
    expect(rows).toHaveLength(1503);
    expectCustomer(rows[1501]!, 1);
    // The same in UTF-8 without a byte-order mark stays UTF-8.
    const { rows: again } = await importAll(engine, db, utf8(text));
    expectCustomer(again[1502]!, 2);
  });

  it('full-width digits, a name outside Shift_JIS, empty fields and CR, LF or CRLF line ends', async () => {
    const { db, engine } = await setup();
    const lines = [
      HEADER,
      'Ｃ００００００１,𠮷野 太郎,ヨシノ タロウ,１００－０００１,東京都千代田区１－１,,０９０－１１１１－２２２２,通販,',
      'C0000002,,,,,b@ex.jp,,アプリ,😀ビル',
    ];
    for (const nl of ['\r\n', '\n', '\r']) {
      const { datasetId, rows } = await importAll(engine, db, utf8(lines.join(nl) + nl));
      expect(rows.map((r) => [r.line, r.customerNo, r.name, r.postcode, r.email, r.phone, r.segment, r.extra[0]]), JSON.stringify(nl)).toEqual([
        [2, 'Ｃ００００００１', '𠮷野 太郎', '１００－０００１', '', '０９０－１１１１－２２２２', '通販', ''],
        [3, 'C0000002', '', '', 'b@ex.jp', '', 'アプリ', '😀ビル'],
      ]);
      // Half-width lookups find the full-width customer: number, phone, postcode + name.
      const hits = (await Promise.all([engine.find('inc', 'no', 'C0000001'), engine.find('inc', 'phone', '09011112222'), engine.find('inc', 'postcode-name', '1000001', '𠮷野太郎')])).map((h) => h.filter((x) => x.datasetId === datasetId).map((x) => x.row.row));
      expect(hits).toEqual([[0], [0], [0]]);
    }
  });

  it('a 5,000-character note in a column the tracker does not use does not refuse the list: kept or left out, and the report says where', async () => {
    const { db, engine } = await setup();
    // The 備考 column (9) holds a pasted complaint on line 3; column 10 (対応履歴) is not imported.
    const note = '長文の苦情メモ。'.repeat(625);
    expect(note.length).toBe(5_000);
    const line = (i: number, notes: string, history: string) => {
      const c = customer(i);
      return [c.no, c.name, c.kana, c.postcode, c.address, c.email, c.phone, c.segment, notes, history].join(',');
    };
    const text = [`${HEADER},対応履歴`, line(0, '短い', ''), line(1, note, 'x'.repeat(3_000)), line(2, '', '')].join('\r\n') + '\r\n';
    const header = text.slice(0, text.indexOf('\r\n')).split(',');
    const withNotes: ColumnMapping = { ...guessMapping(header), extra: [8] };
    const r = await runImport(db, engine.importKeys, utf8(text), { incidentId: 'inc', mapping: withNotes });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toBe(3);
    expect(r.warnings.filter((w) => w.code.startsWith('field-long'))).toEqual([
      { code: 'field-long-kept', severity: 'warning', line: 3, column: 9 },
      { code: 'field-long-dropped', severity: 'warning', line: 3, column: 10 },
    ]);
    await engine.commitImport(r.datasetId);
    const row = (await engine.cache.row(r.datasetId, 1))!;
    expectCustomer(row, 1);
    expect(row.extra).toEqual([note]);

    // A column the tracker uses keeps its limit: a 5,000-character address refuses the list, at its line and column.
    const longAddress = text.replace(customer(1).address, '住所'.repeat(2_500));
    const refused = await runImport(db, engine.importKeys, utf8(longAddress), { incidentId: 'inc', mapping: withNotes });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual([{ code: 'field-too-long', severity: 'error', line: 3, column: 5 }]);
  });

  it('rows of separators only (Excel keeps rows whose cells were cleared) are skipped with their line, not refused as customers without a number', async () => {
    const { db, engine } = await setup();
    const c = customer(0);
    const row = [c.no, c.name, c.kana, c.postcode, c.address, '', c.phone, c.segment, ''].join('\t');
    // Excel's 「Unicode テキスト」: UTF-16 LE, tabs; a blank line in the middle and two at the end.
    const text = [HEADER.replace(/,/g, '\t'), row, '\t'.repeat(8), row.replace(c.no, 'C9'), '\t'.repeat(8), ' \t \t\t\t\t\t\t\t'].join('\r\n') + '\r\n';
    const r = await runImport(db, engine.importKeys, utf16(text, 'le'), { incidentId: 'inc', mapping });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toBe(2);
    expect(r.warnings).toEqual([3, 5, 6].map((line) => ({ code: 'blank-row', severity: 'warning', line, column: 0 })));
    await engine.commitImport(r.datasetId);
    expect([(await engine.cache.row(r.datasetId, 0))!.customerNo, (await engine.cache.row(r.datasetId, 1))!.customerNo]).toEqual([c.no, 'C9']);
    expect((await engine.cache.row(r.datasetId, 1))!.line).toBe(4);
  });
});
