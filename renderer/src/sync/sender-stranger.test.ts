/**
 * A tester's attack on the sender's parts (decision 069), with fake room links as in
 * sender-packed.test.ts: what is pushed is opened back with openItem and joined with a
 * PartAssembler, as a teammate's laptop reading that room would.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import type { Chunk } from '../../../shared/sync/chunk';
import { partName } from '../../../shared/sync/parts';
import { generateDeviceKey } from '../../../shared/sync/device-key';
import { deriveEpochKeys, newEpochKey, type EpochKeys } from '../../../shared/sync/epoch';
import { Roster } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import type { RoomLink } from './room-link';
import { Sender } from './sender';
import { note, reports, teammateReads } from './test-sender';

/** A room link as the sender sees it: its pushes kept, one Yjs client, clocks counted. */
function fakeLink(epoch: EpochKeys) {
  const pushes: Chunk[][] = [];
  const link = {
    live: true,
    epoch,
    push: (chunks: Chunk[]) => {
      pushes.push(chunks);
      return { client: 1, base: pushes.flat().length - chunks.length };
    },
    freeze: () => {},
  } as unknown as RoomLink & { live: boolean };
  return { link, pushes, ack: () => ({ '1': pushes.flat().length }) };
}

async function setup() {
  const { key: device } = await generateDeviceKey('root');
  const roster = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
  const room0 = await deriveEpochKeys(4, newEpochKey());
  const room1 = await deriveEpochKeys(5, newEpochKey());
  const old = fakeLink(room0);
  const next = fakeLink(room1);
  const state = { epoch: room0, link: old.link, candidates: [] as string[] };
  const faults: unknown[] = [];
  const stored: HonbuEvent[] = [];
  const present = new Set<string>();
  const sender = new Sender({
    store: { readEvents: async () => stored } as unknown as EventStore,
    device,
    present,
    link: () => state.link,
    epoch: () => state.epoch,
    candidates: (e) => (e === state.epoch.epoch ? state.candidates : []),
    changed: () => {},
    fault: (e) => faults.push(e),
  });
  return { sender, roster, room0, room1, old, next, state, faults, stored, present };
}

describe('parts and a new key epoch', () => {
  it('an event whose first parts were acknowledged in the old room when a revocation moved the team to a new epoch reaches the teammates whole in the new room', async () => {
    const s = await setup();
    const big = reports('big', 6 * 1024 * 1024);
    s.stored.push(big);
    s.sender.add(big);
    s.sender.pump();
    await s.sender.work;
    const firstParts = s.old.pushes.flat().length;
    expect(firstParts).toBeGreaterThanOrEqual(1);
    const count = partName(s.old.pushes.flat()[0]!.ids[0]!)!.count;
    expect(firstParts).toBeLessThan(count);

    // A revocation is on its way (this laptop's or a teammate's): only the chain events still go
    // to the old room; the server acknowledges the parts already pushed, as it does.
    s.state.candidates = ['epoch-started-1'];
    s.sender.acked(s.old.link, s.old.ack());
    await s.sender.work;
    expect(s.old.pushes.flat().length).toBe(firstParts);

    // The old room is frozen and read: the client moves to the next epoch (sync-client.ts moveTo).
    s.old.link.live = false;
    s.state.epoch = s.room1;
    s.state.link = s.next.link;
    s.state.candidates = [];
    s.sender.requeue(null);
    s.sender.pump();
    for (let i = 0; i < 20 && s.sender.size > 0; i++) {
      await s.sender.work;
      s.sender.acked(s.next.link, s.next.ack());
    }
    await s.sender.work;
    expect(s.faults).toEqual([]);
    // The laptop says nothing is waiting any more...
    expect(s.sender.size).toBe(0);
    expect(s.present.has('big')).toBe(true);
    // ...so a teammate reading the new room (whose key the old room's parts cannot be joined
    // with: parts are held per room) must find the event whole there.
    const indexes = s.next.pushes.flat().map((c) => partName(c.ids[0]!)?.index);
    expect(indexes[0], `the new room's first part of "big" is part ${indexes[0]} of ${count}`).toBe(0);
    expect(await teammateReads(s.next.pushes.flat(), s.room1, s.roster, { once: false })).toEqual(['big']);
  }, 60_000);

  it('an event whose parts are all unacknowledged when the epoch changes goes again whole in the new room (held)', async () => {
    const s = await setup();
    const big = reports('big', 3 * 1024 * 1024);
    s.stored.push(big);
    s.sender.add(big);
    s.sender.pump();
    await s.sender.work;
    s.old.link.live = false;
    s.state.epoch = s.room1;
    s.state.link = s.next.link;
    expect(s.sender.requeue(null)).toBe(1);
    s.sender.pump();
    for (let i = 0; i < 20 && s.sender.size > 0; i++) {
      await s.sender.work;
      s.sender.acked(s.next.link, s.next.ack());
    }
    await s.sender.work;
    expect(s.faults).toEqual([]);
    expect(await teammateReads(s.next.pushes.flat(), s.room1, s.roster, { once: false })).toEqual(['big']);
  }, 60_000);
});

describe('what waits behind a large event', () => {
  it('small events written after a large one go after its last part; pending counts the large event once until its last part is acknowledged (held)', async () => {
    const s = await setup();
    const big = reports('big', 3 * 1024 * 1024);
    const after = Array.from({ length: 5 }, (_, i) => note(`after-${i}`));
    for (const e of [note('before'), big, ...after]) s.sender.add(e);
    expect(s.sender.size).toBe(7);
    s.sender.pump();
    await s.sender.work;
    // Nothing acknowledged yet: nothing of what follows the large event has gone.
    const pushed = s.old.pushes.flat().flatMap((c) => c.ids);
    expect(pushed.some((id) => id.startsWith('after-'))).toBe(false);
    for (let i = 0; i < 20 && s.sender.size > 0; i++) {
      s.sender.acked(s.old.link, s.old.ack());
      await s.sender.work;
    }
    expect(s.sender.size).toBe(0);
    expect(await teammateReads(s.old.pushes.flat(), s.room0, s.roster, { once: false })).toEqual(['before', 'big', ...after.map((e) => e.id)]);
  }, 60_000);

  it('two large events back to back both reach the teammate, each once, in order (held)', async () => {
    const s = await setup();
    const a = reports('big-a', 2 * 1024 * 1024);
    const b = reports('big-b', 2 * 1024 * 1024);
    for (const e of [a, b, note('tail')]) s.sender.add(e);
    s.sender.pump();
    for (let i = 0; i < 30 && s.sender.size > 0; i++) {
      await s.sender.work;
      s.sender.acked(s.old.link, s.old.ack());
    }
    await s.sender.work;
    expect(s.faults).toEqual([]);
    for (const p of s.old.pushes) if (p.some((c) => partName(c.ids[0]!))) expect(p).toHaveLength(1);
    expect(await teammateReads(s.old.pushes.flat(), s.room0, s.roster, { once: false })).toEqual(['big-a', 'big-b', 'tail']);
  }, 60_000);
});
