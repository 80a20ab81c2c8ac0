/**
 * An FAQ entry handed to the vendor whose approval then lapses (decision 067: another laptop
 * changed its words and approved them, and only the approval has arrived here) is not
 * withdrawn for good: the next handover tells the call centre 使用停止 — not to be used until
 * approved again — never 廃止, which is kept for an entry really retired. Read back from the
 * workbook as the vendor's Excel reads it.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { changesBetween, selectForHandover, type FaqHandover } from '../../../shared/faq/handover';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { faqState } from '../../../shared/faq/model';
import type { OpenIncident } from '../incidents/open-incident';
import { translate } from '../i18n/i18n';
import { handoverWorkbook } from './handover-files';
import { HandoverPanel } from './HandoverPanel';

const who = { handedOverBy: '髙橋 一郎', approvers: ['山﨑 花子'] };

const NEW_WORDS = 'クレジットカード情報の一部が含まれていた可能性があります。';

/**
 * Three entries approved and handed over (09:01–09:05 Japan time). Then another laptop edits
 * the card entry and approves its words (09:05:30); the approval arrives here, its version
 * not yet. The count entry is retired for good.
 */
function lapsed() {
  const d = new Desk();
  const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。', '件数');
  const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', '漏えい内容');
  const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。', 'お詫び');
  for (const id of [count, card, gift]) d.approve(id);
  const h1 = d.handOver();
  const versionAt = '2026-12-02T00:07:20.000Z';
  d.events.push({ id: 'b-approve', incidentId: 'i1', at: '2026-12-02T00:07:30.000Z', actor: 'boss', type: 'faq.entry-approved', payload: { entryId: card, version: 2, versionAt, factsSnapshot: {} } });
  d.retire(count);
  const arrives = () =>
    d.events.push({ id: 'b-edit', incidentId: 'i1', at: versionAt, actor: 'op', type: 'faq.entry-edited', payload: { entryId: card, version: 2, question: 'カード情報は漏れましたか', answer: NEW_WORDS, category: '漏えい内容' } });
  return { d, h1, count, card, gift, arrives };
}

/** The 委託先へのFAQ screen as the team sees it (handovers stamped with a clock, as the app records them). */
function panel(d: Desk): string {
  const clock = (h: FaqHandover) => ({ ...h, at: `${String(Date.parse(h.at)).padStart(16, '0')}-0000-lead` });
  const data = { incident: { id: 'i1', title: '会員サイトの件', facts: d.facts }, faq: d.entries(), faqHandovers: d.handovers().map(clock), releaseOverrides: [] } as unknown as OpenIncident;
  return renderToStaticMarkup(createElement(HandoverPanel, { data, onOpenEntry: () => undefined, onEntries: () => undefined }));
}

/** The rows of the table of what changed since the last handover: kind and number. */
const changeRows = (html: string) => [...html.matchAll(/<tr><td><span class="badge[^"]*">([^<]*)<\/span><\/td><td>(\d+)<\/td>/g)].map((m) => [m[1], Number(m[2])]);

async function sheets(bytes: Uint8Array) {
  const all = await readXlsxFile(bytes.slice().buffer);
  return Object.fromEntries(all.map((s) => [s.sheet, s.data]));
}

describe('an entry whose approval lapsed after it was handed over', () => {
  it('is 使用停止 (not to be used until approved again) in 本日の変更点, while the retired one stays 廃止', async () => {
    const { d, card } = lapsed();
    expect(faqState(d.entry(card))).toBe('draft');
    const h2 = d.handOver();
    const book = await sheets(await handoverWorkbook(h2, d.handovers(), who));
    expect(book['本日の変更点']).toEqual([
      ['区分', '番号', 'カテゴリ', '質問', '変更前の回答', '変更後の回答', '備考'],
      ['廃止', 1, '件数', '何件漏れましたか', '確認した件数は1,200件です。', null, 'この回答は廃止しました。今後は使わないでください。'],
      ['使用停止', 2, '漏えい内容', 'カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', null, 'この回答の承認を確かめ直しています。もう一度承認されて次の版で届くまで、この回答は使わず、エスカレーションしてください。'],
    ]);
    const cover = Object.fromEntries(book['表紙']!.slice(1).map((r) => [r[0], r[1]]));
    expect(cover['本日の変更点']).toBe('新規0件・変更0件・廃止1件・使用停止1件');
    expect(cover['含めていないもの']).toBe('承認を確かめ直している1件は、もう一度承認されるまで含めていません（カード情報は漏れましたか）');
  });

  it('is said to be on hold, not a draft, and goes as 使用停止 (in English: on hold)', () => {
    const { d, card } = lapsed();
    expect(selectForHandover(d.entries(), d.facts).onHold).toEqual([{ entryId: card, question: 'カード情報は漏れましたか' }]);
    expect(panel(d)).not.toContain('下書き');
    expect(translate('ja', 'faqbook.book.kinds.onHold')).toBe('使用停止');
    expect(translate('en', 'faqbook.book.notes.onHold')).toMatch(/^On hold — not to be used until approved again\./);
  });

  it('on the screen: listed 使用停止 before it is handed over, said why, and counted apart from 廃止 in the handovers so far', () => {
    const { d } = lapsed();
    const before = panel(d);
    expect(changeRows(before)).toEqual([
      ['廃止', 1],
      ['使用停止', 2],
    ]);
    expect(before).toContain('承認がいまの文面に当てはまらない1件（カード情報は漏れましたか）は含めません。委託先には「使用停止」（もう一度承認されるまで使わない）と伝わります。');
    d.handOver();
    expect(panel(d)).toMatch(/第2版 — [^<]*（1件、新規0・変更0・廃止1・使用停止1）/);
  });

  it('comes back once its approved words arrive, said to be in use again', async () => {
    const { d, card, arrives } = lapsed();
    const h2 = d.handOver();
    arrives();
    expect(faqState(d.entry(card))).toBe('approved');
    const h3 = d.handOver();
    expect(changesBetween(h2, h3).map((c) => [c.kind, c.entryId, 'resumed' in c && c.resumed])).toEqual([['new', card, true]]);
    const book = await sheets(await handoverWorkbook(h3, d.handovers(), who));
    expect(book['本日の変更点']![1]).toEqual(['新規', 2, '漏えい内容', 'カード情報は漏れましたか', null, NEW_WORDS, '使用停止していた回答を見直しました。この版の回答をお使いください。']);
  });
});
