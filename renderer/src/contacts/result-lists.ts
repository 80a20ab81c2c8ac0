/**
 * Results back in bulk. A returned-mail list names customer numbers, a bounce list
 * names addresses, a call session names rows: all are resolved through the blind index
 * a few adjacent buckets per range read, once for the whole list (never a read per item),
 * previewed against the current statuses, then applied as ONE event (handlers.ts).
 */
import { applyOutcome, type Outcome, phaseOf, type Policy, slotOf, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { Channel } from '../../../shared/contacts/model';
import { legacyCustomerNo } from '../../../shared/contacts/normalize';
import { queryKey, type TokenKind } from '../../../shared/contacts/tokens';
import type { ContactReader } from './contact-data';
import { BlockStatus } from './status-access';
import { entriesOf, IndexDamagedError } from './index-merge';
import { BUCKETS, indexPrefix } from './tables';
import type { OutcomeRecord } from '../../../shared/contacts/commands';

export interface OutcomeItem {
  /** One of these names the customer. */
  customerNo?: string;
  email?: string;
  phone?: string;
  row?: number;
  outcome: Outcome;
  reason?: string;
  note?: string;
}

/** What recordOutcomes records (shared/contacts/commands.ts), with what the preview shows before it. */
export interface OutcomePlan extends OutcomeRecord {
  preview: {
    items: number;
    /** Items (lines of a list) that named at least one customer. */
    matchedItems: number;
    /** Customers matched: a number two rows share matches both, a customer listed twice counts once. */
    matched: number;
    /** Indexes (0-based) of list items that name no customer. */
    notFound: number[];
    /**
     * Items whose customer number a spreadsheet had saved as a number (00123 as 123), matched
     * with its leading zeros put back (`as`): shown, so the person can check them before applying.
     */
    zeroRestored?: { item: number; as: string }[];
    /** Matched but not on this channel any more (or already reached): nothing changes. */
    unchanged: number;
    reached: number;
    /** Customers moving on, by the channel they move to. */
    movedTo: Record<string, number>;
    retry: number;
  };
}

/** A long match (a 50k list over 20M customers reads the whole index of its kind: seconds) shows how far it is and can be stopped. */
export interface MatchOptions {
  /** Stops it between reads (an AbortError); nothing has been written. */
  signal?: AbortSignal;
  /** The share of the index read so far, 0–1. */
  onProgress?: (share: number) => void;
}

/** Adjacent buckets read in one range request, and how many such requests are in flight. */
const RANGE_BUCKETS = 8;
const READS_AHEAD = 3;

/**
 * Rows for many values of one token kind: the same rows, in the same order, as a lookup of
 * each value alone (lookup.ts tokenRows). The buckets the values fall in are read a few
 * adjacent ones per range request, several requests in flight, and each (token, row) entry
 * is checked against the wanted tokens in a typed hash table. A 50k list at 20M rows reads
 * every segment of the kind once either way; what made it slow (issue 17) was a string
 * built and looked up in a Map for each of the 20M entries.
 */
export async function resolveMany(engine: ContactReader, datasetId: string, kind: TokenKind, values: string[], opts: MatchOptions = {}): Promise<Map<string, number[]>> {
  const distinct = [...new Set(values)];
  const n = distinct.length;
  const his = new Uint32Array(n);
  const los = new Uint32Array(n);
  const wanted = new Uint8Array(BUCKETS);
  // Open addressing on the token's low word (a keyed hash: uniform), at most a quarter full.
  let cap = 4;
  while (cap < n * 4) cap *= 2;
  const mask = cap - 1;
  const slots = new Int32Array(cap).fill(-1);
  for (let i = 0; i < n; i++) {
    const tok = engine.tokenizer.token(kind, distinct[i]!);
    his[i] = tok.hi;
    los[i] = tok.lo;
    wanted[tok.hi >>> 24] = 1;
    let s = tok.lo & mask;
    // Two values with one token: the later one holds it (as a Map keyed by the token would).
    while (slots[s]! >= 0 && !(his[slots[s]!] === tok.hi && los[slots[s]!] === tok.lo)) s = (s + 1) & mask;
    slots[s] = i;
  }
  const found: (number[] | undefined)[] = new Array(n);
  // Runs of adjacent wanted buckets, at most RANGE_BUCKETS each, in bucket order.
  const ranges: [number, number][] = [];
  for (let b = 0; b < BUCKETS; b++) {
    if (!wanted[b]) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === b && b - last[0] < RANGE_BUCKETS) last[1] = b + 1;
    else ranges.push([b, b + 1]);
  }
  const index = engine.data.tables.index;
  // An index being rebuilt is partial: resolving against it would miss customers without a word.
  if ((await engine.data.tables.datasets.get(datasetId))?.indexRebuild) throw new IndexDamagedError(datasetId);
  const read = ([from, to]: [number, number]) => {
    const segments = index.where(':id').between(indexPrefix(datasetId, kind, from), indexPrefix(datasetId, kind, to - 1) + '\uffff').toArray();
    // Awaited in turn below; when an earlier read fails, the ones still in flight are never
    // awaited, and must not each reach the window as an unexpected error of their own.
    segments.catch(() => undefined);
    return segments;
  };
  const pending = ranges.slice(0, READS_AHEAD).map(read);
  for (let r = 0; r < ranges.length; r++) {
    opts.signal?.throwIfAborted();
    const segments = await pending[r]!;
    opts.signal?.throwIfAborted();
    if (r + READS_AHEAD < ranges.length) pending.push(read(ranges[r + READS_AHEAD]!));
    pending[r] = undefined as never; // let the segments read go
    for (const seg of segments) {
      // A record that is not token entries, or a merged page holding none (damaged): said, not
      // skipped (its customers would go unmatched), as a lookup says it. Decoded into the one
      // buffer reused from page to page (decision 052): at 20M rows there are ~2,300 pages.
      const e = entriesOf(seg.id.slice(0, seg.id.lastIndexOf('|') + 1), seg, true);
      for (let i = 0; i + 2 < e.length; i += 3) {
        const hi = e[i]!;
        const lo = e[i + 1]!;
        let s = lo & mask;
        for (let k = slots[s]!; k >= 0; s = (s + 1) & mask, k = slots[s]!) {
          if (los[k] !== lo || his[k] !== hi) continue;
          (found[k] ??= []).push(e[i + 2]!);
          break;
        }
      }
    }
    opts.onProgress?.((r + 1) / ranges.length);
  }
  const out = new Map<string, number[]>();
  for (let i = 0; i < n; i++) if (found[i]) out.set(distinct[i]!, found[i]!);
  // Ascending whether the bucket is still in chunk segments or merged (decision 039).
  for (const rows of out.values()) rows.sort((a, b) => a - b);
  return out;
}

export async function planOutcomes(
  engine: ContactReader,
  datasetId: string,
  channel: Channel,
  source: string,
  items: OutcomeItem[],
  policy: Policy,
  opts: MatchOptions = {},
): Promise<OutcomePlan> {
  const keyOf = (it: OutcomeItem): [TokenKind, string] | null =>
    it.customerNo !== undefined ? queryKey('no', it.customerNo) : it.email !== undefined ? queryKey('email', it.email) : it.phone !== undefined ? queryKey('phone', it.phone) : null;
  const keys = items.map(keyOf);
  // A list imported before 2026-12-08 holds a number that carried marks under its old key: an
  // item written with the same marks is looked for under that key too.
  const oldKeys = items.map((it, i) => {
    const old = it.customerNo !== undefined && keys[i] ? legacyCustomerNo(it.customerNo) : '';
    return old && old !== keys[i]![1] ? old : null;
  });
  const byKind = new Map<TokenKind, string[]>();
  for (const k of keys) if (k) (byKind.get(k[0]) ?? byKind.set(k[0], []).get(k[0])!).push(k[1]);
  for (const old of oldKeys) if (old) byKind.get('no')!.push(old);
  const resolved = new Map<string, number[]>();
  // Progress over the kinds' indexes in turn (the last tenth kept for numbers tried again
  // with their zeros back); the statuses read after them are a small part.
  const firstShare = byKind.has('no') ? 0.9 : 1;
  let told = 0;
  const tell = opts.onProgress && ((share: number) => opts.onProgress!((told = share)));
  let kindsDone = 0;
  for (const [kind, values] of byKind) {
    const onProgress = tell && ((share: number) => tell(((kindsDone + share) / byKind.size) * firstShare));
    for (const [v, rows] of await resolveMany(engine, datasetId, kind, values, { signal: opts.signal, onProgress })) resolved.set(`${kind}\u0000${v}`, rows);
    kindsDone++;
  }
  // A number found under its old key is found: its zeros are not put back as well.
  const foundByOld = new Set(keys.flatMap((k, i) => (oldKeys[i] && resolved.has(`no\u0000${oldKeys[i]}`) ? [k![1]] : [])));
  const restored = await restoreZeros(engine, datasetId, (byKind.get('no') ?? []).filter((v) => !foundByOld.has(v)), resolved, {
    signal: opts.signal,
    onProgress: tell && ((share) => tell(firstShare + share * (1 - firstShare))),
  });
  if (tell && told > 0 && told < 1) tell(1);
  for (const [v, { rows }] of restored) resolved.set(`no\u0000${v}`, rows);
  opts.signal?.throwIfAborted();

  const plan: OutcomePlan = {
    datasetId, channel, source, rows: [], outcomes: [], reasons: [], notes: [],
    preview: { items: items.length, matchedItems: 0, matched: 0, notFound: [], unchanged: 0, reached: 0, movedTo: {}, retry: 0 },
  };
  const seen = new Set<number>();
  items.forEach((it, i) => {
    const k = keys[i];
    const found = it.row !== undefined ? [it.row] : k ? (resolved.get(`${k[0]}\u0000${k[1]}`) ?? []) : [];
    const old = it.row === undefined ? oldKeys[i] : null;
    const rows = old ? [...new Set([...found, ...(resolved.get(`no\u0000${old}`) ?? [])])] : found;
    if (rows.length === 0) plan.preview.notFound.push(i);
    else if (k?.[0] === 'no' && it.row === undefined && restored.has(k[1])) (plan.preview.zeroRestored ??= []).push({ item: i, as: restored.get(k[1])!.as });
    for (const row of rows) {
      if (seen.has(row)) continue; // a customer listed twice counts once
      seen.add(row);
      plan.rows.push(row);
      plan.outcomes.push(it.outcome);
      plan.reasons.push(it.reason ?? '');
      plan.notes.push(it.note ?? '');
    }
  });
  plan.preview.matched = plan.rows.length;
  plan.preview.matchedItems = items.length - plan.preview.notFound.length;

  const access = readOnlyStatus();
  await access.load(engine.data.tables, datasetId, plan.rows);
  return previewed(plan, access, policy);
}

/** The widest customer number tried with its leading zeros back: a spreadsheet keeps no exact number of more digits. */
const MAX_RESTORED_DIGITS = 15;

/**
 * Customer numbers a spreadsheet saved as numbers. The mailing list goes to the printing
 * vendor as a CSV, and Excel opens a CSV's 00123 as 123; a returned list typed or saved from
 * it names 123. A number of digits only, starting 1–9, that named nobody is tried again with
 * leading zeros at every width up to 15 digits, in one more read of the index; it is matched
 * when exactly one width names a customer (two would be a guess: it stays not found) and,
 * where the list matched digit-only numbers as written, that width is one of theirs. Only tried
 * where the number as written names nobody, so a customer 123 is still found as 123.
 */
async function restoreZeros(
  engine: ContactReader,
  datasetId: string,
  values: string[],
  resolved: Map<string, number[]>,
  opts: MatchOptions,
): Promise<Map<string, { as: string; rows: number[] }>> {
  const out = new Map<string, { as: string; rows: number[] }>();
  const lost = [...new Set(values)].filter((v) => /^[1-9]\d*$/.test(v) && v.length < MAX_RESTORED_DIGITS && !resolved.has(`no\u0000${v}`));
  if (lost.length === 0) return out;
  const widths = new Set<number>();
  for (const v of values) if (/^\d+$/.test(v) && resolved.has(`no\u0000${v}`)) widths.add(v.length);
  // Every width is read, so that two of them naming customers is seen even where the list's
  // own widths would have tried one; those widths then only say which one may be taken.
  const candidates = new Map<string, string>();
  for (const v of lost) for (let w = v.length + 1; w <= MAX_RESTORED_DIGITS; w++) candidates.set(v.padStart(w, '0'), v);
  if (candidates.size === 0) return out;
  const ambiguous = new Set<string>();
  for (const [as, rows] of await resolveMany(engine, datasetId, 'no', [...candidates.keys()], opts)) {
    const v = candidates.get(as)!;
    if (out.has(v)) ambiguous.add(v);
    else out.set(v, { as, rows });
  }
  for (const v of ambiguous) out.delete(v);
  if (widths.size > 0) for (const [v, { as }] of out) if (!widths.has(as.length)) out.delete(v);
  return out;
}

/**
 * One result from the customer card, on the channel the customer is on now: the channel and
 * the preview from one read of the customer's status record (it used to be read twice).
 */
export async function planCardOutcome(engine: ContactReader, datasetId: string, item: OutcomeItem & { row: number }, policy: Policy): Promise<OutcomePlan> {
  const access = readOnlyStatus();
  await access.load(engine.data.tables, datasetId, [item.row]);
  const channel = policy.order[slotOf(access.get(item.row))]!;
  const plan: OutcomePlan = {
    datasetId, channel, source: 'card', rows: [item.row], outcomes: [item.outcome], reasons: [item.reason ?? ''], notes: [item.note ?? ''],
    preview: { items: 1, matchedItems: 1, matched: 1, notFound: [], unchanged: 0, reached: 0, movedTo: {}, retry: 0 },
  };
  return previewed(plan, access, policy);
}

/** Statuses to read, never to change: a preview counts nothing, so the list's totals are not read for it. */
const readOnlyStatus = () => new BlockStatus(Number.MAX_SAFE_INTEGER, new Int32Array(TOTAL_CELLS * 64));

/** The plan's preview: what each of its customers' results would change, from their statuses now. */
function previewed(plan: OutcomePlan, access: BlockStatus, policy: Policy): OutcomePlan {
  const { channel } = plan;
  plan.rows.forEach((row, i) => {
    const before = access.get(row);
    const after = applyOutcome(before, channel, plan.outcomes[i]!, access.avail(row), policy);
    if (after === before) plan.preview.unchanged++;
    else if (phaseOf(after) === 'reached' || phaseOf(after) === 'covered') plan.preview.reached++;
    else if (slotOf(after) === slotOf(before)) plan.preview.retry++;
    else {
      const to = policy.order[slotOf(after)]!;
      plan.preview.movedTo[to] = (plan.preview.movedTo[to] ?? 0) + 1;
    }
  });
  return plan;
}

