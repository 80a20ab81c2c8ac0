/**
 * Texts that leave the building with a gap the checks did not see (a stranger's findings): a
 * stressed member edits a notice with the Japanese IME on and types the desk's phone placeholder
 * in full-width braces, or a placeholder name in Japanese, or clears a fact with a space.
 */
import { describe, expect, it } from 'vitest';
import { defaultNoticeSections, noticeChecklist } from '../disclosure/notice';
import { approveDocument } from '../disclosure/commands';
import type { VersionedDoc } from '../disclosure/doc-versions';
import { renderTemplate } from '../incident/render';
import { quotedFacts } from '../faq/stale';
import { FACTS, OPTS } from './fixtures';
import { checkRelease, type OutgoingDocument } from './unfilled';

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

describe('a placeholder typed with the IME on', () => {
  it('in full-width braces and letters, is the placeholder: the letter reads the phone number', () => {
    for (const typed of ['電話番号：｛｛deskPhone｝｝', '電話番号：｛｛ｄｅｓｋＰｈｏｎｅ｝｝', '電話番号：{{　deskPhone　}}']) {
      const r = renderTemplate(typed, { title: 't', facts: known }, OPTS);
      expect(r.text, typed).toBe('電話番号：0120-123-456');
      expect(r.quotes).toContain('deskPhone');
      expect(quotedFacts(typed)).toEqual(['deskPhone']);
    }
    expect(approve(notice('電話番号：｛｛deskPhone｝｝')).ok).toBe(true);
  });

  it('with a name that is no placeholder ({{電話番号}}, ｛｛ｄｅｓｋ｝｝), is refused at approval (before, it went out as typed)', () => {
    for (const typed of ['電話番号：{{電話番号}}', '電話番号：｛｛ｄｅｓｋ｝｝']) {
      const sections = notice(typed);
      expect(noticeChecklist(sections, known).some((c) => c.severity === 'error'), typed).toBe(true);
      expect(approve(sections).ok, typed).toBe(false);
      const r = renderTemplate(typed, { title: 't', facts: known }, OPTS);
      expect(r.unknown.length).toBe(1);
    }
  });
});

describe('a fact cleared with a space', () => {
  it('counts as not filled for the release gate, as it does for the notice checklist', () => {
    const facts = { ...known, deskPhone: '　' };
    const template = '専用窓口までお電話ください。\n電話: {{deskPhone}}（{{deskHours}}）';
    const answer = renderTemplate(template, { title: 't', facts }, OPTS);
    expect(answer.missing).toContain('deskPhone');
    expect(answer.text).not.toContain('電話: 　（');
    expect(noticeChecklist(defaultNoticeSections('ja'), facts).some((c) => c.code === 'fact-unknown' && c.fact === 'deskPhone')).toBe(true);
    const doc: OutgoingDocument = { id: 'faq-answer:e1', kind: 'faq-answer', title: '問い合わせ先は？', parts: [{ where: '問い合わせ先は？', template }] };
    expect(checkRelease([doc], { title: 't', facts }, OPTS, []).blocked.map((b) => b.fact)).toContain('deskPhone');
  });
});
