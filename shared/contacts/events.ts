/**
 * Contact events. Rows are never events: an import is one event naming the dataset, and
 * customers are referred to by their row ordinal in it. A bulk result (a returned-mail
 * list, a bounce list, a call session) is one event holding every row it touches.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type HonbuEvent } from '../events/event';
import { applyNotice, applyOutcome, cancelBatch, cellOf, exclude, initialStatus, type Outcome, type Policy, type SeriesPoint, startBatch, TOTAL_CELLS } from './fallback';
import { CHANNELS, CONTACT_FIELDS, DELIMITERS, EXCLUSIONS, FILE_ENCODINGS, type Channel, type ColumnMapping, type Delimiter, type Exclusion, type FileEncoding } from './model';

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
  /** The `incident.decision-recorded` appended with it. */
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

// ---- Schemas (issue 11) ---------------------------------------------------------------
// Every contact event is parsed against these before it reaches a fold. The interfaces
// above stay as they are while the contact tracker is being reworked elsewhere; the checks
// at the end make sure each schema and its interface describe exactly the same payload.

/** Row ordinals: a plain loop, because one event can name a million rows. */
const rowList = v.custom<number[]>(
  (input) => Array.isArray(input) && input.every((r) => Number.isInteger(r) && r >= 0),
  'rows must be a list of row numbers',
);
const stringList = v.array(v.string());

export const contactEvents = {
  [CONTACT_EVENT_TYPES.datasetImported]: v.object({
    datasetId: v.string(),
    contentHash: v.string(),
    rows: v.pipe(v.number(), v.integer(), v.minValue(0)),
    mapping: v.object({ fields: v.record(v.picklist(CONTACT_FIELDS), v.number()), extra: v.array(v.number()) }),
    header: stringList,
    encoding: v.picklist(FILE_ENCODINGS),
    delimiter: v.optional(v.picklist(DELIMITERS)),
    fileName: v.string(),
    channelOrder: v.array(v.picklist(CHANNELS)),
    maxRetries: v.number(),
    segments: stringList,
  }),
  [CONTACT_EVENT_TYPES.batchCreated]: v.object({
    datasetId: v.string(),
    batchId: v.string(),
    channel: v.picklist(CHANNELS),
    rows: rowList,
    operators: v.optional(stringList),
    assignment: v.optional(rowList),
  }),
  [CONTACT_EVENT_TYPES.batchSent]: v.object({ datasetId: v.string(), batchId: v.string(), sentAt: v.string() }),
  [CONTACT_EVENT_TYPES.batchReassigned]: v.object({ datasetId: v.string(), batchId: v.string(), operators: stringList, rows: rowList, assignment: rowList }),
  [CONTACT_EVENT_TYPES.batchCancelled]: v.object({ datasetId: v.string(), batchId: v.string(), channel: v.picklist(CHANNELS), rows: rowList }),
  [CONTACT_EVENT_TYPES.outcomesRecorded]: v.object({
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
  }),
  [CONTACT_EVENT_TYPES.customersExcluded]: v.object({ datasetId: v.string(), rows: rowList, reason: v.picklist(EXCLUSIONS) }),
  [CONTACT_EVENT_TYPES.noticePublished]: v.object({ datasetId: v.string(), noticeRef: v.string(), covered: v.optional(v.number()), decisionId: v.optional(v.string()) }),
  [CONTACT_EVENT_TYPES.eventUndone]: v.object({ datasetId: v.string(), eventId: v.string() }),
} as const;

export type ContactEvent = EventOf<typeof contactEvents>;
export const isContactPartEvent = eventGuard(contactEvents);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Payload<K extends keyof typeof contactEvents> = v.InferOutput<(typeof contactEvents)[K]>;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<Payload<'contacts.dataset-imported'>, DatasetImported>>();
agree<Same<Payload<'contacts.batch-created'>, BatchCreated>>();
agree<Same<Payload<'contacts.batch-sent'>, BatchSent>>();
agree<Same<Payload<'contacts.batch-reassigned'>, BatchReassigned>>();
agree<Same<Payload<'contacts.batch-cancelled'>, BatchCancelled>>();
agree<Same<Payload<'contacts.outcomes-recorded'>, OutcomesRecorded>>();
agree<Same<Payload<'contacts.customers-excluded'>, CustomersExcluded>>();
agree<Same<Payload<'contacts.notice-published'>, NoticePublished>>();
agree<Same<Payload<'contacts.event-undone'>, EventUndone>>();
