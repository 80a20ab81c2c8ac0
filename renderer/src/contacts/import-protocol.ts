/** Calls between the import client (UI thread), the import worker and its second worker (data/worker-calls.ts). */
import type { Delimiter, FileEncoding } from '../../../shared/contacts/model';
import type { EncodedBlock } from './chunk-seal';
import type { ImportKeys, ImportProgress, ImportRequest, ImportResult, Peek } from './import-pipeline';

export type ImportCalls = {
  peek: { args: { file: Blob; encoding?: FileEncoding; rows?: number; delimiter?: Delimiter; noHeader?: boolean }; result: Peek };
  /** Cancelled by the caller's signal (the rows are discarded); a lock ends the worker instead. */
  import: { args: { dbName: string; keys: ImportKeys; file: Blob; request: ImportRequest }; result: ImportResult; progress: ImportProgress };
};

/** One chunk's blocks for the second worker to compress and seal. */
export interface SealRequest {
  blocks: EncodedBlock[];
  dataKey: CryptoKey;
}

export type IndexCalls = {
  seal: { args: SealRequest; result: { sealed: Uint8Array[]; blocksMs: number } };
  /** Answers once the worker runs: the import waits for it before reading (decision 054). */
  ready: { args: null; result: true };
};
