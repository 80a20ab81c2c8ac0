/**
 * SipHash-2-4 (Aumasson & Bernstein): a keyed PRF designed for short inputs, in 32-bit
 * halves so V8 keeps everything in registers. Used for bulk blind-index tokens, where
 * ~7 tokens per row × 1M rows made every microsecond count: hash-wasm's BLAKE3 cost
 * ~3 µs per call in Chromium (UTF-8 copy into WASM memory per call), this ~0.3 µs.
 * Checked against the reference vectors and the `siphash` package in siphash.test.ts.
 */
// The state lives in local int32 variables (one SipRound written out twice): V8 keeps them
// in registers, where a Uint32Array state cost a load and a store per step — tokenising
// was the largest part of the import's second worker (decision 021).

const le32 = (m: Uint8Array, i: number) => m[i]! | (m[i + 1]! << 8) | (m[i + 2]! << 16) | (m[i + 3]! << 24);

/** Where sipHash24Out leaves its result: [hi, lo] (no object per token in the import's loop). */
export const SIP_OUT = new Uint32Array(2);

/** SipHash-2-4 of m[0..len) under a 16-byte key given as four little-endian uint32. */
export function sipHash24(key: Uint32Array, m: Uint8Array, len = m.length): { hi: number; lo: number } {
  sipHash24Out(key, m, len);
  return { hi: SIP_OUT[0]!, lo: SIP_OUT[1]! };
}

/** sipHash24, its result in SIP_OUT. */
export function sipHash24Out(key: Uint32Array, m: Uint8Array, len: number): void {
  const k0l = key[0]! | 0, k0h = key[1]! | 0, k1l = key[2]! | 0, k1h = key[3]! | 0;
  let v0h = k0h ^ 0x736f6d65, v0l = k0l ^ 0x70736575;
  let v1h = k1h ^ 0x646f7261, v1l = k1l ^ 0x6e646f6d;
  let v2h = k0h ^ 0x6c796765, v2l = k0l ^ 0x6e657261;
  let v3h = k1h ^ 0x74656462, v3l = k1l ^ 0x79746573;
  let t = 0;
  const end = len - (len % 8);
  let lastL = 0;
  let lastH = (len & 0xff) << 24;
  const rest = len - end;
  for (let j = 0; j < rest; j++) {
    const b = m[end + j]!;
    if (j < 4) lastL |= b << (8 * j);
    else lastH |= b << (8 * (j - 4));
  }
  // Words of the message, then the last (length) word: c = 2 rounds each.
  for (let i = 0; i <= end; i += 8) {
    const mh = i < end ? le32(m, i + 4) : lastH;
    const ml = i < end ? le32(m, i) : lastL;
    v3h ^= mh;
    v3l ^= ml;
    for (let r = 0; r < 2; r++) {
    v0l = (v0l + v1l) | 0; v0h = (v0h + v1h + ((v0l >>> 0) < (v1l >>> 0) ? 1 : 0)) | 0;
    t = v1h; v1h = (v1h << 13) | (v1l >>> 19); v1l = (v1l << 13) | (t >>> 19);
    v1h ^= v0h; v1l ^= v0l;
    t = v0h; v0h = v0l; v0l = t;
    v2l = (v2l + v3l) | 0; v2h = (v2h + v3h + ((v2l >>> 0) < (v3l >>> 0) ? 1 : 0)) | 0;
    t = v3h; v3h = (v3h << 16) | (v3l >>> 16); v3l = (v3l << 16) | (t >>> 16);
    v3h ^= v2h; v3l ^= v2l;
    v0l = (v0l + v3l) | 0; v0h = (v0h + v3h + ((v0l >>> 0) < (v3l >>> 0) ? 1 : 0)) | 0;
    t = v3h; v3h = (v3h << 21) | (v3l >>> 11); v3l = (v3l << 21) | (t >>> 11);
    v3h ^= v0h; v3l ^= v0l;
    v2l = (v2l + v1l) | 0; v2h = (v2h + v1h + ((v2l >>> 0) < (v1l >>> 0) ? 1 : 0)) | 0;
    t = v1h; v1h = (v1h << 17) | (v1l >>> 15); v1l = (v1l << 17) | (t >>> 15);
    v1h ^= v2h; v1l ^= v2l;
    t = v2h; v2h = v2l; v2l = t;
    }
    v0h ^= mh;
    v0l ^= ml;
  }
  v2l ^= 0xff;
  // Finalisation: d = 4 rounds.
  for (let r = 0; r < 4; r++) {
    v0l = (v0l + v1l) | 0; v0h = (v0h + v1h + ((v0l >>> 0) < (v1l >>> 0) ? 1 : 0)) | 0;
    t = v1h; v1h = (v1h << 13) | (v1l >>> 19); v1l = (v1l << 13) | (t >>> 19);
    v1h ^= v0h; v1l ^= v0l;
    t = v0h; v0h = v0l; v0l = t;
    v2l = (v2l + v3l) | 0; v2h = (v2h + v3h + ((v2l >>> 0) < (v3l >>> 0) ? 1 : 0)) | 0;
    t = v3h; v3h = (v3h << 16) | (v3l >>> 16); v3l = (v3l << 16) | (t >>> 16);
    v3h ^= v2h; v3l ^= v2l;
    v0l = (v0l + v3l) | 0; v0h = (v0h + v3h + ((v0l >>> 0) < (v3l >>> 0) ? 1 : 0)) | 0;
    t = v3h; v3h = (v3h << 21) | (v3l >>> 11); v3l = (v3l << 21) | (t >>> 11);
    v3h ^= v0h; v3l ^= v0l;
    v2l = (v2l + v1l) | 0; v2h = (v2h + v1h + ((v2l >>> 0) < (v1l >>> 0) ? 1 : 0)) | 0;
    t = v1h; v1h = (v1h << 17) | (v1l >>> 15); v1l = (v1l << 17) | (t >>> 15);
    v1h ^= v2h; v1l ^= v2l;
    t = v2h; v2h = v2l; v2l = t;
  }
  SIP_OUT[0] = v0h ^ v1h ^ v2h ^ v3h;
  SIP_OUT[1] = v0l ^ v1l ^ v2l ^ v3l;
}
