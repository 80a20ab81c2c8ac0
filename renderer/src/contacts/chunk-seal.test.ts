import 'fake-indexeddb/auto';
import { deflateSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactRow } from '../../../shared/contacts/model';
import { Tokenizer } from '../../../shared/contacts/tokens';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { openJson, sealBytes } from '../../../shared/vault/cipher';
import { utf8 } from '../../../shared/vault/bytes';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { openBlock, sealBlock } from './block-codec';
import { type ChunkSealer, encodeForSealing, localSealer, sealEncoded } from './chunk-seal';
import { ContactEngine } from './contact-engine';
import { datasetAad } from './import-commit';
import { runImport } from './import-pipeline';
import { buildIndexParts } from './index-build';
import { contactTables, type DatasetMeta } from './tables';
import { csvText, HEADER } from './test-data';
import { storedEntries } from './index-codec';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup() {
  const db = new HonbuDb(`contacts-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: 'A' }, { cost: TEST_KDF_COST });
  return { db, engine: await ContactEngine.open(ws.store) };
}

let seed = 7;
const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
const text = (n: number) => Array.from({ length: n }, () => '山田花子ヤマダ0123456789abc@-,"\n 髙𠮷'[rnd(26)]).join('');
const randomRows = (n: number): ContactRow[] =>
  Array.from({ length: n }, (_, row) => ({
    row, line: row + 2, customerNo: `K${rnd(1e6)}`, name: text(rnd(12)), kana: text(rnd(12)), postcode: text(rnd(8)), address: text(rnd(40)),
    email: text(rnd(20)), phone: text(rnd(13)), segment: text(rnd(4)), extra: Array.from({ length: rnd(3) }, () => text(rnd(30))),
  }));

/** The sealing as it was before decision 021: fflate at level 4 in the import worker. */
async function sealedBefore(key: CryptoKey, id: string, rows: ContactRow[]) {
  const packed = rows.map((r) => [r.line, r.customerNo, r.name, r.kana, r.postcode, r.address, r.email, r.phone, r.segment, r.extra]);
  return sealBytes(key, deflateSync(utf8(JSON.stringify(packed)), { level: 4 }) as Uint8Array<ArrayBuffer>, `contact-blocks:${id}`);
}

describe('sealing blocks in the second worker', () => {
  it('the bytes handed over are the text as the browser would encode it, whatever the cells hold', async () => {
    // Lone surrogates and NUL (escaped by JSON), U+2028, a BOM, names outside Shift_JIS.
    const cells = ['\ud800', 'x\udfffy', '\u0000', 'a\u2028b', '\ufeff名', '𠮷田', '髙﨑', '😀', ''];
    const blocks = cells.map((c, i) => ({ id: `d:${i}`, plain: JSON.stringify([[i, c, c, c, '', '', '', '', '', [c]]]) }));
    const { blocks: encoded } = encodeForSealing(blocks);
    for (const [i, b] of encoded.entries()) {
      expect(b.plain).toEqual(new Uint8Array(await new Blob([blocks[i]!.plain]).arrayBuffer()));
      // Each block in a buffer of its own (moving one must not empty another).
      expect(b.plain.byteLength).toBe(b.plain.buffer.byteLength);
    }
  });

  it('a block sealed now and one sealed the old way open to the same rows', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    for (const n of [1, 7, 1000]) {
      const rows = randomRows(n);
      const now = await openBlock(key, 'd:1', await sealBlock(key, 'd:1', rows), 0);
      const before = await openBlock(key, 'd:1', await sealedBefore(key, 'd:1', rows), 0);
      expect(now).toEqual(rows);
      expect(before).toEqual(rows);
      // Bound to its id as before.
      await expect(openBlock(key, 'd:2', await sealBlock(key, 'd:1', rows), 0)).rejects.toThrow();
    }
  });

  it('an import sealed through the worker messages stores what the old in-thread path stored', async () => {
    for (const [rows, commitRows] of [[1, 1000], [2345, 1000], [4100, 2000]] as const) {
      const file = new Blob([encodeCsv(csvText(rows), 'shift_jis')]);
      const mapping = guessMapping(HEADER.split(','));
      // As index-worker.ts receives it: the blocks encoded, their bytes moved in a message
      // (keys tokenised in the import worker).
      const viaMessages = (tok: Tokenizer): ChunkSealer => async (first, keys, blocks, dataKey) => {
        const encoded = encodeForSealing(blocks);
        const received = structuredClone(encoded.blocks, { transfer: encoded.transfer });
        // Moved, not copied: the import worker keeps no bytes of them.
        expect(encoded.blocks.every((b) => b.plain.byteLength === 0)).toBe(true);
        return { parts: buildIndexParts(tok, first, keys), sealed: await sealEncoded(received, dataKey) };
      };
      // As before: tokens and fflate sealing of the same rows.
      const before = (tok: Tokenizer): ChunkSealer => async (first, keys, blocks, dataKey) => ({
        parts: buildIndexParts(tok, first, keys),
        sealed: await Promise.all(blocks.map(async (b) => {
          const packed = JSON.parse(b.plain) as unknown[][];
          const rowsOf = packed.map(([line, customerNo, name, kana, postcode, address, email, phone, segment, extra], i) => ({ row: i, line, customerNo, name, kana, postcode, address, email, phone, segment, extra }) as ContactRow);
          return sealedBefore(dataKey, b.id, rowsOf);
        })),
      });
      const stored = [];
      // One workspace (the same keys), three lists.
      const { db, engine } = await setup();
      for (const make of [viaMessages, before, localSealer]) {
        const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, commitRows }, undefined, undefined, make(await Tokenizer.create(engine.importKeys.bulkIndex)));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const t = contactTables(db);
        const ds = (await t.datasets.get(r.datasetId))!;
        const meta = await openJson<DatasetMeta>(engine.importKeys.data, ds.sealed, datasetAad(ds.id));
        const blocks = await t.blocks.where('datasetId').equals(r.datasetId).sortBy('block');
        const opened = await Promise.all(blocks.map((b) => openBlock(engine.importKeys.data, b.id, b.sealed, b.block * 1000)));
        const index = (await t.index.where('datasetId').equals(r.datasetId).toArray()).map((x) => [x.id.slice(r.datasetId.length), [...storedEntries(x)!]]);
        const status = (await t.status.where('datasetId').equals(r.datasetId).sortBy('block')).map((s) => [s.block, [...s.avail], [...s.segment], [...s.words]]);
        stored.push({ rows: opened.flat(), index, status, cells: meta.cells, warnings: meta.warningCount, state: ds.state, committed: ds.committedRows });
      }
      expect(stored[0]!.rows).toHaveLength(rows);
      expect(stored[0]).toEqual(stored[1]);
      expect(stored[2]).toEqual(stored[1]);
    }
  });
});
