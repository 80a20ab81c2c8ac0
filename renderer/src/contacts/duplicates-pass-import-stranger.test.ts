/**
 * Attacks on the end-of-import pass over customer numbers (markDuplicates, decision 071) through
 * real imports on fake-indexeddb: numbers given three or more times across several import
 * chunks (commitRows 1000), typed in full width, lower case or with spaces; one number on
 * every line; other lists of the incident holding numbers several times, merged, or with a
 * damaged index. Checked against what the file's lines say, not against the code.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AVAIL_DUPLICATE } from '../../../shared/contacts/fallback';
import { normalizeCustomerNo } from '../../../shared/contacts/normalize';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import type { HonbuDb } from '../data/db';
import type { ContactEngine } from './contact-engine';
import { runImport } from './import-pipeline';
import { mergeDataset } from './index-merge';
import { contactTables, STATUS_ROWS } from './tables';
import { customer, HEADER } from './test-data';
import { xorshift32 } from './test-random';
import { dropTestDatabases, openTestEngine } from './test-engine';
import { failOnUnhandledRejections } from './test-unhandled';

afterEach(dropTestDatabases);
failOnUnhandledRejections();

const mapping = guessMapping(HEADER.split(','));
const num = (i: number) => `C${String(i).padStart(7, '0')}`;
/** The same number as a person might type it again: full width, lower case, spaces. */
function variant(no: string, k: number): string {
  switch (k % 5) {
    case 1:
      return no.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case 2:
      return no.toLowerCase();
    case 3:
      return ` ${no.slice(0, 3)} ${no.slice(3)}\u3000`;
    case 4:
      return no.toLowerCase().replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    default:
      return no;
  }
}
/** A file of one line per number (a customer's other fields from test-data), no multi-line cells: line = row + 2. */
const fileOf = (nos: string[]) => {
  const lines = nos.map((no, i) => {
    const c = customer(i);
    return [no, c.name, c.kana, c.postcode, c.address, c.email, c.phone, c.segment, ''].join(',');
  });
  return new Blob([encodeCsv([HEADER, ...lines].join('\r\n') + '\r\n', 'utf-8-bom')]);
};

/** What the lines say: each later line with a number given before, against the first line. */
function expectedPairs(nos: string[]): [number, number][] {
  const first = new Map<string, number>();
  const out: [number, number][] = [];
  nos.forEach((no, row) => {
    const k = normalizeCustomerNo(no);
    const f = first.get(k);
    if (f === undefined) first.set(k, row);
    else out.push([row + 2, f + 2]);
  });
  return out;
}
function sharedCount(mine: string[], theirs: string[]): number {
  const t = new Set(theirs.map(normalizeCustomerNo));
  return new Set(mine.map(normalizeCustomerNo).filter((n) => t.has(n))).size;
}

async function stage(engine: ContactEngine, db: HonbuDb, nos: string[], commitRows = 1000) {
  const r = await runImport(db, engine.importKeys, fileOf(nos), { incidentId: 'inc', mapping, fileName: `list-${nos.length}.csv`, commitRows });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r;
}
const dupsOf = (r: { warnings: { code: string; line: number; firstLine?: number }[] }) => r.warnings.filter((w) => w.code === 'customer-no-duplicated').map((w) => [w.line, w.firstLine]);

/** Rows whose status starts excluded as a duplicate. */
async function excludedRows(db: HonbuDb, datasetId: string, rows: number): Promise<number[]> {
  const t = contactTables(db);
  const out: number[] = [];
  for (let block = 0; block * STATUS_ROWS < rows; block++) {
    const s = (await t.status.where('datasetId').equals(datasetId).toArray()).find((r) => r.block === block)!;
    for (let i = 0; i < s.avail.length; i++) if (s.avail[i]! & AVAIL_DUPLICATE) out.push(block * STATUS_ROWS + i);
  }
  return out;
}

describe('duplicated customer numbers through an import', () => {
  it('numbers given 3–5 times across four chunks, in other widths and cases, the first not always the plainest: each later line against the first', async () => {
    const { db, engine } = await openTestEngine();
    const next = xorshift32(71);
    // 150 numbers given 3–5 times at random rows of 3,200 (so in every chunk, some first seen in a
    // later chunk), every other line a number of its own.
    const nos = Array.from({ length: 3200 }, (_, i) => num(100_000 + i));
    for (let n = 0; n < 150; n++) {
      const times = 3 + (n % 3);
      for (let k = 0; k < times; k++) nos[next() % nos.length] = variant(num(n), next());
    }
    const r = await stage(engine, db, nos);
    // Four chunks: most buckets of 'no' hold several segments.
    expect(await contactTables(db).index.where(':id').startsWith(`${r.datasetId}|no|`).count()).toBeGreaterThan(3 * 256);
    const want = expectedPairs(nos);
    expect(want.length).toBeGreaterThan(300);
    expect(r.duplicates).toBe(want.length);
    expect(dupsOf(r)).toEqual(want);
    expect(await excludedRows(db, r.datasetId, nos.length)).toEqual(want.map(([line]) => line - 2));
  });

  it('one number on every one of 2,500 lines (three chunks, three widths): 2,499 reported, all against line 2', async () => {
    const { db, engine } = await openTestEngine();
    const nos = Array.from({ length: 2500 }, (_, i) => variant('AB12', i));
    const r = await stage(engine, db, nos);
    expect(r.duplicates).toBe(2499);
    const dups = dupsOf(r);
    // The report lists the first MAX_LISTED_ISSUES (1,000) warnings.
    expect(dups.length).toBe(1000);
    expect(dups).toEqual(Array.from({ length: 1000 }, (_, i) => [i + 3, 2]));
    expect((await excludedRows(db, r.datasetId, nos.length)).length).toBe(2499);
  });

  it('a list with a single line, and one whose only duplicate is its last line in the last chunk', async () => {
    const { db, engine } = await openTestEngine();
    const one = await stage(engine, db, ['X1']);
    expect([one.duplicates, one.overlaps]).toEqual([0, []]);
    const nos = Array.from({ length: 2001 }, (_, i) => (i === 2000 ? 'ｃ０００００００' : num(i)));
    const r = await stage(engine, db, nos);
    expect(dupsOf(r)).toEqual([[2002, 2]]);
    // X1's list is staged, not committed: it is not another list of the incident yet.
    expect(r.overlaps).toEqual([]);
  });
});

describe('customers other lists of the incident already hold', () => {
  it('three lists: one holding numbers several times, one merged, one with a damaged index record — each customer counted once, the damaged one undercounted only', async () => {
    const { db, engine } = await openTestEngine();
    const next = xorshift32(5);
    const t = contactTables(db);
    const a = Array.from({ length: 1800 }, (_, i) => variant(num(i % 600), i));
    const b = Array.from({ length: 1500 }, (_, i) => num(400 + i));
    const c = Array.from({ length: 1200 }, (_, i) => num(i * 2));
    const ids: string[] = [];
    for (const list of [a, b, c]) {
      const r = await stage(engine, db, list);
      await engine.commitImport(r.datasetId);
      ids.push(r.datasetId);
    }
    const [ida, idb, idc] = ids as [string, string, string];
    // b merged (its index in pages, not chunk segments); c's 'no' index damaged in one bucket.
    expect((await mergeDataset(t, idb)).done).toBe(true);
    const victims = (await t.index.where(':id').startsWith(`${idc}|no|`).toArray()).slice(0, 3);
    for (const v of victims) await t.index.put({ ...v, packed: new Uint8Array([1, 9, 9, 9, 9, 0]) });
    const mine = Array.from({ length: 2600 }, () => variant(num(next() % 3000), next()));
    const r = await stage(engine, db, mine);
    expect(dupsOf(r)).toEqual(expectedPairs(mine).slice(0, 1000));
    const overlaps = Object.fromEntries((r.overlaps ?? []).map((o) => [o.datasetId, o.customers]));
    expect(overlaps[ida]).toBe(sharedCount(mine, a));
    expect(overlaps[idb]).toBe(sharedCount(mine, b));
    expect(overlaps[idc]).toBeGreaterThan(0);
    expect(overlaps[idc]).toBeLessThan(sharedCount(mine, c));
    // With c's index whole again (the records as they were), all of c's shared customers.
    for (const v of victims) await t.index.put(v);
    await engine.discardImport(r.datasetId);
    const again = await stage(engine, db, mine);
    expect(Object.fromEntries((again.overlaps ?? []).map((o) => [o.datasetId, o.customers]))).toEqual({ [ida]: sharedCount(mine, a), [idb]: sharedCount(mine, b), [idc]: sharedCount(mine, c) });
  });
});

describe('a read of the index failing during the pass', () => {
  /** contact-index reads (getAll / openCursor) of a range starting at a 'no' bucket matching `buckets` (two hex digits) fail. */
  function failReadsOf(buckets: RegExp, name = 'UnknownError') {
    const proto = globalThis.IDBObjectStore.prototype;
    const { getAll, openCursor } = proto;
    // Dexie asks getAll({ query, count, direction }) where the browser has it, getAll(range) elsewhere.
    const hit = (store: IDBObjectStore, arg: unknown) => {
      const q = arg instanceof IDBKeyRange ? arg : (arg as { query?: unknown } | undefined)?.query;
      return store.name === 'contact-index' && q instanceof IDBKeyRange && typeof q.lower === 'string' && buckets.test(q.lower.match(/\|no\|([0-9a-f]{2})\|$/)?.[1] ?? '');
    };
    let failed = 0;
    proto.getAll = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
      if (hit(this, args[0])) {
        failed++;
        throw new DOMException('The read failed.', name);
      }
      return getAll.apply(this, args);
    };
    proto.openCursor = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['openCursor']>) {
      if (hit(this, args[0])) {
        failed++;
        throw new DOMException('The read failed.', name);
      }
      return openCursor.apply(this, args);
    };
    return { undo: () => Object.assign(proto, { getAll, openCursor }), failed: () => failed };
  }

  it('fails the import with the read’s error while the reads ahead are in flight; nothing unhandled; the list can be discarded at once', async () => {
    const { db, engine } = await openTestEngine();
    const nos = Array.from({ length: 1500 }, (_, i) => num(i % 1200));
    const fault = failReadsOf(/^0a$/);
    let error: unknown;
    try {
      await stage(engine, db, nos);
    } catch (e) {
      error = e;
    } finally {
      fault.undo();
    }
    expect(fault.failed()).toBeGreaterThan(0);
    expect(String(error)).toMatch(/read failed/);
    const t = contactTables(db);
    const [left] = await t.datasets.toArray();
    expect(left?.state).toBe('importing');
    await engine.discardImport(left!.id);
    expect(await t.index.count()).toBe(0);
    // Reads left ahead of the failure settle here, after the list is gone.
    await new Promise((ok) => setTimeout(ok, 50));
  });

  it('a failure in the last bucket, the database deleted as the test ends: nothing unhandled', async () => {
    const { db, engine } = await openTestEngine();
    const fault = failReadsOf(/^ff$/);
    try {
      await expect(stage(engine, db, Array.from({ length: 1200 }, (_, i) => num(i % 900)))).rejects.toThrow(/read failed/);
    } finally {
      fault.undo();
    }
  });

  it('buckets 0x40–0x43 all failing (three of the four never awaited): the first one’s error, nothing unhandled', async () => {
    const { db, engine } = await openTestEngine();
    const fault = failReadsOf(/^4[0-3]$/);
    try {
      await expect(stage(engine, db, Array.from({ length: 1200 }, (_, i) => num(i % 900)))).rejects.toThrow(/read failed/);
      expect(fault.failed()).toBe(4);
    } finally {
      fault.undo();
    }
    await new Promise((ok) => setTimeout(ok, 50));
  });
});
