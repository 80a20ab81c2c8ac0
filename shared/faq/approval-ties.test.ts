/**
 * An FAQ approval with another's clock, or naming words written after it (addendum to decision
 * 067). Kept from a tester's re-attack (shared/faq/faq-approval-reattack.test.ts) with its
 * expectations made exact: where the re-attack asked only that laptops agree on a forged tie,
 * here they agree on approving neither; where it asked only that a version written after the
 * approval is not approved, here nothing is, with the reason the screen says. Every case folds
 * in every arrival order.
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
/** The row every arrival order folds to (they must all be equal). */
function everyOrder(events: readonly HonbuEvent[]): FaqEntry {
  const rows = orders(events).map(entryOf);
  for (const row of rows) expect(row).toEqual(rows[0]);
  return rows[0]!;
}

const A_WORDS = 'カード番号は含まれておりません。';
const B_WORDS = 'カード番号の一部が流出しました。カードの停止をお願いします。';
const drafted = raw(1, hlc(0, 'a'), 'boss', 'faq.entry-drafted', { entryId: 'e1', question: 'Q', variants: [], category: '', answer: '調査中です。' });
const approve1 = raw(2, hlc(1, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 1, versionAt: hlc(0, 'a'), factsSnapshot: {} });
const editA = raw(3, hlc(40, 'a'), 'boss', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: A_WORDS, category: '' });
const editB = raw(4, hlc(42, 'b'), 'op', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: B_WORDS, category: '' });
const approveA = raw(5, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: {} });
// A modified laptop copies the clock of A's approval into one naming B's version.
const twin = raw(6, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(42, 'b'), factsSnapshot: {} });

describe('two approvals with one clock', () => {
  it('naming different versions: neither is approved, on every laptop whatever the order (was: the first to arrive won)', () => {
    const row = everyOrder(parsed([drafted, approve1, editA, editB, approveA, twin]));
    expect(approvedVersion(row)).toBeUndefined();
    expect(approvalLapse(row)).toBe('two-approvals');
    expect(faqState(row)).toBe('draft');
  });

  it('a replay of the tied approval and a third copy change nothing: still neither, every order', () => {
    const replay = { ...approveA };
    const third = raw(7, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: {} });
    const row = everyOrder(parsed([drafted, editA, editB, approveA, twin, replay, third]));
    expect(approvalLapse(row)).toBe('two-approvals');
    expect(approvedVersion(row)).toBeUndefined();
  });

  it('naming different version numbers (2 and 1) at one clock: neither', () => {
    const oldNumber = raw(7, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 1, versionAt: hlc(0, 'a'), factsSnapshot: {} });
    const row = everyOrder(parsed([drafted, editA, approveA, oldNumber]));
    expect(approvalLapse(row)).toBe('two-approvals');
    expect(faqState(row)).toBe('draft');
  });

  it('a replayed approval alone is not a tie: it holds', () => {
    const row = everyOrder(parsed([drafted, editA, editB, approveA, { ...approveA }]));
    expect(approvalLapse(row)).toBeNull();
    expect(approvedVersion(row)?.answer).toBe(A_WORDS);
  });

  it('naming the same words with other facts or another name: the words hold, and every laptop keeps the same approval', () => {
    const sameWords = raw(7, hlc(45, 'a'), 'someone', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: { deskPhone: '0120-000-000' } });
    const row = everyOrder(parsed([drafted, editA, editB, approveA, sameWords]));
    expect(approvalLapse(row)).toBeNull();
    expect(approvedVersion(row)?.answer).toBe(A_WORDS);
    expect(faqState(row)).toBe('approved');
  });

  it('a later approval settles it, every order: the words it names are approved', () => {
    const again = raw(8, hlc(50, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: {} });
    const row = everyOrder(parsed([drafted, editA, editB, approveA, twin, again]));
    expect(approvalLapse(row)).toBeNull();
    expect(row.approval?.contested).toBeUndefined();
    expect(approvedVersion(row)?.answer).toBe(A_WORDS);
  });

  it('an older approval with a tie of its own no longer matters once a later one arrives', () => {
    const earlyTwin = raw(9, hlc(1, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 1, versionAt: hlc(1, 'x'), factsSnapshot: {} });
    const row = everyOrder(parsed([drafted, approve1, earlyTwin, editA, approveA]));
    expect(approvalLapse(row)).toBeNull();
    expect(approvedVersion(row)?.answer).toBe(A_WORDS);
  });
});

describe('an approval naming a version written after it', () => {
  it('B\'s version of 10:50 named by an approval of 10:45 approves nothing, every order (was: approved B\'s words)', () => {
    const lateB = raw(4, hlc(50, 'b'), 'op', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'Q', answer: B_WORDS, category: '' });
    const forged = raw(6, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(50, 'b'), factsSnapshot: {} });
    const row = everyOrder(parsed([drafted, approve1, editA, lateB, forged]));
    expect(approvedVersion(row)).toBeUndefined();
    expect(approvalLapse(row)).toBe('written-after');
    expect(faqState(row)).toBe('draft');
  });

  it('one written later in the same millisecond (a higher counter) approves nothing either; one named by the approval\'s own clock neither', () => {
    const edit3 = raw(8, hlc(50, 'b', 1), 'op', 'faq.entry-edited', { entryId: 'e1', version: 3, question: 'Q', answer: '第3版', category: '' });
    const forged = raw(9, hlc(50, 'a', 0), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 3, versionAt: hlc(50, 'b', 1), factsSnapshot: {} });
    expect(approvalLapse(everyOrder(parsed([drafted, editA, edit3, forged])))).toBe('written-after');
    const own = raw(10, hlc(50, 'b', 1), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 3, versionAt: hlc(50, 'b', 1), factsSnapshot: {} });
    expect(approvalLapse(everyOrder(parsed([drafted, editA, edit3, own])))).toBe('written-after');
  });

  it('the version arriving later changes nothing: before it arrives too, nothing is approved', () => {
    const forged = raw(6, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(50, 'b'), factsSnapshot: {} });
    const row = entryOf(parsed([drafted, editA, forged]));
    expect(approvalLapse(row)).toBe('written-after');
    expect(approvedVersion(row)).toBeUndefined();
  });
});

describe('what held', () => {
  it('an approval whose versionAt names version 2 but whose number says 3 approves nothing, on every order', () => {
    const wrong = raw(6, hlc(45, 'a'), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 3, versionAt: hlc(40, 'a'), factsSnapshot: {} });
    const row = everyOrder(parsed([drafted, editA, wrong]));
    expect(faqState(row)).toBe('draft');
    expect(approvedVersion(row)).toBeUndefined();
  });

  it('a retirement and an approval with the same clock fold alike in every order', () => {
    const retire = raw(7, hlc(45, 'a'), 'boss', 'faq.entry-retired', { entryId: 'e1', reason: '古い' });
    everyOrder(parsed([drafted, editA, approveA, retire]));
  });

  it('two retirements with the same clock and other reasons: the same one kept on every laptop', () => {
    const r1 = raw(7, hlc(45, 'a'), 'boss', 'faq.entry-retired', { entryId: 'e1', reason: '古い' });
    const r2 = raw(8, hlc(45, 'a'), 'boss', 'faq.entry-retired', { entryId: 'e1', reason: '重複' });
    const row = everyOrder(parsed([drafted, r1, r2]));
    expect(faqState(row)).toBe('retired');
  });

  it('two laptops approve two different version 2s concurrently: every order folds to one row, and the later approval\'s words are approved', () => {
    const approveB = raw(6, hlc(46, 'b'), 'boss2', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(42, 'b'), factsSnapshot: {} });
    const row = everyOrder(parsed([drafted, approve1, editA, editB, approveA, approveB]));
    expect(approvedVersion(row)?.answer).toBe(B_WORDS);
  });

  it('an edit and an approval in the same millisecond (counter 0 and 1): the approval of what was shown holds', () => {
    const edit3 = raw(8, hlc(50, 'a', 1), 'boss', 'faq.entry-edited', { entryId: 'e1', version: 3, question: 'Q', answer: '第3版', category: '' });
    const approve2 = raw(9, hlc(50, 'a', 0), 'boss', 'faq.entry-approved', { entryId: 'e1', version: 2, versionAt: hlc(40, 'a'), factsSnapshot: {} });
    const row = everyOrder(parsed([drafted, editA, approve2, edit3]));
    expect(approvedVersion(row)?.answer).toBe(A_WORDS);
    expect(latestVersion(row)?.answer).toBe('第3版');
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
