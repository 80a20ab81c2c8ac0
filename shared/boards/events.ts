/**
 * The boards part's events: type → payload schema; payload types are inferred from them.
 * Folds live in tasks.ts and templates.ts.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';
import { PHASES, TASK_STATUSES, scenarioTemplateSchema } from './model';

export const taskFieldsSchema = v.object({
  phase: v.picklist(PHASES),
  title: v.string(),
  owner: v.string(),
  dueAt: v.nullable(v.string()),
  status: v.picklist(TASK_STATUSES),
  notes: v.string(),
});

export const newTaskSchema = v.object({
  ...taskFieldsSchema.entries,
  id: v.string(),
  checklist: v.array(v.string()),
  source: v.string(),
  /** The template task it came from, so rules can recognise it (a legal deadline follows its clock). */
  templateKey: v.optional(v.string()),
  /**
   * English for a task's Japanese words: Japanese text → English text. Keyed by the text it
   * translates, so a title someone edits simply has no translation and shows as typed.
   */
  en: v.optional(v.record(v.string(), v.string())),
});

export const boardsEvents = {
  'boards.tasks-added': v.object({
    tasks: v.array(newTaskSchema),
    /** Added from a scenario template to an incident under way (scenario-tasks.ts): which one, for the timeline. */
    template: v.optional(v.object({ id: v.string(), version: v.number(), name: v.string(), nameEn: v.optional(v.string()) })),
  }),
  'boards.task-changed': v.object({ taskId: v.string(), changes: v.partial(taskFieldsSchema) }),
  'boards.checklist-item-toggled': v.object({ taskId: v.string(), index: v.pipe(v.number(), v.integer(), v.minValue(0)), done: v.boolean() }),
  /** A scenario template edited or imported in the app: a workspace event. */
  'boards.template-saved': v.object({ template: scenarioTemplateSchema }),
} as const;

type Schemas = typeof boardsEvents;
export type BoardsEvent = EventOf<Schemas>;
export type TaskFields = v.InferOutput<typeof taskFieldsSchema>;
export type NewTask = v.InferOutput<typeof newTaskSchema>;
export type TasksAddedPayload = PayloadIn<Schemas, 'boards.tasks-added'>;
export type TemplateSavedPayload = PayloadIn<Schemas, 'boards.template-saved'>;

export const isBoardsEvent = eventGuard(boardsEvents);
