/**
 * Finding customers without decrypting the list: the query's token names one bucket,
 * whose few segments (one per import chunk) are read in one range request; candidate
 * rows are then opened block by block (cached) and checked against the query, which
 * weeds out token collisions and kana prefixes longer than the indexed four.
 * A search says how many matched (never a silent cap), pages through them in row order,
 * and narrows a kana search by postcode and given name through their own tokens, so the
 * count stays exact without opening a single row.
 */
import type { ContactRow } from '../../../shared/contacts/model';
import { legacyCustomerNo, MAX_KANA_PREFIX, normalizeKana, normalizePostcode } from '../../../shared/contacts/normalize';
import { givenKey, givenPart, nameMatches, queryKey, type QueryKind, type Tokenizer } from '../../../shared/contacts/tokens';
import { type OpenedBlock, openBlockLazily } from './block-codec';
import { bucketTokenRows, lazyTokenRows, type RowNumbers, type RowRun } from './index-merge';
import { BLOCK_ROWS, blockId, type ContactTables, indexPrefix } from './tables';

/** `reference`: a reference number (照会番号) leads to its list and row without the index (search.ts). */
export type LookupKind = 'no' | 'phone' | 'email' | 'kana-prefix' | 'postcode-name' | 'reference';

export interface LookupQuery {
  kind: LookupKind;
  value: string;
  /** With a postcode: the name the caller gave (family name, full name; kanji or kana). */
  name?: string;
  /** Narrowing a kana search: the postcode, and the given name (kanji or kana). */
  postcode?: string;
  given?: string;
}

/**
 * Opened blocks, most recently used last; enough for a call-centre session. A block's rows
 * are parsed one at a time for a lookup (`row`), all at once for a caller that wants them
 * all (`rows`).
 */
export class BlockCache {
  private readonly map = new Map<string, Promise<OpenedBlock | null>>();
  constructor(
    private readonly t: ContactTables,
    private readonly key: CryptoKey,
    private readonly capacity = 64,
  ) {}

  async rows(datasetId: string, block: number): Promise<ContactRow[]> {
    return (await this.opened(datasetId, block))?.rows() ?? [];
  }

  private opened(datasetId: string, block: number): Promise<OpenedBlock | null> {
    const id = blockId(datasetId, block);
    let hit = this.map.get(id);
    if (hit) this.map.delete(id);
    else {
      hit = this.t.blocks.get(id).then((rec) => (rec ? openBlockLazily(this.key, id, rec.sealed, block * BLOCK_ROWS) : null));
      hit.catch(() => this.map.delete(id));
    }
    this.map.set(id, hit);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    return hit;
  }

  /**
   * Opens several blocks at once: one IndexedDB read for all of them and their decryption
   * in parallel, instead of a round trip per block (a page of a rare kana prefix can touch
   * dozens of blocks).
   */
  prefetch(datasetId: string, blocks: Iterable<number>): Promise<unknown> {
    const wanted = [...new Set(blocks)].filter((b) => !this.map.has(blockId(datasetId, b))).slice(0, this.capacity);
    if (wanted.length === 0) return Promise.resolve();
    const read = this.t.blocks.bulkGet(wanted.map((b) => blockId(datasetId, b)));
    const opened = wanted.map((b, i) => {
      const id = blockId(datasetId, b);
      const hit = read.then((recs) => {
        const rec = recs[i];
        return rec ? openBlockLazily(this.key, id, rec.sealed, b * BLOCK_ROWS) : null;
      });
      hit.catch(() => this.map.delete(id));
      this.map.set(id, hit);
      return hit;
    });
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    return Promise.all(opened);
  }

  async row(datasetId: string, row: number): Promise<ContactRow | undefined> {
    const block = Math.floor(row / BLOCK_ROWS);
    return (await this.opened(datasetId, block))?.row(row - block * BLOCK_ROWS);
  }

  clear(): void {
    this.map.clear();
  }

  /** Clears the cache and zeroes the text of every block it opened (the lock). */
  wipe(): void {
    for (const opened of this.map.values()) void opened.then((b) => b?.wipe(), () => undefined);
    this.map.clear();
  }
}

/**
 * Rows holding a token, ascending: the bucket's chunk segments (row order, before the
 * list is merged) and its merged run (one page, decision 039), in one read transaction.
 */
export async function tokenRows(t: ContactTables, tokenizer: Tokenizer, datasetId: string, kind: string, value: string): Promise<number[]> {
  const tok = tokenizer.token(kind as never, value);
  return bucketTokenRows(t, indexPrefix(datasetId, kind, tok.hi >>> 24), tok.hi, tok.lo);
}

/** The same, a big token of a merged list counted without reading its rows (filled by `load`). */
async function lazyRows(t: ContactTables, tokenizer: Tokenizer, datasetId: string, kind: string, value: string) {
  const tok = tokenizer.token(kind as never, value);
  return lazyTokenRows(t, indexPrefix(datasetId, kind, tok.hi >>> 24), tok.hi, tok.lo);
}

/** Rows in either ascending list, once. */
function union(a: RowNumbers, b: RowNumbers): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    out.push(Math.min(x, y));
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}

/** Rows in both ascending lists. */
function intersect(a: RowNumbers, b: RowNumbers): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return out;
}

export interface Candidates {
  /**
   * Ascending rows that may match; `check` confirms each on the opened row. `length` is their
   * count; a big token's run holds only the rows `load` has read (a RowRun gives no others).
   */
  rows: RowNumbers | RowRun;
  check: (row: ContactRow) => boolean;
  /** True when every candidate is known to match without opening it (exact count). */
  trusted: boolean;
  /**
   * When set, `rows` holds the count but only its first rows until `load(n)` reads the first
   * n (a common kana prefix of a merged list: counted from the index's page ids, decision 039).
   */
  load?: (upTo: number) => Promise<void>;
}

const key = (kind: QueryKind, value: string, name?: string) => queryKey(kind, value, name);

/**
 * Candidate rows of one dataset for a query. `version` is the dataset's: lists imported
 * before version 2 have no postcode or given-name tokens until their upgrade ran, and
 * are searched the old way meanwhile (postcode + whole name, narrowing on opened rows).
 */
export async function candidates(t: ContactTables, tokenizer: Tokenizer, datasetId: string, q: LookupQuery, version: number): Promise<Candidates> {
  const none: Candidates = { rows: [], check: () => false, trusted: true };
  const rowsFor = (k: ReturnType<typeof key>) => (k ? tokenRows(t, tokenizer, datasetId, k[0], k[1]) : Promise.resolve([]));
  switch (q.kind) {
    case 'reference':
      return none;
    case 'no':
    case 'phone':
    case 'email': {
      const kind = q.kind;
      const k = key(kind, q.value);
      if (!k) return none;
      const field = kind === 'no' ? 'customerNo' : kind;
      let rows: RowNumbers = await rowsFor(k);
      // A list imported before 2026-12-08 holds a number that carried marks under its old key:
      // pasted as it was imported, it is still found there.
      const old = kind === 'no' ? legacyCustomerNo(q.value) : '';
      if (old && old !== k[1]) rows = union(rows, await rowsFor(['no', old]));
      return { rows, check: (r) => key(kind, r[field])?.[1] === k[1], trusted: false };
    }
    case 'postcode-name': {
      const pc = normalizePostcode(q.value);
      if (!pc) return none;
      if (version < 2) {
        const k = key('postcode-name', q.value, q.name ?? '');
        if (!k) return none;
        return { rows: await rowsFor(k), check: (r) => key('postcode-name', r.postcode, r.name)?.[1] === k[1], trusted: false };
      }
      return { rows: await rowsFor(key('postcode', pc)), check: (r) => normalizePostcode(r.postcode) === pc && nameMatches(r, q.name ?? ''), trusted: false };
    }
    case 'kana-prefix': {
      const k = key('kana-prefix', q.value);
      if (!k) return none;
      const want = normalizeKana(q.value);
      const pc = q.postcode?.trim() ? normalizePostcode(q.postcode) : null;
      const given = q.given?.trim() ? givenKey(q.given) : null;
      if (pc === '') return none; // a postcode that is not one matches nobody
      const lazy = await lazyRows(t, tokenizer, datasetId, k[0], k[1]);
      let trusted = [...want].length <= MAX_KANA_PREFIX;
      let rows: RowNumbers | RowRun;
      if (lazy.run && !pc && !given) rows = lazy.run;
      else {
        // Narrowed: every row of the prefix is read, and the rows of the postcode or given name.
        if (lazy.run) await lazy.load(Infinity);
        let all: RowNumbers = lazy.run ? lazy.run.all() : lazy.rows;
        if (version >= 2) {
          if (pc) all = intersect(all, await rowsFor(key('postcode', pc)));
          if (given) all = intersect(all, await rowsFor(key('given', given)));
        } else if (pc || given) trusted = false;
        rows = all;
      }
      const check = (r: ContactRow) =>
        normalizeKana(r.kana).startsWith(want) &&
        (!pc || normalizePostcode(r.postcode) === pc) &&
        (!given || givenKey(givenPart(r.name)) === given || givenKey(givenPart(r.kana)) === given);
      return { rows, check, trusted, load: pc || given ? undefined : lazy.load };
    }
  }
}

/** Candidates whose count is known only once each is opened: up to this many are opened to count them. */
export const VERIFY_TO_COUNT = 200;

/** Opens candidates in row order (blocks cached) and keeps those that match. */
export async function confirm(cache: BlockCache, datasetId: string, c: Candidates, from: number, want: number, signal?: AbortSignal): Promise<{ rows: ContactRow[]; next: number }> {
  const out: ContactRow[] = [];
  let i = from;
  while (i < c.rows.length && out.length < want) {
    // A newer keystroke made this search moot: stop opening blocks for it.
    signal?.throwIfAborted();
    // The blocks of the candidates this page will most likely need, opened together.
    const end = i + Math.min(want - out.length, PREFETCH_ROWS);
    await c.load?.(end);
    const ahead = c.rows.slice(i, end);
    await cache.prefetch(datasetId, ahead.map((r) => Math.floor(r / BLOCK_ROWS)));
    for (const r of ahead) {
      i++;
      const row = await cache.row(datasetId, r);
      if (row && c.check(row)) out.push(row);
      if (out.length >= want) break;
    }
  }
  return { rows: out, next: i };
}

/** Candidates whose blocks are opened in one go while confirming. */
const PREFETCH_ROWS = 64;
