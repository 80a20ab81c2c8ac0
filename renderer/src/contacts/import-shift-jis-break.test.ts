/**
 * A stranger's Shift_JIS list through the real import (decision 059's decoder, on
 * fake-indexeddb), read back field by field. The bytes are written out here, not made by an
 * encoder; what each field must hold is what Chromium 156's TextDecoder('shift_jis') reads
 * from them (checked when this was written). The file reaches the decoder in the pieces a
 * Blob made of parts streams: one byte at a time, so every lead byte waits for its trail.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactRow } from '../../../shared/contacts/model';
import { ShiftJisDecoder } from '../../../shared/contacts/shift-jis';
import { guessMapping } from '../../../shared/contacts/validate';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { peekFile, runImport } from './import-pipeline';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup() {
  const db = new HonbuDb(`sjis-break-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: 'A' }, { cost: TEST_KDF_COST });
  return { db, engine: await ContactEngine.open(ws.store) };
}

const hexBytes = (hex: string) => hex.split(' ').filter(Boolean).map((x) => parseInt(x, 16));
/** Bytes written out: `{8e 52}` is those bytes, everything else is ASCII as it stands. */
function bytesOf(template: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (let i = 0; i < template.length; ) {
    if (template[i] === '{') {
      const end = template.indexOf('}', i);
      out.push(...hexBytes(template.slice(i + 1, end)));
      i = end + 1;
    } else {
      out.push(template.charCodeAt(i++));
    }
  }
  return Uint8Array.from(out);
}

/** 顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号,サービス,備考 */
const HEADER_BYTES =
  '{8c da 8b 71 94 d4 8d 86},{8e 81 96 bc},{83 74 83 8a 83 4b 83 69},{97 58 95 d6 94 d4 8d 86},{8f 5a 8f 8a},{83 81 81 5b 83 8b 83 41 83 68 83 8c 83 58},{93 64 98 62 94 d4 8d 86},{83 54 81 5b 83 72 83 58},{94 f5 8d 6c}\r\n';
const HEADER = '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号,サービス,備考'.split(',');

/** One byte per Blob part: Node's Blob streams each part as its own chunk. */
const inOneBytePieces = (bytes: Uint8Array<ArrayBuffer>) => new Blob(Array.from({ length: bytes.length }, (_, i) => bytes.slice(i, i + 1)));

const fields = (r: ContactRow) => [r.line, r.customerNo, r.name, r.kana, r.postcode, r.address, r.email, r.phone, r.segment, r.extra[0]];

describe('a Windows-31J list through the import, one byte per chunk', () => {
  it('stores IBM and NEC extension kanji, NEC specials, half-width kana, the user-defined area and quoted line breaks as Chromium reads them', async () => {
    const { db, engine } = await setup();
    const bytes = bytesOf(
      [
        HEADER_BYTES,
        // 髙橋 﨑子 (IBM extension bytes), ﾀｶﾊｼ ｻｷｺ, an address with ① Ⅱ － ㈱ ～, a quoted note with a comma, "" and CRLF.
        'C0000001,{fb fc 8b b4} {fa b1 8e 71},{c0 b6 ca bc} {bb b7 ba},100-0001,{93 8c 8b 9e 93 73 90 e7 91 e3 93 63 8b e6 87 40 92 9a 96 da 87 55 81 7c 82 52} {87 8a 83 65 83 58 83 67 81 60 83 72 83 8b},a@example.jp,03-1234-5678,{92 ca 94 cc},"{94 f5 8d 6c}, ""{88 f8 97 70}"" \r\n{82 a0 82 e8}"\r\n',
        // 髙﨑 ⅰ in NEC's selection of the IBM extensions (0xED/0xEE), ﾀﾞｲｽｹ ﾊﾟﾊﾟ, ∥￢￠￡ and 0x5C 0x7E, a note of
        // user-defined characters and 0x80; a lone CR ends the line.
        'C0000002,{ee e0 ed 95} {ee ef},{c0 de b2 bd b9} {ca df ca df},,{81 61 81 ca 81 91 81 92} \\~,b@example.jp,,,{f0 40 f9 fc 80}\r',
        // An LF ends this one; the last line has no line end and ends on a two-byte character.
        'C0000003,{8e 52 93 63} {89 d4 8e 71},{d4 cf c0 de} {ca c5 ba},060-0001,{96 6b 8a 43 93 b9 8e 44 96 79 8e 73 92 86 89 9b 8b e6 96 6b 82 50 8f f0 90 bc 82 51},,090-1111-2222,{83 41 83 76 83 8a},\n',
        'C0000004,{91 e5 8d e3 95 7b},,,,c@example.jp,,,{94 f5 8d 6c}',
      ].join(''),
    );
    const want = [
      [2, 'C0000001', '髙橋 﨑子', 'ﾀｶﾊｼ ｻｷｺ', '100-0001', '東京都千代田区①丁目Ⅱ－３ ㈱テスト～ビル', 'a@example.jp', '03-1234-5678', '通販', '備考, "引用" \r\nあり'],
      [4, 'C0000002', '髙﨑 ⅰ', 'ﾀﾞｲｽｹ ﾊﾟﾊﾟ', '', '∥￢￠￡ \\~', 'b@example.jp', '', '', '\ue000\ue757\u0080'],
      [5, 'C0000003', '山田 花子', 'ﾔﾏﾀﾞ ﾊﾅｺ', '060-0001', '北海道札幌市中央区北１条西２', '', '090-1111-2222', 'アプリ', ''],
      [6, 'C0000004', '大阪府', '', '', '', 'c@example.jp', '', '', '備考'],
    ];

    const file = inOneBytePieces(bytes);
    const peek = await peekFile(file, undefined, 10);
    expect(peek.encoding).toBe('shift_jis');
    expect(peek.header).toEqual(HEADER);
    expect(peek.rows.map((r) => r.slice(0, 3))).toEqual(want.map((w) => w.slice(1, 4)));

    const mapping = { ...guessMapping(HEADER), extra: [8] };
    const decode = vi.spyOn(ShiftJisDecoder.prototype, 'decode');
    for (const f of [file, new Blob([bytes])]) {
      decode.mockClear();
      const r = await runImport(db, engine.importKeys, f, { incidentId: 'inc', mapping });
      // Our decoder read it: a chunk at a time (one byte each for the file in pieces), and the end.
      expect(decode).toHaveBeenCalledTimes(f === file ? bytes.length + 1 : 2);
      expect(r.ok ? r.rows : r).toBe(4);
      if (!r.ok) return;
      await engine.commitImport(r.datasetId);
      const rows: ContactRow[] = [];
      for (let i = 0; i < r.rows; i++) rows.push((await engine.cache.row(r.datasetId, i))!);
      expect(rows.map(fields)).toEqual(want);
    }
  });

  it('a lost lead byte, a stray 0xA0, a pair without a character and a lead byte at the end refuse the list at their own line and column, the columns not shifted', async () => {
    const { db, engine } = await setup();
    const bytes = bytesOf(
      [
        HEADER_BYTES,
        // 山 then a lead byte that lost its trail, right before the comma: the comma survives.
        'C0000001,{8e 52 82},{d4 cf},100-0001,,,,,\r\n',
        // 0x85 0x40 is no character (its @ is read again); 0xA0 leads nothing.
        'C0000002,{8e 52},{85 40 d4},100-0001,{91 e5 a0 8d e3},,,,\r\n',
        // The file ends on a lead byte.
        'C0000003,{8e 52},,,,,,,{94 f5 8d}',
      ].join(''),
    );
    const mapping = { ...guessMapping(HEADER), extra: [8] };
    for (const file of [inOneBytePieces(bytes), new Blob([bytes])]) {
      const peek = await peekFile(file, undefined, 10);
      expect(peek.rows.map((r) => [r[1], r[2], r[4], r[8]])).toEqual([
        ['山\ufffd', 'ﾔﾏ', '', ''],
        ['山', '\ufffd@ﾔ', '大\ufffd阪', ''],
        ['山', '', '', '備\ufffd'],
      ]);
      const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors).toEqual([
        { code: 'encoding-invalid', severity: 'error', line: 2, column: 2 },
        { code: 'encoding-invalid', severity: 'error', line: 3, column: 3 },
        { code: 'encoding-invalid', severity: 'error', line: 3, column: 5 },
        { code: 'encoding-invalid', severity: 'error', line: 4, column: 9 },
      ]);
    }
  });
});
