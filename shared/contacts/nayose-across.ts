/**
 * 名寄せ across lists: a merged cluster spanning lists gets one letter, printed by one list
 * (NayoseDecisions.letterOf). A post result for any member holds for every member, in every
 * list — each list's share is its own `outcomes-recorded` event (statuses live per list), all
 * appended together and carrying one `linked` id, so undoing any of them takes all back.
 */
import { accept, type CommandContext, type CommandResult } from '../events/command';
import type { HonbuEvent } from '../events/event';
import type { AnyDraft } from '../events/registry';
import type { UndoState } from './applied-lists';
import { type OutcomeRecord, recordOutcomes, undoEvent, undoList } from './commands';
import type { Outcome } from './fallback';
import { CONTACT_EVENT_TYPES, isContactEvent, undoneIds } from './events';
import { type LetterMates, matesOf, type Member, NayoseDecisions, type OutcomeRows, type PostRank, type PostState } from './nayose-decisions';
import { isNayoseEvent, NAYOSE_EVENT_TYPES } from './nayose-events';
import { isLetterEvent, letterEvents } from '../letters/events';
import { foldVariants, variantResolver } from '../letters/variants';

/** The batches' and the 名寄せ decisions' event types (a batch's letters follow them). */
export const POSTED_EVENT_TYPES: string[] = [
  CONTACT_EVENT_TYPES.batchCreated,
  CONTACT_EVENT_TYPES.batchSent,
  CONTACT_EVENT_TYPES.batchCancelled,
  CONTACT_EVENT_TYPES.eventUndone,
  ...Object.values(NAYOSE_EVENT_TYPES),
];

/** A sent post batch's rows and the decisions its letters went out by. */
interface SentBatch {
  datasetId: string;
  rows: readonly number[];
  decisions: NayoseDecisions;
  holds?: (row: number) => boolean;
}

const batchHolds = (b: SentBatch, row: number) => (b.holds ??= rowTest(b.rows))(row);

/** Where each record stands with the post, by these sent batches (the latest holding it counts). */
function postStateOf(sent: readonly SentBatch[]): PostState {
  return (m, kind) => {
    for (let i = sent.length - 1; i >= 0; i--) {
      const b = sent[i]!;
      if (b.datasetId !== m.datasetId || !batchHolds(b, m.row)) continue;
      const printedHere = b.decisions.letterOf(m.datasetId, m.row).datasetId === m.datasetId;
      const sameKind = !b.decisions.kindOf || b.decisions.kindOf(m) === kind;
      return printedHere && sameKind ? 'printed' : 'covered';
    }
    return 'unsent';
  };
}

/**
 * Per post batch marked sent and not called off (neither undone): the 名寄せ decisions as they
 * stood when it was marked sent. Its letters are in the post: a decision made afterwards cannot
 * change whom they went to, so the batch's letters, files and gift codes are read by these.
 * With `segmentOf`, a merge whose members' 文面 differed then was split as it was printed.
 * Events in clock order, so every laptop agrees.
 */
export function decisionsWhenSent(events: readonly HonbuEvent[], segmentOf?: SegmentOf): { byBatch: Map<string, NayoseDecisions>; sent: SentBatch[] } {
  const { byBatch, sent } = readSent(events, segmentOf);
  return { byBatch, sent };
}

/** decisionsWhenSent, with what the read leaves for the decisions now: every 名寄せ and 文面 event, and the decisions as the last batch found them (null when changed since, or no batch). */
function readSent(events: readonly HonbuEvent[], segmentOf?: SegmentOf) {
  const undone = undoneIds(events);
  const variants: HonbuEvent[] = [];
  const created = new Map<string, { datasetId: string; rows: readonly number[] }>();
  const off = new Set<string>();
  for (const e of events) if (!undone.has(e.id) && isContactEvent(e) && e.type === CONTACT_EVENT_TYPES.batchCancelled) off.add(e.payload.batchId);
  const decided: HonbuEvent[] = [];
  const byBatch = new Map<string, NayoseDecisions>();
  const sent: SentBatch[] = [];
  let then: NayoseDecisions | null = null;
  // The decisions and 文面 so far, constructed once; only its split letters are ranked again per batch.
  let base: NayoseDecisions | null = null;
  for (const e of events) {
    if (isNayoseEvent(e)) {
      decided.push(e);
      then = null;
      base = null;
    }
    if (isLetterEvent(e)) {
      variants.push(e);
      // The 文面 split letters only when the segments are known.
      if (segmentOf) {
        then = null;
        base = null;
      }
    }
    if (undone.has(e.id) || !isContactEvent(e)) continue;
    if (e.type === CONTACT_EVENT_TYPES.batchCreated && e.payload.channel === 'post') created.set(e.payload.batchId, e.payload);
    if (e.type !== CONTACT_EVENT_TYPES.batchSent || off.has(e.payload.batchId) || byBatch.has(e.payload.batchId)) continue;
    const b = created.get(e.payload.batchId);
    if (!b) continue;
    // The letters went out split by the 文面 as they stood then (a merge whose 文面 differed got a letter per 文面).
    if (!then) {
      const posted = segmentOf && postStateOf(sent.slice());
      base ??= new NayoseDecisions(decided, segmentOf && kindsBy(variants, segmentOf), posted);
      then = posted ? base.withPosted(posted) : base;
    }
    byBatch.set(e.payload.batchId, then);
    sent.push({ datasetId: b.datasetId, rows: b.rows, decisions: then });
    // Who represents a split letter depends on what is in the post: read again for the next batch.
    if (then.anySplit) then = null;
  }
  return { byBatch, sent, decided, variants, base };
}

/**
 * Where each record stands with the post now, by the batches marked sent (PostState), for the
 * 文面 it has now — its segment as the screen gives it (or `segmentOf`) under the 文面 events
 * among `events`: who should represent a letter when a merge is decided.
 */
export function postRanks(events: readonly HonbuEvent[], segmentOf: SegmentOf = () => ''): PostRank {
  const { sent, variants } = readSent(events, segmentOf);
  return ranksBy(postStateOf(sent), kindsBy(variants, segmentOf));
}

const ranksBy = (state: PostState, kind: (m: Member) => string): PostRank => (m) => state(m, kind(m));

/**
 * Which decisions a record's letter went out by: those of the latest post batch marked sent
 * that holds the record (decisionsWhenSent), or — not in the post yet — the decisions now.
 * Batches are looked up as asked (a batch of 20M rows is not turned into a map of its rows).
 */
export interface LetterGovernance {
  now: NayoseDecisions;
  /**
   * Where each record stands with the post now (as postRanks gives it, from the same read): who
   * should represent a letter when a merge is decided. Absent when no batch was read.
   */
  rank?: PostRank;
  /** Per post batch marked sent: the decisions as they stood then (decisionsWhenSent). */
  sent: ReadonlyMap<string, NayoseDecisions>;
  of(datasetId: string, row: number): NayoseDecisions;
}

/** Each named record's segment value, as this laptop's lists give it ('' when it does not hold the list). */
export type SegmentOf = (m: Member) => string;

/** The event types letterGovernance reads: the batches', the 名寄せ decisions' and the 文面's. */
export const GOVERNANCE_EVENT_TYPES: string[] = [...POSTED_EVENT_TYPES, ...Object.keys(letterEvents)];

/** Each member's 文面 by the variants these events leave: its recorded segment, else the list's (each value resolved once). */
function kindsBy(variantEvents: readonly HonbuEvent[], segmentOf: SegmentOf): (m: Member) => string {
  const resolve = variantResolver(foldVariants(variantEvents));
  const bySegment = new Map<string, string>();
  return (m) => {
    const segment = m.segment ?? segmentOf(m);
    let kind = bySegment.get(segment);
    if (kind === undefined) bySegment.set(segment, (kind = resolve(segment).variantId));
    return kind;
  };
}

/** Every record a 名寄せ decision (in force or not) named without its segment: whose segments `segmentOf` must read from the lists. */
export function namedMembers(events: readonly HonbuEvent[]): Member[] {
  const out: Member[] = [];
  for (const e of events) {
    if (!isNayoseEvent(e) || e.type !== NAYOSE_EVENT_TYPES.decided) continue;
    for (const d of e.payload.decisions) {
      if (d.segments) continue;
      for (let i = 0; i < d.members.length; i += 2) out.push({ datasetId: e.payload.lists[d.members[i]!]!, row: d.members[i + 1]! });
    }
  }
  return out;
}

/**
 * `segmentOf` given (with the 文面 events among `events`), a merge whose members' 文面 differ —
 * now, or when a batch was marked sent — is split into a letter per 文面 (NayoseDecisions); a
 * letter the split made is represented by a record whose list prints it (PostState).
 */
export function letterGovernance(events: readonly HonbuEvent[], segmentOf?: SegmentOf): LetterGovernance {
  const { byBatch, sent: posted, decided, variants, base } = readSent(events, segmentOf);
  const state = postStateOf(posted);
  const kind = kindsBy(variants, segmentOf ?? (() => ''));
  // Nothing decided or written since the last batch: its decisions, ranked by the post as it is now.
  const now = base ? (segmentOf ? base.withPosted(state) : base) : new NayoseDecisions(decided, segmentOf && kind, segmentOf && state);
  return {
    now,
    rank: ranksBy(state, kind),
    sent: byBatch,
    of(datasetId, row) {
      for (let i = posted.length - 1; i >= 0; i--) if (posted[i]!.datasetId === datasetId && batchHolds(posted[i]!, row)) return posted[i]!.decisions;
      return now;
    },
  };
}

/** Membership of a batch's rows: a binary search when ascending (as batches are made), a set otherwise. */
function rowTest(rows: readonly number[]): (row: number) => boolean {
  let ascending = true;
  for (let i = 1; i < rows.length && ascending; i++) ascending = rows[i - 1]! < rows[i]!;
  if (!ascending) {
    const set = new Set(rows);
    return (row) => set.has(row);
  }
  return (row) => {
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]! === row) return true;
      if (rows[mid]! < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
}

/**
 * The records a letter covered, besides the one a result names: the records whose letter — by
 * the decisions it went out by — is that record's letter. A merge decided or changed after a
 * letter was posted neither takes records off it that it did tell, nor puts records on it that
 * got a letter of their own (a child's guardian letter kept apart after the parent's was sent).
 */
export function letterMates(g: LetterGovernance): (datasetId: string, row: number) => Member[] {
  return (datasetId, row) => {
    const own = g.of(datasetId, row);
    const letter = own.letterOf(datasetId, row);
    const candidates = new Map<string, Member>();
    for (const d of [own, g.now]) for (const m of d.sharingLetter(datasetId, row)) candidates.set(`${m.datasetId}\u0000${m.row}`, m);
    candidates.delete(`${datasetId}\u0000${row}`);
    return [...candidates.values()].filter((m) => {
      const theirs = g.of(m.datasetId, m.row).letterOf(m.datasetId, m.row);
      return theirs.datasetId === letter.datasetId && theirs.row === letter.row;
    });
  };
}

/**
 * The shares of other lists of a post result: per list, the members merged with a row of the
 * plan, with that row's outcome, reason and note. Lists in the order first met, rows once each.
 */
export function carryAcross<O>(plan: OutcomeRows<O>, decisions: LetterMates): OutcomeRows<O>[] {
  if (plan.channel !== 'post') return [];
  const mates = matesOf(decisions);
  const byList = new Map<string, OutcomeRows<O>>();
  const named = new Set<string>();
  plan.rows.forEach((row, i) => {
    for (const m of mates(plan.datasetId, row).filter((x) => x.datasetId !== plan.datasetId)) {
      const key = `${m.datasetId}\u0000${m.row}`;
      if (named.has(key)) continue;
      named.add(key);
      let share = byList.get(m.datasetId);
      if (!share) byList.set(m.datasetId, (share = { datasetId: m.datasetId, channel: plan.channel, rows: [], outcomes: [], reasons: [], notes: [] }));
      share.rows.push(m.row);
      share.outcomes.push(plan.outcomes[i]!);
      share.reasons.push(plan.reasons[i]!);
      share.notes.push(plan.notes[i] ?? '');
    }
  });
  return [...byList.values()];
}

/** A result event linked to others (one letter's result carried across lists): its dataset and id. */
export interface LinkedEvent {
  datasetId: string;
  eventId: string;
}

/**
 * The live events one result made together with `eventId` (itself included, its own first):
 * those sharing its `linked` id and not undone. Just itself when it carries no link.
 */
export function linkedEvents(events: readonly HonbuEvent[], datasetId: string, eventId: string): LinkedEvent[] {
  const self = { datasetId, eventId };
  const own = events.find((e) => e.id === eventId);
  if (!own || !isContactEvent(own) || own.type !== CONTACT_EVENT_TYPES.outcomesRecorded || !own.payload.linked) return [self];
  const link = own.payload.linked;
  const undone = undoneIds(events);
  const out: LinkedEvent[] = [self];
  for (const e of events) {
    if (e.id === eventId || undone.has(e.id) || !isContactEvent(e) || e.type !== CONTACT_EVENT_TYPES.outcomesRecorded) continue;
    if (e.payload.linked === link) out.push({ datasetId: e.payload.datasetId, eventId: e.id });
  }
  return out;
}

/**
 * A post result with its shares in other lists: one `outcomes-recorded` event per list, all
 * in one append, linked by one id (no link when nothing is carried: the event is as before).
 */
export function recordLetterResult(ctx: CommandContext, state: { incidentId: string }, plan: OutcomeRecord, carried: readonly OutcomeRows<Outcome>[]): CommandResult {
  if (carried.length === 0) return recordOutcomes(ctx, state, plan);
  const linked = ctx.newId();
  const shares: OutcomeRecord[] = [
    { ...plan, linked },
    ...carried.map((c) => ({ datasetId: c.datasetId, channel: plan.channel, source: plan.source, rows: c.rows, outcomes: c.outcomes, reasons: c.reasons, notes: c.notes, listName: plan.listName, linked })),
  ];
  const events: AnyDraft[] = [];
  for (const share of shares) {
    const r = recordOutcomes(ctx, state, share);
    if (!r.ok) return r;
    events.push(...r.events);
  }
  return accept(events);
}

/**
 * Undoes a result and every share linked to it. As an applied list (`checked`), refused unless
 * each share is still the latest change to its list's customers — one share alone is never
 * taken back, so no record of the cluster keeps a result the others lost.
 */
export function undoLinked(
  ctx: CommandContext,
  state: { incidentId: string; shares: (LinkedEvent & { list?: UndoState })[]; checked: boolean },
): CommandResult {
  const events: AnyDraft[] = [];
  for (const s of state.shares) {
    const r = state.checked ? undoList(ctx, { incidentId: state.incidentId, list: s.list }, s) : undoEvent(ctx, state, s);
    if (!r.ok) return r;
    events.push(...r.events);
  }
  return accept(events);
}
