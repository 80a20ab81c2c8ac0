/**
 * A tester who did not write it breaks the FAQ's 第N版 (910b722: "the sum of the approved
 * versions in effect … so that it grows with each approval"). What a reader of the printed
 * handbook, the web page or the Markdown relies on: two different pages never carry the same
 * 第N版, and a later page never carries a lower one. Each page is read as the FAQ screen renders
 * it (the stamp and the handbook's questions and answers).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { approvalLapse, faqState } from '../../../shared/faq/model';
import type { OpenIncident } from '../incidents/open-incident';
import { FaqEntries } from './FaqEntries';

/** The printed handbook as the FAQ page has it: its 第N版 and its questions and answers. */
function page(d: Desk): { edition: number; body: string[] } {
  const data = { incident: { id: 'i1', title: '会員サイトの件', facts: d.facts }, faq: d.entries(), enquiries: [], releaseOverrides: [] } as unknown as OpenIncident;
  const html = renderToStaticMarkup(createElement(FaqEntries, { data, openId: null, prefill: null, onOpen: () => undefined }));
  const handbook = html.slice(html.indexOf('<article class="print-only handbook"'));
  const edition = Number(/よくあるご質問 — 第(\d+)版/.exec(handbook)?.[1] ?? NaN);
  const body = [...handbook.matchAll(/<h2>([^<]*)<\/h2><p class="statement-p">([^<]*)<\/p>/g)].map((m) => `${m[1]} ${m[2]}`);
  return { edition, body };
}

describe('第N版 names one page', () => {
  it('an entry retired after approval: the page loses it, so its 第N版 is not the one of the page that had it', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。');
    d.approve(count);
    d.approve(card);
    const before = page(d);
    d.retire(card);
    expect(faqState(d.entry(card))).toBe('retired');
    const after = page(d);
    expect(after.body).not.toEqual(before.body);
    // Before: both 第2版 — the retired entry's approval, no longer in effect, is still counted.
    expect(after.edition).not.toBe(before.edition);
  });

  it('approved twice at one version (again after the count it quotes moved): the page with the new count is not the same 第N版 as the old one', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    d.approve(count);
    const morning = page(d);
    expect(morning.body).toEqual(['何件漏れましたか 確認した件数は1,200件です。']);
    d.facts = { ...d.facts, confirmedCount: 1500 };
    d.approve(count);
    const noon = page(d);
    expect(noon.body).toEqual(['何件漏れましたか 確認した件数は1,500件です。']);
    // Both 第1版: two printed handbooks, one saying 1,200 and one 1,500, under one edition.
    expect(noon.edition).not.toBe(morning.edition);
  });

  it('an approval whose version has not arrived: the edition does not go back to a number an earlier, different page had', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    d.approve(count);
    const first = page(d); // 第1版: the count entry alone
    d.edit(count, { answer: '現在確認している件数は{{confirmedCount}}件です。' });
    d.approve(count);
    const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。');
    d.approve(card);
    const third = page(d);
    expect(third.edition).toBe(3);
    // Another laptop wrote version 3 of the count entry and approved it; only the approval is here.
    d.events.push({ id: 'b-approve', incidentId: 'i1', at: '2026-12-02T00:21:00.000Z', actor: 'boss', type: 'faq.entry-approved', payload: { entryId: count, version: 3, versionAt: '2026-12-02T00:20:00.000Z', factsSnapshot: {} } });
    expect(approvalLapse(d.entry(count))).toBe('not-received');
    const later = page(d);
    expect(later.body).toEqual(['カード情報は漏れましたか クレジットカード情報は含まれておりません。']);
    // Printed after 第3版, it says 第1版 — the number of the morning's page, which held only the count entry.
    expect(later.body).not.toEqual(first.body);
    expect(later.edition).toBeGreaterThanOrEqual(third.edition);
  });
});

describe('held', () => {
  it('a second version approved adds one: 第1版, then 第2版', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    d.approve(count);
    expect(page(d).edition).toBe(1);
    d.edit(count, { answer: '現在確認している件数は{{confirmedCount}}件です。' });
    d.approve(count);
    expect(page(d).edition).toBe(2);
  });
});
