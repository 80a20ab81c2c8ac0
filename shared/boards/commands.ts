/** Commands of the role boards: tasks, their checklists, and scenario templates. */
import { accept, refuse, unchanged, type CommandContext, type CommandResult } from '../events/command';
import { MAX_CHECKLIST_INDEX, isIsoInstant, type NewTask, type TaskFields } from './events';
import type { Phase, ScenarioTemplate } from './model';
import { planScenarioTasks } from './scenario-tasks';
import { scenarioTaskId, type Task } from './tasks';

/**
 * Whether a title shows nothing: only spaces (ASCII, ideographic, no-break) and characters
 * that draw nothing on their own — format characters such as zero-width spaces and joiners,
 * the word joiner, a BOM, direction marks (\p{Cf}), variation selectors, Hangul fillers and
 * the blank Braille pattern. A card with such a title is an empty card.
 */
export function isBlankTitle(title: string): boolean {
  return /^[\s\p{Cf}\uFE00-\uFE0F\u115F\u1160\u3164\uFFA0\u2800]*$/u.test(title);
}

/** A task added by hand: a title is all it needs. Value: the task id. */
export function addTask(ctx: CommandContext, _state: null, args: { incidentId: string; phase: Phase; title: string }): CommandResult<string> {
  if (isBlankTitle(args.title)) return refuse([{ field: 'title', reason: 'required' }]);
  const task: NewTask = { id: ctx.newId(), phase: args.phase, title: args.title.trim(), owner: '', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' };
  return accept([{ type: 'boards.tasks-added', incidentId: args.incidentId, payload: { tasks: [task] } }], task.id);
}

export function changeTask(_ctx: CommandContext, _state: null, args: { incidentId: string; taskId: string; changes: Partial<TaskFields> }): CommandResult {
  if (Object.keys(args.changes).length === 0) return unchanged('task');
  const { dueAt, title } = args.changes;
  if (dueAt !== undefined && dueAt !== null && !isIsoInstant(dueAt)) return refuse([{ field: 'dueAt', reason: 'invalid' }]);
  if (title !== undefined && isBlankTitle(title)) return refuse([{ field: 'title', reason: 'required' }]);
  return accept([{ type: 'boards.task-changed', incidentId: args.incidentId, payload: { taskId: args.taskId, changes: args.changes } }]);
}

export function toggleChecklistItem(_ctx: CommandContext, _state: null, args: { incidentId: string; taskId: string; index: number; done: boolean }): CommandResult {
  if (!Number.isInteger(args.index) || args.index < 0 || args.index > MAX_CHECKLIST_INDEX) return refuse([{ field: 'index', reason: 'invalid' }]);
  const { incidentId, ...payload } = args;
  return accept([{ type: 'boards.checklist-item-toggled', incidentId, payload }]);
}

/** A template edited or imported in the app: saved as the team's own (never builtin). */
export function saveTemplate(_ctx: CommandContext, _state: null, args: { template: ScenarioTemplate }): CommandResult {
  return accept([{ type: 'boards.template-saved', incidentId: null, payload: { template: { ...args.template, builtin: false } } }]);
}

/** What adding a scenario's tasks needs to know of the incident. */
export interface ScenarioTasksState {
  incident: { id: string; scenario: string; completedAt: string | null };
  tasks: readonly Pick<Task, 'templateKey'>[];
}

/**
 * A scenario's tasks added to an incident under way; with `changeScenario`, the incident's
 * scenario becomes the template's too (it decides which points the regulator report weighs
 * and which call tree fits). Value: how many tasks were added.
 */
export function addScenarioTasks(ctx: CommandContext, state: ScenarioTasksState, args: { template: ScenarioTemplate; changeScenario: boolean }): CommandResult<number> {
  const { incident } = state;
  if (incident.completedAt !== null) return refuse([{ field: 'incident', reason: 'closed' }]);
  const { template } = args;
  const plan = planScenarioTasks(template, state.tasks, ctx.now, (t) => scenarioTaskId(incident.id, t.key));
  const scenarioChanges = args.changeScenario && template.id !== incident.scenario;
  if (plan.add.length === 0 && !scenarioChanges) return refuse([{ field: 'template', reason: 'nothing-new' }]);
  const from = { id: template.id, version: template.version, name: template.name, ...(template.en ? { nameEn: template.en.name } : {}) };
  return accept(
    [
      ...(plan.add.length > 0 ? [{ type: 'boards.tasks-added' as const, incidentId: incident.id, payload: { tasks: plan.add, template: from } }] : []),
      ...(scenarioChanges ? [{ type: 'incident.details-changed' as const, incidentId: incident.id, payload: { changes: { scenario: template.id } } }] : []),
    ],
    plan.add.length,
  );
}
