/**
 * Tasks on the role boards (DOMAIN.md part 2). A scenario template becomes tasks in one
 * event when the incident is created, so replaying never depends on today's template.
 * Every field is last-writer-wins by clock, checklist items each on their own.
 */
import type { HonbuEvent } from '../events/event';
import { mergeLww, type ProjectionSpec, type Stamped } from '../events/projection';
import { isBoardsEvent, type BoardsEvent, type NewTask, type TaskFields } from './events';
import type { ScenarioTemplate, TemplateTask } from './model';

export type { NewTask, TaskFields } from './events';

export interface ChecklistItem {
  text: string;
  done: boolean;
}

/**
 * English for a task's Japanese words: Japanese text → English text. Keyed by the text it
 * translates, so a title someone edits (in any order, on any laptop) simply has no
 * translation and shows as typed, while the rest still reads in English.
 */
export type TaskEnglish = Record<string, string>;

export interface Task extends TaskFields, Stamped {
  id: string;
  incidentId: string;
  checklist: ChecklistItem[];
  source: string;
  templateKey?: string;
  en?: TaskEnglish;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

type TaskEvent = Exclude<BoardsEvent, { type: 'boards.template-saved' }>;

function isTaskEvent(e: HonbuEvent): e is TaskEvent {
  return isBoardsEvent(e) && e.type !== 'boards.template-saved';
}

/** Tasks for a new incident from its scenario template, due relative to discovery. */
export function tasksFromTemplate(template: ScenarioTemplate, discoveredAt: string, newId: () => string): NewTask[] {
  const base = new Date(discoveredAt).getTime();
  return template.tasks.map((t) => ({
    id: newId(),
    phase: t.phase,
    title: t.title,
    owner: '',
    dueAt: t.dueAfterHours === null || Number.isNaN(base) ? null : new Date(base + t.dueAfterHours * 3_600_000).toISOString(),
    status: 'todo',
    notes: t.notes ?? '',
    checklist: [...t.checklist],
    source: t.source,
    templateKey: t.key,
    ...(t.en ? { en: englishOf(t) } : {}),
  }));
}

/** The pairs a template task's English gives: title, notes, each checklist item, source. */
export function englishOf(t: TemplateTask): TaskEnglish {
  const en = t.en;
  if (!en) return {};
  const pairs: [string, string | undefined][] = [
    [t.title, en.title],
    [t.notes ?? '', en.notes],
    [t.source, en.source],
    ...t.checklist.map((item, i): [string, string | undefined] => [item, en.checklist[i]]),
  ];
  return Object.fromEntries(pairs.filter((p): p is [string, string] => p[0] !== '' && typeof p[1] === 'string' && p[1] !== ''));
}

/** A task's words in a language: the English for text that has it, the text as typed otherwise. */
export function taskText(task: Pick<Task, 'en'>, text: string, lang: 'ja' | 'en', fallback?: (text: string) => string | undefined): string {
  if (lang !== 'en' || text === '') return text;
  return task.en?.[text] ?? fallback?.(text) ?? text;
}

export const tasksProjection: ProjectionSpec<Task> = {
  table: 'tasks',
  keys(e) {
    if (!isTaskEvent(e)) return [];
    if (e.type === 'boards.tasks-added') return e.payload.tasks.map((t) => t.id);
    return [e.payload.taskId];
  },
  reduce(row, e, key) {
    if (!isTaskEvent(e)) return row ?? null;
    // A change may arrive before its task (merged from another laptop): every field is
    // last-writer-wins, so creation is just the oldest write and order does not matter.
    const base = row ?? placeholder(key, e);
    let next: Task;
    if (e.type === 'boards.tasks-added') {
      const { checklist, id: _id, en, ...fields } = e.payload.tasks.find((x) => x.id === key)!;
      next = mergeLww(base, fields, e.at);
      // The same task added twice (two laptops): the earliest addition defines it.
      const created = base.stamps.created;
      if (created === undefined || e.at < created) {
        next = {
          ...next,
          createdAt: e.at,
          checklist: checklist.map((text, i) => ({ text, done: base.checklist[i]?.done ?? false })),
          ...(en ? { en: { ...en } } : {}),
          stamps: { ...next.stamps, created: e.at },
        };
      }
    } else if (e.type === 'boards.task-changed') {
      next = mergeLww(base, e.payload.changes, e.at);
    } else {
      const { index, done } = e.payload;
      const stampKey = `checklist.${index}`;
      if (base.stamps[stampKey] !== undefined && base.stamps[stampKey]! >= e.at) return base;
      const checklist = [...base.checklist];
      while (checklist.length <= index) checklist.push({ text: '', done: false });
      checklist[index] = { ...checklist[index]!, done };
      next = { ...base, checklist, stamps: { ...base.stamps, [stampKey]: e.at } };
    }
    if (!row || e.at >= row.updatedAt) next = { ...next, updatedAt: e.at, updatedBy: e.actor };
    return next;
  },
  index: (row) => ({ incidentId: row.incidentId, status: row.status }),
};
function placeholder(id: string, e: HonbuEvent): Task {
  return {
    id,
    incidentId: e.incidentId!,
    phase: 'direction',
    title: '',
    owner: '',
    dueAt: null,
    status: 'todo',
    notes: '',
    checklist: [],
    source: '',
    createdAt: e.at,
    updatedAt: e.at,
    updatedBy: e.actor,
    stamps: {},
  };
}

export type DueState = 'done' | 'overdue' | 'due-soon' | 'later' | 'no-due';

/** Where a task stands against its due time; "soon" is the next `soonMs` (default 2 h). */
export function dueState(task: Pick<Task, 'status' | 'dueAt'>, now: number, soonMs = 2 * 3_600_000): DueState {
  if (task.status === 'done') return 'done';
  if (task.dueAt === null) return 'no-due';
  const due = new Date(task.dueAt).getTime();
  if (due <= now) return 'overdue';
  return due - now <= soonMs ? 'due-soon' : 'later';
}

/** Tasks that fell due in (since, now]: each is announced once, when its time comes. */
export function newlyDue<T extends Pick<Task, 'status' | 'dueAt'>>(tasks: T[], since: number, now: number): T[] {
  return tasks.filter((task) => {
    if (task.status === 'done' || task.dueAt === null) return false;
    const due = new Date(task.dueAt).getTime();
    return due > since && due <= now;
  });
}
