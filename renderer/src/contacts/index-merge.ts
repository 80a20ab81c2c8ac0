/**
 * Merging a complete list's blind-index segments (decision 039). An import writes one
 * segment per commit chunk, kind and bucket (≈ 400 per bucket at 20M rows), in row order,
 * and a lookup used to read and scan every one. Once a list is complete it never grows, so
 * each (kind, bucket) is rewritten in the background as ONE sorted run — entries ordered by
 * (token, row) and cut into pages whose ids name their first token — and a lookup reads the
 * one page holding its token (a token held by many rows, a common kana prefix, has pages of
 * its own, counted from their ids without reading them).
 *
 * Crash-safe and resumable: a bucket is merged in one IndexedDB transaction that reads its
 * segments, writes the pages and deletes the segments; a reader sees the old segments or the
 * new pages, never both or neither, and after a crash or a lock the next pass merges the
 * buckets that still have segments. It needs no key (tokens and row numbers only), and stops
 * between buckets when the engine is disposed (lock) or the signal aborts.
 */
import { TOKEN_KINDS, type TokenKind } from '../../../shared/contacts/tokens';
import { indexRecord, storedEntries, TokenPageReader } from './index-codec';
import { BLOCK_ROWS, BUCKETS, COMMIT_ROWS, type ContactTables, indexPrefix, type IndexRecord, pad } from './tables';

/**
 * A list's search index cannot be read as stored (a record that is not token triples, a
 * merged page that is not what its id says, or missing): a lookup in that list says so and
 * offers to rebuild the index from the list's rows (index-rebuild.ts), instead of failing as
 * an unexpected error every time. Also thrown while a rebuild is unfinished (the index is partial).
 */
export class IndexDamagedError extends Error {
  override readonly name = 'IndexDamagedError';
  constructor(readonly datasetId: string) {
    super('contacts: the search index of a list needs rebuilding');
  }
}

/** The dataset a bucket's prefix (`<dataset>|<kind>|<bucket>|`) belongs to. */
const datasetOfPrefix = (prefix: string) => prefix.slice(0, prefix.indexOf('|'));

/**
 * A stored record's entries (packed or triples; a merged page not empty); else the index is
 * damaged. With `reuse`, in a buffer the next such call overwrites (storedEntries).
 */
export function entriesOf(prefix: string, rec: IndexRecord, reuse = false): Uint32Array {
  const entries = storedEntries(rec, reuse);
  if (!entries || (entries.length === 0 && isMergedId(prefix, rec.id))) throw new IndexDamagedError(datasetOfPrefix(prefix));
  return entries;
}

/**
 * Entries (token, row triples) per merged page, read whole by a lookup. Sized in bytes as
 * stored (decision 043): Chromium keeps a value over 64 KiB in a file of its own and reads it
 * ~2.5× faster per byte than one kept in the database, so a page of distinct tokens (≈ 10
 * bytes an entry packed) holds 8,192 entries, ≈ 80 KB, and a big token's page (≈ 2 bytes an
 * entry) 65,536, ≈ 130 KB. Pages merged before held 4,096 of either; they are read as they are.
 * The kinds a whole list is matched by hold WIDE_PAGE_ENTRIES a page (decision 057).
 */
export const PAGE_ENTRIES = 8192;
export const BIG_PAGE_ENTRIES = 65_536;
/**
 * Entries per page of distinct tokens for the kinds a whole list is matched by (decision 057):
 * a returned-mail list by customer number, a bounce list by address or phone number reads every
 * page of its kind (50k customers spread over 20M fall in every page). Chromium's IndexedDB
 * reads 220 MB in values of 90 KB at ~50 MB/s on 2 cores, and in values of 256–512 KB at
 * ~85 MB/s; a lookup of one customer reads one page of ≈ 330 KB instead of 80 KB.
 */
export const WIDE_PAGE_ENTRIES = 32_768;
const WIDE_KINDS: ReadonlySet<string> = new Set<TokenKind>(['no', 'phone', 'email']);
/** A token with at least this many rows gets pages of its own (flag 'a'), counted from their ids. */
export const BIG_TOKEN = 512;
/** Merged pages sort after the chunk segments (named by 6 digits) of their bucket. */
export const MERGED = '~';

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
export const tokenKey = (hi: number, lo: number) => hex8(hi) + hex8(lo);

/**
 * Id of a merged page: its first token and first row, 'a' when every entry is that token
 * (a big token's page) or 'm', and how many entries it holds (hex).
 */
export const pageId = (prefix: string, hi: number, lo: number, row: number, all: boolean, n: number) =>
  `${prefix}${MERGED}${tokenKey(hi, lo)}${hex8(row)}${all ? 'a' : 'm'}${n.toString(16)}`;

export const isMergedId = (prefix: string, id: string) => id.charAt(prefix.length) === MERGED;

/** The size and flag of a merged page, read from its id. */
export function pageOf(prefix: string, id: string): { token: string; all: boolean; n: number } {
  const at = prefix.length + 1;
  return { token: id.slice(at, at + 16), all: id.charAt(at + 24) === 'a', n: parseInt(id.slice(at + 25), 16) };
}

/**
 * One sorted run of pages from entries in any order (several arrays of triples): sorted by
 * (token, row), duplicate triples dropped, a run of a small token never split across pages.
 */
export interface PageSizes {
  page: number;
  big: number;
  /** Entries per page of a big token (its own pages); `page` when not given. */
  bigPage?: number;
}
const SIZES: PageSizes = { page: PAGE_ENTRIES, big: BIG_TOKEN, bigPage: BIG_PAGE_ENTRIES };
const WIDE: PageSizes = { page: WIDE_PAGE_ENTRIES, big: BIG_TOKEN, bigPage: BIG_PAGE_ENTRIES };
/** The page sizes a merge of this kind writes now. */
export const pageSizesOf = (kind: string): PageSizes => (WIDE_KINDS.has(kind) ? WIDE : SIZES);

export function buildPages(datasetId: string, prefix: string, parts: Uint32Array[], sizes: PageSizes = SIZES): IndexRecord[] {
  const { page: PAGE, big: BIG } = sizes;
  const BIG_PAGE = sizes.bigPage ?? PAGE;
  let total = 0;
  for (const p of parts) total += p.length;
  const all = new Uint32Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const n = total / 3;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i * 3;
  order.sort((a, b) => all[a]! - all[b]! || all[a + 1]! - all[b + 1]! || all[a + 2]! - all[b + 2]!);
  const pages: IndexRecord[] = [];
  let page: number[] = [];
  let single = true;
  const flush = () => {
    if (page.length === 0) return;
    pages.push(indexRecord(pageId(prefix, page[0]!, page[1]!, page[2]!, single, page.length / 3), datasetId, Uint32Array.from(page)));
    page = [];
    single = true;
  };
  for (let i = 0; i < n; ) {
    const hi = all[order[i]!]!;
    const lo = all[order[i]! + 1]!;
    let end = i;
    const rows: number[] = [];
    while (end < n && all[order[end]!] === hi && all[order[end]! + 1] === lo) {
      const row = all[order[end]! + 2]!;
      if (rows.length === 0 || rows[rows.length - 1] !== row) rows.push(row);
      end++;
    }
    i = end;
    if (rows.length >= BIG) {
      flush();
      for (let s = 0; s < rows.length; s += BIG_PAGE) {
        for (const row of rows.slice(s, s + BIG_PAGE)) page.push(hi, lo, row);
        flush();
      }
      continue;
    }
    if (page.length / 3 + rows.length > PAGE) flush();
    if (page.length > 0) single = false;
    for (const row of rows) page.push(hi, lo, row);
  }
  flush();
  return pages;
}

/**
 * Merges one (kind, bucket) of a list into a single sorted run, in one transaction.
 * Returns the entries merged (0 when it had no chunk segment left: already merged or empty).
 */
export async function mergeBucket(t: ContactTables, datasetId: string, kind: string, bucket: number, sizes: PageSizes = pageSizesOf(kind)): Promise<number> {
  const prefix = indexPrefix(datasetId, kind, bucket);
  return t.index.db.transaction('rw', t.index, async () => {
    const recs = await t.index.where(':id').between(prefix, prefix + '\uffff').toArray();
    if (!recs.some((r) => !isMergedId(prefix, r.id))) return 0;
    // A record that is not token triples is not merged into pages (which would hide it and
    // drop its rows): the merge leaves the list, and a lookup names it for a rebuild.
    const pages = buildPages(datasetId, prefix, recs.map((r) => entriesOf(prefix, r)), sizes);
    await t.index.bulkDelete(recs.map((r) => r.id));
    await t.index.bulkPut(pages);
    return pages.reduce((s, p) => s + pageOf(prefix, p.id).n, 0);
  });
}

/**
 * The (kind, bucket) pairs of a list that still have chunk segments (ids only, one read per
 * kind; `pace` awaited before each: every id of a kind is a read of seconds on a busy laptop).
 */
export async function bucketsToMerge(t: ContactTables, datasetId: string, pace: () => Promise<void> = async () => undefined): Promise<[kind: string, bucket: number][]> {
  const out: [string, number][] = [];
  for (const kind of TOKEN_KINDS) {
    await pace();
    const head = `${datasetId}|${kind}|`;
    const seen = new Set<number>();
    for (const id of await t.index.where(':id').between(head, head + '\uffff').primaryKeys()) {
      const bucket = parseInt(id.slice(head.length, head.length + 2), 16);
      if (!isMergedId(indexPrefix(datasetId, kind, bucket), id)) seen.add(bucket);
    }
    for (const bucket of [...seen].sort((a, b) => a - b)) out.push([kind, bucket]);
  }
  return out;
}

export interface MergeStats {
  buckets: number;
  entries: number;
  ms: number;
  /** False when it stopped early (lock, abort): the next pass goes on from there. */
  done: boolean;
}

/**
 * Merges every bucket of a complete list that still has chunk segments, bucket by bucket.
 * `stop` is asked between buckets (the engine disposed on lock, an abort). `pace` is awaited
 * before each transaction (the engine's: EventStore.backgroundTurn): IndexedDB answers one
 * database's requests one after another, and a merge run flat out made every call result
 * and task wait behind its transactions.
 */
export async function mergeDataset(
  t: ContactTables,
  datasetId: string,
  stop: () => boolean = () => false,
  /** Every kind's, in tests; by default each kind's own (pageSizesOf). */
  sizes: PageSizes | undefined = undefined,
  pace: () => Promise<void> = async () => undefined,
): Promise<MergeStats> {
  const t0 = performance.now();
  const stats: MergeStats = { buckets: 0, entries: 0, ms: 0, done: false };
  for (const [kind, bucket] of await bucketsToMerge(t, datasetId, pace)) {
    // The person's own work first: a bucket's transaction holds the database a moment.
    await pace();
    if (stop()) {
      stats.ms = performance.now() - t0;
      return stats;
    }
    const n = await mergeBucket(t, datasetId, kind, bucket, sizes ?? pageSizesOf(kind));
    if (n > 0) {
      stats.buckets++;
      stats.entries += n;
    }
  }
  stats.ms = performance.now() - t0;
  stats.done = true;
  return stats;
}

/**
 * Rows holding a token in one bucket, ascending: the chunk segments' entries (row order)
 * and the merged run's (one page, or a big token's own pages), read in one transaction so
 * a merge committing meanwhile is seen whole or not at all.
 */
export async function bucketTokenRows(t: ContactTables, prefix: string, hi: number, lo: number): Promise<number[]> {
  const tk = prefix + MERGED + tokenKey(hi, lo);
  const [segments, pages] = await t.index.db.transaction('r', t.index, async () => {
    const segments = await t.index.where(':id').between(prefix, prefix + MERGED).toArray();
    const last = await t.index.where(':id').between(prefix + MERGED, tk + '\uffff').last();
    let pages: IndexRecord[] = [];
    if (last && last.id.startsWith(tk) && pageOf(prefix, last.id).all) pages = await t.index.where(':id').between(tk, tk + '\uffff').toArray();
    else if (last) pages = [last];
    return [segments, pages] as const;
  });
  // Sorted and each row once, whatever a damaged or forged record holds (a sound one is already:
  // sorting a sorted array takes one pass).
  const fromSegments = ascendingOnce(scan(prefix, segments, hi, lo));
  const fromPages = ascendingOnce(scan(prefix, pages, hi, lo));
  if (fromSegments.length === 0) return fromPages;
  if (fromPages.length === 0) return fromSegments;
  return mergeSorted(fromSegments, fromPages);
}

/** Ascending row numbers. */
export type RowNumbers = readonly number[] | Uint32Array;

/**
 * A big token's rows, ascending, read page by page as a search pages through them: `length` is
 * their count (from the pages' ids), and only the first `loaded` are there until `load` reads
 * more. The rows are kept in a buffer grown as pages are read, not one of the whole count: a
 * common kana prefix at 20M rows holds 700k (2.8 MB), of which a lookup shows 20, and a new
 * buffer of that size each lookup kept the page's collector busy sweeping them.
 */
export class RowRun {
  private buf = new Uint32Array(0);
  private filled = 0;
  constructor(readonly length: number) {}

  get loaded(): number {
    return this.filled;
  }

  /**
   * Rows from..to, as an array's slice (to past the end: up to the end), all of them read: a
   * row not read yet is never given as 0 or anything else.
   */
  slice(from: number, to: number): Uint32Array {
    const end = Math.min(to, this.length);
    if (end > this.filled || from < 0 || end < 0) throw new RangeError(`contacts: rows ${from} to ${end} asked for, ${this.filled} read`);
    return this.buf.subarray(0, this.filled).slice(from, end);
  }

  /** Every row, once all are loaded (a view: not to be kept past the run). */
  all(): Uint32Array {
    if (this.filled < this.length) throw new RangeError(`contacts: all ${this.length} rows asked for, ${this.filled} read`);
    return this.buf.subarray(0, this.filled);
  }

  /** Adds the next row; false (and nothing added) when it is not after the last or the run is full. */
  push(row: number): boolean {
    if (this.filled >= this.length || (this.filled > 0 && row <= this.buf[this.filled - 1]!)) return false;
    if (this.filled === this.buf.length) {
      const grown = new Uint32Array(Math.min(this.length, Math.max(1024, this.buf.length * 4)));
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.filled++] = row;
    return true;
  }
}

/**
 * A token's rows, ascending: all of them (`rows`), or a big token's run read as needed (`run`,
 * with `load(n)` reading until the first n are there).
 */
export type TokenRows = { rows: number[]; run?: undefined; load?: undefined } | { rows?: undefined; run: RowRun; load: (upTo: number) => Promise<void> };

/** Entries of a big token read per request while paging through it: two pages as merged before, one as now. */
const ENTRIES_AHEAD = 8192;

/**
 * Like bucketTokenRows, but a big token of a merged bucket (a common kana prefix: tens of
 * thousands of rows at 1M, 700k at 20M) is counted from its pages' ids — keys only — and its
 * rows are read page by page as a search pages through them, instead of all at once.
 */
export async function lazyTokenRows(t: ContactTables, prefix: string, hi: number, lo: number): Promise<TokenRows> {
  const tk = prefix + MERGED + tokenKey(hi, lo);
  const ids = await t.index.db.transaction('r', t.index, async () => {
    if ((await t.index.where(':id').between(prefix, prefix + MERGED).limit(1).primaryKeys()).length > 0) return null;
    const last = await t.index.where(':id').between(prefix + MERGED, tk + '\uffff').reverse().limit(1).primaryKeys();
    if (!last[0] || !last[0].startsWith(tk) || !pageOf(prefix, last[0]).all) return null;
    return t.index.where(':id').between(tk, tk + '\uffff').primaryKeys();
  });
  if (!ids || !soundRun(prefix, ids)) return { rows: await bucketTokenRows(t, prefix, hi, lo) };
  const run = new RowRun(ids.reduce((s, id) => s + pageOf(prefix, id).n, 0));
  const damaged = () => new IndexDamagedError(datasetOfPrefix(prefix));
  /**
   * Pages read and not yet taken from, each checked when read: a page gone, or not what its id
   * says (count, token), is damage — the count shown came from the ids. A page as packEntries
   * writes a token's run (checksum checked) gives its rows as they are asked for (`reader`);
   * any other is read whole now (`rows`).
   */
  const queue: { rec: IndexRecord; n: number; reader: TokenPageReader | null; rows: Uint32Array | null }[] = [];
  let next = 0;
  const fetchPages = async () => {
    // The next pages, up to ENTRIES_AHEAD entries, in one read.
    let end = next + 1;
    for (let entries = pageOf(prefix, ids[next]!).n; end < ids.length && entries < ENTRIES_AHEAD; end++) entries += pageOf(prefix, ids[end]!).n;
    const wanted = ids.slice(next, end);
    next = end;
    const recs = await t.index.bulkGet(wanted);
    for (const [k, rec] of recs.entries()) {
      // A merged bucket never changes again (a rebuild flags the list first): a page gone is damage.
      if (!rec) throw damaged();
      const n = pageOf(prefix, wanted[k]!).n;
      const reader = TokenPageReader.of(rec);
      if (reader && (reader.count !== n || reader.hi !== hi || reader.lo !== lo)) throw damaged();
      queue.push({ rec, n, reader, rows: reader ? null : rowsOfPage(rec, n) });
    }
  };
  /** A page's rows read whole, every entry the token's. */
  const rowsOfPage = (rec: IndexRecord, n: number) => {
    const e = entriesOf(prefix, rec, true);
    if (e.length !== n * 3) throw damaged();
    const rows = new Uint32Array(n);
    for (let i = 0, k = 0; i < e.length; i += 3, k++) {
      if (e[i] !== hi || e[i + 1] !== lo) throw damaged();
      rows[k] = e[i + 2]!;
    }
    return rows;
  };
  const load = async (upTo: number) => {
    const want = Math.min(upTo, run.length);
    while (run.loaded < want) {
      if (queue.length === 0) await fetchPages();
      const page = queue[0]!;
      if (page.reader) {
        // At least a few hundred rows a time: a search pages through them 20 or 64 at a time.
        const got = page.reader.take(Math.max(want - run.loaded, 256), run);
        if (got > 0) {
          if (page.reader.read === page.n) queue.shift();
          continue;
        }
        // Rows wanted and none given: never the case for a page whose count was checked, but a
        // loop that gets nothing must not go round for ever.
        if (got === 0) throw damaged();
        // Not a token's run as packEntries writes it, past its checksum: the rest of the page
        // read whole, after the rows already taken from it (the two reads agree on those).
        page.rows = rowsOfPage(page.rec, page.n).subarray(page.reader.read);
      }
      // Rows in order after the last, or the page is not taken.
      for (const r of page.rows!) if (!run.push(r)) throw damaged();
      queue.shift();
    }
  };
  let loading: Promise<void> = Promise.resolve();
  return { run, load: (upTo) => (loading = loading.then(() => load(upTo))) };
}

/**
 * A big token's pages as the merge writes them: each holds at most BIG_PAGE_ENTRIES, all but the
 * last the same number, first rows ascending. Anything else (a forged or damaged record) is
 * read whole and checked entry by entry instead of being counted from its ids.
 */
function soundRun(prefix: string, ids: string[]): boolean {
  const pages = ids.map((id) => pageOf(prefix, id));
  const full = pages[0]!.n;
  return pages.every((p, i) => p.all && p.n > 0 && p.n <= BIG_PAGE_ENTRIES && Number.isInteger(p.n) && (i === pages.length - 1 ? p.n <= full : p.n === full));
}

function scan(prefix: string, recs: IndexRecord[], hi: number, lo: number): number[] {
  const out: number[] = [];
  for (const s of recs) {
    const e = entriesOf(prefix, s, true);
    for (let i = 0; i < e.length; i += 3) if (e[i] === hi && e[i + 1] === lo) out.push(e[i + 2]!);
  }
  return out;
}

const ascendingOnce = (rows: number[]) => mergeSorted([], rows.sort((a, b) => a - b));

function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

/**
 * A list's index as packs carry it (decision 012): whatever the layout here — chunk segments
 * of any commit size, merged pages, or a bucket of each — one record per kind, bucket and
 * 50,000 rows, entries ordered by (row, token). Laptops sharing the same list at once thus seal
 * the same packs, whether or not they merged it yet, and a laptop on an older version (which
 * takes the index as it comes) reads segments in the layout it knows. Each bucket is read in
 * one transaction, so a merge committing meanwhile is seen whole or not at all.
 */
export async function* packedIndex(t: ContactTables, datasetId: string): AsyncGenerator<{ id: string; entries: Uint32Array }> {
  for (const kind of [...TOKEN_KINDS].sort()) {
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const prefix = indexPrefix(datasetId, kind, bucket);
      const recs = await t.index.where(':id').between(prefix, prefix + '\uffff').toArray();
      if (recs.length === 0) continue;
      const groups = new Map<number, number[]>();
      for (const r of recs) {
        // A damaged record is left out, not a reason to keep the list from the team: a
        // receiver on this version builds its index from the rows; one on an older version
        // lacks that record's entries (a lookup here still says the index needs rebuilding).
        const e = storedEntries(r);
        if (!e) continue;
        for (let i = 0; i < e.length; i += 3) {
          const g = Math.floor(e[i + 2]! / COMMIT_ROWS);
          (groups.get(g) ?? groups.set(g, []).get(g)!).push(e[i]!, e[i + 1]!, e[i + 2]!);
        }
      }
      for (const g of [...groups.keys()].sort((a, b) => a - b)) {
        const flat = groups.get(g)!;
        const order = Array.from({ length: flat.length / 3 }, (_, i) => i * 3);
        order.sort((a, b) => flat[a + 2]! - flat[b + 2]! || flat[a]! - flat[b]! || flat[a + 1]! - flat[b + 1]!);
        const entries = new Uint32Array(flat.length);
        let n = 0;
        for (const at of order) {
          if (n >= 3 && entries[n - 3] === flat[at] && entries[n - 2] === flat[at + 1] && entries[n - 1] === flat[at + 2]) continue;
          entries[n++] = flat[at]!;
          entries[n++] = flat[at + 1]!;
          entries[n++] = flat[at + 2]!;
        }
        yield { id: prefix + pad((g * COMMIT_ROWS) / BLOCK_ROWS), entries: entries.slice(0, n) };
      }
    }
  }
}
