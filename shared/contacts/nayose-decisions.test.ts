import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { HonbuEvent } from '../events/event';
import { eventGroup, isRegisteredEventType } from '../events/registry';
import { collapseLetters, decideClusters, fanOutOutcomes, type Member, NayoseDecisions, type PostState, representativeFirst } from './nayose-decisions';
import { nayoseEvents } from './nayose-events';
import { letterGovernance, postRanks } from './nayose-across';

let n = 0;
const ctx = { now: 0, newId: () => `id${n++}`, actor: { personId: 'p', roles: [] } };
function ev(draft: { type: string; payload: unknown }, id = `e${n++}`): HonbuEvent {
  return { id, type: draft.type, payload: draft.payload, at: `000000000000000${n}-0000-a`, actor: 'p', incidentId: 'inc' } as HonbuEvent;
}
const decide = (clusters: { members: Member[]; merge: boolean }[]) => {
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
    expect(collapseLetters('B', [0], d)).toEqual({ letters: [], coveredBy: new Map(), elsewhere: new Map([[0, A(1)]]), changed: 0 });
    // Letters saved: 4 members, one letter across both lists → 3; the kept-apart pair saves none.
    expect(d.lettersSaved()).toEqual({ merged: 1, apart: 1, saved: 3 });
  });

  it('outcomes on post fan out to the merged rows of the list, with the same outcome and reason; not on other channels', () => {
    const d = new NayoseDecisions([decide([{ members: [A(1), A(5)], merge: true }])]);
    const plan = { datasetId: 'A', channel: 'post', rows: [5, 9], outcomes: ['failed', 'reached'], reasons: ['moved', ''], notes: ['', ''] };
    expect(fanOutOutcomes(plan, d)).toEqual({ ...plan, rows: [5, 9, 1], outcomes: ['failed', 'reached', 'failed'], reasons: ['moved', '', 'moved'], notes: ['', '', ''] });
    expect(fanOutOutcomes({ ...plan, channel: 'email' }, d)).toEqual({ ...plan, channel: 'email' });
  });

  describe('members whose letters differ (a parent\'s own letter, a child\'s guardian letter)', () => {
    // Letter 0: the standard letter; letter 1: another variant (the guardian's).
    const L = (m: Member, letter: number): Member => ({ ...m, letter });

    it('merged as one household, each keeps the letter meant for it; the event says which letter each shares', () => {
      const e = decide([{ members: [L(A(1), 0), L(A(4), 1), L(B(2), 0), L(B(3), 1)], merge: true }]);
      expect(e.payload).toEqual({ lists: ['A', 'B'], mode: 'person', decisions: [{ merge: true, members: [0, 1, 0, 4, 1, 2, 1, 3], letters: [0, 1, 0, 1] }] });
      const d = new NayoseDecisions([e]);
      // List A prints both letters (it holds each letter's first member); B prints none.
      expect(collapseLetters('A', [1, 4], d)).toEqual({ letters: [1, 4], coveredBy: new Map(), elsewhere: new Map(), changed: 0 });
      expect(collapseLetters('B', [2, 3], d).elsewhere).toEqual(new Map([[2, A(1)], [3, A(4)]]));
      expect(d.letterOf('B', 3)).toEqual(A(4));
      expect(d.mergedInList('A', 4)).toEqual([4]);
      expect(d.mergedElsewhere('A', 4)).toEqual([B(3)]);
      // 4 members, 2 letters.
      expect(d.lettersSaved()).toEqual({ merged: 1, apart: 0, saved: 2 });
    });

    it('a returned parent\'s letter is not the child\'s result', () => {
      const d = new NayoseDecisions([decide([{ members: [L(A(1), 0), L(A(4), 1), L(A(6), 0)], merge: true }])]);
      const plan = { datasetId: 'A', channel: 'post', rows: [1], outcomes: ['failed'], reasons: ['moved'], notes: [''] };
      expect(fanOutOutcomes(plan, d).rows).toEqual([1, 6]);
    });

    it('numbers as given are only labels: written in order of first appearance, and not at all when one letter does', () => {
      const e = decide([{ members: [L(A(1), 7), L(A(2), 3), L(A(3), 7)], merge: true }, { members: [L(A(5), 2), L(A(6), 2)], merge: true }, { members: [L(A(8), 0), L(A(9), 1)], merge: false }]);
      const p = e.payload as { decisions: { letters?: number[] }[] };
      expect(p.decisions.map((x) => x.letters)).toEqual([[0, 1, 0], undefined, undefined]);
      const schema = nayoseEvents['contacts.nayose-decided'];
      expect(v.safeParse(schema, { lists: ['A'], mode: 'person', decisions: [{ merge: true, members: [0, 1, 0, 2], letters: [0] }] }).success).toBe(false);
      expect(v.safeParse(schema, { lists: ['A'], mode: 'person', decisions: [{ merge: true, members: [0, 1, 0, 2], letters: [0, -1] }] }).success).toBe(false);
    });

    it('a merge whose letters now differ from what was recorded (a variant saved since) is shown undecided again', () => {
      const d = new NayoseDecisions([decide([{ members: [A(1), A(4)], merge: true }])]);
      expect(d.decisionFor([L(A(1), 0), L(A(4), 0)])).toBe('merge');
      expect(d.decisionFor([L(A(1), 0), L(A(4), 2)])).toBeUndefined();
      const split = new NayoseDecisions([decide([{ members: [L(A(1), 0), L(A(4), 1)], merge: true }])]);
      expect(split.decisionFor([L(A(1), 5), L(A(4), 3)])).toBe('merge');
      expect(split.decisionFor([L(A(1), 0), L(A(4), 0)])).toBeUndefined();
    });

    it('a suggestion that no longer holds every record the merge named is undecided (its letters cannot be judged)', () => {
      const d = new NayoseDecisions([decide([{ members: [L(A(1), 0), L(A(4), 1), L(A(6), 1)], merge: true }])]);
      expect(d.decisionFor([L(A(1), 0), L(A(4), 1), L(A(6), 1)])).toBe('merge');
      expect(d.decisionFor([L(A(1), 0), L(A(6), 2)])).toBeUndefined();
      expect(d.decisionFor([L(A(1), 0), L(A(6), 1)])).toBeUndefined();
      // Kept apart stays apart when the suggestion shrinks: 「すべてまとめる」 must not merge them.
      const apart = new NayoseDecisions([decide([{ members: [A(1), A(2), A(3)], merge: false }])]);
      expect(apart.decisionFor([A(1), A(2)])).toBe('apart');
    });

    it('a merge whose 文面 differ since it was decided prints a letter per 文面, and says so, until decided again', () => {
      // Merged with one letter; then B(3)'s segment gets the guardian 文面 ('g'), the others keep the standard ('s').
      const e = decide([{ members: [A(1), A(4), B(3)], merge: true }]);
      const kinds = new Map([['A\u00001', 's'], ['A\u00004', 's'], ['B\u00003', 'g']]);
      const d = new NayoseDecisions([e], (m) => kinds.get(`${m.datasetId}\u0000${m.row}`)!);
      expect(collapseLetters('A', [1, 4], d)).toEqual({ letters: [1], coveredBy: new Map([[4, 1]]), elsewhere: new Map(), changed: 1 });
      // B's member now represents its own letter: B's batch prints it.
      expect(collapseLetters('B', [3], d)).toEqual({ letters: [3], coveredBy: new Map(), elsewhere: new Map(), changed: 1 });
      expect(d.letterOf('B', 3)).toEqual(B(3));
      expect(d.sharingLetter('A', 4)).toEqual([A(1), A(4)]);
      expect(fanOutOutcomes({ datasetId: 'A', channel: 'post', rows: [1], outcomes: ['failed'], reasons: ['moved'], notes: [''] }, d).rows).toEqual([1, 4]);
      expect(d.lettersSaved().saved).toBe(1);
      // The same 文面 as decided: nothing changes, nothing said.
      const same = new NayoseDecisions([e], () => 's');
      expect(collapseLetters('A', [1, 4], same).changed).toBe(0);
      expect(same.letterOf('B', 3)).toEqual(A(1));
      // Kept apart is never touched.
      const apart = new NayoseDecisions([decide([{ members: [A(7), A(8)], merge: false }])], (m) => String(m.row));
      expect(apart.changedSince('A', 7)).toBe(false);
    });

    it('each letter\'s addressee is a member whose own letter of that kind is already in the post', () => {
      const posted = (m: Member) => (m.datasetId === 'B' ? 'printed' : 'unsent');
      const out = representativeFirst([L(A(1), 0), L(A(4), 1), L(B(2), 0), L(B(3), 1)], posted);
      expect(out).toEqual([L(B(2), 0), L(A(1), 0), L(B(3), 1), L(A(4), 1)]);
      const d = new NayoseDecisions([decide([{ members: out, merge: true }])]);
      expect(d.letterOf('A', 4)).toEqual(B(3));
      expect(d.letterOf('A', 1)).toEqual(B(2));
      // A record whose list's letters went out without this kind never represents it; one whose list has not sent does.
      const rank = (m: Member) => (m.datasetId === 'A' ? 'covered' : 'unsent');
      expect(representativeFirst([L(A(1), 0), L(A(4), 1), L(B(2), 0), L(B(3), 1)], rank)).toEqual([L(B(2), 0), L(A(1), 0), L(B(3), 1), L(A(4), 1)]);
      // All alike: as the screen sent them.
      expect(representativeFirst([L(A(1), 0), L(A(4), 0)], () => 'unsent')).toEqual([L(A(1), 0), L(A(4), 0)]);
    });
  });

  it('both event types are registered, filed with the contact events', () => {
    for (const t of ['contacts.nayose-decided', 'contacts.nayose-undone']) {
      expect(isRegisteredEventType(t)).toBe(true);
      expect(eventGroup(t)).toBe('contacts');
    }
  });
});

describe('decisions ranked again for what is in the post (withPosted)', () => {
  it('read as constructing them again with that post state would: letters, splits, savings, decisions', () => {
    // Households across lists A and B; B's children ('k') have a 文面 of their own since the merges.
    const first = decide([
      { members: [A(1), B(1), B(2)], merge: true },
      { members: [A(2), B(3)], merge: true },
      { members: [A(3), A(4)], merge: false },
      { members: [A(5), B(5)], merge: true },
    ]);
    const second = decide([{ members: [B(5), A(6)], merge: true }]);
    const events = [first, second];
    const kids = new Set(['B\u00002', 'B\u00003', 'A\u00006']);
    const kindOf = (m: Member) => (kids.has(`${m.datasetId}\u0000${m.row}`) ? 'guardian' : 'default');
    const members = [A(1), A(2), A(3), A(4), A(5), A(6), B(1), B(2), B(3), B(5), B(9)];
    const read = (d: NayoseDecisions) => ({
      letters: members.map((m) => d.letterOf(m.datasetId, m.row)),
      changed: members.map((m) => d.changedSince(m.datasetId, m.row)),
      sharing: members.map((m) => d.sharingLetter(m.datasetId, m.row)),
      saved: d.lettersSaved(),
      decided: [d.decisionFor([A(1), B(1), B(2)]), d.decisionFor([A(3), A(4)]), d.decisionFor([B(5), A(6)])],
      anySplit: d.anySplit,
    });
    // Post states: nothing sent; B's letters sent (printed by B); A's sent without the children.
    const states: PostState[] = [
      () => 'unsent',
      (m) => (m.datasetId === 'B' ? 'printed' : 'unsent'),
      (m) => (m.datasetId === 'A' ? 'covered' : 'unsent'),
    ];
    const base = new NayoseDecisions(events, kindOf, states[0]);
    for (const state of states) {
      const fresh = new NayoseDecisions(events, kindOf, state);
      expect(read(base.withPosted(state))).toEqual(read(fresh));
    }
    // The guardian letters do move with the post state (the test would not notice otherwise).
    expect(read(base.withPosted(states[1]!)).letters).not.toEqual(read(base.withPosted(states[0]!)).letters);
    // Without a split nothing is ranked again.
    const plain = new NayoseDecisions(events);
    expect(plain.withPosted(states[1]!)).toBe(plain);
    // Made without the constructor: a field added to the class and not carried over is caught here.
    const ranked = base.withPosted(states[1]!);
    const fields = (d: NayoseDecisions) => Object.keys(d).sort();
    expect(fields(ranked)).toEqual(fields(new NayoseDecisions(events, kindOf, states[1])));
    for (const key of fields(ranked)) expect((ranked as unknown as Record<string, unknown>)[key], key).toBeDefined();
  });
});

describe('the letters now, read beside the sent batches (letterGovernance)', () => {
  // A parent in A and a child in B, merged; B's child then given the guardian 文面; a post batch of each list sent.
  const guardian = ev({ type: 'letters.variant-saved', payload: { variantId: 'g', name: '保護者様あて', segments: ['子'], items: null, addressee: 'guardian' } });
  const batch = (batchId: string, datasetId: string, rows: number[]) => [
    ev({ type: 'contacts.batch-created', payload: { batchId, datasetId, channel: 'post', rows } }),
    ev({ type: 'contacts.batch-sent', payload: { batchId, datasetId, sentAt: '2026-12-01' } }),
  ];
  const segments = new Map([['B\u00002', '子']]);
  const segmentOf = (m: Member) => segments.get(`${m.datasetId}\u0000${m.row}`) ?? '';
  const members = [A(1), A(2), B(1), B(2), B(3)];
  const read = (d: NayoseDecisions) => ({ letters: members.map((m) => d.letterOf(m.datasetId, m.row)), saved: d.lettersSaved(), anySplit: d.anySplit });
  /** The decisions now as constructed afresh from every event, with the post as the batches leave it. */
  const fresh = (events: HonbuEvent[]) => {
    const rank = postRanks(events, segmentOf);
    const kinds = (m: Member) => (segmentOf(m) === '子' ? 'g' : 'default');
    return new NayoseDecisions(events, kinds, (m, kind) => (rank(m) === 'unsent' || kinds(m) !== kind ? 'unsent' : rank(m)));
  };

  it('equal the decisions constructed afresh: nothing changed since the last batch, and a decision made after it', () => {
    // A household of A(1), B(1) and the child B(2), and one of A(2) and B(3); B sent first.
    const merged = decide([{ members: [A(1), B(1), B(2)], merge: true }, { members: [A(2), B(3)], merge: true }]);
    const untilLast = [merged, guardian, ...batch('b1', 'B', [1, 2, 3])];
    const later = [...untilLast, ...batch('b2', 'A', [2]), decide([{ members: [A(2), B(3)], merge: false }])];
    for (const events of [untilLast, later]) {
      const g = letterGovernance(events, segmentOf);
      expect(read(g.now)).toEqual(read(fresh(events)));
      expect(members.map((m) => g.rank!(m))).toEqual(members.map(postRanks(events, segmentOf)));
    }
    // The child's guardian letter went out from B: it is printed there, not covered by the parent's.
    const g = letterGovernance(untilLast, segmentOf);
    expect(g.rank!(B(2))).toBe('printed');
    expect(g.now.anySplit).toBe(true);
    expect(g.now.letterOf('B', 2)).toEqual({ datasetId: 'B', row: 2 });
    // The adults' letter was A's to print when B sent: B(1) is covered by it, and A prints it still.
    expect(g.rank!(B(1))).toBe('covered');
    expect(g.now.letterOf('B', 1)).toEqual({ datasetId: 'A', row: 1 });
    // Without the segments nothing is split, and the decisions are as constructed without them.
    expect(read(letterGovernance(later).now)).toEqual(read(new NayoseDecisions(later)));
  });
});
