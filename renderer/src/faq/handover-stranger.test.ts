/** The FAQ handover files against text a stranger pasted: control characters, half-width kana, ①, ㈱. */
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import Encoding from 'encoding-japanese';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { handoverCsv, handoverWorkbook } from './handover-files';

const who = { handedOverBy: '髙橋', approvers: ['山﨑'] };

describe('handover', () => {
  it('a control character pasted into an answer (vertical tab from Word/Excel) still gives a workbook Excel opens', async () => {
    const d = new Desk();
    const id = d.draft('返金は\u000bありますか', '現在検討中です。\u000b決まり次第ご案内します。\u0007', '補償');
    d.approve(id);
    const h = d.handOver();
    const bytes = await handoverWorkbook(h, d.handovers(), who);
    const files = unzipSync(bytes);
    const xml = Object.entries(files).filter(([k]) => /xl\/(worksheets\/sheet\d+|sharedStrings)\.xml/.test(k)).map(([, v]) => strFromU8(v)).join('\n');
    // eslint-disable-next-line no-control-regex
    const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|&#x?0*(?:[0-8]|1[1-2]|1[4-9]|2\d|3[01]|b|c|e|f|1[0-9a-f]);/i.exec(xml);
    expect(bad, 'a character XML 1.0 forbids is in the workbook').toBeNull();
  });

  it('Shift_JIS CSV with half-width katakana, ①, ㈱, ～ and a wave dash 〜', () => {
    const d = new Desk();
    const id = d.draft('ｶｰﾄﾞ番号は漏れましたか①', '㈱ホンブより～ご案内〜します。−', 'ｶｰﾄﾞ');
    d.approve(id);
    const h = d.handOver();
    const bytes = handoverCsv(h, 'shift_jis');
    const back = Encoding.convert(Array.from(bytes), { to: 'UNICODE', from: 'SJIS', type: 'string' }) as string;
    const cp932 = new TextDecoder('shift_jis').decode(bytes);
    expect(cp932).toContain('ｶｰﾄﾞ番号は漏れましたか①');
    expect(cp932).toContain('㈱ホンブより');
    expect(back).toContain('ｶｰﾄﾞ番号は漏れましたか');
  });
});
