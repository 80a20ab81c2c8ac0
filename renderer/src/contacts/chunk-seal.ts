/**
 * The CPU-heavy half of committing an import chunk: tokenising its search keys and
 * compressing + sealing its blocks. With a second worker (import-worker.ts remoteSealer,
 * index-worker.ts) the blocks are encoded here, sealed there (`encodeForSealing`,
 * `sealEncoded`) while the keys are tokenised in the import worker; without one (tests) both
 * happen here (`sealChunk`, from the texts). Either way each block goes through `sealPacked`
 * (decisions 021, 041, 048).
 */
import type { NormalisedKeys, Tokenizer } from '../../../shared/contacts/tokens';
import { utf8 } from '../../../shared/vault/bytes';
import { sealPacked } from './block-codec';
import { buildIndexParts, type IndexPart } from './index-build';

/** One block to seal: its record id (bound into the seal) and its rows' JSON text, as packed by packBlock. */
export interface PlainBlock {
  id: string;
  plain: string;
}

export interface SealedChunk {
  parts: IndexPart[];
  /** Sealed bytes of each block, in the order given. */
  sealed: Uint8Array[];
  /** Where the sealer's time went (ms): tokenising, then compressing + sealing the blocks. */
  spent?: { tokensMs: number; blocksMs: number };
}

/** Tokens and sealed blocks of one chunk (here, or in the second worker). */
export type ChunkSealer = (first: number, keys: NormalisedKeys[], blocks: PlainBlock[], dataKey: CryptoKey) => Promise<SealedChunk>;

export async function sealChunk(tokenizer: Tokenizer, first: number, keys: NormalisedKeys[], blocks: PlainBlock[], dataKey: CryptoKey): Promise<SealedChunk> {
  const t0 = performance.now();
  const parts = buildIndexParts(tokenizer, first, keys);
  const t1 = performance.now();
  const sealed = await Promise.all(blocks.map((b) => sealPacked(dataKey, b.id, b.plain)));
  return { parts, sealed, spent: { tokensMs: t1 - t0, blocksMs: performance.now() - t1 } };
}

export const localSealer = (tokenizer: Tokenizer): ChunkSealer => (first, keys, blocks, dataKey) => sealChunk(tokenizer, first, keys, blocks, dataKey);

/** Blocks as the second worker receives them: each block's text as UTF-8, its bytes moved to it, not copied. */
export interface EncodedBlock {
  id: string;
  plain: Uint8Array<ArrayBuffer>;
}

/**
 * The blocks' texts encoded for the second worker, with the buffers to move. Posting the texts
 * themselves cost the import worker more (2.4 s at 1M rows) than encoding them here (1.2 s),
 * and the second worker then encoded them again (decision 048, addendum).
 */
export function encodeForSealing(blocks: PlainBlock[]): { blocks: EncodedBlock[]; transfer: ArrayBuffer[] } {
  const encoded = blocks.map((b) => ({ id: b.id, plain: utf8(b.plain) }));
  return { blocks: encoded, transfer: encoded.map((b) => b.plain.buffer) };
}

/** The second worker's half (index-worker.ts): each block compressed and sealed, in order. */
export function sealEncoded(blocks: EncodedBlock[], dataKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>[]> {
  return Promise.all(blocks.map((b) => sealPacked(dataKey, b.id, b.plain)));
}
