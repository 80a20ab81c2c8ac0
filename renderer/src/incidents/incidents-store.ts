/**
 * The incidents of the workspace (newest discovery first) and the open incident's reports,
 * decisions and fact edits, each kept current from change notices.
 */
import { useMemo } from 'react';
import { intakeDuplicates } from '../../../shared/incident/duplicates';
import type { Incident } from '../../../shared/incident/model';
import { useRoles } from '../roles/roles-store';
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const incidentList = liveRows(tables.incidents, { kind: 'all' }, (a, b) =>
  (b.facts.discoveredAt ?? b.createdAt).localeCompare(a.facts.discoveredAt ?? a.createdAt),
);
export const reports = liveRows(tables.reports, { kind: 'where', index: 'incidentId' }, (a, b) => a.number - b.number);
export const decisions = liveRows(tables.decisions, { kind: 'where', index: 'incidentId' }, (a, b) => b.at.localeCompare(a.at));
export const factEdits = liveRows(tables.factEdits, { kind: 'where', index: 'incidentId' });

/**
 * The incidents the person using this laptop is a member of (decision 016), drills too:
 * every screen that lists incidents reads this, so none shows one they are not in. Empty
 * while the role book is being read.
 */
export function useIncidentList(): Incident[] {
  const rows = incidentList.use((s) => s.rows);
  const { book, me, version } = useRoles();
  return useMemo(() => (book && me ? rows.filter((i) => book.isMember(me, i.id)) : []), [rows, book, me, version]);
}

/** Incidents filed twice from one intake report (two laptops offline): duplicate id → the one every laptop keeps. */
export function useIntakeDuplicates(): ReadonlyMap<string, string> {
  const rows = incidentList.use((s) => s.rows);
  return useMemo(() => intakeDuplicates(rows), [rows]);
}
