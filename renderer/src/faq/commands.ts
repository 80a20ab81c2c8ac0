/** FAQ and enquiry commands: shared/faq validates and builds the event, this appends it. */
import type { EventDraft } from '../../../shared/events/event';
import type { CommandProblem, CommandResult } from '../../../shared/faq/commands';
import type { EventStore } from '../data/event-store';

export class FaqCommandError extends Error {
  constructor(readonly problems: CommandProblem[]) {
    super(`faq: ${problems.map((p) => `${p.field} ${p.reason}`).join(', ')}`);
  }
}

/** Appends the events of one or more command results together, or throws their problems. */
export async function run(store: EventStore, ...results: CommandResult<string, unknown>[]): Promise<void> {
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  if (problems.length > 0) throw new FaqCommandError(problems);
  await store.append(results.map((r) => (r as { event: EventDraft }).event));
}
