/**
 * The FAQ page's 第N版 (on the page, the printed handbook, the web HTML and the Markdown): it
 * counts the approvals and retirements this laptop knows, each once (decision 067, last
 * addendum). An approval that holds for no version here (the version it approved has not
 * arrived) still changed the page — its entry left it — so it counts: the number never goes back.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { approvalLapse } from '../../../shared/faq/model';
import type { OpenIncident } from '../incidents/open-incident';
import { FaqEntries } from './FaqEntries';

/** The stamp the FAQ page shows under its printed handbook's title. */
function stamp(d: Desk): string {
  const data = { incident: { id: 'i1', title: '会員サイトの件', facts: d.facts }, faq: d.entries(), enquiries: [], releaseOverrides: [] } as unknown as OpenIncident;
  const html = renderToStaticMarkup(createElement(FaqEntries, { data, openId: null, prefill: null, onOpen: () => undefined }));
  return /<p class="meta">(会員サイトの件 よくあるご質問 — 第\d+版)（/.exec(html)?.[1] ?? '';
}

describe('the FAQ page’s 第N版', () => {
  it('counts each approval: one entry approved at its first and second versions, and a second entry at its first, is 第3版', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    d.approve(count);
    d.edit(count, { answer: '現在確認している件数は{{confirmedCount}}件です。' });
    d.approve(count);
    const card = d.draft('カード情報は漏れましたか', '含まれておりません。');
    d.approve(card);
    expect(stamp(d)).toBe('会員サイトの件 よくあるご質問 — 第3版');
  });

  it('another laptop’s approval of a third version not yet arrived counts once: the page changed (the entry left it), and the number does not go back', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    d.approve(count);
    d.edit(count, { answer: '現在確認している件数は{{confirmedCount}}件です。' });
    d.approve(count);
    const card = d.draft('カード情報は漏れましたか', '含まれておりません。');
    d.approve(card);
    expect(stamp(d)).toBe('会員サイトの件 よくあるご質問 — 第3版');
    // Laptop B wrote version 3 of the count entry at 09:20 and approved it at 09:21; only the approval is here.
    d.events.push({ id: 'b-approve', incidentId: 'i1', at: '2026-12-02T00:21:00.000Z', actor: 'boss', type: 'faq.entry-approved', payload: { entryId: count, version: 3, versionAt: '2026-12-02T00:20:00.000Z', factsSnapshot: {} } });
    expect(approvalLapse(d.entry(count))).toBe('not-received');
    // Expected 第1版 when the edition summed the approved versions in effect: a page printed
    // after 第3版, without the count entry, went back to the number of the morning's page that
    // had only the count entry. Now: four approvals known, 第4版.
    expect(stamp(d)).toBe('会員サイトの件 よくあるご質問 — 第4版');
  });
});
