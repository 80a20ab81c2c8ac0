/**
 * The FAQ editor says calmly when an approval does not apply to the words here (decision 067),
 * and which version operators and the call centre read while another laptop's waits.
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
const ev = (minute: number, node: string, type: string, payload: unknown): HonbuEvent => ({ id: `${type}-${minute}`, incidentId: 'i1', at: hlc(minute, node), actor: node, type, payload });
const drafted = ev(0, 'a', 'faq.entry-drafted', { entryId: 'e1', question: 'カード番号は漏れましたか', variants: [], category: 'カード', answer: '調査中です。' });
const editA = ev(40, 'a', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'カード番号は漏れましたか', answer: 'カード番号は含まれておりません。', category: 'カード' });
const editB = ev(42, 'b', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'カード番号は漏れましたか', answer: 'カード番号の一部が流出しました。', category: 'カード' });

function page(events: HonbuEvent[], openId: string | null): string {
  const faq = [...foldAll(faqProjection, events).values()];
  const data = { incident: { id: 'i1', title: '不正アクセス', facts: EMPTY_FACTS }, enquiries: [], faq, notices: [], company: null } as unknown as OpenIncident;
  return renderToStaticMarkup(createElement(FaqEntries, { data, openId, prefill: null, onOpen: () => undefined }));
}

describe('the FAQ editor and list on an approval that does not apply', () => {
  it('an approval recorded before approvals named their version, with two texts of it: said, and the entry waits for approval again', () => {
    const old = ev(45, 'a', 'faq.entry-approved', { entryId: 'e1', version: 2, factsSnapshot: {} });
    const editor = page([drafted, editA, editB, old], 'e1');
    expect(editor).toContain('第2版には別々の端末で書かれた2つの文面があり');
    expect(editor).not.toMatch(/>承認 \d/);
    const list = page([drafted, editA, editB, old], null);
    expect(list).toContain('承認待ち');
    expect(list).toContain('承認がいまの文面に当てはまらない FAQ 1 件');
    expect(list).toContain('承認済みの FAQ はまだありません');
  });

  it('an approval of the version seen: the editor names the approved version in use and the one waiting', () => {
    const approved = ev(45, 'a', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: {} });
    const editor = page([drafted, editA, editB, approved], 'e1');
    expect(editor).toMatch(/承認済みの第2版（[^）]+）が使われています。その後の第2版（[^）]+）は承認を待っています/);
    expect(editor).not.toContain('別々の端末');
    expect(editor).toMatch(/>承認 \d/);
  });
});
