/**
 * The folds of the directory part: the contact list, the call trees (one row each, the
 * whole record last-writer-wins by clock) and each incident's calling checklist. A removal
 * is kept as a mark with its clock, so a save from another laptop stamped before it cannot
 * bring the person back when it arrives later; a save stamped after it does.
 */
import type { ProjectionSpec } from '../events/projection';
import { isDirectoryEvent } from './events';
import type { CallCheck, CallTree, DirectoryPerson } from './model';

export type PersonRow = DirectoryPerson & { removedAt?: string };
export type TreeRow = CallTree & { removedAt?: string };

/** A row whose last word is a save (not a removal). */
export function isLive(row: { removedAt?: string; updatedAt: string }): boolean {
  return row.removedAt === undefined || row.removedAt < row.updatedAt;
}

export const directoryPeopleProjection: ProjectionSpec<PersonRow> = {
  table: 'directory-people',
  types: ['directory.person-saved', 'directory.person-removed'],
  keys: (e) => (isDirectoryEvent(e) && (e.type === 'directory.person-saved' || e.type === 'directory.person-removed') ? [e.payload.personId] : []),
  reduce(row, e, key) {
    if (!isDirectoryEvent(e)) return row ?? null;
    if (e.type === 'directory.person-removed') {
      if (!row) return { id: key, name: '', organisation: '', title: '', category: 'other', phones: [], emails: [], chat: '', deputyId: null, hours: '', updatedAt: '', updatedBy: e.actor, removedAt: e.at };
      return row.removedAt && row.removedAt > e.at ? row : { ...row, removedAt: e.at };
    }
    if (e.type !== 'directory.person-saved') return row ?? null;
    if (row && row.updatedAt > e.at) return row;
    return { ...e.payload.person, id: key, updatedAt: e.at, updatedBy: e.actor, ...(row?.removedAt ? { removedAt: row.removedAt } : {}) };
  },
  index: () => ({}),
};

export const callTreesProjection: ProjectionSpec<TreeRow> = {
  table: 'call-trees',
  types: ['directory.tree-saved', 'directory.tree-removed'],
  keys: (e) => (isDirectoryEvent(e) && (e.type === 'directory.tree-saved' || e.type === 'directory.tree-removed') ? [e.payload.treeId] : []),
  reduce(row, e, key) {
    if (!isDirectoryEvent(e)) return row ?? null;
    if (e.type === 'directory.tree-removed') {
      if (!row) return { id: key, name: '', scenario: null, severity: null, steps: [], updatedAt: '', updatedBy: e.actor, removedAt: e.at };
      return row.removedAt && row.removedAt > e.at ? row : { ...row, removedAt: e.at };
    }
    if (e.type !== 'directory.tree-saved') return row ?? null;
    if (row && row.updatedAt > e.at) return row;
    return { ...e.payload.tree, id: key, updatedAt: e.at, updatedBy: e.actor, ...(row?.removedAt ? { removedAt: row.removedAt } : {}) };
  },
  index: () => ({}),
};

export const callChecksProjection: ProjectionSpec<CallCheck> = {
  table: 'call-checks',
  types: ['directory.call-marked'],
  keys: (e) => (isDirectoryEvent(e) && e.type === 'directory.call-marked' && e.incidentId ? [`${e.incidentId}:${e.payload.personId}`] : []),
  reduce(row, e, key) {
    if (!isDirectoryEvent(e) || e.type !== 'directory.call-marked' || !e.incidentId) return row ?? null;
    const mark = { outcome: e.payload.outcome, at: e.at, by: e.actor };
    const marks = [...(row?.marks ?? []), mark].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const last = marks[marks.length - 1]!;
    return { id: key, incidentId: e.incidentId, personId: e.payload.personId, outcome: last.outcome, at: last.at, by: last.by, marks };
  },
  index: (row) => ({ incidentId: row.incidentId }),
};
