/**
 * A stranger's attack on FAQ approval across two laptops: an entry edited on two laptops at
 * once, approved on one of them. Through the real commands and the real fold; the events get
 * the clocks two laptops would give them. A failing test here is a defect, left failing on purpose.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS } from '../incident/model';
import { approveEntry, draftEntry, editEntry } from './commands';
import { faqProjection } from './events';
import { approvedVersion, faqState, publishedVersion, type FaqEntry } from './model';

const direction = testContext({ roles: ['direction'], personId: 'boss', ids: ['e1'] });
const member = testContext({ roles: ['contact-lead'], personId: 'op' });

function stamp(result: ReturnType<typeof editEntry>, at: string, actor: string): HonbuEvent[] {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.events.map((d, i) => ({ id: `${at}-${i}`, incidentId: 'i1', at, actor, type: d.type, payload: d.payload }) as HonbuEvent);
}
const entryOf = (events: HonbuEvent[]): FaqEntry => foldAll(faqProjection, events).get('e1')!;

describe('an FAQ entry edited on two laptops, approved on one', () => {
  it('the approval stays with the words the approver saw: an edit from the other laptop that had not reached her is not published as approved', () => {
    const text = { question: 'カード番号は漏れましたか', category: 'カード' };
    const base = [
      ...stamp(draftEntry(direction, null, { incidentId: 'i1', text: { ...text, answer: '調査中です。' } }) as never, '2026-12-07T01:00:00.000Z', 'boss'),
    ];
    base.push(...stamp(approveEntry(direction, { entry: entryOf(base), facts: EMPTY_FACTS }), '2026-12-07T01:01:00.000Z', 'boss'));

    // 10:40 laptop A (direction) writes version 2; 10:42 laptop B (offline) writes its own version 2.
    const onA = stamp(editEntry(direction, entryOf(base), { ...text, answer: 'カード番号は含まれておりません。' }), '2026-12-07T01:40:00.000Z', 'boss');
    const onB = stamp(editEntry(member, entryOf(base), { ...text, answer: 'カード番号の一部が流出しました。カードの停止をお願いします。' }), '2026-12-07T01:42:00.000Z', 'op');
    // 10:45 on laptop A, which has not received B's edit: she approves what she sees, A's version 2.
    const seenByA = entryOf([...base, ...onA]);
    expect(publishedVersion(seenByA)?.answer).toBe('調査中です。');
    const approval = stamp(approveEntry(direction, { entry: seenByA, facts: EMPTY_FACTS }), '2026-12-07T01:45:00.000Z', 'boss');

    // Both laptops after syncing.
    const merged = entryOf([...base, ...onA, ...onB, ...approval]);
    const approvedText = faqState(merged) === 'approved' ? approvedVersion(merged)?.answer : undefined;
    // What operators read out and the vendor's workbook gets: A's words, or nothing approved — never B's, which nobody approved.
    expect(approvedText === undefined || approvedText === 'カード番号は含まれておりません。' ? 'ok' : approvedText).toBe('ok');
  });
});
