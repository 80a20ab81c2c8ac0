import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { isChunkRecord } from './append-only';
import { isSignedItem, itemIds, openItem, sealEventsChunk } from './chunk';
import { generateDeviceKey, importVerifyKey } from './device-key';
import { sealEnvelope } from './envelope';
import { deriveEpochKeys, newEpochKey } from './epoch';
import { Roster } from './roster';

let n = 0;
const ev = (node: string, actor = 'p-root', notes = 'x'): HonbuEvent => ({
  id: `e-${++n}`,
  incidentId: 'inc-1',
  at: encodeHlc({ wall: 1_760_000_000_000 + n, counter: 0, node }),
  actor,
  type: 'boards.task-changed',
  payload: { taskId: 't1', changes: { notes } },
});

async function setup() {
  const { key: device } = await generateDeviceKey('root');
  const room = await deriveEpochKeys(2, newEpochKey());
  const roster = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
  return { device, room, roster };
}

describe('signed chunks', () => {
  it('round-trip a device’s events under one signature, ids in clear, payloads hidden', async () => {
    const { device, room, roster } = await setup();
    const events = [ev('root', 'p-root', '090-3141-5926'), ev('root'), ev('root')];
    const chunk = await sealEventsChunk(events, room, device);
    expect(chunk).toMatchObject({ v: 3, e: 2, device: 'root', ids: events.map((e) => e.id) });
    expect(isChunkRecord(chunk)).toBeNull();
    expect(new TextDecoder('latin1').decode(chunk.ct)).not.toContain('090-3141-5926');
    expect(await openItem(chunk, room, roster)).toEqual({ ok: true, events, device: 'root' });
    expect(await isSignedItem(chunk, 2, 'root', await importVerifyKey(device.publicKey))).toBe(true);
  });

  it('is refused whole when one event in it is tampered with, relabelled, or not the signer’s own', async () => {
    const { device, room, roster } = await setup();
    const events = [ev('root'), ev('root'), ev('root')];
    const chunk = await sealEventsChunk(events, room, device);
    const ids = events.map((e) => e.id);
    const flipped = new Uint8Array(chunk.ct);
    flipped[40] = flipped[40]! ^ 1;
    const verifyKey = await importVerifyKey(device.publicKey);
    // A changed byte of the ciphertext, an id swapped, dropped or added: the one signature fails.
    const forged = [
      { ...chunk, ct: flipped },
      { ...chunk, ids: [ids[0]!, 'other-id', ids[2]!] },
      { ...chunk, ids: ids.slice(0, 2) },
      { ...chunk, ids: [...ids, 'e-extra'] },
      { ...chunk, e: 3 },
    ];
    for (const f of forged) {
      const r = await openItem(f, f.e === 3 ? { ...room, epoch: 3 } : room, roster);
      expect(r).toMatchObject({ ok: false, reason: 'bad-signature' });
      expect(await isSignedItem(f, f.e, 'root', verifyKey)).toBe(false);
    }
    // Signed by the device, but one event stamped by another laptop's clock or another person: all refused.
    const otherClock = await sealEventsChunk([ev('root'), ev('bob'), ev('root')], room, device);
    expect(await openItem(otherClock, room, roster)).toMatchObject({ ok: false, reason: 'device-mismatch', ids: otherClock.ids });
    const otherPerson = await sealEventsChunk([ev('root'), ev('root'), ev('root', 'p-bob')], room, device);
    expect(await openItem(otherPerson, room, roster)).toMatchObject({ ok: false, reason: 'actor-mismatch', ids: otherPerson.ids });
  });

  it('belongs to its epoch and is refused from a device revoked before it', async () => {
    const { device, room, roster } = await setup();
    const chunk = await sealEventsChunk([ev('root')], room, device);
    expect(await openItem(chunk, { ...room, epoch: 1 }, roster)).toMatchObject({ ok: false, reason: 'wrong-epoch' });
    expect(await openItem(chunk, { ...room, excluded: new Set(['root']) }, roster)).toMatchObject({ ok: false, reason: 'revoked-device', ids: chunk.ids });
    expect(await openItem(chunk, await deriveEpochKeys(2, newEpochKey()), roster)).toMatchObject({ ok: false, reason: 'undecryptable' });
  });

  it('still reads single-event envelopes written before chunks', async () => {
    const { device, room, roster } = await setup();
    const e = ev('root');
    const env = await sealEnvelope(e, room, device);
    expect(itemIds(env)).toEqual([e.id]);
    expect(await openItem(env, room, roster)).toEqual({ ok: true, events: [e], device: 'root' });
    expect(await isSignedItem(env, 2, 'root', await importVerifyKey(device.publicKey))).toBe(true);
    expect(await openItem({ ...env, v: 1 }, room, roster)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
