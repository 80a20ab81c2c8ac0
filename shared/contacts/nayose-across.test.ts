import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { HonbuEvent } from '../events/event';
import type { LaterChange } from './applied-lists';
import { contactEvents } from './events';
import { carryAcross, linkedEvents, recordLetterResult, undoLinked } from './nayose-across';
import { collapseLetters, decideClusters, NayoseDecisions } from './nayose-decisions';

let n = 0;
const ctx = { now: 0, newId: () => `id${n++}`, actor: { personId: 'p', roles: [] } };
function ev(draft: { type: string; payload: unknown }, id = `e${n++}`): HonbuEvent {
  return { id, type: draft.type, payload: draft.payload, at: `000000000000000${n}-0000-a`, actor: 'p', incidentId: 'inc' } as HonbuEvent;
}
const decide = (clusters: { members: { datasetId: string; row: number }[]; merge: boolean }[], mode: 'person' | 'household' = 'person') => {
  const r = decideClusters(ctx, { incidentId: 'inc' }, { mode, clusters });
  if (!r.ok) throw new Error('refused');
  return ev(r.events[0]!);
};
const A = (row: number) => ({ datasetId: 'A', row });
const B = (row: number) => ({ datasetId: 'B', row });
const C = (row: number) => ({ datasetId: 'C', row });
const LATER: LaterChange = { eventId: 'later', at: '', actor: 'p', type: 'contacts.outcomes-recorded', customers: 1 };

/** Letters of every list's batch: the rows each prints. */
function allLetters(d: NayoseDecisions, batches: Record<string, number[]>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(batches).map(([list, rows]) => [list, collapseLetters(list, rows, d).letters]));
}

describe('名寄せ across lists: one letter per person', () => {
  it('two lists with the same person: exactly one letter, printed by the representative\'s list, addressed to its row', () => {
    const d = new NayoseDecisions([decide([{ members: [A(4), B(0), B(7)], merge: true }])]);
    expect(allLetters(d, { A: [1, 4, 9], B: [0, 3, 7] })).toEqual({ A: [1, 4, 9], B: [3] });
    expect(d.letterOf('B', 7)).toEqual(A(4));
    expect(d.letterOf('B', 3)).toEqual(B(3));
    expect(d.lettersSaved().saved).toBe(2);
  });

  it('the same letters whichever list\'s batch is made first, and whatever each batch holds', () => {
    const d = new NayoseDecisions([decide([{ members: [A(4), B(0)], merge: true }])]);
    // B's batch alone (A's not made yet, or made on another laptop): B still prints nothing for the person.
    expect(collapseLetters('B', [0, 3], d).letters).toEqual([3]);
    // A's batch that does not hold row 4 (another segment): no letter there either — the letter
    // waits for A's batch that holds it; B's record is listed as covered by A's row 4.
    expect(collapseLetters('A', [1], d).letters).toEqual([1]);
    expect(collapseLetters('B', [0], d).elsewhere.get(0)).toEqual(A(4));
    // Made before the decision: every batch prints its own; read again after it, one letter.
    const before = new NayoseDecisions([]);
    expect(allLetters(before, { A: [4], B: [0] })).toEqual({ A: [4], B: [0] });
    expect(allLetters(d, { B: [0], A: [4] })).toEqual({ A: [4], B: [] });
  });

  it('undo of the merge gives each list its letter back', () => {
    const decided = decide([{ members: [A(4), B(0)], merge: true }]);
    const undone = ev({ type: 'contacts.nayose-undone', payload: { eventId: decided.id } });
    expect(allLetters(new NayoseDecisions([decided, undone]), { A: [4], B: [0] })).toEqual({ A: [4], B: [0] });
  });

  it('a household across three lists: one letter to the first list\'s lowest row; kept apart prints all', () => {
    const d = new NayoseDecisions([
      decide([{ members: [A(2), A(3), B(5), C(1)], merge: true }], 'household'),
      decide([{ members: [A(8), C(9)], merge: false }]),
    ]);
    expect(allLetters(d, { A: [2, 3, 8], B: [5], C: [1, 9] })).toEqual({ A: [2, 8], B: [], C: [9] });
    expect(d.letterOf('C', 1)).toEqual(A(2));
    expect(d.lettersSaved()).toEqual({ merged: 1, apart: 1, saved: 3 });
  });

  it('a later decision taking the representative away moves the letter to the next list', () => {
    const d = new NayoseDecisions([decide([{ members: [A(4), B(0), C(2)], merge: true }]), decide([{ members: [A(4), A(6)], merge: false }])]);
    expect(d.letterOf('C', 2)).toEqual(B(0));
    expect(allLetters(d, { A: [4, 6], B: [0], C: [2] })).toEqual({ A: [4, 6], B: [0], C: [] });
  });
});

describe('a letter\'s result across lists', () => {
  const plan = { datasetId: 'A', channel: 'post', source: 'returned-mail', rows: [4, 9], outcomes: ['failed' as const, 'reached' as const], reasons: ['moved', ''], notes: ['', ''], listName: 'r.csv' };

  it('carries the outcome to the members of other lists, one share per list; nothing for other channels', () => {
    const d = new NayoseDecisions([decide([{ members: [A(4), B(0), B(7), C(3)], merge: true }])]);
    expect(carryAcross(plan, d)).toEqual([
      { datasetId: 'B', channel: 'post', rows: [0, 7], outcomes: ['failed', 'failed'], reasons: ['moved', 'moved'], notes: ['', ''] },
      { datasetId: 'C', channel: 'post', rows: [3], outcomes: ['failed'], reasons: ['moved'], notes: [''] },
    ]);
    expect(carryAcross({ ...plan, channel: 'email' }, d)).toEqual([]);
    // Recorded for B's record (a customer-number list naming it): carried back to A.
    expect(carryAcross({ ...plan, datasetId: 'B', rows: [7], outcomes: ['reached'], reasons: [''], notes: [''] }, d).map((s) => [s.datasetId, s.rows])).toEqual([['A', [4]], ['C', [3]]]);
  });

  it('one event per list, linked by one id, valid by the schema; none linked when nothing is carried', () => {
    const d = new NayoseDecisions([decide([{ members: [A(4), B(0)], merge: true }])]);
    const r = recordLetterResult(ctx, { incidentId: 'inc' }, { ...plan, channel: 'post' }, carryAcross({ ...plan, channel: 'post' }, d));
    if (!r.ok) throw new Error('refused');
    expect(r.events.map((e) => [(e.payload as { datasetId: string }).datasetId, (e.payload as { rows: number[] }).rows])).toEqual([['A', [4, 9]], ['B', [0]]]);
    const links = r.events.map((e) => (e.payload as { linked?: string }).linked);
    expect(links[0]).toBeTruthy();
    expect(links[1]).toBe(links[0]);
    for (const e of r.events) expect(v.safeParse(contactEvents['contacts.outcomes-recorded'], e.payload).success).toBe(true);
    const alone = recordLetterResult(ctx, { incidentId: 'inc' }, { ...plan, channel: 'post' }, []);
    expect(alone.ok && (alone.events[0]!.payload as { linked?: string }).linked).toBeUndefined();
  });

  it('undo of either share takes both back; refused as a list while one share is no longer the latest', () => {
    const d = new NayoseDecisions([decide([{ members: [A(4), B(0)], merge: true }])]);
    const r = recordLetterResult(ctx, { incidentId: 'inc' }, { ...plan, channel: 'post' }, carryAcross({ ...plan, channel: 'post' }, d));
    if (!r.ok) throw new Error('refused');
    const [a, b] = r.events.map((e) => ev(e));
    const other = ev({ type: 'contacts.outcomes-recorded', payload: { datasetId: 'A', channel: 'post', source: 'x', rows: [1], outcomes: ['reached'], reasons: [''], linked: 'another' } });
    const events = [a!, b!, other];
    expect(linkedEvents(events, 'B', b!.id)).toEqual([{ datasetId: 'B', eventId: b!.id }, { datasetId: 'A', eventId: a!.id }]);
    expect(linkedEvents(events, 'A', other.id)).toEqual([{ datasetId: 'A', eventId: other.id }]);
    const shares = linkedEvents(events, 'A', a!.id);
    const undo = undoLinked(ctx, { incidentId: 'inc', shares, checked: false });
    expect(undo.ok && undo.events.map((e) => e.payload)).toEqual([{ datasetId: 'A', eventId: a!.id }, { datasetId: 'B', eventId: b!.id }]);
    // Once undone, the share is no longer linked live.
    const undoneB = ev(undo.ok ? undo.events[1]! : { type: '', payload: {} });
    expect(linkedEvents([...events, undoneB], 'A', a!.id)).toEqual([{ datasetId: 'A', eventId: a!.id }]);
    const blocked = undoLinked(ctx, {
      incidentId: 'inc',
      checked: true,
      shares: shares.map((s, i) => ({ ...s, list: { eventId: s.eventId, undone: null, blockedBy: i === 1 ? LATER : null } })),
    });
    expect(blocked.ok).toBe(false);
  });
});
