/**
 * A scenario's tasks added to an incident already under way, when the scenario turns out
 * different (a lost laptop that turns out to be unauthorised access). The tasks every leak
 * needs are in every template under the same keys: those already on the board are left out,
 * so the legal duties and the HQ are not there twice. Due times count from the moment the
 * tasks are added, not from discovery: the team learns only now that they are needed, and a
 * board of cards overdue by days the moment they arrive tells nobody what to do first. The
 * legal clocks do not depend on this — they run from awareness in the disclosure part.
 * Each added task's id is the incident and its template key (decision 068): two laptops
 * adding the same scenario offline add the same tasks, not each a copy.
 */
import { tasksFromTemplate, type NewTask, type Task } from './tasks';
import type { ScenarioTemplate, TemplateTask } from './model';

export interface ScenarioTasksPlan {
  /** The tasks to add, in the template's order, due from `now`. */
  add: NewTask[];
  /** Template tasks left out because a task from the same template key is on the board. */
  already: TemplateTask[];
}

/** `newId` makes each added task's id from its template task (`scenarioTaskId` in the command). */
export function planScenarioTasks(template: ScenarioTemplate, onBoard: readonly Pick<Task, 'templateKey'>[], now: number, newId: (t: TemplateTask) => string): ScenarioTasksPlan {
  const keys = new Set(onBoard.map((t) => t.templateKey).filter((k): k is string => typeof k === 'string'));
  const fresh = template.tasks.filter((t) => !keys.has(t.key));
  const already = template.tasks.filter((t) => keys.has(t.key));
  const add = tasksFromTemplate({ ...template, tasks: fresh }, new Date(now).toISOString(), newId);
  return { add, already };
}
