import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readExport } from '../../../shared/contacts/export-check';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { writeVendorFile } from './vendor-file';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

// Clean, well-split addresses; only the NAME of row 0 holds a line break (Alt+Enter in Excel),
// row 1 has a name outside Shift_JIS and an address the splitter is unsure of.
const LIST = [
  '顧客番号,氏名,郵便番号,住所,区分',
  '00001,"田中\n花子",060-0001,北海道札幌市中央区北一条西1丁目1-1,通販',
  '00002,𠮷野 太郎,100-0001,ちよだ1-1,通販',
  '00003,鈴木 一郎,100-0001,東京都千代田区千代田1-1,通販',
].join('\r\n') + '\r\n';

describe('vendor file', () => {
  for (const [label, rows] of [['name with a line break only (file flags it, screen does not count it)', [0]], ['unsure split, row left out as unwritable (counted, not in the file)', [1]]] as const) it(`the 要確認 count on screen equals the 要確認 rows in the file: ${label}`, async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, LIST);
    const chunks: Uint8Array[] = [];
    const sink = { write: async (b: Uint8Array) => void chunks.push(b) };
    const r = await writeVendorFile(engine.cache, datasetId, [...rows], sink, { encoding: 'shift_jis', label: ja, ctx: { listNo: 1 } });
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) { bytes.set(c, o); o += c.length; }
    const records = readExport(bytes, 'shift_jis');
    const reviewCol = records[0]!.indexOf('要確認');
    const flagged = records.slice(1).filter((x) => x[reviewCol] === '要確認').length;
    expect(r.rows).toBe(records.length - 1);
    // what the screen says ("うち {review} 件は…「要確認」の列") vs. the rows the file flags
    expect({ screen: r.review, file: flagged }).toEqual({ screen: flagged, file: flagged });
  });
});
