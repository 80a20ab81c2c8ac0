/**
 * A stranger's cases on the sender keeping the packed bytes of an own event too large as JSON
 * while it waits behind a full message (a74bc28): let go when the event leaves the outbox as
 * already in the room (fixed), sealed for a new epoch, in order, and a copy read back afresh (held).
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import type { Chunk } from '../../../shared/sync/chunk';
import { generateDeviceKey } from '../../../shared/sync/device-key';
import { deriveEpochKeys, newEpochKey } from '../../../shared/sync/epoch';
import { Roster } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import type { RoomLink } from './room-link';
import { Sender } from './sender';
import { batch, note, reports, teammateReads } from './test-sender';

async function waitingSetup() {
  const { key: device } = await generateDeviceKey('root');
  let room = await deriveEpochKeys(2, newEpochKey());
  const roster = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
  const pushes: Chunk[][] = [];
  const faults: unknown[] = [];
  const stored: HonbuEvent[] = [];
  const present = new Set<string>();
  const link = {
    live: true,
    epoch: room,
    push: (chunks: Chunk[]) => {
      pushes.push(chunks);
      link.live = false;
      return { client: 1, base: pushes.flat().length - chunks.length };
    },
    freeze: () => {},
  } as unknown as RoomLink & { live: boolean; epoch: typeof room };
  const sender = new Sender({
    store: { readEvents: async () => stored } as unknown as EventStore,
    device,
    present,
    link: () => link,
    epoch: () => room,
    candidates: () => [],
    changed: () => {},
    fault: (e) => faults.push(e),
  });
  const packedOf = (sender as unknown as { packedOf: WeakMap<HonbuEvent, Uint8Array> }).packedOf;
  const newRoom = async () => {
    room = await deriveEpochKeys(3, newEpochKey());
    link.epoch = room;
    return room;
  };
  const drain = async () => {
    for (let i = 0; i < 20 && sender.size > 0; i++) {
      link.live = true;
      sender.pump();
      await sender.work;
      link.live = true;
      sender.acked(link, { '1': pushes.flat().length });
      await sender.work;
    }
  };
  return { sender, pushes, faults, room: () => room, roster, link, stored, present, packedOf, newRoom, drain };
}

describe('the packed bytes kept while an event waits', () => {
  it('are cached when the event breaks off behind a note (precondition of the cases below)', async () => {
    const s = await waitingSetup();
    const big = reports('big', 3 * 1024 * 1024);
    s.sender.add(note('n-before'));
    s.sender.add(big);
    s.sender.pump();
    await s.sender.work;
    expect(s.pushes.flat().map((c) => c.ids[0])).toEqual(['n-before']);
    expect(s.packedOf.has(big)).toBe(true);
  });

  it('are let go when the waiting event leaves the outbox because its copy is found in the room (present), not pushed', async () => {
    const s = await waitingSetup();
    const big = reports('big', 3 * 1024 * 1024);
    s.sender.add(note('n-before'));
    s.sender.add(big);
    s.sender.pump();
    await s.sender.work;
    expect(s.packedOf.has(big)).toBe(true);
    // The receiver finds this laptop's own copy of it in the room (e.g. the room cache after a restart).
    s.present.add('big');
    s.link.live = true;
    s.sender.pump();
    await s.sender.work;
    expect(s.sender.has('big')).toBe(false);
    // The event is out of the outbox and will never be pushed by this sender: its ~3 MiB of
    // packed bytes should be gone, but stay reachable for as long as the app holds the event object.
    expect(s.packedOf.get(big)?.byteLength ?? 0).toBe(0);
  });

  it('go to a new epoch’s room sealed with its keys, and the teammate reads the event whole (held)', async () => {
    const s = await waitingSetup();
    const big = reports('big', 3 * 1024 * 1024);
    s.sender.add(note('n-before'));
    s.sender.add(big);
    s.sender.pump();
    await s.sender.work;
    const before = s.pushes.flat().length;
    const room = await s.newRoom();
    await s.drain();
    expect(s.faults).toEqual([]);
    expect(await teammateReads(s.pushes.flat().slice(before), room, s.roster)).toEqual(['big']);
    expect(s.packedOf.has(big)).toBe(false);
  });

  it('an event waiting as one packed record behind a JSON note goes whole next, its bytes then let go (held)', async () => {
    const s = await waitingSetup();
    const rows = Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) % 1_000_003);
    const b = batch('b-1', rows);
    s.sender.add(note('n-0'));
    s.sender.add(b);
    s.sender.add(note('n-2'));
    s.sender.pump();
    await s.sender.work;
    await s.drain();
    expect(s.faults).toEqual([]);
    expect(await teammateReads(s.pushes.flat(), s.room(), s.roster)).toEqual(['n-0', 'b-1', 'n-2']);
    expect(s.packedOf.has(b)).toBe(false);
  });

  it('a new object with the same id and other content added while the first waits: the first goes, once (held, as before the commit)', async () => {
    const s = await waitingSetup();
    const big = reports('big', 3 * 1024 * 1024);
    s.sender.add(note('n-before'));
    s.sender.add(big);
    s.sender.pump();
    await s.sender.work;
    const other = reports('big', 3 * 1024 * 1024);
    s.sender.add(other);
    await s.drain();
    const items = s.pushes.flat();
    expect(await teammateReads(items, s.room(), s.roster)).toEqual(['n-before', 'big']);
    expect(s.packedOf.has(big)).toBe(false);
    expect(s.packedOf.has(other)).toBe(false);
  });

  it('after a frozen room, the copy read back from the store (a new object) goes again and is read whole (held)', async () => {
    const s = await waitingSetup();
    const big = reports('big', 3 * 1024 * 1024);
    s.stored.push(note('n-before'), big);
    s.sender.add(s.stored[0]!);
    s.sender.add(big);
    await s.drain();
    const before = s.pushes.flat().length;
    s.stored[1] = JSON.parse(JSON.stringify(big)) as HonbuEvent;
    s.sender.resend(['big']);
    s.sender.requeue(null);
    await s.drain();
    expect(s.faults).toEqual([]);
    expect(await teammateReads(s.pushes.flat(), s.room(), s.roster)).toEqual(['n-before', 'big']);
    expect(s.packedOf.has(s.stored[1]!)).toBe(false);
    expect(before).toBeGreaterThan(0);
  });
});
