/**
 * Letter variants (文面) by segment (decision 028): which variant each customer gets, the
 * facts its letter quotes, and what blocks it. Pure: the screens and the batch read the
 * variants through `foldVariants` over the letters events and render each variant's letter
 * from the same notice and live facts as every other letter.
 */
import { DATA_ITEMS, type DataItem, type Facts } from '../incident/model';
import { DEFAULT_VARIANT_ID, type LetterVariant } from './events';

export interface VariantEventLike {
  type: string;
  payload: unknown;
}

/** The default before anyone edited it: the incident's own items, to the customer. */
export const BUILT_IN_DEFAULT: LetterVariant = { variantId: DEFAULT_VARIANT_ID, name: '', segments: [], items: null, addressee: 'customer' };

/**
 * The variants as they stand after these events (clock order): the default first, then the
 * others in the order they were first saved. Replayed the same way on every laptop.
 */
export function foldVariants(events: Iterable<VariantEventLike>): LetterVariant[] {
  const byId = new Map<string, LetterVariant>();
  for (const e of events) {
    if (e.type === 'letters.variant-saved') {
      const p = e.payload as LetterVariant;
      // A re-save keeps its place (Map keeps the first insertion): the order people see does not jump.
      byId.set(p.variantId, p.variantId === DEFAULT_VARIANT_ID ? { ...p, segments: [] } : p);
    } else if (e.type === 'letters.variant-removed') {
      const id = (e.payload as { variantId: string }).variantId;
      if (id !== DEFAULT_VARIANT_ID) byId.delete(id);
    }
  }
  const def = byId.get(DEFAULT_VARIANT_ID) ?? BUILT_IN_DEFAULT;
  byId.delete(DEFAULT_VARIANT_ID);
  return [def, ...byId.values()];
}

/**
 * A segment value as compared: NFKC (full-width ＡＢＣ and half-width ｶﾅ read as ABC and カナ),
 * spaces of any kind collapsed and trimmed, Latin letters in lower case. People type the same
 * service name both ways in lists made by hand.
 */
export function normalizeSegment(segment: string): string {
  return withoutInvisible(segment).normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** Without the characters nobody sees (zero-width space and joiners, soft hyphen, word joiner: Unicode's format characters). */
export const withoutInvisible = (text: string): string => text.replace(/\p{Cf}/gu, '');

/**
 * Segment → variant. A segment no variant names (or an empty one, unless a variant names the
 * empty value) gets the default. Two variants naming the same segment (saved on two laptops
 * at once): the one listed first wins, the same on every laptop.
 */
export function variantResolver(variants: readonly LetterVariant[]): (segment: string) => LetterVariant {
  const def = variants.find((v) => v.variantId === DEFAULT_VARIANT_ID) ?? BUILT_IN_DEFAULT;
  const bySegment = new Map<string, LetterVariant>();
  for (const v of variants) {
    if (v.variantId === DEFAULT_VARIANT_ID) continue;
    for (const s of v.segments) {
      const key = normalizeSegment(s);
      if (!bySegment.has(key)) bySegment.set(key, v);
    }
  }
  return (segment) => bySegment.get(normalizeSegment(segment)) ?? def;
}

/**
 * The words the unnamed default is printed and shown as (the dictionaries' `letters.defaultName`:
 * 標準 in the vendor's file and on the Japanese screens, Standard on the English ones). No other
 * variant may take them: the vendor picks a letter's body by that name.
 */
export const DEFAULT_VARIANT_WORDS = ['標準', 'Standard'] as const;

/** Two names people would read as one (全角 and 半角, case, spaces): compared as segments are. */
export const sameVariantName = (a: string, b: string): boolean => normalizeSegment(a) === normalizeSegment(b);

/** A variant's name as people read it: the default while unnamed is called by `defaultName` (標準). */
export function variantName(v: LetterVariant, defaultName: string): string {
  return v.name.trim() === '' ? defaultName : v.name;
}

/**
 * For the printing vendor's file (vendor16): the variant name each row needs. Built once
 * per export from the variants in force; `defaultName` is the screen's word for the unnamed default.
 */
export function variantOf(variants: readonly LetterVariant[], defaultName: string): (row: { segment: string }) => string {
  const resolve = variantResolver(variants);
  return (row) => variantName(resolve(row.segment), defaultName);
}

/** For the printing vendor's file: whom each row's letter addresses (the customer, or a child's guardian). */
export function addresseeOf(variants: readonly LetterVariant[]): (row: { segment: string }) => LetterVariant['addressee'] {
  const resolve = variantResolver(variants);
  return (row) => resolve(row.segment).addressee;
}

const inOrder = (items: Iterable<DataItem>) => {
  const set = new Set(items);
  return DATA_ITEMS.filter((i) => set.has(i));
};

/**
 * The facts a variant's letter quotes: the live facts, with what leaked for this segment's
 * customers. What did not leak is what the incident says did not, plus what leaked for
 * other segments only — true for these customers, and what they will want to know.
 * A variant on the incident's own items (null) quotes the facts unchanged.
 */
export function variantFacts(facts: Facts, variant: LetterVariant): Facts {
  if (variant.items === null) return facts;
  const leaked = inOrder(variant.items);
  const notLeaked = inOrder([...facts.itemsNotLeaked, ...facts.itemsLeaked].filter((i) => !leaked.includes(i)));
  return { ...facts, itemsLeaked: leaked, itemsNotLeaked: notLeaked };
}

export type VariantProblemCode = 'no-items' | 'item-not-confirmed' | 'item-said-not-leaked';

/** Why a variant's letter cannot be printed yet (besides the unknown facts the release gate finds in its text). */
export interface VariantProblem {
  code: VariantProblemCode;
  item?: DataItem;
}

/**
 * The blocking check of one variant against the incident's facts: a variant may only say an
 * item leaked when the facts say so (an item the facts do not confirm, or say did not leak,
 * would print a claim nobody established). Checked against the live facts, so a change of
 * facts blocks every variant it contradicts at once.
 */
export function checkVariant(variant: LetterVariant, facts: Facts): VariantProblem[] {
  if (variant.items === null) return [];
  if (variant.items.length === 0) return [{ code: 'no-items' }];
  const out: VariantProblem[] = [];
  for (const item of inOrder(variant.items)) {
    if (facts.itemsNotLeaked.includes(item)) out.push({ code: 'item-said-not-leaked', item });
    else if (!facts.itemsLeaked.includes(item)) out.push({ code: 'item-not-confirmed', item });
  }
  return out;
}

/** Rows grouped by the variant they get, variants in their listed order, rows in row order; empty groups left out. */
export function groupByVariant<R>(rows: Iterable<R>, segmentOf: (r: R) => string, variants: readonly LetterVariant[]): { variant: LetterVariant; rows: R[] }[] {
  const list = variants.some((v) => v.variantId === DEFAULT_VARIANT_ID) ? variants : [BUILT_IN_DEFAULT, ...variants];
  const resolve = variantResolver(list);
  const groups = new Map<string, R[]>(list.map((v) => [v.variantId, []]));
  for (const r of rows) groups.get(resolve(segmentOf(r)).variantId)!.push(r);
  return list.map((variant) => ({ variant, rows: groups.get(variant.variantId)! })).filter((g) => g.rows.length > 0);
}
