/**
 * Reading a customer file: encoding detection on the first 64 KB, then the bytes as a
 * stream that is hashed and counted on the way through and decoded with
 * TextDecoderStream, so memory stays flat whatever the file size.
 */
import { createSHA256 } from 'hash-wasm';
import type { FileEncoding } from '../../../shared/contacts/model';
import { sniffEncoding } from '../../../shared/contacts/validate';

export const HEAD_BYTES = 64 * 1024;

export interface FileHead {
  encoding: FileEncoding;
  bom: boolean;
  headHash: string;
  empty: boolean;
}

export async function readHead(file: Blob, override?: FileEncoding): Promise<FileHead> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const sniffed = sniffEncoding(head);
  const hasher = await createSHA256();
  hasher.update(head);
  const bomLength = sniffed.bom ? 3 : 0;
  const empty = file.size <= bomLength || (file.size <= HEAD_BYTES && head.slice(bomLength).every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d));
  return { encoding: override ?? sniffed.encoding, bom: sniffed.bom, headHash: hasher.digest('hex'), empty };
}

export interface TextSource {
  reader: ReadableStreamDefaultReader<string>;
  /** Bytes read so far (of the raw file). */
  bytes(): number;
  /** SHA-256 (hex) of the whole file, once the reader is done. */
  contentHash(): string;
  cancel(): Promise<void>;
}

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
  const text = file.stream().pipeThrough(tap).pipeThrough(new TextDecoderStream(encoding) as unknown as TransformStream<Uint8Array, string>);
  const reader = text.getReader();
  return {
    reader,
    bytes: () => bytes,
    contentHash: () => digest,
    cancel: () => reader.cancel().catch(() => undefined),
  };
}
