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
 * import worker) and handed as text to the worker that encodes, compresses and seals it —
 * copying a text between workers costs less than encoding it to UTF-8 here (decision 048).
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
 * Raw DEFLATE of bytes, or of a text as UTF-8: native when the platform has it (a Blob
 * encodes a text as TextEncoder does), else fflate (the same format).
 */
export async function deflateRaw(plain: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof CompressionStream === 'undefined') return deflateSync(typeof plain === 'string' ? utf8(plain) : plain, { level: 4 }) as Uint8Array<ArrayBuffer>;
  const stream = new Blob([plain]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Where blocks are inflated, kept from one block to the next: fflate given room enough writes
 * there instead of growing and copying its own buffer (a lookup opens up to 20 blocks, ~3 ms
 * each, most of it inflating). Grown to at most MAX_ROOM; a block bigger than that is
 * inflated into a buffer of its own, as before.
 */
let room = new Uint8Array(1 << 20);
const MAX_ROOM = 8 << 20;

/** A block's JSON text from its deflated bytes. */
export function inflateBlock(deflated: Uint8Array): string {
  // Nothing to inflate: fflate would hand back the room itself.
  if (deflated.length === 0) return '';
  for (;;) {
    // Given room, fflate does not grow it: what does not fit is cut off (or refused with a
    // RangeError), so a block that fills the room may not be whole and is inflated again.
    let out: Uint8Array | null = null;
    try {
      out = inflateSync(deflated, { out: room });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    if (out && out.length < room.length) return fromUtf8(out);
    if (room.length >= MAX_ROOM) return fromUtf8(inflateSync(deflated));
    room = new Uint8Array(room.length * 2);
  }
}

export async function openBlock(key: CryptoKey, id: string, sealed: Uint8Array, firstRow: number): Promise<ContactRow[]> {
  const deflated = await openBytes(key, sealed, aad(id));
  const packed = JSON.parse(inflateBlock(deflated)) as Packed[];
  return packed.map(([line, customerNo, name, kana, postcode, address, email, phone, segment, extra], i) => ({
    row: firstRow + i, line, customerNo, name, kana, postcode, address, email, phone, segment, extra,
  }));
}
