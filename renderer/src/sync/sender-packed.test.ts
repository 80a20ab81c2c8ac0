/**
 * A tester's cases on the sender's packed path (decision 066), with a fake room link: what
 * it pushes is opened back with openItem, as a teammate's laptop would.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import { encodeHlc } from '../../../shared/events/hlc';
import { DEFAULT_APPEND_LIMITS } from '../../../shared/sync/append-only';
import { openItem, type Chunk } from '../../../shared/sync/chunk';
import { generateDeviceKey } from '../../../shared/sync/device-key';
import { deriveEpochKeys, newEpochKey } from '../../../shared/sync/epoch';
import { Roster } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import type { RoomLink } from './room-link';
import { Sender } from './sender';

const LIMIT = DEFAULT_APPEND_LIMITS.maxEnvelopeBytes;
let n = 0;
const at = () => encodeHlc({ wall: 1_760_000_000_000 + ++n, counter: 0, node: 'root' });
const batch = (id: string, rows: number[]): HonbuEvent => ({
  id, incidentId: 'inc-1', at: at(), actor: 'p-root', type: 'contacts.batch-created',
  payload: { datasetId: 'ds-1', batchId: id, channel: 'post', rows },
});
const note = (id: string): HonbuEvent => ({ id, incidentId: 'inc-1', at: at(), actor: 'p-root', type: 'incident.note-added', payload: { text: id } });

async function setup() {
  const { key: device } = await generateDeviceKey('root');
  const room = await deriveEpochKeys(2, newEpochKey());
  const roster = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
  const pushes: Chunk[][] = [];
  const faults: unknown[] = [];
  const link = {
    live: true,
    epoch: room,
    push: (chunks: Chunk[]) => {
      pushes.push(chunks);
      return { client: 1, base: pushes.flat().length - chunks.length };
    },
    freeze: () => {},
  } as unknown as RoomLink;
  const sender = new Sender({
    store: { readEvents: async () => [] } as unknown as EventStore,
    device,
    present: new Set(),
    link: () => link,
    epoch: () => room,
    candidates: () => [],
    changed: () => {},
    fault: (e) => faults.push(e),
  });
  return { sender, pushes, faults, room, roster };
}

describe('the sender with several events too large as JSON', () => {
  it('six post batches of 200,000 rows each and notes between them all reach the room, each whole, in order', async () => {
    const { sender, pushes, faults, room, roster } = await setup();
    const rows = Array.from({ length: 200_000 }, (_, i) => i * 3);
    const queued: HonbuEvent[] = [];
    for (let i = 0; i < 6; i++) queued.push(batch(`b-${i}`, rows), note(`n-${i}`));
    expect(JSON.stringify(queued[0]).length).toBeGreaterThan(LIMIT);
    for (const e of queued) sender.add(e);
    sender.pump();
    await sender.work;
    expect(faults).toEqual([]);
    const opened = await Promise.all(pushes.flat().map((c) => openItem(c, room, roster)));
    const ids = opened.flatMap((o) => (o.ok ? o.events.map((e) => e.id) : ['REFUSED']));
    expect(ids).toEqual(queued.map((e) => e.id));
    for (const c of pushes.flat()) expect(c.ct.byteLength).toBeLessThanOrEqual(LIMIT);
  });

  it('a post batch of 3M rows (~24 MB of JSON) is not also encoded to UTF-8 just to learn it is over a 1 MiB record', async () => {
    const { sender, pushes, faults } = await setup();
    const e = batch('b-big', Array.from({ length: 3_000_000 }, (_, i) => 10_000_000 + i));
    const encode = TextEncoder.prototype.encode;
    const encoded: number[] = [];
    TextEncoder.prototype.encode = function (this: TextEncoder, s?: string) {
      encoded.push(s?.length ?? 0);
      return encode.call(this, s);
    };
    try {
      sender.add(e);
      sender.pump();
      await sender.work;
    } finally {
      TextEncoder.prototype.encode = encode;
    }
    expect(faults).toEqual([]);
    expect(pushes.flat()).toHaveLength(1);
    // A string of more characters than the record holds bytes is over it whatever its UTF-8.
    expect(Math.max(...encoded)).toBeLessThanOrEqual(LIMIT);
  });
});
