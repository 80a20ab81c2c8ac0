/**
 * An own event too large for one record of the sync server even packed (decision 066) goes
 * in parts (decision 069): its packed plaintext cut into pieces, each sealed and signed as a
 * chunk of its own under one id that names the event, the part and the count —
 * `<event id>:part:<i>:<n>:<tag>`, the tag being the first 8 hex digits of the whole
 * plaintext's SHA-256. Inside each part's ciphertext, before its piece: the part's number,
 * the count, the whole plaintext's length and its SHA-256. A teammate's laptop holds the parts
 * it has until it has them all, joins them, checks the length and the digest, and opens the
 * event as any packed chunk (chunk.ts). The server sees ordinary chunks: nothing changes there.
 *
 * A returned-mail list of several hundred thousand scattered rows, each with its reason and
 * note, is a few MiB packed: such an event used to be set aside (kept on the laptop that wrote
 * it, never sent). It now reaches the team whole, and stays one event: it is undone as one.
 */
import { concatBytes } from '../vault/bytes';

/** First byte of a part's plaintext (chunk.ts: 0x01 and 0x02 are packed events, `[` is JSON). */
export const PART_KIND = 0x03;
/** Kind, part number, count, whole length (three u32) and the SHA-256 of the whole. */
export const PART_HEADER_BYTES = 1 + 4 + 4 + 4 + 32;
/** Bytes of the packed event in one part: with its header and the seal, under the 1 MiB record. */
export const PART_BYTES = 960 * 1024;
/** Most parts of one event (~120 MiB packed; a room holds 256 MiB): beyond, it is set aside. */
export const MAX_EVENT_PARTS = 128;
/** Bytes of parts a laptop holds for events not yet whole, from all laptops together. */
export const MAX_HELD_PART_BYTES = 256 * 1024 * 1024;
/**
 * The smallest whole cut into parts: the sender cuts only what is over a record (~1 MiB), so a
 * part holds at least 32 KiB — a flood of tiny parts costs its sender as much room as it costs
 * the laptops holding them.
 */
export const MIN_PARTS_TOTAL = 64 * 1024;
/**
 * What holding parts costs beyond their bytes, counted against the bound: an event's slots (8
 * bytes a part, its keys and map entry) when its first part comes, and each part's buffer.
 */
const EVENT_OVERHEAD = 1024;
const PART_OVERHEAD = 256;

/** How many parts a whole of `total` bytes is cut into (the sender's rule, checked by the receiver). */
export const partsFor = (total: number): number => Math.max(2, Math.ceil(total / PART_BYTES));
/** The bytes of part `index` of a whole of `total` cut into `count`. */
const pieceBytes = (total: number, count: number, index: number): number => {
  const size = Math.ceil(total / count);
  return Math.max(0, Math.min(total, (index + 1) * size) - index * size);
};

const PART_ID = /^(.{1,60}):part:(\d{1,3}):(\d{1,3}):([0-9a-f]{8})$/;

/** What a part's id says in clear (before its chunk is opened). */
export interface PartName {
  eventId: string;
  index: number;
  count: number;
  tag: string;
}

export const partId = (p: PartName): string => `${p.eventId}:part:${p.index}:${p.count}:${p.tag}`;

/** The part an id names, or undefined for an ordinary event id. */
export function partName(id: string): PartName | undefined {
  const m = PART_ID.exec(id);
  if (!m) return undefined;
  const index = Number(m[2]);
  const count = Number(m[3]);
  if (count < 2 || count > MAX_EVENT_PARTS || index >= count) return undefined;
  return { eventId: m[1]!, index, count, tag: m[4]! };
}

/** A part opened: what its id says, and what its plaintext holds. */
export interface OpenedPart extends PartName {
  total: number;
  digest: Uint8Array;
  piece: Uint8Array;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const sha256 = async (b: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', b));

/** The ids and plaintexts of an event's parts, in order (two at least). */
export async function cutIntoParts(eventId: string, whole: Uint8Array<ArrayBuffer>): Promise<{ ids: string[]; plaintexts: Uint8Array<ArrayBuffer>[] }> {
  const count = partsFor(whole.byteLength);
  if (whole.byteLength < MIN_PARTS_TOTAL) throw new Error(`sync: an event of ${whole.byteLength} bytes goes whole, not in parts`);
  if (count > MAX_EVENT_PARTS) throw new Error(`sync: an event of ${whole.byteLength} bytes is over ${MAX_EVENT_PARTS} parts`);
  const digest = await sha256(whole);
  const tag = hex(digest.subarray(0, 4));
  const size = Math.ceil(whole.byteLength / count);
  const ids: string[] = [];
  const plaintexts: Uint8Array<ArrayBuffer>[] = [];
  for (let index = 0; index < count; index++) {
    const piece = whole.subarray(index * size, Math.min(whole.byteLength, (index + 1) * size));
    const out = new Uint8Array(PART_HEADER_BYTES + piece.byteLength);
    const view = new DataView(out.buffer);
    out[0] = PART_KIND;
    view.setUint32(1, index);
    view.setUint32(5, count);
    view.setUint32(9, whole.byteLength);
    out.set(digest, 13);
    out.set(piece, PART_HEADER_BYTES);
    ids.push(partId({ eventId, index, count, tag }));
    plaintexts.push(out);
  }
  return { ids, plaintexts };
}

/**
 * A part's plaintext read against the id it was sealed under (both are authenticated: the id
 * is in the seal's additional data and the signature). Undefined if they disagree or the
 * header is impossible.
 */
export function readPart(id: string, plain: Uint8Array): OpenedPart | undefined {
  const name = partName(id);
  if (!name || plain.byteLength <= PART_HEADER_BYTES || plain[0] !== PART_KIND) return undefined;
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  const index = view.getUint32(1);
  const count = view.getUint32(5);
  const total = view.getUint32(9);
  const digest = plain.slice(13, PART_HEADER_BYTES);
  if (index !== name.index || count !== name.count || hex(digest.subarray(0, 4)) !== name.tag) return undefined;
  // The sender's own cutting only: its count for the total, each piece its exact length.
  if (total < MIN_PARTS_TOTAL || count !== partsFor(total)) return undefined;
  if (plain.byteLength - PART_HEADER_BYTES !== pieceBytes(total, count, index)) return undefined;
  return { ...name, total, digest, piece: plain.subarray(PART_HEADER_BYTES) };
}

interface Pending {
  eventId: string;
  device: string;
  pieces: (Uint8Array | undefined)[];
  have: number;
  bytes: number;
}

export type Assembled = { done: false } | { done: true; plaintext: Uint8Array<ArrayBuffer> } | { refused: 'too-much-held' | 'corrupt' };

/**
 * Holds the parts of events not yet whole, per laptop, room and fragmentation (two
 * fragmentations of one event never mix: the digest tells them apart), within a bound on the
 * bytes held; gives the whole plaintext when the last part arrives and it checks out.
 */
export class PartAssembler {
  private readonly pending = new Map<string, Pending>();
  private held = 0;

  constructor(private readonly maxHeld = MAX_HELD_PART_BYTES) {}

  /** Bytes held for events not yet whole. */
  get heldBytes(): number {
    return this.held;
  }

  async add(device: string, epoch: number, part: OpenedPart): Promise<Assembled> {
    const key = `${device}/${epoch}/${part.eventId}/${part.count}/${hex(part.digest)}/${part.total}`;
    let p = this.pending.get(key);
    if (p?.pieces[part.index]) return { done: false };
    const slots = p ? 0 : EVENT_OVERHEAD + 8 * part.count;
    const cost = slots + part.piece.byteLength + PART_OVERHEAD;
    if (this.held + cost > this.maxHeld) return { refused: 'too-much-held' };
    if (!p) {
      p = { eventId: part.eventId, device, pieces: new Array<Uint8Array | undefined>(part.count), have: 0, bytes: 0 };
      this.pending.set(key, p);
    }
    const piece = part.piece.slice();
    p.pieces[part.index] = piece;
    p.have++;
    p.bytes += cost;
    this.held += cost;
    if (p.have < part.count) return { done: false };
    this.pending.delete(key);
    this.held -= p.bytes;
    const whole = concatBytes(...(p.pieces as Uint8Array[]));
    if (whole.byteLength !== part.total || hex(await sha256(whole)) !== hex(part.digest)) return { refused: 'corrupt' };
    return { done: true, plaintext: whole };
  }

  /**
   * `device`'s event is whole: what is held of its other cuttings (in other rooms, or cut again
   * after a restart) is let go. Parts another laptop signed under the same id are not its to drop.
   */
  forget(device: string, eventId: string): void {
    for (const [key, p] of this.pending) {
      if (p.eventId !== eventId || p.device !== device) continue;
      this.pending.delete(key);
      this.held -= p.bytes;
    }
  }
}
