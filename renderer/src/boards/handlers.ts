/** The boards' commands as dispatch handlers. */
import * as commands from '../../../shared/boards/commands';
import type { TaskFields } from '../../../shared/boards/events';
import type { Phase, ScenarioTemplate } from '../../../shared/boards/model';
import { rowOrRefuse, type Handler } from '../data/handler';
import { tables } from '../data/tables';

export type BoardsHandlers = {
  /** Value: the new task's id. */
  'boards.add-task': Handler<{ incidentId: string; phase: Phase; title: string }, string>;
  'boards.change-task': Handler<{ incidentId: string; taskId: string; changes: Partial<TaskFields> }>;
  'boards.toggle-checklist-item': Handler<{ incidentId: string; taskId: string; index: number; done: boolean }>;
  'boards.save-template': Handler<{ template: ScenarioTemplate }>;
  /** A scenario's tasks added to an incident under way. Value: how many were added. */
  'boards.add-scenario-tasks': Handler<{ incidentId: string; template: ScenarioTemplate; changeScenario: boolean }, number>;
};

/**
 * Adding a scenario's tasks reads the board and then appends; two at once (a double click)
 * would both read a board without the other's tasks. They run one after another here, so
 * the second reads the first's tasks once they are stored and is told there is nothing new.
 * (Across laptops the task ids, made from the incident and the template key, make the same
 * tasks one: decision 068.)
 */
let addingScenario: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const turn = addingScenario.then(work, work);
  addingScenario = turn.catch(() => undefined);
  return turn;
}

export const boardsHandlers: BoardsHandlers = {
  'boards.add-task': (h, args) => h.run(commands.addTask(h.ctx, null, args)),
  'boards.change-task': (h, args) => h.run(commands.changeTask(h.ctx, null, args)),
  'boards.toggle-checklist-item': (h, args) => h.run(commands.toggleChecklistItem(h.ctx, null, args)),
  'boards.save-template': (h, args) => h.run(commands.saveTemplate(h.ctx, null, args)),
  'boards.add-scenario-tasks': (h, { incidentId, ...args }) =>
    oneAtATime(async () => {
      // Read at the moment of adding, after any addition of this laptop before it has landed:
      // a task a colleague added from the same template meanwhile is not added twice.
      const incident = await rowOrRefuse(h.store, tables.incidents, incidentId, 'incident');
      const tasks = await h.store.table(tables.tasks).where('incidentId', incidentId);
      return h.run(commands.addScenarioTasks(h.ctx, { incident, tasks }, args));
    }),
};
