/**
 * Results back in bulk. A returned-mail list names customer numbers, a bounce list
 * names addresses, a call session names rows: all are resolved through the blind index
 * bucket by bucket (one range read per bucket, not per item — a 50k list is 256 reads),
 * previewed against the current statuses, then applied as ONE event.
 */
import { type AppliedList, appliedLists, canUndo } from '../../../shared/contacts/applied-lists';
import { CONTACT_EVENT_TYPES, type OutcomesRecorded, foldStatuses } from '../../../shared/contacts/events';
import { applyOutcome, cellOf, type Outcome, phaseOf, type Policy, slotOf, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { Channel } from '../../../shared/contacts/model';
import { queryKey, type TokenKind } from '../../../shared/contacts/tokens';
import type { HonbuEvent } from '../../../shared/events/event';
import type { ContactEngine } from './contact-engine';
import { BlockStatus } from './status-apply';
import { BLOCK_ROWS, BUCKETS, indexPrefix } from './tables';

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

export interface OutcomePlan {
  datasetId: string;
  channel: Channel;
  source: string;
  rows: number[];
  outcomes: Outcome[];
  reasons: string[];
  notes: string[];
  /** Recorded with the list so the applied-lists panel can name it (set by the caller). */
  listName?: string;
  listLines?: number;
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
export async function resolveMany(engine: ContactEngine, datasetId: string, kind: TokenKind, values: string[]): Promise<Map<string, number[]>> {
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
    for (const s of await engine.tables.index.where(':id').between(prefix, prefix + '\uffff').toArray()) {
      const e = s.entries;
      for (let i = 0; i < e.length; i += 3) {
        const value = key.get(`${e[i]}:${e[i + 1]}`);
        if (value === undefined) continue;
        if (!out.has(value)) out.set(value, []);
        out.get(value)!.push(e[i + 2]!);
      }
    }
  }
  return out;
}

export async function planOutcomes(
  engine: ContactEngine,
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

  const info = await engine.tables.totals.get(datasetId);
  const access = new BlockStatus(Number.MAX_SAFE_INTEGER, new Int32Array(info?.cells.length ?? TOTAL_CELLS * 64));
  await access.load(engine.tables, datasetId, plan.rows);
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

export function applyPlan(engine: ContactEngine, plan: OutcomePlan): Promise<HonbuEvent> {
  const payload: OutcomesRecorded = {
    datasetId: plan.datasetId, channel: plan.channel, source: plan.source, rows: plan.rows, outcomes: plan.outcomes, reasons: plan.reasons,
  };
  if (plan.notes.some(Boolean)) payload.notes = plan.notes;
  if (plan.listName) payload.listName = plan.listName;
  if (plan.listLines !== undefined) payload.listLines = plan.listLines;
  return engine.appendContact(plan.datasetId, CONTACT_EVENT_TYPES.outcomesRecorded, payload);
}

/**
 * Refolds a dataset from its events and compares with the stored statuses and running
 * totals: the proof that the dashboard equals a fold of the events.
 */
export async function checkFold(engine: ContactEngine, datasetId: string): Promise<{ rows: number; mismatchedRows: number; totalsMatch: boolean }> {
  const rec = (await engine.tables.datasets.get(datasetId))!;
  const [info] = (await engine.datasets(rec.incidentId)).filter((d) => d.id === datasetId);
  const policy: Policy = { order: info!.meta.channelOrder, maxRetries: info!.meta.maxRetries };
  const avail = new Uint8Array(rec.rows);
  const stored = new Uint16Array(rec.rows);
  const segment = new Uint16Array(rec.rows);
  await engine.tables.status.where('datasetId').equals(datasetId).each((s) => {
    avail.set(s.avail, s.block * BLOCK_ROWS);
    stored.set(s.words, s.block * BLOCK_ROWS);
    segment.set(s.segment, s.block * BLOCK_ROWS);
  });
  const events = await engine.datasetEvents(datasetId);
  const folded = foldStatuses(avail, events, policy);
  let mismatchedRows = 0;
  const cells = new Int32Array(info!.meta.segments.length * TOTAL_CELLS);
  folded.forEach((w, i) => {
    if (w !== stored[i]) mismatchedRows++;
    cells[segment[i]! * TOTAL_CELLS + cellOf(w)]! += 1;
  });
  const totals = (await engine.tables.totals.get(datasetId))!.cells;
  const totalsMatch = cells.length === totals.length && cells.every((c, i) => c === totals[i]);
  return { rows: rec.rows, mismatchedRows, totalsMatch };
}

/**
 * Rewrites a dataset's statuses and totals as the fold of its events. For contact events
 * that arrived by sync (EventStore.applyRemote folds projections, not these blocks) and
 * to repair damage; checkFold tells whether it is needed.
 */
export async function rebuildStatuses(engine: ContactEngine, datasetId: string): Promise<void> {
  const t = engine.tables;
  // Under the append lock: a local append's own fold cannot slip in between read and write.
  await engine.store.writeDerived({
    tables: ['contact-status', 'contact-totals'],
    prepare: async () => {
      const rec = (await t.datasets.get(datasetId))!;
      const [info] = (await engine.datasets(rec.incidentId)).filter((d) => d.id === datasetId);
      const policy: Policy = { order: info!.meta.channelOrder, maxRetries: info!.meta.maxRetries };
      const blocks = await t.status.where('datasetId').equals(datasetId).toArray();
      const avail = new Uint8Array(rec.rows);
      for (const b of blocks) avail.set(b.avail, b.block * BLOCK_ROWS);
      const events = await engine.datasetEvents(datasetId);
      const folded = foldStatuses(avail, events, policy);
      const cells = new Int32Array(info!.meta.segments.length * TOTAL_CELLS);
      for (const b of blocks) {
        b.words = folded.slice(b.block * BLOCK_ROWS, b.block * BLOCK_ROWS + b.words.length);
        b.words.forEach((w, i) => (cells[b.segment[i]! * TOTAL_CELLS + cellOf(w)]! += 1));
      }
      return async () => {
        await t.status.bulkPut(blocks);
        await t.totals.put({ id: datasetId, cells });
      };
    },
  });
}

/** Availability masks and the policy of a dataset: what its fold starts from. */
async function foldBase(engine: ContactEngine, datasetId: string): Promise<{ avail: Uint8Array; policy: Policy }> {
  const rec = (await engine.tables.datasets.get(datasetId))!;
  const [info] = (await engine.datasets(rec.incidentId)).filter((d) => d.id === datasetId);
  const avail = new Uint8Array(rec.rows);
  await engine.tables.status.where('datasetId').equals(datasetId).each((s) => avail.set(s.avail, s.block * BLOCK_ROWS));
  return { avail, policy: { order: info!.meta.channelOrder, maxRetries: info!.meta.maxRetries } };
}

/**
 * Returned-mail and bounce lists applied to the incident's customer lists, newest first,
 * each with what it changed and whether undo is still offered (see applied-lists.ts).
 * From the events: the same after a reload and on every laptop.
 */
export async function loadAppliedLists(engine: ContactEngine, incidentId: string): Promise<(AppliedList & { datasetId: string })[]> {
  const out: (AppliedList & { datasetId: string })[] = [];
  for (const d of await engine.datasets(incidentId)) {
    const events = await engine.datasetEvents(d.id);
    if (!events.some((e) => e.type === CONTACT_EVENT_TYPES.outcomesRecorded)) continue;
    const { avail, policy } = await foldBase(engine, d.id);
    for (const l of appliedLists(avail, events, policy)) out.push({ ...l, datasetId: d.id });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Undoes an applied list, checked again against the events: refused once a later change touched its customers. */
export async function undoList(engine: ContactEngine, datasetId: string, eventId: string): Promise<HonbuEvent> {
  const { avail, policy } = await foldBase(engine, datasetId);
  const list = appliedLists(avail, await engine.datasetEvents(datasetId), policy).find((l) => l.eventId === eventId);
  if (!list || !canUndo(list)) throw new Error('contacts: this list is no longer the latest change to its customers');
  return engine.undo(datasetId, eventId);
}
