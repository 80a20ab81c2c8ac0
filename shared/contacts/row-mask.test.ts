/**
 * A late call result replays its few rows through every event of the list, a batch of all
 * 20M customers among them. A few rows of a long list in ascending order are found by binary
 * search instead of walking every row: the statuses, the counts and the rows told must be
 * exactly those a walk gives, whatever the lists hold.
 */
import { describe, expect, it, vi } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { applyContactEvent, CONTACT_EVENT_TYPES, type RowFilter, RowMask, type StatusAccess, undoneIds } from './events';
import { AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, initialStatus, type Policy } from './fallback';
import { foldDataset, replayRows } from './status-fold';
import { ListReader, openWhenRead, planList, putList, unopenedRuns } from '../vault/int-lists';

const policy: Policy = { order: ['post', 'email', 'phone', 'notice'], maxRetries: 1 };
const SIZE = 5_000;
const avail = Uint8Array.from({ length: SIZE }, (_, i) => (i % 3 === 0 ? AVAIL_POST : AVAIL_POST | AVAIL_EMAIL | (i % 2 ? AVAIL_PHONE : 0)));
const segment = Uint16Array.from({ length: SIZE }, (_, i) => i % 3);

/** A small deterministic generator (the same lists on every run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
}

function eventsFor(seed: number): HonbuEvent[] {
  const rnd = random(seed);
  let k = 0;
  const ev = (type: string, payload: object): HonbuEvent => ({
    id: `e${seed}-${++k}`, incidentId: 'inc', at: `${String(1_700_000_000_000 + k * 1000).padStart(16, '0')}-0000-a`, actor: 'p', type, payload: { datasetId: 'd', ...payload },
  });
  const ascending = (share: number) => Array.from({ length: SIZE }, (_, i) => i).filter(() => rnd() < share);
  const outcome = () => (['reached', 'failed', 'no-answer'] as const)[Math.floor(rnd() * 3)]!;
  const returned = ascending(0.4);
  // Out of order, a row named twice, and rows past the list's end (a hostile laptop's).
  const shuffled = [...ascending(0.3), 17, 17, SIZE + 5, -1].sort(() => rnd() - 0.5);
  const cancelled = ascending(0.2);
  return [
    ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b1', channel: 'post', rows: Array.from({ length: SIZE }, (_, i) => i) }),
    ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'post', source: 'returned-mail', rows: returned, outcomes: returned.map(outcome), reasons: returned.map(() => '') }),
    ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b2', channel: 'email', rows: shuffled }),
    ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'email', source: 'bounce', rows: shuffled, outcomes: shuffled.map(outcome), reasons: shuffled.map(() => '') }),
    ev(CONTACT_EVENT_TYPES.batchCancelled, { batchId: 'b2', channel: 'email', rows: cancelled }),
    ev(CONTACT_EVENT_TYPES.customersExcluded, { rows: ascending(0.05), reason: 'deceased' }),
    ev(CONTACT_EVENT_TYPES.noticePublished, { noticeRef: 's1' }),
    ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'post', source: 'call', rows: [SIZE - 1], outcomes: ['reached'], reasons: [''] }),
  ];
}

/** Statuses as a fold leaves them, and every row it told (the store's undo guards). */
function foldWith(events: readonly HonbuEvent[], only: (size: number) => RowFilter) {
  const words = Uint16Array.from({ length: SIZE }, (_, i) => initialStatus(avail[i]!, policy.order));
  const told: number[] = [];
  const changed: number[] = [];
  const access: StatusAccess = { size: SIZE, get: (r) => words[r]!, set: (r, w) => (words[r] = w), avail: (r) => avail[r]!, toucher: () => (r) => told.push(r) };
  for (const e of events) changed.push(applyContactEvent(access, e, policy, only(SIZE)));
  return { words, told, changed };
}

describe('a few rows replayed through long lists', () => {
  it.each([1, 2, 3, 4, 5, 6])('fold as walking every row does (lists %i)', (seed) => {
    const events = eventsFor(seed);
    const rnd = random(seed * 7919);
    for (const count of [1, 3, 40, 150]) {
      // Each once, as a replay asks (its rows are a Set), some past either end of the list.
      const rows = [...new Set(Array.from({ length: count }, () => Math.floor(rnd() * (SIZE + 10)) - 5))];
      const searched = foldWith(events, (size) => new RowMask(size, rows));
      // A plain Set is not searched: every row of every event is walked.
      const walked = foldWith(events, () => new Set(rows));
      expect(searched.changed, `${count} rows`).toEqual(walked.changed);
      expect(searched.told, `${count} rows`).toEqual(walked.told);
      expect(searched.words, `${count} rows`).toEqual(walked.words);
    }
  });

  it('look up the rows they name in a batch of everyone, not each of its rows', () => {
    const [everyone] = eventsFor(1);
    const mask = new RowMask(SIZE, [4, 4_000, 77]);
    const asked = vi.spyOn(mask, 'has');
    const words = Uint16Array.from({ length: SIZE }, (_, i) => initialStatus(avail[i]!, policy.order));
    const access: StatusAccess = { size: SIZE, get: (r) => words[r]!, set: (r, w) => (words[r] = w), avail: (r) => avail[r]! };
    expect(applyContactEvent(access, everyone!, policy, mask)).toBe(3);
    expect(asked.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('a replay of a few rows gives them what the whole fold gives them', () => {
    for (const seed of [11, 12, 13]) {
      const events = eventsFor(seed);
      const undone = undoneIds(events);
      const full = foldDataset(avail, segment, 3, events, undone, policy);
      const rows = new Set([0, 1, 2, 17, 999, 2_500, SIZE - 1]);
      const some = replayRows(rows, (r) => ({ avail: avail[r]!, segment: segment[r]! }), SIZE, events, undone, policy);
      for (const r of rows) expect(some.words.get(r), `row ${r}`).toBe(full.words[r]);
    }
  });

  /**
   * The events as the page gets them from the event reader (decision 058): each list of rows
   * written in runs put on its payload unopened, opened when first read.
   */
  function handedOver(events: readonly HonbuEvent[]): { events: HonbuEvent[]; opened: () => number } {
    let opened = 0;
    const out = events.map((e) => {
      const payload = { ...(e.payload as Record<string, unknown>) };
      const rows = payload.rows as number[] | undefined;
      if (rows) {
        const plan = planList(rows);
        const ints = new Int32Array(plan.size);
        putList(ints, 0, rows, plan);
        const runs = new ListReader(ints, 0, () => new Error('damaged')).runList(0);
        if (runs)
          openWhenRead(payload, 'rows', runs, () => {
            opened++;
            return new ListReader(ints, 0, () => new Error('damaged')).take();
          });
      }
      return { ...e, payload } as HonbuEvent;
    });
    return { events: out, opened: () => opened };
  }

  it.each([1, 2, 3, 4])('lists not opened yet fold as walking every row does, and a few rows leave a batch of everyone unopened (lists %i)', (seed) => {
    const rnd = random(seed * 104_729);
    // Besides eventsFor's lists, results for nearly everyone (in runs, so handed over unopened),
    // each row's outcome its own: a row found at the wrong place in the list would get another's.
    const dense = Array.from({ length: SIZE }, (_, i) => i).filter(() => rnd() < 0.97);
    const outcomes = dense.map((r) => (['reached', 'failed', 'no-answer'] as const)[(r * 7 + seed) % 3]!);
    const base = eventsFor(seed);
    const late = { ...base[1]!, id: `dense-${seed}`, at: base[1]!.at.replace('-a', '-b'), payload: { datasetId: 'd', channel: 'post', source: 'call', rows: dense, outcomes, reasons: dense.map(() => '') } };
    const events = [...base.slice(0, 2), late, ...base.slice(2)];
    for (const count of [1, 3, 40, 150, 400]) {
      const rows = [...new Set(Array.from({ length: count }, () => Math.floor(rnd() * (SIZE + 10)) - 5))];
      const walked = foldWith(events, () => new Set(rows));
      const given = handedOver(events);
      const searched = foldWith(given.events, (size) => new RowMask(size, rows));
      expect(searched.changed, `${count} rows`).toEqual(walked.changed);
      expect(searched.told, `${count} rows`).toEqual(walked.told);
      expect(searched.words, `${count} rows`).toEqual(walked.words);
      // The batch of everyone (one run) is searched, never opened, for up to 1/32 of its rows.
      const everyone = given.events[0]!.payload as object;
      if (rows.length * 32 <= SIZE) expect(unopenedRuns(everyone, 'rows'), `${count} rows`).toBeDefined();
      // And whatever reads it afterwards gets its rows.
      expect((given.events[0]!.payload as { rows: number[] }).rows).toEqual((events[0]!.payload as { rows: number[] }).rows);
    }
  });

  it('lists not opened yet: a replay through them gives the rows what the whole fold gives them', () => {
    for (const seed of [11, 12, 13]) {
      const events = eventsFor(seed);
      const undone = undoneIds(events);
      const full = foldDataset(avail, segment, 3, events, undone, policy);
      const rows = new Set([0, 1, 2, 17, 999, 2_500, SIZE - 1]);
      const given = handedOver(events);
      const some = replayRows(rows, (r) => ({ avail: avail[r]!, segment: segment[r]! }), SIZE, given.events, undone, policy);
      for (const r of rows) expect(some.words.get(r), `row ${r}`).toBe(full.words[r]);
      expect(unopenedRuns(given.events[0]!.payload as object, 'rows')).toBeDefined();
    }
  });

  it('a mask of more rows than a Set holds answers as one does', () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => (i * 7) % 100_000);
    const mask = new RowMask(100_000, [...rows, -3, 100_000, rows[5]!]);
    const set = new Set(rows);
    expect(mask.count).toBe(set.size);
    for (let r = -5; r < 100_005; r += 3) expect(mask.has(r), `row ${r}`).toBe(set.has(r));
    expect([...mask.sorted()]).toEqual([...set].sort((a, b) => a - b));
  });
});
