/** Disclosure commands: shared/disclosure/commands.ts validates and builds the events, this appends them. */
import type { Problem, Result } from '../../../shared/disclosure/commands';
import type { EventStore } from '../data/event-store';

/**
 * Appends a command's events (all in one append, so they land together) and returns no
 * problems, or returns its problems and appends nothing. "Unchanged" is not a problem to
 * show: there was simply nothing to record.
 */
export async function run(store: EventStore, result: Result): Promise<Problem[]> {
  if (!result.ok) return result.problems.filter((p) => p.reason !== 'unchanged');
  await store.append(result.events);
  return [];
}
