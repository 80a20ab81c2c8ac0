/**
 * The FAQ approval's check for a caller's details (decision 067, last addenda), past the first
 * address rules: answers a team must be able to approve (the company's own return address, in
 * the facts or in the company profile; an English answer giving the desk's hours) and callers'
 * addresses that must be refused. Cases found by a tester (faq-approval-attack3).
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY } from '../company/profile';
import type { CompanyFields } from '../company/events';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { withoutContactDetails } from '../exec/caller-details';
import { approveEntry, personalDataIn } from './commands';
import { faqProjection } from './events';
import type { FaqEntry } from './model';

const facts: Facts = { ...EMPTY_FACTS, confirmedCount: 1200, maxCount: 1500, deskPhone: '0120-111-222', deskHours: '平日 9:00〜18:00（12月29日〜1月3日を除く）' };

/** The company profile as the PPC form's page fills it. */
const company: CompanyFields = { ...EMPTY_COMPANY, name: '株式会社テスト', postcode: '100-0005', address: '東京都千代田区丸の内1-1-1 本社ビル5階', phone: '03-5555-0101' };

function ev(at: string, type: string, payload: unknown): HonbuEvent {
  return { id: `${type}-${at}`, incidentId: 'i1', at, actor: 'boss', type, payload };
}

const entry = (question: string, answer: string, category = '一般'): FaqEntry =>
  foldAll(faqProjection, [ev('001', 'faq.entry-drafted', { entryId: 'e1', question, variants: [], category, answer })]).get('e1')!;

function approve(question: string, answer: string, f: Facts = facts, profile: Partial<CompanyFields> | null = null): 'approved' | string[] {
  const r = approveEntry(testContext({ roles: ['direction'] }), { entry: entry(question, answer), facts: f, company: profile });
  return r.ok ? 'approved' : r.problems.map((p) => `${p.field}: ${p.reason}`);
}

describe('the company’s own address is approved', () => {
  it('typed into the facts as the answer quotes it, dashes typed with the IME’s ー: both sides are read the same way', () => {
    const ret = '〒100ー0005 東京都千代田区丸の内1ー1ー1 本社ビル5階 お客様相談室';
    const withAddress: Facts = { ...facts, deskHours: `平日 9:00〜18:00（書類の返送先: ${ret}）` };
    expect(personalDataIn(`お手元の書類は ${ret} 宛に着払いでご返送ください。`, withAddress)).toEqual([]);
    expect(approve('誤って届いた書類はどうすればよいですか', `お手元の書類は ${ret} 宛に着払いでご返送ください。`, withAddress)).toBe('approved');
  });

  it('held in the company profile (the PPC form’s postcode and address), with 〒 and full-width digits in the answer', () => {
    const answer = 'お手数ですが、〒１００－０００５ 東京都千代田区丸の内１－１－１ 本社ビル５階 お客様相談室 宛に着払いでご返送ください。';
    expect(approve('誤って届いた書類はどうすればよいですか', answer, facts, company)).toBe('approved');
    // Without the profile it is an address like any caller's: refused, and the refusal says where to put it.
    expect(approve('誤って届いた書類はどうすればよいですか', answer, facts, null)).toEqual(['answer: personal-data']);
  });

  it('the profile written in 丁目・番・号 and the answer with hyphens (or the other way round)', () => {
    const kanjiForm = { ...company, address: '東京都千代田区丸の内1丁目1番1号 本社ビル5階' };
    expect(approve('返送先は', '東京都千代田区丸の内1-1-1 本社ビル5階 宛にご返送ください。', facts, kanjiForm)).toBe('approved');
    expect(approve('返送先は', '東京都千代田区丸の内1丁目1番1号 本社ビル5階 宛にご返送ください。', facts, company)).toBe('approved');
  });

  it('a caller’s address whose numbers stand inside the company’s is still a caller’s (numbers compared whole)', () => {
    const tenth = { ...company, address: '東京都千代田区丸の内1-1-10' };
    // 1-1-1 is not the company's 1-1-10; 1番2号 (1-2) is not inside its desk phone 0120-111-222.
    expect(approve('返送先は', '山田様（千代田区丸の内1-1-1）宛に再送します。', facts, tenth)).toEqual(['answer: personal-data']);
    expect(approve('返送先は', '山田様（港区芝1番2号）宛に再送します。', facts, null)).toEqual(['answer: personal-data']);
    expect(approve('返送先は', '山田様（港区芝11番22号）宛に再送します。', facts, null)).toEqual(['answer: personal-data']);
    // The company's own, as written, still is.
    expect(approve('返送先は', '東京都千代田区丸の内1-1-10 宛にご返送ください。', facts, tenth)).toBe('approved');
    expect(approve('返送先は', '東京都千代田区丸の内１丁目１番１０号 宛にご返送ください。', facts, tenth)).toBe('approved');
    // A floor after a space in the profile (1-1-1 2F) is not read as 1-1-12.
    const floor = { ...company, address: '東京都千代田区丸の内1-1-1 2F' };
    expect(approve('返送先は', '東京都千代田区丸の内1-1-1 2F 宛にご返送ください。', facts, floor)).toBe('approved');
    expect(approve('返送先は', '東京都千代田区丸の内1-1-1 宛にご返送ください。', facts, floor)).toBe('approved');
  });

  it('the company profile’s phone number in an answer', () => {
    expect(approve('本社の番号は', '本社代表 03-5555-0101 までお電話ください。', facts, company)).toBe('approved');
  });

  it('a caller’s address beside the company’s is still refused', () => {
    expect(approve('返送先は', '山田様（横浜市中区山下町3番地12号）の書類は 東京都千代田区丸の内1-1-1 にご返送ください。', facts, company)).toEqual(['answer: personal-data']);
  });

  it('a profile with only a short address part does not make every address the company’s', () => {
    expect(approve('返送先は', '山田様（横浜市中区山下町3番地12号）', facts, { ...company, address: '', postcode: '' })).toEqual(['answer: personal-data']);
  });
});

describe('an English answer giving the desk’s hours', () => {
  it.each([
    'You can reach our support unit 24 hours a day at 0120-111-222.',
    'Our support unit 24/7 takes your call.',
    'The support unit 24-hour line is 0120-111-222.',
  ])('approves: %s', (answer) => {
    expect(approve('When can I call?', answer)).toBe('approved');
  });

  it.each(['Unit 24 of our building is closed.', 'The customer in Room 405 will be called.', 'Apt. 3 is on file.'])('still refuses a room: %s', (answer) => {
    expect(approve('Where?', answer)).toEqual(['answer: personal-data']);
  });
});

describe('the category (カテゴリ) goes to the vendor’s workbook: checked like the question and answer', () => {
  const approveWithCategory = (category: string) => {
    const r = approveEntry(testContext({ roles: ['direction'] }), { entry: entry('お詫び状が届きません', '再送いたします。', category), facts });
    return r.ok ? 'approved' : r.problems;
  };

  it('a caller’s address in the category is refused as the category, with its words', () => {
    expect(approveWithCategory('山田様 横浜市中区山下町3番地12号')).toEqual([{ field: 'category', reason: 'personal-data', params: { words: expect.stringContaining('3番地12号') } }]);
    expect(approveWithCategory('090-1234-5678 の件')).toEqual([{ field: 'category', reason: 'personal-data', params: { words: '090-1234-5678' } }]);
  });

  it('an ordinary category is approved', () => {
    expect(approveWithCategory('お詫び・返送')).toBe('approved');
    expect(approveWithCategory('')).toBe('approved');
  });
});

describe('callers’ addresses in forms the first rules missed are refused, and blanked on the executives’ page', () => {
  it.each([
    ['山田様（横浜市中区山下町3-12）には書面でご連絡します。', '中区山下町3-12'],
    ['山田様（横浜市中区山下町3ー12）には書面でご連絡します。', '中区山下町3ー12'],
    ['田中様（神奈川県横浜市中区山下町２７９－２５）宛の書類が戻ってきました。', '横浜市中区山下町２７９－２５'],
    ['山田様（２０１　号室）には再送済みです。', '２０１　号室'],
    ['山田様（メゾン銀座201）には再送済みです。', 'メゾン銀座201'],
    ['佐藤様（世田谷区桜新町1の2の3）宛のお詫び状を再送しました。', '桜新町1の2の3'],
    ['鈴木様（コーポ山田201）宛の書類は返送されました。', 'コーポ山田201'],
    ['高橋様（グリーンハイツB-203）へは本日発送します。', 'ハイツB-203'],
  ])('refuses: %s', (answer, words) => {
    const r = approveEntry(testContext({ roles: ['direction'] }), { entry: entry('お詫び状が届きません', answer), facts });
    expect(r.ok ? 'approved' : r.problems).toEqual([{ field: 'answer', reason: 'personal-data', params: { words: expect.stringContaining(words) } }]);
  });

  it.each([
    ['山田様（横浜市中区山下町3-12）', '山田様（横浜市＊＊＊）'],
    ['佐藤様（世田谷区桜新町1の2の3）', '佐藤様（世田谷区＊＊＊）'],
    ['鈴木様（コーポ山田201）', '鈴木様（＊＊＊）'],
    ['山田様（２０１　号室）', '山田様（＊＊＊）'],
  ])('the executives’ page blanks it: %s', (question, shown) => {
    expect(withoutContactDetails(question)).toBe(shown);
  });

  it.each([
    '対象区分3-1のお客様には個別にご連絡します。',
    '市場1-2月の売上には影響ありません。',
    '港区では3-5件のお問い合わせがありました。',
    '本社ビル管理会社3社に確認しました。',
    'マンション管理士2名が対応します。',
    'タワーレコード2店舗でも掲示しています。',
    '地下鉄3号線の駅にも掲示しています。',
    '第1の2の対象者には通知済みです。',
  ])('still approves words that only look like one: %s', (answer) => {
    expect(approve('よくある質問', answer)).toBe('approved');
  });
});
