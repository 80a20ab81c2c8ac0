/**
 * A block opens to the rows it was sealed from, whatever its size, in whatever order blocks
 * are opened: blocks are inflated into room kept from one to the next (block-codec.ts), grown
 * when a block fills it, and a block over its largest size gets a buffer of its own.
 */
import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ContactRow } from '../../../shared/contacts/model';
import { utf8 } from '../../../shared/vault/bytes';
import { deflateRaw, inflateBlock, openBlock, sealBlock } from './block-codec';

const key = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

let seed = 11;
const rnd = (m: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % m);
/** Text that does not compress: deflate keeps it in stored blocks. */
const noise = (n: number) => Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + rnd(20000))).join('');

function rows(n: number, first: number, extra: (i: number) => string[]): ContactRow[] {
  return Array.from({ length: n }, (_, i) => ({
    row: first + i, line: first + i + 2, customerNo: `C${first + i}`, name: `山田 ${i}`, kana: 'ヤマダ タロウ', postcode: '1000001',
    address: `東京都千代田区${i}`, email: `u${i}@example.jp`, phone: `0312345${i}`, segment: String(i % 7), extra: extra(i),
  }));
}

describe('blocks opened one after another', () => {
  it('open to their rows: small, over the kept room (1 MiB), over its largest size (8 MiB), and small again', async () => {
    const k = await key();
    const small = rows(1000, 0, () => []);
    // ~3 MB of text that does not compress, then ~12 MB: the room grows, then is not enough.
    const large = rows(50, 1000, () => [noise(20_000)]);
    const huge = rows(40, 2000, () => [noise(100_000)]);
    const blocks = [small, large, small, huge, large, small];
    for (const [i, b] of blocks.entries()) {
      const id = `d:${String(i).padStart(6, '0')}`;
      expect(await openBlock(k, id, await sealBlock(k, id, b), b[0]!.row)).toEqual(b);
    }
  });

  it('keeps what an earlier block opened to when a later one is inflated into the same room', async () => {
    const k = await key();
    const a = rows(1000, 0, (i) => [`a${i}`]);
    const b = rows(1000, 1000, (i) => [`b${i}`]);
    const openedA = await openBlock(k, 'd:000000', await sealBlock(k, 'd:000000', a), 0);
    await openBlock(k, 'd:000001', await sealBlock(k, 'd:000001', b), 1000);
    expect(openedA).toEqual(a);
  });

  it('inflates stored (uncompressed) deflate blocks bigger than the room, and refuses damaged bytes without hanging', () => {
    const text = JSON.stringify([noise(600_000)]); // ~1.8 MB of UTF-8, kept as stored blocks at level 0
    expect(inflateBlock(deflateSync(utf8(text), { level: 0 }))).toBe(text);
    expect(inflateBlock(deflateSync(utf8(text), { level: 6 }))).toBe(text);
    expect(inflateBlock(new Uint8Array(0))).toBe('');
    const damaged = deflateSync(utf8(JSON.stringify(rows(1000, 0, () => []))), { level: 6 });
    damaged[0] = 0xff; // a block type that does not exist
    expect(() => inflateBlock(damaged)).toThrow();
  });
});

describe('deflating a block', () => {
  it('gives the bytes the Blob-wrapped stream gave, and inflates back to them, whatever their size', async () => {
    const before = async (b: Uint8Array<ArrayBuffer>) => new Uint8Array(await new Response(new Blob([b]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    // Empty, one byte, text that compresses, and noise over several of the stream's chunks.
    for (const b of [new Uint8Array(0), utf8('x'), utf8(JSON.stringify(rows(1000, 0, () => []))), utf8(noise(400_000))]) {
      const now = await deflateRaw(b);
      // Compared whole (toEqual walks a megabyte element by element for seconds).
      const same = (x: Uint8Array, y: Uint8Array) => x.length === y.length && x.every((v, i) => v === y[i]);
      expect(same(now, await before(b))).toBe(true);
      expect(same(inflateSync(now), b)).toBe(true);
      // A text is deflated as its UTF-8.
      expect(same(await deflateRaw(new TextDecoder().decode(b)), now)).toBe(true);
    }
  });
});
