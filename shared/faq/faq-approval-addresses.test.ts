/**
 * An FAQ answer holding a caller's address is not approved (it would go to the call centre's
 * vendor): the address forms the executives' page already blanks — a street number in 番地, a
 * room, a building and room, an address in Western order — are refused too. The company's own
 * call-centre number, words such as 住所, dates and counts stay approvable.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { approveEntry } from './commands';
import { faqProjection } from './events';
import type { FaqEntry } from './model';

const facts: Facts = { ...EMPTY_FACTS, confirmedCount: 1200, deskPhone: '03-5555-0101', deskHours: '9:00〜18:00' };

function ev(at: string, type: string, payload: unknown): HonbuEvent {
  return { id: `${type}-${at}`, incidentId: 'i1', at, actor: 'boss', type, payload };
}

const entry = (question: string, answer: string): FaqEntry =>
  foldAll(faqProjection, [ev('001', 'faq.entry-drafted', { entryId: 'e1', question, variants: [], category: '確認', answer })]).get('e1')!;

/** What direction gets on pressing 承認する: approved, or the fields refused for a caller's details. */
function approve(question: string, answer: string): 'approved' | string[] {
  const r = approveEntry(testContext({ roles: ['direction'] }), { entry: entry(question, answer), facts });
  return r.ok ? 'approved' : r.problems.map((p) => `${p.field}: ${p.reason}`);
}

describe('an FAQ answer with a caller’s address is not approved', () => {
  it.each([
    '山田様（横浜市中区山下町3番地12号）には書面でご連絡します。',
    '佐藤様のお住まい（201号室）に再送します。',
    '鈴木様（グランドビル405）宛のお詫び状は再送済みです。',
    'The letter to 1-2-3 Ginza, Chuo-ku was returned; we will send it again.',
    'Room 405 のお客様には個別にご連絡します。',
    '住所は12番地の3と伺っています。',
  ])('refuses: %s', (answer) => {
    expect(approve('お詫び状が届きません', answer)).toEqual(['answer: personal-data']);
  });

  it('refuses a question made from a caller’s own words with their street number and room', () => {
    expect(approve('銀座二丁目3番地12号 メゾン銀座201号室の者ですが対象ですか', '対象の方には個別にご連絡します。')).toEqual(['question: personal-data']);
  });

  it.each([
    '窓口 0120-000-123（受付 9時〜18時）までお電話ください。',
    'お問い合わせは 03-5555-0101 まで。',
    '+81 120-000-000 でも受け付けます。',
    'ご住所の変更は会員ページの「住所・電話番号」から行えます。',
    '受付番号 0100-0001-234 をお手元にご用意ください。',
    '2026-12-01 から 1,200 件を確認しました。第3号様式でお届けします。',
    'Our desk is open from 9 AM to 6 PM Japan time.',
    '3番目の質問への回答は、1番線のホームの掲示をご覧ください。',
  ])('approves the company’s own number and general words: %s', (answer) => {
    expect(approve('窓口は', answer)).toBe('approved');
  });
});
