/**
 * Attacks on the binary-search path of applyContactEvent (a RowMask of few rows, a long
 * strictly ascending list): whatever the lists and masks hold, the fold must be the walk's.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { ListReader, planList, putList } from '../vault/int-lists';
import { applyContactEvent, CONTACT_EVENT_TYPES, type RowFilter, RowMask, type StatusAccess } from './events';
import { AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, initialStatus, type Policy } from './fallback';

const policy: Policy = { order: ['post', 'email', 'phone', 'notice'], maxRetries: 1 };
const SIZE = 4_000;
const avail = Uint8Array.from({ length: SIZE }, (_, i) => (i % 5 === 0 ? AVAIL_POST : AVAIL_POST | AVAIL_EMAIL | (i % 2 ? AVAIL_PHONE : 0)));

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
}

let k = 0;
const ev = (type: string, payload: object): HonbuEvent => ({
  id: `e${++k}`, incidentId: 'inc', at: `${String(1_700_000_000_000 + k * 1000).padStart(16, '0')}-0000-a`, actor: 'p', type, payload: { datasetId: 'd', ...payload },
});
const OUT = ['reached', 'failed', 'no-answer'] as const;

/** A list as the page gets it from the worker: opened by ListReader.take (noted ascending or not). */
function taken(xs: number[]): number[] {
  const p = planList(xs);
  const w = new Int32Array(p.size);
  putList(w, 0, xs, p);
  return new ListReader(w, 0, () => new Error('damaged')).take();
}

function foldWith(events: readonly HonbuEvent[], only: () => RowFilter, size = SIZE) {
  const words = Uint16Array.from({ length: SIZE }, (_, i) => initialStatus(avail[i]!, policy.order));
  const told: number[] = [];
  const changed: number[] = [];
  const sets: [number, number][] = [];
  const access: StatusAccess = {
    size,
    get: (r) => words[r]!,
    set: (r, w) => {
      sets.push([r, w]);
      words[r] = w;
    },
    avail: (r) => avail[r]!,
    toucher: () => (r) => told.push(r),
  };
  for (const e of events) changed.push(applyContactEvent(access, e, policy, only()));
  return { words, told, changed, sets };
}

function same(events: readonly HonbuEvent[], rows: number[], size = SIZE) {
  const searched = foldWith(events, () => new RowMask(size, rows), size);
  // Not a RowMask, so never searched: `has` from a Set, and (for a notice) the rows as given, as a RowMask iterates them.
  const set = new Set(rows.filter((r) => r >= 0 && r < size));
  const walked = foldWith(events, () => ({ has: (r: number) => set.has(r), [Symbol.iterator]: () => rows[Symbol.iterator]() }), size);
  expect(searched.changed).toEqual(walked.changed);
  expect(searched.told).toEqual(walked.told);
  expect(searched.sets).toEqual(walked.sets);
  expect(searched.words).toEqual(walked.words);
  return searched;
}

describe('lists that almost look ascending', () => {
  const up = (n: number, step = 1, from = 0) => Array.from({ length: n }, (_, i) => from + i * step);
  const cases: Record<string, number[]> = {
    exactly64: up(64, 3),
    exactly63: up(63, 3),
    negativeFirst: [-5, -1, ...up(200, 2)],
    pastEnd: [...up(200, 2), SIZE, SIZE + 1, 2 ** 31 - 1],
    past2to31: [...up(200, 2), 2 ** 31, 2 ** 32 + 1],
    dupMiddle: [...up(100, 2), 198, ...up(100, 2, 200)],
    dupTail: [...up(200, 2), 398],
    descendingTail: [...up(200, 2), 5],
    withNaN: [...up(100, 2), NaN, ...up(100, 2, 300)],
    negZero: [-0, ...up(200, 2, 1)],
    floats: [...up(100, 2)].map((x) => x + 0.5),
    holey: (() => {
      const xs = up(200, 2);
      delete xs[50];
      return xs;
    })(),
    infinite: [-Infinity, ...up(200, 2), Infinity],
  };

  for (const [name, rows] of Object.entries(cases)) {
    it(`${name}: every event type, masks of 1, 2 and count*32 = length rows`, () => {
      const n = rows.length;
      const events = [
        ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b', channel: 'post', rows }),
        ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'post', source: 's', rows, outcomes: rows.map((_, i) => OUT[i % 3]), reasons: rows.map(() => '') }),
        ev(CONTACT_EVENT_TYPES.batchCancelled, { batchId: 'b', channel: 'post', rows }),
        ev(CONTACT_EVENT_TYPES.customersExcluded, { rows, reason: 'deceased' }),
      ];
      const inList = rows.filter((r) => Number.isInteger(r) && r >= 0 && r < SIZE);
      for (const mask of [[inList[0]!], [inList.at(-1)!, 1], inList.slice(0, Math.floor(n / 32)), inList.slice(0, Math.floor(n / 32) + 1), [SIZE - 1, 0, 1, 2, 3]]) {
        same(events, mask.filter((x) => x !== undefined));
      }
    });
  }
});

describe('the search keeps parallel arrays aligned', () => {
  it('outcomes by the row\'s own index, with a mask hitting first, last and middle of a 3,000-row list', () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => i + 500).filter((r) => r < SIZE);
    const outcomes = rows.map((_, i) => OUT[(i * 7) % 3]!);
    const events = [
      ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b', channel: 'post', rows, assignment: rows.map((_, i) => i % 2) }),
      ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'post', source: 's', rows: taken(rows), outcomes, reasons: rows.map(() => 'x') }),
    ];
    const mask = [rows[0]!, rows[1]!, rows[1_234]!, rows.at(-1)!, 3, SIZE + 2];
    const r = same(events, mask);
    expect(r.changed[1]).toBeGreaterThan(0);
  });
});

describe('random lists through take(), masks of every size near the threshold', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', (seed) => {
    const rnd = random(seed);
    const asc = (share: number) => Array.from({ length: SIZE }, (_, i) => i).filter(() => rnd() < share);
    const runsy = () => {
      const xs: number[] = [];
      for (let r = 0; r < SIZE; ) {
        const len = 1 + Math.floor(rnd() * 300);
        for (let j = 0; j < len && r + j < SIZE; j++) xs.push(r + j);
        r += len + Math.floor(rnd() * 50);
      }
      return xs;
    };
    const shared = taken(runsy());
    const events: HonbuEvent[] = [];
    for (let i = 0; i < 12; i++) {
      const rows = i % 4 === 0 ? shared : taken(i % 3 === 0 ? runsy() : asc(0.1 + rnd() * 0.8));
      const kind = i % 4;
      if (kind === 0) events.push(ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: `b${i}`, channel: (['post', 'email', 'phone'] as const)[i % 3], rows }));
      else if (kind === 1) events.push(ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'post', source: 's', rows, outcomes: rows.map(() => OUT[Math.floor(rnd() * 3)]!), reasons: rows.map(() => '') }));
      else if (kind === 2) events.push(ev(CONTACT_EVENT_TYPES.batchCancelled, { batchId: 'b0', channel: 'post', rows }));
      else events.push(ev(CONTACT_EVENT_TYPES.customersExcluded, { rows, reason: 'deceased' }));
      if (i === 6) events.push(ev(CONTACT_EVENT_TYPES.noticePublished, { noticeRef: 'n' }));
    }
    for (const count of [0, 1, 2, 5, 30, 60, 124, 125, 126, 200]) {
      const mask = Array.from({ length: count }, () => Math.floor(rnd() * (SIZE + 20)) - 10);
      same(events, mask);
      // A mask with the same row many times over.
      same(events, [...mask, ...mask, ...mask]);
    }
  });

  it('a mask of more than 65,536 rows (flags), few of them in the dataset', () => {
    const size = SIZE;
    const rows = Array.from({ length: 70_000 }, (_, i) => (i < 5 ? i * 700 : size + i));
    const list = taken(Array.from({ length: 3_000 }, (_, i) => i));
    const events = [ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b', channel: 'post', rows: list }), ev(CONTACT_EVENT_TYPES.customersExcluded, { rows: list, reason: 'deceased' })];
    same(events, rows, size);
  });

  it('access.size smaller than the mask\'s rows', () => {
    const list = taken(Array.from({ length: 3_000 }, (_, i) => i));
    const events = [ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b', channel: 'post', rows: list })];
    same(events, [5, 2_500, 2_999], 2_000);
  });
});
