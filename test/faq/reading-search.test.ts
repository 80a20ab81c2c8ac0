/**
 * Issue 10 item 14: the operator search promises kanji, kana and half-width alike. A
 * reading typed in kana must find the kanji entry, with the real IPADIC dictionary.
 */
import { describe, expect, it } from 'vitest';
import { createFaqIndex, searchFaq, type FaqSearchEntry } from '../../shared/faq/search';
import { nodeAnalyser } from './node-analyser';

const entry = (id: string, question: string, answer: string, category: string): FaqSearchEntry => ({ id, question, answer, category, variants: [], state: 'approved' });

const ENTRIES: FaqSearchEntry[] = [
  entry('leaked', '私の個人情報は漏洩しましたか', '対象のお客様には個別にお知らせを郵送しています。', '対象'),
  entry('self', '自分が対象か知りたい', 'ご登録の住所へ封書でお知らせします。', '対象'),
  entry('card', 'クレジットカードの番号は含まれますか', 'カード番号は含まれておりません。', 'カード'),
  entry('password', 'パスワードを変更したほうがいいですか', '念のため変更をお勧めします。', 'アカウント'),
  entry('gift', 'お詫びの品はありますか', 'QUOカード500円分をお送りします。', 'お詫び'),
  entry('withdraw', '退会の手続きを教えてください', 'マイページから手続きできます。', '会員'),
];
const index = createFaqIndex(ENTRIES, { analyser: nodeAnalyser().analyser });
const top = (q: string): string | undefined => searchFaq(index, q)[0];

describe('operator search by reading', () => {
  it.each([
    ['もれた', 'leaked'],
    ['こじんじょうほう', 'leaked'],
    ['ｺｼﾞﾝｼﾞｮｳﾎｳ', 'leaked'],
    ['りゅうしゅつ', 'leaked'],
    ['じぶん', 'self'],
  ])('finds the kanji entry from the reading 「%s」', (query, id) => {
    expect(top(query)).toBe(id);
  });

  it.each([
    ['漏洩', 'leaked'],
    ['個人情報', 'leaked'],
    ['ろうえい', 'leaked'],
    ['ぬすまれた', 'leaked'],
    ['ﾓﾚﾏｼﾀｶ', 'leaked'],
    ['しょうひんけん', 'gift'],
    ['きんけん', 'gift'],
    ['やめたい', 'withdraw'],
    ['ﾀｲｶｲ', 'withdraw'],
    ['へんこう', 'password'],
  ])('finds 「%s」 → %s (kanji, synonyms and their readings)', (query, id) => {
    expect(top(query)).toBe(id);
  });

  it('finds the entry at every keystroke of a reading as it is typed', () => {
    for (const typed of ['こじ', 'こじん', 'こじんじ', 'こじんじょう', 'こじんじょうほう']) expect(top(typed), typed).toBe('leaked');
    for (const typed of ['りゅう', 'りゅうしゅ', 'りゅうしゅつ']) expect(top(typed), typed).toBe('leaked');
  });

  it('still finds nothing for a reading of nothing in the FAQ', () => {
    expect(searchFaq(index, 'ぺんぎん')).toEqual([]);
  });

  it('learns the readings of an entry added later', async () => {
    const { upsertFaqEntry } = await import('../../shared/faq/search');
    const local = createFaqIndex(ENTRIES, { analyser: nodeAnalyser().analyser });
    expect(searchFaq(local, 'きしゃかいけん')).toEqual([]);
    upsertFaqEntry(local, entry('press', '記者会見はいつですか', '決まり次第お知らせします。', '報道'));
    expect(searchFaq(local, 'きしゃかいけん')[0]).toBe('press');
  });
});
