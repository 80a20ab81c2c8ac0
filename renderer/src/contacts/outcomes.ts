/**
 * Results back in bulk, as the screens and tests reach them: previewing a list
 * (result-lists.ts), the applied lists and their undo (applied.ts, handlers.ts), and the
 * proofs that the projection is a fold of the events (fold-check.ts, rebuild.ts).
 */
import type { AnyEvent } from '../../../shared/events/registry';
import type { ContactReader } from './contact-data';
import { engineContext, undoList as undoListHandler } from './handlers';
import { CommandRefused } from '../data/handler';

export { planOutcomes, resolveMany, type OutcomeItem, type OutcomePlan } from './result-lists';
export { checkFold } from './fold-check';
export { rebuildStatuses } from './rebuild';
export { loadAppliedLists } from './applied';

/** Undoes an applied list outside dispatch (tests): refused once a later change touched its customers. */
export async function undoList(r: ContactReader, datasetId: string, eventId: string): Promise<AnyEvent> {
  try {
    return (await undoListHandler(engineContext(r.data.store), r, { datasetId, eventId })).events[0]!;
  } catch (e) {
    if (e instanceof CommandRefused) throw new Error('contacts: this list is no longer the latest change to its customers');
    throw e;
  }
}
