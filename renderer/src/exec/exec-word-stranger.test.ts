/**
 * A stranger's attack on the executives' page as Word (経営層向け → Word): callers' own words as
 * the most-asked questions, and enquiry dates a vendor's file got wrong. The .docx is read back
 * from word/document.xml cell by cell. A failing test here is a defect, left failing on purpose.
 */
import { describe, expect, it } from 'vitest';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { ENQUIRIES, execInput, NOW } from '../../../shared/exec/exec.fixture';
import { execSummary } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import { personalDataIn } from '../../../shared/faq/commands';
import { EMPTY_FACTS } from '../../../shared/incident/model';
import type { Enquiry } from '../../../shared/faq/model';
import { tFor } from '../disclosure/doc-lang';
import { execDocument } from './exec-document';

const generated = { at: NOW, who: '山田 花子' };

async function topQuestionsInWord(labels: string[]): Promise<string[]> {
  const groups = labels.map((label, i) => ({ id: `g${i}`, label, labelId: `g${i}`, terms: [], memberIds: Array.from({ length: 10 - i }, (_, k) => `g${i}-${k}`) }));
  const s = execSummary(execInput({ groups }));
  const docx = readDocx(await documentDocx(execDocument(tFor('ja'), s, generated)));
  const top = docx.tables.find((t) => t[0]?.[0] === '多い質問');
  return (top ?? []).slice(1).map((r) => r[0]!);
}

describe("callers' own details in the most-asked questions", () => {
  it('a postcode and street address, a member number and a phone number read out digit by digit are blanked in the Word file, as the FAQ approval calls them personal data', async () => {
    const asked = [
      '〒150-0001 東京都渋谷区神宮前1-2-3に住む者ですが対象ですか',
      '会員番号はK-123456です、退会できますか',
      '〇九〇の一二三四の五六七八に折り返してください',
    ];
    // The app's own rule says the first is a caller's detail (FAQ approval refuses it).
    expect(personalDataIn(asked[0]!, EMPTY_FACTS).length).toBeGreaterThan(0);
    const cells = await topQuestionsInWord(asked);
    expect(cells.length).toBe(3);
    expect(cells.filter((c) => /150-0001|1-2-3|123456|一二三四|五六七八/.test(c))).toEqual([]);
  });

  it('holds: a mobile number, an e-mail address and an 11-digit 照会番号 are blanked; a date and a count stay', async () => {
    const cells = await topQuestionsInWord(['０９０－１２３４－５６７８の山田です、2026/12/01に届いた件', 'taro.yamada@example.co.jp 宛に3通届きました', '照会番号 12345678901 のお詫び状が届かない']);
    expect(cells).toEqual(['＊＊＊の山田です、2026/12/01に届いた件', '＊＊＊ 宛に3通届きました', '照会番号 ＊＊＊ のお詫び状が届かない']);
  });
});

describe('enquiries per day on the page', () => {
  it('an enquiry dated 2062 (a vendor typo for 2026, accepted by the import) does not show as the latest day nor push a real day out of the seven', async () => {
    const days = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];
    const more = days.map((d, i) => ({ ...ENQUIRIES[0]!, id: `x${i}`, at: `${d}T10:00:00+09:00` }) as Enquiry);
    const typo = { ...ENQUIRIES[0]!, id: 'typo', at: '2062-12-03T10:00:00+09:00' } as Enquiry;
    const s = execSummary(execInput({ enquiries: [...ENQUIRIES, ...more, typo] }));
    const shown = s.enquiries.perDay.map((d) => d.day);
    expect(shown).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
  });
});
