import { describe, expect, it } from 'vitest';
import { keysByDefinition } from '../../../shared/contacts/keys.fixture';
import { Tokenizer } from '../../../shared/contacts/tokens';
import { buildIndexParts } from './index-build';
import { crc32, framePacked, packEntries, unpackEntries } from './index-codec';
import { BIG_PAGE_ENTRIES, buildPages, PAGE_ENTRIES, pageOf } from './index-merge';

/** Seeded triples: tokens from a pool of `distinct` (some shared, some not), rows ascending or not. */
function randomEntries(seed: number, n: number, distinct: number, ascending: boolean): Uint32Array {
  let x = seed;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const pool = Array.from({ length: distinct }, () => [rnd(), rnd()] as const);
  // Tokens close together too (a sorted page's neighbours), and the extremes.
  pool.push([0, 0], [0xffffffff, 0xffffffff], [7, 0xffffffff], [8, 0], [8, 1]);
  const out = new Uint32Array(n * 3);
  let row = rnd() % 1000;
  for (let i = 0; i < n; i++) {
    const [hi, lo] = pool[rnd() % pool.length]!;
    row = ascending ? row + (rnd() % 300) : rnd() % 5 === 0 ? 0xffffffff - (rnd() % 3) : rnd() % 20_000_000;
    out.set([hi, lo, row >>> 0], i * 3);
  }
  return out;
}

const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴザジズゼゾダデバビブベボパピプペポ';
/** Customers whose names are common or rare as real ones are (log-uniform over 20,000 family and 5,000 given names). */
function customer(i: number) {
  let x = Math.imul(i + 1, 2654435761) >>> 0;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const word = (n: number, len: number) => Array.from({ length: len }, (_, k) => KANA[(n * 7919 + k * 104729) % KANA.length]!).join('');
  const fam = Math.floor(20_000 ** rnd());
  const giv = Math.floor(5_000 ** rnd());
  return {
    customerNo: `C${i}`,
    name: `姓${fam} 名${giv}`,
    kana: `${word(fam, 3 + (fam % 3))} ${word(giv + 7, 2 + (giv % 3))}`,
    postcode: `${100 + Math.floor(rnd() * 800)}-${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}`,
    email: i % 11 === 0 ? '' : `c${i.toString(36)}@example.jp`,
    phone: i % 17 === 0 ? '' : `090-${String(Math.floor(i / 10_000) % 10_000).padStart(4, '0')}-${String(i % 10_000).padStart(4, '0')}`,
  };
}

describe('the stored form of the search index', () => {
  it('gives back every entry exactly, in the order given', () => {
    for (const [seed, n, distinct, ascending] of [
      [1, 0, 1, true],
      [2, 1, 1, true],
      [3, 500, 3, true],
      [4, 500, 5_000, true],
      [5, 3_000, 40, false],
      [6, 3_000, 3_000, false],
    ] as const) {
      const entries = randomEntries(seed, n, distinct, ascending);
      expect(unpackEntries(packEntries(entries))).toEqual(entries);
      // Sorted by token then row, as a merged page holds them.
      const order = Array.from({ length: n }, (_, i) => i * 3).sort((a, b) => entries[a]! - entries[b]! || entries[a + 1]! - entries[b + 1]! || entries[a + 2]! - entries[b + 2]!);
      const sorted = Uint32Array.from(order.flatMap((at) => [entries[at]!, entries[at + 1]!, entries[at + 2]!]));
      expect(unpackEntries(packEntries(sorted))).toEqual(sorted);
    }
  });

  it('is about half the size of the triples for a chunk of customers, and smaller still once merged', async () => {
    const tokenizer = await Tokenizer.create(new Uint8Array(32).fill(9));
    const first = 3_000_000;
    const keys = Array.from({ length: 20_000 }, (_, i) => keysByDefinition(customer(first + i)));
    const parts = buildIndexParts(tokenizer, first, keys);
    let [raw, packed] = [0, 0];
    for (const p of parts) {
      const bytes = packEntries(p.entries);
      expect(unpackEntries(bytes)).toEqual(p.entries);
      raw += p.entries.byteLength;
      packed += bytes.length;
    }
    expect(packed / raw).toBeLessThan(0.6);
    // The same entries as merged pages (sorted by token).
    let merged = 0;
    for (const p of parts) for (const page of buildPages('d', `d|${p.kind}|00|`, [p.entries])) merged += page.packed!.length;
    expect(merged / raw).toBeLessThan(0.6);
  });

  it('refuses bytes that are not a packed record, without reading past them', () => {
    const good = packEntries(randomEntries(7, 200, 20, true));
    expect(unpackEntries(new Uint8Array(0))).toBeNull();
    expect(unpackEntries(Uint8Array.of(2, 0))).toBeNull(); // another version
    for (let cut = 0; cut < good.length; cut++) expect(unpackEntries(good.subarray(0, cut))).toBeNull();
    // Trailing bytes, framed or not.
    expect(unpackEntries(Uint8Array.from([...good, 0]))).toBeNull();
    expect(unpackEntries(framePacked(Uint8Array.from([...good.subarray(5), 0])))).toBeNull();
    // A count far beyond the bytes is refused before anything is allocated for it.
    expect(unpackEntries(framePacked(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0)))).toBeNull();
    // A reference to a token not given yet; "the same token" first; a row below zero.
    expect(unpackEntries(framePacked(Uint8Array.of(1, 3, 0)))).toBeNull();
    expect(unpackEntries(framePacked(Uint8Array.of(1, 1, 0)))).toBeNull();
    expect(unpackEntries(framePacked(Uint8Array.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 2, 1)))).toBeNull();
    // …and the same entry with a row of zero is one.
    expect(unpackEntries(framePacked(Uint8Array.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0)))).toEqual(Uint32Array.of(1, 2, 0));
    // Random bodies never throw.
    let x = 11;
    for (let i = 0; i < 2_000; i++) {
      const body = Uint8Array.from({ length: 2 + (i % 40) }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
      const got = unpackEntries(framePacked(body));
      if (got) expect(got.length % 3).toBe(0);
    }
  });

  it('a record with any one bit changed is refused (a triple spoilt one entry; a packed record would spoil every entry after it)', () => {
    const good = packEntries(randomEntries(8, 300, 40, true));
    for (let at = 0; at < good.length; at++) {
      for (let bit = 0; bit < 8; bit++) {
        const bytes = good.slice();
        bytes[at] = bytes[at]! ^ (1 << bit);
        expect(unpackEntries(bytes), `byte ${at} bit ${bit}`).toBeNull();
      }
    }
  });

  it('checks records with the standard CRC-32, whatever their length and where the checked part starts', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    // One byte at a time, as the table-driven CRC is defined: eight at a time must agree.
    const slow = (bytes: Uint8Array, from: number) => {
      let c = -1;
      for (let i = from; i < bytes.length; i++) {
        c ^= bytes[i]!;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      return (c ^ -1) >>> 0;
    };
    let x = 99;
    const bytes = Uint8Array.from({ length: 80 }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
    for (let len = 0; len <= bytes.length; len++) for (let from = 0; from <= Math.min(len, 9); from++) expect(crc32(bytes.subarray(0, len), from), `${len} from ${from}`).toBe(slow(bytes.subarray(0, len), from));
  });

  it('cuts merged pages large enough that the browser keeps each in a file of its own (over 64 KiB), where a bulk read is fastest', () => {
    // Customer numbers: one row a token, tokens spread over one bucket's share of the space
    // (keyed hashes; a page holds one bucket, whose tokens share their first byte, so sorted
    // neighbours are stored as differences), rows anywhere in the list. From the sparsest list
    // whose bucket fills a page (≈ 2.1M customers) to 20M.
    let x = 5;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const pages = [];
    for (const customers of [2_150_000, 6_300_000, 20_000_000]) {
      const perBucket = Math.round(customers / 256);
      const distinct = new Uint32Array(3 * perBucket);
      for (let i = 0; i < distinct.length; i += 3) distinct.set([rnd() >>> 8, rnd(), rnd() % customers], i);
      const cut = buildPages('d', 'd|no|00|', [distinct]);
      const full = Math.floor(perBucket / PAGE_ENTRIES);
      expect(cut.map((p) => pageOf('d|no|00|', p.id).n)).toEqual([...Array.from({ length: full }, () => PAGE_ENTRIES), perBucket - full * PAGE_ENTRIES]);
      for (const p of cut.slice(0, full)) expect(p.packed!.length, `${customers} customers`).toBeGreaterThan(65_536);
      pages.push(...cut);
    }
    // A common kana prefix: 200,000 rows of one token, about one customer in thirty.
    const big = new Uint32Array(3 * 200_000);
    for (let i = 0, row = 0; i < big.length; i += 3) big.set([0x12345678, 0x9abcdef0, (row += 1 + (rnd() % 56))], i);
    const own = buildPages('d', 'd|kp2|12|', [big]);
    expect(own.map((p) => pageOf('d|kp2|12|', p.id).n)).toEqual([BIG_PAGE_ENTRIES, BIG_PAGE_ENTRIES, BIG_PAGE_ENTRIES, 200_000 - 3 * BIG_PAGE_ENTRIES]);
    for (const p of own.slice(0, -1)) expect(p.packed!.length).toBeGreaterThan(65_536);
    for (const p of [...pages, ...own]) expect(pageOf(p.id.slice(0, p.id.indexOf('~')), p.id).all).toBe(own.includes(p));
  });
});
