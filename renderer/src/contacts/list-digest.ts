/**
 * Reading a list's stored records a page at a time, and the digest of its sealed row blocks
 * that the import event signs (list-pack.ts `blocksDigest`). Apart from list-share.ts so the
 * engine can sign the digest without importing the sharing code that uses the engine.
 */
import type { Table } from 'dexie';
import { blocksDigest } from '../../../shared/contacts/list-pack';
import type { BlockRecord } from './tables';

/** Reads a dataset's records of one table in key order, a page at a time (a million-row list does not fit a single read). */
export async function* pages<T extends { id: string }>(table: Table<T, string>, prefix: string, size: number): AsyncGenerator<T[]> {
  let from = prefix;
  let inclusive = true;
  for (;;) {
    const page = await table.where(':id').between(from, `${prefix}\uffff`, inclusive, true).limit(size).toArray();
    if (page.length === 0) return;
    yield page;
    from = page.at(-1)!.id;
    inclusive = false;
  }
}

/** The digest of a list's sealed row blocks as stored here (list-pack.ts `blocksDigest`). */
export async function storedBlocksDigest(tables: { blocks: Table<BlockRecord, string> }, datasetId: string): Promise<string> {
  async function* sealed() {
    for await (const page of pages<BlockRecord>(tables.blocks, `${datasetId}:`, 50)) for (const b of page) yield b.sealed as Uint8Array<ArrayBuffer>;
  }
  return blocksDigest(sealed());
}
