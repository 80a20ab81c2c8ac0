/**
 * What a command handler gets and the one way it writes: run a pure command's result —
 * append its events, or throw CommandRefused with its problems (nothing appended).
 * Handlers live in each part (renderer/src/<part>/handlers.ts); views reach them only
 * through dispatch (dispatch.ts).
 */
import type { CommandContext, CommandResult } from '../../../shared/events/command';
import type { AnyEvent } from '../../../shared/events/registry';
import type { EventStore } from './event-store';
import type { TableRef } from './tables';

import { CommandRefused } from './store-contract';

export { CommandRefused } from './store-contract';

export interface HandlerContext {
  /** Ids, time and who asks, for the pure command. */
  ctx: CommandContext;
  /** For reads of the state a command checks against (projection rows). */
  store: EventStore;
  /** Appends the command's events in one go and returns its value, or throws CommandRefused. */
  run<V>(result: CommandResult<V>): Promise<V>;
  /** The same, returning the events as stored too (their ids, for an undo offered right after). */
  commit<V>(result: CommandResult<V>): Promise<{ value: V; events: AnyEvent[] }>;
}

export function handlerContext(store: EventStore, ctx: CommandContext): HandlerContext {
  const commit = async <V>(result: CommandResult<V>) => {
    if (!result.ok) throw new CommandRefused(result.problems);
    return { value: result.value, events: await store.append(result.events) };
  };
  return {
    ctx,
    store,
    commit,
    async run(result) {
      return (await commit(result)).value;
    },
  };
}

/** A handler: reads what its command needs, runs it, returns its value. */
export type Handler<A, V = void> = (h: HandlerContext, args: A) => Promise<V>;

/** A row the command needs that is not there (deleted meanwhile, another laptop's id): refused, not a crash. */
export async function rowOrRefuse<T extends { id: string }>(store: EventStore, table: TableRef<T>, id: string, field: string): Promise<T> {
  const row = await store.table(table).get(id);
  if (!row) throw new CommandRefused([{ field, reason: 'not-found' }]);
  return row;
}
