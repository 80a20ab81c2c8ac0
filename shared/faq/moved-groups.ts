/**
 * Enquiries a person moved to another group (faq.enquiry-regrouped), laid over the automatic
 * grouping (decision 030, addendum 4). The grouping is statistics over words and gets some
 * questions wrong; the people reading the groups correct it, and a correction holds whatever
 * the grouping does next (a regroup, new enquiries, another laptop's).
 *
 * - An enquiry moved "with" another goes to the group that one is in: to its automatic group,
 *   or, when that one was itself moved, wherever it went. Moved "with itself", it starts a
 *   group of its own; moved back (null), the grouping places it again.
 * - An enquiry with exactly the same words as a moved one goes with it (a vendor's log repeats
 *   a question word for word), unless it was moved itself. Where several enquiries with the
 *   same words were moved apart, the latest move counts.
 * - A chain that loops (two laptops moving two enquiries each into the other's group) makes
 *   one group of its own, the same on every laptop.
 *
 * Pure: the same groups and moves give the same result on every laptop and every screen.
 */
import type { Group } from './grouping';

export interface MovableItem {
  id: string;
  text: string;
  at: string;
  /** Undefined: never moved. Null: moved back to the automatic grouping. */
  groupWith?: string | null;
  /** When it was moved (the move's clock): of two moves of the same words, the later counts. */
  movedAt?: string;
}

/** Where a moved enquiry ends: with `root`, in root's automatic group or in a group of root's own. */
interface Placement {
  root: string;
  apart: boolean;
}

const sameWords = (text: string): string => text.trim();

const byTime =
  (moves: Moves) =>
  (a: string, b: string): number => {
    const x = moves.item(a)?.at ?? '';
    const y = moves.item(b)?.at ?? '';
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };

/** Reads the moves of a log once; `placement` then says where each enquiry ends. */
export class Moves {
  private readonly items = new Map<string, MovableItem>();
  /** Each enquiry's own move (null: moved back). */
  private readonly own = new Map<string, string | null>();
  /** Enquiries not moved themselves that go with a moved one of the same words: id → its move. */
  private readonly follows = new Map<string, string>();

  constructor(items: readonly MovableItem[]) {
    /** Words → the latest move of an enquiry with those words. */
    const byWords = new Map<string, { target: string; at: string; id: string }>();
    for (const item of items) {
      if (item.groupWith === undefined) continue;
      this.own.set(item.id, item.groupWith);
      if (item.groupWith === null) continue;
      const key = sameWords(item.text);
      if (key === '') continue;
      const at = item.movedAt ?? '';
      const prev = byWords.get(key);
      if (!prev || at > prev.at || (at === prev.at && item.id > prev.id)) byWords.set(key, { target: item.groupWith, at, id: item.id });
    }
    // A log nobody corrected (the usual case) costs one pass over it.
    if (this.own.size === 0) return;
    for (const item of items) this.items.set(item.id, item);
    if (byWords.size === 0) return;
    for (const item of this.items.values()) {
      if (this.own.has(item.id)) continue;
      const move = byWords.get(sameWords(item.text));
      if (move) this.follows.set(item.id, move.target);
    }
  }

  /** The enquiry as given. */
  item(id: string): MovableItem | undefined {
    return this.items.get(id);
  }

  /** Whether any enquiry was ever moved: without, the automatic groups stand as they are. */
  get none(): boolean {
    return this.own.size === 0;
  }

  /** Moved by a person (not only following the same words). */
  movedByHand(id: string): boolean {
    return typeof this.own.get(id) === 'string';
  }

  /** The enquiry `id` goes with: its own move, else a move of the same words; undefined: not moved. */
  private target(id: string): string | undefined {
    return this.own.has(id) ? (this.own.get(id) ?? undefined) : this.follows.get(id);
  }

  /** Where `id` ends; null when it stays where the grouping put it. */
  placement(id: string): Placement | null {
    const path = [id];
    let current = id;
    for (;;) {
      const next = this.target(current);
      // Not moved, or moved with an enquiry no longer in the log: where the grouping puts it.
      if (next === undefined || !this.items.has(next)) return current === id ? null : { root: current, apart: false };
      if (next === current) return { root: current, apart: true };
      const seen = path.indexOf(next);
      if (seen >= 0) return { root: path.slice(seen).sort()[0]!, apart: true };
      path.push(next);
      current = next;
    }
  }

  /**
   * What to store when `movingId` is moved into `group` (as shown, moves applied): the enquiry
   * that group follows, so the move holds when the grouping changes around it. Prefers the
   * group's label question when the grouping put it there.
   */
  anchorFor(group: Group, movingId: string): string | null {
    const candidates = [group.labelId, ...group.memberIds].filter((m) => m !== movingId);
    for (const m of candidates) if (this.placement(m) === null) return m;
    const first = candidates[0];
    return first === undefined ? null : this.placement(first)!.root;
  }
}

/**
 * The automatic groups with the moves applied: moved enquiries taken out of their groups and
 * put where they go, groups left empty dropped, and a group's label taken from its earliest
 * question when the label's own enquiry moved away. Largest first, as the grouping orders them.
 */
export function withMoves(groups: readonly Group[], moves: Moves): Group[] {
  if (moves.none) return groups as Group[];
  const groupOf = new Map<string, number>();
  groups.forEach((g, gi) => g.memberIds.forEach((id) => groupOf.set(id, gi)));
  const members = groups.map((g) => [...g.memberIds]);
  const apart = new Map<string, string[]>();
  for (const [id, gi] of groupOf) {
    const where = moves.placement(id);
    if (where === null) continue;
    let into: string[] | undefined;
    if (where.apart) {
      into = apart.get(where.root);
      if (!into) apart.set(where.root, (into = []));
    } else {
      const target = groupOf.get(where.root);
      // The enquiry it goes with is not grouped yet (just logged): it stays for now.
      if (target === undefined) continue;
      into = members[target]!;
    }
    const from = members[gi]!;
    from.splice(from.indexOf(id), 1);
    into.push(id);
  }
  const order = byTime(moves);
  const text = (id: string) => moves.item(id)?.text ?? '';
  const out: Group[] = [];
  groups.forEach((g, gi) => {
    const ids = members[gi]!.sort(order);
    if (ids.length === 0) return;
    const keepsLabel = ids.includes(g.labelId);
    out.push({ ...g, memberIds: ids, labelId: keepsLabel ? g.labelId : ids[0]!, label: keepsLabel ? g.label : text(ids[0]!) });
  });
  for (const [root, ids] of apart) {
    ids.sort(order);
    const labelId = ids.includes(root) ? root : ids[0]!;
    out.push({ id: `moved:${root}`, memberIds: ids, label: text(labelId), labelId, terms: [] });
  }
  const firstAt = (g: Group) => moves.item(g.memberIds[0]!)?.at ?? '';
  return out.sort((a, b) => b.memberIds.length - a.memberIds.length || (firstAt(a) < firstAt(b) ? -1 : firstAt(a) > firstAt(b) ? 1 : a.id < b.id ? -1 : 1));
}
