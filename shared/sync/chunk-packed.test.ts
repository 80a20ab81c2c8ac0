/**
 * An event too large for the server's record as JSON (a post batch of everyone at 20M
 * customers is ~170 MB of digits) is sealed packed: its long lists of rows as integers, the rest
 * deflated (decision 066). Every other chunk stays JSON, as laptops of an earlier version read it.
 */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { DEFAULT_APPEND_LIMITS, isChunkRecord } from './append-only';
import { eventsOfPlaintext, openItem, packedPayload, sealChunkBytes, sealEventsChunk } from './chunk';
import { generateDeviceKey } from './device-key';
import { deriveEpochKeys, newEpochKey } from './epoch';
import { Roster } from './roster';

const at = (n: number) => encodeHlc({ wall: 1_760_000_000_000 + n, counter: 0, node: 'root' });
const batch = (id: string, rows: number[]): HonbuEvent => ({
  id, incidentId: 'inc-1', at: at(1), actor: 'p-root', type: 'contacts.batch-created',
  payload: { datasetId: 'ds-1', batchId: 'b-1', channel: 'post', rows },
});

async function setup() {
  const { key: device } = await generateDeviceKey('root');
  const room = await deriveEpochKeys(2, newEpochKey());
  const roster = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
  return { device, room, roster };
}

describe('a chunk of one event too large as JSON', () => {
  it('a post batch of 500,000 rows (3.8 MB of JSON) seals into a few hundred bytes and opens to the same event', async () => {
    const { device, room, roster } = await setup();
    const event = batch('e-all', Array.from({ length: 500_000 }, (_, i) => i));
    expect(JSON.stringify(event).length).toBeGreaterThan(DEFAULT_APPEND_LIMITS.maxEnvelopeBytes * 3);
    const chunk = await sealChunkBytes([event.id], packedPayload([event]), room, device);
    expect(chunk.ct.byteLength).toBeLessThan(1024);
    expect(isChunkRecord(chunk)).toBeNull();
    expect(await openItem(chunk, room, roster)).toEqual({ ok: true, events: [event], device: 'root' });
  });

  it('a returned-mail list of 50,000 scattered rows with a reason each fits a record, and opens whole', async () => {
    const { device, room, roster } = await setup();
    const rows = Array.from({ length: 50_000 }, (_, i) => i * 37 + (i % 7));
    const event: HonbuEvent = {
      id: 'e-ret', incidentId: 'inc-1', at: at(2), actor: 'p-root', type: 'contacts.outcomes-recorded',
      payload: { datasetId: 'ds-1', channel: 'post', source: 'returned-mail', rows, outcomes: rows.map(() => 'failed'), reasons: rows.map((r) => (r % 3 ? 'unknown-address' : 'moved-no-forwarding')), notes: rows.map(() => '') },
    };
    expect(JSON.stringify(event).length).toBeGreaterThan(DEFAULT_APPEND_LIMITS.maxEnvelopeBytes);
    const chunk = await sealChunkBytes([event.id], packedPayload([event]), room, device);
    expect(isChunkRecord(chunk)).toBeNull();
    expect(chunk.ct.byteLength).toBeLessThan(DEFAULT_APPEND_LIMITS.maxEnvelopeBytes / 2);
    expect(await openItem(chunk, room, roster)).toEqual({ ok: true, events: [event], device: 'root' });
  });

  it('ordinary chunks stay JSON (an earlier version reads them): their plaintext is an array', async () => {
    const { device, room, roster } = await setup();
    const event = batch('e-small', [1, 2, 3]);
    const chunk = await sealEventsChunk([event], room, device);
    expect(await openItem(chunk, room, roster)).toEqual({ ok: true, events: [event], device: 'root' });
    // What an earlier version reads: a packed chunk is refused by it as undecryptable, never misread.
    const packed = await sealChunkBytes([event.id], packedPayload([event]), room, device);
    expect(await openItem(packed, room, roster)).toEqual({ ok: true, events: [event], device: 'root' });
  });

  it('a packed plaintext that opens to more than a laptop takes (a deflate bomb from a member) is refused, not opened', () => {
    const body = deflateSync(new Uint8Array(2 * 1024 * 1024), { level: 9 });
    const payload = new Uint8Array(1 + body.byteLength);
    payload[0] = 0x02;
    payload.set(body, 1);
    expect(payload.byteLength).toBeLessThan(8 * 1024);
    expect(() => eventsOfPlaintext(payload, { bytes: 1024 * 1024, values: 1e9, integers: 1e9 })).toThrow(/opens to more than it may/);
  });

  it('every list of a packed chunk counts against one budget of integers: past it the chunk is refused before the list is made (a 12-byte list may say "33M times 7")', () => {
    // An honest packed event, then the same with its lists' heads rewritten to repeat one value.
    const event = { ...batch('e-lie', Array.from({ length: 2_000 }, (_, i) => i * 3)), payload: { datasetId: 'ds-1', batchId: 'b-1', channel: 'post', rows: Array.from({ length: 2_000 }, (_, i) => i * 3), assignment: Array.from({ length: 2_000 }, (_, i) => i % 2), operators: ['a', 'b'] } };
    const payload = packedPayload([event as HonbuEvent]);
    expect(eventsOfPlaintext(payload, { bytes: 1e9, values: 1e9, integers: 4_000 })).toEqual([event]);
    expect(() => eventsOfPlaintext(payload, { bytes: 1e9, values: 1e9, integers: 3_999 })).toThrow();
  });

  it('a packed body of more values than an honest event holds ([0,0,0,…]: an array that large kills V8 outright) is refused before it is parsed', () => {
    const text = new TextEncoder().encode(`[${'0,'.repeat(50_000)}0]`);
    const body = deflateSync(text, { level: 9 });
    const payload = new Uint8Array(1 + body.byteLength);
    payload[0] = 0x02;
    payload.set(body, 1);
    expect(() => eventsOfPlaintext(payload, { bytes: 1e9, values: 10_000, integers: 1e9 })).toThrow(/more values than it may/);
  });

  it('a packed chunk holding more than the one event a sender packs is refused', async () => {
    const { device, room, roster } = await setup();
    const two = [batch('e-a', [1, 2]), batch('e-b', [3, 4])];
    const chunk = await sealChunkBytes(['e-a', 'e-b'], packedPayload(two), room, device);
    expect(await openItem(chunk, room, roster)).toMatchObject({ ok: false, reason: 'undecryptable' });
  });
});
