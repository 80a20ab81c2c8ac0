/**
 * `utf8(JSON.stringify(value))`, byte for byte, without building the text of long arrays of
 * integers: a batch of everyone names tens of millions of rows, and its payload's JSON was
 * made as a string of ~170 MB and then encoded again (about 1.7 s at 20M rows, issue 17).
 * Such arrays are written as ASCII digits straight into the bytes; everything else goes
 * through JSON.stringify as before.
 */
import { utf8 } from './bytes';

/** Arrays at least this long are checked for being all safe integers. */
const LONG = 1024;

function integers(v: unknown): v is number[] {
  if (!Array.isArray(v) || v.length < LONG) return false;
  for (let i = 0; i < v.length; i++) if (!Number.isSafeInteger(v[i])) return false;
  return true;
}

/** Bytes of `[a,b,…]` for safe integers. */
function digitsLength(xs: readonly number[]): number {
  let n = 2 + Math.max(0, xs.length - 1);
  for (let i = 0; i < xs.length; i++) {
    let x = xs[i]!;
    if (x < 0) {
      n++;
      x = -x;
    }
    n += x < 10 ? 1 : x < 100 ? 2 : x < 1e3 ? 3 : x < 1e4 ? 4 : x < 1e5 ? 5 : x < 1e6 ? 6 : x < 1e7 ? 7 : x < 1e8 ? 8 : x < 1e9 ? 9 : String(x).length;
  }
  return n;
}

function writeIntegers(xs: readonly number[], out: Uint8Array, at: number): number {
  out[at++] = 0x5b; // [
  for (let i = 0; i < xs.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ,
    let x = xs[i]!;
    if (x < 0) {
      out[at++] = 0x2d; // -
      x = -x;
    }
    if (x < 1e9) {
      let end = at + (x < 10 ? 1 : x < 100 ? 2 : x < 1e3 ? 3 : x < 1e4 ? 4 : x < 1e5 ? 5 : x < 1e6 ? 6 : x < 1e7 ? 7 : x < 1e8 ? 8 : 9);
      at = end;
      do {
        const q = (x / 10) | 0;
        out[--end] = 0x30 + x - q * 10;
        x = q;
      } while (x > 0);
    } else {
      const s = String(x);
      for (let k = 0; k < s.length; k++) out[at++] = s.charCodeAt(k);
    }
  }
  out[at++] = 0x5d; // ]
  return at;
}

export function jsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  const long: number[][] = [];
  // A mark no text of the value holds by chance: random, with a NUL that JSON escapes.
  let mark = '';
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!integers(v)) return v;
    mark ||= `\u0000${crypto.getRandomValues(new Uint32Array(2)).join('.')}\u0000`;
    long.push(v);
    return mark;
  }) as string | undefined;
  if (text === undefined || long.length === 0) return utf8(text as string);
  const quoted = JSON.stringify(mark);
  const parts = text.split(quoted);
  if (parts.length !== long.length + 1) return utf8(JSON.stringify(value));
  const encoded = parts.map(utf8);
  let size = 0;
  for (const p of encoded) size += p.byteLength;
  for (const xs of long) size += digitsLength(xs);
  const out = new Uint8Array(size);
  let at = 0;
  encoded.forEach((p, i) => {
    out.set(p, at);
    at += p.byteLength;
    if (i < long.length) at = writeIntegers(long[i]!, out, at);
  });
  return out;
}
