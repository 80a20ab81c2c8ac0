import 'fake-indexeddb/auto';
import { deflateSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactRow } from '../../../shared/contacts/model';
import { Tokenizer } from '../../../shared/contacts/tokens';
import { checkRecord, guessMapping } from '../../../shared/contacts/validate';
import { CsvRecordStream } from '../../../shared/contacts/csv-stream';
import { encodeCsv } from '../../../shared/export/csv';
import { openJson, sealBytes } from '../../../shared/vault/cipher';
import { fromUtf8, utf8 } from '../../../shared/vault/bytes';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { openBlock, packBlock, sealBlock } from './block-codec';
import { ChunkBuilder } from './chunk-builder';
import { type ChunkSealer, type EncodedBlock, localSealer, sealEncoded, transferOf } from './chunk-seal';
import { ContactEngine } from './contact-engine';
import { datasetAad } from './import-commit';
import { runImport } from './import-pipeline';
import { buildIndexParts } from './index-build';
import { blockId, contactTables, type DatasetMeta } from './tables';
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
  it('the bytes handed over are the text of the rows as the browser would encode it, whatever the cells hold', async () => {
    // Lone surrogates and NUL (escaped by JSON), U+2028, a BOM, names outside Shift_JIS.
    const cells = ['\ud800', 'x\udfffy', '\u0000', 'a\u2028b', '\ufeff名', '𠮷田', '髙﨑', '😀', ''];
    const rows: ContactRow[] = Array.from({ length: 2500 }, (_, row) => {
      const c = cells[row % cells.length]!;
      return { row, line: row + 2, customerNo: `K${row}`, name: c, kana: c, postcode: '', address: c, email: '', phone: '', segment: c, extra: [c] };
    });
    const meta: DatasetMeta = { fileName: '', encoding: 'utf-8', header: [], mapping: { fields: {}, extra: [] }, channelOrder: ['post', 'email', 'phone'], maxRetries: 3, segments: [], warnings: [], warningCount: 0, cells: [] };
    const tokenizer = await Tokenizer.create(new Uint8Array(32).fill(7));
    const plain: EncodedBlock[] = [];
    const chunk = new ChunkBuilder('d', meta.channelOrder, [], tokenizer, 0, 10, async (_first, blocks) => {
      plain.push(...blocks);
      return { sealed: blocks.map(() => new Uint8Array(1)) };
    });
    const keys = { no: '', phone: '', email: '', kana: '', postcode: '', name: '', given: '', givenKana: '' };
    for (const r of rows) chunk.add(r, keys);
    const { blocks } = chunk.finish();
    expect(blocks).toEqual([0, 1, 2].map((n) => blockId('d', n)));
    expect(plain.map((b) => b.id)).toEqual(blocks);
    for (const [i, b] of plain.entries()) {
      expect(b.plain).toEqual(new Uint8Array(await new Blob([packBlock(rows.slice(i * 1000, i * 1000 + 1000))]).arrayBuffer()));
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
      // As index-worker.ts receives it: the blocks' bytes moved in a message.
      const viaMessages: ChunkSealer = async (_first, blocks, dataKey) => {
        const received = structuredClone(blocks, { transfer: transferOf(blocks) });
        // Moved, not copied: the import worker keeps no bytes of them.
        expect(blocks.every((b) => b.plain.byteLength === 0)).toBe(true);
        return { sealed: await sealEncoded(received, dataKey) };
      };
      // As before: fflate sealing of the same rows.
      const before: ChunkSealer = async (_first, blocks, dataKey) => ({
        sealed: await Promise.all(blocks.map(async (b) => {
          const packed = JSON.parse(fromUtf8(b.plain)) as unknown[][];
          const rowsOf = packed.map(([line, customerNo, name, kana, postcode, address, email, phone, segment, extra], i) => ({ row: i, line, customerNo, name, kana, postcode, address, email, phone, segment, extra }) as ContactRow);
          return sealedBefore(dataKey, b.id, rowsOf);
        })),
      });
      const stored = [];
      // One workspace (the same keys), three lists.
      const { db, engine } = await setup();
      for (const sealer of [viaMessages, before, localSealer]) {
        const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, commitRows }, undefined, undefined, sealer);
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
      // The index, built block by block as the rows are read, is every row's keys tokenised at
      // once, segments joined in chunk order (decision 053).
      const records = new CsvRecordStream().push(csvText(rows), true);
      const width = records[0]!.cells.length;
      const keys = records.slice(1).map((r, i) => checkRecord(r.cells, width, mapping, r.line, i).keys!);
      const want = buildIndexParts(await Tokenizer.create(engine.importKeys.bulkIndex), 0, keys).map((p) => [`${p.kind}|${p.bucket.toString(16).padStart(2, '0')}|`, [...p.entries]]);
      const got = new Map<string, number[]>();
      for (const [id, entries] of [...stored[0]!.index].sort((a, b) => String(a[0]).localeCompare(String(b[0])))) {
        const part = String(id).slice(1, String(id).lastIndexOf('|') + 1);
        got.set(part, [...(got.get(part) ?? []), ...(entries as number[])]);
      }
      expect(want.length).toBeGreaterThan(8);
      expect([...got].sort()).toEqual(want.sort());
    }
  });
});
