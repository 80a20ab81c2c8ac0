/**
 * Role boards: each incident's work is split into six phases, each a
 * board of tasks. A board starts from a scenario template chosen by incident type; the
 * template is plain data so a team can export it, adjust it to its own rules and import
 * it again (template-file.ts).
 */
import * as v from 'valibot';

/**
 * 方針指導, 封じ込め, 分析・追跡, 対策改善, 窓口・顧客対応, 公表 (004 §8-⑮). The order is the
 * order the boards are shown in. The same ids are the HQ roles in people/profile.ts, so a
 * member's roles say which boards are theirs.
 */
export const PHASES = ['direction', 'containment', 'analysis', 'countermeasures', 'counter', 'statement'] as const;
export type Phase = (typeof PHASES)[number];

export const TASK_STATUSES = ['todo', 'doing', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** English wording of a template task, field for field (checklist items in the same order). */
export const taskTranslationSchema = v.object({
  title: v.string(),
  notes: v.optional(v.string()),
  checklist: v.array(v.string()),
  source: v.string(),
});
export type TaskTranslation = v.InferOutput<typeof taskTranslationSchema>;

export const templateTaskSchema = v.object({
  /** Stable within its template (kebab-case): boards and later template versions refer to it. */
  key: v.string(),
  phase: v.picklist(PHASES),
  /** Short imperative phrase shown on the card. */
  title: v.string(),
  notes: v.optional(v.string()),
  /** Due time in hours after discovery; null when it depends on a decision made during the response. */
  dueAfterHours: v.nullable(v.number()),
  checklist: v.array(v.string()),
  /** Where the practice comes from, in plain words for the task dialog's help text. */
  source: v.string(),
  /** The same task in English. Built-in templates carry it for every field; a team's own may not. */
  en: v.optional(taskTranslationSchema),
});
export type TemplateTask = v.InferOutput<typeof templateTaskSchema>;

export const scenarioTemplateSchema = v.object({
  id: v.string(),
  /** Raised on every change, so a board can say which version it was started from. */
  version: v.number(),
  name: v.string(),
  description: v.string(),
  /** Shipped with the app. Imported or edited templates are never builtin. */
  builtin: v.boolean(),
  tasks: v.array(templateTaskSchema),
  /** Name and description in English (built-in templates always have them). */
  en: v.optional(v.object({ name: v.string(), description: v.string() })),
});
export type ScenarioTemplate = v.InferOutput<typeof scenarioTemplateSchema>;

export const SCENARIO_IDS = [
  'lost-device',
  'misdirected-email',
  'unauthorised-access',
  'public-exposure',
  'insider',
  'file-sharing',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}
