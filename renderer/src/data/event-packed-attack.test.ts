/**
 * A stranger's attack on `v: 3` events (decision 049) through the store: every payload the
 * schemas accept reads back as a `v: 2` event's would (its JSON), whatever lists it holds;
 * and a `v: 3` record altered on disk by someone without the key is refused as
 * DecryptionError, told, and never folded.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { fromUtf8 } from '../../../shared/vault/bytes';
import { DecryptionError } from '../../../shared/vault/cipher';
import { jsonBytes } from '../../../shared/vault/json-bytes';
import type { StoredEvent } from './db';
import { dropTestLaptops, twoLaptops } from './test-laptops';

afterEach(() => dropTestLaptops());

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const MAX = 2 ** 31 - 1;
/** What a `v: 2` event reads back as. */
const asJson = (v: unknown) => JSON.parse(fromUtf8(jsonBytes(v))) as unknown;
/** Kinds, prototypes, keys in order, -0 apart from 0. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return ['array', Object.getPrototypeOf(v) === Array.prototype, v.map(shape)];
  if (v !== null && typeof v === 'object') return ['object', Object.getPrototypeOf(v) === Object.prototype, Object.keys(v).map((k) => [k, shape((v as Record<string, unknown>)[k])])];
  return Object.is(v, -0) ? '-0' : typeof v === 'number' ? ['number', v] : v;
}

const d = (type: string, payload: object, incidentId = 'i1') => ({ type, incidentId, payload }) as AnyDraft;

/** Contact events with row lists, each a list around the length kept apart. */
function contactDrafts(n: number, first = 0): AnyDraft[] {
  const rows = range(first, n);
  const zeros = Array<number>(n).fill(0);
  return [
    d('contacts.batch-created', { datasetId: 'ds', batchId: `b${n}`, channel: 'phone', rows, operators: ['佐藤', '𠮷田'], assignment: rows.map((r) => r % 2) }),
    d('contacts.batch-created', { datasetId: 'ds', batchId: `p${n}`, channel: 'post', rows: [-0, ...rows.slice(1)] }),
    d('contacts.batch-reassigned', { datasetId: 'ds', batchId: `b${n}`, operators: ['高橋'], rows, assignment: zeros }),
    d('contacts.batch-cancelled', { datasetId: 'ds', batchId: `p${n}`, channel: 'post', rows: [...rows.slice(0, -1), MAX] }),
    d('contacts.outcomes-recorded', { datasetId: 'ds', channel: 'post', source: 'returned-mail', rows, outcomes: rows.map(() => 'failed'), reasons: rows.map((r) => (r % 3 ? '' : '宛所不明\u0000')) }),
    d('contacts.customers-excluded', { datasetId: 'ds', rows: [2 ** 40, ...rows.slice(1)], reason: 'deceased' }),
    d('contacts.gifts-redeemed', { optionIds: ['a'], parts: [{ datasetId: 'ds', rows, options: zeros, days: rows.map(() => 20_000) }, { datasetId: 'ds2', rows: [], options: [], days: [] }] }),
    d('contacts.nayose-decided', { lists: ['ds'], mode: 'person', decisions: [{ merge: true, members: rows.flatMap((r) => [0, r]) }] }),
  ];
}

describe('v: 3 events read back as their JSON would', () => {
  it('contact events with lists of 1023, 1024 and 1025 rows, appended one by one', async () => {
    const { b } = await twoLaptops('packed-attack-lists');
    const drafts = [...contactDrafts(1023), ...contactDrafts(1024), ...contactDrafts(1025, 5)];
    for (const draft of drafts) await b.append([draft]);
    const stored = await b.database.events.toArray();
    expect(stored.filter((s) => s.v === 3).length).toBeGreaterThanOrEqual(14);
    expect(stored.filter((s) => s.v === 2).length).toBeGreaterThanOrEqual(8);
    const back = await b.readEvents('i1');
    expect(back.map((e) => shape(e.payload))).toEqual(drafts.map((x) => shape(asJson(x.payload))));
  });

  it('a value of any shape beside a list of rows (an override seen: its value is whatever was overwritten)', async () => {
    const { b } = await twoLaptops('packed-attack-any');
    const L = range(0, 1024);
    let deep: unknown = L;
    for (let i = 0; i < 14_000; i++) deep = { k: deep };
    const values: unknown[] = [
      JSON.parse(`{"__proto__":${JSON.stringify(L)},"constructor":{"prototype":${JSON.stringify(L)}},"2":${JSON.stringify(L)},"m":"\\u00000.0#0","v":[${JSON.stringify(L)},[]]}`),
      { a: [L, [L]], s: ['\ud800', '\u0000', '😀'], d: new Date(0), u: [undefined], n: [-0, NaN] },
      deep,
    ];
    for (const value of values) await b.append([d('incident.override-seen', { fact: 'confirmedCount', eventId: 'e', by: 'alice', value })]);
    const stored = await b.database.events.toArray();
    expect(stored.map((s) => s.v)).toEqual([3, 3, 3]);
    const back = await b.readReadable('i1');
    expect(back.refused).toEqual([]);
    expect(back.events.slice(0, 2).map((e) => shape(e.payload))).toEqual(values.slice(0, 2).map((value) => shape(asJson({ fact: 'confirmedCount', eventId: 'e', by: 'alice', value }))));
    let v = (back.events[2]?.payload as { value: unknown } | undefined)?.value;
    for (let i = 0; i < 14_000; i++) v = (v as { k: unknown }).k;
    expect(v).toEqual(L);
  });

  it('a symbol in a long list (JSON writes null there) is appended and reads back as its JSON, as before', async () => {
    const { b } = await twoLaptops('packed-attack-symbol');
    const payload = { fact: 'confirmedCount', eventId: 'e', by: 'alice', value: { rows: range(0, 1024), odd: [...range(0, 1023), Symbol('s')] } };
    await b.append([d('incident.override-seen', payload)]);
    const [e] = await b.readEvents('i1');
    expect(shape(e?.payload)).toEqual(shape(asJson(payload)));
  });

  it('a batch of 20M consecutive rows is stored in a few bytes and reads back', async () => {
    const { b } = await twoLaptops('packed-attack-20m');
    const rows: number[] = [];
    for (let r = 0; r < 20_000_000; r++) rows.push(r);
    await b.append([d('contacts.batch-created', { datasetId: 'ds', batchId: 'all', channel: 'post', rows })]);
    const [s] = await b.database.events.toArray();
    expect(s?.v).toBe(3);
    expect(s?.sealed?.byteLength).toBeLessThan(400);
    const [e] = await b.readEvents('i1');
    const back = (e?.payload as { rows: number[] }).rows;
    expect(back.length).toBe(rows.length);
    for (let r = 0; r < rows.length; r += 999_983) expect(back[r]).toBe(r);
  }, 20_000);
});

describe('a v: 3 record altered on disk (no key)', () => {
  async function two(prefix: string) {
    const { b } = await twoLaptops(prefix);
    for (const draft of contactDrafts(3000).slice(0, 3)) await b.append([draft]);
    const stored = (await b.database.events.toArray()).sort((x, y) => (x.at < y.at ? -1 : 1));
    expect(stored.map((s) => s.v)).toEqual([3, 3, 3]);
    return { b, stored };
  }

  async function expectRefused(b: Awaited<ReturnType<typeof twoLaptops>>['b'], id: string, others: number) {
    await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
    await expect(b.readEventsWhole('i1', ['contacts.batch-created', 'contacts.batch-reassigned'])).rejects.toBeInstanceOf(DecryptionError);
    const read = await b.readReadable('i1');
    expect(read.refused.map((r) => r.id)).toEqual([id]);
    expect(read.events.map((e) => e.id)).not.toContain(id);
    expect(read.events).toHaveLength(others);
    await expect(b.rebuildProjections()).rejects.toBeInstanceOf(DecryptionError);
  }

  it('its seal changed anywhere, cut, lengthened, swapped with another or emptied', async () => {
    const { b, stored } = await two('packed-attack-bytes');
    const [x, y] = stored as [StoredEvent, StoredEvent];
    const sealed = x.sealed as Uint8Array;
    const flips = [0, 1, 12, 13, 14, 20, sealed.byteLength - 17, sealed.byteLength - 16, sealed.byteLength - 1];
    const altered: Uint8Array[] = flips.map((at) => {
      const bad = sealed.slice();
      bad[at] = bad[at]! ^ 1;
      return bad;
    });
    altered.push(sealed.slice(0, -1), sealed.slice(0, 29), new Uint8Array(0), Uint8Array.of(...sealed, 0), y.sealed as Uint8Array);
    for (const bad of altered) {
      await b.database.events.put({ ...x, sealed: bad } as StoredEvent);
      await expectRefused(b, x.id, 2);
    }
    await b.database.events.put(x);
    expect(await b.readEventsWhole('i1')).toHaveLength(3);
  });

  it('its mark changed, its seal given a v: 2 record, or its seal not bytes', async () => {
    const { b, stored } = await two('packed-attack-mark');
    const [x] = stored as [StoredEvent];
    await b.append([d('contacts.batch-sent', { datasetId: 'ds', batchId: 'b3000', sentAt: '2026-12-04' })]);
    const small = (await b.database.events.toArray()).find((s) => s.v === 2)!;
    for (const bad of [
      { ...x, v: 4 },
      { ...x, v: '3' },
      { ...x, v: null },
      { ...x, v: 2 },
      { ...x, sealed: (x.sealed as Uint8Array).buffer },
      { ...x, sealed: Array.from(x.sealed as Uint8Array) },
      { ...x, id: small.id },
      { ...small, v: 3 },
      { ...small, sealed: x.sealed },
      { ...small, v: 3, sealed: x.sealed },
      { ...x, pack: 'nothing' },
    ]) {
      await b.database.events.put(bad as unknown as StoredEvent);
      const read = await b.readReadable('i1');
      expect(read.refused.map((r) => r.id)).toEqual([bad.id]);
      expect(read.events).toHaveLength(3);
      await b.database.events.bulkPut([x, small]);
    }
    expect(await b.readEventsWhole('i1')).toHaveLength(4);
  });
});
