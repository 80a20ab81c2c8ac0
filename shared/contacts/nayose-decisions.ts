/**
 * What the 名寄せ decisions say now, and what follows from them: one letter per merged
 * cluster within a batch, and an outcome for the letter's record carried to the records
 * it covered. Undecided clusters are sent separately (every person keeps a letter of their
 * own until someone says they are the same: a wrongly merged record is a person never told).
 */
import { accept, refuse, type CommandContext, type CommandResult, type Problem } from '../events/command';
import type { HonbuEvent } from '../events/event';
import { isNayoseEvent, NAYOSE_EVENT_TYPES, type NayoseDecided, type NayoseMode } from './nayose-events';

export interface Member {
  datasetId: string;
  row: number;
  /**
   * Which letter of its cluster this record gets (members with the same number share one).
   * The screen numbers them by the letter each would be sent — a child's guardian letter
   * and a parent's own are two letters to one household. Absent: the cluster's one letter.
   */
  letter?: number;
  /** Its segment value, as the list gives it (recorded with a decision: its 文面 follows from it on every laptop). */
  segment?: string;
}

/**
 * Where a record stands with the post, for choosing who represents a letter a split made:
 * 'printed' — a sent batch of its list printed it a letter of the 文面 it has now; 'covered' —
 * a sent batch of its list held it but printed it no such letter (its list will not print
 * again); 'unsent' — no sent batch of its list holds it (its list will print).
 */
export type PostState = (m: Member, kind: string) => 'printed' | 'covered' | 'unsent';
const PREFERENCE = { printed: 0, unsent: 1, covered: 2 } as const;

export interface LiveDecision {
  eventId: string;
  merge: boolean;
  mode: NayoseMode;
  /** Members still governed by this decision (a later decision naming a row takes it over), in list order; each with its letter. */
  members: (Member & { letter: number })[];
}

const keyOf = (datasetId: string, row: number) => `${datasetId}\u0000${row}`;

/** A record's decision, by list then row: asked for every member of every letter at every sent batch, a string key per ask was most of a governance read's garbage. */
function put(byMember: Map<string, Map<number, LiveDecision>>, m: Member, d: LiveDecision): void {
  let rows = byMember.get(m.datasetId);
  if (!rows) byMember.set(m.datasetId, (rows = new Map()));
  rows.set(m.row, d);
}

export class NayoseDecisions {
  /** Per record: the live decision that governs it. */
  private readonly byMember = new Map<string, Map<number, LiveDecision>>();
  /** Decision events still in force (not undone), in clock order. */
  readonly events: { id: string; at: string; actor: string; clusters: number; merge: number }[] = [];

  /**
   * Merges whose letters were split by 文面 (kindOf): a member's 文面 changed after the merge was
   * decided. Each with its members renumbered by 文面 before a representative was chosen, and
   * their 文面: what withPosted ranks again.
   */
  private readonly split = new Map<LiveDecision, { members: (Member & { letter: number })[]; kinds: string[] }>();

  /**
   * `kindOf`: the 文面 each record's letter has now. Given, a merge's letter whose members no
   * longer share one 文面 is split into one letter per 文面 (the merge was decided while they
   * did): a guardian letter made after a parent and child were merged is still printed, not
   * covered by the parent's. The 名寄せ screen shows such a merge as undecided (decisionFor).
   */
  constructor(
    events: readonly HonbuEvent[],
    /** Each record's 文面 (given the member with its recorded segment, if any). */
    readonly kindOf?: (m: Member) => string,
    /** For a letter a split made: who represents it (a record whose list will print it, PostState). */
    postState?: PostState,
  ) {
    const undone = new Set<string>();
    for (const e of events) if (isNayoseEvent(e) && e.type === NAYOSE_EVENT_TYPES.undone) undone.add(e.payload.eventId);
    for (const e of events) {
      if (!isNayoseEvent(e) || e.type !== NAYOSE_EVENT_TYPES.decided || undone.has(e.id)) continue;
      const p = e.payload;
      for (const d of p.decisions) {
        const live: LiveDecision = { eventId: e.id, merge: d.merge, mode: p.mode, members: [] };
        for (let i = 0; i < d.members.length; i += 2) {
          const segment = d.segments?.length === 1 ? d.segments[0] : d.segments?.[i / 2];
          const m = { datasetId: p.lists[d.members[i]!]!, row: d.members[i + 1]!, letter: d.letters?.[i / 2] ?? 0, ...(segment === undefined ? {} : { segment }) };
          const before = this.of(m.datasetId, m.row);
          if (before) before.members = before.members.filter((x) => x.datasetId !== m.datasetId || x.row !== m.row);
          put(this.byMember, m, live);
          live.members.push(m);
        }
      }
      this.events.push({ id: e.id, at: e.at, actor: e.actor, clusters: p.decisions.length, merge: p.decisions.filter((d) => d.merge).length });
    }
    if (kindOf) for (const d of this.live()) this.splitByKind(d, kindOf, postState);
  }

  /** Every live decision, once. */
  private live(): Set<LiveDecision> {
    const out = new Set<LiveDecision>();
    for (const rows of this.byMember.values()) for (const d of rows.values()) out.add(d);
    return out;
  }

  /** Whether any merge was split by 文面 (kindOf). */
  get anySplit(): boolean {
    return this.split.size > 0;
  }

  /**
   * The same decisions, with the representative of each letter a split made chosen by
   * `postState` (what is in the post now) — as constructing them again with it would, but only
   * the split merges are ranked again: read as of each sent batch in turn, a whole construction
   * per batch took seconds at 20,000 merges and 30 batches (decisionsWhenSent).
   */
  withPosted(postState: PostState): NayoseDecisions {
    if (this.split.size === 0) return this;
    const next = Object.create(NayoseDecisions.prototype) as NayoseDecisions;
    // The lists' maps are copied only where a split member is placed again.
    const byMember = new Map(this.byMember);
    const copied = new Set<string>();
    const split = new Map<LiveDecision, { members: (Member & { letter: number })[]; kinds: string[] }>();
    for (const [d, base] of this.split) {
      const ranked: LiveDecision = { ...d, members: bestFirst(base.members, (m, i) => postState(m, base.kinds[i]!)) };
      split.set(ranked, base);
      for (const m of ranked.members) {
        if (!copied.has(m.datasetId)) {
          copied.add(m.datasetId);
          byMember.set(m.datasetId, new Map(byMember.get(m.datasetId)));
        }
        byMember.get(m.datasetId)!.set(m.row, ranked);
      }
    }
    Object.assign(next as unknown as Record<string, unknown>, { byMember, events: this.events, split, kindOf: this.kindOf });
    return next;
  }

  private splitByKind(d: LiveDecision, kindOf: (m: Member) => string, postState?: PostState): void {
    if (!d.merge || d.members.length < 2) return;
    const kinds = d.members.map((m) => kindOf(m));
    const kindOfLetter = new Map<number, string>();
    let split = false;
    d.members.forEach((m, i) => {
      const seen = kindOfLetter.get(m.letter);
      if (seen === undefined) kindOfLetter.set(m.letter, kinds[i]!);
      else if (seen !== kinds[i]) split = true;
    });
    if (!split) return;
    // Renumbered in order of first appearance.
    const numbers = new Map<string, number>();
    const members = d.members.map((m, i) => {
      const key = `${m.letter}\u0000${kinds[i]!}`;
      const letter = numbers.get(key) ?? numbers.set(key, numbers.size).get(key)!;
      return { ...m, letter };
    });
    this.split.set(d, { members, kinds });
    // Each letter's representative: a record already sent this letter, else one whose list will
    // print it — never one whose list's letters are in the post without it (a letter nobody
    // would print). Otherwise the first, as decided.
    d.members = postState ? bestFirst(members, (m, i) => postState(m, kinds[i]!)) : members;
  }

  /** Whether this record's merge was split because a 文面 changed after it was decided (constructed with kindOf). */
  changedSince(datasetId: string, row: number): boolean {
    const d = this.of(datasetId, row);
    return d !== undefined && this.split.has(d);
  }

  /**
   * Letters a post batch of everyone saves by the merges as they stand: one letter per merged
   * cluster and kind of letter, across lists too (the printing list's batch prints it, every
   * other list's batch leaves its members out), so members − letters.
   */
  lettersSaved(): { merged: number; apart: number; saved: number } {
    const seen = this.live();
    let merged = 0;
    let apart = 0;
    let saved = 0;
    for (const d of seen) {
      if (d.members.length < 2) continue;
      if (!d.merge) {
        apart++;
        continue;
      }
      merged++;
      saved += d.members.length - new Set(d.members.map((m) => m.letter)).size;
    }
    return { merged, apart, saved };
  }

  /** The live decision governing a record, if any. */
  of(datasetId: string, row: number): LiveDecision | undefined {
    return this.byMember.get(datasetId)?.get(row);
  }

  /**
   * Whether a cluster (its members) was decided as it stands now: 'merge', 'apart', or
   * undefined (undecided or changed since: the decision names other records too, or not all of
   * these). Members given with their letters (as the variants
   * stand now) count as changed when a merge recorded them sharing letters otherwise: a variant
   * saved after the merge is decided again rather than printed as the old letters.
   */
  decisionFor(members: readonly Member[]): 'merge' | 'apart' | undefined {
    const first = members[0] && this.of(members[0].datasetId, members[0].row);
    if (!first) return undefined;
    const same = members.every((m) => this.of(m.datasetId, m.row) === first);
    if (!same) return undefined;
    // Kept apart stays apart, whatever the suggestion holds now: never merged by 「すべてまとめる」 unasked.
    if (!first.merge) return 'apart';
    // A merge governing records the suggestion no longer holds (other rules, another mode): a different cluster.
    if (new Set(members.map((m) => keyOf(m.datasetId, m.row))).size !== first.members.length) return undefined;
    const recordedToNow = new Map<number, number>();
    const nowToRecorded = new Map<number, number>();
    for (const m of members) {
      const recorded = first.members.find((x) => x.datasetId === m.datasetId && x.row === m.row)!.letter;
      const now = m.letter ?? 0;
      if ((recordedToNow.get(recorded) ?? now) !== now || (nowToRecorded.get(now) ?? recorded) !== recorded) return undefined;
      recordedToNow.set(recorded, now);
      nowToRecorded.set(now, recorded);
    }
    return 'merge';
  }

  /**
   * The members that share this record's letter (itself included, in list order), or
   * undefined when it is not merged with anyone.
   */
  private sharing(datasetId: string, row: number): Member[] | undefined {
    const d = this.of(datasetId, row);
    if (!d?.merge || d.members.length < 2) return undefined;
    const letter = d.members.find((m) => m.datasetId === datasetId && m.row === row)!.letter;
    const same = d.members.filter((m) => m.letter === letter);
    return same.length < 2 ? undefined : same;
  }

  /** The records that share this record's letter, in every list (itself included; just itself when not merged). */
  sharingLetter(datasetId: string, row: number): Member[] {
    return (this.sharing(datasetId, row) ?? [{ datasetId, row }]).map(({ datasetId: d, row: r }) => ({ datasetId: d, row: r }));
  }

  /** The rows of a merged cluster in the same list as `row` that share its letter (itself included, ascending); [row] when not merged. */
  mergedInList(datasetId: string, row: number): number[] {
    const same = this.sharing(datasetId, row);
    if (!same) return [row];
    return same.filter((m) => m.datasetId === datasetId).map((m) => m.row).sort((a, b) => a - b);
  }

  /**
   * The record whose letter covers this one (itself when not merged). Across lists exactly one
   * list prints a merged cluster's letter: the list of its representative (the decision's first
   * member sharing that letter — as the decision recorded it, or as a split by 文面 chose it;
   * the same on every laptop),
   * addressed to that list's lowest row of them; its 照会番号 is that list's (decision 025).
   */
  letterOf(datasetId: string, row: number): Member {
    const same = this.sharing(datasetId, row);
    if (!same) return { datasetId, row };
    const printing = same[0]!.datasetId;
    return { datasetId: printing, row: Math.min(...same.filter((m) => m.datasetId === printing).map((m) => m.row)) };
  }

  /** The records of other lists that share this one's letter (their letter is one letter with this one's). */
  mergedElsewhere(datasetId: string, row: number): Member[] {
    const same = this.sharing(datasetId, row);
    if (!same) return [];
    return same.filter((m) => m.datasetId !== datasetId).map(({ datasetId: d, row: r }) => ({ datasetId: d, row: r }));
  }
}

/**
 * The letters of a batch: within the batch, each merged cluster gets one letter, addressed
 * to its first row in the batch; the others are covered by it. A member whose cluster's letter
 * is printed by another list (letterOf) gets none here: `elsewhere` says which record's letter
 * covers it. Every row stays in the batch (its status is its own); only the letters and the
 * files collapse. The same rows and decisions give the same letters in whatever order the
 * lists' batches were made, on whichever laptop. `changed`: how many merges of the batch's rows
 * print more letters than they were decided with, because a 文面 changed since (kindOf).
 */
export function collapseLetters(
  datasetId: string,
  rows: readonly number[],
  decisions: NayoseDecisions,
): { letters: number[]; coveredBy: Map<number, number>; elsewhere: Map<number, Member>; changed: number } {
  const inBatch = new Set(rows);
  const coveredBy = new Map<number, number>();
  const elsewhere = new Map<number, Member>();
  const letters: number[] = [];
  const changed = new Set<LiveDecision>();
  for (const row of [...rows].sort((a, b) => a - b)) {
    if (decisions.changedSince(datasetId, row)) changed.add(decisions.of(datasetId, row)!);
    const letter = decisions.letterOf(datasetId, row);
    if (letter.datasetId !== datasetId) {
      elsewhere.set(row, letter);
      continue;
    }
    const group = decisions.mergedInList(datasetId, row);
    const first = group.find((r) => inBatch.has(r))!;
    if (first === row) letters.push(row);
    else coveredBy.set(row, first);
  }
  return { letters, coveredBy, elsewhere, changed: changed.size };
}

/** A result recorded for a letter's record, carried to every record that letter covered (same event: undo undoes all). */
export interface OutcomeRows<O = string> {
  datasetId: string;
  channel: string;
  rows: number[];
  outcomes: O[];
  reasons: string[];
  notes: string[];
}

/**
 * Who shares a record's letter: the decisions themselves (`sharingLetter`), or — for a result of a
 * letter in the post — the records that letter really covered (`letterMates` in nayose-across.ts).
 */
export type LetterMates = NayoseDecisions | ((datasetId: string, row: number) => Member[]);
export const matesOf = (mates: LetterMates) => (mates instanceof NayoseDecisions ? (d: string, r: number) => mates.sharingLetter(d, r) : mates);

export function fanOutOutcomes<O, P extends OutcomeRows<O>>(plan: P, decisions: LetterMates): P {
  if (plan.channel !== 'post') return plan;
  const mates = matesOf(decisions);
  const named = new Set(plan.rows);
  const rows = [...plan.rows];
  const outcomes = [...plan.outcomes];
  const reasons = [...plan.reasons];
  const notes = [...plan.notes];
  plan.rows.forEach((row, i) => {
    const others = mates(plan.datasetId, row).filter((m) => m.datasetId === plan.datasetId).map((m) => m.row).sort((a, b) => a - b);
    for (const other of others) {
      if (named.has(other)) continue;
      named.add(other);
      rows.push(other);
      outcomes.push(plan.outcomes[i]!);
      reasons.push(plan.reasons[i]!);
      notes.push(plan.notes[i] ?? '');
    }
  });
  return rows.length === plan.rows.length ? plan : { ...plan, rows, outcomes, reasons, notes };
}

export interface NayoseProblem extends Problem {
  reason: 'required' | 'not-found';
}

/** What the screen asks: clusters (members in list order, representative first) and merge or keep apart for each. */
export interface DecideRequest {
  mode: NayoseMode;
  clusters: { members: Member[]; merge: boolean }[];
}

/** Where a record stands with the post now (PostState for its 文面 now): who should represent its letter. */
export type PostRank = (m: Member) => 'printed' | 'unsent' | 'covered';

/**
 * A merged cluster's members with each letter's representative first among those sharing it —
 * the record whose list prints that letter (letterOf). As the screen sends them (the first
 * list's lowest row), unless a better one shares the letter: a record already sent a letter of
 * this kind keeps it as the person's one letter (so no list prints them a second one, the
 * duplicate letters 名寄せ is for); else a record whose list has not sent its letters yet —
 * never one whose list's letters went out without this kind (nobody would print it). The
 * cluster's first member is the first letter's representative.
 */
export function representativeFirst(members: readonly Member[], rank: PostRank): Member[] {
  return bestFirst(members, (m) => rank(m));
}

/** Members with the best-placed of each letter (PREFERENCE, then the order given) moved to that letter's first place. */
function bestFirst<M extends Member>(members: readonly M[], stand: (m: M, i: number) => keyof typeof PREFERENCE): M[] {
  const out = [...members];
  const ranks = out.map((m, i) => PREFERENCE[stand(m, i)]);
  for (const letter of new Set(out.map((m) => m.letter ?? 0))) {
    const first = out.findIndex((m) => (m.letter ?? 0) === letter);
    let best = first;
    for (let i = first + 1; i < out.length; i++) if ((out[i]!.letter ?? 0) === letter && ranks[i]! < ranks[best]!) best = i;
    if (best === first) continue;
    const [m] = out.splice(best, 1);
    const [r] = ranks.splice(best, 1);
    out.splice(first, 0, m!);
    ranks.splice(first, 0, r!);
  }
  return out;
}

export function decideClusters(_ctx: CommandContext, state: { incidentId: string; posted?: PostRank }, args: DecideRequest): CommandResult<number> {
  const posted = state.posted;
  const clusters = args.clusters
    .filter((c) => c.members.length >= 2)
    .map((c) => (c.merge && posted ? { ...c, members: representativeFirst(c.members, posted) } : c));
  if (clusters.length === 0) return refuse([{ field: 'clusters', reason: 'required' } satisfies NayoseProblem]);
  const lists: string[] = [];
  const listIndex = new Map<string, number>();
  const indexOf = (id: string) => {
    let i = listIndex.get(id);
    if (i === undefined) {
      i = lists.push(id) - 1;
      listIndex.set(id, i);
    }
    return i;
  };
  const decisions: NayoseDecided['decisions'] = clusters.map((c) => {
    const members = c.members.flatMap((m) => [indexOf(m.datasetId), m.row]);
    // Numbered in order of first appearance; written only when the members need more than one letter.
    const seen = new Map<number, number>();
    const letters = c.members.map((m) => seen.get(m.letter ?? 0) ?? seen.set(m.letter ?? 0, seen.size).get(m.letter ?? 0)!);
    // Each member's segment, when the screen gave every one: every laptop reads the 文面 from it (one value when all share it).
    const given = c.merge && c.members.every((m) => m.segment !== undefined) ? c.members.map((m) => m.segment!) : null;
    const segments = given ? { segments: given.every((x) => x === given[0]) ? [given[0]!] : given } : {};
    return c.merge && seen.size > 1 ? { merge: c.merge, members, letters, ...segments } : { merge: c.merge, members, ...segments };
  });
  return accept([{ type: NAYOSE_EVENT_TYPES.decided, incidentId: state.incidentId, payload: { lists, mode: args.mode, decisions } }], clusters.length);
}

export function undoDecision(_ctx: CommandContext, state: { incidentId: string; live: boolean }, args: { eventId: string }): CommandResult {
  if (!state.live) return refuse([{ field: 'decision', reason: 'not-found' } satisfies NayoseProblem]);
  return accept([{ type: NAYOSE_EVENT_TYPES.undone, incidentId: state.incidentId, payload: { eventId: args.eventId } }]);
}
