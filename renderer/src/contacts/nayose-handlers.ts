/**
 * 名寄せ commands as dispatch handlers: the decisions are read from the incident's events
 * (never a fold of the customers), the pure commands are in shared/contacts/nayose-decisions.ts.
 */
import { letterGovernance, type LetterGovernance, POSTED_EVENT_TYPES, postedRecords } from '../../../shared/contacts/nayose-across';
import { decideClusters, type DecideRequest, NayoseDecisions, undoDecision } from '../../../shared/contacts/nayose-decisions';
import { NAYOSE_EVENT_TYPES } from '../../../shared/contacts/nayose-events';
import type { EventStore } from '../data/event-store';
import type { Handler } from '../data/handler';

const TYPES = Object.values(NAYOSE_EVENT_TYPES) as string[];

/** The decisions of an incident as they stand (read afresh: a few events, one per review). */
export async function readDecisions(store: EventStore, incidentId: string): Promise<NayoseDecisions> {
  return new NayoseDecisions(await store.readEvents(incidentId, TYPES));
}

/**
 * Which decisions each record's letter went out by (the batches marked sent, then the decisions
 * now). An incident where 名寄せ was never decided reads no batch: every letter is its own. Kept
 * per store and incident until a batch or decision event of it is committed (here or from the
 * team): a card opened or a call result recorded does not read every batch's rows again.
 */
export function readLetterGovernance(store: EventStore, incidentId: string): Promise<LetterGovernance> {
  let byIncident = governed.get(store);
  if (!byIncident) {
    const entries = new Map<string, Promise<LetterGovernance>>();
    governed.set(store, (byIncident = entries));
    store.subscribe((n) => {
      for (const e of n.events) if (e.incidentId !== null && POSTED.has(e.type)) entries.delete(e.incidentId);
    });
  }
  let g = byIncident.get(incidentId);
  if (!g) {
    const entries = byIncident;
    g = readGovernance(store, incidentId);
    entries.set(incidentId, g);
    // A failed read is not kept.
    g.catch(() => entries.get(incidentId) === g && entries.delete(incidentId));
  }
  return g;
}

const governed = new WeakMap<EventStore, Map<string, Promise<LetterGovernance>>>();
const POSTED = new Set(POSTED_EVENT_TYPES);

async function readGovernance(store: EventStore, incidentId: string): Promise<LetterGovernance> {
  // The few 名寄せ events first: without any, no batch (and its rows) is read at all.
  if ((await store.readEvents(incidentId, TYPES)).length === 0) {
    const now = new NayoseDecisions([]);
    return { now, sent: new Map(), of: () => now };
  }
  return letterGovernance(await store.readEvents(incidentId, POSTED_EVENT_TYPES));
}

export type NayoseHandlers = {
  /** Value: how many clusters were decided, and the event to undo. */
  'contacts.nayose-decide': Handler<DecideRequest & { incidentId: string }, { clusters: number; eventId: string }>;
  /** Takes a decision event back (its clusters are undecided again). */
  'contacts.nayose-undo': Handler<{ incidentId: string; eventId: string }>;
};

export const nayoseHandlers: NayoseHandlers = {
  'contacts.nayose-decide': async (h, args) => {
    // A record whose own letter is already in the post represents its merged cluster (no second letter).
    const posted = postedRecords(await h.store.readEvents(args.incidentId, POSTED_EVENT_TYPES));
    const { value, events } = await h.commit(decideClusters(h.ctx, { incidentId: args.incidentId, posted }, args));
    return { clusters: value, eventId: events[0]!.id };
  },
  'contacts.nayose-undo': async (h, args) => {
    const live = (await readDecisions(h.store, args.incidentId)).events.some((e) => e.id === args.eventId);
    await h.commit(undoDecision(h.ctx, { incidentId: args.incidentId, live }, args));
  },
};
