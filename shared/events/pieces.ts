/**
 * Items recorded in bulk (fetched reports, a vendor's enquiries, a group's questions), cut
 * into the payloads of several events, each bounded by a count and by the bytes of the
 * items' JSON (decision 065). The sync server refuses a record over 1 MiB
 * (`DEFAULT_APPEND_LIMITS`), and the sender sets aside an own event it would refuse, so
 * whatever an event carries must stay well under that however long its texts are: a count
 * alone does not bound bytes.
 */

/**
 * The most JSON (UTF-8 bytes) of items one event carries: a quarter of the server's 1 MiB per
 * record, leaving room for the event's other fields, the chunk around it and a margin.
 */
export const EVENT_ITEM_BYTES = 256 * 1024;

export interface PieceBounds<T> {
  /** Items per piece. */
  maxItems: number;
  /** Bytes per piece: the items as one JSON array in UTF-8 (its brackets and commas counted). */
  maxBytes: number;
  /** An item's size when it is more than its own JSON (what it brings along in the payload); default its JSON in UTF-8. */
  bytesOf?: (item: T) => number;
}

/**
 * `items` in pieces of at most `maxItems` and `maxBytes`, in order, none empty (no pieces for
 * no items). A piece ends before the item that would take it over a bound; an item over
 * `maxBytes` alone goes alone, between its neighbours — the caller bounds items themselves.
 */
export function piecesOf<T>(items: readonly T[], bounds: PieceBounds<T>): T[][] {
  const size = bounds.bytesOf ?? jsonBytes;
  const pieces: T[][] = [];
  let piece: T[] = [];
  // The piece as a JSON array: its brackets, each item and the comma after it (one too many,
  // which the closing bracket's byte stands for).
  let bytes = 1;
  for (const item of items) {
    const n = size(item) + 1;
    if (piece.length > 0 && (piece.length >= bounds.maxItems || bytes + n > bounds.maxBytes)) {
      pieces.push(piece);
      piece = [];
      bytes = 1;
    }
    piece.push(item);
    bytes += n;
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

/** A value's JSON in UTF-8 bytes (0 for what JSON leaves out: undefined, a function). */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? 0 : utf8Bytes(json);
}

/**
 * A string's length in UTF-8, without encoding it. A lone surrogate counts 3 bytes, as
 * TextEncoder writes it (U+FFFD); JSON.stringify escapes lone surrogates, so its output has none.
 */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A pair: two units, four bytes.
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}
