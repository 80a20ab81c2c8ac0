/** For data-layer tests: drafts of the board's events, the commonest events an incident holds. */
import type { AnyDraft } from '../../../shared/events/registry';

/** One task added to `incidentId`'s containment board. */
export const taskDraft = (id: string, incidentId: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId,
  payload: { tasks: [{ id, phase: 'containment', title: `作業 ${id}`, owner: '山田 太郎', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});

/** The task's notes changed (the `i`th time). */
export const taskChangeDraft = (taskId: string, i: number, incidentId: string): AnyDraft => ({ type: 'boards.task-changed', incidentId, payload: { taskId, changes: { notes: `メモ ${i}` } } });
