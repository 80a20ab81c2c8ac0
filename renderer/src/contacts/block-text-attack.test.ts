/**
 * Adversarial checks of blocks packed as JSON text (packBlock → string) and encoded while
 * compressing (deflateRaw of a string, through a Blob or, without CompressionStream, fflate):
 * a sealed block opens to exactly its rows, whatever strings they hold, on both paths, and the
 * deflated bytes are those of the old UTF-8 encoding of the same JSON.
 */
import { inflateSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactRow } from '../../../shared/contacts/model';
import { deflateRaw, openBlock, packBlock, sealBlock, sealPacked } from './block-codec';
import { seededRandom as rng } from '../../../shared/testing/seeded-random';

const key = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const enc = new TextEncoder();
/** The old packBlock: UTF-8 of the same JSON. */
const oldPacked = (rows: ContactRow[]) =>
  enc.encode(JSON.stringify(rows.map((r) => [r.line, r.customerNo, r.name, r.kana, r.postcode, r.address, r.email, r.phone, r.segment, r.extra])));


const NASTY = [
  '', '\u0000', '\ud800', '\udfff', '\udc00\ud800', 'a\ud83d', '\ude00b', '\ud83d\ude00', '\u2028', '\u2029', '\ufeff', '\ufeffC0001', '\uffff', '\ufffe', '\ufffd',
  '"', '\\', '\\u0000', '</script>', '\r\n', '\n', '\t', '\u007f', '\u0085', '𠮷田', '髙橋', '﨑', '葛󠄀', '①㍻', 'ﾔﾏﾀﾞ', '𩸽', '🇯🇵', '👨‍👩‍👧', 'Ａ', '\u3000', '\u309b',
  '\udbff\udfff', '\ud800\ud800', '\udfff\udfff', 'x'.repeat(70_000), '山'.repeat(50_000), '\ud800'.repeat(10_000), '😀'.repeat(20_000),
];

function randomString(r: () => number, maxLen: number): string {
  let s = '';
  const n = Math.floor(r() * maxLen);
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.3) s += String.fromCharCode(0x20 + Math.floor(r() * 95));
    else if (x < 0.55) s += String.fromCharCode(0x4e00 + Math.floor(r() * 0x5200));
    else if (x < 0.65) s += String.fromCharCode(0xd800 + Math.floor(r() * 0x800)); // surrogate halves, paired or not by chance
    else if (x < 0.75) s += String.fromCodePoint(0x10000 + Math.floor(r() * 0x100000));
    else if (x < 0.85) s += String.fromCharCode(Math.floor(r() * 0x20));
    else s += String.fromCharCode(Math.floor(r() * 0x10000));
  }
  return s;
}

function rowsFrom(cells: string[], first: number): ContactRow[] {
  return cells.map((c, i) => ({
    row: first + i, line: first + i + 2, customerNo: c, name: c, kana: `${c}カナ`, postcode: c.slice(0, 3), address: `${c}${c}`,
    email: `a${c}@x.jp`, phone: c, segment: c.slice(-2), extra: [c, '', c.split('').reverse().join('')],
  }));
}

const esc = (v: unknown) => JSON.stringify(v)?.slice(0, 80);
/** The first difference between two row lists, briefly (toEqual's diff of megabyte cells never ends). */
function firstDiff(got: ContactRow[], want: ContactRow[]): string | null {
  if (got.length !== want.length) return `${got.length} rows, want ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as unknown as Record<string, unknown>;
    const w = want[i] as unknown as Record<string, unknown>;
    for (const f of Object.keys(w)) {
      const a = JSON.stringify(g[f]);
      const b = JSON.stringify(w[f]);
      if (a !== b) {
        let at = 0;
        while (at < a.length && a[at] === b[at]) at++;
        return `row ${i} ${f} differs at ${at}: got ${esc(a.slice(at, at + 30))} want ${esc(b.slice(at, at + 30))}`;
      }
    }
  }
  return null;
}
const same = (got: ContactRow[], want: ContactRow[]) => expect(firstDiff(got, want)).toBeNull();
const sameBytes = (got: Uint8Array, want: Uint8Array) => {
  let at = 0;
  while (at < got.length && at < want.length && got[at] === want[at]) at++;
  expect(at === got.length && at === want.length ? null : `bytes differ at ${at} (lengths ${got.length}, ${want.length})`).toBeNull();
};

async function roundTrip(rows: ContactRow[]) {
  const k = await key();
  const id = 'd:000001';
  const sealed = await sealBlock(k, id, rows);
  same(await openBlock(k, id, sealed, rows[0]?.row ?? 0), rows);
  // The bytes compressed are the old UTF-8 JSON, byte for byte.
  const text = packBlock(rows);
  expect(typeof text).toBe('string');
  sameBytes(inflateSync(await deflateRaw(text)), oldPacked(rows));
  // Through a structured clone (what a worker receives now that the text is copied, not moved).
  const cloned = structuredClone({ plain: text }).plain;
  expect(cloned === text).toBe(true);
  same(await openBlock(k, id, await sealPacked(k, id, cloned), rows[0]?.row ?? 0), rows);
  // Bytes still accepted (sealPacked's other type), as blocks sealed the old way.
  same(await openBlock(k, id, await sealPacked(k, id, oldPacked(rows) as Uint8Array<ArrayBuffer>), rows[0]?.row ?? 0), rows);
}

for (const path of ['native CompressionStream', 'fflate fallback'] as const) {
  describe(`blocks as text (${path})`, () => {
    const setup = () => {
      if (path === 'fflate fallback') vi.stubGlobal('CompressionStream', undefined);
    };
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('the path is the one meant', () => {
      setup();
      expect(typeof CompressionStream === 'undefined').toBe(path === 'fflate fallback');
    });

    it('hand-picked nasty cells: lone surrogates, NUL, U+2028, BOM, emoji, names outside Shift_JIS, long cells', async () => {
      setup();
      await roundTrip(rowsFrom(NASTY, 0));
      for (const c of NASTY.slice(0, 25)) await roundTrip(rowsFrom([c], 7));
    });

    it('an empty block, and one row of empty strings', async () => {
      setup();
      const k = await key();
      expect(packBlock([])).toBe('[]');
      expect(await openBlock(k, 'e', await sealBlock(k, 'e', []), 0)).toEqual([]);
      await roundTrip(rowsFrom([''], 0));
    });

    it('random rows of random code units (seeded)', async () => {
      setup();
      const r = rng(path === 'native CompressionStream' ? 1 : 2);
      for (let b = 0; b < 12; b++) {
        const cells = Array.from({ length: 40 }, () => randomString(r, 60));
        await roundTrip(rowsFrom(cells, b * 1000));
      }
    });

    it('deflateRaw of any text is deflate of TextEncoder bytes (lone surrogates as U+FFFD)', async () => {
      setup();
      const r = rng(3);
      const texts = [...NASTY.slice(0, 40), ...Array.from({ length: 200 }, () => randomString(r, 200))];
      for (const t of texts) sameBytes(inflateSync(await deflateRaw(t)), enc.encode(t));
    });

    it('a block over 8 MiB of UTF-8 made of astral characters and surrogate halves', async () => {
      setup();
      // Each cell is written ~9 times in a row's JSON: ~11 MB of UTF-8, over the 8 MiB room.
      const big = '😀'.repeat(150_000) + '\ud800' + '𠮷'.repeat(150_000);
      const rows = rowsFrom([big.slice(0, 300_001), big.slice(300_001)], 0);
      expect(packBlock(rows).length * 1.9).toBeGreaterThan(8 << 20);
      await roundTrip(rows);
    });
  });
}
