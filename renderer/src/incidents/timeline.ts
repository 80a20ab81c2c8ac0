/**
 * The timeline: every event of the incident as a line a person can read, with the phase
 * it belongs to (tasks and decisions carry one), for the view and its exports.
 */
import type { Phase } from '../../../shared/boards/model';
import type { NewTask, Task, TaskFields } from '../../../shared/boards/tasks';
import type { HonbuEvent } from '../../../shared/events/event';
import { factChanges } from '../../../shared/incident/events';
import type { Facts } from '../../../shared/incident/model';
import { markdownTable } from '../../../shared/export/markdown';
import { toCsv } from '../../../shared/export/csv';
import type { useT } from '../i18n/i18n';
import { formatDateTime, hlcIso } from '../ui/format';
import { factText } from './FactList';
import { overrideSummary } from '../outgoing/labels';
import { disclosureSummary } from '../disclosure/timeline-summary';

type T = ReturnType<typeof useT>;

export interface TimelineEntry {
  id: string;
  at: string;
  actor: string;
  type: string;
  phase: Phase | null;
  summary: string;
}

/** Event type → its label key (dictionary keys cannot hold the dot of an event type). */
const TYPE_KEYS: Record<string, keyof T['dict']['timeline']['types']> = {
  'incident.first-reported': 'firstReported',
  'incident.report-filed': 'reportFiled',
  'incident.facts-changed': 'factsChanged',
  'incident.details-changed': 'detailsChanged',
  'boards.tasks-added': 'tasksAdded',
  'boards.task-changed': 'taskChanged',
  'boards.checklist-item-toggled': 'checklist',
  'decision.recorded': 'decision',
  'outgoing.override-recorded': 'outgoingOverride',
};

export function typeLabel(t: T, type: string): string {
  return t(`timeline.types.${TYPE_KEYS[type] ?? 'other'}`);
}


/** "確定件数 → 1,200, 漏えいしていない項目 → クレジットカード情報": what an event did to the facts. */
function describeFacts(t: T, changes: Partial<Facts>): string {
  return Object.entries(changes)
    .filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${t(`facts.${k as keyof Facts}`)} → ${factText(t, k as keyof Facts, v)}`)
    .join(', ');
}

function taskChanges(t: T, changes: Partial<TaskFields>): string {
  return Object.entries(changes)
    .map(([k, v]) => {
      if (k === 'status') return `${t('board.status')} → ${t(`statuses.${v as TaskFields['status']}`)}`;
      if (k === 'dueAt') return `${t('board.due')} → ${formatDateTime(v as string | null, t.lang)}`;
      if (k === 'owner') return `${t('board.owner')} → ${v || t('board.unassigned')}`;
      if (k === 'notes') return `${t('board.notes')} → ${String(v)}`;
      return `${k} → ${String(v)}`;
    })
    .join(', ');
}

export function toEntries(t: T, events: HonbuEvent[], tasks: Task[], actorName: (id: string) => string): TimelineEntry[] {
  const titles = new Map<string, { title: string; phase: Phase }>(tasks.map((x) => [x.id, { title: x.title, phase: x.phase }]));
  return events.map((e) => {
    const p = e.payload as Record<string, unknown>;
    let summary = '';
    let phase: Phase | null = null;
    switch (e.type) {
      case 'incident.first-reported':
        summary = `${t('timeline.summaries.firstReported', { title: String(p.title) })} — ${describeFacts(t, factChanges(e))}`;
        break;
      case 'incident.report-filed':
        summary = `${t('timeline.summaries.reportFiled', { n: Number(p.number) })} — ${describeFacts(t, factChanges(e))}`;
        break;
      case 'incident.facts-changed':
        summary = t('timeline.summaries.factsChanged', { changes: describeFacts(t, factChanges(e)) });
        break;
      case 'incident.details-changed':
        summary = t('timeline.summaries.detailsChanged', { fields: Object.keys(p.changes as object).join(', ') });
        break;
      case 'boards.tasks-added': {
        const added = p.tasks as NewTask[];
        phase = added.length === 1 ? added[0]!.phase : null;
        summary = added.length === 1 ? added[0]!.title : t('timeline.summaries.tasksAdded', { n: added.length });
        break;
      }
      case 'boards.task-changed': {
        const task = titles.get(String(p.taskId));
        phase = task?.phase ?? null;
        summary = t('timeline.summaries.taskChanged', { title: task?.title ?? '?', changes: taskChanges(t, p.changes as Partial<TaskFields>) });
        break;
      }
      case 'boards.checklist-item-toggled': {
        const task = titles.get(String(p.taskId));
        phase = task?.phase ?? null;
        summary = t('timeline.summaries.checklist', {
          title: task?.title ?? '?',
          n: Number(p.index) + 1,
          state: p.done ? t('timeline.summaries.checked') : t('timeline.summaries.unchecked'),
        });
        break;
      }
      case 'decision.recorded':
        phase = p.phase as Phase;
        summary = t('timeline.summaries.decision', { what: String(p.what), by: String(p.decidedBy), why: String(p.why || '—') });
        break;
      case 'outgoing.override-recorded':
        phase = 'direction';
        summary = overrideSummary(t, e.payload);
        break;
      default: {
        const d = disclosureSummary(t, e, actorName);
        summary = d?.summary ?? e.type;
        phase = d?.phase ?? null;
      }
    }
    return { id: e.id, at: hlcIso(e.at), actor: actorName(e.actor), type: e.type, phase, summary };
  });
}

function exportRows(t: T, entries: TimelineEntry[]): string[][] {
  return entries.map((x) => [formatDateTime(x.at, t.lang), x.actor, typeLabel(t, x.type), x.phase ? t(`roles.${x.phase}`) : '', x.summary]);
}

function exportHeader(t: T): string[] {
  const c = t.dict.timeline.columns;
  return [c.at, c.actor, c.type, c.phase, c.summary];
}

export function timelineMarkdown(t: T, title: string, entries: TimelineEntry[]): string {
  return `# ${title} — ${t('timeline.title')}\n\n${markdownTable(exportHeader(t), exportRows(t, entries))}\n`;
}

export function timelineCsv(t: T, entries: TimelineEntry[]): string {
  return toCsv(exportHeader(t), exportRows(t, entries));
}
