/**
 * The executives' page as Word (経営層向け → Word), read back from word/document.xml cell by
 * cell: callers' own details in the most-asked questions are blanked, and the days of
 * enquiries are the seven up to today whatever dates are stored. (From a tester's findings in
 * exec-word-stranger.test.ts, whose expectations hold here as written.)
 */
import { describe, expect, it } from 'vitest';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { ENQUIRIES, execInput, NOW } from '../../../shared/exec/exec.fixture';
import { execSummary, type ExecInput } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import { personalDataIn } from '../../../shared/faq/commands';
import { EMPTY_FACTS } from '../../../shared/incident/model';
import type { Enquiry } from '../../../shared/faq/model';
import { tFor } from '../disclosure/doc-lang';
import { execDocument } from './exec-document';

const generated = { at: NOW, who: '山田 花子' };

async function wordTables(over: Partial<ExecInput>, lang: 'ja' | 'en' = 'ja'): Promise<string[][][]> {
  const s = execSummary(execInput(over));
  return readDocx(await documentDocx(execDocument(tFor(lang), s, generated))).tables;
}

const groupsOf = (labels: string[]) => labels.map((label, i) => ({ id: `g${i}`, label, labelId: `g${i}`, terms: [], memberIds: Array.from({ length: 10 - i }, (_, k) => `g${i}-${k}`) }));

async function topQuestionsInWord(labels: string[]): Promise<string[][]> {
  const top = (await wordTables({ groups: groupsOf(labels) })).find((t) => t[0]?.[0] === '多い質問');
  return top ?? [];
}

describe("callers' own details in the most-asked questions, in the Word file", () => {
  it('a postcode and street address, a member number and a phone number read out digit by digit are blanked, each cell read back', async () => {
    const asked = ['〒150-0001 東京都渋谷区神宮前1-2-3に住む者ですが対象ですか', '会員番号はK-123456です、退会できますか', '〇九〇の一二三四の五六七八に折り返してください'];
    // The app's own rule says the first is a caller's detail (FAQ approval refuses it).
    expect(personalDataIn(asked[0]!, EMPTY_FACTS).length).toBeGreaterThan(0);
    expect(await topQuestionsInWord(asked)).toEqual([
      ['多い質問', '件数'],
      ['＊＊＊ 東京都渋谷区神宮前＊＊＊に住む者ですが対象ですか', '10'],
      ['会員番号は＊＊＊です、退会できますか', '9'],
      ['＊＊＊に折り返してください', '8'],
    ]);
  });

  it('a mobile number, an e-mail address and an 11-digit 照会番号 are blanked; a date and a count stay', async () => {
    const rows = await topQuestionsInWord(['０９０－１２３４－５６７８の山田です、2026/12/01に届いた件', 'taro.yamada@example.co.jp 宛に3通届きました', '照会番号 12345678901 のお詫び状が届かない']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['＊＊＊の山田です、2026/12/01に届いた件', '＊＊＊ 宛に3通届きました', '照会番号 ＊＊＊ のお詫び状が届かない']);
  });

  it('the whole Word file holds none of the details, in either language', async () => {
    const asked = ['〒150-0001 東京都渋谷区神宮前1-2-3に住む者ですが対象ですか', '会員番号はK-123456です、退会できますか', '〇九〇の一二三四の五六七八に折り返してください'];
    for (const lang of ['ja', 'en'] as const) {
      const s = execSummary(execInput({ groups: groupsOf(asked) }));
      const docx = readDocx(await documentDocx(execDocument(tFor(lang), s, generated)));
      expect(docx.xml).not.toMatch(/150-0001|1-2-3|123456|一二三四|五六七八/);
      // What the page shows is the same model: the summary's labels.
      expect(s.enquiries.top.map((q) => q.label)).toEqual(['＊＊＊ 東京都渋谷区神宮前＊＊＊に住む者ですが対象ですか', '会員番号は＊＊＊です、退会できますか', '＊＊＊に折り返してください']);
    }
  });
});

describe('enquiries per day in the Word file', () => {
  const perDayCell = async (enquiries: readonly Enquiry[], lang: 'ja' | 'en' = 'ja') => {
    const tables = await wordTables({ enquiries }, lang);
    return tables.flat().find((r) => r[0] === (lang === 'ja' ? '日別件数（直近7日）' : 'Per day (last 7 days)'))?.[1];
  };

  it('an enquiry dated 2062 (a vendor typo for 2026) does not show as the latest day nor push a real day out of the seven', async () => {
    const days = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];
    const more = days.map((d, i) => ({ ...ENQUIRIES[0]!, id: `x${i}`, at: `${d}T10:00:00+09:00` }) as Enquiry);
    const typo = { ...ENQUIRIES[0]!, id: 'typo', at: '2062-12-03T10:00:00+09:00' } as Enquiry;
    const enquiries = [...ENQUIRIES, ...more, typo];
    const s = execSummary(execInput({ enquiries }));
    expect(s.enquiries.perDay.map((d) => d.day)).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    expect(await perDayCell(enquiries)).toBe('2026/11/27 1件 / 2026/11/28 1件 / 2026/11/29 1件 / 2026/11/30 1件 / 2026/12/01 2件 / 2026/12/02 2件 / 2026/12/03 2件');
  });

  it('says there were none in the last seven days when every enquiry is older or dated later', async () => {
    const old = { ...ENQUIRIES[0]!, id: 'old', at: '2026-11-01T10:00:00+09:00' } as Enquiry;
    const typo = { ...ENQUIRIES[0]!, id: 'typo', at: '2062-12-03T10:00:00+09:00' } as Enquiry;
    expect(await perDayCell([old, typo])).toBe('直近7日間はありません');
    expect(await perDayCell([old, typo], 'en')).toBe('None in the last 7 days');
  });
});
