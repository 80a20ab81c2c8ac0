/**
 * What a command handler gets and the one way it writes: run a pure command's result —
 * append its events, or throw CommandRefused with its problems (nothing appended).
 * Handlers live in each part (renderer/src/<part>/handlers.ts); views reach them only
 * through dispatch (dispatch.ts).
 */
import type { CommandContext, CommandResult, Problem } from '../../../shared/events/command';
import type { EventStore } from './event-store';

/** The person asked for something the rules do not allow: show the problems, nothing was written. */
export class CommandRefused extends Error {
  constructor(readonly problems: Problem[]) {
    super(`command refused: ${problems.map((p) => `${p.field} ${p.reason}`).join(', ') || 'nothing to change'}`);
    this.name = 'CommandRefused';
  }
}

export interface HandlerContext {
  /** Ids, time and who asks, for the pure command. */
  ctx: CommandContext;
  /** For reads of the state a command checks against (projection rows). */
  store: EventStore;
  /** Appends the command's events in one go and returns its value, or throws CommandRefused. */
  run<V>(result: CommandResult<V>): Promise<V>;
}

export function handlerContext(store: EventStore, ctx: CommandContext): HandlerContext {
  return {
    ctx,
    store,
    async run(result) {
      if (!result.ok) throw new CommandRefused(result.problems);
      await store.append(result.events);
      return result.value;
    },
  };
}

/** A handler: reads what its command needs, runs it, returns its value. */
export type Handler<A, V = void> = (h: HandlerContext, args: A) => Promise<V>;

/** A row the command needs that is not there (deleted meanwhile, another laptop's id): refused, not a crash. */
export async function rowOrRefuse<T extends { id: string }>(store: EventStore, table: string, id: string, field: string): Promise<T> {
  const row = await store.readRow<T>(table, id);
  if (!row) throw new CommandRefused([{ field, reason: 'not-found' }]);
  return row;
}
