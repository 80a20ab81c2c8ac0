/** For tests: a ByteSink that keeps what it is given, to read the written file back. */
import type { ByteSink } from './vendor-file';

export function collectBytes(): ByteSink & { bytes: () => Uint8Array; chunks: Uint8Array[] } {
  const chunks: Uint8Array[] = [];
  return {
    chunks,
    write: async (c) => void chunks.push(c),
    bytes: () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
      }
      return out;
    },
  };
}
