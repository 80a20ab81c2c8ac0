/**
 * The boards part's events: type → payload schema; payload types are inferred from them.
 * Folds live in tasks.ts and templates.ts.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';
import { PHASES, TASK_STATUSES, scenarioTemplateSchema } from './model';
import { TEMPLATE_LIMITS } from './template-file';

/**
 * A due time as the app writes it: an ISO 8601 date and time with its zone, in ASCII digits
 * (`Date.prototype.toISOString`, years past 9999 as ±YYYYYY), that is a real instant. Words
 * ("明日の朝"), full-width digits, era years or '' are no time: shown as "later" they would
 * never be overdue, and no reminder would come. Every version of the app wrote
 * `toISOString()` or null here, so no stored event of its own is refused.
 */
const ISO_INSTANT = /^(?:\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
export function isIsoInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** A due time, or null for none (to clear it). */
export const dueAtSchema = v.nullable(v.pipe(v.string(), v.check(isIsoInstant, 'not an ISO date and time with its zone (YYYY-MM-DDTHH:mm:ssZ)')));

/**
 * The last checklist index a tick may name: no checklist the app makes is longer than a
 * template's limit (template files and the template screen have checked it from the start).
 */
export const MAX_CHECKLIST_INDEX = TEMPLATE_LIMITS.maxChecklistItems - 1;

export const taskFieldsSchema = v.object({
  phase: v.picklist(PHASES),
  title: v.string(),
  owner: v.string(),
  dueAt: dueAtSchema,
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
  'boards.checklist-item-toggled': v.object({ taskId: v.string(), index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_CHECKLIST_INDEX)), done: v.boolean() }),
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
