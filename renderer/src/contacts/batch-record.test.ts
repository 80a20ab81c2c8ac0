/**
 * A batch's record keeps its rows and assignments apart as sealed integers (a batch of
 * every customer is millions of them): it opens to the same summary, phone batches with
 * their operators included; records written before (rows in the JSON) still open; rows a
 * faulty laptop sent beyond 32 bits stay in the JSON.
 */
import { describe, expect, it } from 'vitest';
import { applyToSummary, newSummary, type BatchSummary } from '../../../shared/contacts/batch-summary';
import { CONTACT_EVENT_TYPES as C } from '../../../shared/contacts/events';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyEvent } from '../../../shared/events/registry';
import { sealBytes, sealJson } from '../../../shared/vault/cipher';
import { BatchListsDamagedError, decodeBatchLists, encodeBatchLists } from './batch-lists';
import { openBatch, sealBatch } from './contact-data';
import { batchAad } from './tables';

const key = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
let clock = Date.UTC(2026, 10, 1);
const event = (type: string, payload: object) =>
  ({ id: crypto.randomUUID(), type, incidentId: 'i', at: encodeHlc({ wall: (clock += 1000), counter: 0, node: 'a' }), actor: 'p', payload: { datasetId: 'd', ...payload } }) as AnyEvent;

function phoneBatch(): BatchSummary {
  const created = event(C.batchCreated, { batchId: 'b1', channel: 'phone', rows: [4, 9, 2, 700_000], operators: ['佐藤', '鈴木'], assignment: [0, 1, 0, 1] });
  const s = newSummary(created as AnyEvent & { payload: Extract<AnyEvent, { type: 'contacts.batch-created' }>['payload'] });
  applyToSummary(s, event(C.batchReassigned, { batchId: 'b1', operators: ['高橋'], rows: [9, 700_000], assignment: [0, 0] }));
  return s;
}

describe('batch records', () => {
  it('open to the summary they were sealed from, with and without operators', async () => {
    const k = await key();
    const phone = phoneBatch();
    const rec = await sealBatch(k, phone);
    expect(rec.lists).toBeDefined();
    expect(await openBatch(k, rec)).toEqual(phone);
    const post = newSummary(event(C.batchCreated, { batchId: 'b2', channel: 'post', rows: Array.from({ length: 5000 }, (_, i) => i * 3) }) as never);
    const opened = await openBatch(k, await sealBatch(k, post));
    expect(opened).toEqual(post);
    expect('assignment' in opened.batch).toBe(false);
    const empty = newSummary(event(C.batchCreated, { batchId: 'b3', channel: 'email', rows: [] }) as never);
    expect(await openBatch(k, await sealBatch(k, empty))).toEqual(empty);
  });

  it('opens a record written before the rows were kept apart, and keeps rows beyond 32 bits in the JSON', async () => {
    const k = await key();
    const phone = phoneBatch();
    const old = { id: 'b1', datasetId: 'd', sealed: await sealJson(k, phone, batchAad('b1')) };
    expect(await openBatch(k, old)).toEqual(phone);
    const far = newSummary(event(C.batchCreated, { batchId: 'b4', channel: 'post', rows: [1, 2 ** 33] }) as never);
    const rec = await sealBatch(k, far);
    expect(rec.lists).toBeUndefined();
    expect(await openBatch(k, rec)).toEqual(far);
  });

  it('keeps a summary the integer form would refuse (an assignment not one per row) in the JSON, and opens it as it was', async () => {
    const k = await key();
    const odd = { ...phoneBatch(), assignment: [0] };
    const rec = await sealBatch(k, odd);
    expect(rec.lists).toBeUndefined();
    expect(await openBatch(k, rec)).toEqual(odd);
  });

  it('refuses rows moved from another batch record', async () => {
    const k = await key();
    const a = await sealBatch(k, phoneBatch());
    const b = await sealBatch(k, newSummary(event(C.batchCreated, { batchId: 'b5', channel: 'post', rows: [1] }) as never));
    await expect(openBatch(k, { ...b, lists: a.lists })).rejects.toThrow();
  });

  it('keeps a batch of everyone small: consecutive rows as runs, no operator for anyone as one number', async () => {
    const k = await key();
    const n = 300_000;
    // Everyone pending on the post but two customers (a gap) — as a batch of everyone is.
    const rows = Array.from({ length: n }, (_, i) => (i < 150_000 ? i : i + 2));
    const post = newSummary(event(C.batchCreated, { batchId: 'b6', channel: 'post', rows }) as never);
    const rec = await sealBatch(k, post);
    // Sealed one integer a number it was 2.4 MB; its runs and "nobody" take a few dozen bytes.
    expect(rec.lists!.byteLength).toBeLessThan(200);
    const opened = await openBatch(k, rec);
    expect(opened.batch.rows).toEqual(rows);
    expect(opened.assignment).toHaveLength(n);
    expect(opened.assignment.every((a) => a === -1)).toBe(true);
    expect(opened).toEqual(post);
  });

  it('gives back any lists exactly, whichever form each was kept in', () => {
    let seed = 7;
    const rnd = (m: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % m);
    for (let t = 0; t < 300; t++) {
      const len = rnd(40);
      const list = () => {
        const xs: number[] = [];
        let v = rnd(3) === 0 ? -5 : rnd(1000);
        for (let i = 0; i < len; i++) xs.push(rnd(3) === 0 ? rnd(2 ** 31) - 2 ** 30 : rnd(2) === 0 ? ++v : v);
        return xs;
      };
      // An assignment names an operator for each row (the event's, for at most each).
      const lists = { rows: list(), payloadAssignment: rnd(2) === 0 ? undefined : list().slice(0, rnd(len + 1)), assignment: list() };
      const ints = encodeBatchLists(lists);
      expect(ints.length).toBeLessThanOrEqual(2 + 2 * (2 + len) + (lists.payloadAssignment ? 2 + len : 0));
      expect(decodeBatchLists(ints)).toEqual(lists);
    }
    const edges = [[], [0], [-1, -1], [2 ** 31 - 2, 2 ** 31 - 1], [-(2 ** 31), -(2 ** 31) + 1, 5, 5, 5]];
    for (const rows of edges)
      for (const assignment of edges.filter((a) => a.length === rows.length))
        for (const payloadAssignment of [undefined, ...edges.filter((a) => a.length <= rows.length)]) {
          expect(decodeBatchLists(encodeBatchLists({ rows, payloadAssignment, assignment }))).toEqual({ rows, payloadAssignment, assignment });
        }
  });

  it('opens lists sealed in the form before (three counts, then every number)', async () => {
    const k = await key();
    const phone = phoneBatch();
    const { rows, assignment: payload, ...head } = phone.batch;
    const ints = Int32Array.from([rows.length, payload!.length, phone.assignment.length, ...rows, ...payload!, ...phone.assignment]);
    const rec = {
      id: 'b1',
      datasetId: 'd',
      sealed: await sealJson(k, { ...phone, batch: { ...head, rows: [] }, assignment: [] }, batchAad('b1')),
      lists: await sealBytes(k, new Uint8Array(ints.buffer), `${batchAad('b1')}:lists`),
    };
    expect(await openBatch(k, rec)).toEqual(phone);
  });

  it('says lists that do not add up are damaged, and never reads past them', () => {
    const good = encodeBatchLists({ rows: [1, 2, 3, 10, 11, 40], payloadAssignment: [0, 1, 0, 1, 0, 1], assignment: [-1, -1, -1, -1, -1, -1] });
    for (let cut = 1; cut < good.length; cut++) expect(() => decodeBatchLists(good.subarray(0, cut))).toThrow(BatchListsDamagedError);
    expect(() => decodeBatchLists(Int32Array.from([...good, 0]))).toThrow(BatchListsDamagedError);
    // Runs longer than the count, a negative count, an unknown form: damaged, at once.
    expect(() => decodeBatchLists(Int32Array.from([-2, 0, 1, 3, 1, 0, 5, 2, 0, 2, 0, 0]))).toThrow(BatchListsDamagedError);
    expect(() => decodeBatchLists(Int32Array.from([-2, 0, 2, -1, 7, 2, 0, 0]))).toThrow(BatchListsDamagedError);
    expect(() => decodeBatchLists(Int32Array.from([-2, 0, 9, 1, 7, 2, 0, 0]))).toThrow(BatchListsDamagedError);
    expect(() => decodeBatchLists(Int32Array.from([-2, 0, 1, 2 ** 31 - 1, 2 ** 31 - 1, 2, 0, 0]))).toThrow(BatchListsDamagedError);
  });
});
