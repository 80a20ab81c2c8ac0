/**
 * What the sync server lets into a room, checked on the raw Yjs update BEFORE it is
 * stored or applied: only inserts of well-formed records into the room's own root
 * array(s). Anything else — a delete set, GC structs, map keys, nested types, strings,
 * binaries, records of another shape or beyond the size limits — refuses the whole update.
 *
 * Invariant (why checking the structs alone suffices): an item's parent is either encoded
 * (then it must name an allowed root array) or inherited from its `origin`/`rightOrigin`
 * neighbour. Since only items of allowed root arrays are ever accepted, every neighbour an
 * item can point to is itself in an allowed root array, so every integrated item is too.
 * The server's document therefore only ever holds the allowed arrays of records, and
 * nothing once accepted can be removed or changed (there is no way to express either).
 */
import * as Y from 'yjs';
import { isEpochNumber } from './epoch';
import type { RoomKind } from './room';

export interface AppendLimits {
  /** Largest ciphertext of one envelope (bytes). */
  maxEnvelopeBytes: number;
  /** Largest invite record's data (characters). */
  maxSealedChars: number;
}

export const DEFAULT_APPEND_LIMITS: AppendLimits = { maxEnvelopeBytes: 1024 * 1024, maxSealedChars: 16 * 1024 };

export type Refusal =
  | 'undecodable'
  | 'deletes'
  | 'gc-struct'
  | 'not-a-record'
  | 'map-key'
  | 'nested-type'
  | 'wrong-array'
  | 'bad-record'
  | 'too-large';

/** The Yjs clocks an update's items take for one client: from `from` up to (not including) `to`. */
export interface ClockSpan {
  from: number;
  to: number;
}

export type UpdateCheck =
  | { ok: true; clients: number[]; structs: number; spans: Map<number, ClockSpan> }
  | { ok: false; reason: Refusal; detail: string };

/** The root arrays each kind of room may have. */
export const ROOTS: Record<RoomKind, readonly string[]> = { w: ['events'], i: ['offers', 'joins'] };

const SANE_ID = /^[\w.:-]{1,100}$/;
const plain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && Object.getPrototypeOf(v) === Object.prototype;
const sameKeys = (o: Record<string, unknown>, keys: readonly string[]) => {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
};

/** An envelope as shared/sync/envelope.ts makes it: exactly its six fields, within limits. */
export function isEnvelopeRecord(v: unknown, limits: AppendLimits = DEFAULT_APPEND_LIMITS): string | null {
  if (!plain(v) || !sameKeys(v, ['v', 'e', 'id', 'device', 'sig', 'ct'])) return 'not an envelope';
  if (v.v !== 2) return 'envelope version';
  if (!isEpochNumber(v.e)) return 'envelope epoch';
  if (typeof v.id !== 'string' || !SANE_ID.test(v.id)) return 'envelope id';
  if (typeof v.device !== 'string' || !SANE_ID.test(v.device)) return 'envelope device';
  if (!(v.sig instanceof Uint8Array) || v.sig.byteLength === 0 || v.sig.byteLength > 128) return 'envelope signature';
  if (!(v.ct instanceof Uint8Array) || v.ct.byteLength === 0) return 'envelope ciphertext';
  if (v.ct.byteLength > limits.maxEnvelopeBytes) return 'envelope too large';
  return null;
}

/** Most event ids in one chunk (shared/sync/chunk.ts MAX_CHUNK_EVENTS). */
export const MAX_CHUNK_IDS = 1000;

/**
 * A signed chunk (shared/sync/chunk.ts): its six fields, 1…1000 distinct event ids, its
 * ciphertext within the envelope limit (a chunk is one record, inserted like any other).
 */
export function isChunkRecord(v: unknown, limits: AppendLimits = DEFAULT_APPEND_LIMITS): string | null {
  if (!plain(v) || !sameKeys(v, ['v', 'e', 'device', 'ids', 'sig', 'ct'])) return 'not a chunk';
  if (v.v !== 3) return 'chunk version';
  if (!isEpochNumber(v.e)) return 'chunk epoch';
  if (typeof v.device !== 'string' || !SANE_ID.test(v.device)) return 'chunk device';
  const ids = v.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_CHUNK_IDS) return 'chunk ids';
  if (!ids.every((id) => typeof id === 'string' && SANE_ID.test(id)) || new Set(ids).size !== ids.length) return 'chunk ids';
  if (!(v.sig instanceof Uint8Array) || v.sig.byteLength === 0 || v.sig.byteLength > 128) return 'chunk signature';
  if (!(v.ct instanceof Uint8Array) || v.ct.byteLength === 0) return 'chunk ciphertext';
  if (v.ct.byteLength > limits.maxEnvelopeBytes) return 'chunk too large';
  return null;
}

/** What a workspace room holds: chunks, and single-event envelopes (written before chunks). */
export function isEventRecord(v: unknown, limits: AppendLimits = DEFAULT_APPEND_LIMITS): string | null {
  return plain(v) && v.v === 3 ? isChunkRecord(v, limits) : isEnvelopeRecord(v, limits);
}

/** An invite offer, join request or answer (shared/sync/invite.ts): a kind and a string under an invite id. */
export function isInviteRecord(v: unknown, limits: AppendLimits = DEFAULT_APPEND_LIMITS): string | null {
  if (!plain(v) || !sameKeys(v, ['v', 'kind', 'inviteId', 'data'])) return 'not an invite record';
  if (v.v !== 2 || typeof v.inviteId !== 'string' || !SANE_ID.test(v.inviteId)) return 'invite id';
  if (v.kind !== 'offer' && v.kind !== 'join' && v.kind !== 'answer') return 'invite record kind';
  if (typeof v.data !== 'string' || v.data.length === 0 || v.data.length > limits.maxSealedChars) return 'invite record data';
  return null;
}

const RECORD: Record<RoomKind, (v: unknown, limits: AppendLimits) => string | null> = { w: isEventRecord, i: isInviteRecord };

export function checkAppendOnly(update: Uint8Array, kind: RoomKind, limits: AppendLimits = DEFAULT_APPEND_LIMITS): UpdateCheck {
  let decoded: { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: { clients: Map<number, unknown[]> } };
  try {
    decoded = Y.decodeUpdate(update) as never;
  } catch (err) {
    return { ok: false, reason: 'undecodable', detail: String(err instanceof Error ? err.message : err) };
  }
  for (const ranges of decoded.ds.clients.values()) {
    if (ranges.length > 0) return { ok: false, reason: 'deletes', detail: 'the update deletes content' };
  }
  const roots = ROOTS[kind];
  const spans = new Map<number, ClockSpan>();
  let structs = 0;
  for (const s of decoded.structs) {
    // A Skip only marks a gap in a merged update; it carries nothing.
    if (s instanceof Y.Skip) continue;
    const at = `struct ${s.id.client}:${s.id.clock}`;
    if (s instanceof Y.GC) return { ok: false, reason: 'gc-struct', detail: at };
    if (!(s instanceof Y.Item)) return { ok: false, reason: 'not-a-record', detail: at };
    if (s.content instanceof Y.ContentType) return { ok: false, reason: 'nested-type', detail: at };
    if (!(s.content instanceof Y.ContentAny)) return { ok: false, reason: 'not-a-record', detail: `${at}: ${s.content.constructor.name}` };
    if (s.parentSub !== null) return { ok: false, reason: 'map-key', detail: at };
    const parent: unknown = s.parent;
    if (parent !== null && typeof parent !== 'string') return { ok: false, reason: 'nested-type', detail: at };
    if (typeof parent === 'string' && !roots.includes(parent)) return { ok: false, reason: 'wrong-array', detail: `${at}: ${parent}` };
    for (const v of s.content.arr) {
      const bad = RECORD[kind](v, limits);
      if (bad) return { ok: false, reason: bad.endsWith('too large') ? 'too-large' : 'bad-record', detail: `${at}: ${bad}` };
    }
    const span = spans.get(s.id.client);
    const end = s.id.clock + s.length;
    if (!span) spans.set(s.id.client, { from: s.id.clock, to: end });
    else {
      span.from = Math.min(span.from, s.id.clock);
      span.to = Math.max(span.to, end);
    }
    structs++;
  }
  return { ok: true, clients: [...spans.keys()], structs, spans };
}
