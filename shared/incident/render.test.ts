import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type DataItem, type Facts } from './model';
import { PLACEHOLDERS, renderTemplate, type Placeholder, type RenderLabels } from './render';

const labels: RenderLabels = {
  items: {
    name: '氏名', address: '住所', phone: '電話番号', birthDate: '生年月日', gender: '性別', email: 'メールアドレス',
    creditCard: 'クレジットカード番号', bankAccount: '口座番号', myNumber: 'マイナンバー', sensitive: '要配慮個人情報', other: 'その他',
  } satisfies Record<DataItem, string>,
  placeholders: Object.fromEntries(PLACEHOLDERS.map((p) => [p, `〈${p}〉`])) as Record<Placeholder, string>,
  missing: '［未確定：{name}］',
  listSeparator: '、',
};

const facts: Facts = {
  ...EMPTY_FACTS,
  confirmedCount: 12000,
  maxCount: 20700000,
  itemsLeaked: ['name', 'address', 'phone'],
  itemsNotLeaked: ['creditCard', 'bankAccount'],
  deskPhone: '0120-000-123',
  discoveredAt: '2026-11-20T01:30:00.000Z',
};
const opts = { labels, locale: 'ja-JP', timeZone: 'Asia/Tokyo' };

describe('renderTemplate', () => {
  it('fills placeholders from the live facts, formatted for people', () => {
    const r = renderTemplate(
      '確認済み {{confirmedCount}} 件（最大 {{ maxCount }} 件）。漏えいした項目: {{itemsLeaked}}。含まれない項目: {{itemsNotLeaked}}。窓口 {{deskPhone}}。発見 {{discoveredAt}}',
      { title: 'PC紛失', facts },
      opts,
    );
    expect(r.text).toBe(
      '確認済み 12,000 件（最大 20,700,000 件）。漏えいした項目: 氏名、住所、電話番号。含まれない項目: クレジットカード番号、口座番号。窓口 0120-000-123。発見 2026年11月20日 10:30',
    );
    expect(r.missing).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.quotes.sort()).toEqual(['confirmedCount', 'deskPhone', 'discoveredAt', 'itemsLeaked', 'itemsNotLeaked', 'maxCount']);
  });

  it('marks facts not known yet instead of leaving a gap, and lists them', () => {
    const r = renderTemplate('受付時間 {{deskHours}} / 次回 {{nextUpdateAt}} / {{confirmedCount}}', { title: '', facts: { ...facts, confirmedCount: null } }, opts);
    expect(r.text).toBe('受付時間 ［未確定：〈deskHours〉］ / 次回 ［未確定：〈nextUpdateAt〉］ / ［未確定：〈confirmedCount〉］');
    expect(r.missing.sort()).toEqual(['confirmedCount', 'deskHours', 'nextUpdateAt']);
  });

  it('says where each fact not known yet is quoted, every time it is', () => {
    const r = renderTemplate('窓口 {{deskHours}}\n再掲 {{ deskHours }} と {{deskPhone}}', { title: '', facts: { ...facts, deskPhone: '' } }, opts);
    expect(r.missingAt).toEqual([
      { name: 'deskHours', line: 1, column: 4 },
      { name: 'deskHours', line: 2, column: 4 },
      { name: 'deskPhone', line: 2, column: 22 },
    ]);
  });

  it('treats zero as a known count', () => {
    expect(renderTemplate('{{confirmedCount}}', { title: '', facts: { ...facts, confirmedCount: 0 } }, opts).text).toBe('0');
  });

  it('reports an unknown placeholder with its line and column and leaves it visible', () => {
    const r = renderTemplate('一行目\n二行目 {{confirmed}} です', { title: '', facts }, opts);
    expect(r.unknown).toEqual([{ name: 'confirmed', line: 2, column: 5 }]);
    expect(r.text).toBe('一行目\n二行目 {{confirmed}} です');
  });

  it('escapes both the template and the facts for HTML', () => {
    const r = renderTemplate('<b>{{services}}</b> & {{title}}', { title: 'A<B', facts: { ...facts, services: '<script>alert(1)</script>' } }, { ...opts, escape: 'html' });
    expect(r.text).toBe('&lt;b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/b&gt; &amp; A&lt;B');
  });

  it('leaves text without placeholders untouched, and single braces alone', () => {
    const text = '{ 件数 } と {{ }} はそのまま';
    expect(renderTemplate(text, { title: '', facts }, opts).text).toBe(text);
  });

  it('formats for English too', () => {
    const r = renderTemplate('{{confirmedCount}} confirmed', { title: '', facts }, { ...opts, locale: 'en-US' });
    expect(r.text).toBe('12,000 confirmed');
  });
});
