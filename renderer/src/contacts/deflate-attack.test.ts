/**
 * Attacks on deflateRaw without a Blob (decision 053): the same bytes as the Blob
 * path for empty, one byte, text vs bytes, views into a larger buffer, output in many
 * pieces, many at once; and a write the stream refuses must fail the call, not hang it.
 */
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../shared/vault/bytes';
import { deflateRaw } from './block-codec';

/** The path before decision 053: a Blob around the bytes piped through the stream. */
async function viaBlob(plain: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([plain]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

let seed = 53;
const noise = (n: number) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
  return out;
};
// Bytes compared natively (toEqual walks megabytes element by element).
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'hung'>((ok) => setTimeout(() => ok('hung'), ms))]);

describe('deflateRaw, written to the stream and read back', () => {
  it.each([
    ['empty bytes', new Uint8Array(0)],
    ['empty text', ''],
    ['one byte', Uint8Array.of(0)],
    ['lone surrogates and NUL as text', '\ud800a\udfff\u0000\u2028'],
    ['4 MB of noise (many output pieces)', noise(4 << 20)],
    ['1 MB of one byte', new Uint8Array(1 << 20).fill(65)],
  ] as [string, string | Uint8Array<ArrayBuffer>][])('%s: the bytes of the Blob path, and they inflate back', async (_, plain) => {
    const out = await deflateRaw(plain);
    expect(same(out, await viaBlob(plain))).toBe(true);
    expect(out.byteLength).toBe(out.buffer.byteLength);
    expect(same(inflateSync(out), typeof plain === 'string' ? utf8(plain) : plain)).toBe(true);
  });

  it('a view into a larger buffer deflates only its own bytes', async () => {
    const big = noise(300_000);
    const view = big.subarray(1234, 200_000) as Uint8Array<ArrayBuffer>;
    expect(same(inflateSync(await deflateRaw(view)), view.slice())).toBe(true);
  });

  it('text and its UTF-8 bytes give the same bytes', async () => {
    const text = JSON.stringify([[2, 'C1', '山田 花子', 'ヤマダ', '', '東京都', '', '', '𠮷', ['\ud83d']]]);
    expect(await deflateRaw(text)).toEqual(await deflateRaw(utf8(text)));
  });

  it('200 blocks at once each get their own bytes', async () => {
    const inputs = Array.from({ length: 200 }, (_, i) => noise(1000 + i * 37));
    const outs = await Promise.all(inputs.map((b) => deflateRaw(b)));
    outs.forEach((o, i) => expect(same(inflateSync(o), inputs[i]!)).toBe(true));
  });

  it('bytes the stream refuses (moved away to another worker) fail the call instead of hanging it', async () => {
    const moved = noise(1000);
    structuredClone(moved.buffer, { transfer: [moved.buffer] });
    // The Blob path rejected (TypeError); a write the stream refuses fails the call too (in
    // Node's CompressionStream the readable never errors, so the call would never settle).
    expect(await within(viaBlob(moved).then(() => 'resolved', () => 'rejected'), 2000)).toBe('rejected');
    expect(await within(deflateRaw(moved).then(() => 'resolved', () => 'rejected'), 2000)).toBe('rejected');
  });
});
