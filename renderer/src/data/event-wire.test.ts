/**
 * A customer list's contact events read off the screen's thread reach the page exactly as a
 * read in place gives them, while their long row lists cross between threads as moved bytes
 * (a post batch of everyone names every customer: cloning that list took seconds at 20M).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from './db';
import { serveEventReads } from './event-read-serve';
import { EventReader } from './event-reader';
import { EventStore } from './event-store';
import { listsFromWire, listsToWire, WireListDamaged } from './event-wire';
import { planList, putList, strictlyAscending } from '../../../shared/vault/int-lists';
import { ALL_PROJECTIONS } from './projections';
import { FakeWorker } from './test-worker';
import { readReadableOfTypes, type ReadableEvents } from './typed-events';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const everyone = Array.from({ length: 60_000 }, (_, i) => i);
const returned = Array.from({ length: 5_000 }, (_, i) => i * 11 + 3);
const drafts: AnyDraft[] = [
  { type: 'contacts.batch-created', incidentId: 'i1', payload: { datasetId: 'ds-1', batchId: 'b-1', channel: 'post', rows: everyone } },
  {
    type: 'contacts.outcomes-recorded',
    incidentId: 'i1',
    payload: {
      datasetId: 'ds-1',
      channel: 'post',
      source: '返送一覧.csv',
      rows: returned,
      outcomes: returned.map(() => 'failed' as const),
      reasons: returned.map(() => '宛所不明'),
    },
  },
  { type: 'contacts.batch-created', incidentId: 'i1', payload: { datasetId: 'ds-1', batchId: 'b-2', channel: 'email', rows: [4, 9, 12] } },
];
const TYPES = ['contacts.batch-created', 'contacts.outcomes-recorded'];

async function laptopWithList() {
  const { keys } = await createVault('a long enough wire test passphrase', TEST_KDF_COST);
  const db = new HonbuDb(`wire-${crypto.randomUUID()}`);
  dbs.push(db);
  let t = 1_700_000_000_000;
  const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: 'dev-a', actor: 'alice' }, () => (t += 1000), keys.index);
  for (const d of drafts) await store.append([d]);
  return { db, key: keys.data };
}

describe('events read in the event-reader worker', () => {
  it('reach the page equal to a read in place, each row list a plain array, the long ones moved as bytes', async () => {
    const { db, key } = await laptopWithList();
    const workers: FakeWorker[] = [];
    // What the worker posts, as posted: the rows it hands over and the bytes it moves.
    const posted: { rows: unknown[]; moved: number } [] = [];
    const reader = new EventReader(db.name, () => {
      const w = new FakeWorker((scope) => {
        const post = scope.postMessage.bind(scope);
        scope.postMessage = (message, transfer) => {
          const events = (message as { value?: ReadableEvents }).value?.events ?? [];
          posted.push({ rows: events.map((e) => (e.payload as { rows: unknown }).rows), moved: transfer.length });
          post(message, transfer);
        };
        serveEventReads(scope);
      });
      workers.push(w);
      return w as unknown as Worker;
    });
    const offThread = await reader.read(key, 'i1', TYPES);
    const inPlace = await readReadableOfTypes(db, key, 'i1', TYPES);
    reader.dispose(new Error('done'));

    expect(offThread.refused).toEqual([]);
    expect(offThread.events).toEqual(inPlace.events);
    expect(offThread.events.map((e) => e.payload)).toEqual(drafts.map((d) => d.payload));
    for (const e of offThread.events) expect(Array.isArray((e.payload as { rows: unknown }).rows)).toBe(true);
    expect(workers).toHaveLength(1);
    // The two long lists (everyone, the returned letters) went as moved Int32Arrays; the short one as it is.
    expect(posted).toHaveLength(1);
    expect(posted[0]!.rows.map((r) => (r instanceof Int32Array ? 'ints' : Array.isArray(r) ? 'array' : typeof r))).toEqual(['ints', 'ints', 'array']);
    expect(posted[0]!.moved).toBe(2);
  });
});

describe('the lists on the way between threads', () => {
  const read = (): ReadableEvents => ({
    events: [
      { id: 'e1', incidentId: 'i1', at: 'a', actor: 'x', type: 'contacts.batch-created', payload: { rows: [...everyone], operators: ['佐藤', '鈴木'], assignment: [0, 1, 1] } },
      {
        id: 'e2',
        incidentId: 'i1',
        at: 'b',
        actor: 'x',
        type: 'test.nested',
        payload: { groups: [{ ids: Array.from({ length: 2_000 }, (_, i) => -(i + 1)) }, { ids: [1, 2] }], weights: Array.from({ length: 2_000 }, (_, i) => i + 0.5), names: Array.from({ length: 2_000 }, () => '山田'), big: Array.from({ length: 2_000 }, (_, i) => i * 2 ** 31) },
      },
    ] as unknown as AnyEvent[],
    refused: [{ id: 'e3', incidentId: 'i1', type: 'contacts.batch-created', reason: 'damaged' }],
  });

  it('every long list of 32-bit integers, however deep, moves as an Int32Array; others are cloned as they are', () => {
    const r = read();
    const buffers = listsToWire(r);
    const [e1, e2] = r.events as unknown as { payload: Record<string, unknown> }[];
    expect(e1!.payload.rows).toBeInstanceOf(Int32Array);
    expect(e1!.payload.assignment).toEqual([0, 1, 1]);
    const groups = e2!.payload.groups as { ids: unknown }[];
    expect(groups[0]!.ids).toBeInstanceOf(Int32Array);
    expect(groups[1]!.ids).toEqual([1, 2]);
    // Fractions, texts and numbers past 32 bits stay as they are: an Int32Array would change them.
    expect(Array.isArray(e2!.payload.weights)).toBe(true);
    expect(Array.isArray(e2!.payload.names)).toBe(true);
    expect(Array.isArray(e2!.payload.big)).toBe(true);
    expect(buffers).toHaveLength(2);

    const arrived = structuredClone(r, { transfer: buffers });
    // Moved, not copied: the worker's side no longer holds the bytes.
    expect((e1!.payload.rows as Int32Array).length).toBe(0);
    expect(listsFromWire(arrived)).toEqual(read());
  });

  it('a list the reader left as written is moved as it is, once, even when two events hold it', () => {
    const plan = planList(everyone);
    const shared = new Int32Array(plan.size);
    putList(shared, 0, everyone, plan);
    const r: ReadableEvents = {
      events: [
        { id: 'e1', payload: { rows: shared } },
        { id: 'e2', payload: { rows: shared } },
      ] as unknown as AnyEvent[],
      refused: [],
    };
    const buffers = listsToWire(r);
    expect(buffers).toEqual([shared.buffer]);
    const arrived = listsFromWire(structuredClone(r, { transfer: buffers }));
    expect(arrived.events.map((e) => (e.payload as { rows: number[] }).rows)).toEqual([everyone, everyone]);
  });

  it('a list handed over damaged is refused, never opened past its end', () => {
    const plan = planList(everyone);
    const written = new Int32Array(plan.size);
    putList(written, 0, everyone, plan);
    for (const bad of [written.slice(0, -1), Int32Array.from([...written, 7]), Int32Array.from(written, (x, i) => (i === 1 ? x + 1 : x))]) {
      const r = { events: [{ id: 'e1', payload: { rows: bad } }] as unknown as AnyEvent[], refused: [] };
      expect(() => listsFromWire(r)).toThrow(WireListDamaged);
    }
  });

  it('tells, as each list arrives, whether it is strictly ascending (a replay searches those)', () => {
    const lists = {
      up: Array.from({ length: 3_000 }, (_, i) => i * 2),
      twice: [...Array.from({ length: 2_000 }, (_, i) => i), 1_999],
      down: Array.from({ length: 2_000 }, (_, i) => 5_000 - i),
      flatStart: [0, 0, ...Array.from({ length: 2_000 }, (_, i) => i + 1)],
      dipEnd: [...Array.from({ length: 2_000 }, (_, i) => i), 1_500],
    };
    const r: ReadableEvents = { events: [{ id: 'e1', payload: structuredClone(lists) }] as unknown as AnyEvent[], refused: [] };
    const arrived = listsFromWire(structuredClone(r, { transfer: listsToWire(r) })).events[0]!.payload as unknown as typeof lists;
    expect(Object.fromEntries(Object.entries(arrived).map(([k, xs]) => [k, strictlyAscending(xs)]))).toEqual({ up: true, twice: false, down: false, flatStart: false, dipEnd: false });
    expect(arrived).toEqual(lists);
  });
});
