/**
 * The incidents of the workspace (newest discovery first) and the open incident's reports,
 * decisions and fact edits, each kept current from change notices.
 */
import { useMemo } from 'react';
import { intakeDuplicates } from '../../../shared/incident/duplicates';
import { byIncidentTime } from '../../../shared/incident/history';
import type { Incident } from '../../../shared/incident/model';
import type { RoleBook } from '../../../shared/roles/book';
import { useUnreadable } from '../data/unreadable';
import { useIsMember, useRoles } from '../roles/roles-store';
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const incidentList = liveRows(tables.incidents, { kind: 'all' }, (a, b) => byIncidentTime(b, a));
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
  const unreadable = useUnreadable((s) => s.places);
  return useMemo(() => (book && me ? rows.filter((i) => book.isMember(me, i.id) || filedUnread(book, me, unreadable, i)) : []), [rows, book, me, version, unreadable]);
}

/**
 * Whether the person filed an incident whose first report cannot be opened now (altered on
 * disk: decision 040): the role book never saw it, so it made nobody direction there. The
 * incident stays in its filer's list and opens for them (marked, data/unreadable.ts) rather
 * than vanishing; what they may write there is still judged by the book.
 */
export function filedUnread(book: RoleBook, me: string, unreadable: ReadonlySet<string>, i: Incident): boolean {
  return i.createdBy === me && unreadable.has(i.id) && !book.knows(i.id);
}

/** useIsMember, and the filer of an incident whose first report cannot be opened (filedUnread): null while the book is read. */
export function useMayOpenIncident(incidentId: string | null): boolean | null {
  const member = useIsMember(incidentId);
  const { book, me } = useRoles();
  const row = incidentList.use((s) => (incidentId === null ? undefined : s.rows.find((i) => i.id === incidentId)));
  const unreadable = useUnreadable((s) => s.places);
  if (member !== false || !book || !me || !row) return member;
  return filedUnread(book, me, unreadable, row);
}

/** Incidents filed twice from one intake report (two laptops offline): duplicate id → the one every laptop keeps. */
export function useIntakeDuplicates(): ReadonlyMap<string, string> {
  const rows = incidentList.use((s) => s.rows);
  return useMemo(() => intakeDuplicates(rows), [rows]);
}
