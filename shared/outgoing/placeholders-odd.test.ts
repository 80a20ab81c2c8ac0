/**
 * The one placeholder pattern (render.ts PLACEHOLDER_PATTERN) as a stressed member types it —
 * an emptied placeholder, a space or a no-break space inside — and what each reader (render,
 * notice approval, FAQ draft, FAQ search) makes of it: filled or reported, never left in the
 * text unreported (a tester's findings).
 */
import { describe, expect, it } from 'vitest';
import { defaultNoticeSections, noticeChecklist } from '../disclosure/notice';
import { approveDocument } from '../disclosure/commands';
import type { VersionedDoc } from '../disclosure/doc-versions';
import { renderTemplate } from '../incident/render';
import { draftEntry } from '../faq/commands';
import { FACTS, OPTS } from './fixtures';

const known = { ...FACTS, deskPhone: '0120-123-456', itemsNotLeaked: ['creditCard' as const], discoveredAt: '2026-12-01T01:00:00.000Z' };

function draftNotice(sections: { key: string; text: string }[]): VersionedDoc {
  return {
    id: 'i1:1', incidentId: 'i1', version: 1, lang: 'ja', sections, state: 'draft', factsSnapshot: null,
    approverId: null, approvedBy: null, approvedAt: null, publishedAt: null, publishedBy: null, publishedSections: null,
    approvals: [], createdAt: '', createdBy: 'p1', updatedAt: '', stamps: {}, order: sections.map((s) => s.key),
  };
}
const approve = (sections: { key: string; text: string }[], facts = known) =>
  approveDocument({ now: 0, newId: () => 'x', actor: { personId: 'p-dir', roles: ['direction'] } }, { doc: draftNotice(sections), approver: { id: 'p-dir', name: '部長', roles: ['direction'] }, facts }, { kind: 'notice', checklist: [] });
const notice = (text: string) => defaultNoticeSections('ja').map((s) => (s.key === 'other' ? { ...s, text } : s));
const render = (text: string) => renderTemplate(text, { title: 't', facts: known }, OPTS);

describe('a placeholder that does not go out as typed', () => {
  it.each([
    ['an emptied placeholder {{}}', '電話番号：{{}}'],
    ['an emptied placeholder {{ }}', '電話番号：{{ }}'],
    ['an emptied full-width placeholder ｛｛　｝｝', '電話番号：｛｛　｝｝'],
    ['a name with a space {{desk Phone}}', '電話番号：{{desk Phone}}'],
    ['a Japanese name with a space {{電話 番号}}', '電話番号：{{電話 番号}}'],
    ['a no-break space before the name {{\u00a0deskPhone}}', '電話番号：{{\u00a0deskPhone}}'],
    ['a line break inside {{deskPhone\\n}}', '電話番号：{{deskPhone\n}}'],
  ])('%s is filled or reported (never left in the text unreported)', (_what, text) => {
    const r = render(text);
    const handled = r.unknown.length > 0 || r.text.includes('0120-123-456');
    expect({ text: r.text, unknown: r.unknown.length, handled }).toMatchObject({ handled: true });
  });

  it.each([
    ['{{ }}', '電話番号：{{ }}'],
    ['{{desk Phone}}', '電話番号：{{desk Phone}}'],
  ])('a notice holding %s is refused at approval', (_what, text) => {
    const sections = notice(text);
    expect(noticeChecklist(sections, known).some((c) => c.severity === 'error')).toBe(true);
    expect(approve(sections).ok).toBe(false);
  });
});

describe('FAQ drafts and search', () => {
  const ctx = { now: 0, newId: () => 'e1', actor: { personId: 'p1', roles: ['direction' as const] } };
  it('an FAQ answer with {{desk Phone}} (a placeholder typed with a space) is refused as an unknown placeholder', () => {
    const r = draftEntry(ctx as never, null, { incidentId: 'i1', text: { question: '窓口の電話番号は？', answer: '{{desk Phone}} までお電話ください。', category: '' } });
    expect(r.ok).toBe(false);
  });

});
