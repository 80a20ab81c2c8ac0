/**
 * Attacks on a big token's pages read as asked for (decision 052: TokenPageReader, RowRun,
 * lazyTokenRows, the shared decode buffer), with pages written byte by byte rather than by
 * packEntries: checksums made good over forged bodies (framePacked), tokens named by DICT or
 * NEXT references or written out again, overlong varints (also the last one of a record),
 * rows near 2^32, a count of 1, counts in ids that disagree, triples stored before decision 042
 * among packed pages, loads asked at once with any upTo (0, -1, Infinity), two tokens' lookups
 * interleaved while a third is scanned (the shared buffer reused between them), and a kana
 * search narrowed by postcode over a forged page.
 *
 * The truth: a lookup gives exactly the rows the stored pages hold, ascending, each once, or
 * rejects with IndexDamagedError; rows given before it rejects are the pages' own; never a
 * short list, another error type or a hang; for sound pages, what bucketTokenRows reads whole.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKey } from '../../../shared/contacts/tokens';
import { HonbuDb } from '../data/db';
import { crc32, framePacked, packEntries, storedEntries, TokenPageReader, unpackEntries } from './index-codec';
import { bucketTokenRows, IndexDamagedError, lazyTokenRows, MERGED, mergeDataset, pageId, pageOf, RowRun, tokenKey, type TokenRows } from './index-merge';
import type { LookupQuery } from './lookup';
import { CustomerSearch, type LookupPage } from './search';
import { type ContactTables, contactTables, indexPrefix, type IndexRecord } from './tables';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { randomPicks } from './test-random';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  await dropTestDatabases();
});
function tables(): ContactTables {
  const db = new HonbuDb(`break-${crypto.randomUUID()}`);
  dbs.push(db);
  return contactTables(db);
}

const KIND = 'kp3';
const HI = 0x5c00_0a0b;
const LO = 0x0102_f3f4;
const TWO32 = 2 ** 32;

// ---- pages written byte by byte ----

const varint = (v: number): number[] => {
  const out: number[] = [];
  for (; v >= 128; v = Math.floor(v / 128)) out.push((v % 128) | 128);
  out.push(v);
  return out;
};
/** The same value one byte longer than it need be (a continuation bit and a 0 byte). */
const overlong = (v: number): number[] => {
  const b = varint(v);
  b[b.length - 1]! |= 128;
  return [...b, 0];
};
const zigzag = (d: number) => (d >= 0 ? d * 2 : -d * 2 - 1);
const tokenBytes = (hi: number, lo: number) => [hi >>> 24, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255, lo >>> 24, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255];

/** One entry as bytes: its token reference and its row step. */
interface Ent {
  ref: number[];
  row: number[];
}
/** A token's run as packEntries writes it: a new token, then "the same" for every other entry. */
function ents(rows: readonly number[], hi = HI, lo = LO): Ent[] {
  let prev = 0;
  return rows.map((r, i) => {
    const e = { ref: i === 0 ? [0, ...tokenBytes(hi, lo)] : [1], row: varint(zigzag(r - prev)) };
    prev = r;
    return e;
  });
}
function frame(list: Ent[], count: number[] = varint(list.length), tail: number[] = []): Uint8Array {
  const body: number[] = [...count];
  for (const e of list) body.push(...e.ref, ...e.row);
  body.push(...tail);
  return framePacked(Uint8Array.from(body));
}

/** Ascending rows: mostly close, some far (every varint length), optionally ending at 2^32 − 1. */
function rowsOf(n: number, seed: number, first: number, toTop = false): number[] {
  const { int, pick } = randomPicks(seed);
  const out: number[] = [];
  // One step of 2^27 (a 5-byte varint as written), the others of 1 to 3 bytes, mostly short.
  for (let r = first; out.length < n; r += out.length === 2 ? 134_217_728 : int(9) === 0 ? pick([63, 64, 8191, 8192, 1_048_576]) : 1 + int(30)) out.push(r);
  if (out[n - 1]! >= TWO32) throw new Error('rows past 2^32');
  if (toTop) {
    // The last rows moved to the very top of what a row can be.
    const shift = TWO32 - 1 - out[out.length - 1]!;
    for (let i = Math.floor(n / 2); i < n; i++) out[i]! += shift;
  }
  return out;
}

/** Collects rows as decoded, refusing none (to compare what two decoders read). */
function loose() {
  const rows: number[] = [];
  return { rows, push: (r: number) => (rows.push(r), true) };
}

/** The rows of a whole read of a record of one token, or null (not decodable, or another token in it). */
function wholeRows(rec: { packed?: Uint8Array; entries?: Uint32Array }, hi = HI, lo = LO): number[] | null {
  const e = storedEntries(rec as IndexRecord);
  if (!e) return null;
  const out: number[] = [];
  for (let i = 0; i < e.length; i += 3) {
    if (e[i] !== hi || e[i + 1] !== lo) return null;
    out.push(e[i + 2]!);
  }
  return out;
}

// ---- forgeries of one page (the original rows kept before the forged entry) ----

interface Variant {
  name: string;
  /** The page's record, from its rows. */
  make: (rows: number[], at: number) => { packed?: Uint8Array; entries?: Uint32Array };
  /** The whole page is what it was (same token, same rows): the lookup must give them. */
  sound: boolean;
  /** The count in the id is not the record's: damage found when the page is fetched. */
  claimed?: (n: number) => number;
}

const VARIANTS: Variant[] = [
  { name: 'packEntries', sound: true, make: (rows) => ({ packed: packEntries(run(rows)) }) },
  { name: 'byte-built (same as packEntries)', sound: true, make: (rows) => ({ packed: frame(ents(rows)) }) },
  {
    name: 'DICT 3 for the same token at one entry',
    sound: true,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === at && i > 0 ? { ...e, ref: [3] } : e))) }),
  },
  {
    name: 'DICT 3 at every other entry',
    sound: true,
    make: (rows) => ({ packed: frame(ents(rows).map((e, i) => (i % 2 === 1 ? { ...e, ref: [3] } : e))) }),
  },
  {
    name: 'the token written out again (NEW) at one entry',
    sound: true,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === at ? { ...e, ref: [0, ...tokenBytes(HI, LO)] } : e))) }),
  },
  {
    name: 'an overlong SAME (0x81 0x00) at one entry',
    sound: true,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === at && i > 0 ? { ...e, ref: overlong(1) } : e))) }),
  },
  {
    name: 'an overlong NEW as the first entry',
    sound: true,
    make: (rows) => ({ packed: frame(ents(rows).map((e, i) => (i === 0 ? { ...e, ref: [...overlong(0), ...tokenBytes(HI, LO)] } : e))) }),
  },
  {
    name: 'overlong row steps everywhere, the last ending the record',
    sound: true,
    make: (rows) => ({ packed: frame(ents(rows).map((e, i) => ({ ...e, row: overlong(zigzag(rows[i]! - (i ? rows[i - 1]! : 0))) }))) }),
  },
  {
    name: 'a row step of 8 bytes (the longest a varint may be)',
    sound: true,
    make: (rows, at) =>
      ({
        packed: frame(
          ents(rows).map((e, i) => {
            if (i !== at) return e;
            const b = varint(zigzag(rows[i]! - (i ? rows[i - 1]! : 0)));
            while (b.length < 8) {
              b[b.length - 1]! |= 128;
              b.push(0);
            }
            return { ...e, row: b };
          }),
        ),
      }),
  },
  { name: 'an overlong count', sound: true, make: (rows) => ({ packed: frame(ents(rows), overlong(rows.length)) }) },
  { name: 'triples (before decision 042)', sound: true, make: (rows) => ({ entries: run(rows) }) },
  // Damaged or forged, checksum good.
  {
    name: 'NEXT (+1) at one entry: another token',
    sound: false,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === Math.max(at, 1) ? { ...e, ref: [2, 1] } : e))) }),
  },
  {
    name: 'NEXT (+0) at one entry: not a token step',
    sound: false,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === Math.max(at, 1) ? { ...e, ref: [2, 0] } : e))) }),
  },
  {
    name: 'DICT 4 (no such token) at one entry',
    sound: false,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === Math.max(at, 1) ? { ...e, ref: [4] } : e))) }),
  },
  {
    name: 'another token written out at one entry',
    sound: false,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === at ? { ...e, ref: [0, ...tokenBytes(HI, LO ^ 1)] } : e))) }),
  },
  {
    name: 'a row going back at one entry, steps after it unchanged',
    sound: false,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === Math.max(at, 1) ? { ...e, row: varint(zigzag(-1)) } : e))) }),
  },
  {
    name: 'a row repeated (step 0) at one entry',
    sound: false,
    make: (rows, at) => ({ packed: frame(ents(rows).map((e, i) => (i === Math.max(at, 1) ? { ...e, row: [0] } : e))) }),
  },
  {
    name: 'a row step past 2^32 at the last entry',
    sound: false,
    make: (rows) => ({ packed: frame(ents(rows).map((e, i) => (i === rows.length - 1 ? { ...e, row: varint(zigzag(TWO32 - (i ? rows[i - 1]! : 0))) } : e))) }),
  },
  {
    name: 'a row step of 9 bytes (longer than a varint may be)',
    sound: false,
    make: (rows, at) =>
      ({
        packed: frame(
          ents(rows).map((e, i) => {
            if (i !== at) return e;
            const b = varint(zigzag(rows[i]! - (i ? rows[i - 1]! : 0)));
            while (b.length < 9) {
              b[b.length - 1]! |= 128;
              b.push(0);
            }
            return { ...e, row: b };
          }),
        ),
      }),
  },
  { name: 'a byte after the last entry', sound: false, make: (rows) => ({ packed: frame(ents(rows), undefined, [0]) }) },
  { name: 'a SAME after the last entry', sound: false, make: (rows) => ({ packed: frame(ents(rows), undefined, [1]) }) },
  {
    name: 'the last row step cut short (record ends inside a varint)',
    sound: false,
    make: (rows) => ({ packed: frame(ents(rows).map((e, i) => (i === rows.length - 1 ? { ...e, row: overlong(zigzag(rows[i]! - (i ? rows[i - 1]! : 0))).slice(0, -1) } : e))) }),
  },
  { name: 'a count one more than the entries (id too)', sound: false, make: (rows) => ({ packed: frame(ents(rows), varint(rows.length + 1)) }), claimed: (n) => n + 1 },
  { name: 'a count one more than the entries', sound: false, make: (rows) => ({ packed: frame(ents(rows), varint(rows.length + 1)) }) },
  { name: 'one entry fewer than the id says', sound: false, make: (rows) => ({ packed: frame(ents(rows.slice(0, -1))) }) },
  { name: 'the id says one fewer than the page holds', sound: false, make: (rows) => ({ packed: packEntries(run(rows)) }), claimed: (n) => n - 1 },
  { name: 'a first entry by NEXT', sound: false, make: (rows) => ({ packed: frame(ents(rows).map((e, i) => (i === 0 ? { ...e, ref: [2, 1] } : e))) }) },
  { name: 'another token throughout', sound: false, make: (rows) => ({ packed: packEntries(run(rows, HI, LO + 1)) }) },
  {
    name: 'triples with another token at one entry',
    sound: false,
    make: (rows, at) => {
      const e = run(rows);
      e[at * 3 + 1] = LO ^ 2;
      return { entries: e };
    },
  },
  { name: 'triples and packed both', sound: false, make: (rows) => ({ entries: run(rows), packed: packEntries(run(rows)) }) },
  { name: 'a byte changed, checksum not made good', sound: false, make: (rows, at) => ({ packed: ((b) => ((b[b.length - 1 - (at % 5)]! ^= 4), b))(packEntries(run(rows))) }) },
];

function run(rows: readonly number[], hi = HI, lo = LO): Uint32Array {
  const e = new Uint32Array(rows.length * 3);
  rows.forEach((r, i) => e.set([hi, lo, r], i * 3));
  return e;
}

describe('TokenPageReader against the whole read (unpackEntries), on forged pages with good checksums', () => {
  it('never reads a row the whole read does not give at that place, and never reads a page whole that the whole read refuses', () => {
    for (const n of [1, 2, 3, 17, 300]) {
      for (const toTop of [false, true]) {
        const rows = rowsOf(n, 7 + n, toTop ? 0 : 5, toTop);
        for (const v of VARIANTS) {
          for (const at of [0, 1, n >> 1, n - 1].filter((a) => a >= 0 && a < n)) {
            const rec = v.make(rows, at);
            const label = `${v.name}, ${n} rows, at ${at}${toTop ? ', near 2^32' : ''}`;
            const whole = rec.packed && !rec.entries ? unpackEntries(rec.packed) : null;
            const wholeRowsOf = whole ? Array.from(whole.filter((_, i) => i % 3 === 2)) : null;
            if (v.sound) expect(wholeRows(rec), label).toEqual(rows);
            if (!rec.packed || rec.entries) continue;
            for (const steps of [[1], [2, 7], [n], [256]]) {
              const reader = TokenPageReader.open(rec.packed);
              if (!reader) continue;
              const out = loose();
              let failed = false;
              for (let k = 0; reader.read < reader.count; k++) {
                const before = reader.read;
                const got = reader.take(steps[k % steps.length]!, out);
                if (got < 0) {
                  failed = true;
                  break;
                }
                expect(got, label).toBeGreaterThan(0);
                expect(reader.read, label).toBe(before + got);
              }
              if (!failed) {
                // Read to the end as a token's run: the whole read gives the same, all that token's.
                expect(whole, label).not.toBeNull();
                expect(out.rows, label).toEqual(wholeRowsOf);
                expect(wholeRows(rec, reader.hi, reader.lo), label).toEqual(out.rows);
                expect([reader.hi, reader.lo], label).toEqual([whole![0], whole![1]]);
                expect(reader.take(5, out), label).toBe(0);
              } else if (wholeRowsOf) {
                // Stopped: what it gave is where the whole read has it.
                expect(out.rows, label).toEqual(wholeRowsOf.slice(0, out.rows.length));
              }
            }
          }
        }
      }
    }
  });
});

/** The rows of a lookup's run, loaded by a schedule of calls (some at once); what went wrong, if anything. */
async function driveLoads(t: ContactTables, prefix: string, hi: number, lo: number, seed: number) {
  const { int, pick } = randomPicks(seed);
  let lazy: Awaited<ReturnType<typeof lazyTokenRows>>;
  try {
    lazy = await lazyTokenRows(t, prefix, hi, lo);
  } catch (e) {
    // Not a run as the merge writes it, read whole at once: damage found there.
    return { lazy: false as const, rows: [] as number[], error: e };
  }
  if (!lazy.run) return { lazy: false as const, rows: lazy.rows, error: null as unknown };
  const r = lazy.run;
  let error: unknown = null;
  let asked = 0;
  try {
    for (let round = 0; round < 40 && r.loaded < r.length; round++) {
      // A few loads at once, with any upTo a caller could pass (and some it would not).
      const ups = Array.from({ length: 1 + int(4) }, () => pick([0, -1, Infinity, r.length, r.length + 3, asked + 1, asked + 20, asked + 64, asked + 255, asked + 256, asked + 257, asked + int(3000)]));
      const settled = await Promise.allSettled(ups.map((u) => lazy.load(u)));
      for (const [k, s] of settled.entries()) {
        if (s.status === 'rejected') throw s.reason;
        expect(r.loaded).toBeGreaterThanOrEqual(Math.min(Math.max(ups[k]!, 0), r.length));
      }
      asked = Math.max(asked, ...ups.filter((u) => Number.isFinite(u)));
      // What is loaded is readable, ascending; what is not cannot be read.
      const got = r.slice(0, r.loaded);
      for (let i = 1; i < got.length; i++) expect(got[i]!).toBeGreaterThan(got[i - 1]!);
      if (r.loaded < r.length) expect(() => r.slice(0, r.loaded + 1)).toThrow(RangeError);
    }
    await lazy.load(Infinity);
  } catch (e) {
    error = e;
  }
  if (error) {
    // Once damaged, every later load says so too (never another error, never a hang).
    await expect(lazy.load(0)).rejects.toBeInstanceOf(IndexDamagedError);
    await expect(lazy.load(Infinity)).rejects.toBeInstanceOf(IndexDamagedError);
  }
  return { lazy: true as const, rows: Array.from(r.slice(0, r.loaded)), length: r.length, error };
}

const within = <T>(p: Promise<T>, ms = 20_000) => Promise.race([p, new Promise<'hung'>((ok) => setTimeout(() => ok('hung'), ms))]);

describe('lazyTokenRows over runs of forged and mixed pages', () => {
  it('gives the stored rows exactly or says the index needs rebuilding, whatever the pages and however loads are asked', async () => {
    const t = tables();
    const { int, pick } = randomPicks(0xbeef);
    let cases = 0;
    const seen = { sound: 0, damaged: 0 };
    for (const [per, pages] of [[1, 3], [300, 1], [300, 4], [1000, 9], [4096, 3]] as const) {
      for (let trial = 0; trial < (per >= 1000 ? 3 : 8); trial++) {
        const ds = `d${cases++}`;
        const prefix = indexPrefix(ds, KIND, HI >>> 24);
        // The last page is as long as the others or shorter; the run ends near 2^32 at times.
        const last = int(3) === 0 ? per : 1 + int(per);
        const total = per * (pages - 1) + last;
        const all = rowsOf(total, 100 + cases, int(2) ? 0 : 1 + int(1000), int(3) === 0);
        const pageRows = Array.from({ length: pages }, (_, k) => all.slice(k * per, k === pages - 1 ? total : (k + 1) * per));
        // Most pages as packEntries writes them; one or two of them another way.
        const variants = pageRows.map(() => (int(3) === 0 ? pick(VARIANTS) : VARIANTS[0]!));
        const recs = pageRows.map((rows, k) => {
          const v = variants[k]!;
          const at = int(rows.length);
          return { id: pageId(prefix, HI, LO, rows[0]!, true, v.claimed ? v.claimed(rows.length) : rows.length), datasetId: ds, ...v.make(rows, at) } as IndexRecord;
        });
        // A page of the next token in the bucket (which the token's range must not reach).
        recs.push({ id: pageId(prefix, HI, LO + 1, 0, true, 2), datasetId: ds, packed: packEntries(run([0, 1], HI, LO + 1)) });
        await t.index.bulkPut(recs);
        const ids = (await t.index.where(':id').between(prefix + MERGED + tokenKey(HI, LO), prefix + MERGED + tokenKey(HI, LO) + '\uffff').primaryKeys()).map((id) => pageOf(prefix, id).n);
        const soundIds = ids.every((n) => n === ids[0]) || ids.slice(0, -1).every((n) => n === ids[0]);
        // The truth: each page whole, in id order.
        const whole = recs.slice(0, pages).map((r, k) => ({ rows: wholeRows(r as never), claimed: pageOf(prefix, r.id).n, held: pageRows[k]! }));
        const flat = whole.flatMap((w) => w.rows ?? []);
        const sound = whole.every((w) => w.rows && w.rows.length === w.claimed) && flat.every((r, i) => i === 0 || r > flat[i - 1]!);
        const label = `${ds}: ${per}×${pages}, ${variants.map((v) => v.name).join(' | ')}`;
        const got = await within(driveLoads(t, prefix, HI, LO, 7 * cases));
        expect(got, label).not.toBe('hung');
        const g = got as Exclude<typeof got, 'hung'>;
        if (!g.lazy) {
          // Counted from ids that are not a run as the merge writes it: read whole instead (bucketTokenRows).
          expect(soundIds, label).toBe(false);
          if (g.error) expect(g.error, label).toBeInstanceOf(IndexDamagedError);
          continue;
        }
        if (sound) {
          seen.sound++;
          expect(g.error, label).toBeNull();
          expect(g.rows, label).toEqual(all);
          expect(g.length, label).toBe(all.length);
          expect(await bucketTokenRows(t, prefix, HI, LO), label).toEqual(all);
        } else {
          seen.damaged++;
          expect(g.error, label).toBeInstanceOf(IndexDamagedError);
          // What was given before is the pages' own rows, from the first, in order.
          expect(g.rows, label).toEqual(all.slice(0, g.rows.length));
        }
      }
    }
    expect(seen.sound).toBeGreaterThan(10);
    expect(seen.damaged).toBeGreaterThan(5);
  });

  it('every forgery, at the first, a middle and the last page of a run, paged 20 at a time', async () => {
    const t = tables();
    let cases = 0;
    for (const v of VARIANTS) {
      for (const where of [0, 1, 2]) {
        for (const at of [0, 1, 150, 299]) {
          const ds = `v${cases++}`;
          const prefix = indexPrefix(ds, KIND, HI >>> 24);
          const all = rowsOf(900, 3 + cases, 0, where === 2);
          const pageRows = [all.slice(0, 300), all.slice(300, 600), all.slice(600)];
          await t.index.bulkPut(
            pageRows.map((rows, k) => {
              const forged = k === where ? v : VARIANTS[0]!;
              return { id: pageId(prefix, HI, LO, rows[0]!, true, forged.claimed ? forged.claimed(rows.length) : rows.length), datasetId: ds, ...forged.make(rows, at) } as IndexRecord;
            }),
          );
          const label = `${v.name} in page ${where} at entry ${at}`;
          const got = await lazyTokenRows(t, prefix, HI, LO).catch((e: unknown) => e);
          if (got instanceof Error || !(got as TokenRows).run) {
            // Only a count in the ids that is not a run's: read whole (bucketTokenRows), which
            // refuses or gives exactly the rows the pages hold (the ids' counts aside).
            expect(v.claimed, label).toBeDefined();
            if (got instanceof Error) expect(got, label).toBeInstanceOf(IndexDamagedError);
            else expect((got as TokenRows).rows, label).toEqual(all);
            continue;
          }
          const lazy = got as Extract<TokenRows, { run: RowRun }>;
          let error: unknown = null;
          try {
            for (let upTo = 20; lazy.run.loaded < lazy.run.length; upTo += 20) {
              const p = within(lazy.load(upTo), 5000);
              expect(await p, label).not.toBe('hung');
            }
          } catch (e) {
            error = e;
          }
          const rows = Array.from(lazy.run.slice(0, lazy.run.loaded));
          if (v.sound) {
            expect(error, label).toBeNull();
            expect(rows, label).toEqual(all);
            expect(await bucketTokenRows(t, prefix, HI, LO), label).toEqual(all);
          } else {
            expect(error, label).toBeInstanceOf(IndexDamagedError);
            expect(rows, label).toEqual(all.slice(0, rows.length));
            // Not past the forged page: the rows of the pages after it are never given.
            expect(rows.length, label).toBeLessThanOrEqual(300 * (where + 1));
          }
        }
      }
    }
  });

  it('a count of 1, and rows at the very top (2^32 − 1), page by page', async () => {
    const t = tables();
    const cases: number[][][] = [
      [[TWO32 - 1]],
      [[0]],
      [[5], [9]],
      [[TWO32 - 3], [TWO32 - 2], [TWO32 - 1]],
      [[0, TWO32 - 2], [TWO32 - 1]],
    ];
    for (const [k, pages] of cases.entries()) {
      const prefix = indexPrefix(`one${k}`, KIND, HI >>> 24);
      await t.index.bulkPut(pages.map((rows) => ({ id: pageId(prefix, HI, LO, rows[0]!, true, rows.length), datasetId: `one${k}`, packed: frame(ents(rows)) })));
      const lazy = await lazyTokenRows(t, prefix, HI, LO);
      expect(lazy.run, `case ${k}`).toBeDefined();
      for (let upTo = 0; upTo <= lazy.run!.length; upTo++) await lazy.load!(upTo);
      expect(Array.from(lazy.run!.all())).toEqual(pages.flat());
      expect(await bucketTokenRows(t, prefix, HI, LO)).toEqual(pages.flat());
    }
  });
});

describe('the shared decode buffer', () => {
  it('two lookups of different tokens interleaved, pages read whole, a third token scanned between: each gets its own rows', async () => {
    const t = tables();
    // Tokens A and B of different buckets, their pages named by reference (read whole, into the
    // shared buffer), several in one read-ahead; a small token C in a mixed page, scanned whole.
    const A: [number, number] = [0x1100_0001, 0xaaaa_0001];
    const B: [number, number] = [0x2200_0002, 0xbbbb_0002];
    const C: [number, number] = [0x1100_0001, 0xaaaa_0000];
    // Read whole when fetched (not by a TokenPageReader): the first token written with an
    // overlong reference, the others named by reference; every third page stored as triples.
    const byRef = (rows: number[], [hi, lo]: [number, number]) =>
      frame(ents(rows, hi, lo).map((e, i) => (i > 0 ? { ...e, ref: [3] } : { ...e, ref: [...overlong(0), ...tokenBytes(hi, lo)] })));
    const aRows = rowsOf(9000, 1, 0);
    const bRows = rowsOf(15_000, 2, 3);
    const cRows = rowsOf(40, 3, 7);
    const pa = indexPrefix('s', KIND, A[0] >>> 24);
    const pb = indexPrefix('s', KIND, B[0] >>> 24);
    const recs: IndexRecord[] = [];
    for (let s = 0; s < aRows.length; s += 1000) {
      const rows = aRows.slice(s, s + 1000);
      recs.push({ id: pageId(pa, A[0], A[1], rows[0]!, true, rows.length), datasetId: 's', ...(s % 3000 === 2000 ? { entries: run(rows, ...A) } : { packed: byRef(rows, A) }) });
    }
    for (let s = 0; s < bRows.length; s += 3000) {
      const rows = bRows.slice(s, s + 3000);
      recs.push({ id: pageId(pb, B[0], B[1], rows[0]!, true, rows.length), datasetId: 's', packed: byRef(rows, B) });
    }
    // C's page: C then 5000 entries of other tokens (a bigger record than A's pages: the buffer grows between reads).
    const mixed: number[] = [...run(cRows, ...C)];
    for (let k = 0; k < 5000; k++) mixed.push(C[0], C[1] + 0x10 + k, k);
    recs.push({ id: pageId(pa, C[0], C[1], cRows[0]!, false, 5040), datasetId: 's', packed: packEntries(Uint32Array.from(mixed)) });
    await t.index.bulkPut(recs);
    expect(TokenPageReader.open(recs[0]!.packed as Uint8Array)).toBeNull();

    const a = await lazyTokenRows(t, pa, ...A);
    const b = await lazyTokenRows(t, pb, ...B);
    expect([a.run?.length, b.run?.length]).toEqual([aRows.length, bRows.length]);
    const scans: Promise<number[]>[] = [];
    const loads: Promise<void>[] = [];
    for (let upTo = 1; upTo < 16_000; upTo = Math.ceil(upTo * 1.7)) {
      loads.push(a.load!(upTo), b.load!(upTo * 2));
      scans.push(bucketTokenRows(t, pa, ...C));
    }
    loads.push(a.load!(Infinity), b.load!(Infinity));
    await Promise.all(loads);
    for (const s of await Promise.all(scans)) expect(s).toEqual(cRows);
    expect(Array.from(a.run!.all())).toEqual(aRows);
    expect(Array.from(b.run!.all())).toEqual(bRows);
    // A decode with reuse overwrites the last one's triples (read them first): as documented.
    const first = unpackEntries(packEntries(run([1, 2, 3], ...A)), true)!;
    unpackEntries(packEntries(run([4, 5, 6], ...B)), true);
    expect(Array.from(first)).toEqual([...B, 4, ...B, 5, ...B, 6]);
  });
});

describe('the shared decode buffer, a smaller record after a bigger one', () => {
  it('a record decoded with reuse gives its own entries only, not the tail of a bigger one before it', () => {
    const big = unpackEntries(packEntries(run(rowsOf(5000, 21, 0))), true)!;
    expect(big.length).toBe(15_000);
    const small = unpackEntries(packEntries(run([7, 8], HI, LO + 9)), true)!;
    expect(Array.from(small)).toEqual([HI, LO + 9, 7, HI, LO + 9, 8]);
    // An empty record, and one that does not decode, after them.
    expect(unpackEntries(framePacked(Uint8Array.of(0)), true)!.length).toBe(0);
    expect(unpackEntries(framePacked(Uint8Array.of(1, 1, 0)), true)).toBeNull();
  });

  it('segments of a bucket scanned biggest first: each row of the token once, ascending, as the whole read has them', async () => {
    const t = tables();
    const prefix = indexPrefix('seg', KIND, HI >>> 24);
    // Chunk segments in row order (an unmerged list), the first the biggest; the token's rows in each.
    const sizes = [6000, 900, 40, 3];
    const want: number[] = [];
    let row = 0;
    const recs: IndexRecord[] = sizes.map((n, k) => {
      const e: number[] = [];
      for (let i = 0; i < n; i++, row++) {
        const mine = i % 3 === 0;
        e.push(HI, mine ? LO : LO + 1 + (i % 7), row);
        if (mine) want.push(row);
      }
      return { id: prefix + String(k * 100).padStart(6, '0'), datasetId: 'seg', packed: packEntries(Uint32Array.from(e)) };
    });
    await t.index.bulkPut(recs);
    expect(await bucketTokenRows(t, prefix, HI, LO)).toEqual(want);
    const lazy = await lazyTokenRows(t, prefix, HI, LO);
    expect(lazy.rows).toEqual(want);
  });
});

describe('a search through a forged page', () => {
  const N = 3000;
  function list(): string {
    const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所'];
    for (let i = 0; i < N; i++) lines.push([`K${String(i).padStart(5, '0')}`, i % 4 === 3 ? '𠮷野 一郎' : '佐藤 花子', i % 4 === 3 ? 'ヨシノ イチロウ' : 'サトウ ハナコ', `150-000${i % 5}`, `住所${i}`].join(','));
    return lines.join('\r\n') + '\r\n';
  }
  const sato = Array.from({ length: N }, (_, i) => i).filter((i) => i % 4 !== 3);

  async function allPages(search: CustomerSearch, q: LookupQuery, size: number) {
    const rows: number[] = [];
    let cursor: LookupPage['next'] = null;
    try {
      do {
        const page: LookupPage = await search.search('inc', q, cursor, size);
        rows.push(...page.hits.map((h) => h.row.row));
        cursor = page.next;
      } while (cursor);
    } catch (e) {
      return { rows, error: e };
    }
    return { rows, error: null };
  }

  it('paged or narrowed by postcode, a kana prefix over a forged page gives the true rows before it, then says the index needs rebuilding', async () => {
    const { db, engine } = await openTestEngine();
    const id = await importText(engine, db, list(), { commitRows: 1000 });
    const t = contactTables(db);
    await mergeDataset(t, id, () => false, { page: 64, big: 20, bigPage: 300 });
    const [kind, value] = queryKey('kana-prefix', 'サト')!;
    const tok = engine.tokenizer.token(kind, value);
    const prefix = indexPrefix(id, kind, tok.hi >>> 24);
    const tk = prefix + MERGED + tokenKey(tok.hi, tok.lo);
    const pages = await t.index.where(':id').between(tk, tk + '\uffff').toArray();
    expect(pages.length).toBeGreaterThan(4);
    const narrowed: LookupQuery = { kind: 'kana-prefix', value: 'サト', postcode: '150-0002' };
    const plain: LookupQuery = { kind: 'kana-prefix', value: 'サト' };
    expect((await allPages(new CustomerSearch(engine), plain, 50)).rows).toEqual(sato);
    expect((await allPages(new CustomerSearch(engine), narrowed, 50)).rows).toEqual(sato.filter((r) => r % 5 === 2));

    for (const v of VARIANTS.filter((x) => !x.claimed)) {
      // The third page forged (checksum good), at its 100th entry.
      const victim = pages[2]!;
      const rows = wholeRows(victim as never, tok.hi, tok.lo)!;
      const forged = v.make(rows, 100);
      // The variants are written for HI/LO: the token of this list instead.
      const fix = (r: typeof forged) => {
        if (r.entries) {
          const e = r.entries.slice();
          for (let i = 0; i < e.length; i += 3) {
            if (e[i] === HI && e[i + 1] === LO) e.set([tok.hi, tok.lo], i);
            else if (e[i] === HI) e.set([tok.hi, tok.lo ^ 3], i);
          }
          return { ...r, entries: e };
        }
        if (!r.packed) return r;
        const b = r.packed.slice();
        const from = tokenBytes(HI, LO);
        const to = tokenBytes(tok.hi, tok.lo);
        for (let p = 0; p + 8 <= b.length; p++) if (from.every((x, k) => b[p + k] === x)) b.set(to, p);
        return r.packed.length === b.length && b.some((x, k) => x !== r.packed![k]) ? { ...r, packed: checksumLike(r.packed, b) } : r;
      };
      const rec = { ...victim, ...fix(forged) } as IndexRecord;
      if (!('entries' in forged)) delete (rec as { entries?: unknown }).entries;
      if (!('packed' in forged)) delete (rec as { packed?: unknown }).packed;
      if (v.name === 'another token throughout') {
        rec.packed = packEntries(run(rows, tok.hi, tok.lo + 1));
      }
      await t.index.put(rec);
      const label = v.name;
      const p = await within(allPages(new CustomerSearch(engine), plain, 37), 20_000);
      expect(p, label).not.toBe('hung');
      const q = await within(allPages(new CustomerSearch(engine), narrowed, 50), 20_000);
      expect(q, label).not.toBe('hung');
      const paged = p as Exclude<typeof p, 'hung'>;
      const nar = q as Exclude<typeof q, 'hung'>;
      const stillSound = wholeRows(rec as never, tok.hi, tok.lo)?.join() === rows.join();
      expect(stillSound, label).toBe(v.sound);
      if (v.sound) {
        expect(paged.error, label).toBeNull();
        expect(paged.rows, label).toEqual(sato);
        expect(nar.error, label).toBeNull();
        expect(nar.rows, label).toEqual(sato.filter((r) => r % 5 === 2));
      } else {
        expect(paged.error, label).toBeInstanceOf(IndexDamagedError);
        expect(paged.rows, label).toEqual(sato.slice(0, paged.rows.length));
        expect(nar.error, label).toBeInstanceOf(IndexDamagedError);
        expect(nar.rows, label).toEqual([]);
      }
      await t.index.put(victim);
    }
  });
});

/** The bytes `to` framed again when `from`'s checksum was good (a bad one left bad). */
function checksumLike(from: Uint8Array, to: Uint8Array): Uint8Array {
  const good = crc32(from, 5) === (from[1]! | (from[2]! << 8) | (from[3]! << 16) | (from[4]! << 24)) >>> 0;
  return good ? framePacked(to.subarray(5)) : to;
}

describe('RowRun', () => {
  it('never gives a row not read, whatever slice is asked', () => {
    const r = new RowRun(1000);
    for (let i = 0; i < 20; i++) expect(r.push(10 + i)).toBe(true);
    expect(r.push(29)).toBe(false);
    expect(Array.from(r.slice(0, 20))).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));
    expect(() => r.slice(0, 21)).toThrow(RangeError);
    expect(() => r.all()).toThrow(RangeError);
    // As an array's slice, a negative end counts from the end: rows up to 999, not read.
    // (No caller passes one today; it returned 979 zeros, rows never read.)
    expect(() => r.slice(0, -1)).toThrow(RangeError);
  });
});

describe('a big token whose ids are not a run as the merge writes it (read whole: bucketTokenRows)', () => {
  it('a single forged page (id claiming 70,000 rows) holding a row twice and out of order: rows once, ascending, or damage', async () => {
    // Not from decision 052 (bucketTokenRows sorts and de-duplicates only when it reads two
    // pages or more); the lazy read of such a page says it is damaged, the whole read does not.
    const t = tables();
    const prefix = indexPrefix('one', KIND, HI >>> 24);
    await t.index.put({ id: pageId(prefix, HI, LO, 9, true, 70_000), datasetId: 'one', packed: packEntries(run([9, 3, 3])) });
    const whole = await bucketTokenRows(t, prefix, HI, LO).catch((e: unknown) => e);
    if (!(whole instanceof IndexDamagedError)) expect(whole).toEqual([3, 9]);
    const lazy = await lazyTokenRows(t, prefix, HI, LO).catch((e: unknown) => e);
    if (!(lazy instanceof IndexDamagedError)) expect((lazy as TokenRows).rows).toEqual([3, 9]);
  });
});
