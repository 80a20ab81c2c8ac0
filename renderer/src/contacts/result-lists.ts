/**
 * Results back in bulk. A returned-mail list names customer numbers, a bounce list
 * names addresses, a call session names rows: all are resolved through the blind index
 * bucket by bucket (one range read per bucket, not per item — a 50k list is 256 reads),
 * previewed against the current statuses, then applied as ONE event (handlers.ts).
 */
import { applyOutcome, type Outcome, phaseOf, type Policy, slotOf, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { Channel } from '../../../shared/contacts/model';
import { queryKey, type TokenKind } from '../../../shared/contacts/tokens';
import type { ContactReader } from './contact-data';
import { BlockStatus } from './status-access';
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
    /** Matched but not on this channel any more (or already reached): nothing changes. */
    unchanged: number;
    reached: number;
    /** Customers moving on, by the channel they move to. */
    movedTo: Record<string, number>;
    retry: number;
  };
}

/** Rows for many values of one token kind, resolved bucket by bucket. */
export async function resolveMany(engine: ContactReader, datasetId: string, kind: TokenKind, values: string[]): Promise<Map<string, number[]>> {
  const byBucket = new Map<number, { hi: number; lo: number; value: string }[]>();
  for (const value of new Set(values)) {
    const tok = engine.tokenizer.token(kind, value);
    const b = tok.hi >>> 24;
    if (!byBucket.has(b)) byBucket.set(b, []);
    byBucket.get(b)!.push({ ...tok, value });
  }
  const out = new Map<string, number[]>();
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    const wanted = byBucket.get(bucket);
    if (!wanted) continue;
    const key = new Map(wanted.map((w) => [`${w.hi}:${w.lo}`, w.value]));
    const prefix = indexPrefix(datasetId, kind, bucket);
    for (const s of await engine.data.tables.index.where(':id').between(prefix, prefix + '\uffff').toArray()) {
      const e = s.entries;
      for (let i = 0; i < e.length; i += 3) {
        const value = key.get(`${e[i]}:${e[i + 1]}`);
        if (value === undefined) continue;
        if (!out.has(value)) out.set(value, []);
        out.get(value)!.push(e[i + 2]!);
      }
    }
  }
  // Ascending whether the bucket is still in chunk segments or merged (decision 038).
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
): Promise<OutcomePlan> {
  const keyOf = (it: OutcomeItem): [TokenKind, string] | null =>
    it.customerNo !== undefined ? queryKey('no', it.customerNo) : it.email !== undefined ? queryKey('email', it.email) : it.phone !== undefined ? queryKey('phone', it.phone) : null;
  const keys = items.map(keyOf);
  const byKind = new Map<TokenKind, string[]>();
  for (const k of keys) if (k) (byKind.get(k[0]) ?? byKind.set(k[0], []).get(k[0])!).push(k[1]);
  const resolved = new Map<string, number[]>();
  for (const [kind, values] of byKind) for (const [v, rows] of await resolveMany(engine, datasetId, kind, values)) resolved.set(`${kind}\u0000${v}`, rows);

  const plan: OutcomePlan = {
    datasetId, channel, source, rows: [], outcomes: [], reasons: [], notes: [],
    preview: { items: items.length, matchedItems: 0, matched: 0, notFound: [], unchanged: 0, reached: 0, movedTo: {}, retry: 0 },
  };
  const seen = new Set<number>();
  items.forEach((it, i) => {
    const k = keys[i];
    const rows = it.row !== undefined ? [it.row] : k ? (resolved.get(`${k[0]}\u0000${k[1]}`) ?? []) : [];
    if (rows.length === 0) plan.preview.notFound.push(i);
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

  const info = await engine.data.tables.totals.get(datasetId);
  const access = new BlockStatus(Number.MAX_SAFE_INTEGER, new Int32Array(info?.cells.length ?? TOTAL_CELLS * 64));
  await access.load(engine.data.tables, datasetId, plan.rows);
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

