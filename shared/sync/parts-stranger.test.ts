/**
 * A tester's attack on parts (decision 069; wholes under 64 KiB are no longer cut, so its
 * events carry text no deflate shrinks) at the level of one chunk and the assembler: a
 * member's laptop that signs whatever it likes (a valid device key and the room's key), and
 * what its parts can make a teammate's laptop hold, open or fold.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { openAssembled, openItem, packedPayload, sealChunkBytes, sealEventsChunk, type OpenedItem } from './chunk';
import { generateDeviceKey, importVerifyKey } from './device-key';
import type { DeviceDirectory } from './envelope';
import { deriveEpochKeys, newEpochKey } from './epoch';
import { cutIntoParts, MAX_EVENT_PARTS, MAX_HELD_PART_BYTES, PART_BYTES, PART_HEADER_BYTES, PART_KIND, partId, PartAssembler, type OpenedPart } from './parts';

const at = (n: number, node: string) => encodeHlc({ wall: 1_760_000_000_000 + n, counter: 0, node });
/** Text no deflate shrinks much: a whole is cut into parts only past 64 KiB (what the sender cuts is over a record). */
const noise = (n: number) => {
  let x = 2_463_534_242;
  return Array.from({ length: n }, () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), 'abcdefghijklmnopqrstuvwxyz0123456789'[(x >>> 0) % 36])).join('');
};
const NOISE = noise(120_000);
const note = (id: string, node: string, actor: string, n = 1): HonbuEvent => ({ id, incidentId: 'inc-1', at: at(n, node), actor, type: 'incident.note-added', payload: { text: `${id} ${NOISE}` } });

async function setup() {
  const { key: alice } = await generateDeviceKey('alice');
  const { key: mal } = await generateDeviceKey('mal');
  const keys = new Map([
    ['alice', { key: await importVerifyKey(alice.publicKey), personId: 'p-alice' }],
    ['mal', { key: await importVerifyKey(mal.publicKey), personId: 'p-mal' }],
  ]);
  const roster: DeviceDirectory = {
    trust: (d) => (keys.has(d) ? 'trusted' : 'unknown') as never,
    verifyKey: async (d) => keys.get(d)!.key,
    device: (d) => keys.get(d),
  };
  const room = await deriveEpochKeys(3, newEpochKey());
  return { alice, mal, roster, room };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** A part's plaintext written by hand: kind, index, count, total, digest, then the piece. */
function partPlain(index: number, count: number, total: number, digest: Uint8Array, piece: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(PART_HEADER_BYTES + piece.byteLength);
  const view = new DataView(out.buffer);
  out[0] = PART_KIND;
  view.setUint32(1, index);
  view.setUint32(5, count);
  view.setUint32(9, total);
  out.set(digest, 13);
  out.set(piece, PART_HEADER_BYTES);
  return out;
}
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** As the receiver: opens each item, holds parts, opens the event once whole. */
async function receive(s: Setup, items: unknown[], assembler = new PartAssembler(), room = s.room): Promise<OpenedItem[]> {
  const out: OpenedItem[] = [];
  for (const item of items) {
    const r = await openItem(item, room, s.roster);
    if (!r.ok || !r.part) {
      out.push(r);
      continue;
    }
    const got = await assembler.add(r.device, room.epoch, r.part);
    if ('refused' in got) out.push({ ok: false, reason: got.refused === 'corrupt' ? 'undecryptable' : 'malformed', ids: [partId(r.part)], device: r.device });
    else if (got.done) out.push(openAssembled(got.plaintext, r.part.eventId, r.device, room, s.roster));
  }
  return out;
}

const summary = (rs: OpenedItem[]) => rs.map((r) => (r.ok ? `ok ${r.events.map((e) => e.id).join(',')}` : `refused ${r.reason}`));

describe('a member laptop’s parts against a teammate’s memory', () => {
  it('a flood of never-completed one-byte parts (count 128, the largest total) is held within the bound on parts held', async () => {
    // Each such part would be a record of ~250 bytes in the room (the receiver refuses them
    // before the assembler: a piece must have its exact length); the assembler's bound counts
    // what holding them costs, not only their bytes.
    const assembler = new PartAssembler();
    const digest = new Uint8Array(32).fill(7);
    const parts = 150_000;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage();
    let refused = 0;
    for (let i = 0; i < parts; i++) {
      const part: OpenedPart = { eventId: `m${i}`, index: 0, count: MAX_EVENT_PARTS, tag: '07070707', total: MAX_EVENT_PARTS * PART_BYTES, digest, piece: new Uint8Array([i & 0xff]) };
      if ('refused' in (await assembler.add('mal', 3, part))) refused++;
    }
    gc?.();
    const after = process.memoryUsage();
    const grown = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
    // What the assembler believes it holds, and what the process really keeps for it.
    expect(refused).toBeGreaterThan(0);
    expect(assembler.heldBytes).toBeLessThanOrEqual(MAX_HELD_PART_BYTES);
    expect(
      grown,
      `${parts} one-byte parts: the assembler counts ${assembler.heldBytes} bytes held and refused ${refused}, while the laptop keeps ${(grown / 1048576).toFixed(0)} MiB for them (bound: ${MAX_HELD_PART_BYTES / 1048576} MiB)`,
    ).toBeLessThanOrEqual(MAX_HELD_PART_BYTES);
  }, 60_000);

  it('a part whose id says 128 parts and whose header claims a total beyond 128 × 960 KiB is refused (held)', async () => {
    const s = await setup();
    const digest = new Uint8Array(32).fill(9);
    const tag = hex(digest.subarray(0, 4));
    const id = partId({ eventId: 'e-x', index: 0, count: 128, tag });
    const huge = await sealChunkBytes([id], partPlain(0, 128, 128 * PART_BYTES + 1, digest, new Uint8Array(10)), s.room, s.mal);
    expect(await openItem(huge, s.room, s.roster)).toMatchObject({ ok: false, reason: 'malformed' });
    const lying = await sealChunkBytes([id], partPlain(0, 127, 1000, digest, new Uint8Array(10)), s.room, s.mal);
    expect(await openItem(lying, s.room, s.roster)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('parts whose header total lies about the whole are refused, never folded', async () => {
    const s = await setup();
    const whole = packedPayload([note('e-lie', 'mal', 'p-mal')]);
    const cut = await cutIntoParts('e-lie', whole);
    // The same pieces and digest, the total one byte longer.
    const lied = cut.plaintexts.map((p) => {
      const q = p.slice();
      new DataView(q.buffer).setUint32(9, whole.byteLength + 1);
      return q;
    });
    const sealed = await Promise.all(cut.ids.map((id, i) => sealChunkBytes([id], lied[i]!, s.room, s.mal)));
    // A total the cutting does not fit: a part whose piece cannot be of that whole is refused
    // before anything is held, and the event never comes out.
    const got = summary(await receive(s, sealed));
    expect(got).toContain('refused malformed');
    expect(got.filter((x) => x.startsWith('ok'))).toEqual([]);
  });
});

describe('a member laptop’s wholes', () => {
  async function cutAndSeal(s: Setup, eventId: string, events: HonbuEvent[] | Uint8Array<ArrayBuffer>, by = s.mal) {
    const whole = events instanceof Uint8Array ? events : packedPayload(events);
    const cut = await cutIntoParts(eventId, whole);
    return Promise.all(cut.ids.map((id, i) => sealChunkBytes([id], cut.plaintexts[i]!, s.room, by)));
  }

  it('a whole whose digest matches but holds two events, an event of another id, another laptop’s clock or another person is refused (held)', async () => {
    const s = await setup();
    const two = await cutAndSeal(s, 'e-two', [note('e-two', 'mal', 'p-mal'), note('e-other', 'mal', 'p-mal', 2)]);
    const otherId = await cutAndSeal(s, 'e-3', [note('e-4', 'mal', 'p-mal')]);
    const otherClock = await cutAndSeal(s, 'e-5', [note('e-5', 'alice', 'p-alice')]);
    const otherPerson = await cutAndSeal(s, 'e-6', [note('e-6', 'mal', 'p-alice')]);
    // A JSON array of two events as the whole (not packed): still one event per cutting.
    const json = new TextEncoder().encode(JSON.stringify([note('e-7', 'mal', 'p-mal'), note('e-8', 'mal', 'p-mal')]));
    const jsonTwo = await cutAndSeal(s, 'e-7', new Uint8Array(json));
    expect(summary(await receive(s, [...two, ...otherId, ...otherClock, ...otherPerson, ...jsonTwo]))).toEqual([
      'refused undecryptable',
      'refused id-mismatch',
      'refused device-mismatch',
      'refused actor-mismatch',
      'refused id-mismatch',
    ]);
  });

  it('a whole that is itself a part, or nothing, is refused (held)', async () => {
    const s = await setup();
    const inner = partPlain(0, 2, 140_000, new Uint8Array(32), new TextEncoder().encode(NOISE.slice(0, 70_000)));
    const nested = await cutAndSeal(s, 'e-n', new Uint8Array(inner));
    expect(summary(await receive(s, nested))).toEqual(['refused undecryptable']);
  });

  it('a revoked laptop’s parts in a room of a later epoch are refused; in its own epoch’s room they count (held)', async () => {
    const s = await setup();
    const later = await deriveEpochKeys(4, newEpochKey(), new Set(['mal']));
    const whole = packedPayload([note('e-rev', 'mal', 'p-mal')]);
    const cut = await cutIntoParts('e-rev', whole);
    const sealed = await Promise.all(cut.ids.map((id, i) => sealChunkBytes([id], cut.plaintexts[i]!, later, s.mal)));
    expect(summary(await receive(s, sealed, new PartAssembler(), later))).toEqual(['refused revoked-device', 'refused revoked-device']);
    // A part of the earlier room copied into the later one: the epoch is in the signature.
    const old = await Promise.all(cut.ids.map((id, i) => sealChunkBytes([id], cut.plaintexts[i]!, s.room, s.mal)));
    expect(summary(await receive(s, old, new PartAssembler(), later))).toEqual(['refused wrong-epoch', 'refused wrong-epoch']);
    expect(summary(await receive(s, old))).toEqual(['ok e-rev']);
  });

  it('ids at the edges: a part id of 100 characters, an event id of 61, a part number with a leading zero, an ordinary chunk whose one id looks like a part’s (held)', async () => {
    const s = await setup();
    const whole = packedPayload([note('e-z', 'mal', 'p-mal')]);
    const cut = await cutIntoParts('e-z', whole);
    const tag = cut.ids[0]!.split(':').at(-1)!;
    // The event id part of a part id is at most 60 characters: a 61-character one is no part.
    const long = 'x'.repeat(61);
    const longId = `${long}:part:0:2:${tag}`;
    expect(longId.length).toBeLessThanOrEqual(100);
    const longPart = await sealChunkBytes([longId], cut.plaintexts[0]!, s.room, s.mal);
    expect(summary(await receive(s, [longPart]))).toEqual(['refused malformed']);
    // "e-z:part:01:2:tag" says part 1 as "e-z:part:1:2:tag" does: joined once, folded once.
    const zero = await sealChunkBytes([`e-z:part:01:2:${tag}`], cut.plaintexts[1]!, s.room, s.mal);
    const [p0, p1] = await Promise.all(cut.ids.map((id, i) => sealChunkBytes([id], cut.plaintexts[i]!, s.room, s.mal)));
    expect(summary(await receive(s, [zero, p1, p0]))).toEqual(['ok e-z']);
    // An ordinary chunk whose one event has a part-like id: opened as the ordinary chunk it is.
    const odd = note(`e-q:part:0:2:${tag}`, 'mal', 'p-mal');
    const chunk = await sealEventsChunk([odd], s.room, s.mal);
    const r = await openItem(chunk, s.room, s.roster);
    expect(r.ok && !r.part && r.events.map((e) => e.id)).toEqual([odd.id]);
  });
});
