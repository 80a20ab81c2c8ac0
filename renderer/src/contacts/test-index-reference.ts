/**
 * The blind-index codec as it was before decision 043's faster one (decision 042), kept
 * unchanged as the reference the faster decoder and writer are held to, byte for byte
 * (index-codec-diff.test.ts, index-codec-attack2.test.ts), with what both compare by. Tests only.
 */
import { unpackEntries } from './index-codec';

export const TWO32 = 4294967296;
const NEXT_LIMIT = 2 ** 49;
const OLD_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
export function oldCrc(bytes: Uint8Array, from = 0): number {
  let c = -1;
  for (let i = from; i < bytes.length; i++) c = OLD_TABLE[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
export function oldPack(entries: Uint32Array): Uint8Array {
  const n = Math.floor(entries.length / 3);
  const out = new Uint8Array(16 + n * 14);
  let p = 0;
  const varint = (v: number) => {
    while (v >= 128) {
      out[p++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    out[p++] = v;
  };
  const word = (w: number) => {
    out[p++] = w >>> 24;
    out[p++] = (w >>> 16) & 255;
    out[p++] = (w >>> 8) & 255;
    out[p++] = w & 255;
  };
  p = 5;
  varint(n);
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size);
  const his = new Uint32Array(n);
  const los = new Uint32Array(n);
  let known = 0;
  let ph = -1;
  let pl = -1;
  let nh = -1;
  let nl = -1;
  let prevRow = 0;
  for (let e = 0; e < n * 3; e += 3) {
    const hi = entries[e]!;
    const lo = entries[e + 1]!;
    if (hi === ph && lo === pl) out[p++] = 1;
    else {
      let s = (Math.imul(lo ^ hi, 0x9e3779b1) >>> 0) & mask;
      let found = -1;
      for (let k = slots[s]!; k > 0; s = (s + 1) & mask, k = slots[s]!) {
        if (his[k - 1] === hi && los[k - 1] === lo) {
          found = k - 1;
          break;
        }
      }
      if (found >= 0) varint(3 + found);
      else {
        const delta = nh < 0 || hi < nh || hi - nh >= 0x100000 ? -1 : (hi - nh) * TWO32 + (lo - nl);
        if (delta > 0 && delta < NEXT_LIMIT) {
          out[p++] = 2;
          varint(delta);
        } else {
          out[p++] = 0;
          word(hi);
          word(lo);
        }
        his[known] = hi;
        los[known] = lo;
        slots[s] = ++known;
        nh = hi;
        nl = lo;
      }
      ph = hi;
      pl = lo;
    }
    const d = entries[e + 2]! - prevRow;
    varint(d >= 0 ? d * 2 : -d * 2 - 1);
    prevRow = entries[e + 2]!;
  }
  const packed = out.slice(0, p);
  const c = oldCrc(packed, 5);
  packed.set([1, c & 255, (c >>> 8) & 255, (c >>> 16) & 255, c >>> 24]);
  return packed;
}
export function oldUnpack(bytes: Uint8Array): Uint32Array | null {
  let p = 0;
  let bad = false;
  const varint = () => {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (p >= bytes.length || scale > 2 ** 49) {
        bad = true;
        return 0;
      }
      const b = bytes[p++]!;
      v += (b & 127) * scale;
      if (b < 128) return v;
      scale *= 128;
    }
  };
  if (bytes.length < 6 || bytes[0] !== 1) return null;
  if (oldCrc(bytes, 5) !== (bytes[1]! | (bytes[2]! << 8) | (bytes[3]! << 16) | (bytes[4]! << 24)) >>> 0) return null;
  p = 5;
  const n = varint();
  if (bad || n * 2 > bytes.length - p) return null;
  const out = new Uint32Array(n * 3);
  const his: number[] = [];
  const los: number[] = [];
  let hi = -1;
  let lo = -1;
  let row = 0;
  for (let e = 0; e < n * 3; e += 3) {
    const ref = varint();
    if (ref === 0) {
      if (p + 8 > bytes.length) return null;
      hi = ((bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!) >>> 0;
      lo = ((bytes[p + 4]! << 24) | (bytes[p + 5]! << 16) | (bytes[p + 6]! << 8) | bytes[p + 7]!) >>> 0;
      p += 8;
      his.push(hi);
      los.push(lo);
    } else if (ref === 2) {
      const delta = varint();
      if (his.length === 0 || delta === 0 || delta >= NEXT_LIMIT) return null;
      const sum = los[los.length - 1]! + delta;
      hi = his[his.length - 1]! + Math.floor(sum / TWO32);
      lo = sum % TWO32;
      if (hi >= TWO32) return null;
      his.push(hi);
      los.push(lo);
    } else if (ref === 1) {
      if (hi < 0) return null;
    } else {
      const k = ref - 3;
      if (k >= his.length) return null;
      hi = his[k]!;
      lo = los[k]!;
    }
    const z = varint();
    row += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    if (bad || row < 0 || row >= TWO32) return null;
    out[e] = hi;
    out[e + 1] = lo;
    out[e + 2] = row;
  }
  return p === bytes.length ? out : null;
}

/** The same triples, or both refused. */
export const same = (a: Uint32Array | null, b: Uint32Array | null) => {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
export const show = (b: Uint8Array) => Array.from(b.subarray(0, 96), (x) => x.toString(16).padStart(2, '0')).join(' ') + (b.length > 96 ? ` … (${b.length} bytes)` : '');

/** Decodes with both; a difference (or a throw) is a failure naming the bytes. */
export function agree(bytes: Uint8Array, where: string): Uint32Array | null {
  const want = oldUnpack(bytes);
  let got: Uint32Array | null;
  try {
    got = unpackEntries(bytes);
  } catch (e) {
    throw new Error(`${where}: threw ${String(e)} on ${show(bytes)}`);
  }
  if (!same(got, want)) throw new Error(`${where}: new ${got ? `[${got.length / 3} entries]` : 'null'}, old ${want ? `[${want.length / 3} entries]` : 'null'} on ${show(bytes)}`);
  return got;
}

/** v as exactly L varint bytes (non-minimal when L is more than needed; cut when fewer). */
export function varintOf(v: number, L: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < L; i++) out.push((Math.floor(v / 128 ** i) % 128) | (i < L - 1 ? 128 : 0));
  return out;
}
