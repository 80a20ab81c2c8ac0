/**
 * Attacks on the duplicates pass (markDuplicates: pairs in RowPairs, rows opened block by block
 * in row order — the first rows', then the later rows' — the first MAX_LISTED_ISSUES warnings
 * made and all counted), from
 * outside: real imports on fake-indexeddb with commitRows 1000 (a block per 1,000 rows, so
 * many blocks), and the pass alone over an index made here. Everything is checked against
 * what the file's lines say (an oracle that reads the lines), never against the code.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { ContactRow, ImportIssue } from '../../../shared/contacts/model';
import { guessMapping, MAX_LISTED_ISSUES } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import type { HonbuDb } from '../data/db';
import type { ContactEngine } from './contact-engine';
import { runImport } from './import-pipeline';
import { contactTables } from './tables';
import { customer, HEADER } from './test-data';
import { dropTestDatabases, openTestEngine } from './test-engine';
import { xorshift32 } from './test-random';
import { DUP_CELL, excludedRows, mostOpens, num, orderedLoads, retyped, rowsOf, runPass, type Tok, tokenizer, truth } from './test-duplicates';
import { failOnUnhandledRejections } from './test-unhandled';

/**
 * openBlock: the real one for real imports (each call recorded: dataset, block), rows given in
 * clear for the lists of the fake tables below (`fakeLists`).
 */
const hoisted = vi.hoisted(() => ({ fakeLists: new Map<string, string[]>(), opened: [] as [string, number][] }));
vi.mock('./block-codec', async (importOriginal) => {
  const real = await importOriginal<typeof import('./block-codec')>();
  return {
    ...real,
    openBlock: async (key: CryptoKey, id: string, sealed: Uint8Array, firstRow: number): Promise<ContactRow[]> => {
      const datasetId = id.slice(0, id.lastIndexOf(':'));
      hoisted.opened.push([datasetId, Number(id.slice(id.lastIndexOf(':') + 1))]);
      const nos = hoisted.fakeLists.get(datasetId);
      if (!nos) return real.openBlock(key, id, sealed, firstRow);
      const out: ContactRow[] = [];
      for (let row = firstRow; row < Math.min(nos.length, firstRow + 1000); row++) {
        out.push({ row, line: row + 2, customerNo: nos[row]!, name: '', kana: '', postcode: '', address: '', email: '', phone: '', segment: '', extra: [] });
      }
      return out;
    },
  };
});
const { fakeLists, opened } = hoisted;

afterEach(dropTestDatabases);
afterEach(() => {
  fakeLists.clear();
  opened.length = 0;
});
failOnUnhandledRejections();

const mapping = guessMapping(HEADER.split(','));
/** A line of the file: a customer (its number, maybe a note over several lines, maybe a phone that is no phone), or a line of separators only. */
type Entry = { no: string; note?: string; phone?: string } | 'blank';
interface Built {
  file: Blob;
  /** Per row (blank lines are not rows): its number as written and the file line it starts on. */
  rows: { no: string; line: number }[];
  /** Warnings the lines themselves give (blank lines, phones that are none), apart from duplicates. */
  otherWarnings: number;
}
function build(entries: Entry[]): Built {
  const lines = [HEADER];
  const rows: Built['rows'] = [];
  let line = 2;
  let otherWarnings = 0;
  entries.forEach((e, i) => {
    if (e === 'blank') {
      lines.push(',,,,,,,,');
      otherWarnings++;
      line += 1;
      return;
    }
    const c = customer(i);
    const note = e.note ?? '';
    if (e.phone !== undefined) otherWarnings++;
    lines.push([e.no, c.name, c.kana, c.postcode, c.address, c.email, e.phone ?? c.phone, c.segment, note.includes('\r\n') ? `"${note}"` : note].join(','));
    rows.push({ no: e.no, line });
    line += 1 + (note.match(/\r\n/g)?.length ?? 0);
  });
  return { file: new Blob([encodeCsv(lines.join('\r\n') + '\r\n', 'utf-8-bom')]), rows, otherWarnings };
}
const plain = (nos: string[]): Entry[] => nos.map((no) => ({ no }));

async function stage(engine: ContactEngine, db: HonbuDb, b: Built, extra: { commitRows?: number; stopAfterRows?: number; resumeId?: string } = {}) {
  return runImport(db, engine.importKeys, b.file, { incidentId: 'inc', mapping, fileName: 'list.csv', commitRows: 1000, ...extra });
}
async function staged(engine: ContactEngine, db: HonbuDb, b: Built, extra: { commitRows?: number; stopAfterRows?: number; resumeId?: string } = {}) {
  const r = await stage(engine, db, b, extra);
  if (!r.ok) throw new Error(JSON.stringify({ ...r, timings: undefined }).slice(0, 2000));
  return r;
}
const dupWarnings = (ws: ImportIssue[]) => ws.filter((w) => w.code === 'customer-no-duplicated').map((w) => [w.line, w.firstLine]);

/** The stored meta of a staged list: its warnings, their count, and its cells summed over segments. */
async function storedMeta(engine: ContactEngine, db: HonbuDb, datasetId: string) {
  const meta = await engine.meta((await contactTables(db).datasets.get(datasetId))!);
  const cells = new Array<number>(TOTAL_CELLS).fill(0);
  meta.cells!.forEach((n, i) => (cells[i % TOTAL_CELLS]! += n));
  return { meta, cells };
}

/** The full check of a staged import against the file's lines. */
async function expectAsTheLinesSay(engine: ContactEngine, db: HonbuDb, b: Built, r: Awaited<ReturnType<typeof staged>>) {
  const want = truth(b.rows);
  expect(r.rows).toBe(b.rows.length);
  expect(r.duplicates).toBe(want.length);
  const listed = dupWarnings(r.warnings);
  expect(listed.length).toBe(Math.min(MAX_LISTED_ISSUES, want.length));
  // The first MAX_LISTED_ISSUES in line order, each against the line its number was first given on.
  expect(listed).toEqual(want.slice(0, MAX_LISTED_ISSUES).map((p) => [p.line, p.firstLine]));
  expect(r.warningCount).toBe(want.length + b.otherWarnings);
  expect(r.warnings.length).toBe(Math.min(MAX_LISTED_ISSUES, want.length + b.otherWarnings));
  // Every later row starts excluded, the listed ones and the counted ones alike; no first row.
  expect(await excludedRows(db, r.datasetId)).toEqual(want.map((p) => p.row));
  const { meta, cells } = await storedMeta(engine, db, r.datasetId);
  expect(meta.warningCount).toBe(r.warningCount);
  expect(meta.warnings).toEqual(r.warnings);
  expect(cells.reduce((a, n) => a + n, 0)).toBe(b.rows.length);
  expect(cells[DUP_CELL]).toBe(want.length);
  return want;
}

/** No block opened more than twice. */
const atMostTwice = (loads: number[]) => mostOpens(loads) <= 2;

describe('the cap of listed duplicates, through real imports (commitRows 1000)', () => {
  it('exactly 1,000 duplicates, in every width and case: all 1,000 listed, 1,000 counted, 1,000 excluded', async () => {
    const { db, engine } = await openTestEngine();
    const nos = Array.from({ length: 2000 }, (_, i) => (i < 1000 ? num(i) : retyped(num(1999 - i), i, 6)));
    const b = build(plain(nos));
    const r = await staged(engine, db, b);
    const want = await expectAsTheLinesSay(engine, db, b, r);
    expect(want.length).toBe(1000);
  });

  it('1,001 duplicates: the first 1,000 in line order listed, the 1,001st (the last line) counted and excluded but not listed', async () => {
    const { db, engine } = await openTestEngine();
    const nos = Array.from({ length: 2002 }, (_, i) => (i <= 1000 ? num(i) : retyped(num(i - 1001), i, 6)));
    const b = build(plain(nos));
    const r = await staged(engine, db, b);
    const want = await expectAsTheLinesSay(engine, db, b, r);
    expect(want.length).toBe(1001);
    expect(dupWarnings(r.warnings).some(([line]) => line === 2003)).toBe(false);
    expect(await excludedRows(db, r.datasetId)).toContain(2001);
  });

  it('999 duplicates after lines with other warnings (blank lines, phones that are none): the count is all of them, the list 1,000', async () => {
    const { db, engine } = await openTestEngine();
    const entries: Entry[] = [];
    for (let i = 0; i < 999; i++) entries.push({ no: num(i), ...(i % 100 === 0 ? { phone: '電話なし' } : {}) });
    for (let i = 0; i < 5; i++) entries.push('blank');
    for (let i = 0; i < 999; i++) entries.push({ no: retyped(num(i), i, 6) });
    const b = build(entries);
    const r = await staged(engine, db, b);
    await expectAsTheLinesSay(engine, db, b, r);
    expect(b.otherWarnings).toBe(15);
    // The duplicates come first in the report, then the others as far as room is left (one).
    expect(r.warnings.slice(999).map((w) => w.code)).toEqual(['phone-invalid']);
  });

  it('one number on every one of 12,000 lines (12 chunks, 12 blocks, six ways of writing it): 11,999 counted and excluded, lines 3–1002 listed against line 2', async () => {
    const { db, engine } = await openTestEngine();
    const b = build(plain(Array.from({ length: 12_000 }, (_, i) => retyped('ZX-0042', i, 6))));
    const r = await staged(engine, db, b);
    await expectAsTheLinesSay(engine, db, b, r);
    expect(dupWarnings(r.warnings)).toEqual(Array.from({ length: 1000 }, (_, i) => [i + 3, 2]));
  });

  it('two numbers alternating on 6,000 lines (the first row changes at every pair): 5,998 counted, each against its own first line', async () => {
    const { db, engine } = await openTestEngine();
    const b = build(plain(Array.from({ length: 6000 }, (_, i) => retyped(i % 2 ? 'B-77' : 'A-77', i >> 1, 6))));
    const r = await staged(engine, db, b);
    await expectAsTheLinesSay(engine, db, b, r);
    expect(dupWarnings(r.warnings).slice(0, 4)).toEqual([
      [4, 2],
      [5, 3],
      [6, 2],
      [7, 3],
    ]);
  });

  it('first rows in 70 different blocks, repeated later in a cycle of 70: as the lines say, each block opened at most twice (an LRU of 64 blocks, tried first, opened over 1,300)', async () => {
    const { db, engine } = await openTestEngine();
    const F = (k: number) => `F${String(k).padStart(4, '0')}`;
    const nos: string[] = [];
    for (let row = 0; row < 70_000; row++) {
      const k = Math.floor(row / 1000);
      // Each block's first given number at a different place in it (its first and last rows too).
      nos.push(row % 1000 === (k * 137) % 1000 ? F(k) : num(row));
    }
    // In block 69, five of the first blocks' numbers again (their blocks long since the least used).
    for (let k = 0; k < 5; k++) nos[69_500 + k] = retyped(F(k), k, 6);
    // In block 30 (the second status record) five more, and two either side of the first status record's end.
    for (let k = 0; k < 5; k++) nos[30_100 + k] = retyped(F(10 + k), k + 1, 6);
    nos[24_999] = retyped(F(1), 3, 6);
    nos[25_000] = retyped(F(2), 5, 6);
    // Then 2,100 lines cycling through the 70 numbers (every 11th a number of its own: 11 and 70 have no common factor, so all 70 come back).
    for (let j = 0; j < 2100; j++) nos.push(j % 11 === 10 ? num(100_000 + j) : retyped(F(j % 70), j, 6));
    const b = build(plain(nos));
    const r = await staged(engine, db, b);
    const want = await expectAsTheLinesSay(engine, db, b, r);
    expect(want.length).toBe(5 + 5 + 2 + 2100 - 190);
    const mine = opened.filter(([id]) => id === r.datasetId).map(([, block]) => block);
    expect(mine).toEqual(orderedLoads(want));
    expect(atMostTwice(mine)).toBe(true);
    expect(mine.length).toBeLessThanOrEqual(2 * 73);
  });

  it('blank lines and notes over several lines, so lines are not rows + 2: the lines listed are the file’s, beyond the cap too', async () => {
    const { db, engine } = await openTestEngine();
    const next = xorshift32(4242);
    const entries: Entry[] = [];
    for (let i = 0; i < 4000; i++) {
      if (i % 13 === 5) entries.push('blank');
      const note = i % 11 === 3 ? '一行目\r\n二行目\r\n三行目' : i % 17 === 0 ? '備考' : undefined;
      entries.push({ no: retyped(num(next() % 1500), next(), 6), ...(note ? { note } : {}) });
    }
    const b = build(entries);
    const r = await staged(engine, db, b);
    const want = await expectAsTheLinesSay(engine, db, b, r);
    expect(want.length).toBeGreaterThan(2000);
    // Lines and rows do part: the 1,000th listed is far past row 1,000 + 2.
    expect(want[999]!.line).toBeGreaterThan(want[999]!.row + 2 + 100);
  });

  it('interrupted after 3,000 rows and resumed: duplicates on both sides of the break counted once, the count and the list exact', async () => {
    const { db, engine } = await openTestEngine();
    const next = xorshift32(99);
    const entries: Entry[] = Array.from({ length: 6500 }, (_, i) => ({ no: retyped(num(next() % 2500), i, 6), ...(i % 500 === 7 ? { phone: 'x' } : {}) }));
    const b = build(entries);
    const killed = await stage(engine, db, b, { stopAfterRows: 3000 });
    expect(killed).toMatchObject({ ok: false, reason: 'interrupted' });
    const [u] = await engine.unfinishedImports('inc');
    const r = await staged(engine, db, b, { resumeId: u!.id });
    expect(r.resumedFrom).toBe(3000);
    await expectAsTheLinesSay(engine, db, b, r);
  });

  it('another list of the incident sharing customers, this one with 3,000 duplicates: overlaps counted by customer, duplicates as the lines say', async () => {
    const { db, engine } = await openTestEngine();
    const other = build(plain(Array.from({ length: 1500 }, (_, i) => retyped(num(i * 2), i, 6))));
    const o = await staged(engine, db, other);
    await engine.commitImport(o.datasetId);
    const nos = Array.from({ length: 4000 }, (_, i) => retyped(num(i % 1000), i, 6));
    const b = build(plain(nos));
    const r = await staged(engine, db, b);
    await expectAsTheLinesSay(engine, db, b, r);
    expect(r.overlaps).toEqual([{ datasetId: o.datasetId, customers: 500 }]);
  });

  it('this list’s own index record damaged before the pass (found on resume): the import stops with IndexDamagedError, nothing staged', async () => {
    const { db, engine } = await openTestEngine();
    const b = build(plain(Array.from({ length: 3000 }, (_, i) => num(i % 1200))));
    const killed = await stage(engine, db, b, { stopAfterRows: 2000 });
    expect(killed).toMatchObject({ ok: false, reason: 'interrupted' });
    const [u] = await engine.unfinishedImports('inc');
    const t = contactTables(db);
    const victim = (await t.index.where(':id').startsWith(`${u!.id}|no|`).toArray())[10]!;
    await t.index.put({ ...victim, packed: new Uint8Array([1, 9, 9, 9, 9, 0]) });
    await expect(stage(engine, db, b, { resumeId: u!.id })).rejects.toThrow(/needs rebuilding/);
    expect((await t.datasets.get(u!.id))?.state).toBe('importing');
  });
});

// ---------------------------------------------------------------------------------------------
// The pass alone, over an index made here (rows given in clear by the openBlock above).
// ---------------------------------------------------------------------------------------------

async function pass(nos: string[], tok: Tok, opts: { chunkRows?: number; missingBlocks?: Set<number> } = {}) {
  fakeLists.set('mine', nos);
  return runPass('mine', nos, tok, opts);
}

describe('the pass alone, at sizes and shapes an import on fake-indexeddb is too slow for', () => {
  it('300,000 lines of one number (STATUS_ROWS edges, 300 blocks): 299,999 counted and excluded, lines 3–1002 listed, two blocks opened at a time', async () => {
    const nos = Array.from({ length: 300_000 }, (_, i) => (i % 3 ? 'N1' : 'ｎ１'));
    const r = await pass(nos, tokenizer(1), { chunkRows: 50_000 });
    expect(r.duplicates).toBe(299_999);
    expect(r.issues.map((i) => [i.line, i.firstLine])).toEqual(Array.from({ length: 1000 }, (_, i) => [i + 3, 2]));
    expect(r.excluded.length).toBe(299_999);
    expect(r.excluded[0]).toBe(1);
    expect(r.excluded.at(-1)).toBe(299_999);
    expect(r.statuses.length).toBe(12);
    expect(r.cells[DUP_CELL]).toBe(299_999);
    expect(r.cells.reduce((a, n) => a + n, 0)).toBe(300_000);
    // Each block opened once: the later rows come in order, the first stays open.
    expect(opened.map(([, b]) => b)).toEqual(Array.from({ length: 300 }, (_, b) => b));
  });

  it('120 numbers first given in 120 blocks, then each repeated about 30 times in a random order: as the lines say, each block opened at most twice', async () => {
    const next = xorshift32(31337);
    const nos = Array.from({ length: 120_000 }, (_, i) => (i % 1000 === 999 - ((i / 1000) | 0) ? `P${(i / 1000) | 0}` : num(i)));
    for (let j = 0; j < 3600; j++) nos.push(retyped(`P${next() % 120}`, next(), 6));
    const r = await pass(nos, tokenizer(2));
    const want = truth(rowsOf(nos));
    expect(r.duplicates).toBe(want.length);
    expect(r.issues.map((i) => [i.line, i.firstLine])).toEqual(want.slice(0, 1000).map((p) => [p.line, p.firstLine]));
    expect(r.excluded).toEqual(want.map((p) => p.row));
    const loads = opened.map(([, b]) => b);
    expect(loads).toEqual(orderedLoads(want));
    expect(atMostTwice(loads)).toBe(true);
  });

  it('63 and 64 blocks of first rows, then 640 repeats: each block opened once for the first rows and once for the repeats, whatever their number', async () => {
    for (const firstBlocks of [63, 64]) {
      opened.length = 0;
      const nos = Array.from({ length: firstBlocks * 1000 }, (_, i) => (i % 1000 === 0 ? `Q${i / 1000}` : num(i)));
      for (let j = 0; j < 640; j++) nos.push(`Q${j % firstBlocks}`);
      const r = await pass(nos, tokenizer(3));
      expect(r.duplicates).toBe(640);
      const loads = opened.map(([, b]) => b);
      expect(loads).toEqual(orderedLoads(truth(rowsOf(nos))));
      // The first rows' blocks 0 … n-1, then the repeats' block.
      expect(loads).toEqual([...Array.from({ length: firstBlocks }, (_, b) => b), firstBlocks]);
      fakeLists.clear();
    }
  });

  it('token collisions ahead of the cap: pairs whose numbers differ are neither listed nor counted, and do not use up the 1,000', async () => {
    // 'K1' and 'L1' share a token; 1,200 lines of L1 before 1,100 of K1, all after one K1.
    const tok = tokenizer(4, (no) => (no === 'K1' || no === 'L1' ? [0x44000044, 0x1234] : undefined));
    const nos = ['K1', ...Array.from({ length: 1200 }, () => 'L1'), ...Array.from({ length: 1100 }, (_, i) => retyped('K1', i, 6))];
    const r = await pass(nos, tok);
    // Every later K1 is confirmed against row 0; the L1 lines against K1 are not — and so the L1
    // lines repeating each other are not reported either (the table keeps one row a token). A
    // gap in the safe direction: nobody is left out of contact by it, and 64-bit tokens of 20M
    // numbers collide with a chance of about 1 in 100,000 (decision 071).
    expect(r.duplicates).toBe(1100);
    expect(r.issues.map((i) => [i.line, i.firstLine])).toEqual(Array.from({ length: 1000 }, (_, i) => [1203 + i, 2]));
    expect(r.excluded).toEqual(Array.from({ length: 1100 }, (_, i) => 1201 + i));
  });

  it('a block of a first row missing from the table (a damaged store): the pass fails, it does not count a wrong number', async () => {
    const nos = Array.from({ length: 5000 }, (_, i) => (i < 2500 ? num(i) : num(i - 2500)));
    await expect(pass(nos, tokenizer(6), { missingBlocks: new Set([1]) })).rejects.toThrow();
  });
});
