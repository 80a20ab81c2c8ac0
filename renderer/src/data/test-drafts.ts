/** For data-layer tests: drafts of the board's events, the commonest events an incident holds, and an incident's first report. */
import { BUILTIN_TEMPLATES } from '../../../shared/boards/scenarios';
import type { AnyDraft } from '../../../shared/events/registry';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import type { ArgsOf } from './dispatch';

/** One task added to `incidentId`'s containment board. */
export const taskDraft = (id: string, incidentId: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId,
  payload: { tasks: [{ id, phase: 'containment', title: `作業 ${id}`, owner: '山田 太郎', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});

/** The task's notes changed (the `i`th time). */
export const taskChangeDraft = (taskId: string, i: number, incidentId: string): AnyDraft => ({ type: 'boards.task-changed', incidentId, payload: { taskId, changes: { notes: `メモ ${i}` } } });

/** The first report of an unauthorised-access incident (10 customers' names), as the filing screen sends it. */
export const firstReportArgs = (): ArgsOf<'incident.file-first-report'> => ({
  title: '会員サイトへの不正アクセス',
  kind: 'personal-data',
  scenario: 'unauthorised-access',
  drill: false,
  report: { ...EMPTY_REPORT, discoveredAt: '2026-11-20T00:00:00.000Z', reporter: '山田', itemsLeaked: ['name'], confirmedCount: 10 },
  template: BUILTIN_TEMPLATES[0],
});
