/**
 * The import runs here, off the UI thread: decoding, parsing, checking, tokenising,
 * compressing and sealing a million rows would freeze the window for half a minute.
 * The worker opens its own connection to the workspace database; the keys arrive as
 * non-extractable CryptoKeys (structured clone) plus the derived bulk-index key.
 */
import { HonbuDb } from '../data/db';
import { serveCalls, WorkerCalls, WorkerFailed } from '../data/worker-calls';
import { peekFile, runImport } from './import-pipeline';
import type { ImportCalls, IndexCalls } from './import-protocol';
import { encodeForSealing, type ChunkSealer } from './chunk-seal';
import { buildIndexParts } from './index-build';
import { Tokenizer } from '../../../shared/contacts/tokens';

let indexWorker: WorkerCalls<IndexCalls> | undefined;

/**
 * Blocks compressed and sealed in a second worker, so the import uses both cores; the keys
 * are tokenised here (cheaper than packing them to send, decision 041).
 */
function remoteSealer(tokenizer: Tokenizer): ChunkSealer {
  indexWorker ??= new WorkerCalls<IndexCalls>(() => new Worker(new URL('./index-worker.ts', import.meta.url), { type: 'module' }), {
    name: 'index worker',
    // No error log in a worker: the import fails with this error, and the page reports it.
    report: () => undefined,
  });
  const worker = indexWorker;
  return async (first, keys, blocks, dataKey) => {
    // The blocks' texts are encoded here and their bytes moved there, and sealed there while the keys are tokenised here.
    const encoded = encodeForSealing(blocks);
    const away = worker.call('seal', { blocks: encoded.blocks, dataKey }, { transfer: encoded.transfer }).catch((e: unknown) => {
      // A crashed second worker fails this import; the next one starts a new worker.
      if (e instanceof WorkerFailed && indexWorker === worker) indexWorker = undefined;
      throw e;
    });
    // Awaited below, whatever tokenising does.
    away.catch(() => undefined);
    const t0 = performance.now();
    const parts = buildIndexParts(tokenizer, first, keys);
    const tokensMs = performance.now() - t0;
    const { sealed, blocksMs } = await away;
    return { parts, sealed, spent: { tokensMs, blocksMs } };
  };
}

serveCalls<ImportCalls>({
  peek: (m) => peekFile(m.file, m.encoding, m.rows, m.delimiter),
  async import(m, ctx) {
    const db = new HonbuDb(m.dbName);
    const tokenizer = typeof Worker === 'undefined' ? undefined : await Tokenizer.create(m.keys.bulkIndex);
    try {
      return await runImport(db, m.keys, m.file, m.request, ctx.progress, ctx.signal, tokenizer && remoteSealer(tokenizer));
    } finally {
      // Its key is not kept past the import.
      tokenizer?.forget();
      db.close();
    }
  },
});
