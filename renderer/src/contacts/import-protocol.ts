/** Messages between the import client (UI thread) and the import worker. */
import type { Delimiter, FileEncoding } from '../../../shared/contacts/model';
import type { PlainBlock } from './chunk-seal';
import type { IndexPart, PackedKeys } from './index-build';
import type { ImportKeys, ImportProgress, ImportRequest, ImportResult, Peek } from './import-pipeline';

export type WorkerRequest =
  | { type: 'peek'; id: number; file: Blob; encoding?: FileEncoding; rows?: number; delimiter?: Delimiter }
  | { type: 'import'; id: number; dbName: string; keys: ImportKeys; file: Blob; request: ImportRequest }
  | { type: 'cancel'; id: number };

export type WorkerResponse =
  | { type: 'peeked'; id: number; peek: Peek }
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'done'; id: number; result: ImportResult }
  | { type: 'failed'; id: number; message: string };

/** One chunk for the second worker: its keys to tokenise and its blocks to compress and seal. */
export interface IndexRequest {
  id: number;
  bulkIndex: Uint8Array;
  first: number;
  keys: PackedKeys;
  blocks: PlainBlock[];
  dataKey: CryptoKey;
}

export type IndexResponse = { id: number; parts: IndexPart[]; sealed: Uint8Array[]; error?: undefined } | { id: number; error: string };
