/**
 * The incidents of the workspace (newest discovery first) and the open incident's reports,
 * decisions and fact edits, each kept current from change notices.
 */
import type { Incident } from '../../../shared/incident/model';
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const incidentList = liveRows(tables.incidents, { kind: 'all' }, (a, b) =>
  (b.facts.discoveredAt ?? b.createdAt).localeCompare(a.facts.discoveredAt ?? a.createdAt),
);
export const reports = liveRows(tables.reports, { kind: 'where', index: 'incidentId' }, (a, b) => a.number - b.number);
export const decisions = liveRows(tables.decisions, { kind: 'where', index: 'incidentId' }, (a, b) => b.at.localeCompare(a.at));
export const factEdits = liveRows(tables.factEdits, { kind: 'where', index: 'incidentId' });

export function useIncidentList(): Incident[] {
  return incidentList.use((s) => s.rows);
}
