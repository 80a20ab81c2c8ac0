/**
 * An event whose payload holds long lists of integers (a batch's rows) is sealed with them kept
 * apart as integers (`v: 3`, decision 049): what is stored is a fraction of its JSON, reads back
 * equal, and binds its clear fields as every event sealed on its own does.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { DecryptionError } from '../../../shared/vault/cipher';
import { jsonBytes } from '../../../shared/vault/json-bytes';
import type { StoredEvent } from './db';
import { dropTestLaptops, twoLaptops } from './test-laptops';

afterEach(() => dropTestLaptops());

/** A post batch of 50,000 customers, a few of them left out (already reached). */
const rows = Array.from({ length: 50_000 }, (_, i) => i).filter((r) => r % 1_000 !== 7);
const batch = (incidentId: string): AnyDraft => ({
  type: 'contacts.batch-created',
  incidentId,
  payload: { datasetId: 'ds-1', batchId: 'b-1', channel: 'post', rows },
});
const note = (incidentId: string): AnyDraft => ({
  type: 'contacts.batch-created',
  incidentId,
  payload: { datasetId: 'ds-1', batchId: 'b-2', channel: 'email', rows: [3, 5, 8] },
});

async function stored(prefix: string) {
  const { b } = await twoLaptops(prefix);
  await b.append([batch('i1')]);
  await b.append([note('i1')]);
  const all = await b.database.events.toArray();
  const big = all.find((e) => e.sealed && (e.sealed as Uint8Array).byteLength < 10_000 && e.v === 3)!;
  return { b, all, big };
}

describe('an event with a long list of rows, at rest', () => {
  it('is stored in a fraction of its JSON and reads back equal; an event without one is stored as JSON', async () => {
    const { b, all, big } = await stored('packed-size');
    expect(big).toBeDefined();
    expect(big.sealed!.byteLength).toBeLessThan(2_000);
    expect(jsonBytes(batch('i1').payload).byteLength).toBeGreaterThan(250_000);
    expect(all.find((e) => e.id !== big.id)?.v).toBe(2);
    const events = await b.readEvents('i1');
    expect(events.map((e) => e.payload)).toEqual([batch('i1').payload, note('i1').payload]);
  });

  it('moved to another incident, relabelled, re-dated, re-authored or marked as another kind of record, is refused; put back, it reads again', async () => {
    const { b, big } = await stored('packed-altered');
    const { v: _v, ...unmarked } = big;
    for (const altered of [
      { ...big, incidentId: 'i2' },
      { ...big, type: 'contacts.batch-cancelled' },
      { ...big, at: big.at.replace(/^\d/, '9') },
      { ...big, actor: 'mallory' },
      { ...big, v: 2 as const },
      unmarked as StoredEvent,
    ]) {
      await b.database.events.put(altered as StoredEvent);
      await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
    }
    await b.database.events.put(big);
    expect(await b.readEvents('i1')).toHaveLength(2);
  });

  it('a v: 2 event marked as packed does not open either', async () => {
    const { b, all, big } = await stored('packed-mark');
    const small = all.find((e) => e.id !== big.id)!;
    await b.database.events.put({ ...small, v: 3 } as StoredEvent);
    await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
  });
});
