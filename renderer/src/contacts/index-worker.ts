/**
 * Second worker of an import: compresses and seals a chunk's blocks (block-codec.ts), handed
 * over a few at a time as they are packed, while the import worker reads, checks and
 * tokenises the rows that follow (decision 054). It holds the data key only for the import's
 * length, and never the bulk-index key (decision 041).
 */
import { serveCalls } from '../data/worker-calls';
import { sealEncoded } from './chunk-seal';
import type { IndexCalls } from './import-protocol';

serveCalls<IndexCalls>({
  ready: async () => true as const,
  async seal(m, ctx) {
    const t0 = performance.now();
    const sealed = await sealEncoded(m.blocks, m.dataKey);
    ctx.transfer(...sealed.map((b) => b.buffer));
    return { sealed, blocksMs: performance.now() - t0 };
  },
});
