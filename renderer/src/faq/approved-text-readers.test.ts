/**
 * The published FAQ (web page, Markdown, handbook: `publishable`) reads the words the approver
 * saw (decision 067): an entry edited on two laptops at once and approved on one publishes the
 * approver's words, never the other laptop's version nobody approved; an approval that holds for
 * no version here publishes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import { foldAll } from '../../../shared/events/projection';
import { EMPTY_FACTS, type Incident } from '../../../shared/incident/model';
import { faqProjection } from '../../../shared/faq/events';
import type { FaqEntry } from '../../../shared/faq/model';
import { tFor } from '../disclosure/doc-lang';
import { renderLabels } from '../ui/render-labels';
import { faqMarkdown, publishable } from './faq-render';

const ev = (at: string, type: string, payload: unknown, actor = 'boss'): HonbuEvent => ({ id: `${type}-${at}`, incidentId: 'i1', at, actor, type, payload });
const drafted = ev('001', 'faq.entry-drafted', { entryId: 'e1', question: 'カード番号は漏れましたか', variants: [], category: 'カード', answer: '調査中です。' });
const editA = ev('040', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'カード番号は漏れましたか', answer: 'カード番号は含まれておりません。', category: 'カード' });
const editB = ev('042', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'カード番号は漏れましたか', answer: 'カード番号の一部が流出しました。', category: 'カード' }, 'op');
const approvedA = ev('045', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: '040', factsSnapshot: {} });
/** As recorded before approvals named their version. */
const approvedOld = ev('045', 'faq.entry-approved', { entryId: 'e1', version: 2, factsSnapshot: {} });

const incident = { id: 'i1', title: '不正アクセス', facts: EMPTY_FACTS } as unknown as Incident;
const labels = renderLabels(tFor('ja').dict);
const entries = (events: HonbuEvent[]): FaqEntry[] => [...foldAll(faqProjection, events).values()];

describe('the published FAQ after an edit on two laptops at once', () => {
  it('publishes the approver\'s words, in every order the events arrive in', () => {
    for (const order of [[drafted, editA, editB, approvedA], [approvedA, editB, drafted, editA], [editB, approvedA, editA, drafted]]) {
      const page = publishable(entries(order), incident, labels, 'ja-JP');
      expect(page.map((f) => f.answer)).toEqual(['カード番号は含まれておりません。']);
      expect(faqMarkdown('FAQ', '第1版', page)).not.toContain('流出しました');
    }
  });

  it('publishes nothing for an approval recorded before approvals named their version, when two texts of its version came before it', () => {
    expect(publishable(entries([drafted, editA, editB, approvedOld]), incident, labels, 'ja-JP')).toEqual([]);
  });

  it('publishes nothing while the version approved has not arrived', () => {
    expect(publishable(entries([drafted, editB, approvedA]), incident, labels, 'ja-JP')).toEqual([]);
  });
});
