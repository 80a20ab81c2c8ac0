/** Decisions as their own timeline entries: who decided what, and why (DOMAIN.md part 1). */
import type { HonbuEvent } from '../events/event';
import type { ProjectionSpec } from '../events/projection';
import type { Phase } from '../boards/model';
import { isIncidentPartEvent, type IncidentEvent } from './events';

export interface Decision {
  id: string;
  incidentId: string;
  phase: Phase;
  what: string;
  why: string;
  /** Who took the decision (may differ from who recorded it). */
  decidedBy: string;
  at: string;
  recordedBy: string;
  /**
   * Set on the decision the disclosure form records: then `what` is words of the language it
   * was recorded in, and screens say it again in their own language from this.
   */
  disclosurePublish?: boolean;
}

export type DecisionRecorded = Extract<IncidentEvent, { type: 'incident.decision-recorded' }>;

function isDecision(e: HonbuEvent): e is DecisionRecorded & { incidentId: string } {
  return isIncidentPartEvent(e) && e.type === 'incident.decision-recorded' && e.incidentId !== null;
}

export const decisionsProjection: ProjectionSpec<Decision> = {
  table: 'decisions',
  keys: (e) => (isDecision(e) ? [e.payload.decisionId] : []),
  reduce(row, e, key) {
    if (row) return row; // decisions are never edited; a correction is a new decision
    if (!isDecision(e)) return null;
    const { phase, what, why, decidedBy, disclosurePublish } = e.payload;
    const decision: Decision = { id: key, incidentId: e.incidentId, phase, what, why, decidedBy, at: e.at, recordedBy: e.actor };
    return typeof disclosurePublish === 'boolean' ? { ...decision, disclosurePublish } : decision;
  },
  index: (row) => ({ incidentId: row.incidentId, at: row.at }),
};
