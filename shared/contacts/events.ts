/**
 * Contact events. Rows are never events: an import is one event naming the dataset, and
 * customers are referred to by their row ordinal in it. A bulk result (a returned-mail
 * list, a bounce list, a call session) is one event holding every row it touches.
 */
import type { HonbuEvent } from '../events/event';
import { applyNotice, applyOutcome, cancelBatch, cellOf, exclude, initialStatus, type Outcome, type Policy, type SeriesPoint, startBatch, TOTAL_CELLS } from './fallback';
import type { Channel, ColumnMapping, Delimiter, Exclusion, FileEncoding } from './model';

export interface DatasetImported {
  datasetId: string;
  contentHash: string;
  rows: number;
  mapping: ColumnMapping;
  header: string[];
  encoding: FileEncoding;
  /** Field separator (absent: comma, as before it was detected). */
  delimiter?: Delimiter;
  fileName: string;
  channelOrder: Channel[];
  maxRetries: number;
  segments: string[];
}

export interface BatchCreated {
  datasetId: string;
  batchId: string;
  channel: Channel;
  rows: number[];
  /** Phone: operator per row, by index into `operators`. */
  operators?: string[];
  assignment?: number[];
}

/**
 * New operators for the customers of a phone batch still waiting for a call (a batch
 * created without one, someone off sick). `assignment[i]` indexes `operators` for `rows[i]`.
 */
export interface BatchReassigned {
  datasetId: string;
  batchId: string;
  operators: string[];
  rows: number[];
  assignment: number[];
}

/**
 * A batch called off: its customers still in progress on its channel go back to pending
 * there, so the next batch can take them. `rows` are those the batch still held.
 */
export interface BatchCancelled {
  datasetId: string;
  batchId: string;
  channel: Channel;
  rows: number[];
}

export interface BatchSent {
  datasetId: string;
  batchId: string;
  sentAt: string;
}

export interface OutcomesRecorded {
  datasetId: string;
  channel: Channel;
  /** returned-mail | bounce | call | manual */
  source: string;
  batchId?: string;
  rows: number[];
  outcomes: Outcome[];
  /** Reason code per row (宛所不明 → 'unknown-address' …), '' when none. */
  reasons: string[];
  notes?: string[];
  /** The file a returned-mail or bounce list came from, when it came from one. */
  listName?: string;
  /** Lines of the list (without its header), matched or not. */
  listLines?: number;
}

export interface CustomersExcluded {
  datasetId: string;
  rows: number[];
  reason: Exclusion;
}

export interface NoticePublished {
  datasetId: string;
  /** The statement (disclosure part) the notice is. */
  noticeRef: string;
  /** Customers waiting for the notice when the user confirmed (for the record; the fold decides). */
  covered?: number;
  /** The `decision.recorded` appended with it. */
  decisionId?: string;
}

export interface EventUndone {
  datasetId: string;
  eventId: string;
}

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

export function isContactEvent(e: HonbuEvent): boolean {
  return e.type.startsWith('contacts.');
}

export function datasetOf(e: HonbuEvent): string | undefined {
  return isContactEvent(e) ? (e.payload as { datasetId?: string }).datasetId : undefined;
}

/** Where a fold reads and writes status words; arrays in tests, blocks in the store. */
export interface StatusAccess {
  size: number;
  get(row: number): number;
  set(row: number, word: number): void;
  avail(row: number): number;
}

/** Applies one contact event to a dataset's statuses. Returns the rows it changed. */
export function applyContactEvent(access: StatusAccess, e: HonbuEvent, policy: Policy): number[] {
  const changed: number[] = [];
  const update = (row: number, next: number) => {
    if (row < 0 || row >= access.size) return;
    if (access.get(row) !== next) {
      access.set(row, next);
      changed.push(row);
    }
  };
  switch (e.type) {
    case CONTACT_EVENT_TYPES.batchCreated: {
      const p = e.payload as BatchCreated;
      for (const row of p.rows) update(row, startBatch(access.get(row), p.channel, policy));
      break;
    }
    case CONTACT_EVENT_TYPES.outcomesRecorded: {
      const p = e.payload as OutcomesRecorded;
      p.rows.forEach((row, i) => update(row, applyOutcome(access.get(row), p.channel, p.outcomes[i]!, access.avail(row), policy)));
      break;
    }
    case CONTACT_EVENT_TYPES.batchCancelled: {
      const p = e.payload as BatchCancelled;
      for (const row of p.rows) update(row, cancelBatch(access.get(row), p.channel, policy));
      break;
    }
    case CONTACT_EVENT_TYPES.customersExcluded: {
      const p = e.payload as CustomersExcluded;
      for (const row of p.rows) update(row, exclude(access.get(row), p.reason));
      break;
    }
    case CONTACT_EVENT_TYPES.noticePublished:
      for (let row = 0; row < access.size; row++) update(row, applyNotice(access.get(row), policy));
      break;
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
  const undone = new Set(
    events.filter((e) => e.type === CONTACT_EVENT_TYPES.eventUndone).map((e) => (e.payload as EventUndone).eventId),
  );
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
  const undone = new Set(events.filter((e) => e.type === CONTACT_EVENT_TYPES.eventUndone).map((e) => (e.payload as EventUndone).eventId));
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
