/**
 * The letters part's events: letter variants (文面) per segment of the customer lists
 * (decision 028). A variant is saved whole (last save wins, in clock order) so two laptops
 * editing it converge on the same variant; the fold lives in variants.ts.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf } from '../events/event';
import { DATA_ITEMS } from '../incident/model';

/** The variant every customer gets whose segment no other variant names: always there. */
export const DEFAULT_VARIANT_ID = 'default';

export const ADDRESSEES = ['customer', 'guardian'] as const;
export type Addressee = (typeof ADDRESSEES)[number];

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const letterVariantSchema = v.object({
  variantId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  /** What the team calls it (標準, 生年月日を含む, 保護者様あて). Empty for the default while unnamed. */
  name: text(100),
  /** Segment values of the lists this variant is for, as written in the list (matched after normalising). */
  segments: v.pipe(v.array(text(200)), v.maxLength(500)),
  /** The data items that leaked for these customers; null: the incident's own (the default's usual setting). */
  items: v.nullable(v.pipe(v.array(v.picklist(DATA_ITEMS)), v.maxLength(DATA_ITEMS.length))),
  /** Who the letter is addressed to: the customer, or the guardian of a child's data. */
  addressee: v.picklist(ADDRESSEES),
});
export type LetterVariant = v.InferOutput<typeof letterVariantSchema>;

export const letterEvents = {
  /** A variant added or edited: the whole variant as it is now. */
  'letters.variant-saved': letterVariantSchema,
  /** A variant removed: its customers get the default variant's letter again. */
  'letters.variant-removed': v.object({ variantId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) }),
} as const;

export type LetterEvent = EventOf<typeof letterEvents>;
export const isLetterEvent = eventGuard(letterEvents);
