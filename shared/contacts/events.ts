/**
 * Contact events. Rows are never events: an import is one event naming the dataset, and
 * customers are referred to by their row ordinal in it. A bulk result (a returned-mail
 * list, a bounce list, a call session) is one event holding every row it touches.
 */
import * as v from 'valibot';
import { eventGuard, type DraftOf, type EventOf, type HonbuEvent, type PayloadIn } from '../events/event';
import { applyNotice, applyOutcome, cancelBatch, cellOf, exclude, initialStatus, type Outcome, type Policy, type SeriesPoint, startBatch, TOTAL_CELLS } from './fallback';
import { CHANNELS, CONTACT_FIELDS, DELIMITERS, EXCLUSIONS, FILE_ENCODINGS, type Channel } from './model';
import { type RunList, strictlyAscending, unopenedRuns } from '../vault/int-lists';
import { indexInSorted } from './sorted';

export const CONTACT_EVENT_TYPES = {
  datasetImported: 'contacts.dataset-imported',
  batchCreated: 'contacts.batch-created',
  batchSent: 'contacts.batch-sent',
  batchReassigned: 'contacts.batch-reassigned',
  batchCancelled: 'contacts.batch-cancelled',
  outcomesRecorded: 'contacts.outcomes-recorded',
  customersExcluded: 'contacts.customers-excluded',
  noticePublished: 'contacts.notice-published',
  eventUndone: 'contacts.event-undone',
} as const;

export function isContactEvent(e: HonbuEvent): e is ContactEvent {
  return isContactPartEvent(e);
}

export function datasetOf(e: HonbuEvent): string | undefined {
  return isContactPartEvent(e) ? e.payload.datasetId : undefined;
}

/** The rows an event names itself (a notice names none: it covers whoever waits for it). */
export function rowsOf(e: ContactEvent): readonly number[] {
  switch (e.type) {
    case CONTACT_EVENT_TYPES.batchCreated:
    case CONTACT_EVENT_TYPES.batchReassigned:
    case CONTACT_EVENT_TYPES.batchCancelled:
    case CONTACT_EVENT_TYPES.outcomesRecorded:
    case CONTACT_EVENT_TYPES.customersExcluded:
      return e.payload.rows;
    default:
      return [];
  }
}

/** The channel an event was on, when it was on one (a batch, a result, a cancellation). */
export function channelOf(e: HonbuEvent): Channel | undefined {
  if (!isContactPartEvent(e)) return undefined;
  switch (e.type) {
    case CONTACT_EVENT_TYPES.batchCreated:
    case CONTACT_EVENT_TYPES.batchCancelled:
    case CONTACT_EVENT_TYPES.outcomesRecorded:
      return e.payload.channel;
    default:
      return undefined;
  }
}

/** The ids of the events undone among these (an undo counts wherever it stands in the clock order). */
export function undoneIds(events: Iterable<HonbuEvent>): Set<string> {
  const out = new Set<string>();
  for (const e of events) if (isContactPartEvent(e) && e.type === CONTACT_EVENT_TYPES.eventUndone) out.add(e.payload.eventId);
  return out;
}

/** Where a fold reads and writes status words; arrays in tests, blocks in the store. */
export interface StatusAccess {
  size: number;
  get(row: number): number;
  set(row: number, word: number): void;
  avail(row: number): number;
  /**
   * What to tell of every row an event names as it is folded, changed or not, asked once per
   * event (the store's undo guards: a row named after an applied list makes that list's
   * snapshot stale); undefined when nothing needs telling.
   */
  toucher?(): ((row: number) => void) | undefined;
}

/** A set of rows to fold: what `has` is asked for each row an event names, and the rows themselves (a notice names none). */
export type RowFilter = Pick<ReadonlySet<number>, 'has'> & Iterable<number>;

/** Up to this many rows, a RowMask answers `has` from a Set: a flag per row of a 20M list is 20 MB to clear. */
const MASK_FROM = 65_536;

/**
 * The rows a replay folds (status-fold.ts replayRows), asked once for every row of every event
 * it walks, where a Set's lookup would cost more than the fold itself for a batch naming
 * millions: a flag per row of the dataset then. A few rows (a late call result's) are kept in
 * a Set, and sorted once for the events searched rather than walked (applyContactEvent).
 */
export class RowMask implements RowFilter {
  private readonly set: Set<number> | null;
  private readonly flags: Uint8Array | null;
  private ordered: Int32Array | null = null;
  /** How many of the dataset's rows it holds. */
  readonly count: number;
  constructor(
    size: number,
    private readonly rows: Iterable<number>,
  ) {
    const inList = [...rows].filter((r) => r >= 0 && r < size);
    this.set = inList.length <= MASK_FROM ? new Set(inList) : null;
    this.flags = this.set ? null : new Uint8Array(size);
    let count = this.set?.size ?? 0;
    if (this.flags) {
      for (const r of inList) {
        if (this.flags[r] === 1) continue;
        this.flags[r] = 1;
        count++;
      }
    }
    this.count = count;
  }
  has(row: number): boolean {
    return this.set ? this.set.has(row) : this.flags![row] === 1;
  }
  /** Its rows, each once, ascending. */
  sorted(): Int32Array {
    if (!this.ordered) {
      const out = new Int32Array(this.count);
      if (this.set) {
        let i = 0;
        for (const r of this.set) out[i++] = r;
        out.sort();
      } else for (let r = 0, i = 0; r < this.flags!.length; r++) if (this.flags![r] === 1) out[i++] = r;
      this.ordered = out;
    }
    return this.ordered;
  }
  [Symbol.iterator](): Iterator<number> {
    return this.rows[Symbol.iterator]();
  }
}

/** A list of rows as the replay searches it: an array, or a long list still in its runs (int-lists.ts). */
interface Searchable {
  readonly length: number;
  /** Strictly ascending, each row greater than the one before. */
  ascending(): boolean;
  /** Where `row` is in it, asked only when it ascends; -1 if absent. */
  indexOf(row: number): number;
  /** The row at a place found, as the list holds it (an array may hold -0 where the mask has 0). */
  rowAt?(at: number): number;
}

const searchableArray = (rows: ArrayLike<number> & object): Searchable => ({
  length: rows.length,
  ascending: () => strictlyAscending(rows),
  indexOf: (row) => indexInSorted(rows, row),
  rowAt: (at) => rows[at]!,
});

const searchableRuns = (runs: RunList): Searchable => ({
  length: runs.length,
  ascending: () => runs.ascending,
  indexOf: (row) => runs.indexOf(row),
});

/**
 * The few rows a replay folds, found by binary search where they are in an event's rows: a
 * batch of everyone names 20M rows, and a late call result replays one of them through it twice
 * (before and after). A list not opened yet is searched in its runs and stays unopened (decision
 * 058). Null when walking is as cheap, or the list is not strictly ascending (a row named twice
 * is then folded twice, as a walk does): the caller walks every row (and so opens the list).
 * Ascending, as a walk meets them: `at`, their places in the list; `rows`, the rows.
 */
function findFew(list: Searchable, only: RowMask): { at: Int32Array; rows: Float64Array } | null {
  if (list.length < 64 || only.count * 32 > list.length || !list.ascending()) return null;
  const want = only.sorted();
  const at = new Int32Array(want.length);
  const rows = new Float64Array(want.length);
  let found = 0;
  for (let k = 0; k < want.length; k++) {
    const i = list.indexOf(want[k]!);
    if (i < 0) continue;
    at[found] = i;
    rows[found++] = list.rowAt ? list.rowAt(i) : want[k]!;
  }
  return { at: at.subarray(0, found), rows: rows.subarray(0, found) };
}

/** Applies one contact event to a dataset's statuses (to the `only` rows, if given). Returns how many rows it changed. */
export function applyContactEvent(access: StatusAccess, e: HonbuEvent, policy: Policy, only?: RowFilter): number {
  if (!isContactPartEvent(e)) return 0;
  let changed = 0;
  const size = access.size;
  // No function made per row and no list of the rows changed: a batch of everyone names tens
  // of millions (issue 17). Rows outside `only` are skipped before anything is read for them.
  const skip = (row: number) => row < 0 || row >= size || (only !== undefined && !only.has(row));
  const touch = access.toucher?.();
  const put = (row: number, word: number, after: number) => {
    touch?.(row);
    if (word !== after) {
      access.set(row, after);
      changed++;
    }
  };
  // Which of the event's rows to fold: every one, or (a few rows of a long list) those found where
  // they are — in its runs when it is not opened yet, else in it.
  let few: { at: Int32Array; rows: Float64Array } | null = null;
  if (only instanceof RowMask && 'rows' in e.payload) {
    const runs = unopenedRuns(e.payload, 'rows');
    if (runs) few = findFew(searchableRuns(runs), only);
    else if (typeof e.payload.rows === 'object' && e.payload.rows !== null) few = findFew(searchableArray(e.payload.rows), only);
  }
  /** The rows to walk: those found, or the event's own. */
  const rowsOfPayload = (p: { rows: readonly number[] }): ArrayLike<number> => few?.rows ?? p.rows;
  /** The place in the event's lists of the k-th row walked. */
  const index = (k: number) => (few ? few.at[k]! : k);
  switch (e.type) {
    case CONTACT_EVENT_TYPES.batchCreated: {
      const { channel } = e.payload;
      const rows = rowsOfPayload(e.payload);
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k]!;
        if (skip(row)) continue;
        const w = access.get(row);
        put(row, w, startBatch(w, channel, policy));
      }
      break;
    }
    case CONTACT_EVENT_TYPES.outcomesRecorded: {
      const p = e.payload;
      const rows = rowsOfPayload(p);
      for (let k = 0; k < rows.length; k++) {
        const i = index(k);
        const row = rows[k]!;
        if (skip(row)) continue;
        const w = access.get(row);
        put(row, w, applyOutcome(w, p.channel, p.outcomes[i]!, access.avail(row), policy));
      }
      break;
    }
    case CONTACT_EVENT_TYPES.batchCancelled: {
      const { channel } = e.payload;
      const rows = rowsOfPayload(e.payload);
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k]!;
        if (skip(row)) continue;
        const w = access.get(row);
        put(row, w, cancelBatch(w, channel, policy));
      }
      break;
    }
    case CONTACT_EVENT_TYPES.customersExcluded: {
      const { reason } = e.payload;
      const rows = rowsOfPayload(e.payload);
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k]!;
        if (skip(row)) continue;
        const w = access.get(row);
        put(row, w, exclude(w, reason));
      }
      break;
    }
    case CONTACT_EVENT_TYPES.noticePublished: {
      const notice = (row: number) => {
        if (skip(row)) return;
        const w = access.get(row);
        put(row, w, applyNotice(w, policy));
      };
      if (only) for (const row of only) notice(row);
      else for (let row = 0; row < size; row++) notice(row);
      break;
    }
  }
  return changed;
}

/**
 * The reference fold: statuses of one dataset from its availability masks and its
 * events (clock order). Undone events are left out, wherever the undo stands.
 */
export function foldStatuses(avail: ArrayLike<number>, events: HonbuEvent[], policy: Policy): Uint16Array {
  const words = new Uint16Array(avail.length);
  for (let i = 0; i < avail.length; i++) words[i] = initialStatus(avail[i]!, policy.order);
  const undone = undoneIds(events);
  const access: StatusAccess = { size: words.length, get: (r) => words[r]!, set: (r, w) => (words[r] = w), avail: (r) => avail[r]! };
  for (const e of events) if (!undone.has(e.id)) applyContactEvent(access, e, policy);
  return words;
}

/** The running totals (cells) after each contact event of a dataset, for the chart. */
export function foldSeries(avail: ArrayLike<number>, events: HonbuEvent[], policy: Policy): SeriesPoint[] {
  const words = new Uint16Array(avail.length);
  const cells = new Array<number>(TOTAL_CELLS).fill(0);
  for (let i = 0; i < avail.length; i++) {
    words[i] = initialStatus(avail[i]!, policy.order);
    cells[cellOf(words[i]!)]! += 1;
  }
  const undone = undoneIds(events);
  const access: StatusAccess = {
    size: words.length,
    get: (r) => words[r]!,
    set: (r, w) => {
      cells[cellOf(words[r]!)]! -= 1;
      cells[cellOf(w)]! += 1;
      words[r] = w;
    },
    avail: (r) => avail[r]!,
  };
  const out: SeriesPoint[] = [];
  for (const e of events) {
    if (undone.has(e.id) || e.type === CONTACT_EVENT_TYPES.eventUndone || e.type === CONTACT_EVENT_TYPES.datasetImported) continue;
    applyContactEvent(access, e, policy);
    out.push({ at: e.at, eventId: e.id, cells: [...cells] });
  }
  return out;
}

// Every contact event is parsed against these before it reaches a fold; the payload types
// below are inferred from them, so a type and its runtime check cannot disagree.

/** Row ordinals: a plain loop, because one event can name a million rows. */
const rowList = v.custom<number[]>(
  (input) => Array.isArray(input) && input.every((r) => Number.isInteger(r) && r >= 0),
  'rows must be a list of row numbers',
);
const stringList = v.array(v.string());
/** Each index names one of the operators. */
const operatorsCover = (assignment: readonly number[], operators: readonly string[]) => assignment.every((i) => i < operators.length);

export const contactEvents = {
  [CONTACT_EVENT_TYPES.datasetImported]: v.object({
    datasetId: v.string(),
    contentHash: v.string(),
    rows: v.pipe(v.number(), v.integer(), v.minValue(0)),
    mapping: v.object({ fields: v.record(v.picklist(CONTACT_FIELDS), v.number()), extra: v.array(v.number()) }),
    header: stringList,
    encoding: v.picklist(FILE_ENCODINGS),
    delimiter: v.optional(v.picklist(DELIMITERS)),
    /** The file has no header line: its first line is a customer, `header` the names 列1, 列2 … (absent: a header line). */
    noHeader: v.optional(v.literal(true)),
    fileName: v.string(),
    channelOrder: v.array(v.picklist(CHANNELS)),
    maxRetries: v.number(),
    segments: stringList,
    /**
     * SHA-256 over the hashes of the list's sealed row blocks, in order (list-pack.ts
     * `blocksDigest`): a laptop receiving the list from the team checks the rows it got are
     * the importer's. Absent in lists imported before lists travelled by hash.
     */
    blocksDigest: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/))),
    /**
     * The list's number in the incident (01–99), the first two digits of its reference
     * numbers, chosen at import (list-numbers.ts). Absent in lists imported before.
     */
    listNo: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99))),
  }),
  [CONTACT_EVENT_TYPES.batchCreated]: v.pipe(
    v.object({
      datasetId: v.string(),
      batchId: v.string(),
      channel: v.picklist(CHANNELS),
      rows: rowList,
      operators: v.optional(stringList),
      assignment: v.optional(rowList),
    }),
    // A row's operator is an index into `operators` (a row left out has none).
    v.check((p) => (p.assignment ?? []).length <= p.rows.length && operatorsCover(p.assignment ?? [], p.operators ?? []), 'assignment must name an operator of the batch for its rows'),
  ),
  [CONTACT_EVENT_TYPES.batchSent]: v.object({ datasetId: v.string(), batchId: v.string(), sentAt: v.string() }),
  [CONTACT_EVENT_TYPES.batchReassigned]: v.pipe(
    v.object({ datasetId: v.string(), batchId: v.string(), operators: stringList, rows: rowList, assignment: rowList }),
    v.check((p) => p.assignment.length === p.rows.length && operatorsCover(p.assignment, p.operators), 'assignment must name one of the operators for each row'),
  ),
  [CONTACT_EVENT_TYPES.batchCancelled]: v.object({ datasetId: v.string(), batchId: v.string(), channel: v.picklist(CHANNELS), rows: rowList }),
  [CONTACT_EVENT_TYPES.outcomesRecorded]: v.pipe(v.object({
    datasetId: v.string(),
    channel: v.picklist(CHANNELS),
    source: v.string(),
    batchId: v.optional(v.string()),
    rows: rowList,
    outcomes: v.custom<Outcome[]>((input) => Array.isArray(input) && input.every((o) => o === 'reached' || o === 'failed' || o === 'no-answer'), 'outcomes must be reached, failed or no-answer'),
    reasons: v.custom<string[]>((input) => Array.isArray(input) && input.every((r) => typeof r === 'string'), 'reasons must be texts'),
    notes: v.optional(stringList),
    listName: v.optional(v.string()),
    listLines: v.optional(v.number()),
    /**
     * One letter's result carried across lists (名寄せ, decision 027): every list's share of it
     * carries the same id, and undoing one undoes all. Absent otherwise.
     */
    linked: v.optional(v.string()),
  }),
  // One outcome and one reason per row (a missing outcome would fold as a failure).
  v.check((p) => p.outcomes.length === p.rows.length && p.reasons.length === p.rows.length && (p.notes === undefined || p.notes.length === p.rows.length), 'outcomes, reasons and notes must have one entry per row')),
  [CONTACT_EVENT_TYPES.customersExcluded]: v.object({ datasetId: v.string(), rows: rowList, reason: v.picklist(EXCLUSIONS) }),
  [CONTACT_EVENT_TYPES.noticePublished]: v.object({ datasetId: v.string(), noticeRef: v.string(), covered: v.optional(v.number()), decisionId: v.optional(v.string()) }),
  [CONTACT_EVENT_TYPES.eventUndone]: v.object({ datasetId: v.string(), eventId: v.string() }),
} as const;

type Schemas = typeof contactEvents;
export type DatasetImported = PayloadIn<Schemas, 'contacts.dataset-imported'>;
/** Phone batches: `operators`, and per row (by index) `assignment` into it. */
export type BatchCreated = PayloadIn<Schemas, 'contacts.batch-created'>;
/**
 * New operators for the customers of a phone batch still waiting for a call (a batch
 * created without one, someone off sick). `assignment[i]` indexes `operators` for `rows[i]`.
 */
export type BatchReassigned = PayloadIn<Schemas, 'contacts.batch-reassigned'>;
/**
 * A batch called off: its customers still in progress on its channel go back to pending
 * there, so the next batch can take them. `rows` are those the batch still held.
 */
export type BatchCancelled = PayloadIn<Schemas, 'contacts.batch-cancelled'>;
export type BatchSent = PayloadIn<Schemas, 'contacts.batch-sent'>;
/**
 * A bulk result: `source` is returned-mail | bounce | call | manual | card | delivered;
 * per row its outcome and reason code ('' when none); `listName`/`listLines` for a list
 * that came from a file.
 */
export type OutcomesRecorded = PayloadIn<Schemas, 'contacts.outcomes-recorded'>;
export type CustomersExcluded = PayloadIn<Schemas, 'contacts.customers-excluded'>;
/** The notice is the statement `noticeRef`; `covered` is for the record (the fold decides); `decisionId` the decision appended with it. */
export type NoticePublished = PayloadIn<Schemas, 'contacts.notice-published'>;
export type EventUndone = PayloadIn<Schemas, 'contacts.event-undone'>;

export type ContactEvent = EventOf<Schemas>;
export type ContactDraft = DraftOf<Schemas>;
export const isContactPartEvent = eventGuard(contactEvents);
