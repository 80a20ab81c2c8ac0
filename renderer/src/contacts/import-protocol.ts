/** Calls between the import client (UI thread), the import worker and its second worker (data/worker-calls.ts). */
import type { Delimiter, FileEncoding } from '../../../shared/contacts/model';
import type { PlainBlock, SealedChunk } from './chunk-seal';
import type { PackedKeys } from './index-build';
import type { ImportKeys, ImportProgress, ImportRequest, ImportResult, Peek } from './import-pipeline';

export type ImportCalls = {
  peek: { args: { file: Blob; encoding?: FileEncoding; rows?: number; delimiter?: Delimiter }; result: Peek };
  /** Cancelled by the caller's signal (the rows are discarded); a lock ends the worker instead. */
  import: { args: { dbName: string; keys: ImportKeys; file: Blob; request: ImportRequest }; result: ImportResult; progress: ImportProgress };
};

/** One chunk for the second worker: its keys to tokenise and its blocks to compress and seal. */
export interface IndexRequest {
  bulkIndex: Uint8Array;
  first: number;
  keys: PackedKeys;
  blocks: PlainBlock[];
  dataKey: CryptoKey;
}

export type IndexCalls = { seal: { args: IndexRequest; result: SealedChunk } };
