/**
 * Commands of the roles part: direction gives and takes roles, in the workspace or in one
 * incident. The book judges the change exactly as every laptop will judge the event.
 */
import { accept, refuse, type CommandContext, type CommandResult } from '../events/command';
import type { RoleBook } from './book';
import { ROLE_ASSIGNED, ROLE_REMOVED } from './events';
import type { AccessRole } from './model';

export interface RoleArgs {
  personId: string;
  role: AccessRole;
  /** null: the whole workspace. */
  incidentId: string | null;
}

function change(ctx: CommandContext, book: RoleBook, type: typeof ROLE_ASSIGNED | typeof ROLE_REMOVED, args: RoleArgs): CommandResult {
  const holds = book.holdings().some((h) => h.personId === args.personId && h.incidentId === args.incidentId && h.roles.includes(args.role));
  if (holds === (type === ROLE_ASSIGNED)) return refuse([{ field: 'role', reason: 'unchanged' }]);
  const draft = { type, incidentId: args.incidentId, payload: { personId: args.personId, role: args.role } };
  // Judged as of now: after every role event this laptop has.
  const refusal = book.judge({ ...draft, id: ctx.newId(), at: '\uffff', actor: ctx.actor.personId }, ctx.actor.personId);
  if (refusal?.why === 'last-direction') return refuse([{ field: 'role', reason: 'last-direction' }]);
  if (refusal) return refuse([{ field: 'role', reason: 'role-required', params: { roles: refusal.needs.join(','), kind: type } }]);
  return accept([draft]);
}

export function assignRole(ctx: CommandContext, book: RoleBook, args: RoleArgs): CommandResult {
  return change(ctx, book, ROLE_ASSIGNED, args);
}

export function removeRole(ctx: CommandContext, book: RoleBook, args: RoleArgs): CommandResult {
  return change(ctx, book, ROLE_REMOVED, args);
}
