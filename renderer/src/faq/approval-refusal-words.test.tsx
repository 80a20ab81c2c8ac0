/**
 * When 承認する is refused for a customer's own details, the editor's list of problems names the
 * words found, as written in the entry, so the approver can find what to take out (a tester
 * found it said only "a phone number, an e-mail address, an address"). Japanese and English.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../../shared/events/test-context';
import { approveEntry, personalDataIn } from '../../../shared/faq/commands';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { EMPTY_FACTS, type Facts } from '../../../shared/incident/model';
import { translatorFor } from '../i18n/i18n';
import { faqProblemText, ProblemList } from './ProblemList';

const facts: Facts = { ...EMPTY_FACTS, confirmedCount: 1200, deskPhone: '0120-111-222', deskHours: '平日 9:00〜18:00' };

function refusal(question: string, answer: string): string {
  const d = new Desk();
  const id = d.draft(question, answer);
  const r = approveEntry(testContext({ roles: ['direction'] }), { entry: d.entry(id), facts });
  if (r.ok) throw new Error('approved');
  return renderToStaticMarkup(<ProblemList problems={r.problems} />);
}

describe('a refusal for personal data names the words to take out', () => {
  it('「3丁目」 in an answer describing what leaked', () => {
    const answer = 'ご住所は「〇〇町3丁目」のように丁目までが含まれ、番地・建物名・部屋番号は含まれておりません。';
    expect(personalDataIn(answer, facts)).toEqual(['3丁目']);
    const html = refusal('住所はどこまで漏れましたか', answer);
    expect(html).toContain('回答に、電話番号・メールアドレス・住所のような、お客様の個人の情報と読める部分があります: 「3丁目」。');
    // The way out for the company's own address is said too.
    expect(html).toContain('設定 → 会社情報');
  });

  it('one real phone number among the desk’s in a long answer: that one, not the desk’s', () => {
    const answer = ['窓口: 0120-111-222（平日 9:00〜18:00）', 'メール窓口もございます。', '折り返しは 090-1234-5678 の山田様へ担当からご連絡します。'].join('\n');
    const html = refusal('折り返しはいつですか', answer);
    expect(html).toContain('「090-1234-5678」');
    expect(html).not.toContain('「0120-111-222」');
  });

  it('as written: full-width digits and dashes stay as typed, each word once', () => {
    const html = refusal('お詫び状が届きません', '田中様（１２３号室）と、もう一度 １２３号室 の田中様、０９０－１２３４－５６７８ です。');
    expect(html).toContain('「１２３号室」、「０９０－１２３４－５６７８」。');
    expect(html.match(/１２３号室/g)).toHaveLength(1);
  });

  it('the question and the answer each name their own words', () => {
    const html = refusal('Room 405 の者ですが対象ですか', '090-1234-5678 へ折り返します。');
    expect(html).toContain('質問に、電話番号・メールアドレス・住所のような、お客様の個人の情報と読める部分があります: 「Room 405」。');
    expect(html).toContain('回答に、電話番号・メールアドレス・住所のような、お客様の個人の情報と読める部分があります: 「090-1234-5678」。');
  });

  it('in English (the same words, quoted the English way)', () => {
    const d = new Desk();
    const id = d.draft('Where?', 'The customer in Room 405 will be called back at 090-1234-5678.');
    const r = approveEntry(testContext({ roles: ['direction'] }), { entry: d.entry(id), facts });
    if (r.ok) throw new Error('approved');
    const text = faqProblemText(translatorFor('en'), r.problems[0]!);
    expect(text).toContain('Answer: this holds what reads like a customer\'s own details (a phone number, an e-mail address, an address): “Room 405”, “090-1234-5678”.');
    expect(text).toContain('Settings → Company');
  });

  it('a refusal recorded without words (an older screen’s problem) still reads', () => {
    const html = renderToStaticMarkup(<ProblemList problems={[{ field: 'answer', reason: 'personal-data' }]} />);
    expect(html).toContain('お客様の個人の情報と読める部分があります: —。');
  });
});
