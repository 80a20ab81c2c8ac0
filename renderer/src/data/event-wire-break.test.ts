/**
 * Attacks on the lists handed from the event-reader worker to the page (event-wire.ts) and on
 * int-lists' take()/takeWritten() they go through.
 */
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/events/registry';
import { ListReader, MAX_LIST_LENGTH, planList, putList, strictlyAscending } from '../../../shared/vault/int-lists';
import { LONG_LIST, packJson, unpackJson } from '../../../shared/vault/packed-json';
import { listsFromWire, listsToWire, WireListDamaged } from './event-wire';
import type { ReadableEvents } from './typed-events';

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const RAW = 0;
const RUNS = 1;
const SAME = 2;

/** The worker's side (a packed payload unpacked 'written', then listsToWire), moved, then the page's side. */
function overTheWire(payloads: unknown[]): unknown[] {
  const read: ReadableEvents = {
    events: payloads.map((p, i) => ({ id: `e${i}`, incidentId: 'i', at: 'a', actor: 'x', type: 't', payload: p })) as unknown as AnyEvent[],
    refused: [],
  };
  const buffers = listsToWire(read);
  return listsFromWire(structuredClone(read, { transfer: buffers })).events.map((e) => e.payload);
}

const wire = (...ints: number[]): ReadableEvents => ({ events: [{ id: 'e', payload: { rows: Int32Array.from(ints) } }] as unknown as AnyEvent[], refused: [] });

describe('packed payloads through the wire come back as a read in place gives them', () => {
  // walk() once skipped any array whose first element is a number, so an Int32Array that
  // unpackJson(…, 'written') put inside such an array was never opened on the page.
  it('a long list inside an array that starts with a number', () => {
    const value = { mixed: [5, { ids: range(0, LONG_LIST) }], pair: [7, range(100, 100 + LONG_LIST)] };
    const bytes = packJson(value)!;
    expect(bytes).not.toBeNull();
    const [arrived] = overTheWire([unpackJson(bytes, 'written')]);
    expect(arrived).toEqual(unpackJson(bytes));
  });

  // walk() once visited only what a payload holds, never the payload itself.
  it('a payload that is itself a long list', () => {
    const bytes = packJson(range(0, LONG_LIST))!;
    const [arrived] = overTheWire([unpackJson(bytes, 'written')]);
    expect(Array.isArray(arrived)).toBe(true);
    expect(arrived).toEqual(range(0, LONG_LIST));
  });

  it('lists of every shape and order, nested in objects and arrays of objects, and their ascending notes', () => {
    const lists: Record<string, number[]> = {
      up: range(0, 3_000).map((x) => x * 3),
      runsOverlap: [...range(0, 1_000), ...range(500, 1_500)],
      runsTouch: [...range(0, 1_000), ...range(1_000, 2_000)],
      runsGapDown: [...range(5_000, 6_000), ...range(0, 1_000)],
      same: new Array<number>(2_000).fill(42),
      single: [...range(0, 1_023), 2 ** 31 - 1],
      extremes: [-(2 ** 31), ...range(0, 1_100), 2 ** 31 - 1],
      negatives: range(-3_000, -1_000),
      dupAtEnd: [...range(0, 1_500), 1_499],
      dupAtStart: [0, 0, ...range(1, 1_500)],
      exactlyLong: range(10, 10 + LONG_LIST),
    };
    const value = { top: lists, deep: [{ a: { b: [{ c: lists.up }] } }, 'x', null], arr: [[lists.same], [lists.runsOverlap]] };
    const bytes = packJson(value)!;
    const [arrived] = overTheWire([unpackJson(bytes, 'written')]) as [typeof value];
    expect(arrived).toEqual(unpackJson(bytes));
    for (const [k, xs] of Object.entries(arrived.top)) {
      const up = xs.every((x, i) => i === 0 || x > xs[i - 1]!);
      expect(strictlyAscending(xs), k).toBe(up);
      expect(Array.isArray(xs)).toBe(true);
    }
  });

  it('lists that were JSON (not packed) come back equal, -0 and all', () => {
    const value = { rows: [...range(0, 2_000)], frac: [...range(0, 2_000), 0.5], huge: [...range(0, 2_000), 2 ** 31], neg: [-0, ...range(1, 2_000)] };
    const [arrived] = overTheWire([JSON.parse(JSON.stringify(value))]);
    expect(arrived).toEqual(JSON.parse(JSON.stringify(value)));
  });
});

describe('damaged lists on the wire', () => {
  const good = (() => {
    const xs = [...range(0, 3_000), ...range(5_000, 7_000)];
    const p = planList(xs);
    const out = new Int32Array(p.size);
    putList(out, 0, xs, p);
    return out;
  })();

  it.each([
    ['empty', []],
    ['form only', [RUNS]],
    ['unknown form', [3, 1, 5]],
    ['negative form', [-1, 1, 5]],
    ['negative count', [RAW, -1]],
    ['count past the most', [SAME, MAX_LIST_LENGTH + 1, 5]],
    ['count INT32_MAX', [SAME, 2 ** 31 - 1, 5]],
    ['raw truncated', [RAW, 3, 1, 2]],
    ['raw extra', [RAW, 2, 1, 2, 3]],
    ['same missing value', [SAME, 3]],
    ['runs: k missing', [RUNS, 2]],
    ['runs: k negative', [RUNS, 2, -1]],
    ['runs: k huge', [RUNS, 2, 2 ** 30]],
    ['runs: zero-length run', [RUNS, 2, 2, 0, 0, 5, 2]],
    ['runs: negative length', [RUNS, 2, 2, 0, -1, 5, 3]],
    ['runs: past INT32_MAX', [RUNS, 3, 1, 2 ** 31 - 2, 3]],
    ['runs: short of count', [RUNS, 5, 1, 0, 4]],
    ['runs: past count', [RUNS, 3, 1, 0, 4]],
    ['runs: length overflow sum', [RUNS, 3, 2, 0, 2 ** 31 - 1, 0, 2]],
    ['good then extra', [...good, 0]],
    ['good truncated', [...good.subarray(0, good.length - 1)]],
  ])('%s: refused with WireListDamaged', (_, ints) => {
    expect(() => listsFromWire(wire(...(ints as number[])))).toThrow(WireListDamaged);
  });

  it('two lists glued into one Int32Array are refused', () => {
    expect(() => listsFromWire(wire(SAME, 2, 7, SAME, 2, 7))).toThrow(WireListDamaged);
  });

  // take() once made `new Array(n).fill(0)` before it knew the list held n integers: a list of
  // two or three integers claiming 100M rows (MAX_LIST_LENGTH) cost a dictionary array of 100M
  // (about a minute and 7.6 GB in Node 20) before it was refused. Now it is refused first; were
  // it not, these would run far past the test's time limit.
  it.each([
    ['raw claiming 100M, no integers', [RAW, MAX_LIST_LENGTH]],
    ['runs claiming 100M, no runs', [RUNS, MAX_LIST_LENGTH, 0]],
    ['runs claiming 100M, one short run', [RUNS, MAX_LIST_LENGTH, 1, 0, 1]],
  ])('%s: refused without opening the count it claims', (_, ints) => {
    expect(() => listsFromWire(wire(...ints))).toThrow(WireListDamaged);
  });

  it('takeWritten refuses what take refuses, and keeps exactly one list', () => {
    const two = Int32Array.from([...good, SAME, 4, 9]);
    const r = new ListReader(two, 0, () => new WireListDamaged());
    const first = r.takeWritten();
    expect([...first]).toEqual([...good]);
    expect(first.buffer).not.toBe(two.buffer);
    expect([...r.takeWritten()]).toEqual([SAME, 4, 9]);
    expect(r.at).toBe(two.length);
    for (const bad of [[RUNS, 3, 1, 0, 4], [RAW, 3, 1], [3, 0], [RUNS, 2, 2, 0, 1, 0, 0]]) {
      expect(() => new ListReader(Int32Array.from(bad), 0, () => new WireListDamaged()).takeWritten()).toThrow(WireListDamaged);
    }
  });
});
