/**
 * The public notice as a decision: covering the unreachable with a published statement,
 * and withdrawing it, each appended together with its timeline decision.
 */
import { CONTACT_EVENT_TYPES, type NoticePublished } from '../../../shared/contacts/events';
import type { HonbuEvent } from '../../../shared/events/event';
import type { ContactEngine } from './contact-engine';
import { statusHook } from './status-apply';

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
export async function coverByNotice(engine: ContactEngine, datasetId: string, cover: NoticeCover): Promise<HonbuEvent> {
  const p = await engine.policy(datasetId);
  const decisionId = crypto.randomUUID();
  const payload: NoticePublished = { datasetId, noticeRef: cover.statementId, covered: cover.covered, decisionId };
  const [notice] = await engine.store.append(
    [
      { type: CONTACT_EVENT_TYPES.noticePublished, incidentId: p.incidentId, payload },
      { type: 'incident.decision-recorded', incidentId: p.incidentId, payload: { decisionId, phase: 'counter', what: cover.what, why: cover.why, decidedBy: cover.decidedBy } },
    ],
    statusHook(engine.tables, engine.store, datasetId, p),
  );
  return notice!;
}

/** Takes a notice coverage back (its customers wait for the notice again), as a decision too. */
export async function undoNotice(engine: ContactEngine, datasetId: string, noticeEventId: string, decision: Omit<NoticeCover, 'statementId' | 'covered'>): Promise<HonbuEvent> {
  const p = await engine.policy(datasetId);
  const [undo] = await engine.store.append(
    [
      { type: CONTACT_EVENT_TYPES.eventUndone, incidentId: p.incidentId, payload: { datasetId, eventId: noticeEventId } },
      { type: 'incident.decision-recorded', incidentId: p.incidentId, payload: { decisionId: crypto.randomUUID(), phase: 'counter', ...decision } },
    ],
    statusHook(engine.tables, engine.store, datasetId, p),
  );
  return undo!;
}

/** Notice coverages of a dataset still in force, newest first. */
export async function notices(engine: ContactEngine, datasetId: string): Promise<{ event: HonbuEvent; notice: NoticePublished }[]> {
  const events = await engine.datasetEvents(datasetId);
  const undone = new Set(events.filter((e) => e.type === CONTACT_EVENT_TYPES.eventUndone).map((e) => (e.payload as { eventId: string }).eventId));
  return events
    .filter((e) => e.type === CONTACT_EVENT_TYPES.noticePublished && !undone.has(e.id))
    .map((event) => ({ event, notice: event.payload as NoticePublished }))
    .reverse();
}
