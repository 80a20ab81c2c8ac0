/**
 * Commands of the directory part. The list and the call trees are the workspace's (no
 * incident); only direction may change them (shared/roles/table.ts). Marks on an
 * incident's calling checklist are everyday work of its members.
 */
import { accept, refuse, unchanged, type CommandContext, type CommandResult } from '../events/command';
import type { AnyDraft } from '../events/registry';
import type { CallOutcome, CallTreeFields, DirectoryPerson, DirectoryPersonFields } from './model';
import type { PersonRow, TreeRow } from './projections';
import { isLive } from './projections';
import { checkPerson, checkTree, cleanPerson } from './validate';

export interface DirectoryState {
  people: readonly PersonRow[];
  trees: readonly TreeRow[];
}

const liveIds = (rows: readonly { id: string; removedAt?: string; updatedAt: string }[]) => new Set(rows.filter(isLive).map((r) => r.id));

const same = (row: DirectoryPerson, b: DirectoryPersonFields) => JSON.stringify(cleanPerson(fieldsOf(row))) === JSON.stringify(cleanPerson(b));

/** Adds (no id) or changes a person. Value: the person's id. */
export function savePerson(ctx: CommandContext, state: DirectoryState, args: { personId?: string; person: DirectoryPersonFields }): CommandResult<string> {
  const id = args.personId ?? ctx.newId();
  const person = cleanPerson(args.person);
  const problems = checkPerson(person, id, liveIds(state.people));
  if (problems.length > 0) return refuse(problems);
  const current = state.people.find((p) => p.id === id && isLive(p));
  if (current && same(current, person)) return unchanged('person');
  return accept([{ type: 'directory.person-saved', incidentId: null, payload: { personId: id, person } }], id);
}

/**
 * Removes a person. Whoever named them as deputy loses the deputy (their record is saved
 * without it, so the list never points at nobody); call trees keep the id and planFor
 * leaves the person out, and the tree editor says so.
 */
export function removePerson(_ctx: CommandContext, state: DirectoryState, args: { personId: string }): CommandResult {
  const person = state.people.find((p) => p.id === args.personId && isLive(p));
  if (!person) return refuse([{ field: 'person', reason: 'not-found' }]);
  const events: AnyDraft[] = [{ type: 'directory.person-removed', incidentId: null, payload: { personId: person.id } }];
  for (const p of state.people.filter(isLive)) {
    if (p.deputyId === person.id) events.push({ type: 'directory.person-saved', incidentId: null, payload: { personId: p.id, person: { ...fieldsOf(p), deputyId: null } } });
  }
  return accept(events);
}

function fieldsOf(p: DirectoryPerson): DirectoryPersonFields {
  const { name, organisation, title, category, phones, emails, chat, deputyId, hours } = p;
  return { name, organisation, title, category, phones, emails, chat, deputyId, hours };
}

/** The rows of a checked CSV file (directory-csv.ts), in one append: all of them or none. Value: how many were new and changed. */
export function importPeople(
  _ctx: CommandContext,
  state: DirectoryState,
  args: { people: readonly { id: string; fields: DirectoryPersonFields }[] },
): CommandResult<{ added: number; changed: number }> {
  const known = new Set([...liveIds(state.people), ...args.people.map((p) => p.id)]);
  const problems = args.people.flatMap((p, i) => checkPerson(cleanPerson(p.fields), p.id, known).map((x) => ({ ...x, params: { ...x.params, row: i + 1 } })));
  if (problems.length > 0) return refuse(problems);
  let added = 0;
  let changed = 0;
  const events: AnyDraft[] = [];
  for (const p of args.people) {
    const current = state.people.find((x) => x.id === p.id && isLive(x));
    if (current && same(current, p.fields)) continue;
    if (current) changed++;
    else added++;
    events.push({ type: 'directory.person-saved', incidentId: null, payload: { personId: p.id, person: cleanPerson(p.fields) } });
  }
  if (events.length === 0) return unchanged('file');
  return accept(events, { added, changed });
}

/** Adds (no id) or changes a call tree. Value: its id. */
export function saveTree(ctx: CommandContext, state: DirectoryState, args: { treeId?: string; tree: CallTreeFields }): CommandResult<string> {
  const id = args.treeId ?? ctx.newId();
  const tree: CallTreeFields = {
    name: args.tree.name.trim(),
    scenario: args.tree.scenario || null,
    severity: args.tree.severity,
    steps: args.tree.steps.map((s) => ({ personIds: [...new Set(s.personIds)], waitMinutes: s.waitMinutes })),
  };
  // People removed since the tree was opened may stay in it (planFor leaves them out), but none may be added.
  const current = state.trees.find((t) => t.id === id && isLive(t));
  const known = new Set([...liveIds(state.people), ...(current?.steps.flatMap((s) => s.personIds) ?? [])]);
  const problems = checkTree(tree, known);
  if (problems.length > 0) return refuse(problems);
  return accept([{ type: 'directory.tree-saved', incidentId: null, payload: { treeId: id, tree } }], id);
}

export function removeTree(_ctx: CommandContext, state: DirectoryState, args: { treeId: string }): CommandResult {
  if (!state.trees.some((t) => t.id === args.treeId && isLive(t))) return refuse([{ field: 'tree', reason: 'not-found' }]);
  return accept([{ type: 'directory.tree-removed', incidentId: null, payload: { treeId: args.treeId } }]);
}

/** One mark on the incident's calling checklist (who and when are the event's own). */
export function markCall(_ctx: CommandContext, state: DirectoryState, args: { incidentId: string; personId: string; outcome: CallOutcome }): CommandResult {
  if (!state.people.some((p) => p.id === args.personId)) return refuse([{ field: 'person', reason: 'not-found' }]);
  return accept([{ type: 'directory.call-marked', incidentId: args.incidentId, payload: { personId: args.personId, outcome: args.outcome } }]);
}
