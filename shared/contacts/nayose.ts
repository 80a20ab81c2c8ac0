/**
 * 名寄せ: which records of an incident's lists are the same person (or household), by
 * rules a person can switch on and off. Records are fed one at a time in a fixed order
 * (lists in import order, rows ascending); every key is hashed to 64 bits (SipHash under a
 * fixed key: the same on every laptop) and kept as numbers in typed arrays, so a million
 * rows never hold a million strings. Clusters are a union-find whose root is always the
 * lowest record index: the representative is the first list's lowest row, on every laptop.
 *
 * Guards against giant clusters (a company switchboard on a thousand rows, a shared family
 * e-mail): a key held by more than `maxKeyShare` records links nobody (counted in
 * `skippedKeys`), and a cluster still larger than `maxCluster` is marked `tooLarge` — shown
 * for review, never merged by "merge all suggested".
 */
import { foldKana, foldNameVariants, normalizeEmail, normalizeName, normalizePhone, normalizePostcode } from './normalize';
import { sipHash24 } from './siphash';

export const NAYOSE_RULES = ['nameAddress', 'phone', 'email', 'household'] as const;
export type NayoseRule = (typeof NAYOSE_RULES)[number];

export interface NayoseOptions {
  /** Each rule on or off. `household`: same address and postcode, any name (one letter per household). */
  rules: Record<NayoseRule, boolean>;
  /** A key held by more records than this links none of them (a switchboard number). */
  maxKeyShare: number;
  /** A cluster larger than this is never merged automatically. */
  maxCluster: number;
}

export const DEFAULT_NAYOSE: NayoseOptions = {
  rules: { nameAddress: true, phone: true, email: true, household: false },
  maxKeyShare: 5,
  maxCluster: 10,
};

export interface NayoseRecord {
  name: string;
  kana: string;
  postcode: string;
  address: string;
  phone: string;
  email: string;
}

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十三 → 23 (丁目 and 番地 are below a hundred). */
function kanjiNumber(s: string): string {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = KANJI_DIGITS[ch] ?? 0;
  }
  return String(total + digit);
}

/**
 * An address as compared: NFKC, no spaces, ヶ/ケ alike, kanji numbers before 丁目/番/号 as
 * digits, 丁目/番地/番/号 and every dash as '-', no trailing '-'. "東京都千代田区霞が関一丁目2番3号"
 * and "東京都千代田区霞が関1-2-3" are the same address.
 */
export function normalizeAddress(v: string): string {
  return v
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[ヶヵケ]/g, 'が')
    .replace(/[〇一二三四五六七八九十]+(?=丁目|番地|番|号)/g, kanjiNumber)
    .replace(/(\d)(?:丁目|番地|番|号|の)/g, '$1-')
    .replace(/(\d)[-‐‑‒–—―−ー－]/g, '$1-')
    .replace(/-+$/, '');
}

/** A name as compared: spaces gone, 髙/高 and 﨑/崎 alike, katakana as hiragana. */
export function nayoseName(v: string): string {
  return foldKana(foldNameVariants(normalizeName(v)));
}

/** The keys of one record under the rules ('' = no key: an empty field never matches). */
export function nayoseKeys(r: NayoseRecord, rules: NayoseOptions['rules']): Record<NayoseRule, string> {
  const address = rules.nameAddress || rules.household ? normalizeAddress(r.address) : '';
  const name = rules.nameAddress ? nayoseName(r.name) || nayoseName(r.kana) : '';
  const postcode = rules.household ? normalizePostcode(r.postcode) : '';
  return {
    nameAddress: rules.nameAddress && name && address ? `${name}\u0000${address}` : '',
    phone: rules.phone ? normalizePhone(r.phone) : '',
    email: rules.email ? normalizeEmail(r.email) : '',
    household: rules.household && address && postcode ? `${postcode}\u0000${address}` : '',
  };
}

const FIXED_KEY = new Uint32Array([0x6f79616e, 0x31657365, 0x6b6e6f68, 0x75627568]);
const EMPTY = -1;

/** Open addressing over 64-bit key hashes: slot → (hi, lo), how many records, the first. */
class KeyTable {
  hi: Int32Array;
  lo: Int32Array;
  count: Int32Array;
  first: Int32Array;
  size = 0;
  constructor(public capacity: number) {
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.count = new Int32Array(capacity);
    this.first = new Int32Array(capacity).fill(EMPTY);
  }
  /** The slot of the key, made when new. */
  slot(hi: number, lo: number, record: number): number {
    hi |= 0;
    lo |= 0;
    const mask = this.capacity - 1;
    let i = (lo ^ (hi >>> 7)) & mask;
    for (;;) {
      if (this.first[i] === EMPTY) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.first[i] = record;
        this.size++;
        return i;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) return i;
      i = (i + 1) & mask;
    }
  }
}

export interface NayoseResult {
  records: number;
  /** Per record: its cluster's representative (the lowest record index of the cluster). */
  root: Int32Array;
  /** Per representative: bit i set when rule NAYOSE_RULES[i] linked the cluster. */
  ruleMask: Uint8Array;
  /** Per representative: members in the cluster (0 for a record that is not a representative). */
  size: Int32Array;
  /** Clusters of two or more records, and of those the ones too large to merge automatically. */
  clusters: number;
  tooLarge: number;
  /** Letters saved if every cluster (not too large) gets one letter. */
  saved: number;
  /** Keys held by more than maxKeyShare records, per rule (linked nobody). */
  skippedKeys: Record<NayoseRule, number>;
  /** Bytes of the typed arrays the matching held at its peak (key table, key slots, clusters): memory outside the JS heap. */
  arrayBytes: number;
}

/** Records in, clusters out: `add` each record in order, then `finish`. */
export class NayoseMatcher {
  private table: KeyTable;
  /** Per record per rule: the key's slot, or EMPTY. */
  private slots: Int32Array;
  private n = 0;
  private readonly buf = new Uint8Array(4096);
  private readonly encoder = new TextEncoder();
  private readonly active: number[];

  constructor(
    private readonly options: NayoseOptions = DEFAULT_NAYOSE,
    expected = 1024,
  ) {
    this.active = NAYOSE_RULES.flatMap((r, i) => (options.rules[r] ? [i] : []));
    this.table = new KeyTable(pow2(Math.max(1024, expected * Math.max(1, this.active.length) * 2)));
    this.slots = new Int32Array(Math.max(16, expected) * NAYOSE_RULES.length).fill(EMPTY);
  }

  get count(): number {
    return this.n;
  }

  add(record: NayoseRecord): void {
    const index = this.n++;
    if ((index + 1) * NAYOSE_RULES.length > this.slots.length) {
      const grown = new Int32Array(this.slots.length * 2).fill(EMPTY);
      grown.set(this.slots);
      this.slots = grown;
    }
    const keys = nayoseKeys(record, this.options.rules);
    for (const r of this.active) {
      const key = keys[NAYOSE_RULES[r]!];
      if (!key) continue;
      if (this.table.size * 10 > this.table.capacity * 7) this.grow();
      const text = `${r}\u0000${key}`;
      const { read, written } = this.encoder.encodeInto(text, this.buf);
      const h = read === text.length ? sipHash24(FIXED_KEY, this.buf, written) : sipHash24(FIXED_KEY, this.encoder.encode(text));
      const slot = this.table.slot(h.hi, h.lo, index);
      this.table.count[slot]! += 1;
      this.slots[index * NAYOSE_RULES.length + r] = slot;
    }
  }

  /** A bigger table; the slots records point at are moved with their keys. */
  private grow(): void {
    const old = this.table;
    const next = new KeyTable(old.capacity * 2);
    const moved = new Int32Array(old.capacity);
    for (let i = 0; i < old.capacity; i++) {
      if (old.first[i] === EMPTY) continue;
      const s = next.slot(old.hi[i]!, old.lo[i]!, old.first[i]!);
      next.count[s] = old.count[i]!;
      moved[i] = s;
    }
    const used = this.n * NAYOSE_RULES.length;
    for (let i = 0; i < used; i++) if (this.slots[i] !== EMPTY) this.slots[i] = moved[this.slots[i]!]!;
    this.table = next;
  }

  finish(): NayoseResult {
    const n = this.n;
    const parent = new Int32Array(n);
    for (let i = 0; i < n; i++) parent[i] = i;
    const find = (x: number) => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]!]!;
        x = parent[x]!;
      }
      return x;
    };
    const ruleMask = new Uint8Array(n);
    const skipped = new Set<number>();
    const skippedKeys = { nameAddress: 0, phone: 0, email: 0, household: 0 } as Record<NayoseRule, number>;
    const t = this.table;
    const R = NAYOSE_RULES.length;
    for (let i = 0; i < n; i++) {
      for (const r of this.active) {
        const slot = this.slots[i * R + r]!;
        if (slot === EMPTY || t.count[slot]! < 2) continue;
        if (t.count[slot]! > this.options.maxKeyShare) {
          if (!skipped.has(slot)) {
            skipped.add(slot);
            skippedKeys[NAYOSE_RULES[r]!] += 1;
          }
          continue;
        }
        const a = find(i);
        const b = find(t.first[slot]!);
        // The lower index stays the root: the representative does not depend on the order of unions.
        const root = Math.min(a, b);
        const other = Math.max(a, b);
        if (a !== b) {
          parent[other] = root;
          ruleMask[root]! |= ruleMask[other]!;
        }
        ruleMask[root]! |= 1 << r;
      }
    }
    const size = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      parent[i] = find(i);
      size[parent[i]!]! += 1;
    }
    let clusters = 0;
    let tooLarge = 0;
    let saved = 0;
    for (let i = 0; i < n; i++) {
      if (size[i]! < 2) continue;
      clusters++;
      if (size[i]! > this.options.maxCluster) tooLarge++;
      else saved += size[i]! - 1;
    }
    const arrayBytes = t.capacity * 16 + this.slots.byteLength + parent.byteLength + ruleMask.byteLength + size.byteLength;
    return { records: n, root: parent, ruleMask, size, clusters, tooLarge, saved, skippedKeys, arrayBytes };
  }
}

function pow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** The rules that linked a cluster, from its mask. */
export function rulesOf(mask: number): NayoseRule[] {
  return NAYOSE_RULES.filter((_, i) => (mask & (1 << i)) !== 0);
}

/** The clusters (two or more records) as one compact index: members of cluster k are order[start[k]..start[k+1]). */
export interface ClusterIndex {
  /** Per cluster, in the order of their representatives: where its members start in `order` (one more entry at the end). */
  start: Int32Array;
  /** Record indices, cluster by cluster, each cluster ascending (its representative first). */
  order: Int32Array;
}

/** A counting sort over the roots: no per-cluster arrays, so 100k clusters stay two typed arrays. */
export function clusterIndex(result: NayoseResult): ClusterIndex {
  const { root, size, records } = result;
  const at = new Int32Array(records).fill(-1);
  const starts: number[] = [];
  let total = 0;
  for (let i = 0; i < records; i++) {
    if (size[i]! < 2) continue;
    at[i] = total;
    starts.push(total);
    total += size[i]!;
  }
  starts.push(total);
  const order = new Int32Array(total);
  for (let i = 0; i < records; i++) {
    const r = root[i]!;
    if (size[r]! >= 2) order[at[r]!++] = i;
  }
  return { start: Int32Array.from(starts), order };
}

export function clusterCount(index: ClusterIndex): number {
  return index.start.length - 1;
}

export function membersOf(index: ClusterIndex, k: number): number[] {
  return Array.from(index.order.subarray(index.start[k]!, index.start[k + 1]!));
}

/** Every cluster's members (tests, small lists). */
export function* clustersOf(result: NayoseResult): Generator<number[]> {
  const index = clusterIndex(result);
  for (let k = 0; k < clusterCount(index); k++) yield membersOf(index, k);
}
