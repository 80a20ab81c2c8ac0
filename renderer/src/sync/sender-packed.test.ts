/**
 * A tester's cases on the sender's packed path (decision 066), with a fake room link: what
 * it pushes is opened back with openItem, as a teammate's laptop would.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import { DEFAULT_APPEND_LIMITS } from '../../../shared/sync/append-only';
import { openItem, type Chunk } from '../../../shared/sync/chunk';
import { generateDeviceKey } from '../../../shared/sync/device-key';
import { deriveEpochKeys, newEpochKey } from '../../../shared/sync/epoch';
import { Roster } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import type { RoomLink } from './room-link';
import { EventTooLargeError, Sender } from './sender';
import { batch, note, reports, teammateReads } from './test-sender';

const LIMIT = DEFAULT_APPEND_LIMITS.maxEnvelopeBytes;

async function setup(maxEventBytes?: number) {
  const { key: device } = await generateDeviceKey('root');
  const room = await deriveEpochKeys(2, newEpochKey());
  const roster = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
  const pushes: Chunk[][] = [];
  const faults: unknown[] = [];
  /** What the laptop's store holds (read back when an event goes again). */
  const stored: HonbuEvent[] = [];
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
    store: { readEvents: async () => stored } as unknown as EventStore,
    device,
    present: new Set(),
    link: () => link,
    epoch: () => room,
    candidates: () => [],
    changed: () => {},
    fault: (e) => faults.push(e),
    maxEventBytes,
  });
  return { sender, pushes, faults, room, roster, link, stored };
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

  it('a large event waiting behind others in a full message is stringified and packed once, not at every look', async () => {
    const { sender, pushes, faults, room, roster } = await setup();
    const rows = Array.from({ length: 200_000 }, (_, i) => i * 7 + 3);
    const queued = Array.from({ length: 6 }, (_, i) => batch(`b-${i}`, rows));
    const stringify = JSON.stringify;
    const looked = new Map<string, number>();
    JSON.stringify = function (value: unknown, ...rest: unknown[]) {
      const id = queued.find((q) => q === value)?.id;
      if (id) looked.set(id, (looked.get(id) ?? 0) + 1);
      return (stringify as (v: unknown, ...r: unknown[]) => string)(value, ...rest);
    } as typeof JSON.stringify;
    try {
      for (const e of queued) sender.add(e);
      sender.pump();
      await sender.work;
    } finally {
      JSON.stringify = stringify;
    }
    expect(faults).toEqual([]);
    // More than one message: each after the first waited behind a full one.
    expect(pushes.length).toBeGreaterThan(1);
    expect(Math.max(...looked.values())).toBe(1);
    const opened = await Promise.all(pushes.flat().map((c) => openItem(c, room, roster)));
    expect(opened.flatMap((o) => (o.ok ? o.events.map((e) => e.id) : ['REFUSED']))).toEqual(queued.map((e) => e.id));
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

describe('the sender with an event too large for one record even packed', () => {
  it('3 MiB of sealed intake reports go in parts, each alone in its message and within the record; what follows goes after the last part', async () => {
    const { sender, pushes, faults, room, roster, link } = await setup();
    const queued = [note('n-before'), reports('big', 3 * 1024 * 1024), note('n-after')];
    for (const e of queued) sender.add(e);
    sender.pump();
    await sender.work;
    // Two parts at most are unacknowledged at a time (the in-flight budget); the server's acknowledgement lets the rest go.
    for (let i = 0; i < 10 && sender.size > 0; i++) {
      sender.acked(link, { '1': pushes.flat().length });
      await sender.work;
    }
    expect(faults).toEqual([]);
    const items = pushes.flat();
    for (const c of items) expect(c.ct.byteLength).toBeLessThanOrEqual(LIMIT);
    const partPushes = pushes.filter((p) => p.some((c) => c.ids[0]!.startsWith('big:part:')));
    expect(partPushes.length).toBeGreaterThanOrEqual(3);
    for (const p of partPushes) expect(p).toHaveLength(1);
    expect(await teammateReads(items, room, roster)).toEqual(['n-before', 'big', 'n-after']);
    expect(sender.size).toBe(0);
  });

  it('parts pushed into a room that is then frozen go again, all of them, and the teammate still gets the event once', async () => {
    const { sender, pushes, faults, room, roster, link, stored } = await setup();
    stored.push(reports('big', 3 * 1024 * 1024));
    sender.add(stored[0]!);
    sender.pump();
    await sender.work;
    const before = pushes.flat().length;
    expect(before).toBeGreaterThanOrEqual(1);
    expect(sender.requeue(link)).toBe(1);
    sender.pump();
    for (let i = 0; i < 12 && sender.size > 0; i++) {
      await sender.work;
      sender.acked(link, { '1': pushes.flat().length });
    }
    await sender.work;
    expect(faults).toEqual([]);
    const again = pushes.flat().slice(before);
    expect(again[0]!.ids[0]).toMatch(/^big:part:0:/);
    expect(await teammateReads(pushes.flat(), room, roster)).toEqual(['big']);
    expect(await teammateReads(again, room, roster)).toEqual(['big']);
  });

  it('past the bound for parts it is set aside, said once, and the event after it still goes', async () => {
    const { sender, pushes, faults, room, roster } = await setup(2 * 1024 * 1024);
    for (const e of [reports('huge', 3 * 1024 * 1024), note('n-after')]) sender.add(e);
    sender.pump();
    await sender.work;
    expect(faults.map((f) => (f instanceof EventTooLargeError ? f.eventId : String(f)))).toEqual(['huge']);
    expect(sender.setAside()).toEqual(['huge']);
    expect(await teammateReads(pushes.flat(), room, roster)).toEqual(['n-after']);
  });
});
