/** Appends direction's overrides: shared/outgoing validates and builds the events, this appends them. */
import type { EventDraft } from '../../../shared/events/event';
import type { OverrideProblem, OverrideResult } from '../../../shared/outgoing/overrides';
import type { EventStore } from '../data/event-store';

export class OverrideError extends Error {
  constructor(readonly problems: OverrideProblem[]) {
    super(`outgoing: ${problems.map((p) => `${p.field} ${p.reason}`).join(', ')}`);
  }
}

/**
 * One append for every document's override and the decision that goes with it, so the
 * timeline and the decisions list show the same act (or neither does).
 */
export async function recordOverrides(store: EventStore, results: OverrideResult[], decisions: EventDraft[]): Promise<void> {
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  if (problems.length > 0) throw new OverrideError(problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.reason === p.reason) === i));
  await store.append([...results.map((r) => (r as { event: EventDraft }).event), ...decisions]);
}
