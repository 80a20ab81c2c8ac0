/**
 * The CPU-heavy half of committing an import chunk that is not done as its rows are read
 * (chunk-builder.ts packs the blocks and tokenises the keys): compressing + sealing its blocks.
 * With a second worker (import-worker.ts remoteSealer, index-worker.ts) the blocks' bytes are
 * moved there and sealed there; without one (tests) they are sealed here. Either way each
 * block goes through `sealPacked` (decisions 021, 041, 048, 053).
 */
import { sealPacked } from './block-codec';

/** A block as the sealer receives it: its record id (bound into the seal) and its rows' JSON as UTF-8, in a buffer of its own (moved, not copied). */
export interface EncodedBlock {
  id: string;
  plain: Uint8Array<ArrayBuffer>;
}

export interface SealedBlocks {
  /** Sealed bytes of each block, in the order given. */
  sealed: Uint8Array[];
  /** The sealer's own time compressing + sealing them (ms). */
  blocksMs?: number;
}

/** Seals the blocks of the chunk starting at row `first` (here, or in the second worker). */
export type ChunkSealer = (first: number, blocks: EncodedBlock[], dataKey: CryptoKey) => Promise<SealedBlocks>;

/** Each block compressed and sealed, in order (in the second worker: index-worker.ts). */
export function sealEncoded(blocks: EncodedBlock[], dataKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>[]> {
  return Promise.all(blocks.map((b) => sealPacked(dataKey, b.id, b.plain)));
}

/** The sealer without a second worker: in this thread. */
export const localSealer: ChunkSealer = async (_first, blocks, dataKey) => {
  const t0 = performance.now();
  const sealed = await sealEncoded(blocks, dataKey);
  return { sealed, blocksMs: performance.now() - t0 };
};

/** The buffers to move with the blocks to the second worker. */
export const transferOf = (blocks: EncodedBlock[]): ArrayBuffer[] => blocks.map((b) => b.plain.buffer);
