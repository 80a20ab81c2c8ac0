/**
 * Role boards: each incident's work is split into six phases, each a
 * board of tasks. A board starts from a scenario template chosen by incident type; the
 * template is plain data so a team can export it, adjust it to its own rules and import
 * it again (template-file.ts).
 */

/**
 * 方針指導, 封じ込め, 分析・追跡, 対策改善, 窓口・顧客対応, 公表 (004 §8-⑮). The order is the
 * order the boards are shown in. The same ids are the HQ roles in people/profile.ts, so a
 * member's roles say which boards are theirs.
 */
export const PHASES = ['direction', 'containment', 'analysis', 'countermeasures', 'counter', 'statement'] as const;
export type Phase = (typeof PHASES)[number];

export const TASK_STATUSES = ['todo', 'doing', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TemplateTask {
  /** Stable within its template (kebab-case): boards and later template versions refer to it. */
  key: string;
  phase: Phase;
  /** Short imperative phrase shown on the card. */
  title: string;
  notes?: string;
  /** Due time in hours after discovery; null when it depends on a decision made during the response. */
  dueAfterHours: number | null;
  checklist: string[];
  /** Where the practice comes from, in plain words for the task dialog's help text. */
  source: string;
  /** The same task in English. Built-in templates carry it for every field; a team's own may not. */
  en?: TaskTranslation;
}

/** English wording of a template task, field for field (checklist items in the same order). */
export interface TaskTranslation {
  title: string;
  notes?: string;
  checklist: string[];
  source: string;
}

export interface ScenarioTemplate {
  id: string;
  /** Raised on every change, so a board can say which version it was started from. */
  version: number;
  name: string;
  description: string;
  /** Shipped with the app. Imported or edited templates are never builtin. */
  builtin: boolean;
  tasks: TemplateTask[];
  /** Name and description in English (built-in templates always have them). */
  en?: { name: string; description: string };
}

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
