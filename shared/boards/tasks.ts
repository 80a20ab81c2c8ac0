/**
 * Tasks on the role boards (DOMAIN.md part 2). A scenario template becomes tasks in one
 * event when the incident is created, so replaying never depends on today's template.
 * Every field is last-writer-wins by clock, checklist items each on their own.
 */
import type { HonbuEvent } from '../events/event';
import type { ProjectionSpec, Stamped } from '../events/projection';
import { MAX_CHECKLIST_INDEX, isBoardsEvent, isIsoInstant, type BoardsEvent, type NewTask, type TaskFields } from './events';
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
/** `newId` is handed the template task, so an id may be derived from its key (`scenarioTaskId`). */
/**
 * A template task's due time from the discovery: none when there is no discovery time, no due
 * hours, or hours no date can hold (a forged template's 1e10 or -1e12 must not stop a first
 * report being filed: the task is added without a due time).
 */
function dueAfter(base: number, hours: number | null): string | null {
  if (hours === null || !Number.isFinite(base) || !Number.isFinite(hours)) return null;
  const at = new Date(base + hours * 3_600_000);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function tasksFromTemplate(template: ScenarioTemplate, discoveredAt: string, newId: (t: TemplateTask) => string): NewTask[] {
  const base = new Date(discoveredAt).getTime();
  return template.tasks.map((t) => ({
    id: newId(t),
    phase: t.phase,
    title: t.title,
    owner: '',
    dueAt: dueAfter(base, t.dueAfterHours),
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

/** The addition that defines a task: the earliest by clock (then event id), whatever the order. */
export interface TaskDefinition {
  at: string;
  eventId: string;
  actor: string;
  incidentId: string;
  task: Omit<NewTask, 'id'>;
}

/**
 * The changes and ticks one incident's events made to a task, merged last-writer-wins by
 * clock (so in any order), kept apart from the addition: only the task's own incident's are
 * shown, and an earlier addition arriving later is laid under them again.
 */
export interface HeldChanges {
  fields: Partial<TaskFields>;
  /** Field name → clock of the change that set it. */
  stamps: Record<string, string>;
  /** Field name → who made that change. */
  by: Record<string, string>;
  /** Checklist index → the latest tick. */
  ticks: Record<string, { done: boolean; at: string; by: string }>;
}

/** The fold's own record, beside the fields a task shows (rows folded before 068 have none). */
interface TaskRecord {
  definition?: TaskDefinition | null;
  held?: Record<string, HeldChanges>;
}

type TaskRow = Task & TaskRecord;

const FIELD_NAMES = ['phase', 'title', 'owner', 'dueAt', 'status', 'notes'] as const;

/**
 * A task's id when it comes from a template's task added to an incident under way: the
 * incident and the template key, so two laptops adding the same scenario offline add the
 * same task, which the earliest addition defines (decision 068).
 */
export function scenarioTaskId(incidentId: string, templateKey: string): string {
  return `scenario/${incidentId}/${templateKey}`;
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
    // A task belongs to the incident of its addition: a change or a tick filed under another
    // incident (judged by the role book by that label) is held but never shown. A change
    // may arrive before its task (merged from another laptop); the addition, the earliest
    // by clock, defines the task and its incident, and the changes of that incident are laid
    // over it last-writer-wins — so every order ends in the same row.
    const prev = row ? recordOf(row as TaskRow) : { definition: null, held: {} };
    let { definition, held } = prev;
    const incident = e.incidentId ?? '';
    if (e.type === 'boards.tasks-added') {
      const added = e.payload.tasks.find((x) => x.id === key)!;
      if (!fitsIncident(key, incident)) return row ?? null;
      const { id: _id, ...task } = added;
      const candidate: TaskDefinition = { at: e.at, eventId: e.id, actor: e.actor, incidentId: incident, task };
      if (definition && !earlier(candidate, definition)) return row ?? null;
      definition = candidate;
    } else {
      const mine = held[incident] ?? { fields: {}, stamps: {}, by: {}, ticks: {} };
      let next: HeldChanges;
      if (e.type === 'boards.task-changed') {
        const fields: Record<string, unknown> = { ...mine.fields };
        const stamps = { ...mine.stamps };
        const by = { ...mine.by };
        for (const name of FIELD_NAMES) {
          const value = (e.payload.changes as Record<string, unknown>)[name];
          if (value === undefined || !fieldFits(name, value)) continue;
          const before = stamps[name];
          if (before === undefined || before < e.at) {
            fields[name] = value;
            stamps[name] = e.at;
            by[name] = e.actor;
          }
        }
        next = { ...mine, fields: fields as Partial<TaskFields>, stamps, by };
      } else {
        const { index, done } = e.payload;
        // No checklist is longer than the limit: a tick past it names nothing, and is not kept.
        if (!Number.isInteger(index) || index < 0 || index > MAX_CHECKLIST_INDEX) return row ?? null;
        const before = mine.ticks[index];
        next = before !== undefined && before.at >= e.at ? mine : { ...mine, ticks: { ...mine.ticks, [index]: { done, at: e.at, by: e.actor } } };
      }
      held = { ...held, [incident]: next };
    }
    return shown(key, definition, held);
  },
  index: (row) => ({ incidentId: row.incidentId, status: row.status }),
};

/** The earlier of two additions of one task: by clock, then by event id. */
function earlier(a: TaskDefinition, b: TaskDefinition): boolean {
  return a.at < b.at || (a.at === b.at && a.eventId < b.eventId);
}

/** A scenario task's id names its incident: an addition under another incident is not it. */
function fitsIncident(taskId: string, incidentId: string): boolean {
  return !taskId.startsWith('scenario/') || taskId.startsWith(`scenario/${incidentId}/`);
}

/** A value a change may set: a due time that is no time (an event stored before 068) is left out. */
function fieldFits(name: string, value: unknown): boolean {
  if (name === 'dueAt') return value === null || (typeof value === 'string' && isIsoInstant(value));
  return true;
}

/** The task as shown: its addition, with its own incident's changes and ticks laid over it. */
function shown(id: string, definition: TaskDefinition | null, held: Record<string, HeldChanges>): TaskRow {
  if (!definition) {
    // Nothing added yet: a held row on no incident's board, until its addition arrives.
    const writes = Object.values(held).flatMap(writesOf);
    const none = { at: '', by: '' };
    const first = writes.reduce((a, b) => (b.at < a.at ? b : a), writes[0] ?? none);
    const last = writes.reduce(later, writes[0] ?? none);
    return {
      id,
      incidentId: '',
      phase: 'direction',
      title: '',
      owner: '',
      dueAt: null,
      status: 'todo',
      notes: '',
      checklist: [],
      source: '',
      createdAt: first.at,
      updatedAt: last.at,
      updatedBy: last.by,
      stamps: {},
      definition: null,
      held,
    };
  }
  const { task } = definition;
  const own = held[definition.incidentId];
  const stamps: Record<string, string> = { created: definition.at };
  const fields: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    const changed = own?.stamps[name];
    const value = name === 'dueAt' && task.dueAt !== null && !isIsoInstant(task.dueAt) ? null : task[name];
    if (changed !== undefined && changed > definition.at) {
      fields[name] = own!.fields[name];
      stamps[name] = changed;
    } else {
      fields[name] = value;
      stamps[name] = definition.at;
    }
  }
  const checklist = task.checklist.map((text, i) => {
    const tick = own?.ticks[i];
    if (tick === undefined) return { text, done: false };
    stamps[`checklist.${i}`] = tick.at;
    return { text, done: tick.done };
  });
  // Last changed: the latest write that shows (a tick of an item the task does not have, or a
  // change another change overwrote, is not one).
  let last = { at: definition.at, by: definition.actor };
  for (const name of FIELD_NAMES) if (stamps[name] !== definition.at && own) last = later(last, { at: own.stamps[name]!, by: own.by[name]! });
  task.checklist.forEach((_, i) => {
    const tick = own?.ticks[i];
    if (tick) last = later(last, tick);
  });
  return {
    id,
    incidentId: definition.incidentId,
    ...(fields as unknown as TaskFields),
    checklist,
    source: task.source,
    ...(task.templateKey !== undefined ? { templateKey: task.templateKey } : {}),
    ...(task.en ? { en: { ...task.en } } : {}),
    createdAt: definition.at,
    updatedAt: last.at,
    updatedBy: last.by,
    stamps,
    definition,
    held,
  };
}

function writesOf(h: HeldChanges): { at: string; by: string }[] {
  return [...Object.keys(h.stamps).map((name) => ({ at: h.stamps[name]!, by: h.by[name] ?? '' })), ...Object.values(h.ticks)];
}

function later(a: { at: string; by: string }, b: { at: string; by: string }): { at: string; by: string } {
  return b.at > a.at || (b.at === a.at && b.by > a.by) ? b : a;
}

/**
 * The fold's record of a row. A row folded before 068 has none: its fields are read as its
 * addition, and the fields its stamps say were changed later as its own incident's changes
 * (a refold from the events gives the exact record).
 */
function recordOf(row: TaskRow): { definition: TaskDefinition | null; held: Record<string, HeldChanges> } {
  if (row.held !== undefined && row.definition !== undefined) return { definition: row.definition, held: row.held };
  const created = row.stamps.created;
  const fields: Record<string, unknown> = {};
  const stamps: Record<string, string> = {};
  const by: Record<string, string> = {};
  const ticks: Record<string, { done: boolean; at: string; by: string }> = {};
  for (const name of FIELD_NAMES) {
    const at = row.stamps[name];
    if (at !== undefined && (created === undefined || at > created)) {
      fields[name] = row[name];
      stamps[name] = at;
      by[name] = at === row.updatedAt ? row.updatedBy : '';
    }
  }
  row.checklist.forEach((item, i) => {
    const at = row.stamps[`checklist.${i}`];
    if (at !== undefined && i <= MAX_CHECKLIST_INDEX) ticks[i] = { done: item.done, at, by: at === row.updatedAt ? row.updatedBy : '' };
  });
  const held: Record<string, HeldChanges> =
    Object.keys(stamps).length > 0 || Object.keys(ticks).length > 0 || created === undefined
      ? { [row.incidentId]: { fields: fields as Partial<TaskFields>, stamps, by, ticks } }
      : {};
  if (created === undefined) return { definition: null, held };
  const { id: _id, incidentId, checklist, source, templateKey, en, createdAt: _c, updatedAt: _u, updatedBy: _b, stamps: _s, ...shownFields } = row;
  const task: Omit<NewTask, 'id'> = {
    phase: shownFields.phase,
    title: shownFields.title,
    owner: shownFields.owner,
    dueAt: shownFields.dueAt,
    status: shownFields.status,
    notes: shownFields.notes,
    checklist: checklist.map((c) => c.text),
    source,
    ...(templateKey !== undefined ? { templateKey } : {}),
    ...(en ? { en } : {}),
  };
  return { definition: { at: created, eventId: '', actor: row.updatedAt === created ? row.updatedBy : '', incidentId, task }, held };
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
