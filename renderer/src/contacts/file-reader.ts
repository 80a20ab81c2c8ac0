/**
 * Reading a customer file: encoding detection on the first 64 KB (further when those are
 * all ASCII), then the bytes as a stream that is hashed and counted on the way through
 * and decoded as it streams (TextDecoderStream; our own decoder for Shift_JIS), so memory
 * stays flat whatever the file size.
 */
import { createHMAC, createSHA256 } from 'hash-wasm';
import type { FileEncoding } from '../../../shared/contacts/model';
import { shiftJisDecoderStream } from '../../../shared/contacts/shift-jis';
import { bomLength, firstNonAscii, sniffEncoding } from '../../../shared/contacts/validate';

export const HEAD_BYTES = 64 * 1024;
/** How far past the head the all-ASCII case looks for its first non-ASCII byte, per read. */
const SCAN_BYTES = 1024 * 1024;

export interface FileHead {
  encoding: FileEncoding;
  bom: boolean;
  /**
   * What tells the same file again when an import is resumed: an HMAC of the first 64 KB
   * under the workspace's bulk-index key when one is given (it is kept in clear, so someone
   * holding the same file must not be able to confirm it was imported here), else SHA-256.
   */
  headHash: string;
  empty: boolean;
}

/**
 * The encoding of a whole file. A head of pure ASCII fits both UTF-8 and Shift_JIS: a
 * list whose first 64 KB are numbers and romaji would be taken for UTF-8 and its later
 * Japanese names, in Shift_JIS, reported as unreadable. So the first non-ASCII bytes,
 * wherever they are, decide.
 */
export async function sniffFile(file: Blob, head: Uint8Array): Promise<{ encoding: FileEncoding; bom: boolean }> {
  const sniffed = sniffEncoding(head);
  if (sniffed.bom || file.size <= head.byteLength || firstNonAscii(head) >= 0) return sniffed;
  for (let at = head.byteLength; at < file.size; at += SCAN_BYTES) {
    const bytes = new Uint8Array(await file.slice(at, at + SCAN_BYTES).arrayBuffer());
    const i = firstNonAscii(bytes);
    if (i < 0) continue;
    // All bytes before are ASCII, so a character starts here in either encoding.
    const window = new Uint8Array(await file.slice(at + i, at + i + HEAD_BYTES).arrayBuffer());
    return { encoding: sniffEncoding(window).encoding, bom: false };
  }
  return sniffed;
}

const HEAD_HASH_CONTEXT = new TextEncoder().encode('honbu/contacts/head-hash/v1\0');

export async function readHead(file: Blob, override?: FileEncoding, key?: Uint8Array): Promise<FileHead> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const sniffed = await sniffFile(file, head);
  const hasher = key ? await createHMAC(createSHA256(), key) : await createSHA256();
  if (key) hasher.update(HEAD_HASH_CONTEXT);
  hasher.update(head);
  const encoding = override ?? sniffed.encoding;
  const skip = bomLength(sniffed.encoding, sniffed.bom);
  const empty = file.size <= skip || (file.size <= HEAD_BYTES && new TextDecoder(encoding).decode(head.subarray(skip)).trim() === '');
  return { encoding, bom: sniffed.bom, headHash: hasher.digest('hex'), empty };
}

export interface TextSource {
  reader: ReadableStreamDefaultReader<string>;
  /** Bytes read so far (of the raw file). */
  bytes(): number;
  /** SHA-256 (hex) of the whole file, once the reader is done. */
  contentHash(): string;
  cancel(): Promise<void>;
}

/** The browser's decoder, but for Shift_JIS: ours gives the same text in under half the time (decision 059). */
const decoderStream = (encoding: FileEncoding): TransformStream<Uint8Array, string> =>
  encoding === 'shift_jis' ? shiftJisDecoderStream() : (new TextDecoderStream(encoding) as unknown as TransformStream<Uint8Array, string>);

export async function openText(file: Blob, encoding: FileEncoding): Promise<TextSource> {
  const hasher = await createSHA256();
  let bytes = 0;
  let digest = '';
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hasher.update(chunk);
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    flush() {
      digest = hasher.digest('hex');
    },
  });
  // Non-fatal on purpose: a bad byte becomes U+FFFD, which the row check reports with its
  // line and column instead of one error for the whole file.
  const text = file.stream().pipeThrough(tap).pipeThrough(decoderStream(encoding));
  const reader = text.getReader();
  return {
    reader,
    bytes: () => bytes,
    contentHash: () => digest,
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

/** Lists of results are small (one line per returned letter or bounce): read whole. */
export const MAX_LIST_BYTES = 64 * 1024 * 1024;

/** A returned-mail or bounce list file as text, its encoding detected as for customer lists. */
export async function readListFile(file: Blob, override?: FileEncoding): Promise<{ text: string; encoding: FileEncoding } | { tooLarge: true }> {
  if (file.size > MAX_LIST_BYTES) return { tooLarge: true };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const encoding = override ?? (await sniffFile(file, bytes.subarray(0, HEAD_BYTES))).encoding;
  // TextDecoder drops the byte-order mark of its own encoding.
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}
