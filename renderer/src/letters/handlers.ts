/** The letters part's commands as dispatch handlers: letter variants by segment (decision 028). */
import * as letters from '../../../shared/letters/commands';
import type { LetterVariant } from '../../../shared/letters/events';
import { foldVariants } from '../../../shared/letters/variants';
import type { EventStore } from '../data/event-store';
import type { Handler } from '../data/handler';

export type LettersHandlers = {
  'letters.save-variant': Handler<letters.SaveVariantArgs, { variantId: string }>;
  'letters.remove-variant': Handler<{ incidentId: string; variantId: string }>;
};

const TYPES = ['letters.variant-saved', 'letters.variant-removed'];

/** An incident's variants as they stand: a fold over its few variant events (never over the customer lists). */
export async function readVariants(store: EventStore, incidentId: string): Promise<LetterVariant[]> {
  return foldVariants(await store.readEvents(incidentId, TYPES));
}

export const lettersHandlers: LettersHandlers = {
  'letters.save-variant': async (h, args) => h.run(letters.saveVariant(h.ctx, await readVariants(h.store, args.incidentId), args)),
  'letters.remove-variant': async (h, args) => h.run(letters.removeVariant(h.ctx, await readVariants(h.store, args.incidentId), args)),
};
