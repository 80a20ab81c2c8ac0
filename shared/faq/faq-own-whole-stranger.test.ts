/**
 * A stranger's cases on the FAQ approval's "the company's own" check, numbers compared whole
 * (094e07b, f4749e6, decision 067), kept after the fix: the company's own address with a 号 or
 * 番地 before its floor or room (1丁目1番1号 2F, 1番1号2階, 101号室, 3番12号 4F) read as one
 * longer number (1-1-12F) and refused; and callers' addresses whose numbers run on in the
 * company's (1-1-12 against 1番1号 2F, 279-5 against 279番地 5F, 3-12 against 3-12-1) taken as
 * the company's. A bare 1-1-1 with no town before it (銀座1-1-1, 5-7-1 Ginza) is still compared
 * as a number only: left, older than this.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY } from '../company/profile';
import type { CompanyFields } from '../company/events';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { approveEntry } from './commands';
import { faqProjection } from './events';
import type { FaqEntry } from './model';

const facts: Facts = { ...EMPTY_FACTS, confirmedCount: 1200, maxCount: 1500, deskPhone: '0120-111-222', deskHours: '平日 9:00〜18:00（12月29日〜1月3日を除く）' };

const profile = (fields: Partial<CompanyFields>): CompanyFields => ({ ...EMPTY_COMPANY, name: '株式会社テスト', postcode: '100-0005', phone: '03-5555-0101', ...fields });

function ev(at: string, type: string, payload: unknown): HonbuEvent {
  return { id: `${type}-${at}`, incidentId: 'i1', at, actor: 'boss', type, payload };
}

const entry = (question: string, answer: string, category = '一般'): FaqEntry =>
  foldAll(faqProjection, [ev('001', 'faq.entry-drafted', { entryId: 'e1', question, variants: [], category, answer })]).get('e1')!;

function approve(question: string, answer: string, f: Facts = facts, company: Partial<CompanyFields> | null = null): 'approved' | string[] {
  const r = approveEntry(testContext({ roles: ['direction'] }), { entry: entry(question, answer), facts: f, company });
  return r.ok ? 'approved' : r.problems.map((p) => `${p.field}: ${p.reason}`);
}

describe('the company’s own address, with 号 or 番地 before its floor, is approved (refused by 094e07b, fixed)', () => {
  it('profile 丸の内1丁目1番1号 2F; the answer quotes it exactly', () => {
    const company = profile({ address: '東京都千代田区丸の内1丁目1番1号 2F' });
    expect(approve('返送先は', '東京都千代田区丸の内1丁目1番1号 2F 宛にご返送ください。', facts, company)).toBe('approved');
  });

  it('profile 丸の内1丁目1番1号 5階; the answer in full-width digits with 〒, as the existing test writes it', () => {
    const company = profile({ address: '東京都千代田区丸の内1丁目1番1号 5階' });
    const answer = 'お手数ですが、〒１００－０００５ 東京都千代田区丸の内１丁目１番１号 ５階 お客様相談室 宛に着払いでご返送ください。';
    expect(approve('誤って届いた書類はどうすればよいですか', answer, facts, company)).toBe('approved');
  });

  it('profile 丸の内1丁目1番1号 2F; the answer in hyphens (1-1-1 2F)', () => {
    const company = profile({ address: '東京都千代田区丸の内1丁目1番1号 2F' });
    expect(approve('返送先は', '〒100-0005 東京都千代田区丸の内1-1-1 2F 宛にご返送ください。', facts, company)).toBe('approved');
  });

  it('profile 丸の内1丁目1番1号2階 (no space); the answer quotes it exactly', () => {
    const company = profile({ address: '東京都千代田区丸の内1丁目1番1号2階' });
    expect(approve('返送先は', '東京都千代田区丸の内1丁目1番1号2階 宛にご返送ください。', facts, company)).toBe('approved');
  });

  it('profile with a numbered building (1丁目1番1号 2号館3F)', () => {
    const company = profile({ address: '東京都千代田区丸の内1丁目1番1号 2号館3F' });
    expect(approve('返送先は', '東京都千代田区丸の内1丁目1番1号 2号館3F 宛にご返送ください。', facts, company)).toBe('approved');
  });

  it('profile with a room (1丁目1番1号 101号室); the answer 1-1-1-101', () => {
    const company = profile({ address: '東京都千代田区丸の内1丁目1番1号 101号室' });
    expect(approve('返送先は', '東京都千代田区丸の内1-1-1-101 宛にご返送ください。', facts, company)).toBe('approved');
  });

  it('profile 山下町3番12号 4F; the answer quotes it exactly', () => {
    const company = profile({ postcode: '231-0023', address: '神奈川県横浜市中区山下町3番12号 4F' });
    expect(approve('返送先は', '横浜市中区山下町3番12号 4F 宛にご返送ください。', facts, company)).toBe('approved');
  });

  it('a branch address typed into the facts (梅田2丁目4番9号 12F), quoted in the answer', () => {
    const withBranch: Facts = { ...facts, deskHours: '平日 9:00〜18:00（大阪支店: 大阪市北区梅田2丁目4番9号 12F）' };
    expect(approve('大阪支店の住所は', '大阪支店（大阪市北区梅田2丁目4番9号 12F）へお持ちください。', withBranch, null)).toBe('approved');
  });
});

describe('a caller’s address is not the company’s because its numbers run on in the company’s (accepted before 094e07b, fixed)', () => {
  it('caller 丸の内1-1-12 and company 丸の内1丁目1番1号 2F (read as 1-1-12F)', () => {
    const company = profile({ address: '東京都千代田区丸の内1丁目1番1号 2F' });
    expect(approve('返送先は', '山田様（千代田区丸の内1-1-12）宛に再送します。', facts, company)).toEqual(['answer: personal-data']);
  });

  it('caller 山下町279-5 and company 山下町279番地 5F (read as 279-5F)', () => {
    const company = profile({ postcode: '231-0023', address: '神奈川県横浜市中区山下町279番地 5F' });
    expect(approve('返送先は', '山田様（横浜市中区山下町279-5）宛に再送します。', facts, company)).toEqual(['answer: personal-data']);
  });

  it('caller 山下町3-12 and company 山下町3-12-1 (a dash is taken as a whole number’s end)', () => {
    const company = profile({ postcode: '231-0023', address: '神奈川県横浜市中区山下町3-12-1' });
    expect(approve('返送先は', '山田様（横浜市中区山下町3-12）宛に再送します。', facts, company)).toEqual(['answer: personal-data']);
  });
});
