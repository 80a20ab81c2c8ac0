/**
 * Signed chunks (docs/decisions/013-signed-chunks.md): a batch of one device's events
 * sealed once and signed once, so a laptop catching up verifies one Ed25519 signature and
 * opens one AES-GCM ciphertext per few hundred events instead of per event.
 *
 *   { v: 3, e, device, ids: [id…],
 *     sig: Ed25519(device, "honbu/sync/v3" e device n id… ct),
 *     ct: AES-GCM(epoch's envelope key, [event…], aad = "honbu/sync/v3/chunk" e device id…) }
 *
 * The ids stay in clear (as every single-event envelope's id did): the server's record
 * check and "present only after verify" work per event. A chunk counts whole or not at
 * all: one event that does not match its id, its device or its person refuses the chunk,
 * and none of its events is stored or counted as present.
 *
 * Single-event envelopes (v: 2, envelope.ts) already in rooms are still read: the
 * functions below take either kind (an "item" of a room).
 */
import { deflateSync, Inflate } from 'fflate';
import type { HonbuEvent } from '../events/event';
import { concatBytes, fromUtf8, utf8 } from '../vault/bytes';
import { packJson, unpackJson } from '../vault/packed-json';
import { openBytes, sealBytes } from '../vault/cipher';
import { sign, verify, type DeviceKey } from './device-key';
import { PART_KIND, partName, readPart, type OpenedPart } from './parts';
import { isSignedEnvelope, openEnvelope, originDevice, type DeviceDirectory, type EpochSeal, type RejectReason } from './envelope';

export interface Chunk {
  v: 3;
  e: number;
  device: string;
  ids: string[];
  sig: Uint8Array;
  ct: Uint8Array;
}

/** Most events in one chunk (the server refuses more: append-only.ts). */
export const MAX_CHUNK_EVENTS = 1000;

/**
 * An item opened. A part of an event too large for one record (parts.ts) opens to no events
 * and its `part`: the receiver holds it until the event is whole (`openAssembled`).
 */
export type OpenedItem =
  | { ok: true; events: HonbuEvent[]; device: string; part?: OpenedPart }
  | { ok: false; reason: RejectReason; ids: string[]; device?: string };

const SANE_ID = /^[\w.:-]{1,100}$/;

// Ids cannot hold NUL nor a comma (SANE_ID): the lists below are unambiguous. Distinct from
// the v2 strings, so a chunk can never pass for a single envelope or the other way round.
const aad = (e: number, device: string, ids: readonly string[]) => `honbu/sync/v3/chunk:${e}:${device}:${ids.join(',')}`;
const signed = (e: number, device: string, ids: readonly string[], ct: Uint8Array) =>
  concatBytes(utf8(`honbu/sync/v3\u0000${e}\u0000${device}\u0000${ids.length}\u0000${ids.join('\u0000')}\u0000`), ct);

/**
 * Seals `json` (the events, each already JSON.stringify'd: the sender measures chunks by
 * them) as one chunk. The events must be this device's own, in the order of `ids`.
 */
export function sealChunk(ids: string[], json: string[], epoch: EpochSeal, device: Pick<DeviceKey, 'deviceId' | 'privateKey'>): Promise<Chunk> {
  return sealChunkBytes(ids, utf8(`[${json.join(',')}]`), epoch, device);
}

/**
 * The first byte of a chunk's plaintext when it is not a JSON array (which begins with '['):
 * its events packed — their long lists of integers kept apart as integers (packed-json.ts, as
 * at rest) — then deflated; or, holding no such list, their JSON deflated. Only an event too
 * large for the server's record as JSON is sent so (a post batch of 165,000 rows or more, a
 * returned-mail list of 23,000): every other chunk stays JSON, as laptops of an earlier version
 * read it. Decision 066.
 */
const PACKED_LISTS = 0x01;
const PACKED_TEXT = 0x02;
/**
 * What a packed chunk may open to: a member's laptop is trusted to sign, not to fill this one's
 * memory. Bytes: the deflated body (an honest one holds one event; "the rest reached" of a post
 * batch of all 20.7M Benesse customers names an outcome, a reason and a note per row: ~300 MB
 * of JSON, lists apart). Values: commas in it, at most this many — a JSON array of ~147M
 * numbers kills V8 outright (a fatal error, not an exception), and no honest event holds more
 * than three values per customer. Integers: every list together (that batch's rows with its
 * operator assignment are 41.4M; a 12-byte list saying "33M times 7" must not become 33M
 * numbers unasked, let alone 64 of them).
 */
export const MAX_OPENED_BYTES = 512 * 1024 * 1024;
export const MAX_OPENED_VALUES = 100_000_000;
export const MAX_OPENED_INTEGERS = 64_000_000;

/** Events as a packed chunk's plaintext (see PACKED_LISTS): for an event whose JSON is over the record limit. */
export function packedPayload(events: readonly HonbuEvent[]): Uint8Array<ArrayBuffer> {
  const lists = packJson(events);
  const body = deflateSync(lists ?? utf8(JSON.stringify(events)), { level: 6 });
  const out = new Uint8Array(1 + body.byteLength);
  out[0] = lists ? PACKED_LISTS : PACKED_TEXT;
  out.set(body, 1);
  return out;
}

/** What a packed chunk may open to (the defaults above; tests ask for less). */
export interface OpenLimits {
  bytes: number;
  values: number;
  integers: number;
}
const OPEN_LIMITS: OpenLimits = { bytes: MAX_OPENED_BYTES, values: MAX_OPENED_VALUES, integers: MAX_OPENED_INTEGERS };

/** Inflates at most `limits.bytes` bytes holding at most `limits.values` commas (a deflate bomb is refused, not opened). */
function inflateBounded(data: Uint8Array, limits: OpenLimits): Uint8Array {
  const max = limits.bytes;
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflate = new Inflate((part) => {
    total += part.byteLength;
    if (total > max) over = true;
    else parts.push(part);
  });
  for (let at = 0; at < data.byteLength && !over; at += 64 * 1024) inflate.push(data.subarray(at, at + 64 * 1024), at + 64 * 1024 >= data.byteLength);
  if (over) throw new Error('sync: a packed chunk opens to more than it may');
  const out = concatBytes(...parts);
  let commas = 0;
  for (let i = out.indexOf(0x2c); i !== -1; i = out.indexOf(0x2c, i + 1)) if (++commas > limits.values) throw new Error('sync: a packed chunk holds more values than it may');
  return out;
}

/** A chunk's plaintext back to its events: JSON as before, or packed (PACKED_LISTS, PACKED_TEXT) within `limits`. */
export function eventsOfPlaintext(plain: Uint8Array, limits: OpenLimits = OPEN_LIMITS): unknown {
  let events: unknown;
  if (plain[0] === PACKED_LISTS) events = unpackJson(inflateBounded(plain.subarray(1), limits), 'arrays', limits.integers);
  else if (plain[0] === PACKED_TEXT) events = JSON.parse(fromUtf8(inflateBounded(plain.subarray(1), limits)));
  else return JSON.parse(fromUtf8(plain));
  // The sender packs one event alone: a packed chunk of several is no honest laptop's.
  if (!Array.isArray(events) || events.length !== 1) throw new Error('sync: a packed chunk holds one event');
  return events;
}

/** Seals a chunk's plaintext — its events' JSON array, or packedPayload's — as one chunk of these events (ids in order). */
export async function sealChunkBytes(ids: string[], payload: Uint8Array<ArrayBuffer>, epoch: EpochSeal, device: Pick<DeviceKey, 'deviceId' | 'privateKey'>): Promise<Chunk> {
  const e = epoch.epoch;
  const ct = await sealBytes(epoch.envelope, payload, aad(e, device.deviceId, ids));
  const sig = await sign(device.privateKey, signed(e, device.deviceId, ids, ct));
  return { v: 3, e, device: device.deviceId, ids, sig, ct };
}

/** Convenience for tests and tools: seals whole events. */
export function sealEventsChunk(events: HonbuEvent[], epoch: EpochSeal, device: Pick<DeviceKey, 'deviceId' | 'privateKey'>): Promise<Chunk> {
  return sealChunk(
    events.map((e) => e.id),
    events.map((e) => JSON.stringify(e)),
    epoch,
    device,
  );
}

const asBytes = (v: unknown): Uint8Array<ArrayBuffer> | undefined => (v instanceof Uint8Array ? new Uint8Array(v) : undefined);

/**
 * The event ids an item of a room claims to hold (before any check), in its order. A part of
 * an event (parts.ts) claims the event it is part of.
 */
export function itemIds(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const r = raw as { id?: unknown; ids?: unknown };
  if (Array.isArray(r.ids)) {
    const ids = r.ids.filter((id): id is string => typeof id === 'string');
    const part = ids.length === 1 ? partName(ids[0]!) : undefined;
    return part ? [part.eventId] : ids;
  }
  return typeof r.id === 'string' ? [r.id] : [];
}

/** What a part's id says (before any check), if the item is a part of an event (parts.ts). */
export function itemPart(raw: unknown): ReturnType<typeof partName> {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const ids = (raw as { ids?: unknown }).ids;
  return Array.isArray(ids) && ids.length === 1 && typeof ids[0] === 'string' ? partName(ids[0]) : undefined;
}

/** The device an item claims to be signed by (before any check). */
export function itemDevice(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as { device?: unknown }).device : undefined;
}

function chunkIds(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_CHUNK_EVENTS) return undefined;
  if (!v.every((id) => typeof id === 'string' && SANE_ID.test(id))) return undefined;
  return new Set(v).size === v.length ? (v as string[]) : undefined;
}

/**
 * Checks an item of unknown origin found in the room of `room.epoch` — a chunk, or a
 * single-event envelope of before — and opens it; never throws, every refusal has a reason.
 */
export async function openItem(raw: unknown, room: EpochSeal, devices: DeviceDirectory): Promise<OpenedItem> {
  if (typeof raw === 'object' && raw !== null && (raw as { v?: unknown }).v === 2) {
    const r = await openEnvelope(raw, room, devices);
    return r.ok ? { ok: true, events: [r.event], device: r.device } : { ok: false, reason: r.reason, ids: r.id ? [r.id] : [], device: r.device };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'malformed', ids: [] };
  const c = raw as Partial<Record<keyof Chunk, unknown>>;
  const ids = chunkIds(c.ids);
  const device = typeof c.device === 'string' && SANE_ID.test(c.device) ? c.device : undefined;
  const ct = asBytes(c.ct);
  const claimed = itemIds(raw);
  if (c.v !== 3 || !ids || !device || !ct || typeof c.e !== 'number') return { ok: false, reason: 'malformed', ids: claimed, device };
  if (c.e !== room.epoch) return { ok: false, reason: 'wrong-epoch', ids, device };
  const sig = asBytes(c.sig);
  if (!sig || sig.byteLength === 0) return { ok: false, reason: 'unsigned', ids, device };
  if (devices.trust(device) === 'unknown') return { ok: false, reason: 'unknown-device', ids, device };
  if (!(await verify(await devices.verifyKey(device), sig, signed(room.epoch, device, ids, ct)))) return { ok: false, reason: 'bad-signature', ids, device };

  let plain: Uint8Array;
  try {
    plain = await openBytes(room.envelope, ct, aad(room.epoch, device, ids));
  } catch {
    return { ok: false, reason: 'undecryptable', ids, device };
  }
  if (plain[0] === PART_KIND) {
    // A part of an event too large for one record: held by the receiver until whole.
    const part = ids.length === 1 ? readPart(ids[0]!, plain) : undefined;
    if (!part) return { ok: false, reason: 'malformed', ids, device };
    if (room.excluded?.has(device)) return { ok: false, reason: 'revoked-device', ids, device };
    return { ok: true, events: [], part, device };
  }
  return checkOpened(plain, ids, room, device, devices);
}

/**
 * An event whose parts (parts.ts) a laptop signed in the room of `room.epoch` and the
 * receiver joined: opened and checked as one chunk of that event would be.
 */
export function openAssembled(plaintext: Uint8Array, eventId: string, device: string, room: EpochSeal, devices: DeviceDirectory): OpenedItem {
  return checkOpened(plaintext, [eventId], room, device, devices);
}

/** A chunk's plaintext to its events, each checked against its claimed id, its signer and the signer's person. */
function checkOpened(plain: Uint8Array, ids: string[], room: EpochSeal, device: string, devices: DeviceDirectory): OpenedItem {
  let events: HonbuEvent[];
  try {
    events = eventsOfPlaintext(plain) as HonbuEvent[];
  } catch {
    return { ok: false, reason: 'undecryptable', ids, device };
  }
  if (!Array.isArray(events) || events.length !== ids.length) return { ok: false, reason: 'id-mismatch', ids, device };
  const personId = devices.device(device)?.personId;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (typeof event !== 'object' || event === null || event.id !== ids[i]) return { ok: false, reason: 'id-mismatch', ids, device };
    let node: string;
    try {
      node = originDevice(event);
    } catch {
      return { ok: false, reason: 'malformed', ids, device };
    }
    // As for single envelopes: the signer's own clock and person, or the whole chunk goes.
    if (node !== device) return { ok: false, reason: 'device-mismatch', ids, device };
    if (event.actor !== personId) return { ok: false, reason: 'actor-mismatch', ids, device };
  }
  // A revoked laptop's chunks count only in rooms of epochs it held the key of (threat model).
  if (room.excluded?.has(device)) return { ok: false, reason: 'revoked-device', ids, device };
  return { ok: true, events, device };
}

/**
 * Whether an item in the room of `epoch` was signed by `deviceId` (own items count as
 * present without being opened again; chain events are looked for in frozen rooms).
 */
export async function isSignedItem(raw: unknown, epoch: number, deviceId: string, verifyKey: CryptoKey): Promise<boolean> {
  if (typeof raw !== 'object' || raw === null) return false;
  const c = raw as Partial<Record<keyof Chunk, unknown>>;
  if (c.v === 2) return isSignedEnvelope(raw, epoch, deviceId, verifyKey);
  const ids = chunkIds(c.ids);
  const ct = asBytes(c.ct);
  const sig = asBytes(c.sig);
  if (c.v !== 3 || c.e !== epoch || c.device !== deviceId || !ids || !ct || !sig || sig.byteLength === 0) return false;
  return verify(verifyKey, sig, signed(epoch, deviceId, ids, ct));
}
