/**
 * An event too large for one record of the sync server even packed goes in parts (decision
 * 069): each part an ordinary signed chunk the server takes; a teammate joins them only when
 * all are there, from one laptop, one room and one cutting, and the whole checks out.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { DEFAULT_APPEND_LIMITS, isChunkRecord } from './append-only';
import { eventsOfPlaintext, itemIds, itemPart, openAssembled, openItem, packedPayload, sealChunkBytes, type OpenedItem } from './chunk';
import { generateDeviceKey } from './device-key';
import { deriveEpochKeys, newEpochKey } from './epoch';
import { cutIntoParts, PART_HEADER_BYTES, PartAssembler, type OpenedPart } from './parts';
import { Roster } from './roster';

const LIMIT = DEFAULT_APPEND_LIMITS.maxEnvelopeBytes;
const at = (n: number) => encodeHlc({ wall: 1_760_000_000_000 + n, counter: 0, node: 'root' });

/** A returned-mail list as the post room records it: rows scattered over 20M customers, a reason and a note each. */
function returnedMail(id: string, n: number, seed = 1): HonbuEvent {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
  const rows = Array.from({ length: n }, (_, i) => Math.floor((i * 20_000_000) / n) + (next() % 37));
  const notes = ['宛所尋ねあたりません', '転居先不明', '受取拒否', '保管期間経過', 'あて名不完全', ''];
  return {
    id, incidentId: 'inc-1', at: at(seed), actor: 'p-root', type: 'contacts.outcomes-recorded',
    payload: {
      datasetId: 'ds-1', channel: 'post', source: 'returned-mail', rows,
      outcomes: rows.map(() => 'failed'),
      reasons: rows.map((r) => (r % 3 ? 'unknown-address' : 'moved-no-forwarding')),
      notes: rows.map((r) => `${notes[next() % notes.length]!}${r % 11 === 0 ? ` 局番${next() % 1000}` : ''}`),
    },
  };
}

async function setup() {
  const { key: device } = await generateDeviceKey('root');
  const room = await deriveEpochKeys(2, newEpochKey());
  const roster = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
  return { device, room, roster };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function sealParts(s: Setup, event: HonbuEvent) {
  const cut = await cutIntoParts(event.id, packedPayload([event]));
  return Promise.all(cut.ids.map((id, i) => sealChunkBytes([id], cut.plaintexts[i]!, s.room, s.device)));
}

/** What a teammate's receiver does with items as they come: opens each, holds parts, opens the event once whole. */
async function receive(s: Setup, items: unknown[], assembler = new PartAssembler()): Promise<OpenedItem[]> {
  const out: OpenedItem[] = [];
  for (const item of items) {
    const r = await openItem(item, s.room, s.roster);
    if (!r.ok || !r.part) {
      out.push(r);
      continue;
    }
    const got = await assembler.add(r.device, s.room.epoch, r.part);
    if ('refused' in got) out.push({ ok: false, reason: got.refused === 'corrupt' ? 'undecryptable' : 'malformed', ids: [r.part.eventId], device: r.device });
    else if (got.done) out.push(openAssembled(got.plaintext, r.part.eventId, r.device, s.room, s.roster));
  }
  return out;
}

describe('an event too large for one record even packed', () => {
  it('a returned-mail list of 500,000 scattered rows with notes goes as records the server takes, and a teammate gets the same event once', async () => {
    const s = await setup();
    const event = returnedMail('e-ret', 500_000);
    expect(packedPayload([event]).byteLength).toBeGreaterThan(LIMIT);
    const parts = await sealParts(s, event);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) {
      expect(isChunkRecord(p)).toBeNull();
      expect(p.ct.byteLength).toBeLessThanOrEqual(LIMIT);
      // The server and the receiver's bookkeeping see the event the part belongs to.
      expect(itemIds(p)).toEqual(['e-ret']);
      expect(itemPart(p)?.eventId).toBe('e-ret');
    }
    // Out of order, one part twice: the event comes out once, when the last missing part arrives.
    const order = [...parts].reverse();
    const opened = await receive(s, [order[0], ...order, order[1]]);
    const events = opened.flatMap((r) => (r.ok ? r.events : []));
    expect(opened.filter((r) => !r.ok)).toEqual([]);
    expect(events).toEqual([event]);
  });

  it('nothing comes out while a part is missing, and what is held is let go once the event is whole', async () => {
    const s = await setup();
    const event = returnedMail('e-miss', 400_000, 3);
    const parts = await sealParts(s, event);
    const assembler = new PartAssembler();
    const first = await receive(s, parts.slice(0, -1), assembler);
    expect(first.flatMap((r) => (r.ok ? r.events : []))).toEqual([]);
    expect(assembler.heldBytes).toBeGreaterThan(LIMIT / 2);
    const last = await receive(s, parts.slice(-1), assembler);
    expect(last.flatMap((r) => (r.ok ? r.events : []))).toEqual([event]);
    expect(assembler.heldBytes).toBe(0);
  });

  it('parts of two cuttings of one event id (a note changed between them) never mix', async () => {
    const s = await setup();
    const a = returnedMail('e-same', 300_000, 5);
    const b = { ...a, payload: { ...(a.payload as object), notes: (a.payload as { notes: string[] }).notes.map((n, i) => (i === 7 ? '別の文面' : n)) } };
    const pa = await sealParts(s, a);
    const pb = await sealParts(s, b);
    expect(pa.length).toBe(pb.length);
    expect(itemPart(pa[0])?.tag).not.toBe(itemPart(pb[0])?.tag);
    const assembler = new PartAssembler();
    // All but the last of a, then the last of b: neither is whole.
    const mixed = await receive(s, [...pa.slice(0, -1), pb[pb.length - 1]], assembler);
    expect(mixed.flatMap((r) => (r.ok ? r.events : []))).toEqual([]);
    const rest = await receive(s, [pa[pa.length - 1]], assembler);
    expect(rest.flatMap((r) => (r.ok ? r.events : []))).toEqual([a]);
  });

  it('a part whose id and contents disagree is refused; a whole that fails its digest is refused, never folded', async () => {
    const s = await setup();
    const event = returnedMail('e-bad', 300_000, 7);
    const cut = await cutIntoParts(event.id, packedPayload([event]));
    // A member's laptop signs part 0's contents under part 1's id.
    const swapped = await sealChunkBytes([cut.ids[1]!], cut.plaintexts[0]!, s.room, s.device);
    expect(await openItem(swapped, s.room, s.roster)).toMatchObject({ ok: false, reason: 'malformed' });
    // Contents changed after the digest was taken (the header still names the true whole).
    const changed = cut.plaintexts.map((p) => p.slice());
    changed[1]!.set([changed[1]![PART_HEADER_BYTES + 10]! ^ 0xff], PART_HEADER_BYTES + 10);
    const sealed = await Promise.all(cut.ids.map((id, i) => sealChunkBytes([id], changed[i]!, s.room, s.device)));
    const opened = await receive(s, sealed);
    expect(opened.flatMap((r) => (r.ok ? r.events : []))).toEqual([]);
    expect(opened.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['undecryptable']);
  });

  it('a laptop holds at most its bound of parts for events not yet whole; beyond it a part is refused', async () => {
    const s = await setup();
    const parts = await sealParts(s, returnedMail('e-flood', 400_000, 9));
    const opened = await Promise.all(parts.map((p) => openItem(p, s.room, s.roster)));
    const first = opened[0] as { part: OpenedPart; device: string };
    // Room for the first part and what holding it costs, not for a second.
    const assembler = new PartAssembler(first.part.piece.byteLength + 4096);
    expect(await assembler.add('root', 2, first.part)).toEqual({ done: false });
    expect(await assembler.add('root', 2, (opened[1] as { part: OpenedPart }).part)).toEqual({ refused: 'too-much-held' });
    expect(assembler.heldBytes).toBeGreaterThan(first.part.piece.byteLength);
    expect(assembler.heldBytes).toBeLessThanOrEqual(first.part.piece.byteLength + 4096);
  });

  it('a laptop of an earlier version refuses a part as undecryptable, never misreads it', async () => {
    const event = returnedMail('e-old', 300_000, 11);
    const cut = await cutIntoParts(event.id, packedPayload([event]));
    expect(() => eventsOfPlaintext(cut.plaintexts[0]!)).toThrow();
  });
});
