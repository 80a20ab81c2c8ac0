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
import { sealJson } from '../../../shared/vault/cipher';
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

  it('refuses rows moved from another batch record', async () => {
    const k = await key();
    const a = await sealBatch(k, phoneBatch());
    const b = await sealBatch(k, newSummary(event(C.batchCreated, { batchId: 'b5', channel: 'post', rows: [1] }) as never));
    await expect(openBatch(k, { ...b, lists: a.lists })).rejects.toThrow();
  });
});
