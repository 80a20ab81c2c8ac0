/**
 * Importing the vendor's files (decision 031), as pure commands. A row whose key is
 * already in the log adds nothing; one whose answer, category, flag, duration or caller
 * was corrected in a re-sent file is recorded as a correction of the stored enquiry.
 */
import { accept, refuse, type CommandContext, type CommandResult } from '../events/command';
import type { AnyDraft } from '../events/registry';
import type { CallReportRow } from './call-report';
import type { Enquiry, EnquiryFields } from './model';
import { piecesOf } from '../events/pieces';
import { VENDOR_BATCH, VENDOR_BATCH_BYTES, VENDOR_REPORT_BYTES } from './vendor-events';
import type { VendorEnquiry } from './vendor-rows';
import { canonicalReceipt } from './vendor-values';

export interface VendorImportCount {
  added: number;
  /** Rows already in the log, unchanged. */
  already: number;
  /** Rows already in the log whose answer, category, flag, duration or caller changed (or, under a receipt number, question, time, channel or operator). */
  corrected: number;
}

type Stored = Pick<Enquiry, 'id' | 'answerText' | 'category' | 'escalate' | 'durationSec' | 'caller'> & Partial<Pick<Enquiry, 'question' | 'at' | 'channel' | 'operator'>>;

/**
 * What the command compares a re-sent row with: the stored enquiries of earlier imports — by row
 * key, and those with a receipt number by their day and number (see matchReceiptRows). `claimed`:
 * the stored enquiries a row of this import already matched or added, so no second row takes them.
 */
export interface KnownRows {
  byKey: Map<string, Stored>;
  /** By receiptGroup(day, number). */
  byReceipt: Map<string, Stored[]>;
  claimed: Set<string>;
  /** Rows already matched (matchReceiptRows over the whole file: a receipt number's rows, and rows with an earlier version's key): the stored enquiry, or null for a new one. */
  matched: WeakMap<VendorEnquiry, Stored | null>;
  /**
   * By receiptGroup: stored enquiries whose key `r:<day>:A#2` may be A's second row or the number
   * A#2 itself (written before 2026-12-07 evening, when a `#` of the number was not escaped), under
   * the reading they are not filed under in `byReceipt` (see indexReceipts).
   */
  alsoNumber: Map<string, Stored[]>;
  /** The key each stored enquiry with a receipt number is stored under (a placeholder's `-#n` says which of its rows it was). */
  receiptKeys: WeakMap<Stored, string>;
}

/** The group of a receipt number: its day (the day the row was filed under) and the number as compared. */
const receiptGroup = (day: string, no: string) => `${day}\u0000${canonicalReceipt(no)}`;

/**
 * The day and receipt number of a stored row key `r:<day>:<number>` — as every version wrote it
 * (the first occurrence), or with `#2`, `#3` … as versions of 2026-12-07 wrote later ones. A
 * number holding `#` or `%` of its own is written with them escaped (`%23`, `%25`) since
 * 2026-12-07 evening, so in a key written since, `#<n>` is only ever the occurrence; in one written
 * before, `X#n` may also be the number X#n itself (literalOfKey: indexReceipts files it under both).
 */
export function receiptOfKey(rowKey: string): { day: string; no: string } | null {
  const m = /^r:(\d{4}-\d{2}-\d{2}):(.*)$/.exec(rowKey);
  return m ? { day: m[1]!, no: m[2]!.replace(/#\d+$/, '').replace(/%23/g, '#').replace(/%25/g, '%') } : null;
}

/** The group of a row of this file: its own number (never parsed from its key), else its key's. */
function groupOfRow(row: VendorEnquiry): string | null {
  if (row.receipt !== undefined) return row.receipt === null ? null : receiptGroup(row.receipt.day, row.receipt.no);
  const k = receiptOfKey(row.rowKey);
  return k ? receiptGroup(k.day, k.no) : null;
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, ...v: V[]) {
  const list = m.get(k);
  if (list) list.push(...v);
  else m.set(k, [...v]);
}

/**
 * The other reading of a key `r:<day>:X#n` whose X holds no `#`: the number `X#n` itself. Versions
 * before 2026-12-07 evening wrote a number's `#` as it was (A#2 → `r:<day>:A#2`), the same key as
 * the second row of A (`#2`, as versions since 2026-12-07 write it).
 */
function literalOfKey(rowKey: string): { day: string; no: string } | null {
  const m = /^r:(\d{4}-\d{2}-\d{2}):([^#]*#\d+)$/.exec(rowKey);
  return m ? { day: m[1]!, no: m[2]!.replace(/%23/g, '#').replace(/%25/g, '%') } : null;
}

/**
 * Stored enquiries with a receipt number, by their day and number. A key that may be either A's
 * second row or the number A#2 (literalOfKey) is filed under A#2 when the day has no first row of A
 * (every version keys a number's first row without `#n`), else under A; and kept in `alsoNumber`
 * under the other: a row of that reading with its very time and words takes it first, and one left
 * new after the rows of the first reading had their turn may still pair with it.
 */
function indexReceipts(known: KnownRows, stored: Iterable<[string, Stored]>) {
  const receipts: { key: string; e: Stored; group: string }[] = [];
  const firsts = new Set<string>();
  for (const [key, e] of stored) {
    const k = receiptOfKey(key);
    if (k === null) continue;
    const group = receiptGroup(k.day, k.no);
    receipts.push({ key, e, group });
    known.receiptKeys.set(e, key);
    if (!/#\d+$/.test(key)) firsts.add(group);
  }
  for (const { key, e, group } of receipts) {
    const literal = literalOfKey(key);
    if (literal === null) {
      pushTo(known.byReceipt, group, e);
      continue;
    }
    const [first, other] = firsts.has(group) ? [group, receiptGroup(literal.day, literal.no)] : [receiptGroup(literal.day, literal.no), group];
    pushTo(known.byReceipt, first, e);
    pushTo(known.alsoNumber, other, e);
  }
}

const emptyKnown = (byKey: Map<string, Stored>): KnownRows => ({ byKey, byReceipt: new Map(), claimed: new Set(), matched: new WeakMap(), alsoNumber: new Map(), receiptKeys: new WeakMap() });

export function knownVendorRows(enquiries: Iterable<Enquiry>): KnownRows {
  const known = emptyKnown(new Map());
  const receipts: [string, Stored][] = [];
  for (const e of enquiries) {
    if (e.source?.kind !== 'vendor') continue;
    if (receiptOfKey(e.source.rowKey) === null) known.byKey.set(e.source.rowKey, e);
    else receipts.push([e.source.rowKey, e]);
  }
  indexReceipts(known, receipts);
  return known;
}

/** Stored rows as a plain map by row key (as callers before receipt matching passed them): kept as the map of content keys. */
function fromKeys(byKey: Map<string, Stored>): KnownRows {
  const known = emptyKnown(byKey);
  indexReceipts(known, byKey);
  return known;
}

/** A small binary min-heap. */
class Heap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size() {
    return this.items.length;
  }
  push(x: T) {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Rows and stored calls paired by nearest time, greedily (the nearest pair first, ties by the
 * row's place in the file): the nearest pair of a row and a stored call is always next to each
 * other in time order, so the calls are sorted once and a heap holds the neighbouring pairs —
 * n log n (5,000 rows of one number took 49 s when every pair was listed and sorted).
 */
function pairByTime(
  rows: readonly { row: VendorEnquiry; order: number }[],
  stored: readonly Stored[],
  take: (row: VendorEnquiry, s: Stored) => void,
  admits: (row: VendorEnquiry, s: Stored) => boolean = () => true,
) {
  type Node = { t: number; row?: { row: VendorEnquiry; order: number }; stored?: Stored; prev: Node | null; next: Node | null; alive: boolean };
  const nodes: Node[] = [
    ...rows.map((row) => ({ t: Date.parse(row.row.fields.at), row, prev: null, next: null, alive: true })),
    ...stored.filter((s) => s.at !== undefined && Number.isFinite(Date.parse(s.at))).map((s) => ({ t: Date.parse(s.at!), stored: s, prev: null, next: null, alive: true })),
  ].filter((n) => Number.isFinite(n.t));
  // Stored calls before rows at one time, rows in file order: ties pair as the file runs.
  nodes.sort((a, b) => a.t - b.t || (a.row ? 1 : 0) - (b.row ? 1 : 0) || (a.row?.order ?? 0) - (b.row?.order ?? 0));
  nodes.forEach((n, i) => {
    n.prev = nodes[i - 1] ?? null;
    n.next = nodes[i + 1] ?? null;
  });
  type Pair = { a: Node; b: Node; apart: number; order: number };
  const heap = new Heap<Pair>((x, y) => x.apart < y.apart || (x.apart === y.apart && x.order < y.order));
  const offer = (a: Node | null, b: Node | null) => {
    if (!a || !b || !a.row === !b.row) return;
    heap.push({ a, b, apart: b.t - a.t, order: (a.row ?? b.row)!.order });
  };
  for (let i = 0; i + 1 < nodes.length; i++) offer(nodes[i]!, nodes[i + 1]!);
  while (heap.size > 0) {
    const { a, b } = heap.pop()!;
    if (!a.alive || !b.alive || a.next !== b) continue;
    const row = (a.row ?? b.row)!;
    // Not the same call after all: both stay, for another pairing or as they are.
    if (!admits(row.row, (a.stored ?? b.stored)!)) continue;
    take(row.row, (a.stored ?? b.stored)!);
    a.alive = b.alive = false;
    const before = a.prev;
    const after = b.next;
    if (before) before.next = after;
    if (after) after.prev = before;
    offer(before, after);
  }
}

/**
 * Rows with a receipt number matched to the stored enquiries of that number and day — never by
 * where a row stands in the file, and never to a call of another day (vendors start again at
 * 0001 each morning: 12/06's A-1 at 23:50 is not 12/07's A-1 at 0:10; a stored call is never
 * rewritten into a different call, and a duplicate is less harmful than a lost call). The day is
 * the day the row is filed under (its day column, else the file's day). For each day and number:
 * first a row with a stored one's time and question (NFKC) is that one; then a row with a stored
 * one's question pairs with it (the nearest in time among several: two calls whose times were
 * swapped keep their callers); then the rest pair by nearest time. A stored enquiry no row pairs
 * with is left as it is; a row nothing pairs with is a new enquiry. Rows without a number are
 * matched here too, over the whole file (matchContentRows).
 */
export function matchReceiptRows(known: KnownRows, rows: readonly VendorEnquiry[]): void {
  matchReceiptGroups(known, rows);
  matchContentRows(known, rows);
}

/** A row keyed by what it was (no receipt number): its key is `c:<day>:…`. */
const isContentRow = (row: VendorEnquiry) => row.receipt === null || (row.receipt === undefined && row.rowKey.startsWith('c:'));

/** A content key `c:<day>:<hash>:<n>` without its count of equal rows: every row of that day, time, operator, channel and words. */
const contentBase = (key: string) => key.replace(/:\d+$/, '');
/** What a content key says of the row but its day and count: its time (with its date), operator, channel and words, hashed. */
const contentHash = (key: string) => /^c:[^:]*:([^:]*)/.exec(key)?.[1] ?? key;
/** Which of the equal rows a content key is (0 the first). */
const contentCount = (key: string) => Number(/:(\d+)$/.exec(key)?.[1] ?? 0);
/** Which of a placeholder's rows an earlier version counted a key (`r:<day>:-` the first, `-#2` the second …). */
const placeholderCount = (key: string) => Number(/#(\d+)$/.exec(key)?.[1] ?? 1);

type Caller = Stored['caller'] | undefined;
const nameOf = (c: Caller) => textKey(c?.name ?? '');
const phoneOf = (c: Caller) => (c?.phone ?? '').replace(/\D/g, '');
/** The same caller named on both: the same name, or the same phone number. */
function sameCaller(a: Caller, b: Caller): boolean {
  return (nameOf(a) !== '' && nameOf(a) === nameOf(b)) || (phoneOf(a) !== '' && phoneOf(a) === phoneOf(b));
}
/** A caller named: a name or a phone number. */
const named = (c: Caller) => nameOf(c) !== '' || phoneOf(c) !== '';
/** Both name a caller, and not the same one. */
const callersDiffer = (a: Caller, b: Caller) => named(a) && named(b) && !sameCaller(a, b);

/** A stored enquiry among those a row may be: `n`, which of the equal rows its key counted it. */
interface PoolItem {
  s: Stored;
  n: number;
}
/** Items in order with the ones taken dropped from the front as they are met. */
class Queue {
  private head = 0;
  constructor(private readonly items: PoolItem[]) {}
  first(free: (s: Stored) => boolean, ok: (s: Stored) => boolean): Stored | undefined {
    while (this.head < this.items.length && !free(this.items[this.head]!.s)) this.head++;
    for (let i = this.head; i < this.items.length; i++) {
      const { s } = this.items[i]!;
      if (free(s) && ok(s)) return s;
    }
    return undefined;
  }
}
/**
 * Stored enquiries under one content key (any count) or one placeholder, time and words, indexed as
 * the tiers look them up: every stored call a queue gives passes its tier (but for a rank-1 row's
 * time), so a file of thousands of equal rows is matched in one pass, not by trying every pair.
 */
class Pool {
  private index?: Record<'exact' | 'name' | 'phone' | 'answer' | 'answerAnonymous', Map<string, Queue>> & { all: Queue; anonymous: Queue };
  constructor(private readonly items: PoolItem[]) {}
  get size() {
    return this.items.length;
  }
  private built() {
    if (!this.index) {
      const items = [...this.items].sort((a, b) => a.n - b.n);
      const anonymous = items.filter(({ s }) => !named(s.caller));
      const by = (list: PoolItem[], f: (s: Stored) => string) => {
        const lists = new Map<string, PoolItem[]>();
        for (const item of list) {
          const k = f(item.s);
          if (k !== '') pushTo(lists, k, item);
        }
        return new Map([...lists].map(([k, v]) => [k, new Queue(v)]));
      };
      const answer = (s: Stored) => `=${textKey(s.answerText)}`;
      this.index = {
        exact: by(items, signature),
        name: by(items, (s) => nameOf(s.caller)),
        phone: by(items, (s) => phoneOf(s.caller)),
        answer: by(items, answer),
        answerAnonymous: by(anonymous, answer),
        all: new Queue(items),
        anonymous: new Queue(anonymous),
      };
    }
    return this.index;
  }
  /** The queues a tier looks in for this row. */
  lists(look: Tier['look'], row: VendorEnquiry): Queue[] {
    const ix = this.built();
    const c = row.fields.caller;
    const got = (m: Map<string, Queue>, k: string) => (k === '' ? [] : [m.get(k)].filter((q): q is Queue => q !== undefined));
    const answer = `=${textKey(row.fields.answerText)}`;
    switch (look) {
      case 'exact':
        return got(ix.exact, signature(row.fields));
      case 'caller':
        return [...got(ix.name, nameOf(c)), ...got(ix.phone, phoneOf(c))];
      case 'answerAlike':
        // The same answer, and no other caller: a row naming its caller looks among calls naming none.
        return got(named(c) ? ix.answerAnonymous : ix.answer, answer);
      case 'answer':
        return got(ix.answer, answer);
      case 'all':
        return [ix.all];
      case 'any':
        return [named(c) ? ix.anonymous : ix.all];
    }
  }
}

/** Everything a re-import compares (see corrections), as one string: equal strings, nothing to correct. */
function signature(e: Partial<Pick<EnquiryFields, 'question' | 'at' | 'channel' | 'operator'>> & Pick<EnquiryFields, 'answerText' | 'escalate' | 'durationSec' | 'caller'> & { category?: string }): string {
  return [textKey(e.question ?? ''), e.at ?? '', e.channel ?? '', e.operator ?? '', textKey(e.answerText), textKey(e.category ?? ''), e.escalate, e.durationSec, textKey(e.caller.name), e.caller.phone, e.caller.customerNo ?? ''].join('\u0000');
}

/**
 * How sure a row is of a stored call, strongest first; rank 0 is a stored call under the row's own
 * content key (its day, time as written, operator, channel and words) or under the placeholder it
 * was stored with at that time; rank 1 is one under the key an earlier version gave it (午後 3:15
 * read as 03:15), taken only on the two strongest tiers (every field but the time; the same caller). Each tier runs over the whole file, rank 0 before
 * rank 1, before the next tier: a row that is a stored call (all its fields, or its caller) takes it
 * before another row can take it by a weaker likeness.
 */
interface Tier {
  look: 'exact' | 'all' | 'caller' | 'answerAlike' | 'answer' | 'any';
  rank: 0 | 1;
  /** Only where the pool is one stored call and one row of the file has it under its own key. */
  alone?: true;
  ok: (row: VendorEnquiry, s: Stored) => boolean;
}
const TIERS: Tier[] = (() => {
  const exact = (row: VendorEnquiry, s: Stored) => Object.keys(corrections(s, row.fields)).length === 0;
  // Under the earlier key the stored call is at the misread time (or already the row's): every other field equal.
  const exactButTime = (row: VendorEnquiry, s: Stored) => Object.keys(corrections(s, row.fields)).every((k) => k === 'at');
  const caller = (row: VendorEnquiry, s: Stored) => sameCaller(row.fields.caller, s.caller);
  const answerAlike = (row: VendorEnquiry, s: Stored) => sameText(row.fields.answerText, s.answerText) && !callersDiffer(row.fields.caller, s.caller);
  // Under the earlier (misread) key only these two: a call stored correctly at 03:15 by this version (a
  // night shift's 午前 3:15) has that key too, and a likeness of answers alone, or one side naming no
  // caller, does not tell it from another call — a duplicate is less harmful than a lost call.
  return [
    { look: 'exact', rank: 0, ok: exact },
    { look: 'all', rank: 1, ok: exactButTime },
    { look: 'caller', rank: 0, ok: caller },
    { look: 'caller', rank: 1, ok: caller },
    { look: 'answerAlike', rank: 0, ok: answerAlike },
    // Under its own key only: the same answer with the caller corrected — only where the key is one
    // stored call and one row of the file (with several, their callers tell them apart: another
    // caller is another call) — then the caller's answer corrected.
    { look: 'answer', rank: 0, alone: true, ok: (row, s) => sameText(row.fields.answerText, s.answerText) },
    { look: 'any', rank: 0, ok: (row, s) => !callersDiffer(row.fields.caller, s.caller) },
  ];
})();

/**
 * Rows without a receipt number matched to the stored enquiries of earlier imports, over the whole
 * file, each stored enquiry to one row at most. A row may be a stored call under its own content key
 * (`c:<day>:<hash>:<n>`: the count n is only the place among equal rows, so rows of one key are told
 * apart by their other fields, never by their place: the same file with two such rows swapped, or
 * without one of them, keeps each enquiry its caller's), under the placeholder an earlier version
 * took for a number (-, なし: `r:<day>:-`, `-#2` … with the row's time and words, in the order of
 * #n), or under the key an earlier version gave it when it misread its time (午後 3:15 as 03:15:
 * VendorEnquiry.earlier) — that one only while the stored call still has the misread time (or already
 * the row's) and its caller is the row's, or, with no caller named on either, every other field: a call stored
 * correctly at 03:15 (a night call of another file) is never taken by a 午後 3:15 row of another
 * caller. Tiers (TIERS): all fields equal; the same caller; the same answer (no other caller named);
 * then, under its own key only, a corrected caller (the same answer; only where the key holds one
 * stored call and one row of the file) or a corrected answer (no other caller named). A row whose
 * caller and answer both differ from a stored call's is another call: added, the stored one left as
 * it is. Stored enquiries are not rewritten to today's keys; the import records a corrected time as
 * any correction.
 */
function matchContentRows(known: KnownRows, rows: readonly VendorEnquiry[]) {
  const content = rows.filter((row) => isContentRow(row) && !known.matched.has(row));
  if (content.length === 0) return;
  const byBase = new Map<string, PoolItem[]>();
  for (const [key, s] of known.byKey) if (key.startsWith('c:')) pushTo(byBase, contentBase(key), { s, n: contentCount(key) });
  const pools = new Map<string, Pool | null>();
  const contentPool = (base: string) => {
    if (!pools.has(base)) pools.set(base, byBase.has(base) ? new Pool(byBase.get(base)!) : null);
    return pools.get(base)!;
  };
  let byHash: Map<string, PoolItem[]> | undefined;
  const datedPool = (hash: string) => {
    if (!byHash) {
      byHash = new Map();
      for (const [base, items] of byBase) pushTo(byHash, contentHash(base), ...items);
    }
    const key = `*${hash}`;
    if (!pools.has(key)) pools.set(key, byHash.has(hash) ? new Pool(byHash.get(hash)!) : null);
    return pools.get(key)!;
  };
  // Placeholders by day and text as written, then by the stored call's time and words.
  const placeholders = new Map<string, Map<string, Pool>>();
  const placeholderPool = (then: { day: string; no: string }, at: string, question: string) => {
    const g = receiptGroup(then.day, then.no);
    let byTime = placeholders.get(g);
    if (!byTime) {
      const lists = new Map<string, PoolItem[]>();
      for (const s of [...(known.byReceipt.get(g) ?? []), ...(known.alsoNumber.get(g) ?? [])]) pushTo(lists, `${s.at ?? ''}\u0000${textKey(s.question ?? '')}`, { s, n: placeholderCount(known.receiptKeys.get(s) ?? '') });
      byTime = new Map([...lists].map(([k, v]) => [k, new Pool(v)]));
      placeholders.set(g, byTime);
    }
    return byTime.get(`${at}\u0000${textKey(question)}`) ?? null;
  };
  type Candidate = { pool: Pool; rank: 0 | 1; admit?: (s: Stored) => boolean };
  const candidates = new Map<VendorEnquiry, Candidate[]>();
  for (const row of content) {
    const list: Candidate[] = [];
    const add = (pool: Pool | null, rank: 0 | 1, admit?: (s: Stored) => boolean) => {
      if (pool && !list.some((c) => c.pool === pool)) list.push({ pool, rank, ...(admit ? { admit } : {}) });
    };
    const then = row.earlier;
    // A row carrying its own date: versions before 2026-12-08 filed it under the day box's day of that
    // import, whatever it was — its content (time with its date, words, operator, channel) under any day.
    if (row.rowKey.startsWith('c:')) add(then?.dated ? datedPool(contentHash(row.rowKey)) : contentPool(contentBase(row.rowKey)), 0);
    if (then?.receipt) add(placeholderPool(then.receipt, row.fields.at, row.fields.question), 0);
    if (then?.at !== undefined) {
      // Under the earlier version's key: only while the stored call has the time that version read (or already the row's).
      const misread = then.at;
      if (then.rowKey !== undefined) add(contentPool(contentBase(then.rowKey)), 1, (s) => s.at === misread || s.at === row.fields.at);
      if (then.receipt) add(placeholderPool(then.receipt, misread, row.fields.question), 1);
    }
    if (list.length > 0) candidates.set(row, list);
  }
  /** How many rows of the file have each pool under their own key. */
  const rowsOf = new Map<Pool, number>();
  for (const list of candidates.values()) for (const c of list) if (c.rank === 0) rowsOf.set(c.pool, (rowsOf.get(c.pool) ?? 0) + 1);
  const free = (s: Stored) => !known.claimed.has(s.id);
  for (const tier of TIERS) {
    for (const row of content) {
      if (known.matched.has(row)) continue;
      for (const c of candidates.get(row) ?? []) {
        if (c.rank !== tier.rank || (tier.alone && (c.pool.size !== 1 || rowsOf.get(c.pool) !== 1))) continue;
        let s: Stored | undefined;
        for (const q of c.pool.lists(tier.look, row)) {
          s = q.first(free, (x) => (c.admit?.(x) ?? true) && tier.ok(row, x));
          if (s) break;
        }
        if (s) {
          known.matched.set(row, s);
          known.claimed.add(s.id);
          break;
        }
      }
    }
  }
  // The rest are new: decided here for the whole file (a later part must not take a call another row took).
  for (const row of content) if (!known.matched.has(row)) known.matched.set(row, null);
}

/** Rows with a receipt number: see matchReceiptRows. */
function matchReceiptGroups(known: KnownRows, rows: readonly VendorEnquiry[]) {
  const groups = new Map<string, VendorEnquiry[]>();
  for (const row of rows) {
    if (known.matched.has(row)) continue;
    const g = groupOfRow(row);
    if (g !== null) pushTo(groups, g, row);
  }
  const alsoFree = (g: string) => (known.alsoNumber.get(g) ?? []).filter((s) => !known.claimed.has(s.id));
  // A key of an earlier version that may be A's second row or the number A#2 (indexReceipts): a row
  // of the other reading with its very time and words is that enquiry, before any pairs by time.
  for (const [g, group] of groups) {
    const also = alsoFree(g);
    if (also.length > 0) pairUnderNumber(known, group, also, 'exact');
  }
  for (const [g, all] of groups) {
    const group = all.filter((row) => !known.matched.has(row));
    // A call stored under this day whose time is on a day before it is no call of this day: a row that
    // wrote its own date (受付日時 2026/12/06 9:05) filed under the day box's 12/07 by a version before
    // 2026-12-08 — it is offered to rows of its own date below, never to this day's own number.
    const day = g.slice(0, g.indexOf('\u0000'));
    const ofDay = (s: Stored) => s.at === undefined || s.at.slice(0, 10) >= day;
    const left = pairUnderNumber(known, group, (known.byReceipt.get(g) ?? []).filter((s) => !known.claimed.has(s.id) && ofDay(s)));
    for (const row of left) known.matched.set(row, null);
  }
  // Such a key no row of its first reading took: the rows of the other reading left new may pair with it.
  for (const [g, group] of groups) {
    const also = alsoFree(g);
    if (also.length > 0) pairUnderNumber(known, group.filter((row) => known.matched.get(row) === null), also);
  }
  // A row carrying its own date (受付日時 2026/12/06 9:05) left new: versions before 2026-12-08 filed it
  // under the day box's day of that import (or its day column's). It may pair with a call stored under
  // its number on another day with its very time and words (that day's own call of the number, at
  // another time, is never taken: numbers start again each morning).
  const dated = new Map<string, VendorEnquiry[]>();
  for (const group of groups.values()) {
    for (const row of group) if (known.matched.get(row) === null && row.earlier?.dated && row.receipt) pushTo(dated, receiptGroup(row.receipt.day, row.receipt.no), row);
  }
  if (dated.size === 0) return;
  const byNumber = new Map<string, Stored[]>();
  for (const [g, stored] of known.byReceipt) pushTo(byNumber, g.slice(g.indexOf('\u0000') + 1), ...stored);
  for (const [g, group] of dated) {
    const days = new Set(group.map((row) => row.fields.at.slice(0, 10)));
    const stored = (byNumber.get(g.slice(g.indexOf('\u0000') + 1)) ?? []).filter((s) => !known.claimed.has(s.id) && s.at !== undefined && days.has(s.at.slice(0, 10)));
    if (stored.length > 0) pairUnderNumber(known, group, stored, 'exact');
  }
}

/**
 * Rows of one number and day paired with stored calls of that number and day (see matchReceiptRows):
 * the same time and words; then the same words at another time, the nearest; then (not with
 * `'exact'`) the nearest time where sameCallLikely. Returns the rows left unpaired.
 */
function pairUnderNumber(known: KnownRows, group: readonly VendorEnquiry[], stored: readonly Stored[], only?: 'exact'): VendorEnquiry[] {
  const free = new Set(stored);
  const take = (row: VendorEnquiry, s: Stored) => {
    known.matched.set(row, s);
    known.claimed.add(s.id);
    free.delete(s);
  };
  const byQuestion = new Map<string, Stored[]>();
  const exact = new Map<string, Stored[]>();
  for (const s of free) {
    pushTo(byQuestion, textKey(s.question ?? ''), s);
    pushTo(exact, `${s.at ?? ''}\u0000${textKey(s.question ?? '')}`, s);
  }
  // The same time and words.
  let left: { row: VendorEnquiry; order: number }[] = [];
  group.forEach((row, order) => {
    const same = exact.get(`${row.fields.at}\u0000${textKey(row.fields.question)}`)?.shift();
    if (same) take(row, same);
    else left.push({ row, order });
  });
  if (only === 'exact') return left.map((r) => r.row);
  // The same words at another time: the nearest of them.
  if (free.size > 0) {
    const words = new Map<string, { row: VendorEnquiry; order: number }[]>();
    for (const r of left) pushTo(words, textKey(r.row.fields.question), r);
    for (const [q, qrows] of words) {
      const candidates = byQuestion.get(q)?.filter((s) => free.has(s));
      if (candidates && candidates.length > 0) pairByTime(qrows, candidates, take);
    }
    left = left.filter((r) => !known.matched.get(r.row));
  }
  // The rest by nearest time, only where it is plausibly the same call: within half an hour, or
  // the same caller named. A number used again for another call that day (numbering per shift,
  // two vendors both starting at 0001) is a new enquiry: a 9:00 call for 佐藤 with a callback is
  // never rewritten into a 19:00 call for 鈴木.
  if (free.size > 0 && left.length > 0) pairByTime(left, [...free], take, sameCallLikely);
  return left.filter((r) => !known.matched.get(r.row)).map((r) => r.row);
}

/** How far apart a corrected time may be from the stored one, when neither the words nor the caller say it is the same call. */
const CORRECTED_TIME_MS = 30 * 60_000;

/** A row and a stored call of one number and day whose words differ: the same call if near in time or of the same caller. */
function sameCallLikely(row: VendorEnquiry, s: Stored): boolean {
  const apart = Math.abs(Date.parse(row.fields.at) - Date.parse(s.at ?? ''));
  if (apart <= CORRECTED_TIME_MS) return true;
  return sameCaller(row.fields.caller, s.caller);
}

/**
 * Texts compared as the row key compares them: width and spaces do not make a correction.
 * Enquiries imported before texts were stored as written hold them in NFKC; the same file
 * imported again must still change nothing.
 */
const textKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();
const sameText = (a: string, b: string) => a === b || textKey(a) === textKey(b);

function corrections(stored: Stored, fields: EnquiryFields): Partial<EnquiryFields> {
  const changes: Partial<EnquiryFields> = {};
  // Under the vendor's receipt number a corrected question or time is the same enquiry corrected (decision 031).
  if (stored.question !== undefined && !sameText(stored.question, fields.question)) changes.question = fields.question;
  if (stored.at !== undefined && stored.at !== fields.at) changes.at = fields.at;
  if (stored.channel !== undefined && stored.channel !== fields.channel) changes.channel = fields.channel;
  if (stored.operator !== undefined && stored.operator !== fields.operator) changes.operator = fields.operator;
  if (!sameText(stored.answerText, fields.answerText)) changes.answerText = fields.answerText;
  if (!sameText(stored.category ?? '', fields.category ?? '')) changes.category = fields.category ?? '';
  if (stored.escalate !== fields.escalate) changes.escalate = fields.escalate;
  if (stored.durationSec !== fields.durationSec) changes.durationSec = fields.durationSec;
  const a = stored.caller;
  const b = fields.caller;
  if (!sameText(a.name, b.name) || a.phone !== b.phone || (a.customerNo ?? '') !== (b.customerNo ?? '')) changes.caller = b;
  return changes;
}

/**
 * Rows of one file (or a part of it) into the log. `known` is updated with what this
 * command adds, so the next part of the same file is checked against it too.
 */
export function importVendorEnquiries(ctx: CommandContext, knownRows: KnownRows | Map<string, Stored>, args: { incidentId: string | null; rows: readonly VendorEnquiry[] }): CommandResult<VendorImportCount> {
  const { incidentId, rows } = args;
  const count: VendorImportCount = { added: 0, already: 0, corrected: 0 };
  const fresh: ({ enquiryId: string } & EnquiryFields)[] = [];
  const events: AnyDraft[] = [];
  const known = knownRows instanceof Map ? fromKeys(knownRows) : knownRows;
  matchReceiptRows(known, rows);
  for (const row of rows) {
    // Matched over the whole file (a receipt number's rows; rows with an earlier version's key), or by key.
    const receipt = known.matched.has(row);
    const stored = receipt ? known.matched.get(row)! : known.byKey.get(row.rowKey);
    if (stored) {
      const changes = corrections(stored, row.fields);
      if (Object.keys(changes).length === 0) count.already++;
      else {
        count.corrected++;
        events.push({ type: 'faq.enquiry-edited', incidentId, payload: { enquiryId: stored.id, changes } });
        const now: Stored = { ...stored, ...changes };
        // Claimed already under its number: only this row's match changes.
        if (receipt) known.matched.set(row, now);
        else known.byKey.set(row.rowKey, now);
      }
      continue;
    }
    const enquiryId = ctx.newId();
    fresh.push({ enquiryId, ...row.fields });
    const added: Stored = { id: enquiryId, ...row.fields };
    if (receipt) {
      // Matched over the whole file and taken: a later part of the same file does not pair with it.
      const g = groupOfRow(row);
      if (g !== null) pushTo(known.byReceipt, g, added);
      else known.byKey.set(row.rowKey, added);
      known.claimed.add(enquiryId);
      known.matched.set(row, added);
    } else known.byKey.set(row.rowKey, added);
    count.added++;
  }
  for (const enquiries of piecesOf(fresh, { maxItems: VENDOR_BATCH, maxBytes: VENDOR_BATCH_BYTES })) {
    events.push({ type: 'faq.vendor-enquiries-imported', incidentId, payload: { enquiries } });
  }
  return accept(events, count);
}

/**
 * A daily report: one event, or one per VENDOR_REPORT_BYTES of its rows when it reports many
 * days (a month of hours by category), each day's rows whole in one event, days in order. The
 * days it reports replace earlier imports of those days (callReportRows: per day, the newest
 * event that reports it). Value: the days.
 */
export function importVendorReport(_ctx: CommandContext, _state: null, args: { incidentId: string | null; rows: readonly CallReportRow[] }): CommandResult<string[]> {
  const { incidentId, rows } = args;
  if (rows.length === 0) return refuse([{ field: 'rows', reason: 'required' }]);
  const byDay = new Map<string, CallReportRow[]>();
  for (const r of rows) {
    const copy = { ...r, byCategory: { ...r.byCategory } };
    const day = byDay.get(r.day);
    if (day) day.push(copy);
    else byDay.set(r.day, [copy]);
  }
  const days = [...byDay.keys()].sort();
  // Each day's rows as one item, in the file's order within the day.
  const pieces = piecesOf(
    days.map((day) => byDay.get(day)!),
    { maxItems: Infinity, maxBytes: VENDOR_REPORT_BYTES },
  );
  const events = pieces.map((piece) => ({ type: 'faq.vendor-report-imported' as const, incidentId, payload: { days: piece.map((dayRows) => dayRows[0]!.day), rows: piece.flat() } }));
  return accept(events, days);
}
