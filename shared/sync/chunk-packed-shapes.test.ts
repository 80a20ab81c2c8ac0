/**
 * A tester's cases: shapes a member can write only in a packed chunk (decision 066) — a list
 * of integers where a text belongs, events of another laptop, a lead byte on a JSON chunk.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { parseEvent } from '../events/registry';
import { utf8 } from '../vault/bytes';
import { openItem, packedPayload, sealChunkBytes } from './chunk';
import { generateDeviceKey } from './device-key';
import { deriveEpochKeys, newEpochKey } from './epoch';
import { Roster } from './roster';

const at = (n: number, node = 'root') => encodeHlc({ wall: 1_760_000_000_000 + n, counter: 0, node });

async function setup() {
  const { key: device } = await generateDeviceKey('root');
  const room = await deriveEpochKeys(2, newEpochKey());
  const roster = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
  return { device, room, roster };
}

/** A packed plaintext (0x01) whose head is `v` with string marks "M0", "M1"… and the lists after it, RAW. */
async function packedOf(v: unknown, lists: number[][]) {
  const { deflateSync } = await import('fflate');
  const head = utf8(JSON.stringify({ m: 'M', v }));
  const pad = (4 - ((4 + head.length) % 4)) % 4;
  const ints = lists.flatMap((xs) => [0, xs.length, ...xs]);
  const out = new Uint8Array(4 + head.length + pad + 4 * ints.length);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  new Int32Array(out.buffer, 4 + head.length + pad, ints.length).set(ints);
  const body = deflateSync(out);
  const plain = new Uint8Array(1 + body.length);
  plain[0] = 1;
  plain.set(body, 1);
  return plain;
}

describe('what a packed chunk may hold (a tester’s cases, decision 066)', () => {
  it('integers where texts belong (outcomes, datasetId, operators) open, and parseEvent refuses each', async () => {
    const { device, room, roster } = await setup();
    const nums = Array.from({ length: 2000 }, (_, i) => i);
    const events = [
      { id: 'e-1', incidentId: 'inc-1', at: at(1), actor: 'p-root', type: 'contacts.outcomes-recorded', payload: { datasetId: 'ds', channel: 'post', source: 'x', rows: 'M0', outcomes: 'M1', reasons: 'M2' } },
      { id: 'e-2', incidentId: 'inc-1', at: at(2), actor: 'p-root', type: 'contacts.batch-created', payload: { datasetId: 'M0', batchId: 'b', channel: 'post', rows: 'M1' } },
      { id: 'e-3', incidentId: 'inc-1', at: at(3), actor: 'p-root', type: 'contacts.batch-created', payload: { datasetId: 'ds', batchId: 'b', channel: 'post', rows: 'M0', operators: 'M1', assignment: 'M2' } },
    ];
    // One event per packed chunk, as the sender packs them.
    const lists = [[nums, nums, nums], [nums, nums], [nums, nums, nums]];
    for (const [i, event] of events.entries()) {
      const chunk = await sealChunkBytes([event.id], await packedOf([event], lists[i]!), room, device);
      const r = await openItem(chunk, room, roster);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      for (const e of r.events) expect(parseEvent(e).ok).toBe(false);
    }
  });

  it('a packed chunk holding another laptop’s event, or another person’s, is refused', async () => {
    const { device, room, roster } = await setup();
    const mine: HonbuEvent = { id: 'e-1', incidentId: 'inc-1', at: at(1), actor: 'p-root', type: 'contacts.batch-created', payload: { datasetId: 'ds', batchId: 'b', channel: 'post', rows: Array.from({ length: 2000 }, (_, i) => i) } };
    const theirs: HonbuEvent = { ...mine, id: 'e-2', at: at(2, 'bob') };
    const person: HonbuEvent = { ...mine, id: 'e-3', actor: 'p-bob' };
    expect(await openItem(await sealChunkBytes(['e-2'], packedPayload([theirs]), room, device), room, roster)).toMatchObject({ ok: false, reason: 'device-mismatch' });
    expect(await openItem(await sealChunkBytes(['e-3'], packedPayload([person]), room, device), room, roster)).toMatchObject({ ok: false, reason: 'actor-mismatch' });
    // Two events in one packed chunk: no honest sender packs more than one.
    expect(await openItem(await sealChunkBytes(['e-1', 'e-3'], packedPayload([mine, person]), room, device), room, roster)).toMatchObject({ ok: false, reason: 'undecryptable' });
    expect(await openItem(await sealChunkBytes(['e-1'], packedPayload([mine]), room, device), room, roster)).toMatchObject({ ok: true });
  });

  it('0x01 or 0x02 before a JSON chunk’s text is refused as undecryptable, never read as JSON', async () => {
    const { device, room, roster } = await setup();
    const e: HonbuEvent = { id: 'e-1', incidentId: 'inc-1', at: at(1), actor: 'p-root', type: 'incident.note-added', payload: {} };
    for (const lead of [1, 2]) {
      const json = utf8(`[${JSON.stringify(e)}]`);
      const plain = new Uint8Array(1 + json.length);
      plain[0] = lead;
      plain.set(json, 1);
      expect(await openItem(await sealChunkBytes(['e-1'], plain, room, device), room, roster)).toMatchObject({ ok: false, reason: 'undecryptable' });
    }
  });
});
