/**
 * The stored form of blind-index entries (decision 042). In memory a segment or merged page
 * is (token hi, token lo, row) triples; stored as triples it cost 12 bytes an entry, 105 bytes
 * a customer, most of a list's size on disk and most of what the browser writes during an
 * import. Many entries share a token (kana prefixes, given names) and rows grow slowly in a
 * chunk's segment, so an entry is stored as:
 *
 * - a token reference (varint): 0 = a new token, its 8 bytes follow; 1 = the previous entry's
 *   token; 2 = a new token, the previous new token plus a varint (sorted pages); n ≥ 3 = the
 *   (n − 3)-th new token of this record;
 * - the row, as the zig-zag varint of its difference from the previous entry's row.
 *
 * after a version byte, the CRC-32 of everything that follows it (4 bytes, little-endian) and
 * the entry count. A changed bit in a packed record would change every entry after it (a
 * triple's spoilt one), so a record whose checksum fails is damage, like one that does not
 * decode: the lookup offers to rebuild the list's index.
 *
 * The entries come back exactly, in the order given (rows ascending in a chunk's segment,
 * token then row in a merged page). Records stored as triples (lists imported before) are
 * read as they are. Nothing here is secret: tokens are keyed hashes, rows are ordinals.
 */
import type { IndexPart } from './index-build';
import { indexPrefix, type IndexRecord, pad } from './tables';

/** First byte of a packed record. */
const VERSION = 1;
const NEW = 0;
const SAME = 1;
const NEXT = 2;
const DICT = 3;
const TWO32 = 4294967296;
const TWO31 = 2147483648;
/** A NEXT delta is used below this (7 varint bytes), so it is never longer than the token. */
const NEXT_LIMIT = 2 ** 49;

/**
 * CRC-32 tables for eight bytes at a time ("slicing-by-8"): table k (at k × 256) gives a
 * byte's remainder k bytes further on. A lookup reads a whole page and checks it each time,
 * so the checksum is on every lookup's path.
 */
const CRC_TABLES = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n]! >>> 8) ^ t[t[(k - 1) * 256 + n]! & 255]!;
  return t;
})();

/** CRC-32 (IEEE) of bytes[from..]. */
export function crc32(bytes: Uint8Array, from = 0): number {
  const t = CRC_TABLES;
  let c = -1;
  let i = from;
  for (const end = bytes.length - 8; i <= end; i += 8) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c =
      t[1792 + (c & 255)]! ^ t[1536 + ((c >>> 8) & 255)]! ^ t[1280 + ((c >>> 16) & 255)]! ^ t[1024 + (c >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^ t[512 + bytes[i + 5]!]! ^ t[256 + bytes[i + 6]!]! ^ t[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Header bytes before the count: the version and the checksum. */
const HEAD = 5;

/** A packed record from its body (the count and the entries): the version and the checksum put before it. */
export function framePacked(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEAD + body.length);
  out.set(body, HEAD);
  writeHead(out);
  return out;
}

function writeHead(out: Uint8Array): void {
  const c = crc32(out, HEAD);
  out[0] = VERSION;
  out[1] = c & 255;
  out[2] = (c >>> 8) & 255;
  out[3] = (c >>> 16) & 255;
  out[4] = c >>> 24;
}

/** Uint32 triples (token hi, token lo, row) as packed bytes. */
export function packEntries(entries: Uint32Array): Uint8Array {
  const n = Math.floor(entries.length / 3);
  // Worst case per entry: a 1-byte reference, 8 token bytes and a 5-byte row.
  const out = new Uint8Array(16 + n * 14);
  let p = 0;
  const varint = (v: number) => {
    for (; v >= TWO31; v = Math.floor(v / 128)) out[p++] = (v % 128) | 128;
    for (; v >= 128; v >>>= 7) out[p++] = (v & 127) | 128;
    out[p++] = v;
  };
  const word = (w: number) => {
    out[p++] = w >>> 24;
    out[p++] = (w >>> 16) & 255;
    out[p++] = (w >>> 8) & 255;
    out[p++] = w & 255;
  };
  p = HEAD;
  varint(n);
  // Tokens seen, by an open-addressed table of their index + 1.
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size);
  const his = new Uint32Array(n);
  const los = new Uint32Array(n);
  let known = 0;
  // The previous entry's token, the last new token, the previous row.
  let ph = -1;
  let pl = -1;
  let nh = -1;
  let nl = -1;
  let prevRow = 0;
  for (let e = 0; e < n * 3; e += 3) {
    const hi = entries[e]!;
    const lo = entries[e + 1]!;
    if (hi === ph && lo === pl) out[p++] = SAME;
    else {
      let s = (Math.imul(lo ^ hi, 0x9e3779b1) >>> 0) & mask;
      let found = -1;
      for (let k = slots[s]!; k > 0; s = (s + 1) & mask, k = slots[s]!) {
        if (his[k - 1] === hi && los[k - 1] === lo) {
          found = k - 1;
          break;
        }
      }
      if (found >= 0) varint(DICT + found);
      else {
        const delta = nh < 0 || hi < nh || hi - nh >= 0x100000 ? -1 : (hi - nh) * TWO32 + (lo - nl);
        if (delta > 0 && delta < NEXT_LIMIT) {
          out[p++] = NEXT;
          varint(delta);
        } else {
          out[p++] = NEW;
          word(hi);
          word(lo);
        }
        his[known] = hi;
        los[known] = lo;
        slots[s] = ++known;
        nh = hi;
        nl = lo;
      }
      ph = hi;
      pl = lo;
    }
    const d = entries[e + 2]! - prevRow;
    varint(d >= 0 ? d * 2 : -d * 2 - 1);
    prevRow = entries[e + 2]!;
  }
  const packed = out.slice(0, p);
  writeHead(packed);
  return packed;
}

/**
 * A packed record's entry count, its version and checksum checked, with `after` where its
 * entries begin; -1 when the bytes are not a packed record (damaged or forged).
 */
function countOf(bytes: Uint8Array): number {
  const len = bytes.length;
  if (len < HEAD + 1 || bytes[0] !== VERSION) return -1;
  if (crc32(bytes, HEAD) !== (bytes[1]! | (bytes[2]! << 8) | (bytes[3]! << 16) | (bytes[4]! << 24)) >>> 0) return -1;
  const n = varintAt(bytes, HEAD);
  // Each entry takes at least two bytes: a count beyond that is not a record's.
  return n < 0 || n * 2 > len - after ? -1 : n;
}

/** Where the last varint read by varintAt ended. */
let after = 0;

/**
 * The varint at p (at most 8 bytes), setting `after`; -1 when the bytes end before it does
 * or it runs longer. Its first 28 bits are read as integers, the rest as a double.
 */
function varintAt(bytes: Uint8Array, p: number): number {
  const len = bytes.length;
  let v = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (p >= len) return -1;
    const b = bytes[p++]!;
    v |= (b & 127) << shift;
    if (b < 128) {
      after = p;
      return v;
    }
  }
  for (let scale = 2 ** 28; scale <= 2 ** 49; scale *= 128) {
    if (p >= len) return -1;
    const b = bytes[p++]!;
    v += (b & 127) * scale;
    if (b < 128) {
      after = p;
      return v;
    }
  }
  return -1;
}

/**
 * The new tokens of the record being read (what a reference n ≥ 3 names), kept from one call
 * to the next and grown to the largest record's count: a list or a lookup reads thousands of
 * pages in a row, and a big token's page holds 65,536 entries.
 */
let seenHi = new Uint32Array(8192);
let seenLo = new Uint32Array(8192);

/**
 * Where `unpackEntries(bytes, true)` puts its triples: one buffer for every such call, grown to
 * the largest record. A lookup reads a page (up to 65,536 entries, 786 KB as triples) and keeps
 * only its rows; a new buffer each time made the page's collector sweep hundreds of megabytes
 * of them during a run of lookups, on the core the lookups wait for.
 */
let shared = new Uint32Array(3 * 8192);

/**
 * The triples of a packed record, or null when the bytes are not one (damaged or forged).
 * With `reuse`, they are in a buffer the next such call overwrites: read them first.
 */
export function unpackEntries(bytes: Uint8Array, reuse = false): Uint32Array | null {
  const len = bytes.length;
  const n = countOf(bytes);
  if (n < 0) return null;
  let p = after;
  if (reuse && shared.length < n * 3) shared = new Uint32Array(n * 3);
  const out = reuse ? shared.subarray(0, n * 3) : new Uint32Array(n * 3);
  if (seenHi.length < n) {
    seenHi = new Uint32Array(n);
    seenLo = new Uint32Array(n);
  }
  const his = seenHi;
  const los = seenLo;
  let known = 0;
  let hi = -1;
  let lo = -1;
  let row = 0;
  for (let e = 0; e < n * 3; e += 3) {
    // A one-byte varint (most references and many row steps) is read here; longer ones by varintAt.
    let ref = p < len ? bytes[p]! : 128;
    if (ref < 128) p++;
    else if ((ref = varintAt(bytes, p)) < 0) return null;
    else p = after;
    if (ref === NEW) {
      if (p + 8 > len) return null;
      hi = ((bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!) >>> 0;
      lo = ((bytes[p + 4]! << 24) | (bytes[p + 5]! << 16) | (bytes[p + 6]! << 8) | bytes[p + 7]!) >>> 0;
      p += 8;
      his[known] = hi;
      los[known++] = lo;
    } else if (ref === NEXT) {
      // The step to the next token (a sorted page's, about 40 bits): its first 28 bits as an
      // integer, the rest (up to 21) as another, as varintAt reads it but without the call.
      let delta = -1;
      const q = p;
      if (p + 7 <= len) {
        let low = 0;
        let shift = 0;
        let b = 128;
        while (shift < 28 && b >= 128) {
          b = bytes[p++]!;
          low |= (b & 127) << shift;
          shift += 7;
        }
        if (b < 128) delta = low;
        else {
          let high = 0;
          for (shift = 0; shift < 21 && b >= 128; shift += 7) {
            b = bytes[p++]!;
            high |= (b & 127) << shift;
          }
          delta = b < 128 ? high * 268435456 + (low >>> 0) : -1;
        }
      }
      // Near the end, or longer than seven bytes (not minimal, or too large): read as varintAt reads it.
      if (delta < 0) {
        delta = varintAt(bytes, q);
        p = after;
      }
      if (known === 0 || delta <= 0 || delta >= NEXT_LIMIT) return null;
      const sum = los[known - 1]! + delta;
      const carry = Math.floor(sum / TWO32);
      hi = his[known - 1]! + carry;
      lo = sum - carry * TWO32;
      if (hi >= TWO32) return null;
      his[known] = hi;
      los[known++] = lo;
    } else if (ref === SAME) {
      if (hi < 0) return null;
    } else {
      const k = ref - DICT;
      if (k >= known) return null;
      hi = his[k]!;
      lo = los[k]!;
    }
    // The row's step: up to four bytes (28 bits) read here, as a merged page's steps mostly are.
    let z = 0;
    if (p + 4 <= len) {
      const b0 = bytes[p]!;
      if (b0 < 128) {
        z = b0;
        p += 1;
      } else {
        const b1 = bytes[p + 1]!;
        if (b1 < 128) {
          z = (b0 & 127) | (b1 << 7);
          p += 2;
        } else {
          const b2 = bytes[p + 2]!;
          if (b2 < 128) {
            z = (b0 & 127) | ((b1 & 127) << 7) | (b2 << 14);
            p += 3;
          } else {
            const b3 = bytes[p + 3]!;
            if (b3 < 128) {
              z = (b0 & 127) | ((b1 & 127) << 7) | ((b2 & 127) << 14) | (b3 << 21);
              p += 4;
            } else if ((z = varintAt(bytes, p)) < 0) return null;
            else p = after;
          }
        }
      }
    } else if ((z = varintAt(bytes, p)) < 0) return null;
    else p = after;
    row += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    if (row < 0 || row >= TWO32) return null;
    out[e] = hi;
    out[e + 1] = lo;
    out[e + 2] = row;
  }
  return p === len ? out : null;
}

/**
 * A big token's page read a few rows at a time (decision 052): a page holds 65,536 entries of
 * one token (decision 043), of which a lookup shows 20. The record is checked whole first (version, checksum,
 * count) as unpackEntries checks it; its entries are then read only as they are asked for.
 *
 * Only a page as packEntries writes a single token's run is read this way: its first entry
 * names the token (a new token), every other repeats it. `open` gives null for anything else,
 * and `take` gives -1 where an entry is anything else or does not decode: the caller then
 * reads the page whole (unpackEntries), which decides whether it is damaged.
 */
export class TokenPageReader {
  private p: number;
  private row = 0;
  private taken = 0;
  private constructor(
    private readonly bytes: Uint8Array,
    readonly count: number,
    p: number,
    readonly hi: number,
    readonly lo: number,
  ) {
    this.p = p;
  }

  /** A stored record's reader: null when it is not packed, or not as packEntries writes a token's run. */
  static of(rec: IndexRecord): TokenPageReader | null {
    const { entries, packed } = rec as { entries?: unknown; packed?: unknown };
    return entries === undefined && isA(packed, 'Uint8Array') ? TokenPageReader.open(packed as Uint8Array) : null;
  }

  static open(bytes: Uint8Array): TokenPageReader | null {
    const n = countOf(bytes);
    const p = after;
    if (n <= 0 || bytes[p] !== NEW || p + 9 > bytes.length) return null;
    const hi = ((bytes[p + 1]! << 24) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 8) | bytes[p + 4]!) >>> 0;
    const lo = ((bytes[p + 5]! << 24) | (bytes[p + 6]! << 16) | (bytes[p + 7]! << 8) | bytes[p + 8]!) >>> 0;
    // The first entry's token is read here; `take` reads its row.
    return new TokenPageReader(bytes, n, p + 9, hi, lo);
  }

  /** Entries read so far. */
  get read(): number {
    return this.taken;
  }

  /**
   * Reads up to `n` more rows into `out`; how many it read, or -1 where the page is not a single
   * token's run as packEntries writes it, does not decode, or `out` refuses a row (false). Rows
   * given to `out` before a -1 stay there, and `read` counts them: a whole read of the page
   * gives the same rows first, and its caller goes on from there.
   */
  take(n: number, out: { push(row: number): boolean }): number {
    const bytes = this.bytes;
    const len = bytes.length;
    let p = this.p;
    let row = this.row;
    const end = Math.min(this.count, this.taken + n);
    let k = this.taken;
    const stop = () => {
      this.p = p;
      this.row = row;
      const read = k - this.taken;
      this.taken = k;
      return read;
    };
    const fail = () => {
      stop();
      return -1;
    };
    for (; k < end; k++) {
      // Every entry after the first repeats the token (one byte).
      if (k > 0) {
        if (p >= len || bytes[p] !== SAME) return fail();
        p++;
      }
      const z = varintAt(bytes, p);
      if (z < 0) return fail();
      const at = after;
      const next = row + (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
      if (next < 0 || next >= TWO32 || !out.push(next)) return fail();
      p = at;
      row = next;
    }
    // The last entry ends the record.
    if (k === this.count && p !== len) return fail();
    return stop();
  }
}

/** The record to store for a segment or page: its entries packed. */
export const indexRecord = (id: string, datasetId: string, entries: Uint32Array): IndexRecord => ({ id, datasetId, packed: packEntries(entries) });

/** The records of a chunk's index parts, named by the chunk's first block. */
export const segmentRecords = (datasetId: string, firstBlock: number, parts: readonly IndexPart[]): IndexRecord[] =>
  parts.map((p) => indexRecord(indexPrefix(datasetId, p.kind, p.bucket) + pad(firstBlock), datasetId, p.entries));

const isA = (v: unknown, type: string) => Object.prototype.toString.call(v) === `[object ${type}]`;

/**
 * A stored record's triples, packed or not; null when it is neither (damaged or forged: the
 * callers say the list's index needs rebuilding). With `reuse`, a packed record's triples are
 * in the buffer the next such call overwrites (unpackEntries).
 */
export function storedEntries(rec: IndexRecord, reuse = false): Uint32Array | null {
  const { entries, packed } = rec as { entries?: unknown; packed?: unknown };
  if (packed !== undefined) return isA(packed, 'Uint8Array') && entries === undefined ? unpackEntries(packed as Uint8Array, reuse) : null;
  return isA(entries, 'Uint32Array') && (entries as Uint32Array).length % 3 === 0 ? (entries as Uint32Array) : null;
}
