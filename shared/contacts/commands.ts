/**
 * Commands of the contact tracker: each checks what a person asks for against the state
 * its handler read (renderer/src/contacts/handlers.ts: the pending customers, the batch as
 * it stands, the list's undo state) and returns the events, or the problems. The bulk
 * work — choosing a million pending customers, resolving a returned-mail list through the
 * blind index — is the handler's reading; what is decided, and the events, are here.
 */
import { accept, refuse, type CommandContext, type CommandResult, type Problem } from '../events/command';
import { canUndo, type UndoState } from './applied-lists';
import { cancelPayload, reassignPayload, splitInTurn, type BatchSummary } from './batch-summary';
import { CONTACT_EVENT_TYPES, type BatchCreated, type DatasetImported, type OutcomesRecorded } from './events';
import type { Outcome } from './fallback';
import { nextListNumber, type ListImport } from './list-numbers';
import type { Channel, Exclusion } from './model';
import { MAX_LIST_NO } from './reference';

/** The reasons this part gives (one Problem type for the whole app: shared/events/command.ts). */
export interface ContactProblem extends Problem {
  reason: 'required' | 'not-found' | 'cancelled' | 'not-latest' | 'lists-full';
}

const problem = (field: string, reason: ContactProblem['reason'], params?: Problem['params']): ContactProblem => ({ field, reason, ...(params ? { params } : {}) });

export interface BatchRequest {
  datasetId: string;
  channel: Channel;
  segment?: string;
  limit?: number;
  operators?: string[];
}

/**
 * A batch of everyone pending on the channel (`pending`: chosen by the handler, in row
 * order). A phone batch needs its operators: without one nobody's queue holds the customers.
 * Value: the batch.
 */
export function createBatch(ctx: CommandContext, state: { incidentId: string; pending: number[] }, args: BatchRequest): CommandResult<BatchCreated> {
  const operators = args.operators?.map((o) => o.trim()).filter(Boolean) ?? [];
  if (args.channel === 'phone' && operators.length === 0) return refuse([problem('operators', 'required')]);
  const batch: BatchCreated = { datasetId: args.datasetId, batchId: ctx.newId(), channel: args.channel, rows: state.pending };
  if (args.channel === 'phone') {
    batch.operators = operators;
    batch.assignment = splitInTurn(state.pending, operators);
  }
  return accept([{ type: CONTACT_EVENT_TYPES.batchCreated, incidentId: state.incidentId, payload: batch }], batch);
}

function liveBatch(batch: BatchSummary | undefined): ContactProblem[] {
  if (!batch) return [problem('batch', 'not-found')];
  return batch.cancelledAt ? [problem('batch', 'cancelled')] : [];
}

export function markBatchSent(_ctx: CommandContext, state: { incidentId: string; batch: BatchSummary | undefined }, args: { sentAt: string }): CommandResult {
  if (!state.batch) return refuse([problem('batch', 'not-found')]);
  const { datasetId, batchId } = state.batch.batch;
  return accept([{ type: CONTACT_EVENT_TYPES.batchSent, incidentId: state.incidentId, payload: { datasetId, batchId, sentAt: args.sentAt } }]);
}

/** The customers of a phone batch still to be called (`waiting`), split in turn among new operators. Value: how many. */
export function reassignBatch(
  _ctx: CommandContext,
  state: { incidentId: string; batch: BatchSummary | undefined; waiting: number[] },
  args: { operators: string[] },
): CommandResult<number> {
  const operators = args.operators.map((o) => o.trim()).filter(Boolean);
  const problems = [...liveBatch(state.batch), ...(operators.length === 0 ? [problem('operators', 'required')] : [])];
  if (problems.length > 0) return refuse(problems);
  const payload = reassignPayload(state.batch!, state.waiting, operators);
  return accept([{ type: CONTACT_EVENT_TYPES.batchReassigned, incidentId: state.incidentId, payload }], payload.rows.length);
}

/** Calls a batch off; `held` are its customers still in progress on its channel, back to pending. Value: how many. */
export function cancelBatch(_ctx: CommandContext, state: { incidentId: string; batch: BatchSummary | undefined; held: number[] }): CommandResult<number> {
  const problems = liveBatch(state.batch);
  if (problems.length > 0) return refuse(problems);
  const payload = cancelPayload(state.batch!, state.held);
  return accept([{ type: CONTACT_EVENT_TYPES.batchCancelled, incidentId: state.incidentId, payload }], payload.rows.length);
}

/** What a previewed list (or one call from the card) records: one event for every customer it matched. */
export interface OutcomeRecord {
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
  /** Shared by the events of one letter's result carried across lists (nayose-across.ts). */
  linked?: string;
}

export function recordOutcomes(_ctx: CommandContext, state: { incidentId: string }, plan: OutcomeRecord): CommandResult {
  if (plan.rows.length !== plan.outcomes.length || plan.rows.length !== plan.reasons.length) return refuse([problem('rows', 'required')]);
  const payload: OutcomesRecorded = { datasetId: plan.datasetId, channel: plan.channel, source: plan.source, rows: plan.rows, outcomes: plan.outcomes, reasons: plan.reasons };
  if (plan.notes.some(Boolean)) payload.notes = plan.notes;
  if (plan.listName) payload.listName = plan.listName;
  if (plan.listLines !== undefined) payload.listLines = plan.listLines;
  if (plan.linked) payload.linked = plan.linked;
  return accept([{ type: CONTACT_EVENT_TYPES.outcomesRecorded, incidentId: state.incidentId, payload }]);
}

export function excludeCustomers(_ctx: CommandContext, state: { incidentId: string }, args: { datasetId: string; rows: number[]; reason: Exclusion }): CommandResult {
  if (args.rows.length === 0) return refuse([problem('rows', 'required')]);
  return accept([{ type: CONTACT_EVENT_TYPES.customersExcluded, incidentId: state.incidentId, payload: { datasetId: args.datasetId, rows: args.rows, reason: args.reason } }]);
}

export function publishNotice(_ctx: CommandContext, state: { incidentId: string }, args: { datasetId: string; noticeRef: string }): CommandResult {
  return accept([{ type: CONTACT_EVENT_TYPES.noticePublished, incidentId: state.incidentId, payload: { datasetId: args.datasetId, noticeRef: args.noticeRef } }]);
}

/** What the user confirmed when covering customers by the public notice. */
export interface NoticeCover {
  /** The published statement that is the notice. */
  statementId: string;
  /** Customers waiting for the notice when the user confirmed. */
  covered: number;
  /** The decision as the timeline shows it. */
  what: string;
  why: string;
  decidedBy: string;
}

/**
 * Covers everyone waiting for the public notice with the published statement that is the
 * notice, and records that as a decision on the timeline — one append, so neither lands
 * without the other.
 */
export function coverByNotice(ctx: CommandContext, state: { incidentId: string }, args: { datasetId: string; cover: NoticeCover }): CommandResult {
  const { cover } = args;
  const decisionId = ctx.newId();
  return accept([
    { type: CONTACT_EVENT_TYPES.noticePublished, incidentId: state.incidentId, payload: { datasetId: args.datasetId, noticeRef: cover.statementId, covered: cover.covered, decisionId } },
    { type: 'incident.decision-recorded', incidentId: state.incidentId, payload: { decisionId, phase: 'counter', what: cover.what, why: cover.why, decidedBy: cover.decidedBy } },
  ]);
}

/** Takes a notice coverage back (its customers wait for the notice again), as a decision too. */
export function undoNotice(
  ctx: CommandContext,
  state: { incidentId: string; inForce: boolean },
  args: { datasetId: string; noticeEventId: string; decision: Omit<NoticeCover, 'statementId' | 'covered'> },
): CommandResult {
  if (!state.inForce) return refuse([problem('notice', 'not-found')]);
  return accept([
    { type: CONTACT_EVENT_TYPES.eventUndone, incidentId: state.incidentId, payload: { datasetId: args.datasetId, eventId: args.noticeEventId } },
    { type: 'incident.decision-recorded', incidentId: state.incidentId, payload: { decisionId: ctx.newId(), phase: 'counter', ...args.decision } },
  ]);
}

/** Undoes one contact event (its customers are refolded without it). */
export function undoEvent(_ctx: CommandContext, state: { incidentId: string }, args: { datasetId: string; eventId: string }): CommandResult {
  return accept([{ type: CONTACT_EVENT_TYPES.eventUndone, incidentId: state.incidentId, payload: { datasetId: args.datasetId, eventId: args.eventId } }]);
}

/** Undoes an applied list, only while it is still the latest change to its customers (applied-lists.ts). */
export function undoList(ctx: CommandContext, state: { incidentId: string; list: UndoState | undefined }, args: { datasetId: string; eventId: string }): CommandResult {
  if (!state.list) return refuse([problem('list', 'not-found')]);
  if (!canUndo(state.list)) return refuse([problem('list', 'not-latest')]);
  return undoEvent(ctx, state, args);
}

/**
 * A staged import made visible: the one event naming the dataset (its rows are never events),
 * with the list's number — the smallest no list of the incident known here uses
 * (`lists`: their import events; list-numbers.ts). Refused when all 99 are taken: reference
 * numbers hold two digits for the list. Value: the number.
 */
export function importDataset(_ctx: CommandContext, state: { incidentId: string; lists?: readonly ListImport[] }, payload: DatasetImported): CommandResult<number | undefined> {
  if (!state.lists) return accept([{ type: CONTACT_EVENT_TYPES.datasetImported, incidentId: state.incidentId, payload }], undefined);
  const listNo = nextListNumber(state.lists);
  if (listNo === undefined) return refuse([problem('lists', 'lists-full', { max: MAX_LIST_NO })]);
  return accept([{ type: CONTACT_EVENT_TYPES.datasetImported, incidentId: state.incidentId, payload: { ...payload, listNo } }], listNo);
}
