/**
 * A second tester on "an FAQ approval binds to the version the approver saw" (decision 067)
 * with forged and reordered events from a modified laptop. Folds must agree on every laptop
 * whatever order events arrive in, and nothing the approver could not have seen is approved.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { parseEvent } from '../events/registry';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS } from '../incident/model';
import { approveEntry } from './commands';
import { faqProjection } from './events';
import { approvalLapse, approvedVersion, faqState, latestVersion, type FaqEntry } from './model';

const hlc = (minute: number, node: string, counter = 0) => `${String(Date.parse(`2026-12-07T01:${String(minute).padStart(2, '0')}:00.000Z`)).padStart(16, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const raw = (n: number, at: string, actor: string, type: string, payload: unknown) => ({ id: uuid(n), incidentId: 'i1', at, actor, type, payload });
function parsed(events: unknown[]): HonbuEvent[] {
  return events.map((e) => {
    const p = parseEvent(e);
    if (!p.ok) throw new Error(p.reason);
    return p.event as HonbuEvent;
  });
}
const entryOf = (events: readonly HonbuEvent[]): FaqEntry => foldAll(faqProjection, events).get('e1')!;
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const A_WORDS = 'カード番号は含まれておりません。';
const B_WORDS = 'カード番号の一部が流出しました。カードの停止をお願いします。';
const drafted = raw(1, hlc(0, 'a'), 'boss', 'faq.entry-drafted', { entryId: 'e1', question: 'Q', variants: [], category: '', answer: '調査中です。' });
const approve1 = raw(2, hlc(1, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 1, versionAt: hlc(0, 'a'), factsSnapshot: {} });
const editA = raw(3, hlc(40, 'a'), 'boss', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: A_WORDS, category: '' });
const editB = raw(4, hlc(42, 'b'), 'op', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: B_WORDS, category: '' });
const approveA = raw(5, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: {} });

describe('forged approvals', () => {
  it('two approvals with the same clock naming different versions fold to the same approved words in either order', () => {
    // A modified laptop copies the clock of A's approval into one naming B's version.
    const twin = raw(6, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(42, 'b'), factsSnapshot: {} });
    const events = parsed([drafted, approve1, editA, editB, approveA, twin]);
    const one = entryOf(events);
    const other = entryOf([...events.slice(0, 4), events[5]!, events[4]!]);
    expect(approvedVersion(other)?.answer).toBe(approvedVersion(one)?.answer);
    expect(other.approval).toEqual(one.approval);
  });

  it('an approval naming a version written after it (B\'s version of 10:50, approval of 10:45) approves nothing: the approver cannot have seen it', () => {
    const lateB = raw(4, hlc(50, 'b'), 'op', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: B_WORDS, category: '' });
    const forged = raw(6, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(50, 'b'), factsSnapshot: {} });
    const row = entryOf(parsed([drafted, approve1, editA, lateB, forged]));
    expect(approvedVersion(row)?.answer).not.toBe(B_WORDS);
  });

  it('an approval whose versionAt names version 2 but whose number says 3 approves nothing, on every order', () => {
    const wrong = raw(6, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 3, versionAt: hlc(40, 'a'), factsSnapshot: {} });
    const events = parsed([drafted, editA, wrong]);
    for (const o of orders(events)) {
      expect(faqState(entryOf(o))).toBe('draft');
      expect(approvedVersion(entryOf(o))).toBeUndefined();
    }
  });

  it('a retirement and an approval with the same clock fold alike in either order', () => {
    const retire = raw(7, hlc(45, 'a'), 'boss', 'faq.entry-retired', { entryId: 'e1', reason: '古い' });
    const events = parsed([drafted, editA, approveA, retire]);
    const states = orders(events).map((o) => faqState(entryOf(o)));
    expect(new Set(states).size).toBe(1);
  });
});

describe('honest laptops, any order', () => {
  it('two laptops approve two different version 2s concurrently: every order folds to one row, and the later approval\'s words are approved', () => {
    const approveB = raw(6, hlc(46, 'b'), 'boss2', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(42, 'b'), factsSnapshot: {} });
    const events = parsed([drafted, approve1, editA, editB, approveA, approveB]);
    const expected = entryOf(events);
    expect(approvedVersion(expected)?.answer).toBe(B_WORDS);
    for (const o of orders(events)) expect(entryOf(o)).toEqual(expected);
  });

  it('an edit and an approval in the same millisecond (counter 0 and 1): the approval of what was shown holds', () => {
    const edit3 = raw(8, hlc(50, 'a', 1), 'boss', 'faq.entry-edited', { entryId: 'e1', version: 3, question: 'Q', answer: '第3版', category: '' });
    const approve2 = raw(9, hlc(50, 'a', 0), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: {} });
    const events = parsed([drafted, editA, approve2, edit3]);
    for (const o of orders(events)) {
      const row = entryOf(o);
      expect(approvedVersion(row)?.answer).toBe(A_WORDS);
      expect(latestVersion(row)?.answer).toBe('第3版');
    }
  });

  it('the command refuses a seen clock that is not the latest, and approves the one shown', () => {
    const row = entryOf(parsed([drafted, approve1, editA, editB]));
    const direction = testContext({ roles: ['direction'], personId: 'boss' });
    expect(approveEntry(direction, { entry: row, facts: EMPTY_FACTS }, { seen: hlc(40, 'a') }).ok).toBe(false);
    expect(approveEntry(direction, { entry: row, facts: EMPTY_FACTS }, { seen: 'nonsense' }).ok).toBe(false);
    const ok = approveEntry(direction, { entry: row, facts: EMPTY_FACTS }, { seen: hlc(42, 'b') });
    expect(ok.ok && ok.events[0]!.payload).toMatchObject({ version: 2, versionAt: hlc(42, 'b') });
    expect(approvalLapse(row)).toBeNull();
  });
});
