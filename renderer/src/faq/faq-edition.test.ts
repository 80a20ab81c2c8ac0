/**
 * The FAQ's 第N版 (the printed handbook, the web page, the Markdown) changes whenever an
 * approval or a retirement changes what is published, and never goes back on a laptop: it counts
 * the approvals and retirements this laptop knows, each once (decision 067, last addendum). Cases
 * found by a tester (faq-edition-attack3): a retirement kept the number, an approval again at the
 * same version (the count it quotes moved) kept it, another laptop's approval arriving before its
 * version sent it back to an earlier page's number.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import { foldAll } from '../../../shared/events/projection';
import { faqProjection } from '../../../shared/faq/events';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { approvalLapse, faqState, type FaqEntry } from '../../../shared/faq/model';
import type { OpenIncident } from '../incidents/open-incident';
import { FaqEntries } from './FaqEntries';
import { publicationVersion } from './faq-render';

/** The printed handbook as the FAQ page has it: its 第N版 and its questions and answers. */
function page(d: Desk, faq: FaqEntry[] = d.entries()): { edition: number; body: string[] } {
  const data = { incident: { id: 'i1', title: '会員サイトの件', facts: d.facts }, faq, enquiries: [], releaseOverrides: [] } as unknown as OpenIncident;
  const html = renderToStaticMarkup(createElement(FaqEntries, { data, openId: null, prefill: null, onOpen: () => undefined }));
  const handbook = html.slice(html.indexOf('<article class="print-only handbook"'));
  const edition = Number(/よくあるご質問 — 第(\d+)版/.exec(handbook)?.[1] ?? NaN);
  const body = [...handbook.matchAll(/<h2>([^<]*)<\/h2><p class="statement-p">([^<]*)<\/p>/g)].map((m) => `${m[1]} ${m[2]}`);
  return { edition, body };
}

describe('第N版 changes with what is published', () => {
  it('an entry retired after approval: the page without it has the next number', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。');
    d.approve(count);
    d.approve(card);
    const before = page(d);
    expect(before.edition).toBe(2);
    d.retire(card);
    expect(faqState(d.entry(card))).toBe('retired');
    const after = page(d);
    expect(after.body).toEqual(['何件漏れましたか 確認した件数は1,200件です。']);
    expect(after.edition).toBe(3);
  });

  it('approved again at the same version against a moved count: the page with the new count has the next number', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    d.approve(count);
    const morning = page(d);
    expect(morning).toEqual({ edition: 1, body: ['何件漏れましたか 確認した件数は1,200件です。'] });
    d.facts = { ...d.facts, confirmedCount: 1500 };
    d.approve(count);
    expect(page(d)).toEqual({ edition: 2, body: ['何件漏れましたか 確認した件数は1,500件です。'] });
  });

  it('another laptop’s approval arriving before its version: the number goes on, never back to an earlier page’s', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    d.approve(count);
    const first = page(d);
    d.edit(count, { answer: '現在確認している件数は{{confirmedCount}}件です。' });
    d.approve(count);
    const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。');
    d.approve(card);
    expect(page(d).edition).toBe(3);
    d.events.push({ id: 'b-approve', incidentId: 'i1', at: '2026-12-02T00:21:00.000Z', actor: 'boss', type: 'faq.entry-approved', payload: { entryId: count, version: 3, versionAt: '2026-12-02T00:20:00.000Z', factsSnapshot: {} } });
    expect(approvalLapse(d.entry(count))).toBe('not-received');
    const later = page(d);
    expect(later.body).toEqual(['カード情報は漏れましたか クレジットカード情報は含まれておりません。']);
    expect(later.body).not.toEqual(first.body);
    expect(later.edition).toBe(4);
  });

  it('retired, then approved again (revived): each counts', () => {
    const d = new Desk();
    const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。');
    d.approve(card);
    d.retire(card);
    expect(page(d)).toEqual({ edition: 2, body: [] });
    d.approve(card);
    expect(page(d).edition).toBe(3);
  });

  it('a second version approved adds one: 第1版, then 第2版; a draft saved adds nothing', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    d.approve(count);
    expect(page(d).edition).toBe(1);
    d.edit(count, { answer: '現在確認している件数は{{confirmedCount}}件です。' });
    expect(page(d).edition).toBe(1);
    d.approve(count);
    expect(page(d).edition).toBe(2);
  });
});

describe('every laptop with the same events says the same number', () => {
  function events(): HonbuEvent[] {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    const card = d.draft('カード情報は漏れましたか', '含まれておりません。');
    d.approve(count);
    d.approve(card);
    d.retire(card);
    d.approve(count);
    return d.events;
  }

  it('in any order the events arrive, and with an event replayed', () => {
    const all = events();
    const orders = [all, [...all].reverse(), [...all.slice(3), ...all.slice(0, 3)], [...all, ...all]];
    const numbers = orders.map((o) => publicationVersion([...foldAll(faqProjection, o).values()]));
    expect(numbers).toEqual([4, 4, 4, 4]);
  });

  it('a row folded before approvals and retirements were kept counts its approval and retirement, and goes on from them', () => {
    const d = new Desk();
    const card = d.draft('カード情報は漏れましたか', '含まれておりません。');
    d.approve(card);
    d.retire(card);
    const { decidedAt: _dropped, ...old } = d.entry(card);
    expect(publicationVersion([old])).toBe(2);
    // The next approval folded onto that row.
    const next = faqProjection.reduce(old, { id: 'x', incidentId: 'i1', at: '2026-12-02T01:00:00.000Z', actor: 'boss', type: 'faq.entry-approved', payload: { entryId: card, version: 1, factsSnapshot: {} } } as HonbuEvent, card);
    expect(publicationVersion([next!])).toBe(3);
  });
});
