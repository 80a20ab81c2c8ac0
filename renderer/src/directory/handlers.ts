/** The directory part's commands as dispatch handlers: the emergency contact list, call trees, the calling checklist. */
import * as directory from '../../../shared/directory/commands';
import type { CallOutcome, CallTreeFields, DirectoryPersonFields } from '../../../shared/directory/model';
import type { Handler, HandlerContext } from '../data/handler';
import { tables } from '../data/tables';

export type DirectoryHandlers = {
  'directory.save-person': Handler<{ personId?: string; person: DirectoryPersonFields }, string>;
  'directory.remove-person': Handler<{ personId: string }>;
  'directory.import-people': Handler<{ people: readonly { id: string; fields: DirectoryPersonFields }[] }, { added: number; changed: number }>;
  'directory.save-tree': Handler<{ treeId?: string; tree: CallTreeFields }, string>;
  'directory.remove-tree': Handler<{ treeId: string }>;
  'directory.mark-call': Handler<{ incidentId: string; personId: string; outcome: CallOutcome }>;
};

async function state(h: HandlerContext): Promise<directory.DirectoryState> {
  const [people, trees] = await Promise.all([h.store.table(tables.directoryPeople).all(), h.store.table(tables.callTrees).all()]);
  return { people, trees };
}

export const directoryHandlers: DirectoryHandlers = {
  'directory.save-person': async (h, args) => h.run(directory.savePerson(h.ctx, await state(h), args)),
  'directory.remove-person': async (h, args) => h.run(directory.removePerson(h.ctx, await state(h), args)),
  'directory.import-people': async (h, args) => h.run(directory.importPeople(h.ctx, await state(h), args)),
  'directory.save-tree': async (h, args) => h.run(directory.saveTree(h.ctx, await state(h), args)),
  'directory.remove-tree': async (h, args) => h.run(directory.removeTree(h.ctx, await state(h), args)),
  'directory.mark-call': async (h, args) => h.run(directory.markCall(h.ctx, await state(h), args)),
};
