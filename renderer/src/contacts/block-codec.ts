/**
 * A block of rows on disk: JSON → raw DEFLATE → AES-GCM bound to the block's id. Deflate
 * before sealing because ciphertext does not compress, and it keeps storage under the
 * CSV's own size (UTF-8 JSON of Japanese text is ~1.5× its Shift_JIS bytes).
 * Sealing uses the platform's CompressionStream('deflate-raw') (zlib, level 6) where there
 * is one: in Chromium 50 blocks took ~340 ms against fflate's ~420 ms at level 4, and came
 * out ~12% smaller (decision 021). Both write raw DEFLATE, so reading is unchanged
 * (fflate's inflateSync) and blocks sealed before still open.
 */
import { deflateSync, inflateSync } from 'fflate';
import type { ContactRow } from '../../../shared/contacts/model';
import { openBytes, sealBytes } from '../../../shared/vault/cipher';
import { fromUtf8, utf8 } from '../../../shared/vault/bytes';

const aad = (id: string) => `contact-blocks:${id}`;

type Packed = [number, string, string, string, string, string, string, string, string, string[]];

export async function sealBlock(key: CryptoKey, id: string, rows: ContactRow[]): Promise<Uint8Array> {
  return sealPacked(key, id, packBlock(rows));
}

/**
 * A block's rows as the JSON text that is sealed (as UTF-8): made where the rows are (the
 * import worker), which encodes it and moves the bytes to the worker that compresses and
 * seals them (chunk-builder.ts, chunk-seal.ts; decisions 048 and 053).
 */
export function packBlock(rows: ContactRow[]): string {
  const packed: Packed[] = rows.map((r) => [r.line, r.customerNo, r.name, r.kana, r.postcode, r.address, r.email, r.phone, r.segment, r.extra]);
  return JSON.stringify(packed);
}

/** Deflate, then AES-GCM bound to the block's id (the second half of sealBlock). */
export async function sealPacked(key: CryptoKey, id: string, plain: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return sealBytes(key, await deflateRaw(plain), aad(id));
}

/**
 * Raw DEFLATE of bytes, or of a text as UTF-8: native when the platform has it, else fflate
 * (the same format). The bytes are written to the stream and its output read here: a Blob
 * around them (as before decision 053) sent every block to the browser process and back,
 * ~1.3 s more CPU and ~0.8 s more time per 47 MB of blocks in Chromium 156, for the same bytes.
 */
export async function deflateRaw(plain: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = typeof plain === 'string' ? utf8(plain) : plain;
  if (typeof CompressionStream === 'undefined') return deflateSync(bytes, { level: 4 }) as Uint8Array<ArrayBuffer>;
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // A write the stream refuses (bytes moved away) does not error its output everywhere — in
  // Node it never ends — so the refusal fails the call itself instead of leaving it waiting.
  const refused = Promise.all([writer.write(bytes), writer.close()]).then(() => new Promise<never>(() => undefined));
  refused.catch(() => undefined);
  const reader = stream.readable.getReader();
  const pieces: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { value, done } = await Promise.race([reader.read(), refused]);
      if (done) break;
      pieces.push(value);
      length += value.length;
    }
  } catch (e) {
    reader.cancel().catch(() => undefined);
    throw e;
  }
  if (pieces.length === 1 && pieces[0]!.byteLength === pieces[0]!.buffer.byteLength) return pieces[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Where blocks are inflated, kept from one block to the next: fflate given room enough writes
 * there instead of growing and copying its own buffer (a lookup opens up to 20 blocks, ~3 ms
 * each, most of it inflating). Grown to at most MAX_ROOM; a block bigger than that is
 * inflated into a buffer of its own, as before.
 */
let room = new Uint8Array(1 << 20);
const MAX_ROOM = 8 << 20;
const NO_TEXT = new Uint8Array(0);
/** The view of `room` an opened block's last inflate gave (its length is the text's). */
let roomText: Uint8Array = NO_TEXT;
/** The opened block whose text the room holds now, by its number (0: none, after any other inflate or a wipe). */
let roomHolds = 0;
let blocksOpened = 0;

/**
 * A block's deflated bytes inflated: a view of `room` (valid until the next block is
 * inflated), or a buffer of its own for a block bigger than MAX_ROOM.
 */
function inflateToRoom(deflated: Uint8Array): Uint8Array {
  roomHolds = 0;
  // Not kept: a room outgrown below would stay reachable through it, with text the lock cannot zero.
  roomText = NO_TEXT;
  for (;;) {
    // Given room, fflate does not grow it: what does not fit is cut off (or refused with a
    // RangeError), so a block that fills the room may not be whole and is inflated again.
    let out: Uint8Array | null = null;
    try {
      out = inflateSync(deflated, { out: room });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    if (out && out.length < room.length) return out;
    if (room.length >= MAX_ROOM) return inflateSync(deflated);
    room = new Uint8Array(room.length * 2);
  }
}

/**
 * The room zeroed: it holds the text of the last block inflated (customers' details in clear)
 * until the next one overwrites it. The lock calls this with the contact engine's own wipe.
 */
export function wipeInflateRoom(): void {
  roomHolds = 0;
  roomText = NO_TEXT;
  room.fill(0);
}

/** A block's JSON text from its deflated bytes. */
export function inflateBlock(deflated: Uint8Array): string {
  // Nothing to inflate: fflate would hand back the room itself.
  return deflated.length === 0 ? '' : fromUtf8(inflateToRoom(deflated));
}

const unpack = ([line, customerNo, name, kana, postcode, address, email, phone, segment, extra]: Packed, row: number): ContactRow => ({
  row, line, customerNo, name, kana, postcode, address, email, phone, segment, extra,
});

/** A block's rows from its whole JSON text: how every block was read before rows could be read alone. */
const parseRows = (json: string, firstRow: number): ContactRow[] => (JSON.parse(json) as Packed[]).map((p, i) => unpack(p, firstRow + i));

const [OPEN, CLOSE, OPEN_OBJECT, CLOSE_OBJECT, QUOTE, BACKSLASH, COMMA] = [0x5b, 0x5d, 0x7b, 0x7d, 0x22, 0x5c, 0x2c];

/**
 * Where each row's JSON starts and ends in a block's UTF-8 text (`[[…],[…],…]`): pairs of
 * offsets, the end past the row's closing bracket. Null when the text is not shaped so (then
 * the whole text is parsed, and says what is wrong with it). Every byte this looks for is
 * ASCII, which no byte of a multi-byte UTF-8 character is, so a row's bytes are whole
 * characters.
 */
export function rowSpans(text: Uint8Array): Uint32Array | null {
  const n = text.length;
  if (n < 2 || text[0] !== OPEN || text[n - 1] !== CLOSE) return null;
  const spans: number[] = [];
  let depth = 1;
  let start = -1;
  for (let i = 1; i < n - 1; i++) {
    const c = text[i]!;
    if (c === QUOTE) {
      if (depth < 2) return null;
      // To the closing quote, past escapes.
      for (i++; i < n && text[i] !== QUOTE; i++) if (text[i] === BACKSLASH) i++;
      continue;
    }
    if (c === OPEN || c === OPEN_OBJECT) {
      if (depth === 1) {
        if (c !== OPEN) return null;
        // A row follows the list's opening bracket or a comma after the row before.
        if (spans.length === 0 ? i !== 1 : i !== spans[spans.length - 1]! + 1 || text[i - 1] !== COMMA) return null;
        start = i;
      }
      depth++;
    } else if (c === CLOSE || c === CLOSE_OBJECT) {
      depth--;
      if (depth < 1) return null;
      if (depth === 1) {
        if (c !== CLOSE) return null;
        spans.push(start, i + 1);
      }
    } else if (depth === 1 && c !== COMMA) return null;
  }
  if (depth !== 1 || (spans.length > 0 && spans[spans.length - 1] !== n - 1)) return null;
  return Uint32Array.from(spans);
}

/**
 * A block opened (decrypted; inflated when a row is asked for): its rows parsed all at once
 * for a caller that wants them all (an export, 名寄せ), or one at a time for one that wants a
 * few — a lookup confirms one or two rows of each block it opens, and decoding and parsing
 * all 1,000 rows of each was most of what a lookup of a rare kana prefix spent at 20M
 * customers.
 *
 * It keeps the deflated bytes, not the text: a row is read from the shared room the text
 * is inflated into, in the same synchronous step, and the text is inflated again only when
 * another block has used the room since. Copying each block's text out of the room made a
 * new buffer of ~200 KB per block a lookup opened (0.5 s over 200 postcode + name lookups at
 * 20M customers), garbage of the kind that set off the collections behind slow lookups
 * (decision 052 and its addendum). A block too big for the room keeps its own text, as before.
 */
export class OpenedBlock {
  private deflated: Uint8Array | null;
  /** The text of a block too big for the room (inflated into a buffer of its own). */
  private own: Uint8Array | null = null;
  private all: ContactRow[] | null = null;
  /** undefined: not looked for yet; null: the text is not shaped as rows (parsed whole). */
  private spans: Uint32Array | null | undefined;
  private readonly one = new Map<number, ContactRow>();
  private wiped = false;
  private readonly serial = ++blocksOpened;

  constructor(deflated: Uint8Array, readonly firstRow: number) {
    this.deflated = deflated;
  }

  /**
   * The text zeroed and the rows let go (the lock): a search still running then finds no row
   * here. Rows already parsed are strings, which JavaScript cannot wipe; they go with the
   * collector, as every decrypted value does. The room is zeroed by the lock as well
   * (wipeInflateRoom).
   */
  wipe(): void {
    this.wiped = true;
    this.deflated?.fill(0);
    this.own?.fill(0);
    this.deflated = this.own = null;
    // A row read after the lock zeroed the room (a read already under way) put this block's
    // text back in it: zeroed with the block.
    if (roomHolds === this.serial) {
      roomText.fill(0);
      roomHolds = 0;
      roomText = NO_TEXT;
    }
    this.all = null;
    this.one.clear();
  }

  /**
   * The block's text: its own, or a view of the room — read it before anything else is
   * inflated (no await between).
   */
  private text(): Uint8Array {
    if (this.own) return this.own;
    const deflated = this.deflated!;
    // Nothing to inflate: fflate would hand back the room itself.
    if (deflated.length === 0) return deflated;
    if (roomHolds === this.serial) return roomText;
    const text = inflateToRoom(deflated);
    if (text.buffer !== room.buffer) return (this.own = text);
    roomHolds = this.serial;
    roomText = text;
    return text;
  }

  /** Every row, in order. */
  rows(): ContactRow[] {
    if (this.wiped) return [];
    if (!this.all) {
      this.all = parseRows(fromUtf8(this.text()), this.firstRow);
      // Rows from here on come from the list: the bytes, the spans and the rows parsed one by one can go.
      // The room still says it holds this block's text, so that a wipe zeroes it.
      this.deflated = this.own = null;
      this.spans = undefined;
      this.one.clear();
    }
    return this.all;
  }

  /** The block's i-th row (0-based), or undefined past its end. */
  row(i: number): ContactRow | undefined {
    if (this.wiped) return undefined;
    if (this.all) return this.all[i];
    const hit = this.one.get(i);
    if (hit) return hit;
    if (this.spans === undefined) this.spans = rowSpans(this.text());
    // Text not shaped as rows fails (or reads) as a whole parse does, whatever row is asked for.
    if (this.spans === null) return this.rows()[i];
    if (!Number.isInteger(i) || i < 0 || 2 * i >= this.spans.length) return undefined;
    const text = this.text();
    const row = unpack(JSON.parse(fromUtf8(text.subarray(this.spans[2 * i]!, this.spans[2 * i + 1]!))) as Packed, this.firstRow + i);
    this.one.set(i, row);
    return row;
  }
}

/** Decrypts a block, inflating and parsing none of its rows yet. */
export async function openBlockLazily(key: CryptoKey, id: string, sealed: Uint8Array, firstRow: number): Promise<OpenedBlock> {
  return new OpenedBlock(await openBytes(key, sealed, aad(id)), firstRow);
}

export async function openBlock(key: CryptoKey, id: string, sealed: Uint8Array, firstRow: number): Promise<ContactRow[]> {
  const deflated = await openBytes(key, sealed, aad(id));
  return parseRows(inflateBlock(deflated), firstRow);
}
