/**
 * Attacks on decision 058: long row lists in runs put on an event unopened (int-lists.ts
 * openWhenRead / unopenedRuns / RunList) and a replay of a few rows searching those runs
 * (events.ts applyContactEvent, searchRuns). Whatever the runs hold, a replay through unopened
 * lists must give exactly what the same replay through plain arrays gives (and what walking
 * every row gives): the same statuses, changed counts and rows told; and every reader of the
 * list must get the array take() makes.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { applyContactEvent, CONTACT_EVENT_TYPES, type RowFilter, RowMask, type StatusAccess, undoneIds } from './events';
import { AVAIL_DUPLICATE, AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, initialStatus, type Policy } from './fallback';
import { foldDataset, replayRows } from './status-fold';
import { ListReader, openWhenRead, RunList, strictlyAscending, unopenedRuns } from '../vault/int-lists';

const policy: Policy = { order: ['post', 'email', 'phone', 'notice'], maxRetries: 1 };
const INT32_MAX = 2 ** 31 - 1;
const RUNS = 1;
type Run = readonly [first: number, len: number];

class Damaged extends Error {}
const damaged = () => new Damaged();

/** A list written in runs exactly as given (touching, overlapping or descending runs too: putList would merge some). */
function writeRuns(runs: readonly Run[]): Int32Array {
  const n = runs.reduce((s, [, len]) => s + len, 0);
  const out = new Int32Array(3 + 2 * runs.length);
  out[0] = RUNS;
  out[1] = n;
  out[2] = runs.length;
  runs.forEach(([first, len], r) => {
    out[3 + 2 * r] = first;
    out[4 + 2 * r] = len;
  });
  return out;
}
const runListOf = (ints: Int32Array): RunList => new ListReader(ints, 0, damaged).runList(0)!;
const open = (ints: Int32Array): number[] => new ListReader(ints, 0, damaged).take();

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
}

/** What each row can be reached on: every mix, a few duplicates. */
const availOf = (r: number) => {
  const h = Math.imul(r | 0, 0x9e3779b1) >>> 0;
  return (h % 13 === 0 ? AVAIL_DUPLICATE : 0) | [AVAIL_POST, AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST | AVAIL_EMAIL, AVAIL_POST | AVAIL_PHONE, AVAIL_EMAIL | AVAIL_PHONE, 7, 0][h % 8]!;
};

let clock = 0;
function ev(type: string, payload: Record<string, unknown>): HonbuEvent {
  clock++;
  return { id: `e${clock}`, incidentId: 'inc', at: `${String(1_700_000_000_000 + clock * 1000).padStart(16, '0')}-0000-a`, actor: 'p', type, payload: { datasetId: 'd', ...payload } };
}

/** An event whose `rows` (written as `ints`) is what the page gets from the wire: unopened. `opens` counts its openings. */
function unopened(e: HonbuEvent, ints: Int32Array, opens = { n: 0 }): HonbuEvent {
  const payload = { ...(e.payload as Record<string, unknown>) };
  openWhenRead(payload, 'rows', runListOf(ints), () => {
    opens.n++;
    return open(ints);
  });
  return { ...e, payload };
}

/** Statuses (only those read or written), rows told and changed counts of a fold, in a Map so any row (2³¹−1 too) can be asked. */
function fold(events: readonly HonbuEvent[], size: number, only: () => RowFilter | undefined) {
  const words = new Map<number, number>();
  const told: number[] = [];
  const changed: number[] = [];
  const access: StatusAccess = {
    size,
    get: (r) => words.get(r) ?? initialStatus(availOf(r), policy.order),
    set: (r, w) => void words.set(r, w),
    avail: availOf,
    toucher: () => (r) => told.push(r),
  };
  const filter = only();
  for (const e of events) changed.push(applyContactEvent(access, e, policy, filter));
  return { changed, told, words: [...words].sort((a, b) => a[0] - b[0]) };
}

/** Whether positionsOf (events.ts) would search a plain list rather than walk it. */
const searches = (xs: readonly number[], mask: RowMask) =>
  xs.length >= 64 && mask.count * 32 <= xs.length && xs.every((x, i) => i === 0 || x > xs[i - 1]!);

type Mode = 'gap' | 'touch' | 'overlap' | 'down' | 'mixed' | 'dup';

/** Runs of a shape, placed at 0, at the top of the 32-bit integers, below 0 or anywhere. */
function genRuns(rnd: () => number, mode: Mode, count: number, maxLen: number): Run[] {
  const rel: [number, number][] = [];
  let at = 0;
  for (let r = 0; r < count; r++) {
    const len = rnd() < 0.2 ? 1 : 1 + Math.floor(rnd() * maxLen);
    rel.push([at, len]);
    const m = mode === 'mixed' ? (['gap', 'touch', 'overlap', 'gap'] as const)[Math.floor(rnd() * 4)]! : mode;
    const gap = m === 'touch' ? 0 : m === 'overlap' ? -1 - Math.floor(rnd() * len) : m === 'dup' && r % 3 === 1 ? -len : 1 + Math.floor(rnd() * 30);
    at += len + gap;
  }
  if (mode === 'down') rel.reverse();
  const lo = Math.min(...rel.map(([f]) => f));
  const hi = Math.max(...rel.map(([f, len]) => f + len - 1));
  const place = rnd();
  const shift = place < 0.3 ? -lo : place < 0.55 ? INT32_MAX - hi : place < 0.65 ? -lo - 50 : -lo + Math.floor(rnd() * 1_000_000);
  return rel.map(([f, len]) => [f + shift, len] as const);
}

describe('RunList.indexOf answers as the opened list does', () => {
  it('at the ends of the 32-bit integers, with runs of one at either end, touching runs and gaps', () => {
    const cases: Run[][] = [
      [[0, 1], [2, 100], [INT32_MAX, 1]],
      [[0, 1], [1, 1], [2, 1], [3, 70]],
      [[INT32_MAX - 99, 100]],
      [[-(2 ** 31), 1], [-5, 10], [INT32_MAX - 1, 2]],
      [[10, 5], [15, 5], [21, 1], [22, 60], [100, 1]],
    ];
    for (const runs of cases) {
      const ints = writeRuns(runs);
      const xs = open(ints);
      const list = runListOf(ints);
      expect(list.ascending).toBe(true);
      expect(list.length).toBe(xs.length);
      const probes = new Set<number>([0, -1, 1, INT32_MAX, INT32_MAX - 1, -(2 ** 31), 2 ** 31, ...xs.flatMap((x) => [x - 1, x, x + 1])]);
      for (const v of probes) expect(list.indexOf(v), `${JSON.stringify(runs)}: ${v}`).toBe(xs.indexOf(v));
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random ascending run lists (lists %i)', (seed) => {
    const rnd = random(seed * 31);
    for (let t = 0; t < 40; t++) {
      const runs = genRuns(rnd, rnd() < 0.5 ? 'gap' : 'touch', 1 + Math.floor(rnd() * 40), 1 + Math.floor(rnd() * 50));
      const ints = writeRuns(runs);
      const xs = open(ints);
      const list = runListOf(ints);
      expect(list.ascending).toBe(true);
      expect(strictlyAscending(xs)).toBe(true);
      for (let i = 0; i < xs.length; i++) expect(list.indexOf(xs[i]!)).toBe(i);
      for (const x of xs) for (const v of [x - 1, x + 1]) expect(list.indexOf(v)).toBe(xs.indexOf(v));
    }
  });

  it('says not ascending exactly when the opened list is not (overlapping, repeated, descending runs)', () => {
    const rnd = random(77);
    for (const mode of ['overlap', 'down', 'dup', 'mixed', 'gap', 'touch'] as const) {
      for (let t = 0; t < 30; t++) {
        const ints = writeRuns(genRuns(rnd, mode, 2 + Math.floor(rnd() * 20), 1 + Math.floor(rnd() * 20)));
        const xs = open(ints);
        expect(runListOf(ints).ascending, mode).toBe(strictlyAscending(xs));
        expect(runListOf(ints).ascending, mode).toBe(xs.every((x, i) => i === 0 || x > xs[i - 1]!));
      }
    }
  });
});

describe('a few rows replayed through unopened lists', () => {
  /** The same events three ways: unopened, as plain arrays take() made, and plain arrays walked through a Set. */
  function threeWays(plain: HonbuEvent[], written: Map<HonbuEvent, Int32Array>, rows: number[], size: number, readFirst: (e: HonbuEvent) => boolean = () => false) {
    const counters = plain.map(() => ({ n: 0 }));
    const lazy = plain.map((e, i) => (written.has(e) ? unopened(e, written.get(e)!, counters[i]) : e));
    for (const e of lazy) if (written.has(plain[lazy.indexOf(e)]!) && readFirst(e)) void (e.payload as { rows: unknown }).rows;
    const mask = () => new RowMask(size, rows);
    return {
      lazy,
      counters,
      searched: fold(lazy, size, mask),
      arrays: fold(plain, size, mask),
      walked: fold(plain, size, () => new Set(rows)),
    };
  }

  function eventsOver(rnd: () => number, lists: number[][], written: Map<HonbuEvent, Int32Array>, listInts: Int32Array[]): HonbuEvent[] {
    const out: HonbuEvent[] = [];
    const channels = ['post', 'email', 'phone', 'notice'] as const;
    const outcomes = ['reached', 'failed', 'no-answer'] as const;
    const withRows = (e: HonbuEvent, k: number) => {
      written.set(e, listInts[k]!);
      out.push(e);
    };
    for (let k = 0; k < lists.length; k++) {
      const rows = lists[k]!;
      const channel = channels[Math.floor(rnd() * 4)]!;
      const kind = Math.floor(rnd() * 5);
      if (kind === 0 || k === 0) withRows(ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: `b${k}`, channel, rows }), k);
      else if (kind === 1 || kind === 2) {
        // Outcomes as long as the rows, shorter, or longer: each row's outcome its own.
        const len = [rows.length, Math.max(0, rows.length - 1 - Math.floor(rnd() * 10)), rows.length + 7][Math.floor(rnd() * 3)]!;
        const res = Array.from({ length: len }, (_, i) => outcomes[(i * 7 + k) % 3]!);
        withRows(ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel, source: 'call', rows, outcomes: res, reasons: res.map(() => '') }), k);
      } else if (kind === 3) withRows(ev(CONTACT_EVENT_TYPES.batchCancelled, { batchId: `b${k}`, channel, rows }), k);
      else withRows(ev(CONTACT_EVENT_TYPES.customersExcluded, { rows, reason: 'deceased' }), k);
      if (rnd() < 0.15) out.push(ev(CONTACT_EVENT_TYPES.noticePublished, { noticeRef: `n${k}` }));
    }
    return out;
  }

  /** Rows a late result could name: in the lists, next to them, at either end, outside the list. */
  function rowsToReplay(rnd: () => number, lists: number[][], size: number, count: number): number[] {
    const all = lists.flat();
    const out = new Set<number>();
    const extra = [0, -1, size - 1, size, INT32_MAX, -(2 ** 31)];
    while (out.size < count) {
      const p = rnd();
      if (p < 0.6 && all.length > 0) out.add(all[Math.floor(rnd() * all.length)]!);
      else if (p < 0.8 && all.length > 0) out.add(all[Math.floor(rnd() * all.length)]! + (rnd() < 0.5 ? -1 : 1));
      else if (p < 0.9) out.add(extra[Math.floor(rnd() * extra.length)]!);
      else out.add(Math.floor(rnd() * 2 ** 32) - 2 ** 31);
    }
    return [...out];
  }

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('random runs of every shape fold as plain arrays and as walking do (fuzz %i)', (seed) => {
    const rnd = random(seed * 7_919 + 3);
    for (let t = 0; t < 25; t++) {
      const nLists = 1 + Math.floor(rnd() * 5);
      const modes: Mode[] = ['gap', 'touch', 'overlap', 'down', 'mixed', 'dup'];
      const runsOf = Array.from({ length: nLists }, () => genRuns(rnd, rnd() < 0.6 ? 'gap' : modes[Math.floor(rnd() * modes.length)]!, 1 + Math.floor(rnd() * 30), 1 + Math.floor(rnd() * 120)));
      const ints = runsOf.map(writeRuns);
      const lists = ints.map(open);
      // A dataset of every 32-bit row, or one that ends inside the lists.
      const top = Math.max(...lists.flat());
      const size = rnd() < 0.5 ? 2 ** 31 : Math.max(1, Math.floor(top * rnd()));
      const written = new Map<HonbuEvent, Int32Array>();
      const plain = eventsOver(rnd, lists, written, ints);
      const shortest = Math.min(...lists.map((l) => l.length));
      // Around the 1-in-32 boundary of the shortest list, and a few.
      const count = Math.max(1, rnd() < 0.5 ? Math.floor(shortest / 32) + Math.floor(rnd() * 3) - 1 : 1 + Math.floor(rnd() * 4));
      const rows = rowsToReplay(rnd, lists, size, count);
      const readFirst = rnd() < 0.3 ? () => rnd() < 0.5 : () => false;
      const { lazy, searched, arrays, walked, counters } = threeWays(plain, written, rows, size, readFirst);
      const what = `try ${t}: ${rows.length} rows, size ${size}, lists ${lists.map((l) => l.length).join('/')}`;
      expect(searched.changed, what).toEqual(walked.changed);
      expect(searched.told, what).toEqual(walked.told);
      expect(searched.words, what).toEqual(walked.words);
      expect(arrays, what).toEqual(walked);
      // Left unopened exactly when a plain list would have been searched, unless read first.
      const mask = new RowMask(size, rows);
      lazy.forEach((e, i) => {
        if (!written.has(plain[i]!)) return;
        const xs = (plain[i]!.payload as { rows: number[] }).rows;
        const stillUnopened = unopenedRuns(e.payload as object, 'rows') !== undefined;
        if (stillUnopened) expect(counters[i]!.n, what).toBe(0);
        else expect(counters[i]!.n, what).toBe(1);
        if (counters[i]!.n === 0) expect(searches(xs, mask), `${what}: event ${i} unopened`).toBe(true);
      });
      // A second replay through the same events (some now opened) gives the same again.
      expect(fold(lazy, size, () => new RowMask(size, rows)), what).toEqual(walked);
      // And whatever reads the lists afterwards gets what take() makes, noted as it should be.
      lazy.forEach((e, i) => {
        const got = (e.payload as { rows?: number[] }).rows;
        const want = (plain[i]!.payload as { rows?: number[] }).rows;
        expect(got, what).toEqual(want);
        if (got && written.has(plain[i]!)) {
          expect(strictlyAscending(got)).toBe(want!.every((x, j) => j === 0 || x > want![j - 1]!));
          expect((e.payload as { rows: number[] }).rows).toBe(got);
          expect(counters[i]!.n).toBe(1);
        }
      });
    }
  });

  it('lists of 63, 64 and 65 rows, with as many replayed rows as 1 in 32 allows and one more', () => {
    for (const length of [63, 64, 65, 95, 96, 97, 128]) {
      for (const shape of ['one', 'gaps', 'ones'] as const) {
        const runs: Run[] =
          shape === 'one'
            ? [[0, length]]
            : shape === 'gaps'
              ? [[0, 1], [5, length - 2], [length + 10, 1]]
              : [[0, 1], ...Array.from({ length: length - 2 }, (_, i) => [2 + 2 * i, 1] as Run), [INT32_MAX, 1]];
        const ints = writeRuns(runs);
        const xs = open(ints);
        expect(xs.length).toBe(length);
        for (const count of [1, Math.floor(length / 32), Math.floor(length / 32) + 1, 3]) {
          if (count < 1) continue;
          const rows = [xs[0]!, xs[xs.length - 1]!, xs[1]!, xs[Math.floor(length / 2)]!, xs[length - 2]!].slice(0, count);
          while (rows.length < count) rows.push(xs[rows.length * 3]!);
          const size = 2 ** 31;
          const res = ['reached', 'no-answer', 'failed'] as const;
          const batch = ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b', channel: 'post', rows: xs });
          const result = ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'post', source: 'c', rows: xs, outcomes: xs.map((_, i) => res[i % 3]!), reasons: xs.map(() => '') });
          const written = new Map<HonbuEvent, Int32Array>([
            [batch, ints],
            [result, ints],
          ]);
          const { searched, walked, arrays, lazy, counters } = threeWays([batch, result], written, rows, size);
          const what = `${length} rows (${shape}), ${count} replayed`;
          expect(searched, what).toEqual(walked);
          expect(arrays, what).toEqual(walked);
          const mask = new RowMask(size, rows);
          const expectSearch = searches(xs, mask);
          expect(expectSearch, what).toBe(length >= 64 && new Set(rows).size * 32 <= length);
          lazy.forEach((e, i) => expect(unopenedRuns(e.payload as object, 'rows') !== undefined, what).toBe(expectSearch && counters[i]!.n === 0));
          expect(counters.map((c) => c.n), what).toEqual(expectSearch ? [0, 0] : [1, 1]);
        }
      }
    }
  });

  it('a RowMask of more rows than a Set holds (a flag per row), at 1 in 32 of a list of millions and one row more', () => {
    const count = 65_537;
    for (const length of [count * 32, count * 32 - 1]) {
      const size = length + 40_000;
      // The list: everyone but a few gaps, as a batch of everyone but the excluded.
      const runs: Run[] = [[0, 1], [3, 999_998], [1_000_010, length - 999_999 - 1], [size - 1, 1]];
      const ints = writeRuns(runs);
      const xs = open(ints);
      expect(xs.length).toBe(length);
      const rnd = random(length);
      const rows = new Set<number>([0, 1, 2, 3, size - 1, size - 2, -1, size]);
      while (rows.size < count + 2) rows.add(Math.floor(rnd() * size));
      const mask = new RowMask(size, rows);
      // Exactly 1 in 32 of the longer list; one row too many for the shorter.
      expect(mask.count).toBe(count);
      const res = ['reached', 'no-answer', 'failed'] as const;
      const batch = ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b', channel: 'post', rows: xs });
      const result = ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'post', source: 'c', rows: xs, outcomes: xs.map((x) => res[x % 3]!), reasons: [] });
      const written = new Map<HonbuEvent, Int32Array>([
        [batch, ints],
        [result, ints],
      ]);
      const replay = [...rows];
      const { searched, walked, lazy, counters } = threeWays([batch, result], written, replay, size);
      expect(searched.changed, `${length}`).toEqual(walked.changed);
      expect(searched.told, `${length}`).toEqual(walked.told);
      expect(searched.words, `${length}`).toEqual(walked.words);
      const expectSearch = count * 32 <= length;
      expect(expectSearch).toBe(length === count * 32);
      expect(counters.map((c) => c.n), `${length}`).toEqual(expectSearch ? [0, 0] : [1, 1]);
      expect(unopenedRuns(lazy[0]!.payload as object, 'rows') !== undefined).toBe(expectSearch);
    }
  }, 30_000);

  it('one payload held by two events: searched for both and left unopened, or opened by one and searched in for the other', () => {
    const runs: Run[] = [[0, 400], [500, 600], [1_200, 1]];
    const ints = writeRuns(runs);
    const xs = open(ints);
    const rows = [0, 399, 400, 500, 1_099, 1_200, 1_201];
    const shared = { datasetId: 'd', batchId: 'b', channel: 'post', rows: xs };
    const created = ev(CONTACT_EVENT_TYPES.batchCreated, shared);
    const cancelled = { ...ev(CONTACT_EVENT_TYPES.batchCancelled, {}), payload: created.payload };
    const again = { ...ev(CONTACT_EVENT_TYPES.batchCreated, {}), payload: created.payload };
    const plain = [created, cancelled, again];
    const walked = fold(plain, 5_000, () => new Set(rows));
    for (const first of ['mask', 'set', 'read'] as const) {
      const opens = { n: 0 };
      const lazyCreated = unopened(created, ints, opens);
      const lazy = [lazyCreated, { ...cancelled, payload: lazyCreated.payload }, { ...again, payload: lazyCreated.payload }];
      if (first === 'read') void (lazyCreated.payload as { rows: number[] }).rows;
      const got = first === 'set' ? fold(lazy, 5_000, () => new Set(rows)) : fold(lazy, 5_000, () => new RowMask(5_000, rows));
      expect(got, first).toEqual(walked);
      expect(opens.n, first).toBe(first === 'mask' ? 0 : 1);
      expect(fold(lazy, 5_000, () => new RowMask(5_000, rows)), first).toEqual(walked);
    }
  });

  it('a replay through unopened lists gives the rows what the whole fold gives them, undone events and all', () => {
    const SIZE = 3_000;
    const avail = Uint8Array.from({ length: SIZE }, (_, r) => availOf(r));
    const segment = Uint16Array.from({ length: SIZE }, (_, r) => r % 3);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rnd = random(seed * 613);
      const lists = Array.from({ length: 5 }, () => {
        const runs = genRuns(rnd, rnd() < 0.7 ? 'gap' : 'mixed', 2 + Math.floor(rnd() * 20), 1 + Math.floor(rnd() * 300)).map(([f, l]) => [Math.abs(f) % (SIZE + 200), l] as Run);
        // Placed inside the dataset (some past its end): written as given.
        return runs;
      });
      const ints = lists.map(writeRuns);
      const opened = ints.map(open);
      const written = new Map<HonbuEvent, Int32Array>();
      const plain = eventsOver(rnd, opened, written, ints);
      // One of them undone.
      const victim = plain[Math.floor(rnd() * plain.length)]!;
      plain.push(ev(CONTACT_EVENT_TYPES.eventUndone, { eventId: victim.id }));
      const lazy = plain.map((e) => (written.has(e) ? unopened(e, written.get(e)!) : e));
      const undone = undoneIds(plain);
      const full = foldDataset(avail, segment, 3, plain, undone, policy);
      const rows = new Set(rowsToReplay(rnd, opened, SIZE, 1 + Math.floor(rnd() * 60)));
      const start = (r: number) => ({ avail: avail[r] ?? 0, segment: segment[r] ?? 0 });
      const some = replayRows(rows, start, SIZE, lazy, undone, policy);
      const same = replayRows(rows, start, SIZE, plain, undone, policy);
      for (const r of rows) if (r >= 0 && r < SIZE) expect(some.words.get(r), `seed ${seed} row ${r}`).toBe(full.words[r]);
      expect(some.words, `seed ${seed}`).toEqual(same.words);
      expect(some.contributions, `seed ${seed}`).toEqual(same.contributions);
      // And the full fold through unopened lists (opening them) gives what it gives through arrays.
      const lazyAgain = plain.map((e) => (written.has(e) ? unopened(e, written.get(e)!) : e));
      const fullLazy = foldDataset(avail, segment, 3, lazyAgain, undone, policy);
      expect(fullLazy.words).toEqual(full.words);
      expect(fullLazy.cells).toEqual(full.cells);
      expect(fullLazy.deltas).toEqual(full.deltas);
    }
  });
});

describe('an unopened list as a property: every reader gets what a plain array gives', () => {
  const runs: Run[] = [[0, 1], [4, 200], [300, 1]];
  const ints = writeRuns(runs);
  const xs = open(ints);
  const plainPayload = () => ({ datasetId: 'd', channel: 'post', rows: xs.slice(), outcomes: xs.map(() => 'reached'), reasons: [] as string[] });
  /** As listsFromWire leaves it: `rows` where it stood among the keys, unopened. */
  const lazyPayload = (opens = { n: 0 }) => {
    const p: Record<string, unknown> = { datasetId: 'd', channel: 'post', rows: ints, outcomes: xs.map(() => 'reached'), reasons: [] };
    openWhenRead(p, 'rows', runListOf(ints), () => {
      opens.n++;
      return open(ints);
    });
    return p;
  };

  it('keys, order, in, hasOwnProperty, entries, for-in, spread, assign, JSON, structuredClone, toEqual', () => {
    const want = plainPayload();
    expect(Object.keys(lazyPayload())).toEqual(Object.keys(want));
    expect('rows' in lazyPayload()).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(lazyPayload(), 'rows')).toBe(true);
    expect(Object.hasOwn(lazyPayload(), 'rows')).toBe(true);
    expect(Object.prototype.propertyIsEnumerable.call(lazyPayload(), 'rows')).toBe(true);
    const keys: string[] = [];
    for (const k in lazyPayload()) keys.push(k);
    expect(keys).toEqual(Object.keys(want));
    expect(Object.entries(lazyPayload())).toEqual(Object.entries(want));
    expect({ ...lazyPayload() }).toEqual(want);
    expect(Object.assign({}, lazyPayload())).toEqual(want);
    expect(JSON.stringify(lazyPayload())).toBe(JSON.stringify(want));
    expect(JSON.stringify(lazyPayload(), null, 1)).toBe(JSON.stringify(want, null, 1));
    expect(structuredClone(lazyPayload())).toEqual(want);
    expect(lazyPayload()).toEqual(want);
    expect(lazyPayload()).toStrictEqual(want);
    expect(want).toStrictEqual(lazyPayload());
    expect(lazyPayload()).not.toEqual({ ...want, rows: [...xs.slice(0, -1), xs[xs.length - 1]! + 1] });
    // A copy by spread is plain, and opening it once opened the original.
    const opens = { n: 0 };
    const p = lazyPayload(opens);
    const copy = { ...p };
    expect(Object.getOwnPropertyDescriptor(copy, 'rows')?.value).toBe(p.rows);
    expect(opens.n).toBe(1);
    expect(unopenedRuns(p, 'rows')).toBeUndefined();
  });

  it('read many times: one opening, one array, noted ascending as take() notes it', () => {
    const opens = { n: 0 };
    const p = lazyPayload(opens);
    const a = p.rows as number[];
    expect(p.rows).toBe(a);
    expect(structuredClone(p).rows).toEqual(a);
    expect(opens.n).toBe(1);
    expect(strictlyAscending(a)).toBe(true);
    const down = writeRuns([[100, 70], [0, 10]]);
    const q: Record<string, unknown> = { rows: down };
    openWhenRead(q, 'rows', runListOf(down), () => open(down));
    expect(strictlyAscending(q.rows as number[])).toBe(false);
  });

  it('a list assigned before or after it is read is what is read and what a replay folds', () => {
    const other = Array.from({ length: 300 }, (_, i) => 1_000 + i);
    const rows = [0, 4, 100, 1_000, 1_150];
    const asPlain = fold([ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b', channel: 'post', rows: other })], 5_000, () => new RowMask(5_000, rows));
    expect(asPlain.changed[0]).toBeGreaterThan(0);
    for (const when of ['before', 'after'] as const) {
      const opens = { n: 0 };
      const p = lazyPayload(opens);
      if (when === 'after') void p.rows;
      p.rows = other;
      expect(p.rows).toBe(other);
      expect(unopenedRuns(p, 'rows')).toBeUndefined();
      const e = { ...ev(CONTACT_EVENT_TYPES.batchCreated, {}), payload: p };
      expect(fold([e], 5_000, () => new RowMask(5_000, rows)), when).toEqual(asPlain);
      expect(opens.n).toBe(when === 'after' ? 1 : 0);
    }
  });

  // DEFECT: unopenedRuns is keyed by holder and key in a WeakMap that only the property's own
  // getter and setter clear. A `rows` deleted and put back, or redefined with
  // Object.defineProperty (as located-json.ts makes keys), is no longer the unopened list, yet
  // unopenedRuns still gives the old runs and applyContactEvent searches them: it folds the
  // rows of the list that was replaced, not the rows the payload now holds.
  it.each(['delete, then assign', 'defineProperty'] as const)('a list put in place by %s is what a replay folds', (how) => {
    const other = Array.from({ length: 300 }, (_, i) => 1_000 + i);
    const rows = [4, 100, 1_000, 1_150];
    const withOther = ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b', channel: 'post', rows: other });
    const want = fold([withOther], 5_000, () => new RowMask(5_000, rows));
    expect(want.told).toEqual([1_000, 1_150]);
    const p = lazyPayload();
    if (how === 'defineProperty') Object.defineProperty(p, 'rows', { value: other, writable: true, enumerable: true, configurable: true });
    else {
      delete p.rows;
      p.rows = other;
    }
    expect(p.rows).toBe(other);
    const e = { ...withOther, payload: p };
    expect(fold([e], 5_000, () => new RowMask(5_000, rows))).toEqual(want);
    // What the payload holds now is not the unopened list any more.
    expect(unopenedRuns(p, 'rows')).toBeUndefined();
  });
});
