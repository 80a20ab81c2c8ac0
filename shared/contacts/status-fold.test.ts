import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { CONTACT_EVENT_TYPES, foldSeries, foldStatuses, undoneIds } from './events';
import { AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, cellOf, type Policy, TOTAL_CELLS } from './fallback';
import { adjustDelta, foldDataset, packDelta, replayRows, rowsAffected, unpackDelta } from './status-fold';

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
