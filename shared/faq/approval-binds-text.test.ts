/**
 * An FAQ approval is of the words the approver saw (decision 067): an entry edited on two
 * laptops at once and approved on one keeps the approver's words as approved, whatever order the
 * events reach a laptop in. From a tester's finding (faq-approval-stranger.test.ts): laptop B's
 * version 2, written offline and never seen by the approver, was published as approved.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { parseEvent } from '../events/registry';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS } from '../incident/model';
import { approveEntry, draftEntry, editEntry } from './commands';
import { faqProjection } from './events';
import { selectForHandover } from './handover';
import { approvalLapse, approvedVersion, faqState, hasPendingEdit, latestVersion, publishedVersion, type FaqEntry } from './model';
import { toSearchEntry } from './search';
import { staleness } from './stale';

const direction = testContext({ roles: ['direction'], personId: 'boss' });
const member = testContext({ roles: ['contact-lead'], personId: 'op' });

type Result = ReturnType<typeof editEntry>;
function stamp(result: Result, at: string, actor: string): HonbuEvent[] {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.events.map((d, i) => ({ id: `${at}-${i}`, incidentId: 'i1', at, actor, type: d.type, payload: d.payload }) as HonbuEvent);
}
const entryOf = (events: readonly HonbuEvent[]): FaqEntry => foldAll(faqProjection, events).get('e1')!;

/** Every order of `items` (a handful: 5 gives 120). */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const text = { question: 'カード番号は漏れましたか', category: 'カード' };
const A_WORDS = 'カード番号は含まれておりません。';
const B_WORDS = 'カード番号の一部が流出しました。カードの停止をお願いします。';

/** Version 1 approved at 10:01; 10:40 A's version 2; 10:42 B's version 2 (offline); 10:45 A approves what she sees. */
function twoLaptops() {
  const base = stamp(draftEntry(testContext({ roles: ['direction'], personId: 'boss', ids: ['e1'] }), null, { incidentId: 'i1', text: { ...text, answer: '調査中です。' } }) as Result, '2026-12-07T01:00:00.000Z', 'boss');
  base.push(...stamp(approveEntry(direction, { entry: entryOf(base), facts: EMPTY_FACTS }), '2026-12-07T01:01:00.000Z', 'boss'));
  const onA = stamp(editEntry(direction, entryOf(base), { ...text, answer: A_WORDS }), '2026-12-07T01:40:00.000Z', 'boss');
  const onB = stamp(editEntry(member, entryOf(base), { ...text, answer: B_WORDS }), '2026-12-07T01:42:00.000Z', 'op');
  const seenByA = entryOf([...base, ...onA]);
  const approval = stamp(approveEntry(direction, { entry: seenByA, facts: EMPTY_FACTS }), '2026-12-07T01:45:00.000Z', 'boss');
  return { base, onA, onB, seenByA, approval, all: [...base, ...onA, ...onB, ...approval] };
}

describe('an FAQ entry edited on two laptops, approved on one', () => {
  it('the approval stays with the words the approver saw; the other laptop\'s version waits for approval', () => {
    const { seenByA, all } = twoLaptops();
    expect(publishedVersion(seenByA)?.answer).toBe('調査中です。');
    const merged = entryOf(all);
    expect(faqState(merged)).toBe('approved');
    expect(approvedVersion(merged)?.answer).toBe(A_WORDS);
    expect(publishedVersion(merged)?.answer).toBe(A_WORDS);
    // B's words are the newest version, waiting for approval like any edit after approval.
    expect(latestVersion(merged)?.answer).toBe(B_WORDS);
    expect(hasPendingEdit(merged)).toBe(true);
    expect(approvalLapse(merged)).toBeNull();
  });

  it('every order of arrival folds to the same row (120 orders of the five events)', () => {
    const { all } = twoLaptops();
    const expected = entryOf(all);
    for (const order of orders(all)) expect(entryOf(order)).toEqual(expected);
    expect(entryOf([...all, ...all])).toEqual(expected);
  });

  it('what operators search, the vendor\'s handover and the consistency check read A\'s words, never B\'s', () => {
    const merged = entryOf(twoLaptops().all);
    expect(toSearchEntry(merged)).toMatchObject({ answer: A_WORDS, state: 'approved' });
    const selection = selectForHandover([merged], EMPTY_FACTS);
    expect(selection.ready.map((r) => r.version.answer)).toEqual([A_WORDS]);
    expect(selection.pendingEdits).toBe(1);
    expect(staleness(merged, EMPTY_FACTS).state).toBe('current');
  });

  it('the approval names the version it is of by its clock', () => {
    const { approval, onA } = twoLaptops();
    expect(approval[0]!.payload).toMatchObject({ version: 2, versionAt: onA[0]!.at });
  });

  it('an approval that reaches a laptop before the version it approved approves nothing until that version arrives', () => {
    const { base, onA, onB, approval } = twoLaptops();
    const early = entryOf([...base, ...onB, ...approval]);
    expect(faqState(early)).toBe('draft');
    expect(approvalLapse(early)).toBe('not-received');
    expect(approvedVersion(early)).toBeUndefined();
    // Nothing nobody approved goes out meanwhile: not B's words, not version 1.
    expect(toSearchEntry(early).state).toBe('draft');
    expect(selectForHandover([early], EMPTY_FACTS).ready).toEqual([]);
    const later = entryOf([...base, ...onB, ...approval, ...onA]);
    expect(faqState(later)).toBe('approved');
    expect(approvedVersion(later)?.answer).toBe(A_WORDS);
  });
});

describe('approving what the screen shows', () => {
  it('a version that arrived after the screen showed another is refused, to be read first', () => {
    const { base, onA, onB } = twoLaptops();
    const entry = entryOf([...base, ...onA, ...onB]);
    // The screen showed A's version; B's arrived (a later clock: now the latest) before the click.
    expect(approveEntry(direction, { entry, facts: EMPTY_FACTS }, { seen: onA[0]!.at })).toEqual({ ok: false, problems: [{ field: 'version', reason: 'newer-version' }] });
    const ok = approveEntry(direction, { entry, facts: EMPTY_FACTS }, { seen: onB[0]!.at });
    expect(ok.ok && ok.events[0]!.payload).toMatchObject({ version: 2, versionAt: onB[0]!.at });
  });
});

describe('approvals recorded before they named their version', () => {
  const hlc = (minute: number, node: string) => `${String(Date.parse(`2026-12-07T01:${String(minute).padStart(2, '0')}:00.000Z`)).padStart(16, '0')}-0000-${node}`;
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const raw = (n: number, minute: number, node: string, type: string, payload: unknown) => ({ id: uuid(n), incidentId: 'i1', at: hlc(minute, node), actor: node, type, payload });
  const parsed = (events: unknown[]): HonbuEvent[] =>
    events.map((e) => {
      const p = parseEvent(e);
      if (!p.ok) throw new Error(p.reason);
      return p.event as HonbuEvent;
    });
  const drafted = raw(1, 0, 'a', 'faq.entry-drafted', { entryId: 'e1', question: 'Q', variants: [], category: '', answer: '調査中です。' });
  const editA = raw(2, 40, 'a', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: A_WORDS, category: '' });
  const editB = raw(3, 42, 'b', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: B_WORDS, category: '' });
  const sameAsA = raw(4, 42, 'b', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: A_WORDS, category: '' });
  const oldApproval = raw(5, 45, 'a', 'faq.entry-approved', { entryId: 'e1', version: 2, factsSnapshot: {} });

  it('still parse, and hold for their version when only one text of that number came before them', () => {
    const row = entryOf(parsed([drafted, editA, oldApproval]));
    expect(row.approval).not.toHaveProperty('versionAt');
    expect(faqState(row)).toBe('approved');
    expect(approvedVersion(row)?.answer).toBe(A_WORDS);
    // B's version written after the approval is an edit waiting, as before.
    const withLater = entryOf(parsed([drafted, editA, oldApproval, raw(6, 50, 'b', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: B_WORDS, category: '' })]));
    expect(approvedVersion(withLater)?.answer).toBe(A_WORDS);
  });

  it('approve nothing when two laptops\' different texts of that number came before them: the entry needs approving again', () => {
    const events = parsed([drafted, editA, editB, oldApproval]);
    for (const order of orders(events)) {
      const row = entryOf(order);
      expect(faqState(row)).toBe('draft');
      expect(approvalLapse(row)).toBe('two-texts');
      expect(approvedVersion(row)).toBeUndefined();
      expect(selectForHandover([row], EMPTY_FACTS)).toMatchObject({ ready: [], drafts: 1 });
    }
  });

  it('hold when the two laptops wrote the same words', () => {
    const row = entryOf(parsed([drafted, editA, sameAsA, oldApproval]));
    expect(faqState(row)).toBe('approved');
    expect(approvedVersion(row)?.answer).toBe(A_WORDS);
  });
});

describe('two versions of one number and clock (only a forged event gives them)', () => {
  it('are both kept in an order the same on every laptop, and an approval naming that clock holds for neither', () => {
    const { base, onA, approval } = twoLaptops();
    const forged = { ...onA[0]!, id: 'forged', actor: 'op', payload: { ...(onA[0]!.payload as object), answer: B_WORDS } } as HonbuEvent;
    const events = [...base, ...onA, forged, ...approval];
    const expected = entryOf(events);
    expect(expected.versions.filter((v) => v.version === 2).map((v) => v.answer).sort()).toEqual([A_WORDS, B_WORDS].sort());
    expect(faqState(expected)).toBe('draft');
    expect(approvalLapse(expected)).toBe('two-texts');
    for (const order of orders(events)) expect(entryOf(order)).toEqual(expected);
  });
});
