/**
 * A stranger's attack on reading a block row by row (block-codec.ts rowSpans / OpenedBlock):
 * random JSON of any shape and values, texts cut and spliced near the brackets a scanner
 * looks for, and the block cache under eviction with row and rows interleaved. A row read by
 * itself must be the row the whole parse gives; text a whole parse refuses must not show rows.
 */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ContactRow } from '../../../shared/contacts/model';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { fromUtf8, utf8 } from '../../../shared/vault/bytes';
import { OpenedBlock, openBlock, openBlockLazily, rowSpans, sealBlock } from './block-codec';
import { BlockCache } from './lookup';
import { jitteredBlocks } from './test-random';

const key = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** Characters a scanner of JSON text could trip on, and others. */
const CHARS = ['"', '\\', '[', ']', '{', '}', ',', ':', ' ', '\n', '\u0000', '\u001f', '\u2028', '😀', '\ud800', '\udc00', '髙', 'ｱ', '１', 'a', '\\"', '\\\\', '"]', '\\]'];

function randomString(rnd: () => number): string {
  let s = '';
  const n = Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) s += CHARS[Math.floor(rnd() * CHARS.length)]!;
  return s;
}

function randomValue(rnd: () => number, depth: number): unknown {
  const x = rnd();
  if (depth > 3 || x < 0.4) return randomString(rnd);
  if (x < 0.5) return Math.floor(rnd() * 1e6) - 5e5;
  if (x < 0.55) return [true, false, null, 1e21, -0.5, 1.5e-7][Math.floor(rnd() * 6)];
  if (x < 0.8) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 3) }, () => [randomString(rnd), randomValue(rnd, depth + 1)]));
}

/** What opening a block did before it could be read row by row: parse it whole, then unpack each row. */
function before(text: string): unknown[] | Error {
  try {
    return (JSON.parse(text) as unknown[][]).map(([line, customerNo, name, kana, postcode, address, email, phone, segment, extra], row) => ({
      row, line, customerNo, name, kana, postcode, address, email, phone, segment, extra,
    }));
  } catch (e) {
    return e as Error;
  }
}

/** Row by row, in a scrambled order, then whole: what each read gave (an Error when it threw). */
function lazily(bytes: Uint8Array, n: number, rnd: () => number): { rows: unknown[]; whole: unknown } {
  // A block holds its bytes as stored (deflated): each row is read from them inflated.
  const block = new OpenedBlock(deflateSync(bytes), 0);
  const order = Array.from({ length: n + 2 }, (_, i) => i).sort(() => rnd() - 0.5);
  const rows: unknown[] = new Array(n + 2);
  for (const i of order) {
    try {
      rows[i] = block.row(i);
    } catch (e) {
      rows[i] = e;
    }
  }
  let whole: unknown;
  try {
    whole = block.rows();
  } catch (e) {
    whole = e;
  }
  return { rows, whole };
}

describe('rows read one by one from JSON of any shape', () => {
  it('equal the whole parse for random rows of any JSON values, compact or indented inside a row', () => {
    const rnd = seededRandom(50);
    for (let k = 0; k < 400; k++) {
      const packed = Array.from({ length: Math.floor(rnd() * 6) }, () => Array.from({ length: Math.floor(rnd() * 12) }, () => randomValue(rnd, 1)));
      // Rows written compactly, or each row indented (white space inside a row only).
      const text = rnd() < 0.5 ? JSON.stringify(packed) : `[${packed.map((p) => JSON.stringify(p, null, 1)).join(',')}]`;
      const want = before(text) as unknown[];
      const spans = rowSpans(utf8(text));
      expect(spans, text).not.toBeNull();
      expect(spans!.length).toBe(2 * packed.length);
      const got = lazily(utf8(text), packed.length, rnd);
      for (let i = 0; i < packed.length + 2; i++) expect(got.rows[i], `${text} row ${i}`).toEqual(want[i]);
      expect(got.whole).toEqual(want);
    }
  });

  it('agree with the whole parse wherever it succeeds, for texts spliced and cut near the brackets', () => {
    const rnd = seededRandom(51);
    const PIECES = ['[', ']', '{', '}', ',', '"', '\\', ' ', '],[', '1', ''];
    let refused = 0;
    for (let k = 0; k < 5000; k++) {
      const packed = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => randomValue(rnd, 1)));
      let text = JSON.stringify(packed);
      // One to three edits: a piece inserted, a character removed.
      for (let e = 1 + Math.floor(rnd() * 3); e > 0; e--) {
        const at = Math.floor(rnd() * (text.length + 1));
        if (rnd() < 0.6) text = text.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)]! + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + 1);
      }
      // As the block holds it: UTF-8 (a lone surrogate the splice left becomes U+FFFD).
      const bytes = utf8(text);
      const want = before(fromUtf8(bytes));
      const got = lazily(bytes, Array.isArray(want) ? want.length : 6, rnd);
      if (want instanceof Error) {
        refused++;
        // Reading them all fails as the whole parse failed. (A row of such a text may still be read
        // by itself when its own bytes are whole JSON: sealed blocks are JSON.stringify's, AES-GCM
        // authenticated, and a shared list's blocks are refused unless they parse whole, list-share.ts.)
        expect(got.whole).toBeInstanceOf(Error);
      } else {
        for (let i = 0; i < want.length + 2; i++) expect(got.rows[i], `${JSON.stringify(text)} row ${i}`).toEqual(want[i]);
        expect(got.whole).toEqual(want);
      }
    }
    expect(refused).toBeGreaterThan(500);
  });
});

function rowsOf(n: number, first: number, cell: (i: number) => string): ContactRow[] {
  return Array.from({ length: n }, (_, i) => {
    const c = cell(first + i);
    return { row: first + i, line: first + i + 2, customerNo: `C${first + i}`, name: c, kana: `${c}カナ`, postcode: '', address: c, email: '', phone: '', segment: '', extra: i % 3 ? [c, ''] : [] };
  });
}

const brief = (r: ContactRow | undefined) => r && `${r.row}:${r.customerNo}:${r.name.length}:${r.name.slice(0, 8)}:${r.extra.length}`;

describe('big blocks and the shared inflate room', () => {
  it('a block over 8 MiB inflated reads row by row as it parses whole; a block opened earlier keeps its text when later ones reuse the room', async () => {
    const k = await key();
    // ~10 MiB of text: long names of 3-byte and 4-byte characters, and JSON punctuation.
    const big = rowsOf(1000, 0, (i) => (i % 2 ? '山"\\],[' : '𠮷😀{}').repeat(500 + (i % 7)));
    const small = rowsOf(1000, 1000, (i) => `小${i}`);
    const mid = rowsOf(1000, 2000, (i) => 'ｱ'.repeat(600 + i));
    const textBytes = (rows: ContactRow[]) => utf8(JSON.stringify(rows.map((r) => [r.line, r.customerNo, r.name, r.kana, r.postcode, r.address, r.email, r.phone, r.segment, r.extra]))).length;
    expect(textBytes(big)).toBeGreaterThan(8 << 20);
    expect(textBytes(mid)).toBeGreaterThan(1 << 20);
    const sealed = await Promise.all([sealBlock(k, 'd:000000', big), sealBlock(k, 'd:000001', small), sealBlock(k, 'd:000002', mid)]);
    const a = await openBlockLazily(k, 'd:000001', sealed[1]!, 1000);
    const b = await openBlockLazily(k, 'd:000002', sealed[2]!, 2000);
    const c = await openBlockLazily(k, 'd:000000', sealed[0]!, 0);
    // And once more after the big one: the room is back in use for small blocks.
    await openBlock(k, 'd:000001', sealed[1]!, 1000);
    for (const i of [999, 0, 500, 1, 998]) {
      expect(brief(a.row(i))).toBe(brief(small[i]));
      expect(brief(b.row(i))).toBe(brief(mid[i]));
      expect(brief(c.row(i))).toBe(brief(big[i]));
    }
    expect(c.row(999)).toEqual(big[999]);
    expect(a.rows()).toEqual(small);
    expect(b.rows().map(brief)).toEqual(mid.map(brief));
    expect(c.rows().map(brief)).toEqual(big.map(brief));
  });
});

describe('the block cache with row and rows interleaved, under eviction and concurrent prefetches', () => {
  it('every read gives the row as sealed, whatever the order, with a cache of 3 blocks and 8 blocks read at once', async () => {
    const k = await key();
    const blocks = 8;
    const truth = Array.from({ length: blocks }, (_, b) => rowsOf(b === blocks - 1 ? 537 : 1000, b * 1000, (i) => `${'"]'.repeat(i % 5)}名${i}\\`));
    const store = new Map<string, { id: string; sealed: Uint8Array }>();
    for (const [b, rows] of truth.entries()) {
      const id = `ds:${String(b).padStart(6, '0')}`;
      store.set(id, { id, sealed: await sealBlock(k, id, rows) });
    }
    const tables = jitteredBlocks(store, 78);
    const cache = new BlockCache(tables, k, 3);
    const rnd = seededRandom(77);
    const want = (row: number) => truth[Math.floor(row / 1000)]?.[row % 1000];
    const reads: Promise<void>[] = [];
    for (let n = 0; n < 600; n++) {
      const x = rnd();
      const b = Math.floor(rnd() * (blocks + 1));
      if (x < 0.15) reads.push(cache.prefetch('ds', [b, (b + 3) % blocks, (b + 5) % blocks]).then(() => undefined));
      else if (x < 0.3) reads.push(cache.rows('ds', b).then((rows) => expect(rows, `block ${b}`).toEqual(truth[b] ?? [])));
      else {
        const row = Math.floor(rnd() * (blocks * 1000 + 10)) - 5;
        reads.push(cache.row('ds', row).then((r) => expect(r, `row ${row}`).toEqual(want(row))));
      }
      if (n % 40 === 0) await Promise.all(reads.splice(0));
    }
    await Promise.all(reads);
  });
});
