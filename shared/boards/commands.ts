/** Commands of the role boards: tasks, their checklists, and scenario templates. */
import { accept, refuse, unchanged, type CommandContext, type CommandResult } from '../events/command';
import type { NewTask, TaskFields } from './events';
import type { Phase, ScenarioTemplate } from './model';

/** A task added by hand: a title is all it needs. Value: the task id. */
export function addTask(ctx: CommandContext, _state: null, args: { incidentId: string; phase: Phase; title: string }): CommandResult<string> {
  if (args.title.trim() === '') return refuse([{ field: 'title', reason: 'required' }]);
  const task: NewTask = { id: ctx.newId(), phase: args.phase, title: args.title.trim(), owner: '', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' };
  return accept([{ type: 'boards.tasks-added', incidentId: args.incidentId, payload: { tasks: [task] } }], task.id);
}

export function changeTask(_ctx: CommandContext, _state: null, args: { incidentId: string; taskId: string; changes: Partial<TaskFields> }): CommandResult {
  if (Object.keys(args.changes).length === 0) return unchanged('task');
  return accept([{ type: 'boards.task-changed', incidentId: args.incidentId, payload: { taskId: args.taskId, changes: args.changes } }]);
}

export function toggleChecklistItem(_ctx: CommandContext, _state: null, args: { incidentId: string; taskId: string; index: number; done: boolean }): CommandResult {
  const { incidentId, ...payload } = args;
  return accept([{ type: 'boards.checklist-item-toggled', incidentId, payload }]);
}

/** A template edited or imported in the app: saved as the team's own (never builtin). */
export function saveTemplate(_ctx: CommandContext, _state: null, args: { template: ScenarioTemplate }): CommandResult {
  return accept([{ type: 'boards.template-saved', incidentId: null, payload: { template: { ...args.template, builtin: false } } }]);
}
