/**
 * Second worker of an import: tokenises a chunk's search keys and compresses + seals its
 * blocks (chunk-seal.ts) while the import worker reads and checks the next chunk.
 */
import { Tokenizer } from '../../../shared/contacts/tokens';
import { sealChunk } from './chunk-seal';
import { unpackKeys } from './index-build';
import type { IndexRequest, IndexResponse } from './import-protocol';

let tokenizer: Promise<Tokenizer> | undefined;

self.onmessage = async (ev: MessageEvent<IndexRequest>) => {
  const m = ev.data;
  try {
    tokenizer ??= Tokenizer.create(m.bulkIndex);
    const { parts, sealed } = await sealChunk(await tokenizer, m.first, unpackKeys(m.keys), m.blocks, m.dataKey);
    const reply: IndexResponse = { id: m.id, parts, sealed };
    (self as unknown as Worker).postMessage(reply, [...parts.map((p) => p.entries.buffer), ...sealed.map((b) => b.buffer)]);
  } catch (e) {
    (self as unknown as Worker).postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies IndexResponse);
  }
};
