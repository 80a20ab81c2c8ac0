/**
 * A big token's page read a few rows at a time (TokenPageReader, decision 052): whatever steps a
 * search takes through a page, it gets exactly the rows the whole page holds, in order; a page
 * not as packEntries writes a token's run, or damaged, is never read as other rows. Through
 * lazyTokenRows: a page packed another way (which unpackEntries reads) gives its rows read
 * whole; a page whose rows go backwards mid-way, names another token or holds fewer rows than
 * its id says makes the lookup say the index needs rebuilding.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HonbuDb } from '../data/db';
import { crc32, framePacked, packEntries, TokenPageReader, unpackEntries } from './index-codec';
import { IndexDamagedError, lazyTokenRows, pageId, type RowRun } from './index-merge';
import { contactTables, indexPrefix } from './tables';
import { xorshift32 } from './test-random';

const HI = 0x2a00_1234;
const LO = 0x9e37_79b1;

/** Triples of one token at the given rows. */
function run(rows: readonly number[], hi = HI, lo = LO): Uint32Array {
  const e = new Uint32Array(rows.length * 3);
  rows.forEach((r, i) => e.set([hi, lo, r], i * 3));
  return e;
}

/** Ascending rows with gaps of every varint length (1 to 5 bytes), row 0 first when asked. */
function rowsOf(n: number, seed: number, fromZero: boolean): number[] {
  const rnd = xorshift32(seed);
  const gaps = [1, 2, 63, 64, 127, 128, 8191, 8192, 1_048_575, 1_048_576];
  const out: number[] = [];
  // One gap of five varint bytes (2^27 rows, 2^28 as the step is written), the rest mostly short.
  for (let r = fromZero ? 0 : 1 + (rnd() % 1000); out.length < n; r += out.length === 1 ? 134_217_728 : rnd() % 7 === 0 ? gaps[rnd() % gaps.length]! : 1 + (rnd() % 40)) out.push(r);
  return out;
}

/** Collects what a reader gives, refusing rows not after the last (as RowRun does). */
function sink() {
  const rows: number[] = [];
  return { rows, push: (r: number) => (rows.length > 0 && r <= rows[rows.length - 1]! ? false : (rows.push(r), true)) };
}

/** A packed record's body (after version and checksum) with one byte changed, checksum made good again. */
function reframed(bytes: Uint8Array, edit: (body: number[]) => void): Uint8Array {
  const body = [...bytes.subarray(5)];
  edit(body);
  return framePacked(Uint8Array.from(body));
}

describe('a big token page read as needed (decision 052)', () => {
  it('gives exactly the rows of the whole page, in any steps', () => {
    for (const [n, seed] of [[1, 1], [2, 2], [20, 3], [4096, 4], [65_536, 5]] as const) {
      for (const fromZero of [true, false]) {
        const rows = rowsOf(n, seed, fromZero);
        const packed = packEntries(run(rows));
        const whole = unpackEntries(packed)!;
        expect(Array.from(whole.filter((_, i) => i % 3 === 2))).toEqual(rows);
        for (const steps of n > 4096 ? [[20], [64, 1, 255], [n]] : [[1], [20], [64, 1, 255], [n]]) {
          const reader = TokenPageReader.open(packed)!;
          expect([reader.count, reader.hi, reader.lo]).toEqual([n, HI, LO]);
          const out = sink();
          for (let k = 0; reader.read < n; k++) {
            const before = reader.read;
            const got = reader.take(steps[k % steps.length]!, out);
            expect(got).toBe(Math.min(steps[k % steps.length]!, n - before));
            expect(out.rows.length).toBe(reader.read);
          }
          expect(out.rows).toEqual(rows);
          // Past the end: nothing more.
          expect(reader.take(10, out)).toBe(0);
        }
      }
    }
  });

  it('a page of two tokens, a byte changed, a byte added or one entry short is never read as rows it does not hold', () => {
    const rows = rowsOf(300, 9, true);
    const packed = packEntries(run(rows));
    // Two tokens: the second token's first entry is not the first token repeated.
    const two = packEntries(new Uint32Array([...run(rows.slice(0, 100)), ...run(rows.slice(100), HI, LO + 1)]));
    const r2 = TokenPageReader.open(two)!;
    const out2 = sink();
    expect(r2.take(300, out2)).toBe(-1);
    expect(out2.rows).toEqual(rows.slice(0, 100));
    // Any one byte changed: the checksum fails, nothing is read.
    for (let at = 0; at < packed.length; at += 7) {
      const bad = packed.slice();
      bad[at]! ^= 0x10;
      expect(TokenPageReader.open(bad), `byte ${at}`).toBeNull();
      expect(unpackEntries(bad), `byte ${at}`).toBeNull();
    }
    // A byte after the last entry (checksum made good): the last take says so, as the whole read does.
    const longer = reframed(packed, (b) => b.push(0));
    expect(unpackEntries(longer)).toBeNull();
    const r3 = TokenPageReader.open(longer)!;
    expect(r3.take(299, sink())).toBe(299);
    expect(r3.take(1, sink())).toBe(-1);
    // A count one more than the entries: the read runs out where the whole read fails.
    const more = reframed(packed, (b) => {
      b[0] = 0xad; // 301 as a varint (was 300: 0xac 0x02)
    });
    expect(packed[5]).toBe(0xac);
    expect(unpackEntries(more)).toBeNull();
    expect(TokenPageReader.open(more)!.take(301, sink())).toBe(-1);
    // A first entry that is not a new token: not read this way.
    expect(TokenPageReader.open(reframed(packed, (b) => (b[2] = 1)))).toBeNull();
    expect(crc32(packed, 5)).toBe((packed[1]! | (packed[2]! << 8) | (packed[3]! << 16) | (packed[4]! << 24)) >>> 0);
  });
});

describe('a big token paged through by lazyTokenRows, page by page', () => {
  const dbs: HonbuDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });

  /** A bucket whose big token has the given pages (bytes), each named by its first row and count. */
  async function bucket(pages: { rows: number[]; bytes: Uint8Array }[]) {
    const db = new HonbuDb(`reader-${crypto.randomUUID()}`);
    dbs.push(db);
    const t = contactTables(db);
    const prefix = indexPrefix('d', 'kp3', HI >>> 24);
    await t.index.bulkPut(pages.map((p) => ({ id: pageId(prefix, HI, LO, p.rows[0]!, true, p.rows.length), datasetId: 'd', packed: p.bytes })));
    return { t, prefix };
  }

  /** The token's rows, loaded in steps of 20 as the lookup screen pages through them. */
  async function pagedThrough(t: ReturnType<typeof contactTables>, prefix: string): Promise<number[]> {
    const lazy = await lazyTokenRows(t, prefix, HI, LO);
    const r: RowRun = lazy.run!;
    expect(r).toBeDefined();
    for (let upTo = 20; r.loaded < r.length; upTo += 20) {
      await lazy.load!(upTo);
      expect(r.loaded).toBeGreaterThanOrEqual(Math.min(upTo, r.length));
    }
    return Array.from(r.all());
  }

  /** The same token's rows, the token written out once and then named by reference (as unpackEntries reads, packEntries never writes). */
  function byReference(rows: number[]): Uint8Array {
    const body: number[] = [];
    const varint = (v: number) => {
      for (; v >= 128; v = Math.floor(v / 128)) body.push((v % 128) | 128);
      body.push(v);
    };
    varint(rows.length);
    let prev = 0;
    rows.forEach((r, i) => {
      if (i === 0) body.push(0, HI >>> 24, (HI >>> 16) & 255, (HI >>> 8) & 255, HI & 255, LO >>> 24, (LO >>> 16) & 255, (LO >>> 8) & 255, LO & 255);
      else body.push(i % 2 ? 3 : 1); // the first new token by reference, or "the same as before"
      varint((r - prev) * 2);
      prev = r;
    });
    return framePacked(Uint8Array.from(body));
  }

  it('gives every row once, in order, whether a page is read as needed or whole', async () => {
    const rows = rowsOf(5000, 11, true);
    const pages = [rows.slice(0, 2048), rows.slice(2048, 4096), rows.slice(4096)];
    const ref = byReference(pages[1]!);
    expect(Array.from(unpackEntries(ref)!.filter((_, i) => i % 3 === 2))).toEqual(pages[1]);
    const reader = TokenPageReader.open(ref)!;
    expect(reader.take(2048, sink())).toBe(-1);
    const { t, prefix } = await bucket([
      { rows: pages[0]!, bytes: packEntries(run(pages[0]!)) },
      { rows: pages[1]!, bytes: ref },
      { rows: pages[2]!, bytes: packEntries(run(pages[2]!)) },
    ]);
    expect(await pagedThrough(t, prefix)).toEqual(rows);
    const lazy = await lazyTokenRows(t, prefix, HI, LO);
    await lazy.load!(Infinity);
    expect(Array.from(lazy.run!.all())).toEqual(rows);
  });

  it('a page whose rows go back mid-way, or that names another token, says the index needs rebuilding', async () => {
    const rows = rowsOf(3000, 12, false);
    const back = rows.slice(1000, 2000);
    back[500] = back[10]!;
    const pages = (second: Uint8Array) =>
      bucket([
        { rows: rows.slice(0, 1000), bytes: packEntries(run(rows.slice(0, 1000))) },
        { rows: rows.slice(1000, 2000), bytes: second },
      ]);
    // Rows going back are found where they are read: the rows before them are the true ones.
    const a = await pages(packEntries(run(back)));
    const lazy = await lazyTokenRows(a.t, a.prefix, HI, LO);
    await lazy.load!(1000);
    expect(Array.from(lazy.run!.slice(0, 1000))).toEqual(rows.slice(0, 1000));
    await expect(lazy.load!(2000)).rejects.toBeInstanceOf(IndexDamagedError);
    // Another token, or a page cut short, is found when the page is read, before any of its rows is given.
    for (const second of [packEntries(run(rows.slice(1000, 2000), HI, LO ^ 1)), packEntries(run(rows.slice(1000, 1999)))]) {
      const b = await pages(second);
      await expect((await lazyTokenRows(b.t, b.prefix, HI, LO)).load!(20)).rejects.toBeInstanceOf(IndexDamagedError);
    }
  });
});
