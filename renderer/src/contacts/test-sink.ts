/** For tests: a ByteSink that keeps what it is given, to read the written file back. */
import { concatBytes } from '../../../shared/vault/bytes';
import type { ByteSink } from './vendor-file';

export function collectBytes(): ByteSink & { bytes: () => Uint8Array; chunks: Uint8Array[] } {
  const chunks: Uint8Array[] = [];
  return { chunks, write: async (c) => void chunks.push(c), bytes: () => concatBytes(...chunks) };
}
