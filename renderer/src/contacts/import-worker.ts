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
import { type ChunkSealer, transferOf } from './chunk-seal';

let indexWorker: WorkerCalls<IndexCalls> | undefined;

/**
 * Blocks compressed and sealed in a second worker, so the import uses both cores; the keys
 * are tokenised here as the rows are read (decisions 041, 053).
 */
async function remoteSealer(): Promise<ChunkSealer> {
  indexWorker ??= new WorkerCalls<IndexCalls>(() => new Worker(new URL('./index-worker.ts', import.meta.url), { type: 'module' }), {
    name: 'index worker',
    // No error log in a worker: the import fails with this error, and the page reports it.
    report: () => undefined,
  });
  const worker = indexWorker;
  // Started and heard from before the file is read. A worker started from a worker begins
  // only once this thread yields to its event loop, which reading and parsing a file that is
  // already in memory rarely does: the blocks handed over would wait, unsealed, for the first
  // chunk's write. A worker that does not start fails the import at its first hand-over.
  await worker.call('ready', null).catch(() => undefined);
  return (_first, blocks, dataKey) =>
    // The blocks' bytes are moved there, not copied.
    worker.call('seal', { blocks, dataKey }, { transfer: transferOf(blocks) }).catch((e: unknown) => {
      // A crashed second worker fails this import; the next one starts a new worker.
      if (e instanceof WorkerFailed && indexWorker === worker) indexWorker = undefined;
      throw e;
    });
}

serveCalls<ImportCalls>({
  peek: (m) => peekFile(m.file, m.encoding, m.rows, m.delimiter, m.noHeader),
  async import(m, ctx) {
    const db = new HonbuDb(m.dbName);
    try {
      return await runImport(db, m.keys, m.file, m.request, ctx.progress, ctx.signal, typeof Worker === 'undefined' ? undefined : await remoteSealer());
    } finally {
      db.close();
    }
  },
});
