import { describe, expect, it } from 'vitest';
import { groupQuestions, type Group } from './grouping';
import { Moves, withMoves, type MovableItem } from './moved-groups';

const at = (n: number) => `2026-12-01T0${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}:00+09:00`;
const item = (id: string, text: string, n: number, move?: { groupWith: string | null; movedAt?: string }): MovableItem => ({ id, text, at: at(n), ...move });
const group = (id: string, memberIds: string[], label = `label of ${memberIds[0]}`): Group => ({ id, memberIds, label, labelId: memberIds[0]!, terms: ['t'] });
const members = (groups: Group[]) => groups.map((g) => g.memberIds);

// The grouping as it came out: two groups about the gift, one wrong member in the first.
const LOG = [item('a', 'お詫びの品はいつ届きますか', 1), item('b', 'お詫びの品はいつ？', 2), item('x', 'お詫びの品がまだ届かない', 3), item('c', '届いていません', 4), item('d', '品物が来ない', 5)];
const AUTO = [group('a', ['a', 'b', 'x']), group('c', ['c', 'd'])];

describe('enquiries moved by a person, over the automatic groups', () => {
  it('leaves the groups as they are when nobody moved anything', () => {
    expect(withMoves(AUTO, new Moves(LOG))).toBe(AUTO);
  });

  it('moves one question into the group it belongs to, and the groups are ordered by size again', () => {
    const log = LOG.map((i) => (i.id === 'x' ? { ...i, groupWith: 'c' } : i));
    const out = withMoves(AUTO, new Moves(log));
    expect(members(out)).toEqual([
      ['x', 'c', 'd'],
      ['a', 'b'],
    ]);
    // The receiving group keeps its id and label; members stay in time order.
    expect(out[0]).toMatchObject({ id: 'c', label: 'label of c' });
  });

  it('gives a question a group of its own, labelled with its own words', () => {
    const log = LOG.map((i) => (i.id === 'b' ? { ...i, groupWith: 'b' } : i));
    const out = withMoves(AUTO, new Moves(log));
    const own = out.find((g) => g.memberIds.includes('b'))!;
    expect(own).toMatchObject({ memberIds: ['b'], label: 'お詫びの品はいつ？', labelId: 'b', terms: [] });
    expect(own.id).not.toBe('b');
    expect(new Set(out.map((g) => g.id)).size).toBe(out.length);
  });

  it("takes a new label from the group's earliest question when its label question moved away", () => {
    const log = LOG.map((i) => (i.id === 'a' ? { ...i, groupWith: 'c' } : i));
    const first = withMoves(AUTO, new Moves(log)).find((g) => g.id === 'a')!;
    expect(first).toMatchObject({ memberIds: ['b', 'x'], labelId: 'b', label: 'お詫びの品はいつ？' });
  });

  it('drops a group every question left', () => {
    const log = LOG.map((i) => (i.id === 'c' || i.id === 'd' ? { ...i, groupWith: 'a' } : i));
    expect(members(withMoves(AUTO, new Moves(log)))).toEqual([['a', 'b', 'x', 'c', 'd']]);
  });

  it('puts a question moved back (null) where the grouping puts it', () => {
    const log = LOG.map((i) => (i.id === 'x' ? { ...i, groupWith: null } : i));
    expect(members(withMoves(AUTO, new Moves(log)))).toEqual(members(AUTO));
  });

  it('takes the same words with a moved question, unless they were moved themselves', () => {
    const log = [...LOG, item('x2', 'お詫びの品がまだ届かない', 6), item('x3', ' お詫びの品がまだ届かない ', 7), item('x4', 'お詫びの品がまだ届かない', 8, { groupWith: null })];
    const auto = [group('a', ['a', 'b', 'x', 'x2', 'x3', 'x4']), group('c', ['c', 'd'])];
    const moved = log.map((i) => (i.id === 'x' ? { ...i, groupWith: 'c' } : i));
    expect(members(withMoves(auto, new Moves(moved)))).toEqual([
      ['x', 'c', 'd', 'x2', 'x3'],
      ['a', 'b', 'x4'],
    ]);
  });

  it('follows the latest of two moves of the same words', () => {
    const log = [...LOG, item('y', 'お詫びの品がまだ届かない', 6)];
    const auto = [group('a', ['a', 'b', 'x', 'y']), group('c', ['c', 'd'])];
    const moved = log.map((i) =>
      i.id === 'x' ? { ...i, groupWith: 'c', movedAt: '2026-12-01T01:00:00Z' } : i.id === 'y' ? { ...i, groupWith: 'a', movedAt: '2026-12-01T02:00:00Z' } : i,
    );
    const z = item('z', 'お詫びの品がまだ届かない', 9);
    const out = withMoves([...auto.slice(0, 1), group('c', ['c', 'd', 'z'])], new Moves([...moved, z]));
    expect(out.find((g) => g.memberIds.includes('z'))!.id).toBe('a');
  });

  it('follows a question that was itself moved, and stays with it when the grouping changes', () => {
    const log = LOG.map((i) => (i.id === 'x' ? { ...i, groupWith: 'x' } : i.id === 'd' ? { ...i, groupWith: 'x' } : i));
    const out = withMoves(AUTO, new Moves(log));
    expect(out.find((g) => g.memberIds.includes('x'))!.memberIds).toEqual(['x', 'd']);
    // The grouping later puts c with a and b: the moves hold all the same.
    const regrouped = [group('a', ['a', 'b', 'c', 'x', 'd'])];
    expect(members(withMoves(regrouped, new Moves(log)))).toEqual([
      ['a', 'b', 'c'],
      ['x', 'd'],
    ]);
  });

  it('makes one group of a loop of moves, the same whichever laptop folded it', () => {
    // Two laptops, offline: one moved x with c, the other c with x.
    const log = LOG.map((i) => (i.id === 'x' ? { ...i, groupWith: 'c' } : i.id === 'c' ? { ...i, groupWith: 'x' } : i));
    const out = withMoves(AUTO, new Moves(log));
    expect(out.find((g) => g.memberIds.includes('x'))!.memberIds).toEqual(['x', 'c']);
    expect(members(withMoves([...AUTO].reverse(), new Moves([...log].reverse())))).toEqual(members(out));
  });

  it('leaves a question where the grouping put it when the one it went with is gone from the log', () => {
    const log = LOG.filter((i) => i.id !== 'c').map((i) => (i.id === 'x' ? { ...i, groupWith: 'c' } : i));
    expect(members(withMoves([group('a', ['a', 'b', 'x']), group('d', ['d'])], new Moves(log)))).toEqual([['a', 'b', 'x'], ['d']]);
  });

  it('keeps a question where it is while the one it goes with is not grouped yet', () => {
    const log = [...LOG, item('new', '新しい質問', 9)].map((i) => (i.id === 'x' ? { ...i, groupWith: 'new' } : i));
    expect(members(withMoves(AUTO, new Moves(log)))).toEqual(members(AUTO));
  });

  describe('what a move stores', () => {
    it("is the group's label question when the grouping put it there", () => {
      const moves = new Moves(LOG);
      expect(moves.anchorFor(AUTO[1]!, 'x')).toBe('c');
    });

    it('is another question of the group when the one moving is its label', () => {
      expect(new Moves(LOG).anchorFor(AUTO[0]!, 'a')).toBe('b');
    });

    it('is the question a group of its own started from, so that moving into it lands there', () => {
      const log = LOG.map((i) => (i.id === 'd' ? { ...i, groupWith: 'd' } : i));
      const shown = withMoves(AUTO, new Moves(log));
      const own = shown.find((g) => g.id.startsWith('moved:'))!;
      const anchor = new Moves(log).anchorFor(own, 'x');
      expect(anchor).toBe('d');
      const after = log.map((i) => (i.id === 'x' ? { ...i, groupWith: anchor } : i));
      expect(withMoves(AUTO, new Moves(after)).find((g) => g.id === own.id)!.memberIds).toEqual(['x', 'd']);
    });
  });

  it('holds on real grouping output: a moved question lands in the group of the one it went with', () => {
    const texts = ['退会したいです', '退会の方法を教えて', '会員をやめたい', 'お詫びの品はいつ届く', 'お詫びの品が届かない', 'お詫びの金券について'];
    const log = texts.map((text, n) => item(`q${n}`, text, n));
    const auto = groupQuestions(log);
    const wrong = auto.find((g) => !g.memberIds.includes('q0'))!;
    const moving = wrong.memberIds.at(-1)!;
    const moves = new Moves(log);
    const target = auto.find((g) => g.memberIds.includes('q0'))!;
    const anchor = moves.anchorFor(target, moving)!;
    const moved = log.map((i) => (i.id === moving ? { ...i, groupWith: anchor } : i));
    const out = withMoves(auto, new Moves(moved));
    expect(out.find((g) => g.memberIds.includes('q0'))!.memberIds).toContain(moving);
    expect(out.flatMap((g) => g.memberIds).sort()).toEqual(log.map((i) => i.id).sort());
  });
});
