/**
 * Which enquiries an FAQ entry answers, with the moves people made laid over its groups
 * (decision 030, addenda 5 and 8): a question no longer where it was attached is not answered
 * by the entry.
 */
import type { Enquiry, FaqEntry } from './model';
import { Moves, movableOf } from './moved-groups';

/**
 * When each enquiry was last taken away from where the grouping puts it (moved by a person, or
 * following a moved question of the same words; not one put back), by id.
 */
export function movedAway(enquiries: Iterable<Pick<Enquiry, 'id' | 'question' | 'at' | 'groupWith' | 'keptWith'> & { stamps?: Enquiry['stamps'] }>): Map<string, string> {
  const list = [...enquiries];
  return awayBy(new Moves(list.map(movableOf)), list);
}

/** movedAway, from the moves already read of the same enquiries (a screen keeps them). */
export function awayBy(moves: Moves, enquiries: Iterable<{ id: string }>): Map<string, string> {
  const out = new Map<string, string>();
  if (moves.none) return out;
  for (const e of enquiries) {
    const at = moves.awayAt(e.id);
    if (at !== undefined) out.set(e.id, at);
  }
  return out;
}

/**
 * The enquiries an entry's groups still hold: those attached, less those moved since (movedAway)
 * — each still where it was when attached (FaqEntry.linkedFrom: at home, or away since the same
 * move); attached before that was recorded, not taken away after the attaching.
 */
export function linkedNow(entry: Pick<FaqEntry, 'linkedEnquiryIds' | 'linkedAt' | 'linkedFrom'>, away: ReadonlyMap<string, string>): string[] {
  const from = entry.linkedFrom;
  if (away.size === 0 && !from) return entry.linkedEnquiryIds;
  return entry.linkedEnquiryIds.filter((id) => {
    const at = away.get(id);
    const was = from?.[id];
    if (was !== undefined) return (at ?? '') === was;
    return at === undefined || at < (entry.linkedAt?.[id] ?? '');
  });
}

/**
 * Enquiry ids that an FAQ entry answers: answered from one, used, or attached as a variant
 * and not moved to another group since (a question moved out of the group is not answered by it).
 */
export function answeredEnquiryIds(
  entries: Iterable<Pick<FaqEntry, 'usedBy' | 'linkedEnquiryIds' | 'linkedAt' | 'linkedFrom'>>,
  enquiries: Iterable<Pick<Enquiry, 'id' | 'answerEntryId'> & Partial<Pick<Enquiry, 'question' | 'at' | 'groupWith' | 'keptWith' | 'stamps'>>>,
  /** movedAway of the same enquiries, when the caller has it already. */
  away?: ReadonlyMap<string, string>,
): Set<string> {
  const list = [...enquiries];
  const moved = away ?? movedAway(list.map((e) => ({ id: e.id, question: e.question ?? '', at: e.at ?? '', groupWith: e.groupWith, keptWith: e.keptWith, stamps: e.stamps })));
  const out = new Set<string>();
  for (const entry of entries) {
    for (const id of entry.usedBy) out.add(id);
    for (const id of linkedNow(entry, moved)) out.add(id);
  }
  for (const enquiry of list) if (enquiry.answerEntryId !== null) out.add(enquiry.id);
  return out;
}
