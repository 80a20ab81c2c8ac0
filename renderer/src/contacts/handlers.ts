/**
 * The contact tracker's commands as dispatch handlers: each reads what its pure command
 * checks (shared/contacts/commands.ts) — the pending customers, the batch as it stands, the
 * list's undo state — and appends its events. The statuses, totals, chart and batches follow
 * in the same transaction (status-projection.ts). The engine's own methods (tests, the
 * bench page) go through these same functions.
 */
import * as commands from '../../../shared/contacts/commands';
import type { BatchCreated } from '../../../shared/contacts/events';
import { pendingOn } from '../../../shared/contacts/fallback';
import type { Exclusion } from '../../../shared/contacts/model';
import type { AnyEvent } from '../../../shared/events/registry';
import { handlerContext, type Handler, type HandlerContext } from '../data/handler';
import type { EventStore } from '../data/event-store';
import { undoStateOf, type UndoState } from '../../../shared/contacts/applied-lists';
import { CONTACT_EVENT_TYPES } from '../../../shared/contacts/events';
import { carryAcross, letterMates, type LinkedEvent, linkedEvents, recordLetterResult, undoLinked } from '../../../shared/contacts/nayose-across';
import { heldBy, waiting } from './batch-reads';
import { type ContactReader, readerOf } from './contact-data';
import { notices } from './notice';
import { readLetterGovernance } from './nayose-handlers';
import { fanOutOutcomes } from '../../../shared/contacts/nayose-decisions';
import { type OutcomeItem, type OutcomePlan, planCardOutcome } from './result-lists';
import { statusRecords } from './status-deltas';
import { STATUS_ROWS } from './tables';
import { mark } from '../data/trace';
import { undoableBySnapshot } from './undo-snapshot';

/** Status records read per request when looking for the pending customers (about 5 MB). */
const PENDING_READ_BLOCKS = 40;

type Done<V> = Promise<{ value: V; events: AnyEvent[] }>;
/** What a handler gives back to offer "undo" at once: the id of the event it appended. */
export interface Appended {
  eventId: string;
}

export type ContactsHandlers = {
  /** Value: the batch (its rows, operators). */
  'contacts.create-batch': Handler<commands.BatchRequest, BatchCreated>;
  'contacts.mark-batch-sent': Handler<{ datasetId: string; batchId: string; sentAt: string }>;
  /** Value: how many customers changed hands. */
  'contacts.reassign-batch': Handler<{ datasetId: string; batchId: string; operators: string[] }, Appended & { rows: number }>;
  /** Value: how many customers went back to pending. */
  'contacts.cancel-batch': Handler<{ datasetId: string; batchId: string }, Appended & { rows: number }>;
  /** A previewed list (returned mail, bounces, calls, "the rest delivered"). */
  'contacts.record-outcomes': Handler<OutcomePlan, Appended>;
  /** One result from the customer card, on the channel the customer is on now; null when it changes nothing. */
  'contacts.record-outcome': Handler<{ datasetId: string; row: number; outcome: OutcomeItem['outcome']; reason: string; note: string }, Appended | null>;
  'contacts.exclude-customers': Handler<{ datasetId: string; rows: number[]; reason: Exclusion }, Appended>;
  'contacts.cover-by-notice': Handler<{ datasetId: string; cover: commands.NoticeCover }>;
  'contacts.undo-notice': Handler<{ datasetId: string; noticeEventId: string; decision: Omit<commands.NoticeCover, 'statementId' | 'covered'> }>;
  'contacts.undo': Handler<{ datasetId: string; eventId: string }>;
  /** Refused once a later change touched the list's customers. */
  'contacts.undo-list': Handler<{ datasetId: string; eventId: string }>;
};

const appended = (events: AnyEvent[]): Appended => ({ eventId: events[0]!.id });

/** Everyone pending on the channel (and segment), in row order, up to the limit: read from the status blocks. */
async function pendingRows(r: ContactReader, args: commands.BatchRequest): Promise<number[]> {
  const { policy } = await r.data.policy(args.datasetId);
  const slot = policy.order.indexOf(args.channel);
  const seg = args.segment === undefined ? -1 : (await r.data.segments(args.datasetId)).indexOf(args.segment);
  const rows: number[] = [];
  const limit = args.limit ?? Infinity;
  const { rows: size } = await r.data.policy(args.datasetId);
  // Blocks in order, read a few hundred at a time (a cursor waits for the database once per
  // block: seconds on a list of millions even when nobody is pending).
  const blocks = Math.ceil(size / STATUS_ROWS);
  for (let from = 0; from < blocks && rows.length < limit; from += PENDING_READ_BLOCKS) {
    const wanted = Array.from({ length: Math.min(PENDING_READ_BLOCKS, blocks - from) }, (_, i) => from + i);
    for (const rec of await statusRecords(r.data.tables, args.datasetId, wanted)) {
      if (!rec) continue;
      const { words, segment } = rec;
      for (let i = 0; i < words.length && rows.length < limit; i++) {
        const w = words[i]!;
        if (pendingOn(w, slot) && (seg < 0 || segment[i] === seg)) rows.push(rec.block * STATUS_ROWS + i);
      }
    }
  }
  return rows;
}

export async function createBatch(h: HandlerContext, r: ContactReader, args: commands.BatchRequest): Done<BatchCreated> {
  const { incidentId } = await r.data.policy(args.datasetId);
  return h.commit(commands.createBatch(h.ctx, { incidentId, pending: await pendingRows(r, args) }, args));
}

export async function markBatchSent(h: HandlerContext, r: ContactReader, args: { datasetId: string; batchId: string; sentAt: string }): Done<undefined> {
  const { incidentId } = await r.data.policy(args.datasetId);
  return h.commit(commands.markBatchSent(h.ctx, { incidentId, batch: await r.data.batch(args.datasetId, args.batchId) }, args));
}

export async function reassignBatch(h: HandlerContext, r: ContactReader, args: { datasetId: string; batchId: string; operators: string[] }): Done<number> {
  const { incidentId } = await r.data.policy(args.datasetId);
  const batch = await r.data.batch(args.datasetId, args.batchId);
  const open = batch && !batch.cancelledAt ? (await waiting(r, batch)).map((w) => w.row) : [];
  return h.commit(commands.reassignBatch(h.ctx, { incidentId, batch, waiting: open }, args));
}

/**
 * Calls a batch off: its customers still in progress on its channel go back to pending
 * there (a later batch on the same channel keeps its own customers).
 */
export async function cancelBatch(h: HandlerContext, r: ContactReader, args: { datasetId: string; batchId: string }): Done<number> {
  const { incidentId } = await r.data.policy(args.datasetId);
  const batch = await r.data.batch(args.datasetId, args.batchId);
  const held = batch && !batch.cancelledAt ? await heldBy(r, batch) : [];
  return h.commit(commands.cancelBatch(h.ctx, { incidentId, batch, held }));
}

export async function recordOutcomes(h: HandlerContext, r: ContactReader, plan: OutcomePlan): Done<undefined> {
  const { incidentId } = await r.data.policy(plan.datasetId);
  if (plan.channel !== 'post') return h.commit(commands.recordOutcomes(h.ctx, { incidentId }, plan));
  // A letter's result holds for the records its letter covered (名寄せ): in this list in the
  // same event, in other lists as linked events appended with it (undo of one undoes all). A
  // letter in the post covered whom the decisions said when it was sent, whatever was decided since.
  const mates = letterMates(await readLetterGovernance(r.data, incidentId));
  mark('decisions');
  const planned = fanOutOutcomes(plan, mates);
  return h.commit(recordLetterResult(h.ctx, { incidentId }, planned, carryAcross(planned, mates)));
}

/** One outcome from the customer card, on the channel the customer is on now. */
export async function recordOutcome(
  h: HandlerContext,
  r: ContactReader,
  args: { datasetId: string; row: number; outcome: OutcomeItem['outcome']; reason: string; note: string },
): Promise<{ value: undefined; events: AnyEvent[] } | null> {
  const { policy } = await r.data.policy(args.datasetId);
  mark('policy');
  const plan = await planCardOutcome(r, args.datasetId, { row: args.row, outcome: args.outcome, reason: args.reason, note: args.note }, policy);
  mark('plan');
  if (plan.preview.unchanged === plan.rows.length) return null;
  return recordOutcomes(h, r, plan);
}

export async function excludeCustomers(h: HandlerContext, r: ContactReader, args: { datasetId: string; rows: number[]; reason: Exclusion }): Done<undefined> {
  const { incidentId } = await r.data.policy(args.datasetId);
  return h.commit(commands.excludeCustomers(h.ctx, { incidentId }, args));
}

export async function publishNotice(h: HandlerContext, r: ContactReader, args: { datasetId: string; noticeRef: string }): Done<undefined> {
  const { incidentId } = await r.data.policy(args.datasetId);
  return h.commit(commands.publishNotice(h.ctx, { incidentId }, args));
}

export async function coverByNotice(h: HandlerContext, r: ContactReader, args: { datasetId: string; cover: commands.NoticeCover }): Done<undefined> {
  const { incidentId } = await r.data.policy(args.datasetId);
  return h.commit(commands.coverByNotice(h.ctx, { incidentId }, args));
}

export async function undoNotice(h: HandlerContext, r: ContactReader, args: { datasetId: string; noticeEventId: string; decision: Omit<commands.NoticeCover, 'statementId' | 'covered'> }): Done<undefined> {
  const { incidentId } = await r.data.policy(args.datasetId);
  const inForce = (await notices(r, args.datasetId)).some((n) => n.event.id === args.noticeEventId);
  return h.commit(commands.undoNotice(h.ctx, { incidentId, inForce }, args));
}

/** A result carried across lists (名寄せ) is one result: its shares in other lists are undone with it. */
async function sharesOf(r: ContactReader, incidentId: string, args: { datasetId: string; eventId: string }): Promise<LinkedEvent[]> {
  return linkedEvents(await r.data.store.readEvents(incidentId, [CONTACT_EVENT_TYPES.outcomesRecorded, CONTACT_EVENT_TYPES.eventUndone]), args.datasetId, args.eventId);
}

export async function undoEvent(h: HandlerContext, r: ContactReader, args: { datasetId: string; eventId: string }): Done<undefined> {
  const { incidentId } = await r.data.policy(args.datasetId);
  return h.commit(undoLinked(h.ctx, { incidentId, shares: await sharesOf(r, incidentId, args), checked: false }));
}

/** Undoes an applied list, checked again against the events: refused once a later change touched its customers. */
export async function undoList(h: HandlerContext, r: ContactReader, args: { datasetId: string; eventId: string }): Done<undefined> {
  const { incidentId } = await r.data.policy(args.datasetId);
  const shares: (LinkedEvent & { list?: UndoState })[] = [];
  for (const share of await sharesOf(r, incidentId, args)) {
    const { rows } = await r.data.policy(share.datasetId);
    // From its snapshot while nothing named its customers since (undo-snapshot.ts), else from
    // the events alone (no fold of every customer).
    const list = (await undoableBySnapshot(r.data.tables, r.data.dataKey, share.datasetId, rows, share.eventId))
      ? { eventId: share.eventId, undone: null, blockedBy: null }
      : undoStateOf(await r.data.datasetEvents(share.datasetId), share.eventId, rows);
    shares.push({ ...share, list });
  }
  return h.commit(undoLinked(h.ctx, { incidentId, shares, checked: true }));
}

const reader = (h: HandlerContext) => readerOf(h.store);

/**
 * A handler context outside dispatch, for the engine's own methods (tests, the bench page):
 * the store's person acts, with no roles (no contact command needs one).
 */
export function engineContext(store: EventStore): HandlerContext {
  return handlerContext(store, { now: Date.now(), newId: () => crypto.randomUUID(), actor: { personId: store.actor, roles: [] } });
}

export const contactsHandlers: ContactsHandlers = {
  'contacts.create-batch': async (h, args) => (await createBatch(h, reader(h), args)).value,
  'contacts.mark-batch-sent': async (h, args) => void (await markBatchSent(h, reader(h), args)),
  'contacts.reassign-batch': async (h, args) => {
    const { value, events } = await reassignBatch(h, reader(h), args);
    return { ...appended(events), rows: value };
  },
  'contacts.cancel-batch': async (h, args) => {
    const { value, events } = await cancelBatch(h, reader(h), args);
    return { ...appended(events), rows: value };
  },
  'contacts.record-outcomes': async (h, plan) => appended((await recordOutcomes(h, reader(h), plan)).events),
  'contacts.record-outcome': async (h, args) => {
    const done = await recordOutcome(h, reader(h), args);
    return done ? appended(done.events) : null;
  },
  'contacts.exclude-customers': async (h, args) => appended((await excludeCustomers(h, reader(h), args)).events),
  'contacts.cover-by-notice': async (h, args) => void (await coverByNotice(h, reader(h), args)),
  'contacts.undo-notice': async (h, args) => void (await undoNotice(h, reader(h), args)),
  'contacts.undo': async (h, args) => void (await undoEvent(h, reader(h), args)),
  'contacts.undo-list': async (h, args) => void (await undoList(h, reader(h), args)),
};
