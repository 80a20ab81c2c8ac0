/**
 * The faster index codec (decision 043) against the one it replaced (decision 042, kept
 * unchanged as a reference in test-index-reference.ts): every byte string must decode to the
 * same triples or be refused by both, the writer must give the same bytes, and the CRC the
 * same checksum as a plain bytewise one. Inputs are a stranger's: real segments and merged
 * pages of generated customers, mutated and reframed (so the structure's own checks are
 * reached, not only the checksum's), hand-built varints of 1 to 10 bytes at every place a
 * varint is read, counts at the limit, and random bytes.
 */
import { describe, expect, it } from 'vitest';
import { keysByDefinition } from '../../../shared/contacts/keys.fixture';
import { Tokenizer } from '../../../shared/contacts/tokens';
import { buildIndexParts } from './index-build';
import { crc32, framePacked, packEntries, unpackEntries } from './index-codec';
import { buildPages } from './index-merge';
import { randomPicks } from './test-random';
import { agree, oldCrc, oldPack, oldUnpack, same, show, TWO32, varintOf } from './test-index-reference';

const gen = randomPicks;

const minimal = (v: number) => {
  let L = 1;
  while (v >= 128 ** L) L++;
  return varintOf(v, L);
};

/** Real records: a chunk's segments and the merged pages of the same entries, of generated customers. */
async function realRecords(): Promise<Uint8Array[]> {
  const tokenizer = await Tokenizer.create(new Uint8Array(32).fill(41));
  const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴ';
  const g = gen(20261203);
  const fam = Array.from({ length: 60 }, (_, i) => KANA[(i * 7) % KANA.length]! + KANA[(i * 13 + 3) % KANA.length]! + KANA[(i * 5 + 1) % KANA.length]!);
  const keys = Array.from({ length: 3000 }, (_, i) =>
    keysByDefinition({
      customerNo: g.int(9) === 0 ? `Ｃ${i}` : `C-${i}`,
      name: `姓${i % 60} 名${g.int(40)}`,
      kana: `${fam[Math.floor(60 ** (g.u32() / 2 ** 32))] ?? fam[0]} ${fam[g.int(60)]}`,
      postcode: g.int(7) === 0 ? '' : `${100 + g.int(30)}-${String(g.int(10_000)).padStart(4, '0')}`,
      email: g.int(5) === 0 ? '' : `u${i}@example.jp`,
      phone: g.int(6) === 0 ? '' : `０９０-${String(g.int(10_000)).padStart(4, '0')}-${String(i).padStart(4, '0')}`,
    }),
  );
  const parts = buildIndexParts(tokenizer, 7_000_000, keys);
  const out: Uint8Array[] = [];
  for (const p of parts) {
    out.push(packEntries(p.entries));
    for (const page of buildPages('d', `d|${p.kind}|00|`, [p.entries], { page: 64, big: 8, bigPage: 40 })) out.push(page.packed!);
  }
  return out;
}

describe('the faster index codec decodes and writes exactly as the one before (decision 043)', () => {
  it('the CRC-32 equals a bytewise one on every length and offset, and on records of every size', () => {
    const g = gen(77);
    const bytes = Uint8Array.from({ length: 300 }, () => g.u32() & 255);
    for (let len = 0; len <= bytes.length; len++) for (let from = 0; from <= Math.min(len + 2, 20); from++) expect(crc32(bytes.subarray(0, len), from)).toBe(oldCrc(bytes.subarray(0, len), from));
    // A view into a larger buffer (a record's bytes read out of a structured clone may be one), at odd offsets.
    for (let off = 0; off < 16; off++) for (const len of [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255]) expect(crc32(bytes.subarray(off, off + len), 3)).toBe(oldCrc(bytes.subarray(off, off + len), 3));
    const big = Uint8Array.from({ length: 200_003 }, () => g.u32() & 255);
    expect(crc32(big, 5)).toBe(oldCrc(big, 5));
    expect(crc32(new Uint8Array(100_000).fill(0xff))).toBe(oldCrc(new Uint8Array(100_000).fill(0xff)));
  });

  it('writes the same bytes for every input: real segments and pages, extremes of every varint', async () => {
    for (const rec of await realRecords()) {
      const e = oldUnpack(rec)!;
      expect(Array.from(packEntries(e))).toEqual(Array.from(oldPack(e)));
    }
    const g = gen(5);
    const MAX = 0xffffffff;
    for (let seed = 0; seed < 3000; seed++) {
      const n = g.pick([0, 1, 2, 5, 40, 300]);
      const e = new Uint32Array(n * 3);
      const pool: [number, number][] = [];
      let row = g.pick([0, MAX, 2 ** 31 - 1, 2 ** 31, g.u32()]);
      for (let i = 0; i < n; i++) {
        const k = g.int(8);
        let tok: [number, number];
        if (k === 0 && pool.length) tok = g.pick(pool);
        else if (k === 1 && pool.length) {
          // NEXT deltas across every varint length, right at 2^28, 2^31, 2^35, 2^49
          const [h, l] = pool[pool.length - 1]!;
          const d = g.pick([1, 127, 128, 2 ** 28 - 1, 2 ** 28, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 35, 2 ** 49 - 1, 2 ** 49, g.u32() * 4096]);
          const sum = l + d;
          tok = [(h + Math.floor(sum / TWO32)) >>> 0, sum % TWO32];
        } else tok = [g.pick([0, 1, MAX, g.u32(), g.u32()]), g.pick([0, MAX, g.u32()])];
        pool.push(tok);
        const r = g.int(7);
        row = r === 0 ? row : r === 1 ? g.pick([0, MAX, 2 ** 30, 2 ** 31, 2 ** 31 + 1, 2 ** 28]) : r === 2 ? g.u32() : (row + g.pick([1, 63, 64, 2 ** 27, 2 ** 30])) >>> 0;
        e.set([tok[0], tok[1], row], i * 3);
      }
      const want = oldPack(e);
      const got = packEntries(e);
      if (show(got) !== show(want) || got.length !== want.length || got.some((b, i) => b !== want[i])) expect(show(got), `seed ${seed}`).toBe(show(want));
      expect(same(unpackEntries(got), e)).toBe(true);
    }
  });

  it('decodes a million mutated real records exactly as before: same triples, or refused by both', async () => {
    const records = await realRecords();
    expect(records.length).toBeGreaterThan(1500);
    const g = gen(1203);
    let decoded = 0;
    let total = 0;
    const SPECIAL = [0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0x81, 0xfe, 0xff];
    while (total < 1_000_000) {
      const rec = g.pick(records);
      agree(rec, 'a real record');
      const body = rec.subarray(5);
      for (let k = 0; k < 16; k++, total++) {
        let b: Uint8Array;
        const op = g.int(9);
        const at = g.int(body.length + 1);
        if (op === 0) {
          b = body.slice();
          if (at < b.length) b[at] = b[at]! ^ (1 << g.int(8));
        } else if (op === 1) {
          b = body.slice();
          if (at < b.length) b[at] = g.pick(SPECIAL);
        } else if (op === 2) b = body.subarray(0, at); // truncated
        else if (op === 3) {
          b = new Uint8Array(body.length + 1); // a byte inserted
          b.set(body.subarray(0, at));
          b[at] = g.pick(SPECIAL);
          b.set(body.subarray(at), at + 1);
        } else if (op === 4) {
          const drop = Math.min(at, body.length - 1); // a byte dropped
          b = Uint8Array.from([...body.subarray(0, drop), ...body.subarray(drop + 1)]);
        } else if (op === 5) {
          // the count changed: one less, one more, or the most two bytes an entry allow
          const n = oldUnpack(rec)!.length / 3;
          const L = minimal(n).length;
          const m = g.pick([n - 1, n + 1, Math.floor((body.length - L) / 2), Math.floor((body.length - L) / 2) + 1, n * 2, 0]);
          b = Uint8Array.from([...minimal(Math.max(0, m)), ...body.subarray(L)]);
        } else if (op === 6) {
          // a continuation bit set on a byte (a varint runs on into the next field)
          b = body.slice();
          if (at < b.length) b[at] = b[at]! | 128;
        } else if (op === 7) b = Uint8Array.from([...body, ...Array.from({ length: 1 + g.int(3) }, () => g.pick(SPECIAL))]);
        else {
          // two mutations of the same kind at once
          b = body.slice();
          for (let j = 0; j < 2 && b.length; j++) b[g.int(b.length)] = g.int(256);
        }
        if (agree(framePacked(b), `mutation ${op} of a real record at ${at}`)) decoded++;
      }
    }
    // Some mutations still decode (a row changed): both must give the same triples then.
    expect(decoded).toBeGreaterThan(1000);
  });

  it('varints of 1 to 10 bytes, minimal or not, at every place one is read; values at 2^28, 2^49, 2^53 and 2^56', () => {
    const VALUES = [0, 1, 2, 3, 4, 127, 128, 2 ** 14, 2 ** 21 - 1, 2 ** 28 - 1, 2 ** 28, 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 33 - 1, 2 ** 35, 2 ** 42, 2 ** 49 - 1, 2 ** 49, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 1, 2 ** 56 - 1, 2 ** 56];
    const LENS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const tok = [0, 0, 0, 7, 0xff, 0xff, 0xff, 0xf0];
    let decoded = 0;
    for (const v of VALUES) {
      for (const L of LENS) {
        const V = varintOf(v, L);
        const cases = [
          // the count
          [...V],
          [...V, 0, ...tok, 0],
          [...V, 0, ...tok, 0, 1, 2],
          // a reference (NEW, SAME, NEXT, a dictionary entry or beyond)
          [1, ...V, 0],
          [2, 0, ...tok, 0, ...V, 4],
          [3, 0, ...tok, 0, 0, ...tok, 2, ...V, 1],
          // a NEXT delta
          [2, 0, ...tok, 0, 2, ...V, 0],
          [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, ...V, 0],
          [2, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 2, ...V, 0], // past the largest token
          [2, 0, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 0, 0, 2, ...V, 0],
          // a row
          [1, 0, ...tok, ...V],
          [2, 0, ...tok, ...varintOf(2 ** 33 - 2, 5), 1, ...V],
          [2, 0, ...tok, ...V, 1, 1],
          [3, 0, ...tok, 6, 1, ...V, 3, ...V],
        ];
        for (const c of cases) {
          if (agree(framePacked(Uint8Array.from(c)), `value ${v} in ${L} bytes`)) decoded++;
          for (let cut = 0; cut < c.length; cut++) agree(framePacked(Uint8Array.from(c.slice(0, cut))), `value ${v} in ${L} bytes, cut at ${cut}`);
        }
      }
    }
    expect(decoded).toBeGreaterThan(50);
  });

  it('counts at the limit of the bytes, and random bytes of every length, framed or not', () => {
    // n entries of SAME + a one-byte row take exactly 2n bytes: the count the limit allows.
    for (const n of [1, 2, 63, 64, 127, 128, 129, 8191, 8192, 8193]) {
      const one = [0, 0, 0, 0, 1, 0, 0, 0, 2, 0];
      const body = [...minimal(n), ...one, ...Array.from({ length: 2 * (n - 1) }, (_, i) => (i % 2 ? 2 : 1))];
      const got = agree(framePacked(Uint8Array.from(body)), `count ${n}`);
      expect(got?.length).toBe(3 * n);
      agree(framePacked(Uint8Array.from([...minimal(n + 1), ...body.slice(minimal(n).length)])), `count ${n} + 1`);
      agree(framePacked(Uint8Array.from([...minimal(n + 5), ...body.slice(minimal(n).length)])), `count ${n} + 5`);
    }
    const g = gen(31337);
    for (let i = 0; i < 60_000; i++) {
      const len = g.int(i % 100 === 0 ? 3000 : 48);
      const b = new Uint8Array(len);
      // mostly small values: references and one-byte rows, where the structure is reached
      for (let j = 0; j < len; j++) b[j] = g.int(4) === 0 ? g.u32() & 255 : g.int(6);
      agree(framePacked(b), `random body ${i}`);
      agree(b, `random bytes ${i}`);
    }
  });

  it('never reads outside the bytes it is given', () => {
    const g = gen(4242);
    const records = [packEntries(Uint32Array.of(1, 2, 3, 1, 2, 9, 5, 6, 2 ** 31)), framePacked(Uint8Array.of(3, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 0x80)), framePacked(Uint8Array.of(0x85, 0x80, 0x80))];
    for (let i = 0; i < 400; i++) records.push(framePacked(Uint8Array.from({ length: g.int(40) }, () => (g.int(3) ? g.int(5) : g.u32() & 255))));
    for (const rec of records) {
      const outside: PropertyKey[] = [];
      const watched = new Proxy(rec, {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= target.length) outside.push(key);
          const v = Reflect.get(target, key, target) as unknown;
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
      expect(same(unpackEntries(watched), oldUnpack(rec))).toBe(true);
      expect(outside, show(rec)).toEqual([]);
    }
  });
});
