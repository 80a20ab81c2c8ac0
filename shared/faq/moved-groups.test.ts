import { describe, expect, it } from 'vitest';
import { regroupEnquiry } from './commands';
import { groupQuestions, type Group, type GroupItem } from './grouping';
import type { Enquiry } from './model';
import { Moves, NEW_GROUP, withMoves, type MovableItem } from './moved-groups';
import { testContext } from '../events/test-context';

const at = (n: number) => `2026-12-01T0${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}:00+09:00`;
const item = (id: string, text: string, n: number): MovableItem => ({ id, text, at: at(n) });
const group = (id: string, memberIds: string[], label = `label of ${memberIds[0]}`): Group => ({ id, memberIds, label, labelId: memberIds[0]!, terms: ['t'] });
const members = (groups: Group[]) => groups.map((g) => g.memberIds);
const holding = (id: string) => (shown: Group[]) => shown.find((g) => g.memberIds.includes(id))!;

// The grouping as it came out: the gift (a, b, x, y) and withdrawal (c, d).
const LOG = [
  item('a', 'お詫びの品はいつ届きますか', 1),
  item('b', 'お詫びの品はいつ？', 2),
  item('x', 'お詫びの品がまだ届かない', 3),
  item('y', '品物が来ないのですが', 4),
  item('c', '退会したいです', 5),
  item('d', '退会の方法を教えて', 6),
];
const AUTO = [group('a', ['a', 'b', 'x', 'y']), group('c', ['c', 'd'])];

let clock = 0;
/** What the screen does when a person moves `id`: to a group as shown, a new group, or back. */
function move(log: MovableItem[], id: string, to: 'new' | 'automatic' | ((shown: Group[]) => Group), groups: Group[] = AUTO): MovableItem[] {
  const moves = new Moves(log);
  const groupWith = to === 'new' ? `g:new-${id}-${++clock}` : to === 'automatic' ? null : moves.anchorFor(to(withMoves(groups, moves)), id);
  return log.map((i) => (i.id === id ? { ...i, groupWith, movedAt: `2026-12-05T00:00:${String(++clock).padStart(2, '0')}Z` } : i));
}
const shownOf = (log: MovableItem[], groups: Group[] = AUTO) => withMoves(groups, new Moves(log));
const groupOf = (log: MovableItem[], id: string, groups: Group[] = AUTO) => shownOf(log, groups).find((g) => g.memberIds.includes(id))!.memberIds;

describe('enquiries moved by a person, over the automatic groups', () => {
  it('leaves the groups as they are when nobody moved anything', () => {
    expect(withMoves(AUTO, new Moves(LOG))).toBe(AUTO);
  });

  it('moves one question into the group it belongs to; members in time order, groups by size', () => {
    const out = shownOf(move(LOG, 'y', holding('c')));
    expect(members(out)).toEqual([
      ['a', 'b', 'x'],
      ['y', 'c', 'd'],
    ]);
    expect(out[1]).toMatchObject({ id: 'c', label: 'label of c' });
  });

  it('gives a question a new group of its own, labelled with its words; another question joins it', () => {
    let log = move(LOG, 'x', 'new');
    const own = shownOf(log).find((g) => g.memberIds.includes('x'))!;
    expect(own).toMatchObject({ memberIds: ['x'], label: 'お詫びの品がまだ届かない', labelId: 'x', terms: [] });
    log = move(log, 'y', holding('x'));
    expect(groupOf(log, 'x')).toEqual(['x', 'y']);
    expect(new Set(shownOf(log).map((g) => g.id)).size).toBe(shownOf(log).length);
  });

  it("takes a new label from the group's earliest question when its label question moved away", () => {
    const first = shownOf(move(LOG, 'a', holding('c'))).find((g) => g.id === 'a')!;
    expect(first).toMatchObject({ memberIds: ['b', 'x', 'y'], labelId: 'b', label: 'お詫びの品はいつ？' });
  });

  it('drops a group every question left', () => {
    let log = move(LOG, 'c', holding('a'));
    log = move(log, 'd', holding('a'));
    expect(members(shownOf(log))).toEqual([['a', 'b', 'x', 'y', 'c', 'd']]);
  });

  it('puts a question moved back (null) where the grouping puts it', () => {
    expect(members(shownOf(move(move(LOG, 'x', holding('c')), 'x', 'automatic')))).toEqual(members(AUTO));
  });

  it('holds when the grouping changes around it', () => {
    const log = move(LOG, 'x', holding('c'));
    // The grouping later splits the gift group: x stays with c, wherever the grouping puts c.
    const regrouped = [group('a', ['a', 'b']), group('y', ['y']), group('c', ['c', 'd', 'x'])];
    expect(groupOf(log, 'x', regrouped)).toEqual(['x', 'c', 'd']);
  });

  describe('moving one question moves only that question (found by a stranger, who had three moves drag others)', () => {
    it('a group made by hand keeps its other questions when its first question is put back', () => {
      let log = move(LOG, 'x', 'new');
      log = move(log, 'y', holding('x'));
      log = move(log, 'x', 'automatic');
      expect(groupOf(log, 'y')).toEqual(['y']);
      expect(groupOf(log, 'x')).toEqual(['a', 'b', 'x']);
    });

    it('「この質問だけの新しいグループ」 takes that question only, not the ones moved in beside it', () => {
      let log = move(LOG, 'x', holding('c'));
      log = move(log, 'c', 'new');
      expect(groupOf(log, 'c')).toEqual(['c']);
      expect(groupOf(log, 'x')).toEqual(['x', 'd']);
    });

    it('two laptops offline: a move of the question another was moved beside undoes nothing', () => {
      const l1 = move(LOG, 'x', holding('c'));
      const l2 = move(LOG, 'c', holding('a'));
      const merged = LOG.map((i) => l1.find((j) => j.id === i.id && j.groupWith !== undefined) ?? l2.find((j) => j.id === i.id && j.groupWith !== undefined) ?? i);
      expect(groupOf(merged, 'x')).toEqual(['x', 'd']);
      expect(groupOf(merged, 'c')).toEqual(['a', 'b', 'y', 'c']);
      // The same whichever order the laptop folded them in.
      expect(members(withMoves([...AUTO].reverse(), new Moves([...merged].reverse())))).toEqual(members(shownOf(merged)));
    });
  });

  describe('the same words', () => {
    it('go with a moved question, unless they were moved or put back themselves', () => {
      const log = [...LOG, item('x2', 'お詫びの品がまだ届かない', 7), item('x3', ' お詫びの品がまだ届かない ', 8), { ...item('x4', 'お詫びの品がまだ届かない', 9), groupWith: null }];
      const auto = [group('a', ['a', 'b', 'x', 'y', 'x2', 'x3', 'x4']), group('c', ['c', 'd'])];
      const moved = move(log, 'x', 'new', auto);
      const moves = new Moves(moved);
      expect(groupOf(moved, 'x', auto)).toEqual(['x', 'x2', 'x3']);
      expect(groupOf(moved, 'x4', auto)).toContain('a');
      expect([moves.movedByHand('x'), moves.followsWords('x'), moves.movedByHand('x2'), moves.followsWords('x2'), moves.followsWords('x4')]).toEqual([true, false, false, true, false]);
    });

    it('follow the latest of two moves of the same words', () => {
      const log = [...LOG, item('x2', 'お詫びの品がまだ届かない', 7), item('z', 'お詫びの品がまだ届かない', 9)];
      const auto = [group('a', ['a', 'b', 'x', 'y', 'x2']), group('c', ['c', 'd', 'z'])];
      let moved = move(log, 'x', holding('c'), auto);
      moved = move(moved, 'x2', holding('a'), auto);
      expect(groupOf(moved, 'z', auto)).toContain('a');
    });

    it('a question moved into the group that holds its own words joins that group (it does not split it)', () => {
      const items: GroupItem[] = [
        { id: 'a1', text: 'お詫びの品はいつ届きますか', at: at(1), category: '返品・交換' },
        { id: 'a2', text: 'お詫びの品はいつ届くのか', at: at(2), category: '返品・交換' },
        { id: 'a3', text: 'お詫びの品の発送はいつですか', at: at(3), category: '返品・交換' },
        { id: 'b1', text: 'お詫びの品はいつ届きますか', at: at(4), category: '情報流出' },
        { id: 'b2', text: '私の情報は流出しましたか', at: at(5), category: '情報流出' },
        { id: 'b3', text: 'クレジットカードは大丈夫ですか', at: at(6), category: '情報流出' },
      ];
      const auto = groupQuestions(items);
      expect(auto.find((g) => g.memberIds.includes('a1'))!.memberIds).toEqual(['a1', 'a2', 'a3']);
      const log = move(items, 'b1', holding('a1'), auto);
      expect(groupOf(log, 'b1', auto)).toEqual(['a1', 'a2', 'a3', 'b1']);
    });

    it('a question only following the same words can be put back (the command takes it as a change)', () => {
      const log = [...LOG, item('x2', 'お詫びの品がまだ届かない', 7)];
      const moved = move(log, 'x', 'new', [group('a', ['a', 'b', 'x', 'y', 'x2']), group('c', ['c', 'd'])]);
      expect(new Moves(moved).followsWords('x2')).toBe(true);
      const x2 = { id: 'x2', incidentId: 'inc', question: 'お詫びの品がまだ届かない', stamps: {} } as unknown as Enquiry;
      const result = regroupEnquiry(testContext(), { enquiry: x2, target: null }, { groupWith: null });
      expect(result.ok && result.events[0]!.payload).toEqual({ enquiryId: 'x2', groupWith: null });
      expect(new Moves(moved.map((i) => (i.id === 'x2' ? { ...i, groupWith: null } : i))).followsWords('x2')).toBe(false);
    });
  });

  it('leaves a question where the grouping put it, untagged, when the one it went with is gone from the log', () => {
    const log = move(LOG, 'x', holding('c')).filter((i) => i.id !== 'c');
    const moves = new Moves(log);
    expect(members(withMoves([group('a', ['a', 'b', 'x', 'y']), group('d', ['d'])], moves))).toEqual([['a', 'b', 'x', 'y'], ['d']]);
    expect(moves.movedByHand('x')).toBe(false);
  });

  it('keeps a question where it is while the one it goes with is not grouped yet', () => {
    const log = [...LOG, item('new', '新しい質問', 9)].map((i) => (i.id === 'x' ? { ...i, groupWith: 'new' } : i));
    expect(members(withMoves(AUTO, new Moves(log)))).toEqual(members(AUTO));
  });

  it('reads a move "with itself" (as first stored) as a group of its own', () => {
    const log = LOG.map((i) => (i.id === 'x' ? { ...i, groupWith: 'x' } : i));
    expect(groupOf(log, 'x')).toEqual(['x']);
  });

  it('never follows a chain of moves (3,000 moves each beside the one before cost seconds a change): each goes to the automatic group of the one it names', () => {
    const n = 3001;
    const log: MovableItem[] = Array.from({ length: n }, (_, i) => ({ id: `e${i}`, text: `質問 ${i}`, at: at(i % 500), ...(i > 0 ? { groupWith: `e${i - 1}` } : {}) }));
    // The grouping put each enquiry in a group of its own.
    const auto = log.map((e) => group(e.id, [e.id]));
    const out = withMoves(auto, new Moves(log));
    // e3000 went beside e2999, whose automatic group it now holds alone (e2999 itself went on to e2998's).
    expect(out.find((g) => g.memberIds.includes('e3000'))!.memberIds).toEqual(['e3000']);
    expect(out.find((g) => g.memberIds.includes('e1'))!.memberIds).toEqual(['e0', 'e1']);
  });

  describe('found by a second breaker', () => {
    it('moving a question into the group holding only what was moved beside it takes it back to its automatic group (it was refused as invalid)', () => {
      const log = [item('q', '届かない', 1), item('p', 'お詫びの品が届かない', 2), item('r', '退会したい', 3)];
      const auto = [group('q', ['q']), group('p', ['p']), group('r', ['r'])];
      let moved = move(log, 'p', holding('q'), auto);
      moved = move(moved, 'q', 'new', auto);
      const moves = new Moves(moved);
      const left = withMoves(auto, moves).find((g) => g.memberIds.includes('p'))!;
      expect(left.memberIds).toEqual(['p']);
      expect(moves.anchorFor(left, 'q')).toBeNull();
    });

    it('putting back the latest move of some words takes the questions that followed it back too (they jumped to an older move)', () => {
      const log = [item('a', '退会したい', 1), item('b', '退会したい', 2), item('f', '退会したい', 3), item('c', '別の質問', 4), item('d', '三つ目', 5)];
      const auto = [group('a', ['a', 'b', 'f']), group('c', ['c']), group('d', ['d'])];
      let moved = move(log, 'a', holding('c'), auto);
      moved = move(moved, 'b', holding('d'), auto);
      expect(groupOf(moved, 'f', auto)).toContain('d');
      moved = move(moved, 'b', 'automatic', auto);
      expect(groupOf(moved, 'f', auto)).toEqual(['b', 'f']);
      expect(groupOf(moved, 'a', auto)).toEqual(['a', 'c']);
    });

    it('says how many questions of the same words go with a move', () => {
      const log = [item('a', '退会したい', 1), item('b', ' 退会したい', 2), item('c', '退会したい', 3), item('d', '退会したいです', 4)];
      const moved = move(log, 'c', 'automatic');
      expect(new Moves(log).sameWordsAs('a', log)).toBe(2);
      // A question moved (or put back) itself does not go with another's move.
      expect(new Moves(moved).sameWordsAs('a', moved)).toBe(1);
    });
  });

  describe('the same words where a question goes (found by a reviewer: they showed unanswered)', () => {
    const homes = (groups: Group[]) => {
      const home = new Map(groups.flatMap((g) => g.memberIds.map((id) => [id, g.id] as const)));
      return (id: string) => home.get(id);
    };

    it('are kept by the move when at home there: they go with it, but nothing took them away', () => {
      // b2 has b's words and was grouped with c; b was grouped with a. b moves to c's group.
      const log = [...LOG, item('b2', 'お詫びの品はいつ？', 7)];
      const groups = [group('a', ['a', 'b', 'x', 'y']), group('c', ['c', 'd', 'b2'])];
      const moves = new Moves(log);
      const target = holding('c')(withMoves(groups, moves));
      const kept = moves.keptBy(target, 'b', log, homes(groups));
      expect(kept).toEqual([{ id: 'b2' }]);
      const after = log.map((i) => (i.id === 'b' ? { ...i, groupWith: moves.anchorFor(target, 'b'), movedAt: '2026-12-05T00:00:00Z', kept } : i));
      const next = new Moves(after);
      expect(groupOf(after, 'b', groups)).toEqual(['b', 'c', 'd', 'b2']);
      expect(next.awayAt('b')).toBe('2026-12-05T00:00:00Z');
      expect(next.awayAt('b2')).toBeUndefined();
      // Without it (a move from a laptop before this), b2 counts as taken away.
      expect(new Moves(after.map((i) => (i.id === 'b' ? { ...i, kept: undefined } : i))).awayAt('b2')).toBe('2026-12-05T00:00:00Z');
    });

    it('are kept as away since they were when an earlier move took them there', () => {
      // b2 (home: c's group) and b4 (a group of its own) followed b3's move into a's group at 01:00.
      const log = [...LOG, item('b2', 'お詫びの品はいつ？', 7), item('b3', 'お詫びの品はいつ？', 8), item('b4', 'お詫びの品はいつ？', 9)];
      const groups = [group('a', ['a', 'x', 'y']), group('c', ['c', 'd', 'b2']), group('b', ['b']), group('b3', ['b3']), group('b4', ['b4'])];
      const moved = log.map((i) => (i.id === 'b3' ? { ...i, groupWith: 'a', movedAt: '2026-12-05T01:00:00Z' } : i));
      const moves = new Moves(moved);
      const target = holding('a')(withMoves(groups, moves));
      expect(target.memberIds).toContain('b2');
      expect(moves.keptBy(target, 'b', moved, homes(groups))).toEqual([
      { id: 'b2', awayAt: '2026-12-05T01:00:00Z' },
      { id: 'b4', awayAt: '2026-12-05T01:00:00Z' },
    ]);
    });

    it('are only those of the same words not moved themselves, and none for a question with no words', () => {
      const log = [...LOG, item('b2', ' お詫びの品はいつ？ ', 7), item('b3', 'お詫びの品はいつ？', 8), item('blank', '', 9), item('blank2', '  ', 10)];
      const moved = log.map((i) => (i.id === 'b3' ? { ...i, groupWith: 'a', movedAt: '2026-12-05T00:00:00Z' } : i));
      const groups = [group('a', ['a', 'b', 'x', 'y']), group('c', ['c', 'd', 'b2', 'b3', 'blank2'])];
      const target = group('c', ['c', 'd', 'b2', 'b3', 'blank2']);
      expect(new Moves(moved).keptBy(target, 'b', moved, homes(groups))).toEqual([{ id: 'b2' }]);
      expect(new Moves(moved).keptBy(target, 'blank', moved, homes(groups))).toEqual([]);
    });

    it('an away time after the move itself (forged) reads as the move’s', () => {
      const log = [...LOG, item('b2', 'お詫びの品はいつ？', 7)];
      const after = log.map((i) => (i.id === 'b' ? { ...i, groupWith: 'c', movedAt: '2026-12-05T00:00:00Z', kept: [{ id: 'b2', awayAt: '9999' }] } : i));
      expect(new Moves(after).awayAt('b2')).toBe('2026-12-05T00:00:00Z');
    });

    it('reads a move that keeps 20,000 questions in linear time', () => {
      const many = Array.from({ length: 20_000 }, (_, i) => item(`t${i}`, '退会したいです', 10));
      const log = [...LOG, ...many];
      const after = log.map((i) => (i.id === 'c' ? { ...i, groupWith: 'a', movedAt: '2026-12-05T00:00:00Z', kept: many.map((t) => ({ id: t.id })) } : i));
      const moves = new Moves(after);
      expect(many.every((t) => moves.awayAt(t.id) === undefined)).toBe(true);
    });
  });

  describe('what a move stores', () => {
    it("is the group's label question when the grouping put it there", () => {
      expect(new Moves(LOG).anchorFor(AUTO[1]!, 'x')).toBe('c');
    });

    it('is another question of the group when the one moving is its label', () => {
      expect(new Moves(LOG).anchorFor(AUTO[0]!, 'a')).toBe('b');
    });

    it('is the key of a group people made', () => {
      const log = move(LOG, 'd', 'new');
      const made = shownOf(log).find((g) => g.memberIds.includes('d'))!;
      expect(new Moves(log).anchorFor(made, 'x')).toBe(log.find((i) => i.id === 'd')!.groupWith);
    });

    it('for a group left with only questions moved in, the automatic group they were moved to', () => {
      let log = move(LOG, 'x', holding('c'));
      log = move(log, 'c', 'new');
      log = move(log, 'd', holding('a'));
      const left = shownOf(log).find((g) => g.memberIds.includes('x'))!;
      expect(left.memberIds).toEqual(['x']);
      expect(new Moves(log).anchorFor(left, 'y')).toBe('c');
    });
  });

  it('a new group asked of the command gets a key of its own each time', () => {
    const e = { id: 'x', incidentId: 'inc', question: 'q', stamps: {} } as unknown as Enquiry;
    const ctx = testContext({ ids: ['k1', 'k2'] });
    const first = regroupEnquiry(ctx, { enquiry: e, target: null }, { groupWith: NEW_GROUP });
    const second = regroupEnquiry(ctx, { enquiry: { ...e, groupWith: null }, target: null }, { groupWith: NEW_GROUP });
    expect([first, second].map((r) => r.ok && (r.events[0]!.payload as { groupWith: string }).groupWith)).toEqual(['g:k1', 'g:k2']);
  });
});
