import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { HonbuEvent } from '../events/event';
import { eventGroup, isRegisteredEventType } from '../events/registry';
import { collapseLetters, decideClusters, fanOutOutcomes, NayoseDecisions } from './nayose-decisions';
import { nayoseEvents } from './nayose-events';

let n = 0;
const ctx = { now: 0, newId: () => `id${n++}`, actor: { personId: 'p', roles: [] } };
function ev(draft: { type: string; payload: unknown }, id = `e${n++}`): HonbuEvent {
  return { id, type: draft.type, payload: draft.payload, at: `000000000000000${n}-0000-a`, actor: 'p', incidentId: 'inc' } as HonbuEvent;
}
const decide = (clusters: { members: { datasetId: string; row: number }[]; merge: boolean }[]) => {
  const r = decideClusters(ctx, { incidentId: 'inc' }, { mode: 'person', clusters });
  if (!r.ok) throw new Error('refused');
  return ev(r.events[0]!);
};
const A = (row: number) => ({ datasetId: 'A', row });
const B = (row: number) => ({ datasetId: 'B', row });

describe('名寄せ decisions', () => {
  it('the event names lists once and rows by index; bad members are refused by the schema', () => {
    const e = decide([{ members: [A(3), B(7), A(9)], merge: true }]);
    expect(e.payload).toEqual({ lists: ['A', 'B'], mode: 'person', decisions: [{ merge: true, members: [0, 3, 1, 7, 0, 9] }] });
    const schema = nayoseEvents['contacts.nayose-decided'];
    expect(v.safeParse(schema, { lists: ['A'], mode: 'person', decisions: [{ merge: true, members: [0, 1] }] }).success).toBe(false);
    expect(v.safeParse(schema, { lists: ['A'], mode: 'person', decisions: [{ merge: true, members: [0, 1, 2, 3] }] }).success).toBe(false);
    expect(v.safeParse(schema, { lists: ['A'], mode: 'everyone', decisions: [{ merge: true, members: [0, 1, 0, 3] }] }).success).toBe(false);
    expect(decideClusters(ctx, { incidentId: 'inc' }, { mode: 'person', clusters: [{ members: [A(1)], merge: true }] }).ok).toBe(false);
  });

  it('a later decision naming a row takes it over; an undone one no longer counts', () => {
    const first = decide([{ members: [A(1), A(2), A(3)], merge: true }]);
    const second = decide([{ members: [A(3), A(4)], merge: false }]);
    const d = new NayoseDecisions([first, second]);
    expect(d.mergedInList('A', 1)).toEqual([1, 2]);
    expect(d.mergedInList('A', 3)).toEqual([3]);
    expect(d.decisionFor([A(1), A(2), A(3)])).toBeUndefined(); // changed since
    expect(d.decisionFor([A(3), A(4)])).toBe('apart');
    const undo = ev({ type: 'contacts.nayose-undone', payload: { eventId: second.id } });
    const after = new NayoseDecisions([first, second, undo]);
    expect(after.mergedInList('A', 3)).toEqual([1, 2, 3]);
    expect(after.events.map((e) => e.id)).toEqual([first.id]);
  });

  it('letters: one per merged cluster among the batch rows, to its first row in the batch; the other list\'s member left to the printing list', () => {
    const d = new NayoseDecisions([decide([{ members: [A(1), A(5), B(0), A(8)], merge: true }, { members: [A(2), A(6)], merge: false }])]);
    const out = collapseLetters('A', [8, 6, 5, 2, 1], d);
    expect(out.letters).toEqual([1, 2, 6]);
    expect([...out.coveredBy]).toEqual([[5, 1], [8, 1]]);
    // Row 1 not in this batch: row 5 carries the letter for 5 and 8.
    expect(collapseLetters('A', [5, 8], d).letters).toEqual([5]);
    // B's member is covered by A's letter (A holds the representative): no letter in B's batch.
    expect(collapseLetters('B', [0], d)).toEqual({ letters: [], coveredBy: new Map(), elsewhere: new Map([[0, A(1)]]) });
    // Letters saved: 4 members, one letter across both lists → 3; the kept-apart pair saves none.
    expect(d.lettersSaved()).toEqual({ merged: 1, apart: 1, saved: 3 });
  });

  it('outcomes on post fan out to the merged rows of the list, with the same outcome and reason; not on other channels', () => {
    const d = new NayoseDecisions([decide([{ members: [A(1), A(5)], merge: true }])]);
    const plan = { datasetId: 'A', channel: 'post', rows: [5, 9], outcomes: ['failed', 'reached'], reasons: ['moved', ''], notes: ['', ''] };
    expect(fanOutOutcomes(plan, d)).toEqual({ ...plan, rows: [5, 9, 1], outcomes: ['failed', 'reached', 'failed'], reasons: ['moved', '', 'moved'], notes: ['', '', ''] });
    expect(fanOutOutcomes({ ...plan, channel: 'email' }, d)).toEqual({ ...plan, channel: 'email' });
  });

  it('both event types are registered, filed with the contact events', () => {
    for (const t of ['contacts.nayose-decided', 'contacts.nayose-undone']) {
      expect(isRegisteredEventType(t)).toBe(true);
      expect(eventGroup(t)).toBe('contacts');
    }
  });
});
