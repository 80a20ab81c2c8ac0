/**
 * Returned-mail and bounce lists applied to a customer list, with what each changed and
 * whether it can still be undone — folded from the contact events, so the list survives a
 * reload and shows lists applied on other laptops.
 *
 * Undo refolds the events without the undone one. That is only what a person means by
 * "undo" while the list is still the latest change to its customers: once a later batch,
 * result, exclusion or the public notice touched one of them, the refold would replay
 * that later change on a different status. So undo is offered only until then, and the
 * first later change is named so the screen can say why.
 */
import type { HonbuEvent } from '../events/event';
import { applyContactEvent, CONTACT_EVENT_TYPES, type ContactEvent, isContactPartEvent, type StatusAccess } from './events';
import { initialStatus, type Policy } from './fallback';
import type { Channel } from './model';

/** Sources of lists applied in bulk from a file or a paste (ResultsPanel). */
export const BULK_LIST_SOURCES = ['returned-mail', 'bounce'] as const;

export interface LaterChange {
  eventId: string;
  at: string;
  actor: string;
  type: string;
  /** For results: returned-mail, bounce, call, delivered …; for batches: their channel. */
  source?: string;
  channel?: Channel;
  /** How many of the list's customers it touched. */
  customers: number;
}

export interface AppliedList {
  eventId: string;
  at: string;
  actor: string;
  source: string;
  channel: Channel;
  listName?: string;
  /** Lines of the list, when recorded (matched or not). */
  listLines?: number;
  /** Customers the list named. */
  customers: number;
  /** Customers whose status it changed when it was applied. */
  changed: number;
  undone: { eventId: string; at: string; actor: string } | null;
  /** The first later change to some of its customers: undo is no longer offered. */
  blockedBy: LaterChange | null;
}

export type Recorded = Extract<ContactEvent, { type: typeof CONTACT_EVENT_TYPES.outcomesRecorded }>;

export function isBulkList(e: HonbuEvent): e is Recorded {
  return isContactPartEvent(e) && e.type === CONTACT_EVENT_TYPES.outcomesRecorded && (BULK_LIST_SOURCES as readonly string[]).includes(e.payload.source);
}

/** Rows an event applies to (null: every row, the public notice), or undefined for none. */
function touched(e: HonbuEvent): readonly number[] | null | undefined {
  if (!isContactPartEvent(e)) return undefined;
  switch (e.type) {
    case CONTACT_EVENT_TYPES.batchCreated:
    case CONTACT_EVENT_TYPES.outcomesRecorded:
    case CONTACT_EVENT_TYPES.customersExcluded:
    case CONTACT_EVENT_TYPES.batchCancelled:
      return e.payload.rows;
    case CONTACT_EVENT_TYPES.noticePublished:
      return null;
    default:
      return undefined;
  }
}

/** The applied lists of one customer list, in clock order. `events` are its contact events in clock order. */
export function appliedLists(avail: ArrayLike<number>, events: HonbuEvent[], policy: Policy): AppliedList[] {
  const size = avail.length;
  const words = new Uint16Array(size);
  for (let i = 0; i < size; i++) words[i] = initialStatus(avail[i]!, policy.order);
  const live: StatusAccess = { size, get: (r) => words[r]!, set: (r, w) => (words[r] = w), avail: (r) => avail[r]! };
  // An undone list still says what it changed: applied to a view whose writes go to a scratch
  // map, let go after each list (a row it names twice counts once, as when it was applied).
  const scratch = new Map<number, number>();
  const probe: StatusAccess = { size, get: (r) => scratch.get(r) ?? words[r]!, set: (r, w) => void scratch.set(r, w), avail: (r) => avail[r]! };
  const undoneBy = new Map<string, HonbuEvent>();
  for (const e of events) if (isContactPartEvent(e) && e.type === CONTACT_EVENT_TYPES.eventUndone) undoneBy.set(e.payload.eventId, e);

  const lists: AppliedList[] = [];
  // The live list that last touched each row (index into `lists`), -1 for none.
  const owner = new Int32Array(size).fill(-1);
  for (const e of events) {
    const rows = touched(e);
    if (rows === undefined) continue;
    const undo = undoneBy.get(e.id);
    const isList = isBulkList(e);
    if (undo) {
      if (isList) {
        scratch.clear();
        lists.push(entry(e, applyContactEvent(probe, e, policy), undo, null));
      }
      continue;
    }
    // Lists whose customers this event touches are no longer the latest change to them.
    const visit = (r: number) => {
      const o = owner[r]!;
      if (o < 0) return;
      const l = lists[o]!;
      if (!l.blockedBy) l.blockedBy = laterChange(e);
      if (l.blockedBy.eventId === e.id) l.blockedBy.customers++;
      owner[r] = -1;
    };
    if (rows === null) for (let r = 0; r < size; r++) visit(r);
    else for (const r of rows) if (r >= 0 && r < size) visit(r);
    const changed = applyContactEvent(live, e, policy);
    if (isList) {
      lists.push(entry(e, changed, null, null));
      for (const r of rows ?? []) if (r >= 0 && r < size) owner[r] = lists.length - 1;
    }
  }
  return lists;
}

/** A list's entry on the screen, as folded. */
export function entry(e: Recorded, changed: number, undo: HonbuEvent | null, blockedBy: LaterChange | null): AppliedList {
  const p = e.payload;
  return {
    eventId: e.id,
    at: e.at,
    actor: e.actor,
    source: p.source,
    channel: p.channel,
    ...(p.listName !== undefined ? { listName: p.listName } : {}),
    ...(p.listLines !== undefined ? { listLines: p.listLines } : {}),
    customers: new Set(p.rows).size,
    changed,
    undone: undo ? { eventId: undo.id, at: undo.at, actor: undo.actor } : null,
    blockedBy,
  };
}

/** What the screen says of a change that blocked a list's undo (its count of the list's customers still to add). */
export function laterChange(e: HonbuEvent): LaterChange {
  const p: { source?: string; channel?: Channel } = isContactPartEvent(e) && (e.type === CONTACT_EVENT_TYPES.outcomesRecorded || e.type === CONTACT_EVENT_TYPES.batchCreated || e.type === CONTACT_EVENT_TYPES.batchCancelled) ? e.payload : {};
  return {
    eventId: e.id,
    at: e.at,
    actor: e.actor,
    type: e.type,
    ...(p.source !== undefined ? { source: p.source } : {}),
    ...(p.channel !== undefined ? { channel: p.channel } : {}),
    customers: 0,
  };
}

/** What undo needs to know of a list: whether it was undone, and the first later change to its customers. */
export type UndoState = Pick<AppliedList, 'eventId' | 'undone' | 'blockedBy'>;

/**
 * The undo state of one applied list from the events alone, without folding a status: the
 * same `undone` and `blockedBy` as `appliedLists` gives it (the fuzz test holds them
 * together), read by undo at every size — a fold of every customer would take seconds on a
 * list of millions. `events` in clock order; `size` the list's row count.
 */
export function undoStateOf(events: readonly HonbuEvent[], eventId: string, size: number): UndoState | undefined {
  const at = events.findIndex((e) => e.id === eventId);
  const list = events[at];
  if (!list || !isBulkList(list)) return undefined;
  const undoneBy = new Map<string, HonbuEvent>();
  for (const e of events) if (isContactPartEvent(e) && e.type === CONTACT_EVENT_TYPES.eventUndone) undoneBy.set(e.payload.eventId, e);
  const undo = undoneBy.get(eventId);
  if (undo) return { eventId, undone: { eventId: undo.id, at: undo.at, actor: undo.actor }, blockedBy: null };
  // 1: one of the list's customers; 2: counted already for the event being looked at.
  const mark = new Uint8Array(size);
  let customers = 0;
  for (const r of list.payload.rows) {
    if (r < 0 || r >= size || mark[r] !== 0) continue;
    mark[r] = 1;
    customers++;
  }
  if (customers === 0) return { eventId, undone: null, blockedBy: null };
  for (let i = at + 1; i < events.length; i++) {
    const e = events[i]!;
    const rows = touched(e);
    if (rows === undefined || undoneBy.has(e.id)) continue;
    if (rows === null) return { eventId, undone: null, blockedBy: { ...laterChange(e), customers } };
    let hit = 0;
    for (const r of rows) {
      if (r < 0 || r >= size || mark[r] !== 1) continue;
      mark[r] = 2;
      hit++;
    }
    if (hit > 0) return { eventId, undone: null, blockedBy: { ...laterChange(e), customers: hit } };
  }
  return { eventId, undone: null, blockedBy: null };
}

/** Whether the list can be undone now. */
export function canUndo(l: Pick<AppliedList, 'undone' | 'blockedBy'>): boolean {
  return !l.undone && !l.blockedBy;
}
