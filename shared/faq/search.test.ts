import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { faqProjection } from './events';
import { createFaqIndex, faqQuery, removeFaqEntry, searchFaq, toSearchEntry, upsertFaqEntry, type FaqSearchEntry } from './search';

const entry = (id: string, question: string, answer: string, category: string, variants: string[] = [], state: FaqSearchEntry['state'] = 'approved'): FaqSearchEntry => ({
  id,
  question,
  answer,
  category,
  variants,
  state,
});

const ENTRIES: FaqSearchEntry[] = [
  entry('card', 'クレジットカード情報は漏えいしましたか', 'クレジットカード情報は含まれておりません。漏えいした項目は{{itemsLeaked}}です。', 'カード'),
  entry('desk', '問い合わせ窓口の電話番号を教えてください', '専用窓口 {{deskPhone}}（受付時間 {{deskHours}}）までお電話ください。', '窓口', ['といあわせ まどぐち でんわばんごう']),
  entry('password', 'パスワードを変更したほうがいいですか', '念のためマイページ（mypage）でpasswordの変更をお勧めします。', 'アカウント'),
  entry('affected', '自分の情報が対象か知りたい', '対象のお客様には個別にお知らせを郵送しています。', '対象'),
  entry('apology', 'お詫びの品はありますか', '対象のお客様にお詫びとしてQUOカード500円分をお送りします。', 'お詫び'),
  entry('cause', 'なぜ漏えいしたのですか', '第三者による不正アクセスが原因です。', '原因'),
  entry('mail', '不審なメールが届きました', 'メール内のリンクは開かずに削除してください。', '二次被害'),
  entry('reissue', 'カードの再発行はできますか', 'カード会社にお問い合わせください。', 'カード', [], 'draft'),
];
const index = createFaqIndex(ENTRIES);
const top = (query: string, approvedOnly = true): string | undefined => searchFaq(index, query, { approvedOnly })[0];

describe('searchFaq', () => {
  it.each(['くれじっと', 'ｸﾚｼﾞｯﾄ', 'クレジット', 'カード情報', 'クレジットカード', 'ｸﾚｼﾞｯﾄｶｰﾄﾞ', 'くれじっとかーど'])('finds the card entry from 「%s」', (query) => {
    expect(top(query)).toBe('card');
  });

  it.each(['問い合わせ', '問合せ', '電話番号', '窓口', 'といあわせ', 'でんわ'])('finds the desk entry from 「%s」', (query) => {
    expect(top(query)).toBe('desk');
  });

  it.each([
    ['ぱすわ', 'password'],
    ['ﾊﾟｽﾜｰﾄﾞ', 'password'],
    ['パスワード', 'password'],
    ['pasword', 'password'],
    ['MyPage', 'password'],
    ['おわび', 'apology'],
    ['お詫び', 'apology'],
    ['ＱＵＯ', 'apology'],
    ['quo', 'apology'],
    ['漏洩の原因', 'cause'],
    ['なぜ', 'cause'],
    ['ﾒｰﾙ', 'mail'],
    ['めーる', 'mail'],
    ['不審', 'mail'],
  ])('finds 「%s」 → %s', (query, id) => {
    expect(top(query)).toBe(id);
  });

  it('finds the entry at every keystroke of a katakana word as it is typed', () => {
    for (const typed of ['ク', 'クレ', 'クレジ', 'クレジッ', 'クレジット', 'クレジットカ', 'クレジットカード']) expect(top(typed)).toBe('card');
  });

  it('needs no dictionary reading: a kanji entry is not found by its reading unless a variant carries it', () => {
    const bare = createFaqIndex([entry('desk', '問い合わせ窓口の電話番号を教えてください', '', '窓口')]);
    expect(searchFaq(bare, 'まどぐち')).toEqual([]);
    expect(searchFaq(index, 'まどぐち')).toEqual(['desk']);
  });

  it('shows operators approved entries only, unless asked for drafts too', () => {
    expect(searchFaq(index, '再発行')).toEqual([]);
    expect(top('再発行', false)).toBe('reissue');
    expect(searchFaq(index, 'カード', { approvedOnly: false })).toContain('reissue');
    expect(searchFaq(index, 'カード')).not.toContain('reissue');
  });

  it('does not index placeholder names', () => {
    expect(searchFaq(index, 'deskPhone', { approvedOnly: false })).toEqual([]);
    expect(searchFaq(index, 'itemsLeaked', { approvedOnly: false })).toEqual([]);
  });

  it('ranks the entry whose question matches above ones that only mention the word', () => {
    const ids = searchFaq(index, 'お詫び');
    expect(ids[0]).toBe('apology');
  });

  it('returns nothing for an empty query or one of particles only', () => {
    expect(searchFaq(index, '')).toEqual([]);
    expect(searchFaq(index, 'は')).toEqual([]);
    expect(faqQuery('   ')).toBeNull();
  });

  it('honours the limit and breaks score ties by id', () => {
    expect(searchFaq(index, 'の', { limit: 2 }).length).toBeLessThanOrEqual(2);
    const twins = createFaqIndex([entry('b', '退会したい', '', ''), entry('a', '退会したい', '', '')]);
    expect(searchFaq(twins, '退会')).toEqual(['a', 'b']);
  });

  it('updates and removes entries in place', () => {
    const live = createFaqIndex(ENTRIES);
    upsertFaqEntry(live, { ...ENTRIES[7]!, state: 'approved' });
    expect(searchFaq(live, '再発行')).toEqual(['reissue']);
    upsertFaqEntry(live, { ...ENTRIES[7]!, state: 'retired' });
    expect(searchFaq(live, '再発行')).toEqual([]);
    removeFaqEntry(live, 'card');
    expect(searchFaq(live, 'くれじっと')).toEqual([]);
    removeFaqEntry(live, 'nothing-here');
  });
});

describe('indexing FAQ rows', () => {
  const ev = (at: string, type: string, payload: unknown): HonbuEvent => ({ id: at, incidentId: 'i1', at, actor: 'p1', type, payload });
  const row = foldAll(faqProjection, [
    ev('001', 'faq.entry-drafted', { entryId: 'e1', question: 'カードを止めるべきですか', variants: [], category: 'カード', answer: '必要ありません。' }),
    ev('002', 'faq.entry-approved', { entryId: 'e1', version: 1, factsSnapshot: {} }),
    ev('003', 'faq.entry-edited', { entryId: 'e1', version: 2, question: '口座振替を止めるべきですか', answer: '必要ありません。', category: '口座' }),
    ev('004', 'faq.variants-added', { entryId: 'e1', questions: ['カード停止'], enquiryIds: ['q1'] }),
  ]).get('e1')!;

  it('indexes what operators read out: the approved version, not the edit waiting for approval', () => {
    expect(toSearchEntry(row)).toEqual({ id: 'e1', question: 'カードを止めるべきですか', variants: ['カード停止'], answer: '必要ありません。', category: 'カード', state: 'approved' });
    const rows = createFaqIndex([row]);
    expect(searchFaq(rows, 'カード')).toEqual(['e1']);
    expect(searchFaq(rows, '口座振替')).toEqual([]);
  });
});
