/**
 * The FAQ editor says calmly why an approval is not used when two approvals share a clock and
 * name other words, or when an approval names words written after it (addendum to decision 067).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import { foldAll } from '../../../shared/events/projection';
import { faqProjection } from '../../../shared/faq/events';
import { EMPTY_FACTS } from '../../../shared/incident/model';
import type { OpenIncident } from '../incidents/open-incident';
import { FaqEntries } from './FaqEntries';

const hlc = (minute: number, node: string) => `${String(Date.UTC(2026, 11, 7, 1, minute)).padStart(16, '0')}-0000-${node}`;
const ev = (id: string, minute: number, node: string, type: string, payload: unknown): HonbuEvent => ({ id, incidentId: 'i1', at: hlc(minute, node), actor: node, type, payload });
const drafted = ev('d', 0, 'a', 'faq.entry-drafted', { entryId: 'e1', question: 'カード番号は漏れましたか', variants: [], category: 'カード', answer: '調査中です。' });
const editA = ev('ea', 40, 'a', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'カード番号は漏れましたか', answer: 'カード番号は含まれておりません。', category: 'カード' });
const editB = ev('eb', 50, 'b', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'カード番号は漏れましたか', answer: 'カード番号の一部が流出しました。', category: 'カード' });
const approveA = ev('pa', 45, 'a', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: {} });

function page(events: HonbuEvent[], openId: string | null): string {
  const faq = [...foldAll(faqProjection, events).values()];
  const data = { incident: { id: 'i1', title: '不正アクセス', facts: EMPTY_FACTS }, enquiries: [], faq, notices: [], company: null } as unknown as OpenIncident;
  return renderToStaticMarkup(createElement(FaqEntries, { data, openId, prefill: null, onOpen: () => undefined }));
}

describe('the FAQ editor and list on a forged or impossible approval', () => {
  it('two approvals at one time naming other texts: said, neither used, the list says 承認待ち', () => {
    const twin = ev('pb', 45, 'a', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(50, 'b'), factsSnapshot: {} });
    for (const events of [[drafted, editA, editB, approveA, twin], [drafted, editA, editB, twin, approveA]]) {
      const editor = page(events, 'e1');
      expect(editor).toContain('承認が同じ時刻の記録で2つあり、別々の文面を指しています');
      expect(editor).not.toMatch(/>承認 \d/);
      const list = page(events, null);
      expect(list).toContain('承認待ち');
      expect(list).toContain('承認済みの FAQ はまだありません');
    }
  });

  it('an approval naming a version written after it: said with both times, not used', () => {
    const forged = ev('pf', 45, 'a', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(50, 'b'), factsSnapshot: {} });
    const editor = page([drafted, editA, editB, forged], 'e1');
    expect(editor.match(/[^>]*の承認は、その後の[^<]*/)?.[0]).toMatch(/^2026.+ の承認は、その後の 2026.+ に書かれた第2版を指しています/);
    expect(editor).not.toContain('—');
    expect(page([drafted, editA, editB, forged], null)).toContain('承認待ち');
  });

  it('a versionAt that is no clock at all does not break the screen', () => {
    const junk = ev('pj', 45, 'a', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: 'zzz', factsSnapshot: {} });
    const editor = page([drafted, editA, junk], 'e1');
    expect(editor).toContain('承認済みとして使われていません');
  });
});
