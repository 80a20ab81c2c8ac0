/** Commands of the letters part: adding, editing and removing letter variants (decision 028). */
import { accept, refuse, unchanged, type CommandContext, type CommandResult, type Problem } from '../events/command';
import { DEFAULT_VARIANT_ID, type Addressee, type LetterVariant } from './events';
import type { DataItem } from '../incident/model';
import { DEFAULT_VARIANT_WORDS, normalizeSegment, sameVariantName, withoutInvisible } from './variants';

export interface SaveVariantArgs {
  incidentId: string;
  /** Absent: a new variant. */
  variantId?: string;
  name: string;
  segments: string[];
  items: DataItem[] | null;
  addressee: Addressee;
}

const same = (a: LetterVariant, b: LetterVariant) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves a variant whole. Refused: no name (except the default, which reads as 標準), a name
 * another variant has, no segment (a variant nobody gets), a segment another variant is
 * for (each customer gets one letter), a list of items left empty.
 */
export function saveVariant(ctx: CommandContext, current: readonly LetterVariant[], args: SaveVariantArgs): CommandResult<{ variantId: string }> {
  const variantId = args.variantId ?? ctx.newId();
  const isDefault = variantId === DEFAULT_VARIANT_ID;
  // Saved without characters nobody sees: 標\u200b準 would read 標準 on the vendor's file.
  const name = withoutInvisible(args.name).trim();
  // The same value typed twice (全角 and 半角) is one segment.
  const segments = isDefault ? [] : [...new Map(args.segments.map((s) => [normalizeSegment(s), s.trim()])).values()];
  const problems: Problem[] = [];
  if (name === '' && !isDefault) problems.push({ field: 'name', reason: 'required' });
  // Another variant's name, or the words the unnamed default prints as (標準): the vendor's file
  // names each letter's body, and two bodies under one name could not be told apart.
  const defaultUnnamed = !isDefault && current.every((v) => v.variantId !== DEFAULT_VARIANT_ID || v.name.trim() === '');
  const taken =
    current.some((v) => v.variantId !== variantId && v.name.trim() !== '' && sameVariantName(v.name, name)) ||
    (defaultUnnamed && DEFAULT_VARIANT_WORDS.some((w) => sameVariantName(w, name))) ||
    // The default renamed to a word it already reads as is fine; another variant holding those words is not.
    (isDefault && name === '' && current.some((v) => v.variantId !== variantId && DEFAULT_VARIANT_WORDS.some((w) => sameVariantName(w, v.name))));
  if (name !== '' && taken) problems.push({ field: 'name', reason: 'taken', params: { name } });
  if (isDefault && name === '' && taken) problems.push({ field: 'name', reason: 'taken', params: { name: DEFAULT_VARIANT_WORDS[0] } });
  if (!isDefault && segments.length === 0) problems.push({ field: 'segments', reason: 'required' });
  for (const s of segments) {
    const other = current.find((v) => v.variantId !== variantId && v.variantId !== DEFAULT_VARIANT_ID && v.segments.some((x) => normalizeSegment(x) === normalizeSegment(s)));
    if (other) problems.push({ field: 'segments', reason: 'taken', params: { segment: s, variant: other.name } });
  }
  if (args.items !== null && args.items.length === 0) problems.push({ field: 'items', reason: 'required' });
  if (problems.length > 0) return refuse(problems);
  const variant: LetterVariant = { variantId, name, segments, items: args.items === null ? null : [...new Set(args.items)], addressee: args.addressee };
  const before = current.find((v) => v.variantId === variantId);
  if (before && same(before, variant)) return unchanged('name');
  return accept([{ type: 'letters.variant-saved', incidentId: args.incidentId, payload: variant }], { variantId });
}

/** Removes a variant; its customers get the default letter. The default itself stays. */
export function removeVariant(_ctx: CommandContext, current: readonly LetterVariant[], args: { incidentId: string; variantId: string }): CommandResult {
  if (args.variantId === DEFAULT_VARIANT_ID) return refuse([{ field: 'variantId', reason: 'default' }]);
  if (!current.some((v) => v.variantId === args.variantId)) return refuse([{ field: 'variantId', reason: 'not-found' }]);
  return accept([{ type: 'letters.variant-removed', incidentId: args.incidentId, payload: { variantId: args.variantId } }]);
}
