/**
 * Blind-index segments of one import chunk: the (token, row) pairs of each kind, split
 * into buckets by the token's first byte. Made in the import worker while the second worker
 * (index-worker.ts) compresses and seals the chunk's blocks (decision 041).
 */
import { MAX_KANA_PREFIX, MIN_KANA_PREFIX } from '../../../shared/contacts/normalize';
import { type NormalisedKeys, type TokenKind, type Tokenizer, TOKEN_KINDS } from '../../../shared/contacts/tokens';
import { BUCKETS } from './tables';

export interface IndexPart {
  kind: string;
  bucket: number;
  /** Uint32 triples: token hi, token lo, row. */
  entries: Uint32Array;
}

/** One code point's UTF-8 at m[p..]; returns the end. */
function putPoint(c: number, m: Uint8Array, p: number): number {
  if (c < 0x80) {
    m[p] = c;
    return p + 1;
  }
  if (c < 0x800) {
    m[p] = 0xc0 | (c >> 6);
    m[p + 1] = 0x80 | (c & 63);
    return p + 2;
  }
  if (c < 0x10000) {
    m[p] = 0xe0 | (c >> 12);
    m[p + 1] = 0x80 | ((c >> 6) & 63);
    m[p + 2] = 0x80 | (c & 63);
    return p + 3;
  }
  m[p] = 0xf0 | (c >> 18);
  m[p + 1] = 0x80 | ((c >> 12) & 63);
  m[p + 2] = 0x80 | ((c >> 6) & 63);
  m[p + 3] = 0x80 | (c & 63);
  return p + 4;
}

/** The code point of s at i, as TextEncoder reads it (a lone surrogate is U+FFFD); its UTF-16 length in `units`. */
function pointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  const d = s.charCodeAt(i + 1);
  return c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00) : 0xfffd;
}
const units = (c: number) => (c >= 0x10000 ? 2 : 1);

/** UTF-8 of s at m[at..] (m has room for 3 bytes per UTF-16 unit); returns the end. */
function utf8Into(s: string, m: Uint8Array, at: number): number {
  let p = at;
  for (let i = 0; i < s.length; ) {
    const c = pointAt(s, i);
    p = putPoint(c, m, p);
    i += units(c);
  }
  return p;
}

/** ASCII bytes of `${kind}\u0000`. */
const prefixOf = (kind: string) => Uint8Array.from([...kind].map((c) => c.charCodeAt(0)).concat(0));

/**
 * The blind-index parts of a chunk: for each kind (in `kinds` order) and bucket (ascending)
 * the (token, row) entries in row order, and within a row in searchKeys order — the same
 * parts as tokenising searchKeys() value by value (index-build.test.ts holds them equal), made
 * without a string, tuple or array per row: values are encoded straight into one buffer and
 * hashed there, entries go to one flat array and are then sorted into parts by counting.
 */
export function buildIndexParts(tokenizer: Tokenizer, first: number, keys: NormalisedKeys[], kinds: readonly string[] = TOKEN_KINDS): IndexPart[] {
  const builder = new IndexPartsBuilder(tokenizer, kinds, keys.length);
  for (let i = 0; i < keys.length; i++) builder.add(first + i, keys[i]!);
  return builder.parts();
}

/** buildIndexParts row by row, for a chunk whose rows are let go as they are read (chunk-builder.ts). */
export class IndexPartsBuilder {
  private readonly K: { no: number; phone: number; email: number; kp: number[]; pc: number; gn: number };
  private readonly prefix: Uint8Array[];
  /** Flat entries: kind, hi, lo, row. */
  private flat: Uint32Array;
  private n = 0;
  private buf = new Uint8Array(4096);

  constructor(
    private readonly tokenizer: Tokenizer,
    private readonly kinds: readonly string[] = TOKEN_KINDS,
    expectRows = 0,
  ) {
    const kindNo = new Map(kinds.map((k, i) => [k, i]));
    const want = (kind: TokenKind) => kindNo.get(kind) ?? -1;
    this.K = { no: want('no'), phone: want('phone'), email: want('email'), kp: [want('kp2'), want('kp3'), want('kp4')], pc: want('pc'), gn: want('gn') };
    this.prefix = kinds.map(prefixOf);
    // A count that is not a positive number (NaN) starts small; the array grows as entries come.
    this.flat = new Uint32Array(expectRows > 0 && expectRows < 1e7 ? Math.max(64, Math.ceil(expectRows) * 40) : 64);
  }

  private room(chars: number): void {
    if (chars * 3 + 16 > this.buf.length) this.buf = new Uint8Array(chars * 3 + 16);
  }

  private push(kind: number, len: number, row: number): void {
    const out = this.tokenizer.hashInto(this.buf, len);
    if (this.n + 4 > this.flat.length) {
      const bigger = new Uint32Array(Math.max(64, this.flat.length * 2));
      bigger.set(this.flat);
      this.flat = bigger;
    }
    const n = this.n;
    this.flat[n] = kind;
    this.flat[n + 1] = out[0]!;
    this.flat[n + 2] = out[1]!;
    this.flat[n + 3] = row;
    this.n = n + 4;
  }

  private one(kind: number, value: string, row: number): void {
    if (kind < 0 || !value) return;
    const pre = this.prefix[kind]!;
    this.room(value.length);
    this.buf.set(pre);
    this.push(kind, utf8Into(value, this.buf, pre.length), row);
  }

  /** One row's keys; rows are added in ascending order. */
  add(row: number, k: NormalisedKeys): void {
    const K = this.K;
    this.one(K.no, k.no, row);
    this.one(K.phone, k.phone, row);
    this.one(K.email, k.email, row);
    if (k.kana.length >= MIN_KANA_PREFIX) {
      // Prefixes of 2…MAX_KANA_PREFIX code points: the kana's bytes once, after a 4-byte kind ("kpN\0").
      let p = 4;
      let points = 0;
      this.room(MAX_KANA_PREFIX * 2);
      for (let j = 0; j < k.kana.length && points < MAX_KANA_PREFIX; ) {
        const c = pointAt(k.kana, j);
        p = putPoint(c, this.buf, p);
        j += units(c);
        points++;
        const kind = points >= MIN_KANA_PREFIX ? K.kp[points - MIN_KANA_PREFIX]! : -1;
        if (kind >= 0) {
          this.buf.set(this.prefix[kind]!);
          this.push(kind, p, row);
        }
      }
    }
    this.one(K.pc, k.postcode, row);
    this.one(K.gn, k.given, row);
    if (k.givenKana !== k.given) this.one(K.gn, k.givenKana, row);
  }

  /** The entries added, sorted into parts by (kind, bucket) by counting, stable: rows stay in order. */
  parts(): IndexPart[] {
    const { flat, n, kinds } = this;
    const count = new Uint32Array(kinds.length * BUCKETS + 1);
    for (let e = 0; e < n; e += 4) count[flat[e]! * BUCKETS + (flat[e + 1]! >>> 24) + 1]! += 3;
    for (let c = 1; c < count.length; c++) count[c]! += count[c - 1]!;
    const all = new Uint32Array(n - n / 4);
    const at = count.slice();
    for (let e = 0; e < n; e += 4) {
      const slot = flat[e]! * BUCKETS + (flat[e + 1]! >>> 24);
      const o = at[slot]!;
      all[o] = flat[e + 1]!;
      all[o + 1] = flat[e + 2]!;
      all[o + 2] = flat[e + 3]!;
      at[slot] = o + 3;
    }
    const parts: IndexPart[] = [];
    for (let kind = 0; kind < kinds.length; kind++) {
      for (let bucket = 0; bucket < BUCKETS; bucket++) {
        const slot = kind * BUCKETS + bucket;
        if (count[slot + 1]! > count[slot]!) parts.push({ kind: kinds[kind]!, bucket, entries: all.slice(count[slot], count[slot + 1]) });
      }
    }
    return parts;
  }
}
