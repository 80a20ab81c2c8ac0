/** Second worker of an import: tokenises search keys while the import worker seals blocks. */
import { Tokenizer } from '../../../shared/contacts/tokens';
import { buildIndexParts, unpackKeys } from './index-build';
import type { IndexRequest, IndexResponse } from './import-protocol';

let tokenizer: Promise<Tokenizer> | undefined;

self.onmessage = async (ev: MessageEvent<IndexRequest>) => {
  const m = ev.data;
  try {
    tokenizer ??= Tokenizer.create(m.bulkIndex);
    const parts = buildIndexParts(await tokenizer, m.first, unpackKeys(m.keys));
    const reply: IndexResponse = { id: m.id, parts };
    (self as unknown as Worker).postMessage(reply, parts.map((p) => p.entries.buffer));
  } catch (e) {
    (self as unknown as Worker).postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies IndexResponse);
  }
};
