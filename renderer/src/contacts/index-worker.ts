/**
 * Second worker of an import: tokenises a chunk's search keys and compresses + seals its
 * blocks (chunk-seal.ts) while the import worker reads and checks the next chunk.
 */
import { Tokenizer } from '../../../shared/contacts/tokens';
import { serveCalls } from '../data/worker-calls';
import { sealChunk } from './chunk-seal';
import { unpackKeys } from './index-build';
import type { IndexCalls } from './import-protocol';

let tokenizer: Promise<Tokenizer> | undefined;

serveCalls<IndexCalls>({
  async seal(m, ctx) {
    tokenizer ??= Tokenizer.create(m.bulkIndex);
    const out = await sealChunk(await tokenizer, m.first, unpackKeys(m.keys), m.blocks, m.dataKey);
    ctx.transfer(...out.parts.map((p) => p.entries.buffer), ...out.sealed.map((b) => b.buffer));
    return out;
  },
});
