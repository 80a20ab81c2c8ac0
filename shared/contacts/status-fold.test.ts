import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { CONTACT_EVENT_TYPES, foldSeries, foldStatuses, undoneIds } from './events';
import { AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, cellOf, type Policy, TOTAL_CELLS, totalsFromCells, unpack } from './fallback';
import { adjustDelta, foldDataset, inClockOrder, packDelta, replayRows, rowsAffected, unpackDelta } from './status-fold';

const policy: Policy = { order: ['post', 'email', 'phone', 'notice'], maxRetries: 1 };
const SIZE = 40;
const avail = Uint8Array.from({ length: SIZE }, (_, i) => (i % 3 === 0 ? AVAIL_POST : AVAIL_POST | AVAIL_EMAIL | (i % 2 ? AVAIL_PHONE : 0)));
const segment = Uint16Array.from({ length: SIZE }, (_, i) => i % 2);
let n = 0;
const at = (k: number) => `${String(1_700_000_000_000 + k * 1000).padStart(16, '0')}-0000-a`;
function ev(type: string, k: number, payload: object): HonbuEvent {
  return { id: `e${++n}`, incidentId: 'inc', at: at(k), actor: 'p', type, payload: { datasetId: 'd', ...payload } };
}
const all = Array.from({ length: SIZE }, (_, i) => i);
const events: HonbuEvent[] = [
  ev(CONTACT_EVENT_TYPES.batchCreated, 1, { batchId: 'b1', channel: 'post', rows: all }),
  ev(CONTACT_EVENT_TYPES.outcomesRecorded, 2, { channel: 'post', source: 'returned-mail', rows: [1, 2, 3, 4], outcomes: ['failed', 'failed', 'failed', 'reached'], reasons: ['', '', '', ''] }),
  ev(CONTACT_EVENT_TYPES.outcomesRecorded, 3, { channel: 'email', source: 'bounce', rows: [1, 2], outcomes: ['failed', 'no-answer'], reasons: ['', ''] }),
  ev(CONTACT_EVENT_TYPES.customersExcluded, 4, { rows: [7], reason: 'deceased' }),
  ev(CONTACT_EVENT_TYPES.noticePublished, 5, { noticeRef: 's1' }),
  ev(CONTACT_EVENT_TYPES.customersExcluded, 6, { rows: [3], reason: 'do-not-contact' }),
];

describe('replaying some rows (a late event, an undo)', () => {
  it('gives those rows exactly what the full fold gives them, and each event\'s part of the chart', () => {
    const undone = undoneIds(events);
    const full = foldDataset(avail, segment, 2, events, undone, policy);
    expect(full.words).toEqual(foldStatuses(avail, events, policy));
    const rows = new Set([1, 2, 3, 7, 20]);
    const start = (r: number) => ({ avail: avail[r]!, segment: segment[r]! });
    const some = replayRows(rows, start, SIZE, events, undone, policy);
    for (const r of rows) expect(some.words.get(r), `row ${r}`).toBe(full.words[r]);
    // Every row replayed: the contributions are the full fold's chart records.
    const every = replayRows(new Set(all), start, SIZE, events, undone, policy);
    for (const [id, delta] of full.deltas) expect(packDelta(every.contributions.get(id)), id).toEqual(delta);
    // And the chart's records add up to the totals the series folds to.
    const series = foldSeries(avail, events, policy);
    const summed = new Array<number>(TOTAL_CELLS).fill(0);
    for (let i = 0; i < SIZE; i++) summed[cellOf(foldStatuses(avail, [], policy)[i]!)]! += 1;
    for (const d of full.deltas.values()) for (const [cell, diff] of unpackDelta(d)) summed[cell % TOTAL_CELLS]! += diff;
    expect(summed).toEqual(series.at(-1)!.cells);
  });

  it('an undo or a late event changes the chart records by the difference of the rows it names', () => {
    const undo = ev(CONTACT_EVENT_TYPES.eventUndone, 7, { eventId: events[1]!.id });
    const after = [...events, undo];
    const before = foldDataset(avail, segment, 2, events, undoneIds(events), policy);
    const now = foldDataset(avail, segment, 2, after, undoneIds(after), policy);
    const rows = rowsAffected(events[1]!, (fn) => before.words.forEach((w, r) => fn(r, w)), policy);
    expect([...rows]).toEqual([1, 2, 3, 4]);
    const start = (r: number) => ({ avail: avail[r]!, segment: segment[r]! });
    const was = replayRows(rows, start, SIZE, events, undoneIds(events), policy);
    const is = replayRows(rows, start, SIZE, after, undoneIds(after), policy);
    for (const [id, delta] of now.deltas) expect(adjustDelta(before.deltas.get(id)!, was.contributions.get(id), is.contributions.get(id)), id).toEqual(delta);
    expect(now.deltas.has(events[1]!.id)).toBe(false);
  });

  it('the notice names the rows waiting on it, covered, or excluded', () => {
    const words = foldDataset(avail, segment, 2, events, new Set(), policy).words;
    const rows = rowsAffected(events[4]!, (fn) => words.forEach((w, r) => fn(r, w)), policy);
    expect(rows.has(7)).toBe(true);
    expect(rows.has(3)).toBe(true);
    expect(rows.has(4)).toBe(false);
  });
});

describe('a customer waiting for the notice who calls in and is told in person', () => {
  // Rows 9, 12 and 15 have an address only: their letter comes back and they wait for the
  // notice. Row 9 calls the desk before the notice, row 12 after it covered them.
  const waiting = ev(CONTACT_EVENT_TYPES.outcomesRecorded, 10, { channel: 'post', source: 'returned-mail', rows: [9, 12, 15], outcomes: ['failed', 'failed', 'failed'], reasons: ['', '', ''] });
  const callBefore = ev(CONTACT_EVENT_TYPES.outcomesRecorded, 11, { channel: 'notice', source: 'card', rows: [9], outcomes: ['reached'], reasons: ['called-in'] });
  const notice = ev(CONTACT_EVENT_TYPES.noticePublished, 12, { noticeRef: 's2' });
  const callAfter = ev(CONTACT_EVENT_TYPES.outcomesRecorded, 13, { channel: 'notice', source: 'card', rows: [12], outcomes: ['reached'], reasons: ['called-in'] });
  const later = [waiting, callBefore, notice, callAfter];
  const start = (r: number) => ({ avail: avail[r]!, segment: segment[r]! });

  /** What the store does as events arrive one by one, in any order: replay only the rows each can change. */
  function arriveOneByOne(arrivals: HonbuEvent[]) {
    let known = [...events];
    let state = foldDataset(avail, segment, 2, known, undoneIds(known), policy);
    const words = Uint16Array.from(state.words);
    const deltas = new Map(state.deltas);
    for (const e of arrivals) {
      const next = inClockOrder([...known, e]);
      const undoneBefore = undoneIds(known);
      const undoneAfter = undoneIds(next);
      const changing = e.type === CONTACT_EVENT_TYPES.eventUndone ? known.filter((k) => undoneAfter.has(k.id) && !undoneBefore.has(k.id)) : [e];
      const rows = new Set<number>();
      for (const c of changing) for (const r of rowsAffected(c, (fn) => words.forEach((w, i) => fn(i, w)), policy)) rows.add(r);
      const was = replayRows(rows, start, SIZE, known, undoneBefore, policy);
      const is = replayRows(rows, start, SIZE, next, undoneAfter, policy);
      for (const [r, w] of is.words) words[r] = w;
      for (const id of undoneAfter) deltas.delete(id);
      for (const [id, d] of deltas) deltas.set(id, adjustDelta(d, was.contributions.get(id), is.contributions.get(id)));
      if (e.type !== CONTACT_EVENT_TYPES.eventUndone && !undoneAfter.has(e.id)) deltas.set(e.id, packDelta(is.contributions.get(e.id)));
      known = next;
    }
    state = foldDataset(avail, segment, 2, known, undoneIds(known), policy);
    return { words, deltas, full: state };
  }

  it('is reached, not covered: in the status and the totals', () => {
    const all = inClockOrder([...events, ...later]);
    const { words, cells } = foldDataset(avail, segment, 2, all, undoneIds(all), policy);
    expect(unpack(words[9]!).phase).toBe('reached');
    expect(unpack(words[12]!).phase).toBe('reached');
    expect(unpack(words[15]!).phase).toBe('covered');
    const perCell = new Array<number>(TOTAL_CELLS).fill(0);
    cells.forEach((n, i) => (perCell[i % TOTAL_CELLS]! += n));
    const withoutCalls = foldDataset(avail, segment, 2, inClockOrder([...events, waiting, notice]), new Set(), policy).cells;
    const before = new Array<number>(TOTAL_CELLS).fill(0);
    withoutCalls.forEach((n, i) => (before[i % TOTAL_CELLS]! += n));
    const t = totalsFromCells(perCell, policy.order);
    const t0 = totalsFromCells(before, policy.order);
    expect(t.calledIn).toBe(2);
    expect(t.byPhase.reached).toBe(t0.byPhase.reached + 2);
    expect(t.byPhase.covered).toBe(t0.byPhase.covered - 2);
  });

  it('comes out the same whatever order the events arrive in, late notice and undo included', () => {
    const orders = [later, [...later].reverse(), [waiting, callAfter, notice, callBefore], [callAfter, notice, waiting, callBefore], [notice, callBefore, callAfter, waiting]];
    for (const arrivals of orders) {
      const { words, deltas, full } = arriveOneByOne(arrivals);
      expect([...words], arrivals.map((e) => e.id).join()).toEqual([...full.words]);
      for (const [id, d] of full.deltas) expect(deltas.get(id), id).toEqual(d);
    }
    // Undoing the call after the notice: row 12 is covered again; undoing the notice: row 15 waits again, 9 and 12 stay reached.
    const undoCall = ev(CONTACT_EVENT_TYPES.eventUndone, 14, { eventId: callAfter.id });
    let r = arriveOneByOne([...later, undoCall]);
    expect([...r.words]).toEqual([...r.full.words]);
    expect(unpack(r.words[12]!).phase).toBe('covered');
    const undoNotice = ev(CONTACT_EVENT_TYPES.eventUndone, 15, { eventId: notice.id });
    r = arriveOneByOne([callAfter, undoNotice, notice, waiting, callBefore]);
    expect([...r.words]).toEqual([...r.full.words]);
    for (const [id, d] of r.full.deltas) expect(r.deltas.get(id), id).toEqual(d);
    expect([9, 12, 15].map((row) => unpack(r.words[row]!).phase)).toEqual(['reached', 'reached', 'pending']);
  });
});

describe('replaying some rows of a list a batch of everyone went through (the flag per row)', () => {
  it('equals the full fold for those rows on random lists, events, late ones and undos of undos', () => {
    for (let seed = 1; seed <= 40; seed++) {
      let x = seed * 15485863;
      const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
      const size = 1 + Math.floor(rnd() * 300);
      const av = Uint8Array.from({ length: size }, () => 1 + Math.floor(rnd() * 7));
      const seg = Uint16Array.from({ length: size }, () => Math.floor(rnd() * 3));
      const some = () => Array.from({ length: Math.floor(rnd() * size * 0.2) }, () => Math.floor(rnd() * (size + 3)));
      const evs: HonbuEvent[] = [ev(CONTACT_EVENT_TYPES.batchCreated, 0, { batchId: 'all', channel: 'post', rows: Array.from({ length: size }, (_, i) => i) })];
      for (let k = 1; k < 40; k++) {
        const kind = rnd();
        const when = Math.floor(rnd() * 100); // out of clock order: sorted below, as the store reads them
        const rows = some();
        if (kind < 0.35) evs.push(ev(CONTACT_EVENT_TYPES.outcomesRecorded, when, { channel: rnd() < 0.6 ? 'post' : 'email', source: rnd() < 0.5 ? 'returned-mail' : 'bounce', rows, outcomes: rows.map(() => (rnd() < 0.5 ? 'failed' : rnd() < 0.5 ? 'reached' : 'no-answer')), reasons: rows.map(() => '') }));
        else if (kind < 0.5) evs.push(ev(CONTACT_EVENT_TYPES.batchCreated, when, { batchId: `b${k}`, channel: rnd() < 0.5 ? 'email' : 'phone', rows }));
        else if (kind < 0.6) evs.push(ev(CONTACT_EVENT_TYPES.batchCancelled, when, { batchId: 'all', channel: 'post', rows }));
        else if (kind < 0.7) evs.push(ev(CONTACT_EVENT_TYPES.customersExcluded, when, { rows, reason: 'deceased' }));
        else if (kind < 0.75) evs.push(ev(CONTACT_EVENT_TYPES.noticePublished, when, { noticeRef: 's1' }));
        else evs.push(ev(CONTACT_EVENT_TYPES.eventUndone, when, { eventId: evs[Math.floor(rnd() * evs.length)]!.id }));
      }
      const sorted = inClockOrder(evs);
      const undone = undoneIds(sorted);
      const full = foldDataset(av, seg, 3, sorted, undone, policy);
      const rows = new Set(some().filter((r) => r < size));
      const replayed = replayRows(rows, (r) => ({ avail: av[r]!, segment: seg[r]! }), size, sorted, undone, policy);
      for (const r of rows) expect(replayed.words.get(r), `seed ${seed} row ${r}`).toBe(full.words[r]);
    }
  });
});
