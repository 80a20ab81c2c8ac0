/**
 * 名寄せ commands as dispatch handlers: the decisions are read from the incident's events
 * (never a fold of the customers), the pure commands are in shared/contacts/nayose-decisions.ts.
 */
import { GOVERNANCE_EVENT_TYPES, letterGovernance, type LetterGovernance, namedMembers, POSTED_EVENT_TYPES, postRanks } from '../../../shared/contacts/nayose-across';
import { decideClusters, type DecideRequest, type Member, NayoseDecisions, type PostRank, undoDecision } from '../../../shared/contacts/nayose-decisions';
import { NAYOSE_EVENT_TYPES } from '../../../shared/contacts/nayose-events';
import { letterEvents } from '../../../shared/letters/events';
import type { EventStore } from '../data/event-store';
import type { Handler } from '../data/handler';
import { type ContactData, readerOf } from './contact-data';
import { rowSegments } from './variant-letters';

const TYPES = Object.values(NAYOSE_EVENT_TYPES) as string[];

/** The decisions of an incident as they stand (read afresh: a few events, one per review). */
export async function readDecisions(store: EventStore, incidentId: string): Promise<NayoseDecisions> {
  return new NayoseDecisions(await store.readEvents(incidentId, TYPES));
}

/** What the governance reads besides events: each merged record's segment (its 文面 follows from it). */
export type GovernanceData = Pick<ContactData, 'store' | 'tables' | 'segments'>;

/**
 * Which decisions each record's letter went out by (the batches marked sent, then the decisions
 * now — with each merge's letters split where its members' 文面 differ since it was decided).
 * An incident where 名寄せ was never decided reads no batch: every letter is its own. Kept per
 * store and incident until a batch, decision or 文面 event of it is committed (here or from the
 * team): a card opened or a call result recorded does not read every batch's rows again.
 */
export function readLetterGovernance(data: GovernanceData, incidentId: string): Promise<LetterGovernance> {
  const store = data.store;
  let byIncident = governed.get(store);
  if (!byIncident) {
    const entries = new Map<string, Promise<LetterGovernance & { missing: string[] }>>();
    governed.set(store, (byIncident = entries));
    store.subscribe((n) => {
      for (const e of n.events) if (e.incidentId !== null && (POSTED.has(e.type) || VARIANT_TYPES.has(e.type))) entries.delete(e.incidentId);
    });
  }
  const g = byIncident.get(incidentId);
  if (g) {
    // Read while a named list was not on this laptop: read again once it is (adopting brings no event).
    const kept = g;
    const entries = byIncident;
    return kept.then(async (r) => {
      if (r.missing.length === 0) return r;
      const states = await Promise.all(r.missing.map((id) => data.tables.datasets.get(id)));
      if (states.every((d) => d?.state !== 'complete')) return r;
      if (entries.get(incidentId) === kept) entries.delete(incidentId);
      return readLetterGovernance(data, incidentId);
    });
  }
  const entries = byIncident;
  const read = readGovernance(data, incidentId);
  entries.set(incidentId, read);
  // A failed read is not kept.
  read.catch(() => entries.get(incidentId) === read && entries.delete(incidentId));
  return read;
}

const governed = new WeakMap<EventStore, Map<string, Promise<LetterGovernance & { missing: string[] }>>>();
const POSTED = new Set(POSTED_EVENT_TYPES);
const VARIANT_TYPES = new Set<string>(Object.keys(letterEvents));

async function readGovernance(data: GovernanceData, incidentId: string): Promise<LetterGovernance & { missing: string[] }> {
  const store = data.store;
  // The few 名寄せ events first: without any, no batch (and its rows) is read at all.
  const decided = await store.readEvents(incidentId, TYPES);
  if (decided.length === 0) {
    const now = new NayoseDecisions([]);
    return { now, sent: new Map(), of: () => now, missing: [] };
  }
  const { segmentOf, missing } = await segmentsOf(data, namedMembers(decided));
  return { ...letterGovernance(await store.readEvents(incidentId, GOVERNANCE_EVENT_TYPES), segmentOf), missing };
}

/**
 * Where each record stands with the post now (postRanks), with the segments of the records older
 * decisions named without one read from this laptop's lists, as the letters read them: a
 * child's guardian letter printed under such a decision ranks printed, not covered by the
 * parent's. From the kept governance (readLetterGovernance): at 20,000 merges and 30 sent
 * batches a fresh read takes seconds, and every decision and screen asked it again.
 */
export async function readPostRanks(data: GovernanceData, incidentId: string): Promise<PostRank> {
  const g = await readLetterGovernance(data, incidentId);
  // No decision yet (no batch was read for the governance): each letter is its own, and ranks by the batches alone.
  return g.rank ?? postRanks(await data.store.readEvents(incidentId, GOVERNANCE_EVENT_TYPES));
}

/**
 * The segment of each record an older decision named without one (from the status blocks:
 * nothing to decrypt). `missing`: named lists not on this laptop yet — their records read as no
 * segment until they are, and the read is made again then.
 */
async function segmentsOf(data: GovernanceData, members: readonly Member[]): Promise<{ segmentOf: (m: Member) => string; missing: string[] }> {
  const byList = new Map<string, Set<number>>();
  for (const m of members) (byList.get(m.datasetId) ?? byList.set(m.datasetId, new Set()).get(m.datasetId)!).add(m.row);
  // By list, then row: asked for every member at every sent batch, a string key per ask was most of a read's garbage.
  const segments = new Map<string, Map<number, string>>();
  const missing: string[] = [];
  for (const [datasetId, set] of byList) {
    // A list still arriving (importing, received in part) reads as no segment: not on this laptop yet.
    if ((await data.tables.datasets.get(datasetId))?.state !== 'complete') {
      missing.push(datasetId);
      continue;
    }
    const rows = [...set];
    const values = await rowSegments(data, datasetId, rows);
    segments.set(datasetId, new Map(rows.map((row, i) => [row, values[i]!])));
  }
  return { segmentOf: (m) => segments.get(m.datasetId)?.get(m.row) ?? '', missing };
}

export type NayoseHandlers = {
  /** Value: how many clusters were decided, and the event to undo. */
  'contacts.nayose-decide': Handler<DecideRequest & { incidentId: string }, { clusters: number; eventId: string }>;
  /** Takes a decision event back (its clusters are undecided again). */
  'contacts.nayose-undo': Handler<{ incidentId: string; eventId: string }>;
};

export const nayoseHandlers: NayoseHandlers = {
  'contacts.nayose-decide': async (h, args) => {
    // A record already sent its letter represents it (no second letter); never one whose list's letters went out without it.
    // The lists' segments are read for it: without the contact tracker open, no decision is made (readerOf throws).
    const posted = await readPostRanks(readerOf(h.store).data, args.incidentId);
    const { value, events } = await h.commit(decideClusters(h.ctx, { incidentId: args.incidentId, posted }, args));
    return { clusters: value, eventId: events[0]!.id };
  },
  'contacts.nayose-undo': async (h, args) => {
    const live = (await readDecisions(h.store, args.incidentId)).events.some((e) => e.id === args.eventId);
    await h.commit(undoDecision(h.ctx, { incidentId: args.incidentId, live }, args));
  },
};
