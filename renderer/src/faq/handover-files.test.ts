/**
 * The files the vendor gets, read back the way the vendor's Excel and importers read them:
 * the workbook with read-excel-file (every column of every sheet), the CSV with the export
 * read-back helpers in both encodings.
 */
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { exportMismatches, readExport } from '../../../shared/contacts/export-check';
import { UnencodableError } from '../../../shared/export/csv';
import { changesBetween } from '../../../shared/faq/handover';
import { FAQ_COLUMNS } from '../../../shared/faq/handover-book';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { bookLabel, handoverCsv, handoverWorkbook } from './handover-files';

const who = { handedOverBy: '髙橋 一郎', approvers: ['山﨑 花子', '𠮷田 次郎'] };

/** Two handovers: three entries, then one edited (with names outside Shift_JIS), one retired, one added. */
function twoHandovers() {
  const d = new Desk();
  const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。', '件数');
  const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', '漏えい内容');
  const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。', 'お詫び');
  for (const id of [count, card, gift]) d.approve(id);
  d.draft('下書きの質問', '下書き');
  const h1 = d.handOver();
  d.edit(card, { answer: '担当の髙橋・山﨑・𠮷田が\n個別にご説明します。', question: 'クレジットカードの情報は漏れましたか' });
  d.approve(card);
  d.retire(gift);
  const pw = d.draft('=パスワードを変えるべきですか', '念のため変更をお勧めします。', 'パスワード');
  d.approve(pw);
  const h2 = d.handOver();
  return { d, h1, h2, count, card, gift, pw };
}

async function sheets(bytes: Uint8Array) {
  const all = await readXlsxFile(bytes.slice().buffer);
  return Object.fromEntries(all.map((s) => [s.sheet, s.data]));
}

describe('the FAQ workbook', () => {
  it('has a cover, the FAQ and 本日の変更点, every cell as written (the first handover: every entry new)', async () => {
    const { d, h1 } = twoHandovers();
    const book = await sheets(await handoverWorkbook(h1, d.handovers(), who));
    expect(Object.keys(book)).toEqual(['表紙', 'FAQ', '本日の変更点']);
    expect(book['FAQ']).toEqual([
      ['番号', 'カテゴリ', '質問', '回答', '版', '承認日時'],
      [1, '件数', '何件漏れましたか', '確認した件数は1,200件です。', 1, '2026/12/02 09:04'],
      [2, '漏えい内容', 'カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', 1, '2026/12/02 09:05'],
      [3, 'お詫び', 'お詫びの品はありますか', '後日ご案内いたします。', 1, '2026/12/02 09:06'],
    ]);
    expect(book['本日の変更点']).toEqual([
      ['区分', '番号', 'カテゴリ', '質問', '変更前の回答', '変更後の回答', '備考'],
      ['新規', 1, '件数', '何件漏れましたか', null, '確認した件数は1,200件です。', null],
      ['新規', 2, '漏えい内容', 'カード情報は漏れましたか', null, 'クレジットカード情報は含まれておりません。', null],
      ['新規', 3, 'お詫び', 'お詫びの品はありますか', null, '後日ご案内いたします。', null],
    ]);
    expect(book['表紙']).toEqual([
      ['応対FAQ（委託先用）', null],
      ['件名', '会員サイトの件'],
      ['受け渡し版', '第1版'],
      ['受け渡し日時', '2026/12/02 09:08'],
      ['受け渡した人', '髙橋 一郎'],
      ['回答の承認者', '山﨑 花子、𠮷田 次郎'],
      ['収録件数', '3件'],
      ['本日の変更点', '新規3件・変更0件・廃止0件・使用停止0件'],
      ['含めていないもの', '下書き1件は含めていません'],
      ['ご利用について', 'この第1版が届いた時点で、前の版は使わないでください。「本日の変更点」のシートで新規・変更・廃止・使用停止を確認してください。'],
    ]);
  });

  it('lists exactly the edited, retired and new entries on the second, with old and new text and names outside Shift_JIS intact', async () => {
    const { d, h2 } = twoHandovers();
    const book = await sheets(await handoverWorkbook(h2, d.handovers(), who));
    expect(book['本日の変更点']).toEqual([
      ['区分', '番号', 'カテゴリ', '質問', '変更前の回答', '変更後の回答', '備考'],
      // A question starting with "=" is text in a workbook, never a formula.
      ['新規', 4, 'パスワード', '=パスワードを変えるべきですか', null, '念のため変更をお勧めします。', null],
      ['変更', 2, '漏えい内容', 'クレジットカードの情報は漏れましたか', 'クレジットカード情報は含まれておりません。', '担当の髙橋・山﨑・𠮷田が\n個別にご説明します。', '質問の文言を変更（変更前: カード情報は漏れましたか）'],
      ['廃止', 3, 'お詫び', 'お詫びの品はありますか', '後日ご案内いたします。', null, 'この回答は廃止しました。今後は使わないでください。'],
    ]);
    expect(book['FAQ']!.map((r) => r[0])).toEqual(['番号', 1, 2, 4]);
    expect(book['FAQ']![2]).toEqual([2, '漏えい内容', 'クレジットカードの情報は漏れましたか', '担当の髙橋・山﨑・𠮷田が\n個別にご説明します。', 2, '2026/12/02 09:10']);
    expect(book['表紙']![2]).toEqual(['受け渡し版', '第2版']);
    expect(book['表紙']![7]).toEqual(['本日の変更点', '新規1件・変更1件・廃止1件・使用停止0件']);
  });

  it('is the same file content when saved again later', async () => {
    const { d, h1 } = twoHandovers();
    const first = await sheets(await handoverWorkbook(h1, d.handovers(), who));
    d.facts = { ...d.facts, confirmedCount: 9999 };
    expect(await sheets(await handoverWorkbook(h1, d.handovers(), who))).toEqual(first);
    expect(changesBetween(null, h1)).toHaveLength(3);
  });
});

describe('text nobody designed for', () => {
  it('keeps an empty category empty, tabs, full-width digits and a leading + as typed in the workbook, and guards the + in the CSV', async () => {
    const d = new Desk();
    const e = d.draft('窓口の番号は？', '+81 120-000-000\t（受付 ９時〜１８時）', '');
    d.approve(e);
    const h = d.handOver();
    const book = await sheets(await handoverWorkbook(h, d.handovers(), who));
    expect(book['FAQ']![1]).toEqual([1, null, '窓口の番号は？', '+81 120-000-000\t（受付 ９時〜１８時）', 1, '2026/12/02 09:02']);
    const records = readExport(handoverCsv(h, 'utf-8-bom'), 'utf-8-bom');
    expect(records[1]).toEqual(['1', '', '窓口の番号は？', "'+81 120-000-000\t（受付 ９時〜１８時）", '1', '2026/12/02 09:02']);
    expect(exportMismatches(FAQ_COLUMNS, records, h.items, (k) => bookLabel(k))).toEqual([]);
  });
});

describe('the FAQ CSV', () => {
  const label = (key: string) => bookLabel(key);

  it('UTF-8 with BOM: every column of every row, the formula guarded, line breaks kept', () => {
    const { h2 } = twoHandovers();
    const records = readExport(handoverCsv(h2, 'utf-8-bom'), 'utf-8-bom');
    expect(exportMismatches(FAQ_COLUMNS, records, h2.items, label)).toEqual([]);
    expect(records[0]).toEqual(['番号', 'カテゴリ', '質問', '回答', '版', '承認日時']);
    expect(records[2]![3]).toBe('担当の髙橋・山﨑・𠮷田が\n個別にご説明します。');
    expect(records[3]![2]).toBe("'=パスワードを変えるべきですか");
  });

  it('Shift_JIS: refused with the character and where it is when an answer holds 𠮷; written when it does not', () => {
    const { h1, h2 } = twoHandovers();
    let error: unknown;
    try {
      handoverCsv(h2, 'shift_jis');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnencodableError);
    const found = (error as UnencodableError).found;
    expect(found.map((f) => [f.char, f.record, f.field])).toEqual([['𠮷', 3, 4]]);
    const records = readExport(handoverCsv(h1, 'shift_jis'), 'shift_jis');
    expect(exportMismatches(FAQ_COLUMNS, records, h1.items, label)).toEqual([]);
  });

  it('Shift_JIS writes 髙 and 﨑 (in Windows Shift_JIS) and reads them back', () => {
    const d = new Desk();
    const e = d.draft('担当者は誰ですか', '髙橋と山﨑が担当します。', '窓口');
    d.approve(e);
    const h = d.handOver();
    const records = readExport(handoverCsv(h, 'shift_jis'), 'shift_jis');
    expect(records[1]![3]).toBe('髙橋と山﨑が担当します。');
  });
});
