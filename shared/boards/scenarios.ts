/**
 * The scenario templates shipped with the app, one per incident type, in SCENARIO_IDS
 * order. Each lives in scenarios/<id>.ts; the tasks every leak needs are in
 * scenarios/common.ts.
 */
import type { ScenarioTemplate } from './model';
import { englishOf } from './tasks';
import { FILE_SHARING } from './scenarios/file-sharing';
import { INSIDER } from './scenarios/insider';
import { LOST_DEVICE } from './scenarios/lost-device';
import { MISDIRECTED_EMAIL } from './scenarios/misdirected-email';
import { PUBLIC_EXPOSURE } from './scenarios/public-exposure';
import { UNAUTHORISED_ACCESS } from './scenarios/unauthorised-access';

// Frozen because every board started from a builtin reads the same objects: a board that
// edited its copy in place would silently change the template for every later incident.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const BUILTIN_TEMPLATES: ScenarioTemplate[] = deepFreeze([
  LOST_DEVICE,
  MISDIRECTED_EMAIL,
  UNAUTHORISED_ACCESS,
  PUBLIC_EXPOSURE,
  INSIDER,
  FILE_SHARING,
]);

export function builtinTemplate(id: string): ScenarioTemplate | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.id === id);
}

/**
 * English for every built-in Japanese text (task words and sources): tasks on boards
 * started before templates carried English still read in English.
 */
export const BUILTIN_ENGLISH: ReadonlyMap<string, string> = new Map(BUILTIN_TEMPLATES.flatMap((t) => t.tasks.flatMap((task) => Object.entries(englishOf(task)))));

/** A template's name and description in a language (its own words when it has no English). */
export function templateWords(t: Pick<ScenarioTemplate, 'name' | 'description' | 'en'>, lang: 'ja' | 'en'): { name: string; description: string } {
  return lang === 'en' && t.en ? t.en : { name: t.name, description: t.description };
}
