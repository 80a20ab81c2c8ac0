/**
 * Enquiries a person moved to another group (faq.enquiry-regrouped), laid over the automatic
 * grouping (decision 030, addendum 4). The grouping is statistics over words and gets some
 * questions wrong; the people reading the groups correct it, and a correction holds whatever
 * the grouping does next (a regroup, new enquiries, another laptop's).
 *
 * Where a moved enquiry goes (`groupWith`), one of:
 * - another enquiry's id: the group the grouping puts that enquiry in — its automatic group,
 *   whatever anyone did to that enquiry itself, so moving it never drags others along;
 * - a group people made (`g:` and a key): every enquiry moved into it, as long as any is;
 * - null: back where the grouping puts it.
 * An enquiry with exactly the same words (trimmed) as a moved one goes with it, unless it was
 * moved (or put back) itself; of two moves of the same words, the later counts. A vendor's log
 * repeats a question word for word.
 *
 * Pure and linear in the log: the same groups and moves give the same result on every laptop
 * and every screen, and no chain of moves is ever followed.
 */
import type { Group } from './grouping';
import type { Enquiry, KeptTwin } from './model';

export interface MovableItem {
  id: string;
  text: string;
  at: string;
  /** Undefined: never moved. Null: put back to the automatic grouping. */
  groupWith?: string | null;
  /** When it was moved (the move's clock): of two moves of the same words, the later counts. */
  movedAt?: string;
  /**
   * The questions of the same words the move did not take away from anything: at home in the
   * group it went to, or already moved there (Moves.keptBy). They go with it like the others.
   */
  kept?: readonly KeptTwin[];
}

/**
 * An enquiry as the moves read it. The questions a move kept (Enquiry.keptWith) count only with
 * the move they were stored with: a later move that kept none leaves an older list behind.
 */
export function movableOf(e: Pick<Enquiry, 'id' | 'question' | 'at' | 'groupWith' | 'keptWith'> & { stamps?: Enquiry['stamps'] }): MovableItem {
  const movedAt = e.stamps?.['groupWith'];
  const kept = e.keptWith !== undefined && movedAt !== undefined && e.stamps?.['keptWith'] === movedAt ? e.keptWith : undefined;
  return { id: e.id, text: e.question, at: e.at, groupWith: e.groupWith, movedAt, ...(kept ? { kept } : {}) };
}

/** The start of a group people made: `g:` and its key. */
export const MADE_GROUP = 'g:';
/** Asked of the command for a new group of the question alone: it gives the key. */
export const NEW_GROUP = MADE_GROUP;
const MADE_ID = 'moved:';

/** Where a moved enquiry ends: in the automatic group of `with`, or in the group people made `made`. */
export type Placement = { with: string } | { made: string };

const sameWords = (text: string): string => text.trim();

/** Reads the moves of a log once; `placement` then says where each enquiry ends. */
export class Moves {
  private readonly items = new Map<string, MovableItem>();
  /** Each enquiry's own move (null: put back). */
  private readonly own = new Map<string, string | null>();
  /** Enquiries not moved themselves that go with a moved one of the same words: id → its move. */
  private readonly follows = new Map<string, string>();
  /** When the move each follower follows was made. */
  private readonly followsAt = new Map<string, string>();
  /** Followers the move they follow kept (MovableItem.kept): since when each was away before it (undefined: at home). */
  private readonly keptAway = new Map<string, string | undefined>();

  constructor(items: readonly MovableItem[]) {
    /** Words → the latest move of an enquiry with those words (null: the latest put it back). */
    const byWords = new Map<string, { target: string | null; at: string; id: string; kept: readonly KeptTwin[] | undefined }>();
    for (const item of items) {
      if (item.groupWith === undefined) continue;
      this.own.set(item.id, item.groupWith);
      const key = sameWords(item.text);
      if (key === '') continue;
      const at = item.movedAt ?? '';
      const prev = byWords.get(key);
      if (!prev || at > prev.at || (at === prev.at && item.id > prev.id)) byWords.set(key, { target: item.groupWith, at, id: item.id, kept: item.kept });
    }
    // A log nobody corrected (the usual case) costs one pass over it.
    if (this.own.size === 0) return;
    for (const item of items) this.items.set(item.id, item);
    if (byWords.size === 0) return;
    // Each winning move's kept questions, looked up by id (a vendor's log repeats a question thousands of times).
    const keptBy = new Map<string, Map<string, string | undefined>>();
    for (const [key, move] of byWords) {
      if (!move.kept?.length) continue;
      // An away time after the move itself (forged) reads as the move's.
      keptBy.set(key, new Map(move.kept.map((k) => [k.id, k.awayAt === undefined ? undefined : k.awayAt < move.at ? k.awayAt : move.at])));
    }
    for (const item of items) {
      if (this.own.has(item.id)) continue;
      const key = sameWords(item.text);
      const move = byWords.get(key);
      // The latest move of these words put its question back: the others go back too.
      if (move?.target) {
        this.follows.set(item.id, move.target);
        this.followsAt.set(item.id, move.at);
        const kept = keptBy.get(key);
        if (kept?.has(item.id)) this.keptAway.set(item.id, kept.get(item.id));
      }
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

  /** Where `id` ends; null when it stays where the grouping puts it. */
  placement(id: string): Placement | null {
    const own = this.own.has(id);
    const target = own ? this.own.get(id) : this.follows.get(id);
    if (target === undefined || target === null) return null;
    if (target.startsWith(MADE_GROUP)) return { made: target };
    if (target === id) {
      // Moved "with itself" (as the first version stored a group of its own) starts one; the
      // same words moved beside this very question leave it where it is.
      return own ? { made: `${MADE_GROUP}${id}` } : null;
    }
    // With an enquiry no longer in the log: where the grouping puts it.
    return this.items.has(target) ? { with: target } : null;
  }

  /**
   * When a person last took `id` away from where the grouping puts it — its own move, or the
   * move of the same words it follows; undefined when it is where the grouping puts it (never
   * moved, or put back).
   */
  awayAt(id: string): string | undefined {
    if (this.placement(id) === null) return undefined;
    if (this.keptAway.has(id)) return this.keptAway.get(id);
    return this.own.has(id) ? (this.items.get(id)?.movedAt ?? '') : (this.followsAt.get(id) ?? '');
  }

  /** Moved by a person, to somewhere it still goes ("back to automatic" is offered). */
  movedByHand(id: string): boolean {
    return typeof this.own.get(id) === 'string' && this.placement(id) !== null;
  }

  /** How many other questions have exactly the same words and go where this one is moved (not moved themselves). */
  sameWordsAs(id: string, items: readonly { id: string; text: string }[]): number {
    const key = sameWords(items.find((i) => i.id === id)?.text ?? '');
    if (key === '') return 0;
    return items.filter((i) => i.id !== id && !this.own.has(i.id) && sameWords(i.text) === key).length;
  }

  /**
   * What a move of `movingId` into `group` (as shown) keeps (MovableItem.kept): the questions of
   * its words, not moved themselves, that the move does not take away from anything — those the
   * grouping puts in `group` (at home there, wherever an earlier move of their words took them),
   * and those an earlier move already took there (away since then, as before). The others follow
   * it away from where they are.
   */
  keptBy(group: Group, movingId: string, items: readonly { id: string; text: string }[], homeOf: (id: string) => string | undefined): KeptTwin[] {
    const key = sameWords(items.find((i) => i.id === movingId)?.text ?? '');
    if (key === '') return [];
    const there = new Set(group.memberIds);
    const out: KeptTwin[] = [];
    for (const i of items) {
      if (i.id === movingId || this.own.has(i.id) || sameWords(i.text) !== key) continue;
      const away = homeOf(i.id) === group.id ? undefined : there.has(i.id) ? this.awayAt(i.id) : null;
      if (away !== null) out.push(away === undefined ? { id: i.id } : { id: i.id, awayAt: away });
    }
    return out;
  }

  /** Not moved itself, but with a moved question of the same words. */
  followsWords(id: string): boolean {
    return !this.own.has(id) && this.placement(id) !== null;
  }

  /**
   * What to store when `movingId` is moved into `group` (as shown, moves applied): a group
   * people made by its key; an automatic group by one of the questions the grouping put there
   * (its label question first), so the move holds when the grouping changes around it; null
   * when that group is the one the grouping puts `movingId` in (it goes back).
   */
  anchorFor(group: Group, movingId: string): string | null {
    if (group.id.startsWith(MADE_ID)) return group.id.slice(MADE_ID.length);
    const candidates = [group.labelId, ...group.memberIds].filter((m) => m !== movingId);
    for (const m of candidates) if (this.placement(m) === null) return m;
    // Only questions moved in: they name the automatic group the others were moved out of —
    // the moving question's own, when it is moving back there (null: back to automatic).
    for (const m of candidates) {
      const where = this.placement(m);
      if (where && 'with' in where) return where.with === movingId ? null : where.with;
    }
    return null;
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
  const members: string[][] = groups.map(() => []);
  const made = new Map<string, string[]>();
  groups.forEach((g, gi) => {
    for (const id of g.memberIds) {
      const where = moves.placement(id);
      let into = members[gi]!;
      if (where && 'made' in where) {
        into = made.get(where.made) ?? [];
        made.set(where.made, into);
      } else if (where) {
        // The enquiry it goes with is not grouped yet (just logged): it stays for now.
        const target = groupOf.get(where.with);
        if (target !== undefined) into = members[target]!;
      }
      into.push(id);
    }
  });
  const at = (id: string) => moves.item(id)?.at ?? '';
  const order = (a: string, b: string) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a < b ? -1 : a > b ? 1 : 0);
  const text = (id: string) => moves.item(id)?.text ?? '';
  const out: Group[] = [];
  groups.forEach((g, gi) => {
    const ids = members[gi]!.sort(order);
    if (ids.length === 0) return;
    const keepsLabel = ids.includes(g.labelId);
    out.push({ ...g, memberIds: ids, labelId: keepsLabel ? g.labelId : ids[0]!, label: keepsLabel ? g.label : text(ids[0]!) });
  });
  for (const [key, ids] of made) {
    ids.sort(order);
    out.push({ id: `${MADE_ID}${key}`, memberIds: ids, label: text(ids[0]!), labelId: ids[0]!, terms: [] });
  }
  const firstAt = (g: Group) => at(g.memberIds[0]!);
  return out.sort((a, b) => b.memberIds.length - a.memberIds.length || (firstAt(a) < firstAt(b) ? -1 : firstAt(a) > firstAt(b) ? 1 : a.id < b.id ? -1 : 1));
}
