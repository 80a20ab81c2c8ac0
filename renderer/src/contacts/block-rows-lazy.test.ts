/**
 * A lookup confirms one or two rows of each block it opens: the block cache parses just those
 * rows (block-codec.ts OpenedBlock), found in the block's text without parsing the rest. Every
 * row so read must equal the row as the whole block parses it, whatever its values hold, and
 * text not shaped as rows is parsed whole (and fails as a whole parse fails).
 */
import { deflateSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactRow } from '../../../shared/contacts/model';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { utf8 } from '../../../shared/vault/bytes';
import { OpenedBlock, openBlock, openBlockLazily, rowSpans, sealBlock, wipeInflateRoom } from './block-codec';
import { BlockCache } from './lookup';
import type { ContactTables } from './tables';

const key = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** Values a stranger's file can hold: JSON's own punctuation, escapes, brackets, emoji, lone surrogates, nothing at all. */
const AWKWARD = ['', '"', '\\', '\\"', '[', ']', '],[', '{', '}', '{"a":[1]}', ',', '",["', '\n\t', '\u0000', '😀', '\ud800', '\udfff x', '髙﨑', 'ｱｲｳ', '１２３', ' '];

function awkwardRows(n: number, first: number, seed: number): ContactRow[] {
  const rnd = seededRandom(seed);
  const pick = () => {
    const parts = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => AWKWARD[Math.floor(rnd() * AWKWARD.length)]!);
    return parts.join(rnd() < 0.5 ? '' : '山');
  };
  return Array.from({ length: n }, (_, i) => ({
    row: first + i, line: first + i + 2, customerNo: pick(), name: pick(), kana: pick(), postcode: pick(), address: pick(), email: pick(), phone: pick(), segment: pick(),
    extra: Array.from({ length: Math.floor(rnd() * 4) }, pick),
  }));
}

const textOf = (rows: ContactRow[]) => utf8(JSON.stringify(rows.map((r) => [r.line, r.customerNo, r.name, r.kana, r.postcode, r.address, r.email, r.phone, r.segment, r.extra])));

afterEach(() => vi.restoreAllMocks());

/** A block cache over one sealed block of list `ds` (number `block`), and the rows it holds. */
async function oneBlockCache(block: number, seed: number) {
  const k = await key();
  const rows = awkwardRows(1000, block * 1000, seed);
  const id = `ds:${String(block).padStart(6, '0')}`;
  const sealed = await sealBlock(k, id, rows);
  const rec = (wanted: string) => (wanted === id ? { id, sealed } : undefined);
  const tables = { blocks: { get: async (wanted: string) => rec(wanted), bulkGet: async (ids: string[]) => ids.map(rec) } } as unknown as ContactTables;
  return { cache: new BlockCache(tables, k), rows };
}

describe('a block read row by row', () => {
  it('gives every row as the whole block parses it, with awkward values in every field', async () => {
    const k = await key();
    for (const seed of [1, 2, 3]) {
      const rows = awkwardRows(1000, seed * 1000, seed);
      const id = `d:${String(seed).padStart(6, '0')}`;
      const sealed = await sealBlock(k, id, rows);
      const whole = await openBlock(k, id, sealed, seed * 1000);
      expect(whole).toEqual(rows);
      const lazy = await openBlockLazily(k, id, sealed, seed * 1000);
      // Out of order, and each row twice.
      const order = [...rows.keys()].sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000));
      for (const i of [...order, ...order]) expect(lazy.row(i)).toEqual(whole[i]);
      expect([lazy.row(1000), lazy.row(-1), lazy.row(1.5)]).toEqual([undefined, undefined, undefined]);
      expect(lazy.rows()).toEqual(whole);
    }
  });

  it('parses only the rows asked for, not the other 999', async () => {
    const k = await key();
    const rows = awkwardRows(1000, 0, 9);
    const sealed = await sealBlock(k, 'd:000000', rows);
    const parsed: number[] = [];
    const parse = JSON.parse;
    vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      parsed.push(text.length);
      return parse(text, reviver);
    });
    const lazy = await openBlockLazily(k, 'd:000000', sealed, 0);
    expect(lazy.row(500)).toEqual(rows[500]);
    expect(lazy.row(3)).toEqual(rows[3]);
    const whole = textOf(rows).length;
    expect(parsed).toHaveLength(2);
    for (const n of parsed) expect(n).toBeLessThan(whole / 50);
  });

  it('the block cache reads a lookup’s row without parsing its block whole, and a whole block for those that want it', async () => {
    const { cache, rows } = await oneBlockCache(3, 4);
    const parsed: number[] = [];
    const parse = JSON.parse;
    vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      parsed.push(text.length);
      return parse(text, reviver);
    });
    await cache.prefetch('ds', [3]);
    expect(await cache.row('ds', 3421)).toEqual(rows[421]);
    expect(Math.max(...parsed)).toBeLessThan(textOf(rows).length / 50);
    expect(await cache.rows('ds', 3)).toEqual(rows);
    expect(await cache.row('ds', 3999)).toEqual(rows[999]);
    // A block that is not there: no rows, no row.
    expect(await cache.rows('ds', 4)).toEqual([]);
    expect(await cache.row('ds', 4000)).toBeUndefined();
  });
});

describe('text not shaped as rows', () => {
  const shapes: [string, string][] = [
    ['empty list', '[]'],
    ['white space between rows', '[[1,"a"], [2,"b"]]'],
    ['a row that is not a list', '[[1,"a"],2]'],
    ['an object as a row', '[{"a":1}]'],
    ['a trailing comma', '[[1,"a"],]'],
    ['two commas', '[[1,"a"],,[2,"b"]]'],
    ['a string at the top', '["a"]'],
    ['not a list', '{"a":[1]}'],
    ['unclosed', '[[1,"a"]'],
    ['unterminated string', '[[1,"a]]'],
    ['nothing', ''],
  ];
  /** What opening a block did before it could be read row by row: parse it whole, then unpack each row. */
  const before = (text: string) =>
    (JSON.parse(text) as unknown[][]).map(([line, customerNo, name, kana, postcode, address, email, phone, segment, extra], row) => ({ row, line, customerNo, name, kana, postcode, address, email, phone, segment, extra }));
  for (const [name, text] of shapes) {
    it(`${name}: row by row reads what a whole parse read, or fails as it failed`, () => {
      const bytes = utf8(text);
      if (name === 'empty list') expect(rowSpans(bytes)).toEqual(new Uint32Array(0));
      else expect(rowSpans(bytes)).toBeNull();
      let want: unknown[] | Error;
      try {
        want = before(text);
      } catch (e) {
        want = e as Error;
      }
      for (const i of [0, 1]) {
        const block = new OpenedBlock(deflateSync(bytes), 0);
        if (want instanceof Error) expect(() => block.row(i)).toThrow(want.constructor as typeof Error);
        else expect(block.row(i)).toEqual(want[i]);
      }
    });
  }
});

describe('the lock', () => {
  it('zeroes an opened block’s bytes and the room its text was read from; a search still running then finds no row there', () => {
    const rows = awkwardRows(50, 0, 5);
    const deflated = deflateSync(textOf(rows));
    const block = new OpenedBlock(deflated, 0);
    expect(block.row(7)).toEqual(rows[7]);
    block.wipe();
    expect(deflated.every((b) => b === 0)).toBe(true);
    expect([block.row(7), block.row(8)]).toEqual([undefined, undefined]);
    expect(block.rows()).toEqual([]);
    // Parsed whole before the lock: let go as well.
    const whole = new OpenedBlock(deflateSync(textOf(rows)), 0);
    expect(whole.rows()).toEqual(rows);
    whole.wipe();
    expect([whole.rows(), whole.row(0)]).toEqual([[], undefined]);
  });

  it('a block whose text the room held reads its rows again after another block used the room, or after the lock zeroed it', () => {
    const a = awkwardRows(1000, 0, 8);
    const b = awkwardRows(1000, 1000, 9);
    const blockA = new OpenedBlock(deflateSync(textOf(a)), 0);
    const blockB = new OpenedBlock(deflateSync(textOf(b)), 1000);
    expect(blockA.row(3)).toEqual(a[3]);
    expect(blockB.row(3)).toEqual(b[3]);
    // A's text was overwritten by B's: A inflates again, and reads its own rows, not B's.
    expect(blockA.row(998)).toEqual(a[998]);
    expect(blockB.row(997)).toEqual(b[997]);
    // The lock zeroes the room: a row asked for afterwards is read from the block's own bytes, not from zeros.
    wipeInflateRoom();
    expect(blockB.row(500)).toEqual(b[500]);
    expect(blockA.rows()).toEqual(a);
    expect(blockB.rows()).toEqual(b);
  });

  it('the block cache wipes every block it opened, and opens them again afterwards', async () => {
    const { cache, rows } = await oneBlockCache(0, 6);
    const wiped = vi.spyOn(OpenedBlock.prototype, 'wipe');
    expect(await cache.row('ds', 12)).toEqual(rows[12]);
    cache.wipe();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(wiped).toHaveBeenCalledTimes(1);
    // Unlocked again: the block is read afresh, whole.
    expect(await cache.row('ds', 12)).toEqual(rows[12]);
  });
});
