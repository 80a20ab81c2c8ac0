/**
 * Attacks on decision 058 at the wire (event-wire.ts listsFromWire): a list in runs of at least
 * 65,536 integers held by an object's key is checked and put on its holder unopened. Every
 * reader must get what the eager opening gave it, every list take() refuses must be refused at
 * once (WireListDamaged), and a replay through the handed-over events must fold as through plain
 * arrays and as the whole fold does.
 */
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/events/registry';
import type { HonbuEvent } from '../../../shared/events/event';
import { applyContactEvent, CONTACT_EVENT_TYPES, RowMask, type StatusAccess, undoneIds } from '../../../shared/contacts/events';
import { AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, initialStatus, type Policy } from '../../../shared/contacts/fallback';
import { foldDataset, replayRows } from '../../../shared/contacts/status-fold';
import { ListReader, MAX_LIST_LENGTH, planList, putList, strictlyAscending, unopenedRuns } from '../../../shared/vault/int-lists';
import { packJson, unpackJson } from '../../../shared/vault/packed-json';
import { listsFromWire, listsToWire, WireListDamaged } from './event-wire';
import type { ReadableEvents } from './typed-events';

const RUNS = 1;
const SAME = 2;
const INT32_MAX = 2 ** 31 - 1;
const LAZY = 65_536;
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
}

type Run = readonly [number, number];
function writeRuns(runs: readonly Run[], n = runs.reduce((s, [, l]) => s + l, 0)): number[] {
  return [RUNS, n, runs.length, ...runs.flat()];
}
function written(xs: number[]): Int32Array {
  const p = planList(xs);
  const out = new Int32Array(p.size);
  putList(out, 0, xs, p);
  return out;
}

const readOf = (payloads: unknown[]): ReadableEvents => ({
  events: payloads.map((p, i) => ({ id: `e${i}`, incidentId: 'i', at: `a${i}`, actor: 'x', type: 't', payload: p })) as unknown as AnyEvent[],
  refused: [],
});
/** The worker's side (listsToWire), moved, then the page's side. */
function overTheWire(read: ReadableEvents): ReadableEvents {
  const buffers = listsToWire(read);
  return listsFromWire(structuredClone(read, { transfer: buffers }));
}
const payloadsOf = (r: ReadableEvents) => r.events.map((e) => e.payload as Record<string, unknown>);
/** A payload with `rows` as the worker hands it over, moved. */
const wireRows = (ints: ArrayLike<number>, extra: Record<string, unknown> = {}) =>
  overTheWire(readOf([{ datasetId: 'd', rows: Int32Array.from(ints), ...extra }]));

const isUnopened = (holder: object, key: string) => typeof Object.getOwnPropertyDescriptor(holder, key)?.get === 'function';

/** What take() makes of `ints`, or that it refuses them (whole: nothing after the list). */
function takeOrRefuse(ints: Int32Array): number[] | 'refused' {
  try {
    const r = new ListReader(ints, 0, () => new WireListDamaged());
    const xs = r.take();
    return r.at === ints.length ? xs : 'refused';
  } catch (e) {
    if (e instanceof WireListDamaged) return 'refused';
    throw e;
  }
}

describe('long lists in runs handed over: every reader gets what a plain array gives', () => {
  const everyone = [...range(0, 40_000), ...range(40_003, 100_000), INT32_MAX];
  const value = {
    datasetId: 'd',
    rows: everyone,
    channel: 'post',
    nested: { deeper: { rows: range(5, 5 + LAZY) }, short: range(0, LAZY - 1) },
    inArray: [range(0, LAZY), { rows: range(1, 1 + LAZY) }],
    numeric: { 0: range(0, LAZY), 7: [...range(100_000, 150_000), ...range(0, 20_000)] },
    raw: range(0, LAZY).map((x) => x * 2),
    same: new Array<number>(LAZY).fill(9),
    down: [...range(200_000, 300_000), ...range(0, 100_000)],
    overlap: [...range(0, 70_000), ...range(69_000, 80_000)],
    ends: [0, ...range(2, 2 + LAZY), INT32_MAX],
    tail: 'after',
  };

  it('through packJson, the worker and the wire: equal to a read in place, by every reader', () => {
    const bytes = packJson(value)!;
    const plain = unpackJson(bytes) as typeof value;
    const arrived = payloadsOf(overTheWire(readOf([unpackJson(bytes, 'written')])))[0]!;
    const seeAll = (x: unknown): string[] => (x && typeof x === 'object' ? Object.keys(x).flatMap((k) => [k, ...seeAll((x as Record<string, unknown>)[k])]) : []);
    // Which are left unopened: lists in runs of 65,536 or more held by an object's key, and only those.
    const a = arrived as unknown as typeof value;
    expect(isUnopened(a, 'rows')).toBe(true);
    expect(isUnopened(a.nested.deeper, 'rows')).toBe(true);
    expect(isUnopened(a.nested, 'short')).toBe(false);
    expect(isUnopened(a.inArray, '0')).toBe(false);
    expect(isUnopened(a.inArray[1]!, 'rows')).toBe(true);
    expect(isUnopened(a.numeric, '0')).toBe(true);
    expect(isUnopened(a.numeric, '7')).toBe(true);
    expect(isUnopened(a, 'raw')).toBe(false);
    expect(isUnopened(a, 'same')).toBe(false);
    expect(isUnopened(a, 'down')).toBe(true);
    expect(isUnopened(a, 'overlap')).toBe(true);
    expect(isUnopened(a, 'ends')).toBe(true);
    expect(Object.keys(arrived)).toEqual(Object.keys(plain));
    expect(JSON.stringify(arrived)).toBe(JSON.stringify(plain));
    expect(seeAll(arrived)).toEqual(seeAll(plain));
    expect(structuredClone(arrived)).toEqual(plain);
    expect(arrived).toEqual(plain);
    expect(arrived).toStrictEqual(plain);
    for (const [k, xs] of Object.entries({ rows: a.rows, deeper: a.nested.deeper.rows, n0: a.numeric[0], n7: a.numeric[7], down: a.down, overlap: a.overlap, ends: a.ends })) {
      expect(Array.isArray(xs), k).toBe(true);
      expect(strictlyAscending(xs), k).toBe(xs.every((x, i) => i === 0 || x > xs[i - 1]!));
    }
  });

  it("'in', hasOwnProperty, for-in and spread before anything read it; every read the same array", () => {
    const bytes = packJson(value)!;
    const plain = unpackJson(bytes) as typeof value;
    const [p] = payloadsOf(overTheWire(readOf([unpackJson(bytes, 'written')])));
    expect('rows' in p!).toBe(true);
    expect(Object.hasOwn(p!, 'rows')).toBe(true);
    expect(unopenedRuns(p!, 'rows')?.length).toBe(everyone.length);
    const keys: string[] = [];
    for (const k in p) keys.push(k);
    expect(keys).toEqual(Object.keys(plain));
    const copy = { ...p };
    expect(copy).toEqual(plain);
    expect(copy.rows).toBe(p!.rows);
    expect(p!.rows).toBe(p!.rows);
    expect(unopenedRuns(p!, 'rows')).toBeUndefined();
  });

  it('a list at exactly 65,535 and 65,536 integers, a list that is the whole payload, and a payload shared by two events', () => {
    const r65535 = range(0, LAZY - 1);
    const r65536 = range(0, LAZY);
    const whole = [...range(0, LAZY), ...range(LAZY + 5, LAZY + 10)];
    const shared = { datasetId: 'd', rows: written(r65536) };
    const read = readOf([{ a: written(r65535), b: written(r65536) }, written(whole), shared, shared]);
    const arrived = overTheWire(read);
    const [first, , third, fourth] = payloadsOf(arrived);
    expect(isUnopened(first!, 'a')).toBe(false);
    expect(isUnopened(first!, 'b')).toBe(true);
    expect(first).toEqual({ a: r65535, b: r65536 });
    expect(arrived.events[1]!.payload).toEqual(whole);
    expect(Object.keys(arrived.events[1]!)).toEqual(['id', 'incidentId', 'at', 'actor', 'type', 'payload']);
    expect(JSON.parse(JSON.stringify(arrived.events[1]))).toEqual({ id: 'e1', incidentId: 'i', at: 'a1', actor: 'x', type: 't', payload: whole });
    expect(third).toBe(fourth);
    expect(third).toEqual({ datasetId: 'd', rows: r65536 });
  });

  it('a list in a view that is not the whole of its buffer, with other integers around it', () => {
    const xs = [...range(0, 50_000), ...range(60_000, 100_000)];
    const w = written(xs);
    const buf = new ArrayBuffer((w.length + 7) * 4);
    const all = new Int32Array(buf);
    all.fill(-7);
    all.set(w, 3);
    const view = new Int32Array(buf, 12, w.length);
    const arrived = payloadsOf(overTheWire(readOf([{ rows: view, next: 1 }])))[0]!;
    expect(isUnopened(arrived, 'rows')).toBe(true);
    expect(arrived).toEqual({ rows: xs, next: 1 });
    // Cut one short, the integers after it in the buffer must not be read as the rest of it.
    const cut = new Int32Array(buf, 12, w.length - 1);
    expect(() => overTheWire(readOf([{ rows: cut }]))).toThrow(WireListDamaged);
  });

  // DEFECT: the unopened list is an accessor property (openWhenRead). Object.freeze makes a data
  // property read-only, but an accessor keeps its setter: on a frozen payload, assigning `rows`
  // no longer throws (modules are strict) and silently replaces the list every later reader gets.
  it('a payload frozen after the wire keeps its list: assigning to it throws, as for any frozen payload', () => {
    const xs = range(0, 100_000);
    const [lazy] = payloadsOf(wireRows(written(xs), { channel: 'post' }));
    const [eager] = payloadsOf(wireRows(written(range(0, 1_000)), { channel: 'post' }));
    Object.freeze(lazy);
    Object.freeze(eager);
    expect(Object.isFrozen(lazy)).toBe(true);
    expect(() => {
      eager!.rows = [1];
    }).toThrow(TypeError);
    expect(lazy!.rows).toEqual(xs);
    expect(() => {
      lazy!.rows = [1];
    }).toThrow(TypeError);
    expect(lazy!.rows).toEqual(xs);
  });
});

describe('damaged long lists in runs are refused at once, as take() refuses them', () => {
  const N = 100_000;
  const good = writeRuns([[0, 50_000], [60_000, 50_000]]);
  it.each([
    ['a negative count of runs', [RUNS, N, -1, 0, N]],
    ['a huge count of runs', [RUNS, N, 2 ** 30, 0, N]],
    ['a count of runs past the integers there', [RUNS, N, 3, 0, 50_000, 60_000, 50_000]],
    ['INT32_MAX runs', [RUNS, N, INT32_MAX, 0, N]],
    ['no runs', [RUNS, N, 0]],
    ['a run of length 0', [RUNS, N, 3, 0, 50_000, 70_000, 0, 60_000, 50_000]],
    ['a run of negative length', [RUNS, N, 3, 0, 50_001, 70_000, -1, 80_000, 50_000]],
    ['a run past 2³¹−1', [RUNS, N, 2, 0, 50_000, INT32_MAX - 10, 50_000]],
    ['the last run ending at 2³¹', [RUNS, N, 2, 0, 50_000, 2 ** 31 - 50_000 + 1, 50_000]],
    ['runs short of the count', [RUNS, N + 1, 2, 0, 50_000, 60_000, 50_000]],
    ['runs past the count', [RUNS, N - 1, 2, 0, 50_000, 60_000, 50_000]],
    ['a length that overflows the sum', [RUNS, N, 3, 0, N, 0, INT32_MAX, 0, -INT32_MAX]],
    ['a count past the most', [RUNS, MAX_LIST_LENGTH + 1, 1, 0, MAX_LIST_LENGTH + 1]],
    ['a count of 2³¹−1', [RUNS, INT32_MAX, 1, 0, INT32_MAX]],
    ['a negative count', [RUNS, -N, 1, 0, N]],
    ['cut short by one', good.slice(0, -1)],
    ['cut after its runs count', good.slice(0, 3)],
    ['an integer after it', [...good, 0]],
    ['another list after it', [...good, SAME, 2, 7]],
  ])('%s', (_, ints) => {
    expect(takeOrRefuse(Int32Array.from(ints))).toBe('refused');
    expect(() => wireRows(ints)).toThrow(WireListDamaged);
    // Also when a good unopened list comes before it, in the same payload or an earlier event.
    expect(() => overTheWire(readOf([{ rows: Int32Array.from(good), bad: Int32Array.from(ints) }]))).toThrow(WireListDamaged);
    expect(() => overTheWire(readOf([{ rows: Int32Array.from(good) }, { rows: Int32Array.from(ints) }]))).toThrow(WireListDamaged);
  });

  it('refuses exactly what take() refuses, and opens to what take() opens, whatever one integer is changed to', () => {
    const rnd = random(58);
    const lists = [
      writeRuns([[0, 1], [2, 70_000], [INT32_MAX, 1]]),
      writeRuns([[100_000, 40_000], [0, 40_000]]),
      writeRuns([[0, 40_000], [40_000, 30_000]]),
      writeRuns([[0, 40_000], [39_999, 30_000]]),
      writeRuns([[-5, 10], [10, LAZY]]),
      writeRuns([[0, LAZY]]),
    ];
    let accepted = 0;
    let refused = 0;
    for (let t = 0; t < 400; t++) {
      const base = lists[t % lists.length]!;
      const ints = Int32Array.from(base);
      const at = Math.floor(rnd() * ints.length);
      const was = ints[at]!;
      const to = [0, 1, 2, 3, -1, was + 1, was - 1, INT32_MAX, -(2 ** 31), LAZY - 1, Math.floor(rnd() * 2 ** 32) - 2 ** 31][Math.floor(rnd() * 11)]!;
      ints[at] = to;
      // A SAME list of a count this large would open a huge array in either: left out.
      if (ints[0] === SAME && ints[1]! > 10_000_000) continue;
      const want = takeOrRefuse(ints);
      let got: unknown;
      try {
        got = (payloadsOf(wireRows(ints))[0]!).rows;
      } catch (e) {
        if (!(e instanceof WireListDamaged)) throw e;
        got = 'refused';
      }
      const what = `list ${t % lists.length}, [${at}] ${was} -> ${ints[at]}`;
      expect(got === 'refused', what).toBe(want === 'refused');
      if (want !== 'refused') {
        const g = got as number[];
        expect(Array.isArray(g) && g.length === want.length && g.every((x, i) => x === want[i]), what).toBe(true);
        expect(strictlyAscending(got as number[]), what).toBe(strictlyAscending(want));
        accepted++;
      } else refused++;
    }
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});

describe('a replay through handed-over events folds as through plain arrays and as the whole fold', () => {
  const SIZE = 150_000;
  const policy: Policy = { order: ['post', 'email', 'phone', 'notice'], maxRetries: 1 };
  const avail = Uint8Array.from({ length: SIZE }, (_, i) => [AVAIL_POST, AVAIL_POST | AVAIL_EMAIL, AVAIL_EMAIL | AVAIL_PHONE, 7][i % 4]!);
  const segment = Uint16Array.from({ length: SIZE }, (_, i) => i % 2);

  function events(seed: number): HonbuEvent[] {
    const rnd = random(seed);
    let k = 0;
    const ev = (type: string, payload: object): HonbuEvent => ({
      id: `s${seed}-${++k}`, incidentId: 'i', at: `${String(1_700_000_000_000 + k * 1000).padStart(16, '0')}-0000-a`, actor: 'p', type, payload: { datasetId: 'd', ...payload },
    });
    const gaps = (share: number) => {
      // Runs with gaps: everyone but a few stretches (and past the dataset's end).
      const out: number[] = [];
      for (let r = 0; r < SIZE + 500; ) {
        const len = 1 + Math.floor(rnd() * 20_000);
        if (rnd() < share) for (let i = r; i < r + len; i++) out.push(i);
        r += len + Math.floor(rnd() * 50);
      }
      return out;
    };
    const outcomes = ['reached', 'failed', 'no-answer'] as const;
    const everyone = gaps(1);
    const post = gaps(0.9);
    const email = gaps(0.8);
    const cancelled = gaps(0.7);
    const excluded = gaps(0.3);
    const postRes = post.map((r) => outcomes[(r * 7 + seed) % 3]!);
    return [
      ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b1', channel: 'post', rows: everyone }),
      // Outcomes one short: the last row's outcome is missing, as a hostile laptop might send.
      ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'post', source: 'returned', rows: post, outcomes: postRes.slice(0, -1), reasons: [] }),
      ev(CONTACT_EVENT_TYPES.batchCreated, { batchId: 'b2', channel: 'email', rows: email }),
      ev(CONTACT_EVENT_TYPES.batchCancelled, { batchId: 'b2', channel: 'email', rows: cancelled }),
      ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'email', source: 'bounce', rows: email, outcomes: email.map((r) => outcomes[r % 3]!), reasons: [] }),
      ev(CONTACT_EVENT_TYPES.customersExcluded, { rows: excluded, reason: 'deceased' }),
      ev(CONTACT_EVENT_TYPES.noticePublished, { noticeRef: 'n' }),
      ev(CONTACT_EVENT_TYPES.outcomesRecorded, { channel: 'notice', source: 'call', rows: [SIZE - 1, 3], outcomes: ['reached', 'reached'], reasons: ['', ''] }),
    ];
  }

  it.each([1, 2, 3])('late rows replayed (events %i)', (seed) => {
    const plain = events(seed);
    const arrived = overTheWire({ events: plain as AnyEvent[], refused: [] }).events as HonbuEvent[];
    // listsToWire wrote the plain events' lists in place: make them again.
    const reference = events(seed);
    const undone = undoneIds(reference);
    const full = foldDataset(avail, segment, 2, reference, undone, policy);
    const rnd = random(seed * 17);
    const start = (r: number) => ({ avail: avail[r] ?? 0, segment: segment[r] ?? 0 });
    for (const count of [1, 5, 200, 4_000, 6_000]) {
      const rows = new Set<number>([0, SIZE - 1, -1, SIZE, SIZE + 3]);
      while (rows.size < count + 5) rows.add(Math.floor(rnd() * SIZE));
      const some = replayRows(rows, start, SIZE, arrived, undone, policy);
      const same = replayRows(rows, start, SIZE, reference, undone, policy);
      expect(some.words, `${count} rows`).toEqual(same.words);
      expect(some.contributions, `${count} rows`).toEqual(same.contributions);
      for (const r of rows) if (r >= 0 && r < SIZE) expect(some.words.get(r), `row ${r}`).toBe(full.words[r]);
      // Rows told and changed counts, event by event, as walking every row gives them.
      const tell = (evs: readonly HonbuEvent[], only: () => Iterable<number> & { has(r: number): boolean }) => {
        const words = new Map<number, number>();
        const told: number[] = [];
        const access: StatusAccess = { size: SIZE, get: (r) => words.get(r) ?? initialStatus(avail[r]!, policy.order), set: (r, w) => void words.set(r, w), avail: (r) => avail[r]!, toucher: () => (r) => told.push(r) };
        const changed = evs.map((e) => applyContactEvent(access, e, policy, only()));
        return { changed, told, words: [...words].sort((x, y) => x[0] - y[0]) };
      };
      expect(tell(arrived, () => new RowMask(SIZE, rows)), `${count} rows`).toEqual(tell(reference, () => new Set(rows)));
    }
    // The whole fold through the handed-over events (which opens them) is the whole fold.
    const again = foldDataset(avail, segment, 2, arrived, undone, policy);
    expect(again.words).toEqual(full.words);
    expect(again.deltas).toEqual(full.deltas);
    expect(arrived.map((e) => e.payload)).toEqual(reference.map((e) => e.payload));
  }, 30_000);

  it('the batch of everyone stays unopened through a replay of a few rows', () => {
    const arrived = overTheWire({ events: events(9) as AnyEvent[], refused: [] }).events as HonbuEvent[];
    const rows = new Set([0, 5, 77_777, SIZE - 1]);
    replayRows(rows, (r) => ({ avail: avail[r]!, segment: segment[r]! }), SIZE, arrived, new Set(), policy);
    expect(unopenedRuns(arrived[0]!.payload as object, 'rows')).toBeDefined();
  });
});
