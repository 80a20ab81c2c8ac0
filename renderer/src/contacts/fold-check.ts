/**
 * Whether the stored statuses and running totals equal a fresh fold of the events: the
 * proof that the dashboard is the events. A full fold over every customer, so it runs in
 * tests and in the background (fold-check-worker.ts), never on a totals change.
 */
import { type ContactEvent, foldStatuses } from '../../../shared/contacts/events';
import { cellOf, type Policy, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { ContactReader } from './contact-data';
import { eachStatusBlock } from './status-deltas';
import { STATUS_ROWS } from './tables';

/** Never a folded status word (those use ten bits: fallback.ts pack). */
const NOT_A_WORD = 0xffff;

export interface FoldCheck {
  rows: number;
  mismatchedRows: number;
  totalsMatch: boolean;
}

/** What the fold starts from, and what is stored: read once, then folded here or in the worker. */
export interface FoldInput {
  avail: Uint8Array;
  stored: Uint16Array;
  segment: Uint16Array;
  segments: number;
  totals: Int32Array;
}

/** `pace`: awaited before each read of status blocks (the dashboard's check runs in the background: EventStore.backgroundTurn). */
export async function foldInput(r: ContactReader, datasetId: string, pace?: () => Promise<void>): Promise<FoldInput> {
  const t = r.data.tables;
  const rec = (await t.datasets.get(datasetId))!;
  const p = await r.data.policy(datasetId);
  const avail = new Uint8Array(rec.rows);
  const stored = new Uint16Array(rec.rows);
  const segment = new Uint16Array(rec.rows);
  // A record whose delta is damaged (decision 051) holds no word anyone can trust: every row
  // of it differs from the fold, and the dashboard offers to rebuild the statuses.
  const damaged = new Set<number>();
  await eachStatusBlock(t, datasetId, rec.rows, (s) => {
    avail.set(s.avail, s.block * STATUS_ROWS);
    if (damaged.has(s.block)) stored.fill(NOT_A_WORD, s.block * STATUS_ROWS, s.block * STATUS_ROWS + s.words.length);
    else stored.set(s.words, s.block * STATUS_ROWS);
    segment.set(s.segment, s.block * STATUS_ROWS);
  }, pace, (s) => damaged.add(s.block));
  return { avail, stored, segment, segments: p.segments, totals: (await t.totals.get(datasetId))!.cells };
}

/**
 * What a check folds and compares, read as of one moment: statuses, totals and events read
 * across a commit (a sync burst while the dashboard checks) would differ by it, and the
 * dashboard would say the figures are wrong when they are not. Read without holding
 * commits (readUnlocked: made again if one landed meanwhile): a call result recorded while
 * the check reads every status block is written at once, not after it.
 */
export async function foldSnapshot(r: ContactReader, datasetId: string, pace?: () => Promise<void>): Promise<{ input: FoldInput; events: ContactEvent[]; policy: Policy }> {
  // Opened first, outside: inside, the list's events come from what the engine keeps, and
  // commits wait only for the statuses to be read.
  await pace?.();
  await r.data.datasetEvents(datasetId);
  return r.data.store.readUnlocked(async () => ({
    input: await foldInput(r, datasetId, pace),
    events: await r.data.datasetEvents(datasetId),
    policy: (await r.data.policy(datasetId)).policy,
  }));
}

/** The comparison itself (pure: the worker runs it too). */
export function compareFold(input: FoldInput, folded: Uint16Array): FoldCheck {
  let mismatchedRows = 0;
  const cells = new Int32Array(input.segments * TOTAL_CELLS);
  folded.forEach((w, i) => {
    if (w !== input.stored[i]) mismatchedRows++;
    cells[input.segment[i]! * TOTAL_CELLS + cellOf(w)]! += 1;
  });
  const totalsMatch = cells.length === input.totals.length && cells.every((c, i) => c === input.totals[i]);
  return { rows: input.avail.length, mismatchedRows, totalsMatch };
}

/** Refolds a dataset from its events and compares with what is stored (on this thread: tests). */
export async function checkFold(r: ContactReader, datasetId: string, pace?: () => Promise<void>): Promise<FoldCheck> {
  const { input, events, policy } = await foldSnapshot(r, datasetId, pace);
  return compareFold(input, foldStatuses(input.avail, events, policy));
}
