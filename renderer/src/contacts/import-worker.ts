/**
 * The import runs here, off the UI thread: decoding, parsing, checking, tokenising,
 * compressing and sealing a million rows would freeze the window for half a minute.
 * The worker opens its own connection to the workspace database; the keys arrive as
 * non-extractable CryptoKeys (structured clone) plus the derived bulk-index key.
 */
import { HonbuDb } from '../data/db';
import { peekFile, runImport } from './import-pipeline';
import type { IndexRequest, IndexResponse, WorkerRequest, WorkerResponse } from './import-protocol';
import type { ChunkSealer, SealedChunk } from './chunk-seal';
import { packKeys } from './index-build';

const controllers = new Map<number, AbortController>();

let indexWorker: Worker | undefined;
const indexWaiting = new Map<number, { ok: (c: SealedChunk) => void; fail: (e: Error) => void }>();
let indexId = 1;

/** Tokenising and sealing in a second worker, so the import uses both cores. */
function remoteSealer(bulkIndex: Uint8Array): ChunkSealer {
  if (!indexWorker) {
    indexWorker = new Worker(new URL('./index-worker.ts', import.meta.url), { type: 'module' });
    indexWorker.onmessage = (ev: MessageEvent<IndexResponse>) => {
      const w = indexWaiting.get(ev.data.id);
      indexWaiting.delete(ev.data.id);
      if (ev.data.error !== undefined) w?.fail(new Error(ev.data.error));
      else w?.ok({ parts: ev.data.parts, sealed: ev.data.sealed });
    };
  }
  const worker = indexWorker;
  return (first, keys, blocks, dataKey) =>
    new Promise((ok, fail) => {
      const id = indexId++;
      indexWaiting.set(id, { ok, fail });
      const packed = packKeys(keys);
      // The blocks' bytes are moved, not copied.
      worker.postMessage({ id, bulkIndex, first, keys: packed, blocks, dataKey } satisfies IndexRequest, [packed.lengths.buffer, ...blocks.map((b) => b.plain.buffer)]);
    });
}
const post = (m: WorkerResponse) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  try {
    if (msg.type === 'cancel') {
      controllers.get(msg.id)?.abort();
      return;
    }
    if (msg.type === 'peek') {
      post({ type: 'peeked', id: msg.id, peek: await peekFile(msg.file, msg.encoding, msg.rows, msg.delimiter) });
      return;
    }
    const ctl = new AbortController();
    controllers.set(msg.id, ctl);
    const db = new HonbuDb(msg.dbName);
    try {
      const sealer = typeof Worker === 'undefined' ? undefined : remoteSealer(msg.keys.bulkIndex);
      const result = await runImport(db, msg.keys, msg.file, msg.request, (progress) => post({ type: 'progress', id: msg.id, progress }), ctl.signal, sealer);
      post({ type: 'done', id: msg.id, result });
    } finally {
      controllers.delete(msg.id);
      db.close();
    }
  } catch (e) {
    post({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
};
