/**
 * The executives' page across every open incident: each incident's rows read from its own
 * projection tables (the same rows its screens read) and summed up by the same pure summary.
 * Top questions are left out here (grouping every incident's log would take too long for a
 * row each); the incident's own page has them.
 */
import { incidentClocks, withLegalDues } from '../../../shared/disclosure/effective';
import { execSummary, type ExecSummary, type ReachInput } from '../../../shared/exec/summary';
import type { Incident } from '../../../shared/incident/model';
import type { EventStore } from '../data/event-store';
import { tables } from '../data/tables';
import { ESCALATION_TYPES } from '../../../shared/faq/escalation-events';

/** Open: not completed. Drills count too (they are marked). */
export function openIncidents(list: readonly Incident[]): Incident[] {
  return list.filter((i) => i.completedAt === null);
}

export async function readAcross(
  store: EventStore,
  incidents: readonly Incident[],
  now: number,
  reach: (incidentId: string) => Promise<ReachInput[]>,
  signal?: AbortSignal,
): Promise<ExecSummary[]> {
  const out: ExecSummary[] = [];
  for (const incident of openIncidents(incidents)) {
    if (signal?.aborted) break;
    const [taskRows, decisions, statements, enquiries, disclosure, lists, escalationEvents] = await Promise.all([
      store.table(tables.tasks).where('incidentId', incident.id),
      store.table(tables.decisions).where('incidentId', incident.id),
      store.table(tables.statements).where('incidentId', incident.id),
      store.table(tables.enquiries).where('incidentId', incident.id),
      store.table(tables.disclosure).get(incident.id),
      reach(incident.id),
      store.readEvents(incident.id, [...ESCALATION_TYPES]),
    ]);
    // A legal duty's task is due when its clock says, as on the incident's own screens (open-incident).
    const tasks = withLegalDues(taskRows, incidentClocks(incident, disclosure ?? null, now));
    out.push(execSummary({ incident, disclosure: disclosure ?? null, tasks, decisions, statements, enquiries, escalationEvents, groups: [], reach: lists, now }));
  }
  return out;
}

