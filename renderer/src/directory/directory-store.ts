/** The emergency contact list, its call trees (workspace-wide) and the open incident's calling checklist, kept current from change notices. */
import { useMemo } from 'react';
import type { CallCheck, CallTree, DirectoryPerson } from '../../../shared/directory/model';
import { isLive } from '../../../shared/directory/projections';
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'ja');

export const directoryPeople = liveRows(tables.directoryPeople, { kind: 'all' });
export const callTrees = liveRows(tables.callTrees, { kind: 'all' });
/** Scoped to the incident whose checklist is on show (focused by the checklist panel). */
export const callChecks = liveRows(tables.callChecks, { kind: 'where', index: 'incidentId' });

/** The people of the list (removed ones left out), by name. */
export function useDirectory(): DirectoryPerson[] {
  const rows = directoryPeople.use((s) => s.rows);
  return useMemo(() => rows.filter(isLive).sort(byName), [rows]);
}

export function useCallTrees(): CallTree[] {
  const rows = callTrees.use((s) => s.rows);
  return useMemo(() => rows.filter(isLive).sort(byName), [rows]);
}

export function useCallChecks(incidentId: string): CallCheck[] | null {
  return callChecks.use((s) => (s.ready && s.key === incidentId ? s.rows : null));
}

export const DIRECTORY_STORES = [directoryPeople, callTrees, callChecks];
